// vocab_learning/vocab_evaluation.h
//
// The one place that joins tokenizers and the model (STYLE.md 4.2): a
// vocabulary is scored by the held-out bits per byte of a small transformer
// LM trained on its tokens, so vocabularies of any kind and size compare on
// one scale (docs/model.md).
//
// The corpus is cut at the first line boundary after (1 - val_fraction) of
// its bytes; each part is encoded line by line, as the trainers see it, and
// every line end becomes one extra token (id = the tokenizer's vocabulary
// size) that the model predicts like any other. Bits per byte divide the
// validation tokens' total loss by every byte of the validation text,
// newlines included. A tokenizer that loses information (normalization,
// <unk>) is not charged for it; `lossy_lines` says how many lines do not
// decode back to themselves, so such a comparison can be flagged.
//
//   TF_ASSIGN_OR_RETURN(TokenizedCorpus corpus,
//                       TokenizeForLm(*tokenizer, text, 0.1, /*threads=*/0));
//   TF_ASSIGN_OR_RETURN(VocabLmResult r,
//                       TrainLmOnTokens(corpus, setup, run, &std::cerr));
//   // r.train.val.bits_per_byte()

#ifndef TOKENFORGE_VOCAB_LEARNING_VOCAB_EVALUATION_H_
#define TOKENFORGE_VOCAB_LEARNING_VOCAB_EVALUATION_H_

#include <cstdint>
#include <ostream>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "model/lm_setup.h"
#include "model/trainer.h"
#include "tokenizers/tokenizer.h"

namespace tokenforge {

struct TokenizedCorpus {
  std::vector<TokenId> train;
  std::vector<TokenId> val;
  int64_t train_bytes = 0;
  int64_t val_bytes = 0;  // Every byte of the validation text.
  // The tokenizer's vocabulary plus the line-end token.
  int vocab_size = 0;
  TokenId line_end = 0;
  // Lines (both parts) whose ids do not decode back to the line.
  int64_t lossy_lines = 0;
};

// Splits `text` and encodes both parts (num_threads: 0 = all cores; the ids
// never depend on it). kInvalidArgument when a part would be empty or the
// tokenizer rejects a line (the message names the line).
absl::StatusOr<TokenizedCorpus> TokenizeForLm(const Tokenizer& tokenizer,
                                              absl::string_view text,
                                              double val_fraction, int num_threads);

// Trains `setup` (its vocab_size replaced by corpus.vocab_size) on the
// training tokens and evaluates it on all validation tokens, each predicted
// with up to context_length tokens of history.
absl::StatusOr<TrainResult> TrainLmOnTokens(const TokenizedCorpus& corpus,
                                            LmSetup setup, const TrainRunOptions& run,
                                            std::ostream* log);

// The evaluation split TrainLmOnTokens trains and scores (for `lm eval`).
TextSplit LmSplit(const TokenizedCorpus& corpus, int64_t context_length);

}  // namespace tokenforge

#endif  // TOKENFORGE_VOCAB_LEARNING_VOCAB_EVALUATION_H_
