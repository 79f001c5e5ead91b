// vocab_learning/unigram_lattice.h
//
// The training-side Unigram machinery: a static byte trie over the current
// pieces and, per word, the lattice of piece matches with forward-backward
// expected counts (the E-step) and the best path (Viterbi, for pruning).
// Kept separate from tokenizers/models/lattice.h because training needs
// marginals and runs over every distinct word dozens of times, so edges are
// plain structs in a reused buffer, with no per-node allocation.
//
// Characters no piece covers become an unknown edge of score unk_score, as
// in SentencePiece. Internal to vocab_learning.

#ifndef TOKENFORGE_VOCAB_LEARNING_UNIGRAM_LATTICE_H_
#define TOKENFORGE_VOCAB_LEARNING_UNIGRAM_LATTICE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace tokenforge::internal {

inline constexpr int kLinearMaxChars = 16;

// Number of characters of valid UTF-8 `s`.
inline size_t Utf8Chars(absl::string_view s) {
  size_t n = 0;
  for (const char c : s) n += (static_cast<uint8_t>(c) & 0xC0) != 0x80;
  return n;
}

// A trie over byte strings, built once from a sorted, duplicate-free list:
// nodes in breadth-first order, each node's children contiguous and sorted
// by byte. Nodes with many children (the root, the node after "▁") get a
// direct 256-entry table; the others are scanned linearly, which beats a
// binary search on the usual one or two children. About 13 bytes per node.
class PieceTrie {
 public:
  // REQUIRES: `pieces` sorted by bytes, unique, non-empty strings.
  explicit PieceTrie(const std::vector<std::string>& pieces);

  // Calls fn(piece index, byte length) for every piece that is a prefix of
  // text.substr(pos), shortest first.
  template <typename Fn>
  void ForEachPrefix(absl::string_view text, size_t pos, Fn fn) const {
    uint32_t node = 0;
    for (size_t k = pos; k < text.size(); ++k) {
      node = Child(node, static_cast<uint8_t>(text[k]));
      if (node == kNone) return;
      if (piece_[node] >= 0) fn(piece_[node], k + 1 - pos);
    }
  }

 private:
  static constexpr uint32_t kNone = 0xffffffffu;
  uint32_t Child(uint32_t node, uint8_t byte) const;

  std::vector<int32_t> piece_;        // Piece index at the node, or -1.
  std::vector<uint32_t> first_child_;  // Children: [first_child_[n], first_child_[n + 1]).
  std::vector<uint8_t> label_;         // Byte on the edge into the node.
  std::vector<int32_t> dense_;         // Node -> index of its table, or -1.
  std::vector<uint32_t> tables_;       // 256 children per dense node.
};

struct LatticeEdge {
  uint32_t begin;  // Byte offsets in the word.
  uint32_t end;
  int32_t piece;   // -1 for an unknown character.
  double score;
  double prob;     // exp(score).
};

// Appends the lattice of `word` to *edges (cleared first), ordered by begin,
// then by length (an unknown character's edge is the shortest).
// `probs` holds exp(scores). `skip_piece` (if >= 0) is left out when it
// would span the whole word.
void BuildLattice(absl::string_view word, const PieceTrie& trie,
                  const std::vector<double>& scores, const std::vector<double>& probs,
                  double unk_score, int32_t skip_piece, std::vector<LatticeEdge>* edges);

// A word's lattice without scores, for the trainer's lattice cache: the
// lattice of a word over a subset of the pieces is the one over all of them
// with the other pieces' edges left out (unknown edges depend only on the
// single-character pieces, which the trainer never drops), so the trie is
// walked once per word instead of once per pass. Stored compactly as the
// edges' piece ids (-1 for an unknown character) in BuildLattice's order
// plus, per character of the word, how many edges start there; begins and
// ends follow from the word and the pieces' byte lengths.

// Appends the lattice of `word` (as BuildLattice(word, trie, ..., -1, ...)
// gives it) to *pieces and *per_char (one entry per character).
void AppendLatticeRefs(absl::string_view word, const PieceTrie& trie,
                       std::vector<int32_t>* pieces, std::vector<uint16_t>* per_char);

// Sets *edges to the lattice of `word` stored at `pieces` (num_edges of
// them) and `per_char`, with offsets and scores; lengths[piece] is the
// piece's byte length.
void ScoreLattice(absl::string_view word, const int32_t* pieces, const uint16_t* per_char,
                  size_t num_edges, const std::vector<uint32_t>& lengths, const std::vector<double>& scores,
                  const std::vector<double>& probs, double unk_score,
                  std::vector<LatticeEdge>* edges);

// The passes over cached lattices add expected counts in fixed point, in
// units of 2^-24: integer sums are associative, so per-thread sums (one
// vector per thread, not per shard) add up to the same bits whichever
// thread took which words. 2^39 occurrences of one piece would overflow.
inline constexpr double kFixedPointScale = 0x1p24;
inline int64_t ToFixed(double x) {  // REQUIRES: x >= 0.
  return static_cast<int64_t>(x * kFixedPointScale + 0.5);
}

// A cached edge is one int32: the piece index times 256 plus the piece's
// length in characters, so the passes never look lengths up per edge (piece
// indices stay below 2^23; lengths are at most 255). An unknown character
// is piece -1 of length 1.
inline constexpr int32_t kUnknownEdge = -255;  // PackEdge(-1, 1).
inline int32_t PackEdge(int32_t piece, uint32_t chars) {
  return static_cast<int32_t>(static_cast<uint32_t>(piece) << 8 | chars);
}
inline int32_t EdgePiece(int32_t edge) { return edge >> 8; }
inline uint32_t EdgeChars(int32_t edge) { return static_cast<uint32_t>(edge) & 0xFF; }

// What the passes over cached lattices read per piece, by piece index.
struct PieceTables {
  const double* scores;
  const double* probs;           // exp(scores).
  double unk_score;
  double unk_prob;               // exp(unk_score).
};

// Forward-backward over a cached lattice of `num_chars` characters (edges
// `pieces`, per_char[c] of them starting at character c, shortest first):
// adds count * P(edge) (fixed point) to expected[piece] for every piece edge and returns
// log Z. Runs in probability space with the backward ratios
// d[c] = beta[c] / beta[c + 1] (their product is Z), so no exp or log per
// edge and no underflow on long words: the posterior of an edge c -> t is
// m[c] * p * beta[t] / beta[c], where m[c] = P(a token starts at c) is
// accumulated forwards from those posteriors. Falls back to log space if
// the ratios leave double's range (pieces far longer than 16 characters).
double CachedExpected(const int32_t* pieces, const uint16_t* per_char, size_t num_chars,
                      size_t num_edges, const PieceTables& t, double count,
                      int64_t* expected, std::vector<double>* scratch);

// The same in log space (LogAdd per edge): the reference and the fallback.
double CachedExpectedLogSpace(const int32_t* pieces, const uint16_t* per_char,
                              size_t num_chars, size_t num_edges, const PieceTables& t,
                              double count, int64_t* expected,
                              std::vector<double>* scratch);

// Viterbi over a cached lattice: adds count (fixed point) to freq[piece] for each piece on
// the best path (ties to the edge found first, as ViterbiPath), returns the
// path's score and sets *num_tokens to its length.
double CachedViterbi(const int32_t* pieces, const uint16_t* per_char, size_t num_chars,
                     size_t num_edges, const PieceTables& t, double count, int64_t* freq,
                     int64_t* num_tokens, std::vector<double>* scratch);

// Every word's lattice over the current pieces, in fixed shards of words.
// Built once for the seed pieces (from the suffix array, MakeSeedVocab, or
// in tests with AppendLatticeRefs); when the model loses pieces, Remap
// drops their edges and renumbers the rest, which gives exactly the
// lattice BuildLattice would build from the new model's trie (same edges,
// same order) without walking a trie again. Remap only records the change;
// each shard applies it when a pass first reads it, inside that pass's
// parallel region. All words' edges live in one array; a shard compacts
// its own region in place.
class LatticeCache {
 public:
  // bounds: shard s holds words [bounds[s], bounds[s + 1]). edges and
  // per_char as in SeedVocab, for `words` in order.
  LatticeCache(const std::vector<absl::string_view>& words, std::vector<size_t> bounds,
               std::vector<int32_t> edges, std::vector<uint16_t> per_char);
  // The same from a trie walk over `pieces` (sorted by bytes): for tests.
  static LatticeCache FromTrie(const std::vector<absl::string_view>& words,
                               std::vector<size_t> bounds,
                               const std::vector<std::string>& pieces);

  const std::vector<size_t>& bounds() const { return bounds_; }
  size_t num_edges() const { return pieces_.size(); }

  // Sets *edges to the lattice of `word` (word w, in shard s) scored by
  // the current pieces' lengths, scores and probs. Calls for one shard must
  // come from one thread at a time.
  void Score(size_t s, size_t w, absl::string_view word, const std::vector<uint32_t>& lengths,
             const std::vector<double>& scores, const std::vector<double>& probs,
             double unk_score, std::vector<LatticeEdge>* edges);

  // CachedExpected / CachedViterbi on word w of shard s (same threading
  // rule as Score).
  double Expected(size_t s, size_t w, const PieceTables& t, double count, int64_t* expected,
                  std::vector<double>* scratch);
  double Viterbi(size_t s, size_t w, const PieceTables& t, double count, int64_t* freq,
                 int64_t* num_tokens, std::vector<double>* scratch);

  // The best segmentation of the `num_chars` characters starting at global
  // character `first` (an occurrence of piece `skip_piece`) without that
  // piece as a whole: the piece indices (-1 unknown) of its path, as
  // ViterbiPath gives them on BuildLattice(piece, ..., skip_piece). The
  // lattice of a piece is its occurrence's edges that end inside it. Reads
  // only: no shard may be stale, and calls may run concurrently.
  void BestSegmentation(size_t first, size_t num_chars, int32_t skip_piece,
                        const PieceTables& t, std::vector<int32_t>* path,
                        std::vector<double>* scratch) const;

  // new_index[old piece] is its index in the new model, or -1 if dropped.
  // Every pass must read all words, so that after one the shards are all
  // up to date; before one they are all stale and the maps compose.
  void Remap(const std::vector<int32_t>& new_index);

 private:
  // Drops and renumbers shard s's edges by pending_.
  void Apply(size_t s);
  // Word w (in shard s): its first edge, edge count and first character.
  size_t EdgeEnd(size_t s, size_t w) const {
    return w + 1 < bounds_[s + 1] ? edge_begin_[w + 1] : shard_end_[s];
  }

  std::vector<size_t> bounds_;
  std::vector<int32_t> pieces_;      // Edges' pieces, -1 for unknown.
  std::vector<uint16_t> per_char_;   // Edges starting at each character.
  std::vector<size_t> char_begin_;   // Per word, + 1: first character.
  std::vector<size_t> edge_begin_;   // Per word: first edge.
  std::vector<size_t> shard_end_;    // Per shard: one past its last edge.
  std::vector<int32_t> pending_;  // The map not yet applied to stale shards.
  std::vector<char> stale_;       // Per shard; char, not bool: written concurrently.
};

// Adds count * P(edge) to (*expected)[piece] for every piece edge; returns
// log Z of the word (its log-likelihood). `scratch` is reused storage.
// The trainer uses CachedExpected; this one, on materialized edges, is the
// straightforward version the tests check it against.
// Words of at most kLinearMaxChars characters are computed with
// probabilities (no exp/log per edge: a product of that many probabilities
// of pieces or unknowns cannot underflow a double); longer ones in log space.
double AccumulateExpected(absl::string_view word,
                          const std::vector<LatticeEdge>& edges, double count,
                          std::vector<double>* expected,
                          std::vector<double>* scratch);

// Returns the best path's edges (indices into `edges`), in order, and
// stores its score in *score. Ties go to the edge found first.
std::vector<int> ViterbiPath(absl::string_view word,
                             const std::vector<LatticeEdge>& edges,
                             double* score);

}  // namespace tokenforge::internal

#endif  // TOKENFORGE_VOCAB_LEARNING_UNIGRAM_LATTICE_H_
