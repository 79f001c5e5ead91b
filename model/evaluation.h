// model/evaluation.h
//
// Held-out evaluation in bits per byte (model.md 2.1):
//
//   BPB = total NLL in nats / (UTF-8 bytes * ln 2)
//
// with exact byte accounting: every scored token is predicted exactly once
// (windows step by the context length, each window conditioned on the
// tokens before it within the window), and the byte count is that of the
// scored tokens, supplied by the caller (for byte-level text, one byte per
// token). Token perplexity exp(NLL / tokens) is reported too, labelled as
// such: it is not comparable across tokenizers. Losses are summed in
// double.

#ifndef TOKENFORGE_MODEL_EVALUATION_H_
#define TOKENFORGE_MODEL_EVALUATION_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "model/transformer.h"

namespace tokenforge {

struct EvalResult {
  double total_nats = 0;
  int64_t tokens = 0;  // Scored tokens.
  int64_t bytes = 0;   // UTF-8 bytes of the scored tokens.

  double nats_per_token() const { return total_nats / tokens; }
  double bits_per_byte() const;
  double token_perplexity() const;
};

struct EvalOptions {
  // Windows per forward pass.
  int batch_size = 16;
  // Tokens per window; 0 means the model's context_length.
  int seq_len = 0;
  // Score at most this many tokens (0: all); bytes are then scaled
  // proportionally, so use it only for progress estimates, never a gate.
  int64_t max_tokens = 0;
  int num_threads = 0;
};

// Scores stream[first_predicted:] given everything before it. `bytes` is
// the UTF-8 byte count of the scored tokens. kInvalidArgument when
// first_predicted < 1 (the first token has no context) or nothing is
// scored.
absl::StatusOr<EvalResult> EvaluateLm(Transformer<float>& model,
                                      absl::Span<const TokenId> stream,
                                      int64_t first_predicted, int64_t bytes,
                                      const EvalOptions& options);

}  // namespace tokenforge

#endif  // TOKENFORGE_MODEL_EVALUATION_H_
