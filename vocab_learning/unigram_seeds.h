// vocab_learning/unigram_seeds.h
//
// The Unigram trainer's starting point, from one suffix array over the
// distinct words: the seed vocabulary (every alphabet character plus the
// most frequent substrings, see SeedPieces in unigram_trainer.h) and every
// word's lattice over it. The lattice comes from the same suffix array, as
// the occurrences of a piece are exactly its suffix-array interval: no trie
// is built or walked. Internal to vocab_learning.

#ifndef TOKENFORGE_VOCAB_LEARNING_UNIGRAM_SEEDS_H_
#define TOKENFORGE_VOCAB_LEARNING_UNIGRAM_SEEDS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "vocab_learning/word_counts.h"

namespace tokenforge::internal {

struct SeedVocab {
  // Characters and seed substrings, sorted by bytes, with their weighted
  // frequencies (exact integers; characters at least 1).
  std::vector<std::string> pieces;
  std::vector<double> freqs;
  // Every word's lattice over `pieces` in the LatticeCache layout: per
  // character of every word in order, per_char[c] edges in `edges` (as
  // PackEdge), its own piece (kUnknownEdge if unknown) first, then longer
  // pieces by length.
  std::vector<int32_t> edges;
  std::vector<uint16_t> per_char;
  // Per piece, the global character index (as in per_char) of one of its
  // occurrences, for LatticeCache::BestSegmentation; 0 for a character
  // that never occurs.
  std::vector<uint32_t> occurrences;
};

SeedVocab MakeSeedVocab(const WordCounts& counts, const std::vector<char32_t>& alphabet,
                        int max_length, int seed_size, int num_threads);

}  // namespace tokenforge::internal

#endif  // TOKENFORGE_VOCAB_LEARNING_UNIGRAM_SEEDS_H_
