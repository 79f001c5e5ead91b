// vocab_learning/unigram_suffix_array.cc
//
// SA-IS in the formulation of the AtCoder Library (sa_is): suffixes are
// typed S (smaller than the next suffix) or L (larger); the leftmost S
// positions (LMS) are bucket-sorted, induced sorting orders all suffixes
// from them, and if two LMS substrings are equal the reduced string of LMS
// substring names is sorted recursively (at most half as long).

#include "vocab_learning/unigram_suffix_array.h"

#include <algorithm>

#include "absl/types/span.h"
#include "common/parallel.h"
#include "common/status_macros.h"

namespace tokenforge::internal {
namespace {

// Below this length a comparison sort is simpler and as fast.
constexpr size_t kNaiveThreshold = 10;

std::vector<int32_t> NaiveSuffixArray(absl::Span<const int32_t> s) {
  std::vector<int32_t> sa(s.size());
  for (size_t i = 0; i < sa.size(); ++i) sa[i] = static_cast<int32_t>(i);
  std::sort(sa.begin(), sa.end(), [&](int32_t a, int32_t b) {
    return std::lexicographical_compare(s.begin() + a, s.end(), s.begin() + b, s.end());
  });
  return sa;
}

// Bucket bounds per character: S-suffixes of c fill bucket c from
// sum_s[c] up, L-suffixes from sum_l[c] up (L before S within a bucket).
struct Buckets {
  std::vector<int32_t> sum_l, sum_s;
};

Buckets MakeBuckets(absl::Span<const int32_t> s, const std::vector<uint8_t>& is_s,
                    int32_t upper) {
  Buckets b{std::vector<int32_t>(upper + 1, 0), std::vector<int32_t>(upper + 1, 0)};
  for (size_t i = 0; i < s.size(); ++i) {
    if (!is_s[i]) {
      ++b.sum_s[s[i]];
    } else {
      ++b.sum_l[s[i] + 1];
    }
  }
  for (int32_t c = 0; c <= upper; ++c) {
    b.sum_s[c] += b.sum_l[c];
    if (c < upper) b.sum_l[c + 1] += b.sum_s[c];
  }
  return b;
}

// Induced sorting: places the LMS suffixes (in the given order) at their
// buckets, then the L suffixes left to right, then the S suffixes right
// to left.
void Induce(absl::Span<const int32_t> s, const std::vector<uint8_t>& is_s, const Buckets& b,
            const std::vector<int32_t>& lms, std::vector<int32_t>* sa_out) {
  const int32_t n = static_cast<int32_t>(s.size());
  std::vector<int32_t>& sa = *sa_out;
  std::fill(sa.begin(), sa.end(), -1);
  std::vector<int32_t> buf = b.sum_s;
  for (const int32_t d : lms) {
    if (d != n) sa[buf[s[d]]++] = d;
  }
  buf = b.sum_l;
  sa[buf[s[n - 1]]++] = n - 1;
  for (int32_t i = 0; i < n; ++i) {
    const int32_t v = sa[i];
    if (v >= 1 && !is_s[v - 1]) sa[buf[s[v - 1]]++] = v - 1;
  }
  buf = b.sum_l;
  for (int32_t i = n - 1; i >= 0; --i) {
    const int32_t v = sa[i];
    if (v >= 1 && is_s[v - 1]) sa[--buf[s[v - 1] + 1]] = v - 1;
  }
}

std::vector<int32_t> SaIs(absl::Span<const int32_t> s, int32_t upper) {
  const int32_t n = static_cast<int32_t>(s.size());
  if (s.size() < kNaiveThreshold) return NaiveSuffixArray(s);
  std::vector<uint8_t> is_s(n, 0);
  for (int32_t i = n - 2; i >= 0; --i) {
    is_s[i] = s[i] == s[i + 1] ? is_s[i + 1] : s[i] < s[i + 1];
  }
  const Buckets buckets = MakeBuckets(s, is_s, upper);
  std::vector<int32_t> lms_map(n + 1, -1), lms;
  for (int32_t i = 1; i < n; ++i) {
    if (!is_s[i - 1] && is_s[i]) {
      lms_map[i] = static_cast<int32_t>(lms.size());
      lms.push_back(i);
    }
  }
  const int32_t m = static_cast<int32_t>(lms.size());
  std::vector<int32_t> sa(n);
  Induce(s, is_s, buckets, lms, &sa);
  if (m == 0) return sa;
  // Name the LMS substrings in their induced order; equal ones share a name.
  std::vector<int32_t> sorted_lms;
  sorted_lms.reserve(m);
  for (const int32_t v : sa) {
    if (lms_map[v] != -1) sorted_lms.push_back(v);
  }
  std::vector<int32_t> rec_s(m);
  int32_t rec_upper = 0;
  rec_s[lms_map[sorted_lms[0]]] = 0;
  for (int32_t i = 1; i < m; ++i) {
    int32_t l = sorted_lms[i - 1], r = sorted_lms[i];
    const int32_t end_l = lms_map[l] + 1 < m ? lms[lms_map[l] + 1] : n;
    const int32_t end_r = lms_map[r] + 1 < m ? lms[lms_map[r] + 1] : n;
    bool same = end_l - l == end_r - r;
    if (same) {
      while (l < end_l && s[l] == s[r]) {
        ++l;
        ++r;
      }
      if (l == n || r == n || s[l] != s[r]) same = false;
    }
    if (!same) ++rec_upper;
    rec_s[lms_map[sorted_lms[i]]] = rec_upper;
  }
  std::vector<int32_t>().swap(lms_map);
  const std::vector<int32_t> rec_sa = SaIs(rec_s, rec_upper);
  for (int32_t i = 0; i < m; ++i) sorted_lms[i] = lms[rec_sa[i]];
  Induce(s, is_s, buckets, sorted_lms, &sa);
  return sa;
}

// Below this many symbols SortSuffixPrefixes sorts the text in one piece:
// splitting would not pay for the merge.
constexpr size_t kSplitThreshold = size_t{1} << 16;
// Merge chunks (by first symbol), fixed so the work never depends on the
// thread count.
constexpr size_t kMergeChunks = 16;

// Orders positions x, y by their capped prefixes: up to max_length symbols,
// ending before the first 0. The text must end with a 0.
struct PrefixLess {
  const int32_t* text;
  int max_length;
  bool operator()(int32_t x, int32_t y) const {
    for (int k = 0; k < max_length; ++k) {
      const int32_t a = text[x + k], b = text[y + k];
      if (a != b) return a < b;
      if (a == 0) return false;
    }
    return false;
  }
};

// The suffix array of text[begin, end) (positions relative to `text`)
// without the positions that hold a 0, filtered in place: a second array
// would raise the peak memory.
std::vector<int32_t> NonZeroSuffixes(const std::vector<int32_t>& text, size_t begin, size_t end,
                                     int32_t upper) {
  std::vector<int32_t> sa = SaIs(absl::MakeConstSpan(text.data() + begin, end - begin), upper);
  size_t out = 0;
  for (const int32_t p : sa) {
    if (text[begin + static_cast<size_t>(p)] != 0) sa[out++] = p + static_cast<int32_t>(begin);
  }
  sa.resize(out);
  return sa;
}

}  // namespace

std::vector<int32_t> SortSuffixPrefixes(const std::vector<int32_t>& text,
                                        int32_t alphabet_size, int max_length,
                                        int num_threads) {
  TF_CHECK(alphabet_size >= 1 && max_length >= 1);
  TF_CHECK(text.size() < (size_t{1} << 31));
  TF_CHECK(text.empty() || text.back() == 0);
  const size_t n = text.size();
  if (n < kSplitThreshold) return NonZeroSuffixes(text, 0, n, alphabet_size - 1);
  // Cut after the first 0 past the middle, so that no capped prefix
  // crosses the cut; SA-IS is serial, so the halves are sorted on two
  // threads, then merged.
  size_t mid = n / 2;
  while (text[mid - 1] != 0) ++mid;  // text.back() == 0.
  std::vector<int32_t> halves[2];
  ParallelFor(2, num_threads, [&](size_t h) {
    halves[h] = NonZeroSuffixes(text, h == 0 ? 0 : mid, h == 0 ? mid : n, alphabet_size - 1);
  });
  const absl::Span<const int32_t> a(halves[0]), b(halves[1]);
  // Chunks of equal first symbols, so that each merges on its own: cut a
  // at even steps and b where its first symbols reach the same value.
  size_t a_cut[kMergeChunks + 1], b_cut[kMergeChunks + 1];
  a_cut[0] = b_cut[0] = 0;
  a_cut[kMergeChunks] = a.size();
  b_cut[kMergeChunks] = b.size();
  const auto first_below = [&](absl::Span<const int32_t> sa, int32_t symbol) {
    return static_cast<size_t>(
        std::partition_point(sa.begin(), sa.end(), [&](int32_t p) { return text[p] < symbol; }) -
        sa.begin());
  };
  for (size_t c = 1; c < kMergeChunks; ++c) {
    const size_t i = a.size() * c / kMergeChunks;
    const int32_t symbol = i < a.size() ? text[a[i]] : alphabet_size;
    a_cut[c] = std::max(a_cut[c - 1], first_below(a, symbol));
    b_cut[c] = std::max(b_cut[c - 1], first_below(b, symbol));
  }
  std::vector<int32_t> sa(a.size() + b.size());
  const PrefixLess less{text.data(), max_length};
  ParallelFor(kMergeChunks, num_threads, [&](size_t c) {
    // Ties keep a's position first: std::merge is stable.
    std::merge(a.begin() + a_cut[c], a.begin() + a_cut[c + 1], b.begin() + b_cut[c],
               b.begin() + b_cut[c + 1], sa.begin() + (a_cut[c] + b_cut[c]), less);
  });
  return sa;
}

std::vector<int32_t> SuffixArray(const std::vector<int32_t>& text, int32_t alphabet_size) {
  TF_CHECK(alphabet_size >= 1);
  TF_CHECK(text.size() < (size_t{1} << 31));
  return SaIs(absl::MakeConstSpan(text), alphabet_size - 1);
}

}  // namespace tokenforge::internal
