// tokenizers/models/lattice.h
//
// The segmentation lattice of a Unigram model (after SentencePiece's
// unigram_model.h Lattice): one node per vocabulary match, positions in
// characters of the sentence. Supports the best path (Viterbi), the n best
// paths (A* search with the forward Viterbi scores as an exact heuristic)
// and sampling a path with probability proportional to exp(alpha * score)
// (forward filtering, backward sampling).
//
//   Lattice lattice;
//   lattice.SetSentence("abc");
//   lattice.Insert(0, 1, /*id=*/3, /*score=*/-1.0);   // "a"
//   ...
//   std::vector<int> path = lattice.Viterbi().first;   // node indices
//
// A Lattice is scratch for one call; it is not shared between threads.

#ifndef TOKENFORGE_TOKENIZERS_MODELS_LATTICE_H_
#define TOKENFORGE_TOKENIZERS_MODELS_LATTICE_H_

#include <cstdint>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "common/random.h"
#include "tokenizers/pipeline.h"

namespace tokenforge {

class Lattice {
 public:
  struct Node {
    uint32_t pos = 0;     // First character.
    uint32_t length = 0;  // In characters.
    TokenId id = -1;
    double score = 0.0;
  };

  // Resets the lattice for `sentence` (must outlive the lattice). Characters
  // are UTF-8 sequences by their lead byte.
  void SetSentence(absl::string_view sentence);

  // Adds a node covering characters [pos, pos + length); returns its index.
  int Insert(uint32_t pos, uint32_t length, TokenId id, double score);

  uint32_t num_chars() const { return static_cast<uint32_t>(char_begin_.size()) - 1; }
  // Byte offset of character `pos` (pos == num_chars() gives the end).
  uint32_t ByteOffset(uint32_t pos) const { return char_begin_[pos]; }
  int num_nodes() const { return static_cast<int>(nodes_.size()); }
  const Node& node(int index) const { return nodes_[index]; }
  // Byte span of a node.
  ByteSpan Span(int index) const {
    return {char_begin_[nodes_[index].pos],
            char_begin_[nodes_[index].pos + nodes_[index].length]};
  }

  // Returns the best path (node indices, in order) and its score. Ties go
  // to the node inserted first. Empty when the sentence cannot be covered.
  std::pair<std::vector<int>, double> Viterbi() const;

  // Returns up to `n` best paths, best first. Paths with equal scores come
  // in the order they were found.
  std::vector<std::pair<std::vector<int>, double>> NBest(int n) const;

  // Samples a path with probability exp(alpha * score(path)) / Z.
  std::vector<int> Sample(double alpha, Rng* rng) const;

  // Returns log Z(alpha) = log sum over paths of exp(alpha * score).
  double LogPartition(double alpha) const;

 private:
  // For each node, the best score of a path from the start through it.
  std::vector<double> ForwardBest() const;
  // For each node, log sum over paths from the start to its beginning
  // (excluding the node itself) of exp(alpha * score).
  std::vector<double> ForwardLogSum(double alpha) const;

  absl::string_view sentence_;
  std::vector<uint32_t> char_begin_;
  std::vector<Node> nodes_;
  // Node indices by the character position where they end / begin.
  std::vector<std::vector<int>> end_nodes_;
  std::vector<std::vector<int>> begin_nodes_;
};

}  // namespace tokenforge

#endif  // TOKENFORGE_TOKENIZERS_MODELS_LATTICE_H_
