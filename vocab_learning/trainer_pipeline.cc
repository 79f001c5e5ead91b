// vocab_learning/trainer_pipeline.cc

#include "vocab_learning/trainer_pipeline.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "tokenizers/byte_level_alphabet.h"
#include "tokenizers/normalized_string.h"
#include "tokenizers/normalizers/normalizer_factory.h"
#include "tokenizers/pre_tokenizers/pre_tokenizer_factory.h"

namespace tokenforge {
namespace {

using json = nlohmann::json;

json Metaspace() {
  return {{"type", "Metaspace"},
          {"replacement", "\xE2\x96\x81"},
          {"prepend_scheme", "always"},
          {"split", true}};
}

// SentencePiece's default text handling: nmt_nfkc is NFKC plus a few
// control-character rules; remove_extra_whitespaces collapses runs of spaces
// and strips both ends.
json SentencePieceNormalizer() {
  return {{"type", "Sequence"},
          {"normalizers",
           json::array({{{"type", "NFKC"}},
                        {{"type", "Replace"},
                         {"pattern", {{"Regex", " {2,}"}}},
                         {"content", " "}},
                        {{"type", "Strip"}, {"strip_left", true},
                         {"strip_right", true}}})}};
}

}  // namespace

absl::StatusOr<TrainerKind> ParseTrainerKind(absl::string_view name) {
  if (name == "bpe") return TrainerKind::kBpe;
  if (name == "wordpiece") return TrainerKind::kWordPiece;
  if (name == "unigram") return TrainerKind::kUnigram;
  if (name == "char") return TrainerKind::kChar;
  return absl::InvalidArgumentError(absl::StrCat(
      "unknown model \"", name, "\" (want bpe, wordpiece, unigram or char)"));
}

PipelineSpec DefaultPipeline(TrainerKind kind, bool byte_fallback) {
  PipelineSpec spec;
  switch (kind) {
    case TrainerKind::kBpe:
      spec.pre_tokenizer = {{"type", "ByteLevel"},
                            {"add_prefix_space", false},
                            {"trim_offsets", true},
                            {"use_regex", true}};
      spec.decoder = {{"type", "ByteLevel"},
                      {"add_prefix_space", true},
                      {"trim_offsets", true},
                      {"use_regex", true}};
      spec.byte_level = true;
      break;
    case TrainerKind::kWordPiece:
      spec.normalizer = {{"type", "BertNormalizer"},
                         {"clean_text", true},
                         {"handle_chinese_chars", true},
                         {"strip_accents", nullptr},
                         {"lowercase", false}};
      spec.pre_tokenizer = {{"type", "BertPreTokenizer"}};
      spec.decoder = {{"type", "WordPiece"}, {"prefix", "##"}, {"cleanup", true}};
      break;
    case TrainerKind::kUnigram:
    case TrainerKind::kChar:
      spec.normalizer = SentencePieceNormalizer();
      spec.pre_tokenizer = Metaspace();
      spec.decoder = byte_fallback
                         ? json{{"type", "Sequence"},
                                {"decoders", json::array({{{"type", "ByteFallback"}},
                                                          Metaspace()})}}
                         : Metaspace();
      break;
  }
  return spec;
}

absl::StatusOr<LineSplitter> MakeLineSplitter(const PipelineSpec& spec) {
  std::shared_ptr<const Normalizer> normalizer;
  std::shared_ptr<const PreTokenizer> pre_tokenizer;
  if (!spec.normalizer.is_null()) {
    TF_ASSIGN_OR_RETURN(normalizer, NormalizerFromJson(spec.normalizer));
  }
  if (!spec.pre_tokenizer.is_null()) {
    TF_ASSIGN_OR_RETURN(pre_tokenizer, PreTokenizerFromJson(spec.pre_tokenizer));
  }
  auto split = [normalizer, pre_tokenizer](absl::string_view line,
                                           WordEmitter emit) -> absl::Status {
    NormalizedString text(line);
    if (normalizer != nullptr) TF_RETURN_IF_ERROR(normalizer->Normalize(&text));
    thread_local std::vector<ByteSpan> words;
    words.clear();
    if (text.normalized().empty()) return absl::OkStatus();
    words.push_back({0, static_cast<uint32_t>(text.normalized().size())});
    if (pre_tokenizer != nullptr) {
      TF_RETURN_IF_ERROR(pre_tokenizer->PreTokenize(&text, &words));
    }
    for (const ByteSpan& word : words) {
      if (!word.empty()) emit(text.Slice(word));
    }
    return absl::OkStatus();
  };
  if (!spec.byte_level) return LineSplitter(split);
  // Our ByteLevel pre-tokenizer hands raw bytes to the model; should it ever
  // give the byte-to-unicode form instead, map it back here.
  std::vector<std::string> probe;
  TF_RETURN_IF_ERROR(split(" a", [&](absl::string_view w) { probe.emplace_back(w); }));
  if (probe.size() == 1 && probe[0] == " a") return LineSplitter(split);
  return LineSplitter([split](absl::string_view line, WordEmitter emit) {
    absl::Status status;
    TF_RETURN_IF_ERROR(split(line, [&](absl::string_view w) {
      absl::StatusOr<std::string> raw = ByteLevelToBytes(w);
      if (raw.ok()) {
        emit(*raw);
      } else if (status.ok()) {
        status = raw.status();
      }
    }));
    return status;
  });
}

absl::StatusOr<WordCounts> CountCorpus(TrainerKind kind, bool byte_fallback,
                                       const std::vector<std::string>& corpus,
                                       const std::vector<std::string>& count_files,
                                       int num_threads, int64_t max_line_bytes,
                                       CorpusStats* stats) {
  const PipelineSpec spec = DefaultPipeline(kind, byte_fallback);
  TF_ASSIGN_OR_RETURN(LineSplitter splitter, MakeLineSplitter(spec));
  CountOptions options;
  options.num_threads = num_threads;
  options.max_line_bytes = max_line_bytes;
  options.allow_invalid_utf8 = spec.byte_level;
  WordCounter counter(options, std::move(splitter));
  for (const std::string& path : count_files) {
    TF_RETURN_IF_ERROR(counter.AddCountFile(path));
  }
  for (const std::string& path : corpus) {
    TF_RETURN_IF_ERROR(counter.AddFile(path));
  }
  *stats = counter.stats();
  return counter.Finish();
}

nlohmann::json TokenizerJson(const PipelineSpec& spec, nlohmann::json model,
                             const std::vector<std::string>& specials) {
  json added = json::array();
  for (size_t i = 0; i < specials.size(); ++i) {
    added.push_back({{"id", static_cast<int>(i)},
                     {"content", specials[i]},
                     {"single_word", false},
                     {"lstrip", false},
                     {"rstrip", false},
                     {"normalized", false},
                     {"special", true}});
  }
  return {{"version", "1.0"},
          {"truncation", nullptr},
          {"padding", nullptr},
          {"added_tokens", added},
          {"normalizer", spec.normalizer},
          {"pre_tokenizer", spec.pre_tokenizer},
          {"post_processor", spec.post_processor},
          {"decoder", spec.decoder},
          {"model", std::move(model)}};
}

nlohmann::json BpeModelJson(const BpeVocab& vocab, bool byte_level,
                            const std::string& unk_token, bool byte_fallback) {
  // Each token's file form, converted once (merges name every token again).
  std::vector<std::string> forms(vocab.tokens.size());
  for (size_t id = 0; id < vocab.tokens.size(); ++id) {
    const bool raw = !byte_level || id < static_cast<size_t>(vocab.num_special);
    forms[id] = raw ? vocab.tokens[id] : BytesToByteLevel(vocab.tokens[id]);
  }
  json tokens = json::object();
  for (size_t id = 0; id < forms.size(); ++id) tokens[forms[id]] = id;
  json merges = json::array();
  merges.get_ref<json::array_t&>().reserve(vocab.merges.size());
  for (const auto& [a, b] : vocab.merges) {
    merges.push_back(json::array({forms[a], forms[b]}));
  }
  return {{"type", "BPE"},
          {"dropout", nullptr},
          {"unk_token", unk_token.empty() ? json(nullptr) : json(unk_token)},
          {"continuing_subword_prefix", nullptr},
          {"end_of_word_suffix", nullptr},
          {"fuse_unk", false},
          {"byte_fallback", byte_fallback},
          {"ignore_merges", false},
          {"vocab", std::move(tokens)},
          {"merges", std::move(merges)}};
}

}  // namespace tokenforge
