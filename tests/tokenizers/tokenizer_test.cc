#include "tokenizers/tokenizer.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"
#include "tokenizers/models/bpe_model.h"

namespace tokenforge {
namespace {

using ::testing::ElementsAre;
using ::tokenforge::testing::StatusIs;

// A byte-level model over all 256 bytes plus "ab" (256) and "abc" (257);
// no pre-tokenizer, so a text is one word.
std::unique_ptr<Tokenizer> MakeTokenizer(std::vector<AddedToken> added = {},
                                         TruncationOptions truncation = {}) {
  std::vector<std::pair<std::string, TokenId>> ranks;
  for (int b = 0; b < 256; ++b) ranks.emplace_back(std::string(1, static_cast<char>(b)), b);
  ranks.emplace_back("ab", 256);
  ranks.emplace_back("abc", 257);
  Tokenizer::Parts parts;
  parts.model = *BpeModel::FromRanks(ranks);
  parts.added_tokens = std::move(added);
  parts.truncation = truncation;
  auto tokenizer = Tokenizer::Create(std::move(parts));
  EXPECT_TRUE(tokenizer.ok()) << tokenizer.status();
  return *std::move(tokenizer);
}

std::vector<TokenId> Ids(const Tokenizer& t, absl::string_view text,
                         EncodeOptions options = {}) {
  std::vector<TokenId> ids;
  EXPECT_TRUE(t.EncodeIds(text, options, &ids).ok());
  return ids;
}

TEST(TokenizerTest, SpecialTokenTextIsPlainTextUnlessAllowed) {
  auto t = MakeTokenizer({{.content = "<|x|>", .id = 300, .special = true}});
  EXPECT_THAT(Ids(*t, "ab<|x|>"), ElementsAre(256, '<', '|', 'x', '|', '>'));
  EXPECT_THAT(Ids(*t, "ab<|x|>", {.allow_special = true}), ElementsAre(256, 300));
}

TEST(TokenizerTest, NonSpecialAddedTokensAlwaysMatchLongestFirst) {
  auto t = MakeTokenizer({{.content = "cd", .id = 300}, {.content = "cde", .id = 301}});
  EXPECT_THAT(Ids(*t, "abcde"), ElementsAre(256, 301));
  EXPECT_THAT(Ids(*t, "cdcd"), ElementsAre(300, 300));
}

TEST(TokenizerTest, StripAndSingleWordRules) {
  auto t = MakeTokenizer({{.content = "X", .id = 300, .single_word = true,
                           .lstrip = true, .rstrip = true}});
  // "aX" is inside a word: no match.
  EXPECT_THAT(Ids(*t, "aX"), ElementsAre('a', 'X'));
  // Whitespace around a match is absorbed by it.
  TF_ASSERT_OK_AND_ASSIGN(Encoding e, t->Encode("a  X  b"));
  EXPECT_THAT(e.ids, ElementsAre('a', 300, 'b'));
  EXPECT_EQ(e.offsets[1], (ByteSpan{1, 6}));
}

TEST(TokenizerTest, OffsetsPointIntoTheCallersText) {
  auto t = MakeTokenizer({{.content = "<s>", .id = 300, .special = true}});
  TF_ASSERT_OK_AND_ASSIGN(Encoding e, t->Encode("xy<s>abc", {.allow_special = true}));
  EXPECT_THAT(e.ids, ElementsAre('x', 'y', 300, 257));
  EXPECT_EQ(e.offsets[2], (ByteSpan{2, 5}));
  EXPECT_EQ(e.offsets[3], (ByteSpan{5, 8}));
  EXPECT_THAT(e.special_tokens_mask, ElementsAre(0, 0, 1, 0));
  EXPECT_EQ(e.word_ids[2], -1);
}

TEST(TokenizerTest, DecodeRejectsIdsOutsideTheVocabulary) {
  auto t = MakeTokenizer();
  EXPECT_THAT(t->Decode({5, 9999}), StatusIs(absl::StatusCode::kOutOfRange));
  EXPECT_THAT(t->Decode({-1}), StatusIs(absl::StatusCode::kOutOfRange));
}

TEST(TokenizerTest, DecodeSkipsSpecialTokensOnRequest) {
  auto t = MakeTokenizer({{.content = "<s>", .id = 300, .special = true}});
  TF_ASSERT_OK_AND_ASSIGN(std::string with, t->Decode({300, 257}));
  TF_ASSERT_OK_AND_ASSIGN(std::string without, t->Decode({300, 257}, true));
  // No decoder: HF joins token strings with spaces.
  EXPECT_EQ(with, "<s> abc");
  EXPECT_EQ(without, "abc");
}

TEST(TokenizerTest, TruncationKeepsOverflow) {
  auto t = MakeTokenizer({}, {.max_length = 2});
  TF_ASSERT_OK_AND_ASSIGN(Encoding e, t->Encode("xyzw"));
  EXPECT_THAT(e.ids, ElementsAre('x', 'y'));
  ASSERT_EQ(e.overflowing.size(), 1u);
  EXPECT_THAT(e.overflowing[0].ids, ElementsAre('z', 'w'));
  EXPECT_THAT(Ids(*t, "xyzw"), ElementsAre('x', 'y'));
}

TEST(TokenizerTest, BatchResultsDoNotDependOnThreadCount) {
  auto t = MakeTokenizer({{.content = "<s>", .id = 300, .special = true}});
  std::vector<std::string> texts;
  for (int i = 0; i < 1000; ++i) {
    texts.push_back(std::string(static_cast<size_t>(i % 17), 'a') + "bc<s>" +
                    std::to_string(i));
  }
  std::vector<absl::string_view> views(texts.begin(), texts.end());
  TF_ASSERT_OK_AND_ASSIGN(auto one, t->EncodeIdsBatch(views, {}, 1));
  for (int threads : {2, 3, 8}) {
    TF_ASSERT_OK_AND_ASSIGN(auto many, t->EncodeIdsBatch(views, {}, threads));
    EXPECT_EQ(one, many) << threads;
    TF_ASSERT_OK_AND_ASSIGN(auto encodings, t->EncodeBatch(views, {}, threads));
    for (size_t i = 0; i < views.size(); ++i) ASSERT_EQ(encodings[i].ids, one[i]);
  }
}

TEST(TokenizerTest, RejectsBadParts) {
  EXPECT_THAT(Tokenizer::Create({}), StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace tokenforge
