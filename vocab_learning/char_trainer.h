// vocab_learning/char_trainer.h
//
// Character vocabularies: the most frequent characters until a coverage
// target (or the vocabulary size) is reached; the rest become the unknown
// token or, with byte_fallback, their UTF-8 bytes as <0xNN> tokens.
// Ids: special tokens, byte tokens, then characters by code point.
//
//   TF_ASSIGN_OR_RETURN(CharVocab vocab, TrainChars(counts, options));

#ifndef TOKENFORGE_VOCAB_LEARNING_CHAR_TRAINER_H_
#define TOKENFORGE_VOCAB_LEARNING_CHAR_TRAINER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "vocab_learning/word_counts.h"

namespace tokenforge {

struct CharTrainerOptions {
  // Upper bound on the vocabulary (specials, bytes, characters).
  int vocab_size = 8000;
  // Keep the most frequent characters covering this fraction of all
  // character occurrences (SentencePiece character_coverage).
  double character_coverage = 1.0;
  std::vector<std::string> special_tokens = {"<unk>"};
  bool byte_fallback = false;

  absl::Status Validate() const;
};

struct CharVocab {
  std::vector<std::string> tokens;  // By id.
  int num_special = 0;
  // Weighted tokens of the training words (an uncovered character counts
  // one unknown token, or its bytes with byte_fallback).
  int64_t training_tokens = 0;
  // Fraction of character occurrences the alphabet covers.
  double coverage = 0.0;
};

absl::StatusOr<CharVocab> TrainChars(const WordCounts& counts,
                                     const CharTrainerOptions& options);

}  // namespace tokenforge

#endif  // TOKENFORGE_VOCAB_LEARNING_CHAR_TRAINER_H_
