// vocab_learning/wordpiece_trainer.h
//
// WordPiece training (Schuster & Nakajima 2012; the BERT vocabulary): like
// BPE, start from characters ("##"-prefixed when not word-initial) and merge
// pairs, but pick the pair that most raises the corpus likelihood under a
// unigram model of the current symbols, i.e. the pair maximizing
//
//     score(a, b) = count(ab) / (count(a) * count(b)).
//
// Ties: higher count(ab), then the smallest (left id, right id). Ids are
// assigned as by the BPE trainer (bpe_trainer.h). Implemented incrementally
// on the same PairMerger as BPE: after a merge of (a, b) every pair that
// involves a, b or the new symbol gets its new score queued; stale queue
// entries are dropped when popped.
//
// The ratio favours pairs of rare symbols: with no min_frequency, pairs seen
// once whose parts occur nowhere else come first. WordPieceScore::kGain
// scores a pair by the first-order rise of the corpus log-likelihood under a
// unigram model of the symbols when ab becomes one unit (Schuster &
// Nakajima's criterion),
//
//     gain(a, b) = count(ab) * log(count(ab) * N / (count(a) * count(b))),
//
// with N the number of symbols before the first merge, held fixed so that a
// pair's score changes only when its own counts do (which keeps the lazy
// queue exact). Ties as above.
//
// With hf_compat the trainer is instead HF tokenizers' WordPieceTrainer,
// which is a BPE trainer (highest count(ab)) with the "##" prefix; use it
// to reproduce vocabularies made with HF.
//
//   TF_ASSIGN_OR_RETURN(BpeVocab vocab, TrainWordPiece(counts, options));
//   // vocab.tokens is the WordPiece vocabulary; merges are informative.

#ifndef TOKENFORGE_VOCAB_LEARNING_WORDPIECE_TRAINER_H_
#define TOKENFORGE_VOCAB_LEARNING_WORDPIECE_TRAINER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "vocab_learning/bpe_trainer.h"
#include "vocab_learning/word_counts.h"

namespace tokenforge {

// How the likelihood trainer scores a pair (see above).
enum class WordPieceScore {
  kRatio,  // count(ab) / (count(a) * count(b))
  kGain,   // count(ab) * log(count(ab) * N / (count(a) * count(b)))
};

struct WordPieceTrainerOptions {
  // Final vocabulary size, special tokens and alphabet included.
  int vocab_size = 30000;
  // Pairs seen fewer times are never merged.
  int64_t min_frequency = 0;
  std::vector<std::string> special_tokens = {"[PAD]", "[UNK]", "[CLS]", "[SEP]",
                                             "[MASK]"};
  // Keep at most this many characters (0 = all), most frequent first.
  int limit_alphabet = 0;
  // Keep the most frequent characters covering this fraction.
  double character_coverage = 1.0;
  // Prefix of non-initial pieces.
  std::string continuing_subword_prefix = "##";
  // Longest token in characters (0 = no limit).
  int max_token_length = 0;
  // The likelihood score.
  WordPieceScore score = WordPieceScore::kRatio;
  // Reproduce HF's BPE-based WordPieceTrainer instead of the likelihood.
  bool hf_compat = false;
  int num_threads = 0;

  absl::Status Validate() const;
};

absl::StatusOr<BpeVocab> TrainWordPiece(const WordCounts& counts,
                                        const WordPieceTrainerOptions& options,
                                        const TrainProgress& progress = nullptr);

}  // namespace tokenforge

#endif  // TOKENFORGE_VOCAB_LEARNING_WORDPIECE_TRAINER_H_
