// NormalizerFromJson: every HF form we support round-trips through ToJson,
// and bad input names what is wrong.

#include "tokenizers/normalizers/normalizer_factory.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"
#include "tokenizers/normalized_string.h"

namespace tokenforge {
namespace {

using ::testing::HasSubstr;
using ::tokenforge::testing::StatusIs;

// The forms HF tokenizers 0.23.2 writes (Tokenizer.save from the Node
// binding), plus the optional fields at their other values.
const char* const kRoundTrips[] = {
    R"({"type":"NFC"})",
    R"({"type":"NFD"})",
    R"({"type":"NFKC"})",
    R"({"type":"NFKD"})",
    R"({"type":"Lowercase"})",
    R"({"type":"StripAccents"})",
    R"({"type":"ByteLevel"})",
    R"({"type":"Strip","strip_left":true,"strip_right":false})",
    R"({"type":"Replace","pattern":{"String":"a"},"content":"b"})",
    R"({"type":"Replace","pattern":{"Regex":"\\s+"},"content":" "})",
    R"({"type":"Prepend","prepend":"▁"})",
    R"({"type":"BertNormalizer","clean_text":true,"handle_chinese_chars":true,"strip_accents":null,"lowercase":true})",
    R"({"type":"BertNormalizer","clean_text":false,"handle_chinese_chars":false,"strip_accents":false,"lowercase":false})",
    R"({"type":"Sequence","normalizers":[{"type":"NFKC"},{"type":"Sequence","normalizers":[]},{"type":"Lowercase"}]})",
};

TEST(NormalizerFactoryTest, RoundTripsHfForms) {
  for (const char* text : kRoundTrips) {
    const nlohmann::json json = nlohmann::json::parse(text);
    TF_ASSERT_OK_AND_ASSIGN(auto normalizer, NormalizerFromJson(json));
    EXPECT_EQ(normalizer->ToJson(), json) << text;
  }
}

TEST(NormalizerFactoryTest, FillsHfDefaults) {
  TF_ASSERT_OK_AND_ASSIGN(auto bert, NormalizerFromJson({{"type", "BertNormalizer"}}));
  EXPECT_EQ(bert->ToJson(), nlohmann::json::parse(kRoundTrips[11]));
  TF_ASSERT_OK_AND_ASSIGN(auto strip, NormalizerFromJson({{"type", "Strip"}}));
  EXPECT_EQ(strip->ToJson()["strip_right"], true);
  // Old files wrote the Replace pattern as a bare string.
  TF_ASSERT_OK_AND_ASSIGN(
      auto replace,
      NormalizerFromJson(nlohmann::json::parse(
          R"({"type":"Replace","pattern":"x","content":"y"})")));
  NormalizedString text("axb");
  TF_ASSERT_OK(replace->Normalize(&text));
  EXPECT_EQ(text.normalized(), "ayb");
}

TEST(NormalizerFactoryTest, BuiltNormalizersWork) {
  TF_ASSERT_OK_AND_ASSIGN(auto seq, NormalizerFromJson(nlohmann::json::parse(
                                        R"({"type":"Sequence","normalizers":[
                                          {"type":"NFKD"},{"type":"StripAccents"},
                                          {"type":"Lowercase"}]})")));
  NormalizedString text("\xC3\x89L\xC3\x80N");
  TF_ASSERT_OK(seq->Normalize(&text));
  EXPECT_EQ(text.normalized(), "elan");
}

TEST(NormalizerFactoryTest, UnknownTypesAreUnimplemented) {
  // "Precompiled" is wired to spm_normalizers.h; "Nmt" is not supported.
  for (const char* type : {"Nmt", "Whatever"}) {
    EXPECT_THAT(NormalizerFromJson({{"type", type}}),
                StatusIs(absl::StatusCode::kUnimplemented, HasSubstr(type)));
  }
  EXPECT_THAT(
      NormalizerFromJson(nlohmann::json::parse(
          R"({"type":"Sequence","normalizers":[{"type":"Lowercase"},{"type":"Nope"}]})")),
      StatusIs(absl::StatusCode::kUnimplemented, HasSubstr("normalizers[1]")));
}

TEST(NormalizerFactoryTest, BadFieldsAreNamed) {
  const std::pair<const char*, const char*> cases[] = {
      {R"({"type":"Strip","strip_left":3})", "strip_left"},
      {R"({"type":"BertNormalizer","lowercase":"yes"})", "lowercase"},
      {R"({"type":"BertNormalizer","strip_accents":1})", "strip_accents"},
      {R"({"type":"Replace","pattern":{"Glob":"*"},"content":""})", "pattern"},
      {R"({"type":"Replace","pattern":{"Regex":"(?<=a)b"},"content":""})", "(?<=a)b"},
      {R"({"type":"Replace","pattern":{"String":"a"}})", "content"},
      {R"({"type":"Prepend"})", "prepend"},
      {R"({"type":"Prepend","prepend":7})", "prepend"},
      {R"({"type":"Sequence"})", "normalizers"},
      {R"({"type":"Sequence","normalizers":[{"type":"Strip","strip_right":[]}]})",
       "strip_right"},
      {R"({"normalizers":[]})", "type"},
      {R"({"type":5})", "type"},
      {R"([1,2])", "object"},
  };
  for (const auto& [text, field] : cases) {
    EXPECT_THAT(NormalizerFromJson(nlohmann::json::parse(text)),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(field)))
        << text;
  }
}

}  // namespace
}  // namespace tokenforge
