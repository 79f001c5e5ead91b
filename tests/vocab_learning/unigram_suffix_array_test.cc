// Tests for vocab_learning/unigram_suffix_array.h: SA-IS against a naive
// comparison sort, exhaustively on short binary strings and on random
// strings of several lengths and alphabet sizes (fixed seeds), including
// long runs of one character (the cases that recurse deepest); and
// SortSuffixPrefixes (the seeding order) against sorted capped prefixes.

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

// The capped prefix of position p: up to max_length symbols, ending
// before the first 0.
std::vector<int32_t> CappedPrefix(const std::vector<int32_t>& s, int32_t p, int max_length) {
  std::vector<int32_t> prefix;
  for (size_t k = static_cast<size_t>(p); k < s.size() && s[k] != 0; ++k) {
    if (static_cast<int>(prefix.size()) == max_length) break;
    prefix.push_back(s[k]);
  }
  return prefix;
}

// Words of 1-12 symbols, each followed by a 0, drawn from a small set so
// that equal capped prefixes (ties) are common; some symbols are 0 inside
// a word (unknown characters in the trainer).
std::vector<int32_t> RandomWords(Rng* rng, size_t min_size, int32_t alphabet) {
  std::vector<std::vector<int32_t>> vocab(200);
  for (std::vector<int32_t>& word : vocab) {
    word.resize(1 + rng->Below(12));
    for (int32_t& c : word) c = static_cast<int32_t>(rng->Below(alphabet));
  }
  std::vector<int32_t> s;
  while (s.size() < min_size) {
    const std::vector<int32_t>& word = vocab[rng->Below(vocab.size())];
    s.insert(s.end(), word.begin(), word.end());
    s.push_back(0);
  }
  return s;
}

// SortSuffixPrefixes orders the non-zero positions by capped prefix, with
// the same result at 1 and 3 threads; texts above 2^16 symbols take the
// split-and-merge path.
TEST(UnigramSuffixArrayTest, SortSuffixPrefixesOrdersCappedPrefixes) {
  Rng rng(77);
  for (const size_t size : {size_t{0}, size_t{1}, size_t{500}, size_t{70000}, size_t{200000}}) {
    for (const int max_length : {1, 3, 16}) {
      const int32_t alphabet = size > 1000 ? 40 : 5;
      const std::vector<int32_t> s = RandomWords(&rng, size, alphabet);
      const std::vector<int32_t> sa =
          internal::SortSuffixPrefixes(s, alphabet, max_length, /*num_threads=*/1);
      ASSERT_EQ(internal::SortSuffixPrefixes(s, alphabet, max_length, /*num_threads=*/3), sa)
          << size << " " << max_length;
      std::vector<int32_t> expected;
      for (size_t p = 0; p < s.size(); ++p) {
        if (s[p] != 0) expected.push_back(static_cast<int32_t>(p));
      }
      std::vector<int32_t> sorted = sa;
      std::sort(sorted.begin(), sorted.end());
      ASSERT_EQ(sorted, expected) << "not a permutation of the non-zero positions";
      for (size_t i = 1; i < sa.size(); ++i) {
        ASSERT_LE(CappedPrefix(s, sa[i - 1], max_length), CappedPrefix(s, sa[i], max_length))
            << size << " " << max_length << " at " << i;
      }
    }
  }
}

}  // namespace
}  // namespace tokenforge
