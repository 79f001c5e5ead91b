// vocab_learning/unigram_suffix_array.cc
//
// SA-IS in the formulation of the AtCoder Library (sa_is): suffixes are
// typed S (smaller than the next suffix) or L (larger); the leftmost S
// positions (LMS) are bucket-sorted, induced sorting orders all suffixes
// from them, and if two LMS substrings are equal the reduced string of LMS
// substring names is sorted recursively (at most half as long).

#include "vocab_learning/unigram_suffix_array.h"

#include <algorithm>

#include "common/status_macros.h"

namespace tokenforge::internal {
namespace {

// Below this length a comparison sort is simpler and as fast.
constexpr size_t kNaiveThreshold = 10;

std::vector<int32_t> NaiveSuffixArray(const std::vector<int32_t>& s) {
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

Buckets MakeBuckets(const std::vector<int32_t>& s, const std::vector<uint8_t>& is_s,
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
void Induce(const std::vector<int32_t>& s, const std::vector<uint8_t>& is_s, const Buckets& b,
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

std::vector<int32_t> SaIs(const std::vector<int32_t>& s, int32_t upper) {
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

}  // namespace

std::vector<int32_t> SuffixArray(const std::vector<int32_t>& text, int32_t alphabet_size) {
  TF_CHECK(alphabet_size >= 1);
  TF_CHECK(text.size() < (size_t{1} << 31));
  return SaIs(text, alphabet_size - 1);
}

}  // namespace tokenforge::internal
