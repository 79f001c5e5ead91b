// Tests for vocab_learning/pair_merger.h: after every merge, the pair
// counts equal a from-scratch recount of words rewritten by the obvious
// algorithm (leftmost-first replacement), the raised pairs are exactly the
// pairs whose count rose, with their current counts, and the serial and the
// sharded (parallel) paths agree for 1, 2 and 3 threads. Random words with
// fixed seeds, short and CJK-like long ones, with repeats ("aaaa") for the
// overlapping case and boundaries that cut words.

#include "vocab_learning/pair_merger.h"

#include <algorithm>
#include <map>
#include <utility>
#include <vector>

#include "common/random.h"
#include "gtest/gtest.h"

namespace tokenforge::internal {
namespace {

struct Word {
  std::vector<int32_t> symbols;  // May contain PairMerger::kBoundary.
  int64_t count;
};

// The reference: rewrites (left, right) -> merged left to right.
void MergeWord(Word* word, int32_t left, int32_t right, int32_t merged) {
  std::vector<int32_t> out;
  const std::vector<int32_t>& s = word->symbols;
  for (size_t i = 0; i < s.size(); ++i) {
    if (i + 1 < s.size() && s[i] == left && s[i + 1] == right) {
      out.push_back(merged);
      ++i;
    } else {
      out.push_back(s[i]);
    }
  }
  word->symbols = std::move(out);
}

std::map<uint64_t, int64_t> CountPairs(const std::vector<Word>& words) {
  std::map<uint64_t, int64_t> pairs;
  for (const Word& w : words) {
    for (size_t i = 0; i + 1 < w.symbols.size(); ++i) {
      if (w.symbols[i] < 0 || w.symbols[i + 1] < 0) continue;
      pairs[PairKey(w.symbols[i], w.symbols[i + 1])] += w.count;
    }
  }
  return pairs;
}

std::vector<Word> RandomWords(Rng& rng, int num_words, int max_len,
                              int alphabet) {
  std::vector<Word> words;
  for (int i = 0; i < num_words; ++i) {
    Word w{{}, 1 + static_cast<int64_t>(rng.Below(5))};
    const int len = 1 + static_cast<int>(rng.Below(max_len));
    for (int j = 0; j < len; ++j) {
      // Skewed symbols (min of two draws) and a few boundaries.
      const int32_t s = static_cast<int32_t>(
          std::min(rng.Below(alphabet), rng.Below(alphabet)));
      w.symbols.push_back(rng.Below(50) == 0 ? PairMerger::kBoundary : s);
    }
    words.push_back(std::move(w));
  }
  return words;
}

// The most frequent pair, ties to the smallest key (the trainers' rule).
uint64_t BestPair(const std::map<uint64_t, int64_t>& pairs) {
  uint64_t best = 0;
  int64_t best_count = 0;
  for (const auto& [key, count] : pairs) {
    if (count > best_count) {
      best = key;
      best_count = count;
    }
  }
  return best;
}

void RunAndCheck(uint64_t seed, int num_words, int max_len, int alphabet,
                 int64_t threshold, int threads) {
  Rng rng(seed);
  std::vector<Word> words = RandomWords(rng, num_words, max_len, alphabet);
  PairMerger merger;
  for (const Word& w : words) merger.AddWord(w.symbols, w.count);
  merger.set_parallel_min_occurrences(threshold);
  merger.Build(alphabet, threads);
  int32_t next_symbol = alphabet;
  for (int step = 0; step < 40; ++step) {
    const std::map<uint64_t, int64_t> before = CountPairs(words);
    if (before.empty()) break;
    const uint64_t key = BestPair(before);
    // Every few steps the result is an existing symbol (the last merge's),
    // as in a char-level trainer when two merges spell the same token.
    int32_t merged = next_symbol;
    if (step % 7 == 6 && next_symbol > alphabet) {
      const int32_t reuse = next_symbol - 1;
      if (reuse != PairLeft(key) && reuse != PairRight(key)) merged = reuse;
    }
    if (merged == next_symbol) ++next_symbol;
    std::vector<std::pair<uint64_t, int64_t>> raised;
    std::vector<int32_t> touched;
    merger.Merge(key, merged, &raised, &touched);
    for (Word& w : words) MergeWord(&w, PairLeft(key), PairRight(key), merged);
    const std::map<uint64_t, int64_t> after = CountPairs(words);
    using Pairs = std::vector<std::pair<uint64_t, int64_t>>;
    ASSERT_EQ(merger.LivePairs(), Pairs(after.begin(), after.end()))
        << "seed " << seed << " step " << step;
    // Raised: each once, with its current count; every pair that rose.
    std::map<uint64_t, int64_t> raised_map(raised.begin(), raised.end());
    ASSERT_EQ(raised_map.size(), raised.size()) << "duplicates, step " << step;
    for (const auto& [k, count] : raised) {
      ASSERT_EQ(count, merger.PairCount(k)) << "step " << step;
    }
    for (const auto& [k, count] : after) {
      const auto it = before.find(k);
      if (it == before.end() || it->second < count) {
        ASSERT_TRUE(raised_map.contains(k)) << "step " << step;
      }
    }
  }
}

TEST(PairMergerTest, SerialCountsMatchRecount) {
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    RunAndCheck(seed, 40, 12, 6, /*threshold=*/int64_t{1} << 40, 1);
  }
}

TEST(PairMergerTest, ShardedCountsMatchRecountForAnyThreads) {
  // Fewer seeds than serially: every merge is a parallel region here, and
  // 3 threads on a loaded 2-core machine make each region wait for the
  // scheduler.
  for (uint64_t seed = 1; seed <= 8; ++seed) {
    RunAndCheck(seed, 40, 12, 6, /*threshold=*/0, 1);
    RunAndCheck(seed, 40, 12, 6, /*threshold=*/0, 2);
  }
  RunAndCheck(9, 40, 12, 6, /*threshold=*/0, 3);
}

TEST(PairMergerTest, LongWordsShardedAndSerial) {
  // CJK-like: few words of hundreds of symbols, so shards cut between words
  // and each holds many occurrences of the same word.
  for (uint64_t seed = 30; seed < 33; ++seed) {
    RunAndCheck(seed, 6, 400, 5, int64_t{1} << 40, 1);
    RunAndCheck(seed, 6, 400, 5, 0, 2);
    RunAndCheck(seed, 6, 400, 5, 16, seed == 30 ? 3 : 2);
  }
}

}  // namespace
}  // namespace tokenforge::internal
