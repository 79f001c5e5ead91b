// Tests of WordPieceModel: hand-checked cases and LinMaxMatch against the
// slow, obvious greedy longest-match-first loop on random vocabularies.

#include "tokenizers/models/wordpiece_model.h"

#include <set>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "common/random.h"
#include "common/status_macros.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace tokenforge {
namespace {

using ::testing::ElementsAre;
using ::tokenforge::testing::StatusIs;

std::unique_ptr<WordPieceModel> Make(const std::vector<std::string>& tokens,
                                     WordPieceModelOptions options = {}) {
  std::vector<std::pair<std::string, TokenId>> vocab;
  for (size_t i = 0; i < tokens.size(); ++i) vocab.push_back({tokens[i], static_cast<TokenId>(i)});
  auto model = WordPieceModel::Create(vocab, options);
  TF_CHECK(model.ok());
  return *std::move(model);
}

std::vector<std::string> Pieces(const WordPieceModel& model, absl::string_view word) {
  std::vector<Token> tokens;
  TF_CHECK(model.Tokenize(word, &tokens).ok());
  std::vector<std::string> out;
  for (const Token& t : tokens) out.push_back(std::string(model.IdToToken(t.id)));
  std::vector<TokenId> ids;
  model.TokenizeIds(word, &ids);
  TF_CHECK(ids.size() == tokens.size());
  return out;
}

// The slow reference: HF's loop, shrinking the candidate one character at
// a time from the end.
std::vector<std::string> Reference(const std::set<std::string>& vocab,
                                   const std::string& word, size_t max_chars = 100) {
  size_t chars = 0;
  for (char c : word) chars += (static_cast<uint8_t>(c) & 0xC0) != 0x80;
  if (chars > max_chars) return {"[UNK]"};
  std::vector<std::string> out;
  for (size_t start = 0; start < word.size();) {
    size_t end = word.size();
    std::string found;
    while (start < end) {
      const std::string cand = (start > 0 ? "##" : "") + word.substr(start, end - start);
      if (vocab.count(cand)) {
        found = cand;
        break;
      }
      do {
        --end;
      } while (end > start && (static_cast<uint8_t>(word[end]) & 0xC0) == 0x80);
    }
    if (found.empty()) return {"[UNK]"};
    out.push_back(found);
    start = end;
  }
  return out;
}

TEST(WordPieceModelTest, Unaffable) {
  auto model = Make({"[UNK]", "un", "##aff", "##able", "a", "##ff", "##a"});
  EXPECT_THAT(Pieces(*model, "unaffable"), ElementsAre("un", "##aff", "##able"));
  EXPECT_THAT(Pieces(*model, "unx"), ElementsAre("[UNK]"));
  EXPECT_THAT(Pieces(*model, "aaff"), ElementsAre("a", "##aff"));
  EXPECT_THAT(Pieces(*model, "aaf"), ElementsAre("[UNK]"));
}

TEST(WordPieceModelTest, SpansAndLongWords) {
  WordPieceModelOptions options;
  options.max_input_chars_per_word = 3;
  auto model = Make({"[UNK]", "\xc3\xa9", "##a", "##\xc3\xa9"}, options);
  std::vector<Token> tokens;
  TF_ASSERT_OK(model->Tokenize("\xc3\xa9" "a\xc3\xa9", &tokens));
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[1].span, (ByteSpan{2, 3}));
  EXPECT_EQ(tokens[2].span, (ByteSpan{3, 5}));
  EXPECT_THAT(Pieces(*model, "\xc3\xa9" "aaa"), ElementsAre("[UNK]"));
}

TEST(WordPieceModelTest, RejectsMissingUnk) {
  EXPECT_THAT(WordPieceModel::Create({{"a", 0}}, {}),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(WordPieceModelTest, JsonRoundTrip) {
  auto model = Make({"[UNK]", "un", "##aff", "##able"});
  TF_ASSERT_OK_AND_ASSIGN(auto copy, WordPieceModel::FromJson(model->ToJson()));
  EXPECT_EQ(Pieces(*copy, "unaffable"), Pieces(*model, "unaffable"));
  EXPECT_EQ(copy->ToJson(), model->ToJson());
}

TEST(WordPieceModelTest, LinMaxMatchEqualsGreedyReference) {
  Rng rng(41);
  static const char* kChars[] = {"a", "b", "c", "#", "\xc3\xa9"};
  for (int trial = 0; trial < 3000; ++trial) {
    std::set<std::string> vocab = {"[UNK]"};
    const int n = 2 + static_cast<int>(rng.Below(20));
    for (int i = 0; i < n; ++i) {
      std::string t = rng.Below(2) ? "##" : "";
      const int len = 1 + static_cast<int>(rng.Below(4));
      for (int k = 0; k < len; ++k) t += kChars[rng.Below(rng.Below(4) == 0 ? 5 : 4)];
      vocab.insert(t);
    }
    auto model = Make(std::vector<std::string>(vocab.begin(), vocab.end()));
    for (int w = 0; w < 10; ++w) {
      std::string word;
      const int len = 1 + static_cast<int>(rng.Below(10));
      for (int k = 0; k < len; ++k) word += kChars[rng.Below(rng.Below(5) == 0 ? 5 : 4)];
      ASSERT_EQ(Pieces(*model, word), Reference(vocab, word))
          << "word \"" << absl::CEscape(word) << "\"";
    }
  }
}

}  // namespace
}  // namespace tokenforge
