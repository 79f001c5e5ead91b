// Normalizers against HF tokenizers 0.23.2 on seeded random mixed-script
// text: tests/golden/normalizers/<name>.tsv, written by
// tests/golden/normalizers/generate_hf_golden.js from the Node binding.

#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/testing/status_matchers.h"
#include "tokenizers/normalized_string.h"
#include "tokenizers/normalizers/normalizer_factory.h"

namespace tokenforge {
namespace {

// Reads "<escaped input>\t<escaped output>" lines.
std::vector<std::pair<std::string, std::string>> ReadGolden(const std::string& path) {
  std::vector<std::pair<std::string, std::string>> cases;
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << "cannot open " << path;
  std::string line;
  while (std::getline(in, line)) {
    const std::vector<std::string> fields = absl::StrSplit(line, '\t');
    EXPECT_EQ(fields.size(), 2u) << path << ": " << line;
    if (fields.size() != 2) continue;
    std::string input, output;
    EXPECT_TRUE(absl::CUnescape(fields[0], &input)) << line;
    EXPECT_TRUE(absl::CUnescape(fields[1], &output)) << line;
    cases.emplace_back(std::move(input), std::move(output));
  }
  return cases;
}

struct GoldenCase {
  const char* file;
  const char* config;  // The HF normalizer the file was made with.
};

class NormalizersHfGoldenTest : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(NormalizersHfGoldenTest, MatchesHf) {
  TF_ASSERT_OK_AND_ASSIGN(auto normalizer,
                          NormalizerFromJson(nlohmann::json::parse(GetParam().config)));
  const auto cases = ReadGolden(std::string("tests/golden/normalizers/") +
                                GetParam().file + ".tsv");
  ASSERT_GE(cases.size(), 100u);
  for (const auto& [input, expected] : cases) {
    NormalizedString text(input);
    TF_ASSERT_OK(normalizer->Normalize(&text));
    EXPECT_EQ(text.normalized(), expected) << "input \"" << absl::CEscape(input) << "\"";
  }
}

INSTANTIATE_TEST_SUITE_P(
    All, NormalizersHfGoldenTest,
    ::testing::Values(
        GoldenCase{"nfc", R"({"type":"NFC"})"}, GoldenCase{"nfd", R"({"type":"NFD"})"},
        GoldenCase{"nfkc", R"({"type":"NFKC"})"}, GoldenCase{"nfkd", R"({"type":"NFKD"})"},
        GoldenCase{"lowercase", R"({"type":"Lowercase"})"},
        GoldenCase{"strip_accents", R"({"type":"StripAccents"})"},
        GoldenCase{"strip", R"({"type":"Strip","strip_left":true,"strip_right":true})"},
        GoldenCase{"bert_default", R"({"type":"BertNormalizer"})"},
        GoldenCase{"bert_strip_no_lower",
                   R"({"type":"BertNormalizer","strip_accents":true,"lowercase":false})"},
        // The Node binding builds Replace with a String pattern only.
        GoldenCase{"replace_space",
                   R"({"type":"Replace","pattern":{"String":" "},"content":"▁"})"},
        GoldenCase{"prepend", R"({"type":"Prepend","prepend":"▁"})"},
        GoldenCase{"regex_spaces",
                   R"({"type":"Replace","pattern":{"Regex":"\\s+"},"content":"▁"})"},
        GoldenCase{"regex_digits",
                   R"({"type":"Replace","pattern":{"Regex":"\\d"},"content":"0"})"},
        GoldenCase{"regex_words",
                   R"({"type":"Replace","pattern":{"Regex":"\\w+"},"content":"w"})"},
        GoldenCase{"regex_class",
                   R"({"type":"Replace","pattern":{"Regex":"[\\s\\d]+|x*"},"content":"|"})"},
        GoldenCase{"nfkd_strip_lower",
                   R"({"type":"Sequence","normalizers":[{"type":"NFKD"},
                       {"type":"StripAccents"},{"type":"Lowercase"}]})"}),
    [](const ::testing::TestParamInfo<GoldenCase>& p) { return p.param.file; });

}  // namespace
}  // namespace tokenforge
