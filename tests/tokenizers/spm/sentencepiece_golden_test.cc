// Our SentencePiece pipeline against ids recorded from python3-sentencepiece
// 0.1.97 (tests/golden/spm_<model>/encode.tsv, written by
// make_spm_golden.py), plus properties of the normalizer's alignment and of
// the tokenizer.json round trip.

#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/file.h"
#include "common/random.h"
#include "common/status_macros.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/shared_data.h"
#include "tests/testing/status_matchers.h"
#include "tokenizers/io/sentencepiece_model.h"
#include "tokenizers/models/spm_bpe_model.h"
#include "tokenizers/models/unigram_model.h"
#include "tokenizers/normalized_string.h"
#include "tokenizers/normalizers/spm_normalizers.h"
#include "tokenizers/encoding.h"

namespace tokenforge {
namespace {

class SentencePieceGoldenTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    const std::string rel = "vocabs/sentencepiece/" + GetParam() + ".model";
    const std::string path = testing::SharedDataPath(rel);
    if (path.empty()) GTEST_SKIP() << testing::SharedDataMissing(rel);
    TF_ASSERT_OK_AND_ASSIGN(const std::string bytes, ReadFile(path));
    TF_ASSERT_OK_AND_ASSIGN(proto_, ParseSentencePieceModel(bytes));
    TF_ASSERT_OK_AND_ASSIGN(parts_, BuildSentencePieceComponents(proto_));
  }

  std::vector<TokenId> Encode(absl::string_view text, const Model& model) const {
    std::string normalized;
    parts_.normalizer->NormalizeToString(text, &normalized);
    std::vector<Token> tokens;
    TF_CHECK(model.Tokenize(normalized, &tokens).ok());
    std::vector<TokenId> ids;
    for (const Token& t : tokens) ids.push_back(t.id);
    return ids;
  }

  SentencePieceModelProto proto_;
  SentencePieceComponents parts_;
};

TEST_P(SentencePieceGoldenTest, IdsMatchSentencePiece) {
  std::ifstream in("tests/golden/spm_" + GetParam() + "/encode.tsv");
  ASSERT_TRUE(in) << "golden file missing";
  std::string line;
  int cases = 0;
  while (std::getline(in, line)) {
    const size_t tab = line.find('\t');
    ASSERT_NE(tab, std::string::npos);
    std::string text;
    ASSERT_TRUE(absl::CUnescape(line.substr(0, tab), &text));
    EXPECT_EQ(absl::StrJoin(Encode(text, *parts_.model), " "), line.substr(tab + 1))
        << "input \"" << absl::CEscape(text) << "\"";
    ++cases;
  }
  EXPECT_GE(cases, 400);
}

TEST_P(SentencePieceGoldenTest, AlignedNormalizationMatchesFastPathAndMapsIntoInput) {
  Rng rng(99);
  static const char* kBits[] = {"a", " ", "  ", "\xef\xbc\xa1", "\xe3\x80\x80", "\xef\xac\x81",
                                "\xe2\x91\xa0", "\t", "\xff", "\xc3", "\xe4\xb8\xad", "e\xcc\x81",
                                "\xe2\x96\x81", "\x01", "Z"};
  for (int trial = 0; trial < 2000; ++trial) {
    std::string text;
    const int n = static_cast<int>(rng.Below(10));
    for (int i = 0; i < n; ++i) text += kBits[rng.Below(15)];
    std::string fast;
    parts_.normalizer->NormalizeToString(text, &fast);
    NormalizedString aligned(text);
    TF_ASSERT_OK(parts_.normalizer->Normalize(&aligned));
    ASSERT_EQ(aligned.normalized(), fast) << absl::CEscape(text);
    std::vector<Token> tokens;
    TF_ASSERT_OK(parts_.model->Tokenize(fast, &tokens));
    uint32_t covered = 0;
    ByteSpan previous = {0, 0};
    for (const Token& t : tokens) {
      // Byte-fallback tokens of one character share its span.
      if (!(t.span == previous)) {
        ASSERT_EQ(t.span.begin, covered) << absl::CEscape(text);
      }
      previous = t.span;
      ASSERT_LE(t.span.end, fast.size());
      covered = std::max(covered, t.span.end);
      const ByteSpan original = aligned.ToOriginal(t.span);
      ASSERT_LE(original.end, text.size());
      ASSERT_LE(original.begin, original.end);
    }
    ASSERT_EQ(covered, fast.size()) << absl::CEscape(text);
  }
}

TEST_P(SentencePieceGoldenTest, TokenizerJsonRoundTripKeepsIds) {
  std::unique_ptr<Model> copy;
  const nlohmann::json json = parts_.model->ToJson();
  if (json["type"] == "Unigram") {
    TF_ASSERT_OK_AND_ASSIGN(copy, UnigramModel::FromJson(json));
  } else {
    TF_ASSERT_OK_AND_ASSIGN(copy, SpmBpeModel::FromJson(json));
  }
  EXPECT_EQ(copy->ToJson(), json);
  std::ifstream in("tests/golden/spm_" + GetParam() + "/encode.tsv");
  std::string line;
  while (std::getline(in, line)) {
    std::string text;
    ASSERT_TRUE(absl::CUnescape(line.substr(0, line.find('\t')), &text));
    EXPECT_EQ(Encode(text, *copy), Encode(text, *parts_.model));
  }
}

INSTANTIATE_TEST_SUITE_P(Models, SentencePieceGoldenTest,
                         ::testing::Values("llama2_tokenizer", "albert_spiece",
                                           "spm_botchan_unigram1000"));

}  // namespace
}  // namespace tokenforge

namespace tokenforge {
namespace {

// The whole facade: LoadSentencePieceModel, Encode with offsets, Decode.
TEST(LoadSentencePieceModelTest, FacadeEncodesLikeTheComponents) {
  const std::string path =
      testing::SharedDataPath("vocabs/sentencepiece/llama2_tokenizer.model");
  if (path.empty()) GTEST_SKIP() << testing::SharedDataMissing("llama2_tokenizer.model");
  TF_ASSERT_OK_AND_ASSIGN(auto tokenizer, LoadSentencePieceModel(path));
  TF_ASSERT_OK_AND_ASSIGN(Encoding e, tokenizer->Encode(" Hello  world\xe2\x80\xa6 \xf0\x9f\x98\x80"));
  ASSERT_FALSE(e.ids.empty());
  for (const ByteSpan& span : e.offsets) EXPECT_LE(span.end, 24u);
  TF_ASSERT_OK_AND_ASSIGN(std::string decoded, tokenizer->Decode(e.ids));
  // Llama keeps extra whitespace (remove_extra_whitespaces is off), and the
  // decoder drops only the dummy prefix: the input comes back.
  EXPECT_EQ(decoded, " Hello  world\xe2\x80\xa6 \xf0\x9f\x98\x80");
}

}  // namespace
}  // namespace tokenforge

namespace tokenforge {
namespace {

TEST(SpmNormalizerFromJsonTest, RoundTripsTheModelsNormalizer) {
  const std::string path =
      testing::SharedDataPath("vocabs/sentencepiece/albert_spiece.model");
  if (path.empty()) GTEST_SKIP() << testing::SharedDataMissing("albert_spiece.model");
  TF_ASSERT_OK_AND_ASSIGN(const std::string bytes, ReadFile(path));
  TF_ASSERT_OK_AND_ASSIGN(auto proto, ParseSentencePieceModel(bytes));
  TF_ASSERT_OK_AND_ASSIGN(auto parts, BuildSentencePieceComponents(proto));
  TF_ASSERT_OK_AND_ASSIGN(auto copy, SpmNormalizerFromJson(parts.normalizer->ToJson()));
  EXPECT_EQ(copy->ToJson(), parts.normalizer->ToJson());
  for (const char* text : {"  \xef\xbc\xa1 b\xe3\x80\x80\xe3\x80\x80" "c  ", "\xef\xac\x81ve"}) {
    NormalizedString a(text), b(text);
    TF_ASSERT_OK(parts.normalizer->Normalize(&a));
    TF_ASSERT_OK(copy->Normalize(&b));
    EXPECT_EQ(a.normalized(), b.normalized());
  }
  EXPECT_THAT(SpmNormalizerFromJson({{"type", "Precompiled"}, {"precompiled_charsmap", "!!"}}),
              testing::StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace tokenforge
