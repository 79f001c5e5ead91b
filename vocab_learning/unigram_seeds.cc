// vocab_learning/unigram_seeds.cc
//
// Seed pieces for the Unigram trainer. SentencePiece builds an enhanced
// suffix array over the whole corpus and keeps its internal nodes (the
// right-maximal repeated substrings) by frequency * length. We build the
// suffix array over the distinct words only, weight each suffix by its
// word's count, and sort suffixes by their first max_length characters,
// since longer pieces are never wanted. Each run of adjacent suffixes that
// share L characters is one substring of length L with the run's summed
// weight as frequency; it is right-maximal unless every suffix of the run
// continues with the same character.

#include <algorithm>
#include <tuple>

#include "absl/container/flat_hash_set.h"
#include "common/parallel.h"
#include "common/utf8.h"
#include "vocab_learning/unigram_trainer.h"

namespace tokenforge::internal {
namespace {

struct Candidate {
  int64_t score;  // frequency * length.
  int64_t freq;
  int32_t length;
  int32_t rank;  // Suffix-array index of the run start: lexicographic order.
  // Heap order: the worst candidate on top (lowest score, then latest).
  bool operator<(const Candidate& o) const {
    return std::tie(o.score, length, rank) < std::tie(score, o.length, o.rank);
  }
};

}  // namespace

std::vector<std::pair<std::string, double>> SeedPieces(
    const WordCounts& counts, const std::vector<char32_t>& alphabet,
    int max_length, int seed_size, int num_threads) {
  const absl::flat_hash_set<char32_t> known(alphabet.begin(), alphabet.end());
  // Text: the words' characters, separated (and cut at unknown characters)
  // by 0. weight[i]: count of the word that position i belongs to.
  std::vector<char32_t> text;
  std::vector<int32_t> word_of;
  // Exact sizes: these arrays are the bulk of the seeding memory, and
  // push_back's doubling would leave up to half of them unused.
  size_t num_chars = 0;
  for (const WordCount& wc : counts) {
    for (const char c : wc.word) num_chars += (static_cast<uint8_t>(c) & 0xC0) != 0x80;
    ++num_chars;
  }
  text.reserve(num_chars);
  word_of.reserve(num_chars);
  for (size_t w = 0; w < counts.size(); ++w) {
    const std::string& word = counts[w].word;
    for (size_t pos = 0; pos < word.size();) {
      const DecodedChar c = DecodeUtf8(word, pos);
      pos += c.length;
      const bool ok = c.code_point != kInvalidCodePoint && c.code_point != 0 &&
                      known.contains(c.code_point);
      text.push_back(ok ? c.code_point : 0);
      word_of.push_back(static_cast<int32_t>(w));
    }
    text.push_back(0);
    word_of.push_back(static_cast<int32_t>(w));
  }
  const size_t n = text.size();
  const auto capped_len = [&](int32_t s) {
    int len = 0;
    while (len < max_length && text[s + len] != 0) ++len;
    return len;
  };
  std::vector<int32_t> sa;
  sa.reserve(n - static_cast<size_t>(std::count(text.begin(), text.end(), 0)));
  for (size_t i = 0; i < n; ++i) {
    if (text[i] != 0) sa.push_back(static_cast<int32_t>(i));
  }
  const auto suffix_less = [&](int32_t a, int32_t b) {
    for (int k = 0; k < max_length; ++k) {
      if (text[a + k] != text[b + k]) return text[a + k] < text[b + k];
      if (text[a + k] == 0) break;
    }
    return a < b;
  };
  // Sort 16 chunks in parallel, then merge neighbours in rounds. The order
  // is total (ties by position), so the result is thread-independent.
  constexpr size_t kChunks = 16;
  std::vector<size_t> bounds(kChunks + 1);
  for (size_t c = 0; c <= kChunks; ++c) bounds[c] = sa.size() * c / kChunks;
  ParallelFor(kChunks, num_threads, [&](size_t c) {
    std::sort(sa.begin() + bounds[c], sa.begin() + bounds[c + 1], suffix_less);
  });
  for (size_t width = 1; width < kChunks; width *= 2) {
    ParallelFor(kChunks / (2 * width), num_threads, [&](size_t m) {
      const size_t lo = bounds[2 * width * m], mid = bounds[2 * width * m + width],
                   hi = bounds[std::min(kChunks, 2 * width * (m + 1))];
      std::inplace_merge(sa.begin() + lo, sa.begin() + mid, sa.begin() + hi,
                         suffix_less);
    });
  }
  // Lengths and common prefixes are capped at max_length (<= 255): bytes.
  std::vector<uint8_t> len(sa.size()), lcp(sa.size(), 0);
  const auto weight = [&](size_t i) { return counts[word_of[sa[i]]].count; };
  for (size_t i = 0; i < sa.size(); ++i) {
    len[i] = static_cast<uint8_t>(capped_len(sa[i]));
    if (i == 0) continue;
    int k = 0;
    while (k < max_length && text[sa[i - 1] + k] != 0 &&
           text[sa[i - 1] + k] == text[sa[i] + k]) {
      ++k;
    }
    lcp[i] = static_cast<uint8_t>(k);
  }
  // One bounded heap for all lengths: the candidates of a big corpus far
  // outnumber seed_size, and per-length heaps (to scan lengths in
  // parallel) would multiply the memory by max_length. The heap keeps the
  // seed_size best under a total order, so the order candidates arrive in
  // does not matter.
  std::vector<Candidate> best;  // A heap: the worst candidate in front.
  const auto offer = [&](int32_t length, int64_t freq, size_t start) {
    if (length < 2 || freq < 2) return;
    const Candidate c{freq * length, freq, length, static_cast<int32_t>(start)};
    if (static_cast<int>(best.size()) < seed_size) {
      best.push_back(c);
      std::push_heap(best.begin(), best.end());
    } else if (c < best.front()) {
      std::pop_heap(best.begin(), best.end());
      best.back() = c;
      std::push_heap(best.begin(), best.end());
    }
  };
  // A run of adjacent suffixes sharing L characters is right-maximal
  // exactly when L is the smallest of its suffixes' lengths and inner
  // common prefixes: in the sequence len[0], lcp[1], len[1], ..., lcp[n-1],
  // len[n-1], the candidates are the maximal segments whose values are all
  // >= their minimum L. One stack pass finds them all (each suffix's weight
  // read once), instead of one scan over the suffixes per length.
  struct Open {
    int32_t level;
    int64_t freq;
    size_t start;  // First suffix of the segment.
  };
  std::vector<Open> stack;
  const auto step = [&](int32_t value, int64_t w, size_t leaf) {
    int64_t carry = 0;
    size_t start = leaf;
    while (!stack.empty() && stack.back().level > value) {
      const Open top = stack.back();
      stack.pop_back();
      carry += top.freq;
      start = top.start;
      offer(top.level, carry, start);
    }
    if (!stack.empty() && stack.back().level == value) {
      stack.back().freq += carry + w;
    } else {
      stack.push_back({value, carry + w, start});
    }
  };
  for (size_t i = 0; i < sa.size(); ++i) {
    if (i > 0) step(lcp[i], 0, i);
    step(len[i], weight(i), i);
  }
  step(-1, 0, sa.size());
  std::vector<uint8_t>().swap(len);
  std::vector<uint8_t>().swap(lcp);
  std::vector<int32_t>().swap(word_of);
  std::sort_heap(best.begin(), best.end());  // Best first, in place.
  std::vector<std::pair<std::string, double>> out;
  out.reserve(best.size());
  for (const Candidate& c : best) {
    std::string piece;
    for (int k = 0; k < c.length; ++k) AppendUtf8(text[sa[c.rank] + k], &piece);
    out.emplace_back(std::move(piece), static_cast<double>(c.freq));
  }
  return out;
}

}  // namespace tokenforge::internal
