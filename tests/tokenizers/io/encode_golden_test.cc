// Golden tests against the reference encoders: ids recorded from tiktoken
// (npm, WASM build of the Rust library) and HF tokenizers on adversarial
// texts we generate (tests/golden/tools/gen_inputs.py), replayed through our
// loaders for the real vocabulary files in ../shared/data.

#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/file.h"
#include "common/random.h"
#include "gtest/gtest.h"
#include "tests/testing/shared_data.h"
#include "tests/testing/status_matchers.h"
#include "tokenizers/io/loaders.h"
#include "tokenizers/io/tokenizer_json.h"

namespace tokenforge {
namespace {

using ::tokenforge::testing::SharedDataMissing;
using ::tokenforge::testing::SharedDataPath;

struct GoldenCase {
  const char* golden;      // Under tests/golden/.
  const char* vocab;       // Under ../shared/data/.
  bool allow_special;      // HF matches special tokens in the text.
};

class EncodeGoldenTest : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(EncodeGoldenTest, MatchesReferenceIds) {
  const GoldenCase& c = GetParam();
  const std::string vocab = SharedDataPath(c.vocab);
  if (vocab.empty()) GTEST_SKIP() << SharedDataMissing(c.vocab);
  TF_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Tokenizer> tokenizer,
                          LoadTokenizer(vocab, {}));
  TF_ASSERT_OK_AND_ASSIGN(std::string golden,
                          ReadFile(std::string("tests/golden/") + c.golden));
  int checked = 0;
  for (absl::string_view line : absl::StrSplit(golden, '\n', absl::SkipEmpty())) {
    const std::vector<absl::string_view> fields = absl::StrSplit(line, '\t');
    ASSERT_EQ(fields.size(), 2u) << line;
    std::string text;
    ASSERT_TRUE(absl::CUnescape(fields[0], &text)) << fields[0];
    std::vector<TokenId> ids;
    TF_ASSERT_OK(tokenizer->EncodeIds(text, {.allow_special = c.allow_special}, &ids));
    ASSERT_EQ(absl::StrJoin(ids, " "), fields[1]) << "input: " << fields[0];
    TF_ASSERT_OK_AND_ASSIGN(std::string decoded, tokenizer->Decode(ids));
    ASSERT_EQ(decoded, text) << "input: " << fields[0];
    ++checked;
  }
  EXPECT_EQ(checked, 400);
}

INSTANTIATE_TEST_SUITE_P(
    Vocabularies, EncodeGoldenTest,
    ::testing::Values(
        GoldenCase{"tiktoken_gpt2/encode.tsv", "vocabs/tiktoken/r50k_base.tiktoken", false},
        GoldenCase{"tiktoken_cl100k_base/encode.tsv", "vocabs/tiktoken/cl100k_base.tiktoken", false},
        GoldenCase{"tiktoken_o200k_base/encode.tsv", "vocabs/tiktoken/o200k_base.tiktoken", false},
        GoldenCase{"hf_gpt2/encode.tsv", "vocabs/gpt2/tokenizer.json", true},
        GoldenCase{"hf_gpt2/encode.tsv", "vocabs/gpt2/vocab.json", true}));

// Byte-level BPE is lossless on any bytes, invalid UTF-8 included.
TEST(ByteLevelRoundTripTest, DecodeInvertsEncodeOnArbitraryBytes) {
  const char* kVocab = "vocabs/tiktoken/cl100k_base.tiktoken";
  const std::string vocab = SharedDataPath(kVocab);
  if (vocab.empty()) GTEST_SKIP() << SharedDataMissing(kVocab);
  TF_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Tokenizer> tokenizer,
                          LoadTokenizer(vocab, {}));
  Rng rng(42);
  const std::string pieces[] = {"a", "Z", "'s", " ", "\n", "\r", "\t", "1",
                                "\xC3\xA9", "\xE4\xB8\xAD", "\xF0\x9F\x98\x80",
                                "\xFF", "\xC3", "\x80", "\xED\xA0\x80", "!"};
  for (int trial = 0; trial < 3000; ++trial) {
    std::string text;
    const size_t n = rng.Below(40);
    for (size_t i = 0; i < n; ++i) {
      if (rng.Below(3) == 0) {
        text.push_back(static_cast<char>(rng.Below(256)));
      } else {
        text += pieces[rng.Below(std::size(pieces))];
      }
    }
    std::vector<TokenId> ids;
    TF_ASSERT_OK(tokenizer->EncodeIds(text, {}, &ids));
    TF_ASSERT_OK_AND_ASSIGN(std::string decoded, tokenizer->Decode(ids));
    ASSERT_EQ(decoded, text) << "trial " << trial << ": \"" << absl::CEscape(text) << "\"";
    TF_ASSERT_OK_AND_ASSIGN(Encoding e, tokenizer->Encode(text));
    ASSERT_EQ(e.ids, ids);
    // Offsets tile the text in order.
    uint32_t at = 0;
    for (const ByteSpan& s : e.offsets) {
      ASSERT_EQ(s.begin, at) << absl::CEscape(text);
      at = s.end;
    }
    ASSERT_EQ(at, text.size());
  }
}

// A tiktoken vocabulary saved as tokenizer.json loads back and encodes the
// same: the HF form of our pipelines is complete.
TEST(TokenizerJsonRoundTripTest, TiktokenSurvivesTokenizerJson) {
  const char* kVocab = "vocabs/tiktoken/cl100k_base.tiktoken";
  const std::string vocab = SharedDataPath(kVocab);
  if (vocab.empty()) GTEST_SKIP() << SharedDataMissing(kVocab);
  TF_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Tokenizer> original, LoadTokenizer(vocab, {}));
  const nlohmann::json json = TokenizerToJson(*original);
  TF_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Tokenizer> reloaded, TokenizerFromJson(json));
  TF_ASSERT_OK_AND_ASSIGN(std::string golden,
                          ReadFile("tests/golden/tiktoken_cl100k_base/encode.tsv"));
  for (absl::string_view line : absl::StrSplit(golden, '\n', absl::SkipEmpty())) {
    std::string text;
    ASSERT_TRUE(absl::CUnescape(line.substr(0, line.find('\t')), &text));
    std::vector<TokenId> a, b;
    TF_ASSERT_OK(original->EncodeIds(text, {}, &a));
    TF_ASSERT_OK(reloaded->EncodeIds(text, {}, &b));
    ASSERT_EQ(a, b) << line;
  }
  EXPECT_EQ(TokenizerToJson(*reloaded), json);
}

// Every format we load converts to tokenizer.json with identical ids: the
// SentencePiece models against their recorded spm ids, BERT's vocab.txt and
// the GPT-2 files against the reloaded original on the same texts.
struct ConvertCase {
  const char* vocab;
  const char* golden;  // Ids recorded from the reference tool, or "".
};

class ConvertGoldenTest : public ::testing::TestWithParam<ConvertCase> {};

TEST_P(ConvertGoldenTest, TokenizerJsonKeepsIds) {
  const ConvertCase& c = GetParam();
  const std::string vocab = SharedDataPath(c.vocab);
  if (vocab.empty()) GTEST_SKIP() << SharedDataMissing(c.vocab);
  TF_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Tokenizer> original, LoadTokenizer(vocab, {}));
  TF_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Tokenizer> converted,
                          TokenizerFromJson(TokenizerToJson(*original)));
  const std::string golden_path =
      std::string("tests/golden/") + (*c.golden ? c.golden : "tiktoken_gpt2/encode.tsv");
  TF_ASSERT_OK_AND_ASSIGN(std::string golden, ReadFile(golden_path));
  int checked = 0;
  for (absl::string_view line : absl::StrSplit(golden, '\n', absl::SkipEmpty())) {
    const std::vector<absl::string_view> fields = absl::StrSplit(line, '\t');
    std::string text;
    ASSERT_TRUE(absl::CUnescape(fields[0], &text));
    std::vector<TokenId> a, b;
    TF_ASSERT_OK(original->EncodeIds(text, {}, &a));
    TF_ASSERT_OK(converted->EncodeIds(text, {}, &b));
    ASSERT_EQ(a, b) << fields[0];
    if (*c.golden) {
      ASSERT_EQ(absl::StrJoin(b, " "), fields[1]) << fields[0];
    }
    ++checked;
  }
  EXPECT_GT(checked, 100);
}

INSTANTIATE_TEST_SUITE_P(
    Formats, ConvertGoldenTest,
    ::testing::Values(
        ConvertCase{"vocabs/sentencepiece/llama2_tokenizer.model", "spm_llama2_tokenizer/encode.tsv"},
        ConvertCase{"vocabs/sentencepiece/albert_spiece.model", "spm_albert_spiece/encode.tsv"},
        ConvertCase{"vocabs/sentencepiece/spm_botchan_unigram1000.model",
                    "spm_spm_botchan_unigram1000/encode.tsv"},
        ConvertCase{"vocabs/bert-base-uncased/vocab.txt", ""},
        ConvertCase{"vocabs/gpt2/vocab.json", ""}));

}  // namespace
}  // namespace tokenforge
