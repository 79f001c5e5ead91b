// model/ngram.h
//
// n-gram baselines on the same split as the LM (model.md 0 and 5.5):
// interpolated absolute discounting (Ney et al. 1994) with discount D,
// bottoming out in an add-one unigram over the vocabulary:
//
//   P_1(w)     = (c(w) + 1) / (N + V)
//   P_k(w | h) = max(c(h w) - D, 0) / c(h) + D N1+(h .) / c(h) P_{k-1}(w | h')
//
// where h' drops the oldest token of h and an unseen h (c(h) = 0) backs
// off to P_{k-1} entirely. Scores use the same EvalResult accounting as
// EvaluateLm, so the figures compare directly with the transformer's.

#ifndef TOKENFORGE_MODEL_NGRAM_H_
#define TOKENFORGE_MODEL_NGRAM_H_

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "model/evaluation.h"
#include "model/ops.h"

namespace tokenforge {

struct NgramOptions {
  // n-gram length: 1 = unigram ... 5 = 4 tokens of history; in [1, 8].
  int order = 5;
  // Absolute discount D in (0, 1).
  double discount = 0.75;
  // Ids must be < vocab_size (256 for bytes).
  int vocab_size = 256;

  absl::Status Validate() const;
};

// Trains on `train` and scores stream[first_predicted:] as EvaluateLm
// does (history may reach back before first_predicted).
absl::StatusOr<EvalResult> EvaluateNgram(absl::Span<const TokenId> train,
                                         absl::Span<const TokenId> stream,
                                         int64_t first_predicted, int64_t bytes,
                                         const NgramOptions& options);

}  // namespace tokenforge

#endif  // TOKENFORGE_MODEL_NGRAM_H_
