// Tests of SpmBpeModel: hand-checked merges by score, and the slow
// reference (repeatedly merge the best-scoring adjacent pair, leftmost on
// ties) on random vocabularies.

#include "tokenizers/models/spm_bpe_model.h"

#include <map>
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

std::vector<std::string> Pieces(const SpmBpeModel& model, absl::string_view text) {
  std::vector<Token> tokens;
  TF_CHECK(model.Tokenize(text, &tokens).ok());
  std::vector<std::string> out;
  for (const Token& t : tokens) out.push_back(std::string(model.IdToToken(t.id)));
  return out;
}

TEST(SpmBpeModelTest, MergesByScoreNotByPosition) {
  // "bc" scores higher than "ab", so "abc" -> a + bc.
  TF_ASSERT_OK_AND_ASSIGN(
      auto model, SpmBpeModel::Create({{"<unk>", 0, PieceType::kUnknown},
                                       {"a", -5}, {"b", -5}, {"c", -5},
                                       {"ab", -2}, {"bc", -1}},
                                      {}));
  EXPECT_THAT(Pieces(*model, "abc"), ElementsAre("a", "bc"));
  EXPECT_THAT(Pieces(*model, "abab"), ElementsAre("ab", "ab"));
  EXPECT_THAT(Pieces(*model, "axxb"), ElementsAre("a", "<unk>", "b"));
}

TEST(SpmBpeModelTest, UnusedMergesAreResegmented) {
  TF_ASSERT_OK_AND_ASSIGN(
      auto model, SpmBpeModel::Create({{"<unk>", 0, PieceType::kUnknown},
                                       {"a", -5}, {"b", -5},
                                       {"ab", -1, PieceType::kUnused}},
                                      {}));
  EXPECT_THAT(Pieces(*model, "ab"), ElementsAre("a", "b"));
}

// Slow reference: a list of strings, merge the best pair each round.
std::vector<std::string> ReferenceBpe(const std::map<std::string, float>& scores,
                                      const std::vector<std::string>& chars) {
  std::vector<std::string> s = chars;
  while (true) {
    int best = -1;
    float best_score = 0;
    for (size_t i = 0; i + 1 < s.size(); ++i) {
      const auto it = scores.find(s[i] + s[i + 1]);
      if (it == scores.end()) continue;
      if (best < 0 || it->second > best_score) {
        best = static_cast<int>(i);
        best_score = it->second;
      }
    }
    if (best < 0) return s;
    s[best] += s[best + 1];
    s.erase(s.begin() + best + 1);
  }
}

TEST(SpmBpeModelTest, MatchesSlowReferenceOnRandomVocabularies) {
  Rng rng(23);
  static const char* kChars[] = {"a", "b", "c", "\xc3\xa9"};
  for (int trial = 0; trial < 500; ++trial) {
    std::vector<ScoredPiece> pieces = {{"<unk>", 0, PieceType::kUnknown}};
    std::map<std::string, float> scores;
    for (const char* c : kChars) {
      pieces.push_back({c, -100});
      scores[c] = -100;
    }
    const int n = static_cast<int>(rng.Below(15));
    for (int i = 0; i < n; ++i) {
      std::string p;
      const int len = 2 + static_cast<int>(rng.Below(3));
      for (int k = 0; k < len; ++k) p += kChars[rng.Below(4)];
      if (scores.count(p)) continue;
      // Few distinct scores, so ties happen.
      const float score = -static_cast<float>(rng.Below(4));
      scores[p] = score;
      pieces.push_back({p, score});
    }
    TF_ASSERT_OK_AND_ASSIGN(auto model, SpmBpeModel::Create(pieces, {}));
    std::vector<std::string> chars;
    std::string text;
    const int len = 1 + static_cast<int>(rng.Below(12));
    for (int k = 0; k < len; ++k) {
      chars.push_back(kChars[rng.Below(4)]);
      text += chars.back();
    }
    EXPECT_EQ(Pieces(*model, text), ReferenceBpe(scores, chars)) << absl::CEscape(text);
  }
}

}  // namespace
}  // namespace tokenforge
