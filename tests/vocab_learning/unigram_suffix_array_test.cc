// Tests for vocab_learning/unigram_suffix_array.h: SA-IS against a naive
// comparison sort, exhaustively on short binary strings and on random
// strings of several lengths and alphabet sizes (fixed seeds), including
// long runs of one character (the cases that recurse deepest).

#include "vocab_learning/unigram_suffix_array.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "common/random.h"
#include "gtest/gtest.h"

namespace tokenforge {
namespace {

std::vector<int32_t> NaiveSuffixArray(const std::vector<int32_t>& s) {
  std::vector<int32_t> sa(s.size());
  for (size_t i = 0; i < sa.size(); ++i) sa[i] = static_cast<int32_t>(i);
  std::sort(sa.begin(), sa.end(), [&](int32_t a, int32_t b) {
    return std::lexicographical_compare(s.begin() + a, s.end(), s.begin() + b, s.end());
  });
  return sa;
}

TEST(UnigramSuffixArrayTest, AllShortBinaryStrings) {
  for (int len = 0; len <= 14; ++len) {
    for (uint32_t bits = 0; bits < (1u << len); ++bits) {
      std::vector<int32_t> s(len);
      for (int i = 0; i < len; ++i) s[i] = (bits >> i) & 1;
      ASSERT_EQ(internal::SuffixArray(s, 2), NaiveSuffixArray(s)) << len << " " << bits;
    }
  }
}

TEST(UnigramSuffixArrayTest, RandomStringsMatchNaiveSort) {
  Rng rng(4242);
  for (int trial = 0; trial < 400; ++trial) {
    const int32_t alphabet = 1 + static_cast<int32_t>(rng.Below(trial % 3 == 0 ? 3 : 300));
    const size_t len = rng.Below(trial % 10 == 0 ? 5000 : 200);
    std::vector<int32_t> s(len);
    // Some strings are made of a few repeated blocks, so that equal LMS
    // substrings (and the recursion) occur often.
    std::vector<int32_t> block(1 + rng.Below(6));
    for (int32_t& c : block) c = static_cast<int32_t>(rng.Below(alphabet));
    for (size_t i = 0; i < len; ++i) {
      s[i] = trial % 2 ? block[i % block.size()] : static_cast<int32_t>(rng.Below(alphabet));
      if (rng.Below(50) == 0) s[i] = static_cast<int32_t>(rng.Below(alphabet));
    }
    ASSERT_EQ(internal::SuffixArray(s, alphabet), NaiveSuffixArray(s))
        << "trial " << trial << " alphabet " << alphabet << " length " << len;
  }
}

TEST(UnigramSuffixArrayTest, RunsOfOneCharacter) {
  for (size_t len : {1, 2, 9, 10, 11, 100, 1000}) {
    const std::vector<int32_t> s(len, 7);
    ASSERT_EQ(internal::SuffixArray(s, 8), NaiveSuffixArray(s)) << len;
  }
}

}  // namespace
}  // namespace tokenforge
