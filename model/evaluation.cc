// model/evaluation.cc

#include "model/evaluation.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/parallel.h"

namespace tokenforge {

double EvalResult::bits_per_byte() const {
  return total_nats / (static_cast<double>(bytes) * std::numbers::ln2);
}

double EvalResult::token_perplexity() const {
  return std::exp(total_nats / tokens);
}

namespace {

// Scores the windows starting at `starts` (each of length len: inputs
// stream[s, s+len), targets stream[s+1, s+len+1)); returns summed nats.
double ScoreWindows(Transformer<float>& model, Tape<float>& tape,
                    absl::Span<const TokenId> stream,
                    const std::vector<int64_t>& starts, int64_t len) {
  const int64_t B = static_cast<int64_t>(starts.size());
  std::vector<TokenId> inputs(B * len), targets(B * len);
  for (int64_t b = 0; b < B; ++b) {
    std::copy_n(stream.begin() + starts[b], len, inputs.begin() + b * len);
    std::copy_n(stream.begin() + starts[b] + 1, len, targets.begin() + b * len);
  }
  tape.Reset();
  std::vector<double> losses;
  model.Loss(tape, inputs, targets, B, len, /*training=*/false, 0, &losses);
  double total = 0;
  for (double l : losses) total += l;
  return total;
}

}  // namespace

absl::StatusOr<EvalResult> EvaluateLm(Transformer<float>& model,
                                      absl::Span<const TokenId> stream,
                                      int64_t first_predicted, int64_t bytes,
                                      const EvalOptions& options) {
  const int64_t n = static_cast<int64_t>(stream.size());
  if (first_predicted < 1 || first_predicted >= n) {
    return absl::InvalidArgumentError(absl::StrCat(
        "first_predicted must be in [1, ", n, "), got ", first_predicted));
  }
  const int64_t len =
      options.seq_len > 0 ? options.seq_len : model.config().context_length;
  if (options.batch_size < 1 || len > model.config().context_length ||
      options.max_tokens < 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "bad EvalOptions: batch_size ", options.batch_size, ", seq_len ", len,
        " (context_length ", model.config().context_length, "), max_tokens ",
        options.max_tokens));
  }
  for (int64_t i = 0; i < n; ++i) {
    if (stream[i] < 0 || stream[i] >= model.config().vocab_size) {
      return absl::OutOfRangeError(absl::StrCat(
          "token ", i, " has id ", stream[i], " outside the vocabulary of ",
          model.config().vocab_size));
    }
  }
  int64_t end = n;  // One past the last scored position.
  if (options.max_tokens > 0)
    end = std::min(n, first_predicted + options.max_tokens);
  EvalResult result;
  result.tokens = end - first_predicted;
  result.bytes = end == n ? bytes
                          : static_cast<int64_t>(std::llround(
                                static_cast<double>(bytes) * result.tokens /
                                (n - first_predicted)));
  // Window w scores targets [first + w len, first + (w + 1) len); the last
  // one may be shorter. Batches of windows go to kShards fixed shards,
  // each with its own single-threaded tape, and the per-batch sums are
  // added in batch order: the same result for every thread count.
  const int64_t windows = (result.tokens + len - 1) / len;
  const int64_t batches =
      (windows + options.batch_size - 1) / options.batch_size;
  constexpr int64_t kShards = 2;
  std::vector<double> batch_nats(batches, 0.0);
  const int threads =
      options.num_threads > 0 ? options.num_threads : DefaultNumThreads();
  ParallelFor(kShards, threads, [&](size_t shard) {
    Tape<float> tape(1);
    tape.set_grad_enabled(false);
    for (int64_t b = static_cast<int64_t>(shard); b < batches; b += kShards) {
      std::vector<int64_t> starts;
      int64_t w_len = len;
      for (int64_t w = b * options.batch_size;
           w < std::min(windows, (b + 1) * options.batch_size); ++w) {
        const int64_t first = first_predicted + w * len;
        const int64_t this_len = std::min(len, end - first);
        if (this_len != w_len) {  // The short last window goes alone.
          if (!starts.empty()) {
            batch_nats[b] += ScoreWindows(model, tape, stream, starts, w_len);
          }
          starts.clear();
          w_len = this_len;
        }
        starts.push_back(first - 1);
      }
      batch_nats[b] += ScoreWindows(model, tape, stream, starts, w_len);
    }
  });
  for (double nats : batch_nats) result.total_nats += nats;
  return result;
}

}  // namespace tokenforge
