// Tests for vocab_learning/bpe_trainer.h: hand-checked merges, crafted ties,
// and differential tests against the slow reference trainer on random
// corpora, byte-level and char-level.

#include "vocab_learning/bpe_trainer.h"

#include <algorithm>
#include <map>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/random.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/reference_bpe_trainer.h"
#include "tests/testing/status_matchers.h"

namespace tokenforge {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;
using ::tokenforge::testing::StatusIs;

BpeTrainerOptions CharOptions(int vocab_size) {
  BpeTrainerOptions options;
  options.byte_level = false;
  options.vocab_size = vocab_size;
  return options;
}

std::vector<std::string> MergeStrings(const BpeVocab& vocab) {
  std::vector<std::string> out;
  for (const auto& [a, b] : vocab.merges) {
    out.push_back(vocab.tokens[a] + " " + vocab.tokens[b]);
  }
  return out;
}

TEST(BpeTrainerTest, HandCheckedCharLevel) {
  // Pairs: (a,b) 5+2 = 7, (b,c) 2; then (ab,c) 2.
  const WordCounts counts = {{"ab", 5}, {"abc", 2}};
  TF_ASSERT_OK_AND_ASSIGN(BpeVocab vocab, TrainBpe(counts, CharOptions(5)));
  EXPECT_THAT(vocab.tokens, ElementsAre("a", "b", "c", "ab", "abc"));
  EXPECT_THAT(MergeStrings(vocab), ElementsAre("a b", "ab c"));
  EXPECT_EQ(vocab.training_tokens, 7);
}

TEST(BpeTrainerTest, TiesGoToTheSmallestPairIds) {
  // (a,b), (b,c) and (c,d) all count 3: the smallest (left id, right id)
  // is (a, b) = (0, 1); then (c, d) beats (ab, c) = (4, 2).
  const WordCounts counts = {{"abcd", 3}};
  TF_ASSERT_OK_AND_ASSIGN(BpeVocab vocab, TrainBpe(counts, CharOptions(6)));
  EXPECT_THAT(MergeStrings(vocab), ElementsAre("a b", "c d"));
}

TEST(BpeTrainerTest, OverlappingPairsMergeLeftmostFirst) {
  const WordCounts counts = {{"aaaaa", 1}};
  TF_ASSERT_OK_AND_ASSIGN(BpeVocab vocab, TrainBpe(counts, CharOptions(4)));
  // "aaaaa" -> aa aa a; then (aa, a) = (1, 0) beats (aa, aa) = (1, 1).
  EXPECT_THAT(MergeStrings(vocab), ElementsAre("a a", "aa a", "aa aaa"));
  EXPECT_EQ(vocab.training_tokens, 1);
}

TEST(BpeTrainerTest, ByteLevelAlphabetIsHfOrderAndSpecialsComeFirst) {
  BpeTrainerOptions options;
  options.vocab_size = 258;
  options.special_tokens = {"<|endoftext|>"};
  TF_ASSERT_OK_AND_ASSIGN(BpeVocab vocab, TrainBpe({{" hi", 4}}, options));
  ASSERT_EQ(vocab.tokens.size(), 258u);
  EXPECT_EQ(vocab.tokens[0], "<|endoftext|>");
  EXPECT_EQ(vocab.tokens[1], "!");     // U+0021 is the smallest code point.
  EXPECT_EQ(vocab.tokens[256], "\xad");  // Byte 0xAD stands for U+0143.
  // (' ', h) ties (h, i); ' ' is U+0120 'Ġ', so its id is the larger.
  EXPECT_EQ(vocab.tokens[257], "hi");
}

TEST(BpeTrainerTest, MinFrequencyAndMaxTokenLengthStopMerges) {
  BpeTrainerOptions options = CharOptions(100);
  options.min_frequency = 3;
  TF_ASSERT_OK_AND_ASSIGN(BpeVocab vocab, TrainBpe({{"ab", 3}, {"cd", 2}}, options));
  EXPECT_THAT(MergeStrings(vocab), ElementsAre("a b"));
  options.min_frequency = 0;
  options.max_token_length = 2;
  TF_ASSERT_OK_AND_ASSIGN(vocab, TrainBpe({{"abcd", 3}}, options));
  EXPECT_THAT(MergeStrings(vocab), ElementsAre("a b", "c d"));
}

TEST(BpeTrainerTest, CoverageAndByteFallback) {
  BpeTrainerOptions options = CharOptions(300);
  options.byte_fallback = true;
  options.character_coverage = 0.9;
  options.special_tokens = {"<unk>"};
  TF_ASSERT_OK_AND_ASSIGN(BpeVocab vocab,
                          TrainBpe({{"aaaaaaaaaaaaaaaaaaaz", 1}}, options));
  EXPECT_EQ(vocab.num_byte_fallback, 256);
  EXPECT_EQ(vocab.tokens[1], "<0x00>");
  EXPECT_EQ(vocab.tokens[257], "a");
  EXPECT_EQ(vocab.alphabet_size, 1);  // 'z' is below the 90% coverage.
  // Unknown characters cut words: no pair spans the 'z'.
  TF_ASSERT_OK_AND_ASSIGN(
      vocab, TrainBpe({{"aaaaaaaaaaaaaaaaaaaz", 10}, {"azaz", 1}}, options));
  for (const std::string& token : vocab.tokens) {
    if (token.size() > 1 && token[0] != '<') {
      EXPECT_EQ(token.find('z'), std::string::npos) << token;
    }
  }
}

TEST(BpeTrainerTest, RejectsBadOptionsAndInput) {
  EXPECT_THAT(TrainBpe({{"a", 1}}, CharOptions(0)),
              StatusIs(absl::StatusCode::kInvalidArgument));
  BpeTrainerOptions options;
  options.vocab_size = 100;  // Below the 256 byte tokens.
  EXPECT_THAT(TrainBpe({{"a", 1}}, options),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(TrainBpe({{"\xff", 1}}, CharOptions(10)),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(BpeTrainerTest, CountsBeyond32Bits) {
  const int64_t big = int64_t{5} << 30;  // Pair counts reach 3 * 2^32+.
  TF_ASSERT_OK_AND_ASSIGN(BpeVocab vocab,
                          TrainBpe({{"ab", big}, {"ba", big}, {"bb", 1}},
                                   CharOptions(4)));
  EXPECT_THAT(MergeStrings(vocab), ElementsAre("a b", "b a"));
  EXPECT_EQ(vocab.training_tokens, 2 * big + 2);
}

WordCounts RandomCounts(Rng& rng, const std::vector<std::string>& alphabet,
                        int words, int max_len) {
  std::map<std::string, int64_t> m;
  for (int i = 0; i < words; ++i) {
    std::string w;
    const int len = 1 + static_cast<int>(rng.Below(max_len));
    for (int j = 0; j < len; ++j) w += alphabet[rng.Below(alphabet.size())];
    m[w] += 1 + static_cast<int64_t>(rng.Below(3));  // Small counts: many ties.
  }
  WordCounts out;
  for (const auto& [w, c] : m) out.push_back({w, c});
  return out;
}

// The serial merge path (threshold above any merge) and the sharded one
// (threshold 0: every merge through PairMerger's shards and ordered fold).
constexpr int64_t kSerialOnly = int64_t{1} << 40;
constexpr int64_t kShardedAlways = 0;

TEST(BpeTrainerTest, MatchesReferenceOnRandomCorpora) {
  Rng rng(11);
  for (int trial = 0; trial < 60; ++trial) {
    const bool byte_level = trial % 3 == 0;
    const std::string prefix = trial % 3 == 2 ? "##" : "";
    const WordCounts counts =
        RandomCounts(rng, {"a", "b", "c", "é", "日", " "}, 30, 9);
    BpeTrainerOptions options;
    options.byte_level = byte_level;
    options.continuing_subword_prefix = prefix;
    options.special_tokens = {"[S]"};
    options.vocab_size = (byte_level ? 257 : 14) + static_cast<int>(rng.Below(40));
    const testing::ReferenceBpe expected = testing::ReferenceTrainBpe(
        counts, options.vocab_size, byte_level, prefix, options.special_tokens);
    for (int threads : {1, 2, 3}) {
      options.num_threads = threads;
      // 1 thread serial, 2 sharded on every merge, 3 the default. (Every
      // merge a parallel region at 3 threads is slow on a loaded 2-core
      // machine: each region waits for the scheduler.)
      options.parallel_merge_min_occurrences =
          threads == 1   ? kSerialOnly
          : threads == 2 ? kShardedAlways
                         : BpeTrainerOptions().parallel_merge_min_occurrences;
      TF_ASSERT_OK_AND_ASSIGN(BpeVocab vocab, TrainBpe(counts, options));
      ASSERT_EQ(vocab.tokens, expected.tokens) << "trial " << trial;
      ASSERT_EQ(vocab.merges.size(), expected.merges.size()) << "trial " << trial;
      for (size_t i = 0; i < vocab.merges.size(); ++i) {
        ASSERT_EQ(vocab.merges[i].first, expected.merges[i].first) << trial;
        ASSERT_EQ(vocab.merges[i].second, expected.merges[i].second) << trial;
      }
    }
  }
}

// CJK-like corpora: few, long words (lines without spaces) over a skewed
// alphabet of multi-byte characters, so that many merges hit hundreds of
// positions in the same word, plus short words and repeats ("aaaa") for the
// overlapping case.
WordCounts LongWordCounts(Rng& rng, int words, int max_len) {
  const std::vector<std::string> alphabet = {"的", "之", "不", "人", "山", "風",
                                             "月", "日", "a", "a", "。", "，"};
  std::map<std::string, int64_t> m;
  for (int i = 0; i < words; ++i) {
    std::string w;
    const int len = 1 + static_cast<int>(rng.Below(max_len));
    for (int j = 0; j < len; ++j) {
      // Skewed: index = min of two draws, so early characters dominate.
      w += alphabet[std::min(rng.Below(alphabet.size()), rng.Below(alphabet.size()))];
    }
    m[w] += 1 + static_cast<int64_t>(rng.Below(4));
  }
  WordCounts out;
  for (const auto& [w, c] : m) out.push_back({w, c});
  return out;
}

void ExpectSameVocab(const BpeVocab& a, const BpeVocab& b, int trial) {
  ASSERT_EQ(a.tokens, b.tokens) << "trial " << trial;
  ASSERT_EQ(a.merges, b.merges) << "trial " << trial;
  ASSERT_EQ(a.training_tokens, b.training_tokens) << "trial " << trial;
}

TEST(BpeTrainerTest, ShardedMergesEqualSerialOnLongWords) {
  Rng rng(29);
  for (int trial = 0; trial < 12; ++trial) {
    const WordCounts counts = LongWordCounts(rng, 20 + trial * 10, 600);
    BpeTrainerOptions options;
    options.byte_level = trial % 2 == 0;
    options.continuing_subword_prefix = trial % 4 == 1 ? "##" : "";
    options.vocab_size = (options.byte_level ? 256 : 12) + 400;
    options.parallel_merge_min_occurrences = kSerialOnly;
    options.num_threads = 1;
    TF_ASSERT_OK_AND_ASSIGN(const BpeVocab serial, TrainBpe(counts, options));
    ASSERT_GT(serial.merges.size(), 300u);
    for (const auto& [threads, threshold] :
         {std::pair{1, kShardedAlways}, std::pair{2, kShardedAlways},
          std::pair{2, int64_t{64}}, std::pair{3, int64_t{64}}}) {
      options.num_threads = threads;
      options.parallel_merge_min_occurrences = threshold;
      TF_ASSERT_OK_AND_ASSIGN(const BpeVocab sharded, TrainBpe(counts, options));
      ExpectSameVocab(serial, sharded, trial);
    }
  }
}

TEST(BpeTrainerTest, ShardedMergesMatchReferenceOnLongWords) {
  Rng rng(41);
  for (int trial = 0; trial < 4; ++trial) {
    const WordCounts counts = LongWordCounts(rng, 12, 120);
    BpeTrainerOptions options;
    options.byte_level = trial % 2 == 0;
    options.vocab_size = (options.byte_level ? 256 : 12) + 60;
    options.parallel_merge_min_occurrences = kShardedAlways;
    options.num_threads = 2;
    const testing::ReferenceBpe expected = testing::ReferenceTrainBpe(
        counts, options.vocab_size, options.byte_level);
    TF_ASSERT_OK_AND_ASSIGN(const BpeVocab vocab, TrainBpe(counts, options));
    ASSERT_EQ(vocab.tokens, expected.tokens) << "trial " << trial;
    ASSERT_EQ(vocab.merges.size(), expected.merges.size()) << "trial " << trial;
    for (size_t i = 0; i < vocab.merges.size(); ++i) {
      ASSERT_EQ(vocab.merges[i].first, expected.merges[i].first) << trial;
      ASSERT_EQ(vocab.merges[i].second, expected.merges[i].second) << trial;
    }
  }
}

}  // namespace
}  // namespace tokenforge
