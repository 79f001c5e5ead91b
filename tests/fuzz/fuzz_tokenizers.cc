// tests/fuzz/fuzz_tokenizers.cc
//
// The pipelines are written as HF tokenizer.json documents built with
// nlohmann::json, so the fuzzers also cover the JSON factories' happy path.

#include "tests/fuzz/fuzz_tokenizers.h"

#include <memory>
#include <string>
#include <utility>

#include "common/status_macros.h"
#include "nlohmann/json.hpp"
#include "tokenizers/byte_level_alphabet.h"
#include "tokenizers/decoders/decoder_factory.h"
#include "tokenizers/io/tokenizer_json.h"
#include "tokenizers/models/bpe_model.h"
#include "tokenizers/pre_tokenizers/known_patterns.h"

namespace tokenforge {
namespace fuzz {
namespace {

using nlohmann::json;

// Raw-byte merges in rank order; each part is a byte or an earlier result.
// They cover ASCII words, a 2-byte and a 4-byte UTF-8 character (so that
// merges stop inside characters), whitespace runs and digits.
const std::pair<const char*, const char*> kMerges[] = {
    {"t", "h"},    {"h", "e"},          {" ", "t"},          {"th", "e"},
    {" t", "he"},  {"i", "n"},          {"in", "g"},         {" ", "a"},
    {"e", "r"},    {"\xC3", "\xA9"},    {"\n", "\n"},        {" ", " "},
    {"  ", "  "},  {"\xF0", "\x9F"},    {"\xF0\x9F", "\x98"}, {"\xF0\x9F\x98", "\x80"},
    {"1", "2"},    {"12", "3"},         {"'", "s"},          {"\xE4", "\xB8"},
};

json AddedTokens(int first_id) {
  auto token = [](int id, const char* content, bool special) {
    return json{{"id", id},           {"content", content}, {"single_word", false},
                {"lstrip", false},    {"rstrip", false},    {"normalized", false},
                {"special", special}};
  };
  return json::array({token(first_id, "<|endoftext|>", true),
                      token(first_id + 1, "<pad>", false)});
}

// A byte-level BPE model: the 256 bytes, then one token per merge.
json ByteLevelBpe() {
  json vocab = json::object();
  for (int b = 0; b < 256; ++b) {
    vocab[BytesToByteLevel(std::string(1, static_cast<char>(b)))] = b;
  }
  json merges = json::array();
  int id = 256;
  for (const auto& [left, right] : kMerges) {
    vocab[BytesToByteLevel(std::string(left) + right)] = id++;
    merges.push_back(json::array({BytesToByteLevel(left), BytesToByteLevel(right)}));
  }
  return {{"type", "BPE"}, {"vocab", vocab}, {"merges", merges}};
}

int ByteLevelVocabSize() { return 256 + static_cast<int>(std::size(kMerges)); }

json ByteLevelStage(bool use_regex) {
  return {{"type", "ByteLevel"},
          {"add_prefix_space", false},
          {"trim_offsets", false},
          {"use_regex", use_regex}};
}

json SplitThenByteLevel(json pattern, const char* behavior) {
  return {{"type", "Sequence"},
          {"pretokenizers",
           json::array({{{"type", "Split"},
                         {"pattern", std::move(pattern)},
                         {"behavior", behavior},
                         {"invert", false}},
                        ByteLevelStage(false)})}};
}

json ByteLevelDocument(json pre_tokenizer) {
  return {{"model", ByteLevelBpe()},
          {"pre_tokenizer", std::move(pre_tokenizer)},
          {"decoder", ByteLevelStage(true)},
          {"added_tokens", AddedTokens(ByteLevelVocabSize())}};
}

const Tokenizer* Build(const json& document) {
  absl::StatusOr<std::unique_ptr<Tokenizer>> tokenizer = TokenizerFromJson(document);
  TF_CHECK(tokenizer.ok());
  return tokenizer->release();
}

// The tiktoken form: ranks only, no pre-tokenizer; a ByteLevel decoder
// (without one, Decode joins the byte-level token strings with spaces, as
// HF does).
const Tokenizer* BuildRanksOnly() {
  std::vector<std::pair<std::string, TokenId>> ranks;
  for (int b = 0; b < 256; ++b) ranks.emplace_back(std::string(1, static_cast<char>(b)), b);
  for (const auto& [left, right] : kMerges) {
    ranks.emplace_back(std::string(left) + right, static_cast<TokenId>(ranks.size()));
  }
  Tokenizer::Parts parts;
  absl::StatusOr<std::unique_ptr<BpeModel>> model = BpeModel::FromRanks(ranks);
  TF_CHECK(model.ok());
  parts.model = *std::move(model);
  absl::StatusOr<std::unique_ptr<Decoder>> decoder = DecoderFromJson(ByteLevelStage(true));
  TF_CHECK(decoder.ok());
  parts.decoder = *std::move(decoder);
  const TokenId next = static_cast<TokenId>(ranks.size());
  parts.added_tokens = {{.content = "<|endoftext|>", .id = next, .special = true},
                        {.content = "<pad>", .id = next + 1}};
  absl::StatusOr<std::unique_ptr<Tokenizer>> tokenizer = Tokenizer::Create(std::move(parts));
  TF_CHECK(tokenizer.ok());
  return tokenizer->release();
}

// WordPiece (BERT) with the WordPiece or the CTC decoder.
json WordPieceDocument(json decoder) {
  json vocab = json::object();
  const char* tokens[] = {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "|", "the", "##s", "a",
                          "##b", "un", "##aff", "##able", ",", ".", "!", "é"};
  int id = 0;
  for (const char* t : tokens) vocab[t] = id++;
  return {{"normalizer", nullptr},
          {"pre_tokenizer", {{"type", "BertPreTokenizer"}}},
          {"model",
           {{"type", "WordPiece"},
            {"unk_token", "[UNK]"},
            {"continuing_subword_prefix", "##"},
            {"max_input_chars_per_word", 100},
            {"vocab", vocab}}},
          {"decoder", std::move(decoder)}};
}

// Llama 2: "▁" for spaces, byte-fallback BPE, a four-stage decoder.
json ByteFallbackDocument() {
  json vocab = {{"<unk>", 0}, {"<s>", 1}, {"</s>", 2}};
  static const char kHex[] = "0123456789ABCDEF";
  for (int b = 0; b < 256; ++b) {
    vocab[std::string("<0x") + kHex[b >> 4] + kHex[b & 15] + ">"] = 3 + b;
  }
  int id = 259;
  for (const char* t : {"\xE2\x96\x81", "a", "b", "t", "\xE2\x96\x81t", "\xE2\x96\x81" "a"}) {
    vocab[t] = id++;
  }
  json merges = json::array({"\xE2\x96\x81 t", "\xE2\x96\x81 a"});
  json replace = {{"type", "Replace"},
                  {"pattern", {{"String", "\xE2\x96\x81"}}},
                  {"content", " "}};
  json strip = {{"type", "Strip"}, {"content", " "}, {"start", 1}, {"stop", 0}};
  return {{"model",
           {{"type", "BPE"},
            {"vocab", vocab},
            {"merges", merges},
            {"unk_token", "<unk>"},
            {"fuse_unk", true},
            {"byte_fallback", true}}},
          {"decoder",
           {{"type", "Sequence"},
            {"decoders", json::array({replace, {{"type", "ByteFallback"}},
                                      {{"type", "Fuse"}}, strip})}}}};
}

json UnigramDocument() {
  json vocab = json::array({json::array({"<unk>", 0.0}), json::array({"\xE2\x96\x81", -1.0}),
                            json::array({"a", -2.0}), json::array({"\xE2\x96\x81" "a", -1.5}),
                            json::array({"b", -2.5}), json::array({"\xE2\x96\x81\xE2\x96\x81", -3.0})});
  return {{"model", {{"type", "Unigram"}, {"unk_id", 0}, {"vocab", vocab}}},
          {"decoder",
           {{"type", "Metaspace"},
            {"replacement", "\xE2\x96\x81"},
            {"prepend_scheme", "always"},
            {"split", true}}}};
}

std::vector<const Tokenizer*> BuildLossless() {
  const std::string cl100k(KnownPatternRegex(KnownPattern::kCl100k));
  return {
      BuildRanksOnly(),
      Build(ByteLevelDocument(ByteLevelStage(true))),
      Build(ByteLevelDocument(SplitThenByteLevel({{"Regex", cl100k}}, "Isolated"))),
      Build(ByteLevelDocument(SplitThenByteLevel(
          {{"Regex", "\\p{L}+|\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+"}}, "Isolated"))),
      Build(ByteLevelDocument(SplitThenByteLevel({{"String", " "}}, "MergedWithNext"))),
  };
}

}  // namespace

const std::vector<const Tokenizer*>& LosslessTokenizers() {
  static const auto* const tokenizers =
      new std::vector<const Tokenizer*>(BuildLossless());
  return *tokenizers;
}

const std::vector<const Tokenizer*>& DecoderTokenizers() {
  static const auto* const tokenizers = [] {
    auto* all = new std::vector<const Tokenizer*>(LosslessTokenizers());
    all->push_back(Build(WordPieceDocument({{"type", "WordPiece"}, {"prefix", "##"},
                                            {"cleanup", true}})));
    all->push_back(Build(WordPieceDocument({{"type", "CTC"}, {"pad_token", "[PAD]"},
                                            {"word_delimiter_token", "|"},
                                            {"cleanup", true}})));
    all->push_back(Build(ByteFallbackDocument()));
    all->push_back(Build(UnigramDocument()));
    return all;
  }();
  return *tokenizers;
}

}  // namespace fuzz
}  // namespace tokenforge
