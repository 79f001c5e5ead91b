// vocab_learning/unigram_seeds.cc
//
// Seed pieces for the Unigram trainer, and every word's lattice over them.
// SentencePiece builds an enhanced suffix array over the whole corpus and
// keeps its internal nodes (the maximal repeated substrings) by frequency *
// length. We build the suffix array (SA-IS) over the distinct words only,
// weight each suffix by its word's count, and look at the first max_length
// characters only, since longer pieces are never wanted. Each run of
// adjacent suffixes that share L characters is one substring of length L
// with the run's summed weight as frequency; it is a candidate if it is
// right-maximal (not every suffix of the run continues with the same
// character) and left-maximal (not every one is preceded by the same one).
// The chosen pieces' runs are then exactly their occurrences, which gives
// the lattice without a trie.

#include <algorithm>
#include <tuple>

#include "absl/container/flat_hash_map.h"
#include "common/parallel.h"
#include "common/status_macros.h"
#include "common/utf8.h"
#include "vocab_learning/unigram_lattice.h"
#include "vocab_learning/unigram_seeds.h"
#include "vocab_learning/unigram_suffix_array.h"
#include "vocab_learning/unigram_trainer.h"

namespace tokenforge::internal {
namespace {

struct Candidate {
  int64_t freq;
  int32_t length;
  int32_t rank;  // Suffix-array index of the run start: lexicographic order.
  int32_t end;   // One past the run's last suffix.
  int64_t score() const { return freq * length; }
  // Better first: higher score (frequency * length), then shorter, then
  // earlier.
  bool operator<(const Candidate& o) const {
    const int64_t a = score(), b = o.score();
    return a != b ? a > b : length != o.length ? length < o.length : rank < o.rank;
  }
};

// The words as one text of symbols, its suffix array and the candidates.
struct SuffixIndex {
  std::vector<char32_t> alphabet;  // Sorted; symbol s >= 1 is alphabet[s - 1].
  // Each word's characters, then 0; unknown characters are 0 too.
  std::vector<int32_t> text;
  std::vector<int32_t> word_of;    // Word index of each text position.
  std::vector<int32_t> sa;         // Suffixes starting on a known character.
  std::vector<int64_t> char_freq;  // By symbol.
  std::vector<Candidate> best;     // Unordered.
};

void BuildText(const WordCounts& counts, const std::vector<char32_t>& alphabet,
               int num_threads, SuffixIndex* index) {
  index->alphabet = alphabet;
  std::sort(index->alphabet.begin(), index->alphabet.end());
  // Symbols by code point: a table for the BMP, a hash map above it.
  std::vector<int32_t> bmp_symbol(0x10000, 0);
  absl::flat_hash_map<char32_t, int32_t> symbol_of;
  for (size_t i = 0; i < index->alphabet.size(); ++i) {
    const char32_t c = index->alphabet[i];
    (c < 0x10000 ? bmp_symbol[c] : symbol_of[c]) = static_cast<int32_t>(i + 1);
  }
  // Exact sizes: these arrays are the bulk of the seeding memory. Each
  // word's first text position, then kChunks fixed chunks of words with
  // about equal numbers of characters, decoded in parallel; character
  // frequencies are summed per chunk and added in chunk order (integers).
  constexpr size_t kChunks = 16;
  std::vector<size_t> start(counts.size() + 1, 0);
  for (size_t w = 0; w < counts.size(); ++w) {
    start[w + 1] = start[w] + Utf8Chars(counts[w].word) + 1;
  }
  const size_t num_chars = start.back();
  index->text.resize(num_chars);
  index->word_of.resize(num_chars);
  std::vector<size_t> cuts(kChunks + 1, counts.size());
  for (size_t k = 0; k < kChunks; ++k) {
    cuts[k] = static_cast<size_t>(
        std::lower_bound(start.begin(), start.end() - 1, num_chars * k / kChunks) -
        start.begin());
  }
  std::vector<std::vector<int64_t>> freqs(kChunks,
                                          std::vector<int64_t>(index->alphabet.size() + 1, 0));
  ParallelFor(kChunks, num_threads, [&](size_t k) {
    for (size_t w = cuts[k]; w < cuts[k + 1]; ++w) {
      const std::string& word = counts[w].word;
      size_t out = start[w];
      for (size_t pos = 0; pos < word.size(); ++out) {
        const DecodedChar c = DecodeUtf8(word, pos);
        pos += c.length;
        int32_t symbol = 0;
        if (c.code_point < 0x10000) {
          symbol = bmp_symbol[c.code_point];
        } else if (const auto it = symbol_of.find(c.code_point); it != symbol_of.end()) {
          symbol = it->second;
        }
        index->text[out] = symbol;
        index->word_of[out] = static_cast<int32_t>(w);
        freqs[k][symbol] += counts[w].count;
      }
      index->text[out] = 0;
      index->word_of[out] = static_cast<int32_t>(w);
    }
  });
  index->char_freq.assign(index->alphabet.size() + 1, 0);
  for (const std::vector<int64_t>& f : freqs) {
    for (size_t symbol = 0; symbol < f.size(); ++symbol) index->char_freq[symbol] += f[symbol];
  }
}

// Only the first max_length characters of a suffix (up to its word's end)
// matter: how suffixes equal on those are ordered changes no interval,
// frequency or left character, nor a piece's string or lattice.
void SortSuffixes(int max_length, int num_threads, SuffixIndex* index) {
  index->sa = SortSuffixPrefixes(index->text, static_cast<int32_t>(index->alphabet.size() + 1),
                                 max_length, num_threads);
}

// Fills index->best with up to seed_size candidates (the best ones, in no
// particular order).
void FindCandidates(const WordCounts& counts, int max_length, int seed_size, int num_threads,
                    SuffixIndex* index) {
  const std::vector<int32_t>& text = index->text;
  const std::vector<int32_t>& sa = index->sa;
  const auto capped_len = [&](int32_t s) {
    int len = 0;
    while (len < max_length && text[s + len] != 0) ++len;
    return len;
  };
  // Lengths and common prefixes are capped at max_length (<= 255): bytes.
  std::vector<uint8_t> len(sa.size()), lcp(sa.size(), 0);
  const auto weight = [&](size_t i) { return counts[index->word_of[sa[i]]].count; };
  constexpr size_t kChunks = 16;
  ParallelFor(kChunks, num_threads, [&](size_t chunk) {
    for (size_t i = sa.size() * chunk / kChunks; i < sa.size() * (chunk + 1) / kChunks; ++i) {
      len[i] = static_cast<uint8_t>(capped_len(sa[i]));
      if (i == 0) continue;
      int k = 0;
      while (k < max_length && text[sa[i - 1] + k] != 0 &&
             text[sa[i - 1] + k] == text[sa[i] + k]) {
        ++k;
      }
      lcp[i] = static_cast<uint8_t>(k);
    }
  });
  // The seed_size best under a total order (so the order candidates arrive
  // in does not matter): candidates collect up to twice that, then the
  // best half is selected, so memory stays bounded on big corpora at O(1)
  // amortized cost per candidate.
  const size_t keep = static_cast<size_t>(seed_size);
  const auto select = [keep](std::vector<Candidate>* best) {
    if (best->size() <= keep) return;
    std::nth_element(best->begin(), best->begin() + static_cast<std::ptrdiff_t>(keep),
                     best->end());
    best->resize(keep);
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
  // No candidate (2 characters or more) spans an lcp of 0 or 1, so the
  // suffixes are cut there into chunks scanned in parallel.
  const auto scan = [&](size_t lo, size_t hi, std::vector<Candidate>* best) {
    const auto offer = [&](int32_t length, int64_t freq, size_t start, size_t end) {
      if (length < 2 || freq < 2) return;
      best->push_back({freq, length, static_cast<int32_t>(start), static_cast<int32_t>(end)});
      if (best->size() >= 2 * keep) select(best);
    };
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
        if (carry_left == kMixed) offer(top.level, carry, start, leaf);
      }
      if (!stack.empty() && stack.back().level == value) {
        stack.back().freq += carry + w;
        stack.back().left = combine(stack.back().left, combine(carry_left, left));
      } else {
        stack.push_back({value, combine(carry_left, left), carry + w, start});
      }
    };
    for (size_t i = lo; i < hi; ++i) {
      if (i > lo) step(lcp[i], 0, kNothing, i);
      const int32_t p = sa[i];
      step(len[i], weight(i), p == 0 || text[p - 1] == 0 ? kMixed : text[p - 1], i);
    }
    step(-1, 0, kNothing, hi);
  };
  std::vector<size_t> cuts = {0};
  for (size_t c = 1; c < kChunks; ++c) {
    size_t i = std::max(cuts.back() + 1, sa.size() * c / kChunks);
    while (i < sa.size() && lcp[i] > 1) ++i;
    if (i < sa.size()) cuts.push_back(i);
  }
  cuts.push_back(sa.size());
  // There are fewer candidates than suffixes (suffix tree nodes), so when
  // the suffixes are few all chunks run in one parallel region (a barrier
  // per wave costs much when another process holds a core). Otherwise in
  // waves of one chunk per thread, each wave's candidates merged into
  // `best` and cut back: at most (threads + 1) * 2 * seed_size live.
  const size_t num_chunks = cuts.size() - 1;
  const size_t threads =
      static_cast<size_t>(num_threads > 0 ? num_threads : DefaultNumThreads());
  const size_t wave = sa.size() <= 2 * keep ? num_chunks : std::max<size_t>(1, threads);
  std::vector<Candidate>& best = index->best;
  for (size_t first = 0; first < num_chunks; first += wave) {
    const size_t n = std::min(wave, num_chunks - first);
    std::vector<std::vector<Candidate>> found(n);
    ParallelFor(n, num_threads, [&](size_t k) {
      std::vector<Candidate> local;  // Not found[k]: no false sharing.
      scan(cuts[first + k], cuts[first + k + 1], &local);
      found[k] = std::move(local);
    });
    size_t total = best.size();
    for (const std::vector<Candidate>& f : found) total += f.size();
    best.reserve(total);
    for (const std::vector<Candidate>& f : found) best.insert(best.end(), f.begin(), f.end());
    select(&best);
  }
}

SuffixIndex IndexWords(const WordCounts& counts, const std::vector<char32_t>& alphabet,
                       int max_length, int seed_size, int num_threads) {
  SuffixIndex index;
  BuildText(counts, alphabet, num_threads, &index);
  SortSuffixes(max_length, num_threads, &index);
  FindCandidates(counts, max_length, seed_size, num_threads, &index);
  return index;
}

// Sets *piece to the string of `length` characters at suffix `rank`,
// assigned at once: appending character by character would reallocate.
void PieceString(const SuffixIndex& index, int32_t rank, int32_t length, std::string* piece) {
  thread_local std::string buffer;
  buffer.clear();
  for (int32_t k = 0; k < length; ++k) {
    AppendUtf8(index.alphabet[index.text[index.sa[rank] + k] - 1], &buffer);
  }
  piece->assign(buffer);
}

std::string PieceString(const SuffixIndex& index, int32_t rank, int32_t length) {
  std::string piece;
  PieceString(index, rank, length, &piece);
  return piece;
}

// A piece of the seed vocabulary as a suffix-array interval.
struct PieceRef {
  int32_t rank, end, length, symbol;  // symbol: the first character's.
  int64_t freq;
};

// The characters and candidates as intervals, in byte order: an interval
// starting earlier holds smaller strings, and at one start a prefix comes
// first (UTF-8 preserves code point order).
// Sorts keys by their bits [shift, shift + bits): LSD radix, 11 bits a
// pass (stable, linear).
void RadixSort(std::vector<uint64_t>* keys, int shift, int bits) {
  constexpr int kDigit = 11;
  std::vector<uint64_t> other(keys->size());
  for (int low = shift; low < shift + bits; low += kDigit) {
    size_t count[(1 << kDigit) + 1] = {};
    const auto digit = [low](uint64_t key) { return (key >> low) & ((1 << kDigit) - 1); };
    for (const uint64_t key : *keys) ++count[digit(key) + 1];
    for (size_t d = 1; d <= (1 << kDigit); ++d) count[d] += count[d - 1];
    for (const uint64_t key : *keys) other[count[digit(key)]++] = key;
    keys->swap(other);
  }
}

std::vector<PieceRef> SortedPieceRefs(const SuffixIndex& index) {
  const std::vector<int32_t>& sa = index.sa;
  // Characters: the suffixes are ordered by first symbol, so each one's
  // interval ends where the next symbol's starts.
  std::vector<PieceRef> chars;
  int32_t i = 0;
  for (int32_t symbol = 1; symbol <= static_cast<int32_t>(index.alphabet.size()); ++symbol) {
    const int32_t j = static_cast<int32_t>(
        std::partition_point(sa.begin() + i, sa.end(),
                             [&](int32_t p) { return index.text[p] <= symbol; }) -
        sa.begin());
    chars.push_back({i, j, 1, symbol, std::max<int64_t>(index.char_freq[symbol], 1)});
    i = j;
  }
  // Candidates by (rank, length) as 64-bit keys that carry their index
  // (< 2^24, as seed_size < 2^23): distinct candidates never share both.
  TF_CHECK(index.best.size() < (size_t{1} << 24));
  std::vector<uint64_t> keys(index.best.size());
  for (size_t c = 0; c < keys.size(); ++c) {
    const Candidate& candidate = index.best[c];
    keys[c] = static_cast<uint64_t>(candidate.rank) << 32 |
              static_cast<uint64_t>(candidate.length) << 24 | c;
  }
  int rank_bits = 0;
  while ((size_t{1} << rank_bits) < sa.size() + 1) ++rank_bits;
  RadixSort(&keys, 24, 8 + rank_bits);
  // Merged by (rank, length, symbol): at one rank a character (length 1)
  // goes first; only characters that never occur share a rank and length.
  std::vector<PieceRef> refs;
  refs.reserve(chars.size() + keys.size());
  // A candidate's first character is that of the last character interval
  // (not empty) that starts at or before it: no random text access.
  size_t next_char = 0;
  int32_t symbol = 0;
  for (const uint64_t key : keys) {
    const Candidate& c = index.best[key & 0xFFFFFF];
    for (; next_char < chars.size() && chars[next_char].rank <= c.rank; ++next_char) {
      if (chars[next_char].rank < chars[next_char].end) symbol = chars[next_char].symbol;
      refs.push_back(chars[next_char]);
    }
    refs.push_back({c.rank, c.end, c.length, symbol, c.freq});
  }
  refs.insert(refs.end(), chars.begin() + static_cast<std::ptrdiff_t>(next_char), chars.end());
  return refs;
}

// Calls fn(i, edges, count) for every suffix i in [lo, hi) with the edges
// (PackEdge) of the pieces whose intervals hold i, shortest first: its
// first character's piece, then longer ones. The intervals are nested (a
// piece's occurrences are within those of its prefixes), so one stack
// holds them while the suffixes are swept in order. REQUIRES: no interval
// but lo's first character's starts before lo and holds lo.
template <typename Fn>
void SweepIntervals(const std::vector<PieceRef>& refs, size_t lo, size_t hi, Fn fn) {
  struct Open {
    int32_t end, edge;
  };
  std::vector<Open> stack;
  size_t r = static_cast<size_t>(
      std::partition_point(refs.begin(), refs.end(),
                           [&](const PieceRef& ref) { return static_cast<size_t>(ref.rank) < lo; }) -
      refs.begin());
  for (size_t i = lo; i < hi; ++i) {
    while (!stack.empty() && static_cast<size_t>(stack.back().end) <= i) stack.pop_back();
    for (; r < refs.size() && static_cast<size_t>(refs[r].rank) == i; ++r) {
      if (refs[r].rank == refs[r].end) continue;  // A character that never occurs.
      stack.push_back({refs[r].end, PackEdge(static_cast<int32_t>(r),
                                             static_cast<uint32_t>(refs[r].length))});
    }
    fn(i, stack);
  }
}

// Every word's lattice over `refs` straight from the suffix array (each
// piece's occurrences are its interval), bucketed by character: per
// character first its own piece (or -1 if unknown), then longer pieces by
// length, the order a trie walk gives. Consumes the index: the text goes
// before the edges are allocated, to keep the peak memory down. The
// suffixes are swept in kFillChunks fixed chunks in parallel, cut where the
// first character changes (no interval crosses such a cut); each suffix
// is a distinct character, so the chunks write disjoint entries.
template <typename Offset>
void FillLattice(SuffixIndex* index, const std::vector<PieceRef>& refs, int num_threads,
                 SeedVocab* out) {
  constexpr size_t kFillChunks = 16;
  std::vector<int32_t>& sa = index->sa;
  std::vector<size_t> cuts = {0};
  for (const PieceRef& ref : refs) {  // First-character intervals, in order.
    if (ref.length != 1) continue;
    const size_t rank = static_cast<size_t>(ref.rank);
    if (rank * kFillChunks >= sa.size() * cuts.size() && rank > cuts.back()) cuts.push_back(rank);
  }
  cuts.push_back(sa.size());
  const size_t num_chunks = cuts.size() - 1;
  // Suffix starts become global character indices (words end with a 0).
  ParallelFor(num_chunks, num_threads, [&](size_t k) {
    for (size_t i = cuts[k]; i < cuts[k + 1]; ++i) sa[i] -= index->word_of[sa[i]];
  });
  const size_t num_chars = index->text.size() - (index->word_of.empty() ? 0 : index->word_of.back() + 1);
  std::vector<int32_t>().swap(index->text);
  std::vector<int32_t>().swap(index->word_of);
  out->per_char.assign(num_chars, 1);  // Unknown characters: one edge.
  ParallelFor(num_chunks, num_threads, [&](size_t k) {
    SweepIntervals(refs, cuts[k], cuts[k + 1], [&](size_t i, const auto& open) {
      out->per_char[sa[i]] = static_cast<uint16_t>(open.size());
    });
  });
  std::vector<Offset> cursor(num_chars);
  size_t total = 0;
  for (size_t g = 0; g < num_chars; ++g) {
    cursor[g] = static_cast<Offset>(total);
    total += out->per_char[g];
  }
  out->edges.assign(total, kUnknownEdge);
  ParallelFor(num_chunks, num_threads, [&](size_t k) {
    SweepIntervals(refs, cuts[k], cuts[k + 1], [&](size_t i, const auto& open) {
      int32_t* edge = out->edges.data() + cursor[sa[i]];
      for (const auto& o : open) *edge++ = o.edge;
    });
  });
  out->occurrences.resize(refs.size(), 0);
  for (size_t j = 0; j < refs.size(); ++j) {
    if (refs[j].rank < refs[j].end) out->occurrences[j] = static_cast<uint32_t>(sa[refs[j].rank]);
  }
  std::vector<int32_t>().swap(sa);
}

}  // namespace

std::vector<std::pair<std::string, double>> SeedPieces(
    const WordCounts& counts, const std::vector<char32_t>& alphabet,
    int max_length, int seed_size, int num_threads) {
  SuffixIndex index = IndexWords(counts, alphabet, max_length, seed_size, num_threads);
  std::sort(index.best.begin(), index.best.end());  // Best first.
  std::vector<std::pair<std::string, double>> out;
  out.reserve(index.best.size());
  for (const Candidate& c : index.best) {
    out.emplace_back(PieceString(index, c.rank, c.length), static_cast<double>(c.freq));
  }
  return out;
}

SeedVocab MakeSeedVocab(const WordCounts& counts, const std::vector<char32_t>& alphabet,
                        int max_length, int seed_size, int num_threads) {
  SuffixIndex index = IndexWords(counts, alphabet, max_length, seed_size, num_threads);
  const std::vector<PieceRef> refs = SortedPieceRefs(index);
  SeedVocab out;
  out.pieces.resize(refs.size());
  out.freqs.resize(refs.size());
  constexpr size_t kChunks = 16;
  ParallelFor(kChunks, num_threads, [&](size_t k) {
    for (size_t j = refs.size() * k / kChunks; j < refs.size() * (k + 1) / kChunks; ++j) {
      const PieceRef& r = refs[j];
      if (r.rank < r.end) {
        PieceString(index, r.rank, r.length, &out.pieces[j]);
      } else {  // A character that never occurs (not from SelectAlphabet).
        AppendUtf8(index.alphabet[r.symbol - 1], &out.pieces[j]);
      }
      out.freqs[j] = static_cast<double>(r.freq);
    }
  });
  std::vector<Candidate>().swap(index.best);
  // Offsets into the edges: 32 bits unless there are 2^32 edges or more.
  size_t edges = 0;
  for (const PieceRef& r : refs) edges += static_cast<size_t>(r.end - r.rank);
  if (edges + index.sa.size() < (size_t{1} << 32)) {
    FillLattice<uint32_t>(&index, refs, num_threads, &out);
  } else {
    FillLattice<size_t>(&index, refs, num_threads, &out);
  }
  return out;
}

}  // namespace tokenforge::internal
