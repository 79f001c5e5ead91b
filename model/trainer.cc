// model/trainer.cc

#include "model/trainer.h"

#include <chrono>
#include <vector>

#include "absl/strings/str_format.h"
#include "common/parallel.h"
#include "common/status_macros.h"
#include "model/checkpoint.h"
#include "model/op_util.h"
#include "model/optimizer.h"

namespace tokenforge {
namespace {

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since)
      .count();
}

// One step's forward and backward over `shards` slices of the batch, in
// parallel; the parameter gradients end up summed in shard order in
// params().grads(). Returns the batch's mean loss.
class ShardedStep {
 public:
  ShardedStep(Transformer<float>& model, int shards, int threads)
      : model_(model), threads_(threads), grads_(shards) {
    for (int s = 0; s < shards; ++s) {
      tapes_.push_back(std::make_unique<Tape<float>>(1));
      grads_[s].assign(model.params().size(), 0.f);
    }
  }

  double Run(const std::vector<TokenId>& inputs,
             const std::vector<TokenId>& targets, int64_t B, int64_t T,
             uint64_t dropout_seed) {
    const int64_t shards = static_cast<int64_t>(tapes_.size());
    std::vector<double> losses(shards, 0.0);
    ParallelFor(shards, threads_, [&](size_t s) {
      const int64_t b0 = B * s / shards, b1 = B * (s + 1) / shards;
      if (b1 == b0) return;  // Buffers are zero: see the reduction below.
      Tape<float>& tape = *tapes_[s];
      tape.Reset();
      const absl::Span<const TokenId> in(inputs.data() + b0 * T, (b1 - b0) * T);
      const absl::Span<const TokenId> tg(targets.data() + b0 * T,
                                         (b1 - b0) * T);
      Tensor<float>* loss =
          model_.Loss(tape, in, tg, b1 - b0, T, /*training=*/true,
                      dropout_seed * 131 + s, nullptr, grads_[s].data());
      // Each shard's loss is a mean over its rows; weight it by its share.
      const float weight = static_cast<float>(b1 - b0) / static_cast<float>(B);
      tape.Backward(loss, weight);
      losses[s] = loss->item() * weight;
    });
    std::vector<float>& total = model_.params().grads();
    internal::ParallelRows(static_cast<int64_t>(total.size()), shards, threads_,
                           [&](int64_t i0, int64_t i1) {
                             // Sums in shard order and re-zeroes the shard
                             // buffers for the next step in the same pass (one
                             // sweep over memory instead of two).
                             for (int64_t i = i0; i < i1; ++i) {
                               float g = 0.f;
                               for (std::vector<float>& shard : grads_) {
                                 g += shard[i];
                                 shard[i] = 0.f;
                               }
                               total[i] = g;
                             }
                           });
    double loss = 0;
    for (double l : losses) loss += l;
    return loss;
  }

 private:
  Transformer<float>& model_;
  int threads_;
  std::vector<std::unique_ptr<Tape<float>>> tapes_;
  std::vector<std::vector<float>> grads_;
};

struct RunState {
  LmSetup setup;
  int64_t step = 0;
  std::unique_ptr<Transformer<float>> model;
  std::unique_ptr<AdamW> optimizer;
};

absl::StatusOr<RunState> StartOrResume(const LmSetup& setup,
                                       const TrainRunOptions& run,
                                       std::ostream* log) {
  RunState state;
  if (run.resume && !run.output_dir.empty() && HasCheckpoint(run.output_dir)) {
    TF_ASSIGN_OR_RETURN(LoadedCheckpoint ckpt, LoadCheckpoint(run.output_dir));
    state.setup = ckpt.setup;
    state.setup.train.max_steps = setup.train.max_steps;
    state.setup.train.num_threads = setup.train.num_threads;
    state.step = ckpt.step;
    state.model = std::move(ckpt.model);
    state.optimizer = std::move(ckpt.optimizer);
    if (log != nullptr) *log << "resumed from step " << state.step << "\n";
    return state;
  }
  state.setup = setup;
  TF_ASSIGN_OR_RETURN(
      state.model, Transformer<float>::Create(setup.model, setup.train.seed));
  const AdamWOptions adam{.beta1 = setup.train.beta1,
                          .beta2 = setup.train.beta2,
                          .weight_decay = setup.train.weight_decay};
  TF_RETURN_IF_ERROR(adam.Validate());
  state.optimizer = std::make_unique<AdamW>(state.model->params().size(), adam);
  return state;
}

}  // namespace

absl::StatusOr<TrainResult> TrainLm(const LmSetup& setup, const TextSplit& data,
                                    const TrainRunOptions& run,
                                    std::ostream* log) {
  TF_RETURN_IF_ERROR(setup.Validate());
  TF_ASSIGN_OR_RETURN(RunState state, StartOrResume(setup, run, log));
  const TrainOptions& opt = state.setup.train;
  Transformer<float>& model = *state.model;
  const int64_t B = opt.batch_size, T = state.setup.model.context_length;
  if (static_cast<int64_t>(data.train.size()) <= T) {
    return absl::InvalidArgumentError(absl::StrFormat(
        "training stream has %d tokens, need more than context_length %d",
        data.train.size(), T));
  }
  for (TokenId id : data.train) {
    if (id < 0 || id >= state.setup.model.vocab_size) {
      return absl::OutOfRangeError(
          absl::StrFormat("token id %d outside vocabulary of %d", id,
                          state.setup.model.vocab_size));
    }
  }
  const int threads =
      opt.num_threads > 0 ? opt.num_threads : DefaultNumThreads();
  const TokenLoader loader(data.train, B, T, opt.seed);
  const double flops_per_token = model.TrainingFlopsPerToken(T);
  ShardedStep sharded(model, opt.grad_shards, threads);
  std::vector<TokenId> inputs, targets;
  TrainResult result;
  result.num_parameters = model.params().size();
  double interval_loss = 0, interval_seconds = 0;
  int interval_steps = 0;
  EvalOptions eval_options{.num_threads = threads};
  for (; state.step < opt.max_steps; ++state.step) {
    const auto start = std::chrono::steady_clock::now();
    loader.Batch(state.step, &inputs, &targets);
    const double loss =
        sharded.Run(inputs, targets, B, T, opt.seed + state.step);
    const double norm = ClipGradNorm(model.params().grads(), opt.grad_clip);
    const double lr =
        CosineLearningRate(state.step, opt.learning_rate, opt.min_lr,
                           opt.warmup_steps, opt.lr_decay_steps);
    state.optimizer->Step(model.params(), lr, threads);
    const double seconds = Seconds(start);
    result.train_seconds += seconds;
    interval_seconds += seconds;
    interval_loss += loss;
    ++interval_steps;
    const int64_t done = state.step + 1;
    if (done % opt.log_interval == 0 || done == opt.max_steps) {
      const double tps = interval_steps * B * T / interval_seconds;
      result.final_train_loss = interval_loss / interval_steps;
      if (log != nullptr) {
        *log << absl::StrFormat(
            "step %d/%d | loss %.4f | lr %.2e | norm %.3f | %.0f tok/s | "
            "%.1f GFLOP/s\n",
            done, opt.max_steps, result.final_train_loss, lr, norm, tps,
            tps * flops_per_token * 1e-9);
      }
      interval_loss = interval_seconds = 0;
      interval_steps = 0;
    }
    if (opt.eval_interval > 0 && done % opt.eval_interval == 0 &&
        done != opt.max_steps) {
      EvalOptions partial = eval_options;
      partial.max_tokens = opt.eval_tokens;
      TF_ASSIGN_OR_RETURN(EvalResult r,
                          EvaluateLm(model, data.val, data.first_predicted,
                                     data.val_bytes, partial));
      if (log != nullptr) {
        *log << absl::StrFormat(
            "step %d | val %.4f bits/byte (first %d tokens)\n", done,
            r.bits_per_byte(), r.tokens);
      }
    }
    if (!run.output_dir.empty() && opt.checkpoint_interval > 0 &&
        done % opt.checkpoint_interval == 0) {
      TF_RETURN_IF_ERROR(SaveCheckpoint(run.output_dir, state.setup, done,
                                        model, *state.optimizer));
    }
  }
  result.steps = state.step;
  const double trained_tokens =
      static_cast<double>(result.steps) * B * T;  // This run's share below.
  if (result.train_seconds > 0) {
    result.tokens_per_second = trained_tokens / result.train_seconds;
    result.gflops_per_second =
        result.tokens_per_second * flops_per_token * 1e-9;
  }
  if (!run.output_dir.empty()) {
    TF_RETURN_IF_ERROR(SaveCheckpoint(run.output_dir, state.setup, state.step,
                                      model, *state.optimizer));
  }
  if (!run.skip_final_eval) {
    TF_ASSIGN_OR_RETURN(result.val,
                        EvaluateLm(model, data.val, data.first_predicted,
                                   data.val_bytes, eval_options));
  }
  return result;
}

}  // namespace tokenforge
