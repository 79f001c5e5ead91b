// Tests of the HF pre-tokenizers and their JSON factory: golden outputs from
// HF tokenizers' Node binding (tests/golden/pretok_hf), hand-checked cases
// for what the binding cannot express (regex Split), offsets through text
// rewrites, JSON round trips and error paths.

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/file.h"
#include "common/status_macros.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/testing/status_matchers.h"
#include "tokenizers/normalized_string.h"
#include "tokenizers/pre_tokenizers/pre_tokenizer_factory.h"

namespace tokenforge {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::tokenforge::testing::StatusIs;

struct Piece {
  std::string text;
  ByteSpan original;
  friend bool operator==(const Piece& a, const Piece& b) {
    return a.text == b.text && a.original == b.original;
  }
  friend std::ostream& operator<<(std::ostream& os, const Piece& p) {
    return os << "\"" << absl::CEscape(p.text) << "\"@" << p.original.begin
              << "-" << p.original.end;
  }
};

// Runs `pre_tokenizer` on `input` as a single word, returning each piece's
// text and its span in the original input.
absl::StatusOr<std::vector<Piece>> RunPreTokenizer(
    const PreTokenizer& pre_tokenizer, absl::string_view input) {
  NormalizedString text(input);
  std::vector<ByteSpan> words = {{0, static_cast<uint32_t>(input.size())}};
  if (absl::Status s = pre_tokenizer.PreTokenize(&text, &words); !s.ok()) {
    return s;
  }
  std::vector<Piece> pieces;
  for (const ByteSpan& w : words) {
    pieces.push_back({std::string(text.Slice(w)), text.ToOriginal(w)});
  }
  return pieces;
}

std::unique_ptr<PreTokenizer> FromJson(const char* json) {
  auto pre_tokenizer = PreTokenizerFromJson(nlohmann::json::parse(json));
  // A bad fixture is a bug in this test: stop here rather than crash later.
  TF_CHECK(pre_tokenizer.ok());
  return std::move(*pre_tokenizer);
}

std::vector<std::string> Texts(const PreTokenizer& p, absl::string_view in) {
  std::vector<std::string> out;
  auto pieces = RunPreTokenizer(p, in);
  if (!pieces.ok()) return {pieces.status().ToString()};
  for (const Piece& piece : *pieces) out.push_back(piece.text);
  return out;
}

const char* const kGoldenCases[] = {
    "bert",
    "byte_level",
    "byte_level_no_regex",
    "byte_level_prefix",
    "digits",
    "digits_individual",
    "metaspace",
    "metaspace_first_nosplit",
    "metaspace_never",
    "punctuation_Contiguous",
    "punctuation_Isolated",
    "punctuation_MergedWithNext",
    "punctuation_MergedWithPrevious",
    "punctuation_Removed",
    "sequence_punct_bytelevel",
    "sequence_split_metaspace_first",
    "split_string_Contiguous",
    "split_string_Contiguous_invert",
    "split_string_Isolated",
    "split_string_Isolated_invert",
    "split_string_MergedWithNext",
    "split_string_MergedWithNext_invert",
    "split_string_MergedWithPrevious",
    "split_string_MergedWithPrevious_invert",
    "split_string_Removed",
    "split_string_Removed_invert",
    "whitespace",
    "whitespace_split",
};

class PreTokenizerGoldenTest : public ::testing::TestWithParam<const char*> {};

// Each golden file starts with the pre_tokenizer JSON, so this also covers
// the factory, and checks that ToJson() gives that JSON back.
TEST_P(PreTokenizerGoldenTest, MatchesHfTokenizers) {
  const std::string path =
      absl::StrCat("tests/golden/pretok_hf/", GetParam(), ".tsv");
  TF_ASSERT_OK_AND_ASSIGN(std::string golden, ReadFile(path));
  std::vector<std::string> lines = absl::StrSplit(golden, '\n');
  ASSERT_GT(lines.size(), 2u);
  const std::vector<std::string> header = absl::StrSplit(lines[0], '\t');
  ASSERT_EQ(header.size(), 2u);
  const nlohmann::json config = nlohmann::json::parse(header[1]);
  TF_ASSERT_OK_AND_ASSIGN(std::unique_ptr<PreTokenizer> pre_tokenizer,
                          PreTokenizerFromJson(config));
  EXPECT_EQ(pre_tokenizer->ToJson(), config);
  int cases = 0;
  for (size_t i = 1; i < lines.size(); ++i) {
    if (lines[i].empty()) continue;
    const std::vector<std::string> fields = absl::StrSplit(lines[i], '\t');
    ASSERT_EQ(fields.size(), 2u) << lines[i];
    std::string input;
    ASSERT_TRUE(absl::CUnescape(fields[0], &input)) << fields[0];
    std::vector<Piece> want;
    for (const auto& p : nlohmann::json::parse(fields[1])) {
      want.push_back({p[0].get<std::string>(),
                      {p[1].get<uint32_t>(), p[2].get<uint32_t>()}});
    }
    TF_ASSERT_OK_AND_ASSIGN(std::vector<Piece> got,
                            RunPreTokenizer(*pre_tokenizer, input));
    ASSERT_EQ(got, want) << path << " line " << i + 1 << ": \"" << fields[0]
                         << "\"";
    ++cases;
  }
  EXPECT_EQ(cases, 200);
}

INSTANTIATE_TEST_SUITE_P(Hf, PreTokenizerGoldenTest,
                         ::testing::ValuesIn(kGoldenCases));

TEST(ByteLevelTest, SplitsRawBytesAndMapsThePrefixSpaceToTheFirstChar) {
  auto byte_level = FromJson(R"({"type": "ByteLevel"})");
  TF_ASSERT_OK_AND_ASSIGN(std::vector<Piece> pieces,
                          RunPreTokenizer(*byte_level, "Hello  w\xC3\xB6rld"));
  EXPECT_THAT(pieces, ElementsAre(Piece{" Hello", {0, 5}}, Piece{" ", {5, 6}},
                                  Piece{" w\xC3\xB6rld", {6, 13}}));
  // A piece made only of the inserted space points at the first character.
  TF_ASSERT_OK_AND_ASSIGN(pieces, RunPreTokenizer(*byte_level, "\xC2\x85x"));
  EXPECT_THAT(pieces, ElementsAre(Piece{" ", {0, 2}}, Piece{"\xC2\x85", {0, 2}},
                                  Piece{"x", {2, 3}}));
  // Invalid UTF-8 is split, not rejected.
  EXPECT_THAT(Texts(*byte_level, "a\xFF"), ElementsAre(" a", "\xFF"));
  EXPECT_THAT(Texts(*byte_level, ""), ElementsAre());
}

TEST(SplitTest, RegexWithRe2) {
  auto split = FromJson(
      R"({"type": "Split", "pattern": {"Regex": "\\d+"},
          "behavior": "Isolated", "invert": false})");
  EXPECT_THAT(Texts(*split, "ab12cd3"), ElementsAre("ab", "12", "cd", "3"));
  auto keep = FromJson(
      R"({"type": "Split", "pattern": {"Regex": "\\p{L}+"},
          "behavior": "Removed", "invert": true})");
  EXPECT_THAT(Texts(*keep, "ab12cd3"), ElementsAre("ab", "cd"));
  auto merged = FromJson(
      R"({"type": "Split", "pattern": {"Regex": "-"},
          "behavior": "MergedWithPrevious", "invert": false})");
  EXPECT_THAT(Texts(*merged, "a-b--c-"), ElementsAre("a-", "b-", "-", "c-"));
}

TEST(SplitTest, EmptyRegexMatchesFollowFindIter) {
  // "x*" matches empty between characters; empty pieces are dropped.
  auto split = FromJson(
      R"({"type": "Split", "pattern": {"Regex": "x*"},
          "behavior": "Isolated", "invert": false})");
  EXPECT_THAT(Texts(*split, "axxb"), ElementsAre("a", "xx", "b"));
}

TEST(SplitTest, KnownPatternUsesTheExactSplitter) {
  // The Llama 3 setup: Split with the cl100k regex, which RE2 cannot compile
  // (lookahead), then ByteLevel without regex.
  const nlohmann::json json = {
      {"type", "Split"},
      {"pattern",
       {{"Regex",
         R"((?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)"}}},
      {"behavior", "Isolated"},
      {"invert", false}};
  TF_ASSERT_OK_AND_ASSIGN(auto split, PreTokenizerFromJson(json));
  EXPECT_THAT(Texts(*split, "I'M  12345!\n"),
              ElementsAre("I", "'M", " ", " ", "123", "45", "!\n"));
  EXPECT_EQ(split->ToJson(), json);
}

TEST(SplitTest, LookaheadOutsideKnownPatternsIsInvalid) {
  EXPECT_THAT(PreTokenizerFromJson(nlohmann::json::parse(
                  R"json({"type": "Split", "pattern": {"Regex": "a(?!b)"},
              "behavior": "Isolated", "invert": false})json")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("RE2")));
}

TEST(MetaspaceTest, OffsetsPointIntoTheOriginal) {
  auto metaspace = FromJson(R"({"type": "Metaspace"})");
  TF_ASSERT_OK_AND_ASSIGN(std::vector<Piece> pieces,
                          RunPreTokenizer(*metaspace, "Hey  you"));
  EXPECT_THAT(pieces, ElementsAre(Piece{"\xE2\x96\x81Hey", {0, 3}},
                                  Piece{"\xE2\x96\x81", {3, 4}},
                                  Piece{"\xE2\x96\x81you", {4, 8}}));
}

TEST(MetaspaceTest, LegacyAddPrefixSpace) {
  auto never = FromJson(
      R"({"type": "Metaspace", "replacement": "_", "add_prefix_space": false})");
  EXPECT_THAT(Texts(*never, "a b"), ElementsAre("a", "_b"));
  EXPECT_EQ(never->ToJson()["prepend_scheme"], "never");
}

TEST(PreTokenizerFactoryTest, Errors) {
  EXPECT_THAT(
      PreTokenizerFromJson(
          nlohmann::json::parse(R"({"type": "UnicodeScripts"})")),
      StatusIs(absl::StatusCode::kUnimplemented, HasSubstr("UnicodeScripts")));
  EXPECT_THAT(PreTokenizerFromJson(nlohmann::json::parse(R"([1])")),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(
      PreTokenizerFromJson(nlohmann::json::parse(
          R"({"type": "ByteLevel", "use_regex": "yes"})")),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("use_regex")));
  EXPECT_THAT(
      PreTokenizerFromJson(nlohmann::json::parse(
          R"({"type": "Punctuation", "behavior": "Sideways"})")),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("behavior")));
  EXPECT_THAT(
      PreTokenizerFromJson(nlohmann::json::parse(
          R"({"type": "Metaspace", "replacement": "ab"})")),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("replacement")));
  EXPECT_THAT(PreTokenizerFromJson(nlohmann::json::parse(
                  R"({"type": "Metaspace", "prepend_scheme": "sometimes"})")),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("prepend_scheme")));
  EXPECT_THAT(
      PreTokenizerFromJson(nlohmann::json::parse(
          R"({"type": "Split", "pattern": "x", "behavior": "Removed"})")),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("pattern")));
  EXPECT_THAT(
      PreTokenizerFromJson(nlohmann::json::parse(
          R"({"type": "Split", "pattern": {"String": "x"}})")),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("behavior")));
  EXPECT_THAT(PreTokenizerFromJson(nlohmann::json::parse(
                  R"({"type": "Sequence", "pretokenizers": [{"type": "X"}]})")),
              StatusIs(absl::StatusCode::kUnimplemented,
                       HasSubstr("pretokenizers[0]")));
}

}  // namespace
}  // namespace tokenforge
