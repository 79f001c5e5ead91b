// A whole BERT pipeline against HF tokenizers 0.23.2: bert-base-uncased's
// vocab.txt (shared data) with BertNormalizer, BertPreTokenizer, WordPiece,
// BertProcessing and the WordPiece decoder, on the seeded sentence pairs of
// tests/golden/bert_uncased_pairs/encode.tsv (see generate.js there). Ids,
// type ids, special masks, byte offsets and decoded text must all match.

#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/testing/shared_data.h"
#include "tests/testing/status_matchers.h"
#include "tokenizers/io/tokenizer_json.h"

namespace tokenforge {
namespace {

using ::tokenforge::testing::SharedDataMissing;
using ::tokenforge::testing::SharedDataPath;

constexpr char kVocab[] = "vocabs/bert-base-uncased/vocab.txt";

// The tokenizer.json HF writes for this pipeline, with the vocab read from
// vocab.txt (one token per line, id = line number).
nlohmann::json BertTokenizerJson(const std::string& vocab_path) {
  nlohmann::json vocab = nlohmann::json::object();
  std::ifstream in(vocab_path);
  std::string line;
  for (int id = 0; std::getline(in, line); ++id) vocab[line] = id;
  return {{"version", "1.0"},
          {"truncation", nullptr},
          {"padding", nullptr},
          {"added_tokens", nlohmann::json::array()},
          {"normalizer", {{"type", "BertNormalizer"},
                          {"clean_text", true},
                          {"handle_chinese_chars", true},
                          {"strip_accents", nullptr},
                          {"lowercase", true}}},
          {"pre_tokenizer", {{"type", "BertPreTokenizer"}}},
          {"post_processor", {{"type", "BertProcessing"},
                              {"sep", {"[SEP]", 102}},
                              {"cls", {"[CLS]", 101}}}},
          {"decoder", {{"type", "WordPiece"}, {"prefix", "##"}, {"cleanup", true}}},
          {"model", {{"type", "WordPiece"},
                     {"unk_token", "[UNK]"},
                     {"continuing_subword_prefix", "##"},
                     {"max_input_chars_per_word", 100},
                     {"vocab", vocab}}}};
}

std::string Unescape(const std::string& s) {
  std::string out;
  EXPECT_TRUE(absl::CUnescape(s, &out)) << s;
  return out;
}

TEST(BertPipelineHfGoldenTest, MatchesHfOnSentencePairs) {
  const std::string vocab = SharedDataPath(kVocab);
  if (vocab.empty()) GTEST_SKIP() << SharedDataMissing(kVocab);
  TF_ASSERT_OK_AND_ASSIGN(auto tokenizer, TokenizerFromJson(BertTokenizerJson(vocab)));
  std::ifstream in("tests/golden/bert_uncased_pairs/encode.tsv");
  ASSERT_TRUE(in.good());
  std::string line;
  int count = 0;
  while (std::getline(in, line)) {
    const std::vector<std::string> f = absl::StrSplit(line, '\t');
    ASSERT_EQ(f.size(), 7u) << line;
    const std::string a = Unescape(f[0]);
    const std::string b = Unescape(f[1]);
    TF_ASSERT_OK_AND_ASSIGN(Encoding e,
                            tokenizer->EncodePair(a, b, {.add_special_tokens = true}));
    std::vector<std::string> offsets;
    for (const ByteSpan& o : e.offsets) offsets.push_back(absl::StrCat(o.begin, ",", o.end));
    EXPECT_EQ(absl::StrJoin(e.ids, " "), f[2]) << line;
    EXPECT_EQ(absl::StrJoin(e.type_ids, " "), f[3]) << line;
    EXPECT_EQ(absl::StrJoin(e.special_tokens_mask, " "), f[4]) << line;
    EXPECT_EQ(absl::StrJoin(offsets, " "), f[5]) << line;
    TF_ASSERT_OK_AND_ASSIGN(std::string decoded,
                            tokenizer->Decode(e.ids, /*skip_special_tokens=*/true));
    EXPECT_EQ(decoded, Unescape(f[6])) << line;
    ++count;
  }
  EXPECT_EQ(count, 300);
}

}  // namespace
}  // namespace tokenforge
