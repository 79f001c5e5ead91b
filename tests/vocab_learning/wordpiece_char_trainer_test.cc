// Tests for vocab_learning/wordpiece_trainer.h and char_trainer.h: the
// likelihood WordPiece against the slow reference on random corpora, the
// HF-compatible mode against BPE with "##", coverage of char vocabularies.

#include <map>
#include <string>

#include "common/random.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/reference_bpe_trainer.h"
#include "tests/testing/status_matchers.h"
#include "vocab_learning/char_trainer.h"
#include "vocab_learning/wordpiece_trainer.h"

namespace tokenforge {
namespace {

using ::testing::ElementsAre;
using ::tokenforge::testing::StatusIs;

WordCounts RandomCounts(Rng& rng, int words, int max_len) {
  static const char* kChars[] = {"a", "b", "c", "d", "é", "日"};
  std::map<std::string, int64_t> m;
  for (int i = 0; i < words; ++i) {
    std::string w;
    const int len = 1 + static_cast<int>(rng.Below(max_len));
    for (int j = 0; j < len; ++j) w += kChars[rng.Below(rng.Below(2) ? 3 : 6)];
    m[w] += 1 + static_cast<int64_t>(rng.Below(5));
  }
  WordCounts out;
  for (const auto& [w, c] : m) out.push_back({w, c});
  return out;
}

TEST(WordPieceTrainerTest, PicksTheLikeliestPairNotTheMostFrequent) {
  // (a, ##b) is most frequent (count 10) but a and ##b are common; (x, ##y)
  // occurs twice, and x and ##y nowhere else: score 2 / (2 * 2) = 0.5
  // beats 10 / (20 * 12).
  WordPieceTrainerOptions options;
  options.special_tokens = {"[UNK]"};
  options.vocab_size = 9;  // [UNK], a b c x y, ##b ##y, one merge.
  TF_ASSERT_OK_AND_ASSIGN(BpeVocab vocab,
                          TrainWordPiece({{"ab", 10}, {"a", 10}, {"cb", 2}, {"xy", 2}},
                                         options));
  ASSERT_FALSE(vocab.merges.empty());
  EXPECT_EQ(vocab.tokens[vocab.merges[0].first], "x");
  EXPECT_EQ(vocab.tokens[vocab.merges[0].second], "##y");
  EXPECT_EQ(vocab.tokens.back(), "xy");
}

TEST(WordPieceTrainerTest, MatchesReferenceOnRandomCorpora) {
  Rng rng(21);
  for (int trial = 0; trial < 40; ++trial) {
    const WordCounts counts = RandomCounts(rng, 40, 8);
    WordPieceTrainerOptions options;
    options.special_tokens = {"[UNK]"};
    options.min_frequency = static_cast<int64_t>(rng.Below(3));
    options.vocab_size = 14 + static_cast<int>(rng.Below(40));
    const testing::ReferenceBpe expected = testing::ReferenceTrainBpe(
        counts, options.vocab_size, false, "##", options.special_tokens,
        options.min_frequency, /*likelihood=*/true);
    for (int threads : {1, 3}) {
      options.num_threads = threads;
      TF_ASSERT_OK_AND_ASSIGN(BpeVocab vocab, TrainWordPiece(counts, options));
      ASSERT_EQ(vocab.tokens, expected.tokens) << "trial " << trial;
      ASSERT_EQ(vocab.merges.size(), expected.merges.size()) << "trial " << trial;
    }
  }
}

TEST(WordPieceTrainerTest, GainMatchesReferenceOnRandomCorpora) {
  Rng rng(23);
  for (int trial = 0; trial < 40; ++trial) {
    const WordCounts counts = RandomCounts(rng, 40, 8);
    WordPieceTrainerOptions options;
    options.score = WordPieceScore::kGain;
    options.special_tokens = {"[UNK]"};
    options.min_frequency = static_cast<int64_t>(rng.Below(3));
    options.vocab_size = 14 + static_cast<int>(rng.Below(40));
    const testing::ReferenceBpe expected = testing::ReferenceTrainBpe(
        counts, options.vocab_size, false, "##", options.special_tokens,
        options.min_frequency, /*likelihood=*/true, /*gain=*/true);
    for (int threads : {1, 3}) {
      options.num_threads = threads;
      TF_ASSERT_OK_AND_ASSIGN(BpeVocab vocab, TrainWordPiece(counts, options));
      ASSERT_EQ(vocab.tokens, expected.tokens) << "trial " << trial;
      ASSERT_EQ(vocab.merges, expected.merges) << "trial " << trial;
    }
  }
}

TEST(WordPieceTrainerTest, GainWeighsTheRatioByTheCount) {
  // a and ##b are common, x and ##y rare. N = 60 + 10 + 4 + 4 = 78 symbols.
  // The ratio picks (x, ##y): 2 / (2 * 2) beats 30 / (40 * 32). The gain
  // picks (a, ##b): 30 log(30 * 78 / (40 * 32)) = 18.1 beats
  // 2 log(2 * 78 / (2 * 2)) = 7.3.
  WordPieceTrainerOptions options;
  options.score = WordPieceScore::kGain;
  options.special_tokens = {"[UNK]"};
  options.vocab_size = 9;
  TF_ASSERT_OK_AND_ASSIGN(BpeVocab vocab,
                          TrainWordPiece({{"ab", 30}, {"a", 10}, {"cb", 2}, {"xy", 2}},
                                         options));
  ASSERT_FALSE(vocab.merges.empty());
  EXPECT_EQ(vocab.tokens.back(), "ab");
  options.score = WordPieceScore::kRatio;
  TF_ASSERT_OK_AND_ASSIGN(vocab, TrainWordPiece({{"ab", 30}, {"a", 10}, {"cb", 2}, {"xy", 2}},
                                                options));
  EXPECT_EQ(vocab.tokens.back(), "xy");
}

TEST(WordPieceTrainerTest, HfCompatIsBpeWithThePrefix) {
  Rng rng(22);
  const WordCounts counts = RandomCounts(rng, 60, 8);
  WordPieceTrainerOptions options;
  options.hf_compat = true;
  options.vocab_size = 40;
  TF_ASSERT_OK_AND_ASSIGN(BpeVocab vocab, TrainWordPiece(counts, options));
  const testing::ReferenceBpe expected = testing::ReferenceTrainBpe(
      counts, options.vocab_size, false, "##", options.special_tokens);
  EXPECT_EQ(vocab.tokens, expected.tokens);
}

TEST(WordPieceTrainerTest, RejectsEmptyPrefix) {
  WordPieceTrainerOptions options;
  options.continuing_subword_prefix = "";
  EXPECT_THAT(TrainWordPiece({{"a", 1}}, options),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(CharTrainerTest, CoverageDropsRareCharactersAndCountsTokens) {
  CharTrainerOptions options;
  options.character_coverage = 0.9;
  TF_ASSERT_OK_AND_ASSIGN(CharVocab vocab,
                          TrainChars({{"aab", 4}, {"c", 1}, {"日", 1}}, options));
  // a: 8, b: 4, c: 1, 日: 1 of 14; a + b cover 12/14 < 0.9, so c joins
  // (ties broken by the smaller code point).
  EXPECT_THAT(vocab.tokens, ElementsAre("<unk>", "a", "b", "c"));
  EXPECT_EQ(vocab.training_tokens, 14);
  options.byte_fallback = true;
  options.vocab_size = 300;
  TF_ASSERT_OK_AND_ASSIGN(vocab, TrainChars({{"aab", 4}, {"c", 1}, {"日", 1}}, options));
  EXPECT_EQ(vocab.tokens.size(), 1u + 256u + 3u);
  EXPECT_EQ(vocab.training_tokens, 16);  // 日 is 3 byte tokens.
}

TEST(CharTrainerTest, VocabSizeLimitsTheAlphabet) {
  CharTrainerOptions options;
  options.vocab_size = 3;
  TF_ASSERT_OK_AND_ASSIGN(CharVocab vocab, TrainChars({{"abcabca", 1}}, options));
  EXPECT_THAT(vocab.tokens, ElementsAre("<unk>", "a", "b"));
  options.vocab_size = 1;
  EXPECT_THAT(TrainChars({{"a", 1}}, options),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace tokenforge
