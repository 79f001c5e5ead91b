// vocab_learning/unigram_trainer.h
//
// Unigram language-model training (Kudo 2018), as SentencePiece does it:
//   1. seed pieces: every character, plus the most frequent substrings
//      (score = frequency * length, right- and left-maximal ones only, like
//      SentencePiece's suffix-array seeding), up to seed_vocab_size;
//   2. EM: the E-step sums, over every distinct word weighted by its count,
//      the posterior probability of each piece in the word's lattice; the
//      M-step sets score = digamma(expected) - digamma(total) and drops
//      pieces expected less than 0.5 times (Bayesian EM, SentencePiece);
//   3. pruning: each piece's loss is how much the corpus likelihood falls
//      when the piece is replaced by its best segmentation without it; the
//      lowest-loss pieces are dropped, keeping shrinking_factor of them;
//   4. repeat 2-3 until 1.1 * vocab_size pieces remain, then keep the best.
// Characters are never pruned (required characters, as SentencePiece).
//
// Works on WordCounts, so memory grows with the distinct words, not the
// corpus. Each word's lattice is built once (unigram_seeds.h) and filtered
// as pieces go. E-steps sum expected counts in fixed point (associative)
// and likelihoods per fixed shard in shard order, so scores are
// bit-identical for every thread count.
//
//   TF_ASSIGN_OR_RETURN(UnigramVocab vocab, TrainUnigram(counts, options));

#ifndef TOKENFORGE_VOCAB_LEARNING_UNIGRAM_TRAINER_H_
#define TOKENFORGE_VOCAB_LEARNING_UNIGRAM_TRAINER_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "vocab_learning/bpe_trainer.h"
#include "vocab_learning/word_counts.h"

namespace tokenforge {

struct UnigramTrainerOptions {
  // Final vocabulary size: special tokens, byte tokens and pieces.
  int vocab_size = 8000;
  // Tokens placed first (ids 0..); the first is the unknown token.
  std::vector<std::string> special_tokens = {"<unk>"};
  // Add "<0x00>".."<0xFF>" after the special tokens (score 0).
  bool byte_fallback = false;
  // Fraction of characters the alphabet must cover (SentencePiece
  // character_coverage); rarer characters become unknown.
  double character_coverage = 1.0;
  // Candidate pieces before EM (SentencePiece seed_sentencepiece_size);
  // at most 7'000'000.
  int seed_vocab_size = 1'000'000;
  // Longest piece, in characters (SentencePiece max_sentencepiece_length);
  // at most 255.
  int max_piece_length = 16;
  // Fraction of pieces each pruning round keeps, in (0, 1).
  double shrinking_factor = 0.75;
  // EM iterations between pruning rounds (num_sub_iterations).
  int em_iterations = 2;
  // Worker threads; 0 = all cores. The result never depends on it.
  int num_threads = 0;

  absl::Status Validate() const;
};

struct UnigramVocab {
  // (piece, log probability) by id: special tokens (score 0), byte tokens
  // (score 0), then pieces by descending score (ties: bytes ascending).
  std::vector<std::pair<std::string, double>> pieces;
  int num_special = 0;
  // Corpus log-likelihood under the final model (sum over words of
  // count * log P(best segmentation)), and the tokens of that segmentation.
  double log_likelihood = 0.0;
  int64_t training_tokens = 0;
};

absl::StatusOr<UnigramVocab> TrainUnigram(const WordCounts& counts,
                                          const UnigramTrainerOptions& options,
                                          const TrainProgress& progress = nullptr);

namespace internal {
// Returns up to `seed_size` (piece, frequency) candidates of 2..max_length
// characters: right- and left-maximal substrings of the words (a word start
// counts as a distinct left character each time; max_length characters
// count as right-maximal), by frequency * length descending, then shorter,
// then by bytes. Only pieces made of `alphabet` characters.
// Frequencies are exact integers held in doubles (the seeds' score type).
std::vector<std::pair<std::string, double>> SeedPieces(
    const WordCounts& counts, const std::vector<char32_t>& alphabet,
    int max_length, int seed_size, int num_threads);
}  // namespace internal

}  // namespace tokenforge

#endif  // TOKENFORGE_VOCAB_LEARNING_UNIGRAM_TRAINER_H_
