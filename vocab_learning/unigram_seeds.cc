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

#include "absl/container/flat_hash_map.h"
#include "common/utf8.h"
#include "vocab_learning/unigram_suffix_array.h"
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
    int max_length, int seed_size, int /*num_threads*/) {
  // Text: the words' characters as symbols 1..|alphabet| in code point
  // order, each word followed (and cut at unknown characters) by 0.
  std::vector<char32_t> sorted_alphabet = alphabet;
  std::sort(sorted_alphabet.begin(), sorted_alphabet.end());
  absl::flat_hash_map<char32_t, int32_t> symbol_of;
  for (size_t i = 0; i < sorted_alphabet.size(); ++i) {
    symbol_of[sorted_alphabet[i]] = static_cast<int32_t>(i + 1);
  }
  // Exact sizes: these arrays are the bulk of the seeding memory, and
  // push_back's doubling would leave up to half of them unused.
  size_t num_chars = 0;
  for (const WordCount& wc : counts) {
    for (const char c : wc.word) num_chars += (static_cast<uint8_t>(c) & 0xC0) != 0x80;
    ++num_chars;
  }
  std::vector<int32_t> text;
  std::vector<int32_t> word_of;
  text.reserve(num_chars);
  word_of.reserve(num_chars);
  for (size_t w = 0; w < counts.size(); ++w) {
    const std::string& word = counts[w].word;
    for (size_t pos = 0; pos < word.size();) {
      const DecodedChar c = DecodeUtf8(word, pos);
      pos += c.length;
      const auto it = symbol_of.find(c.code_point);
      text.push_back(it == symbol_of.end() ? 0 : it->second);
      word_of.push_back(static_cast<int32_t>(w));
    }
    text.push_back(0);
    word_of.push_back(static_cast<int32_t>(w));
  }
  const auto capped_len = [&](int32_t s) {
    int len = 0;
    while (len < max_length && text[s + len] != 0) ++len;
    return len;
  };
  // Full suffixes in linear time; only the first max_length characters
  // matter, and suffixes equal on those stay adjacent in any case.
  std::vector<int32_t> sa =
      SuffixArray(text, static_cast<int32_t>(sorted_alphabet.size() + 1));
  sa.erase(std::remove_if(sa.begin(), sa.end(), [&](int32_t i) { return text[i] == 0; }),
           sa.end());
  sa.shrink_to_fit();
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
  // Like SentencePiece (esaxx reports only such nodes), a candidate must
  // also be left-maximal: not always preceded by the same character, or
  // else that character plus it is as frequent and scores higher. A word
  // start counts as preceded by a different character every time, as it
  // is in SentencePiece's running text.
  constexpr int32_t kMixed = -1;    // Preceded by different characters.
  constexpr int32_t kNothing = -2;  // No suffix yet: the identity.
  const auto combine = [](int32_t a, int32_t b) {
    return a == kNothing ? b : b == kNothing ? a : a == b ? a : kMixed;
  };
  struct Open {
    int32_t level;
    int32_t left;  // The character before every suffix, or kMixed.
    int64_t freq;
    size_t start;  // First suffix of the segment.
  };
  std::vector<Open> stack;
  const auto step = [&](int32_t value, int64_t w, int32_t left, size_t leaf) {
    int64_t carry = 0;
    int32_t carry_left = kNothing;
    size_t start = leaf;
    while (!stack.empty() && stack.back().level > value) {
      const Open top = stack.back();
      stack.pop_back();
      carry += top.freq;
      carry_left = combine(carry_left, top.left);
      start = top.start;
      if (carry_left == kMixed) offer(top.level, carry, start);
    }
    if (!stack.empty() && stack.back().level == value) {
      stack.back().freq += carry + w;
      stack.back().left = combine(stack.back().left, combine(carry_left, left));
    } else {
      stack.push_back({value, combine(carry_left, left), carry + w, start});
    }
  };
  for (size_t i = 0; i < sa.size(); ++i) {
    if (i > 0) step(lcp[i], 0, kNothing, i);
    const int32_t p = sa[i];
    step(len[i], weight(i), p == 0 || text[p - 1] == 0 ? kMixed : text[p - 1], i);
  }
  step(-1, 0, kNothing, sa.size());
  std::vector<uint8_t>().swap(len);
  std::vector<uint8_t>().swap(lcp);
  std::vector<int32_t>().swap(word_of);
  std::sort_heap(best.begin(), best.end());  // Best first, in place.
  std::vector<std::pair<std::string, double>> out;
  out.reserve(best.size());
  for (const Candidate& c : best) {
    std::string piece;
    for (int k = 0; k < c.length; ++k) AppendUtf8(sorted_alphabet[text[sa[c.rank] + k] - 1], &piece);
    out.emplace_back(std::move(piece), static_cast<double>(c.freq));
  }
  return out;
}

}  // namespace tokenforge::internal
