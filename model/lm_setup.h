// model/lm_setup.h
//
// Training options and the named presets (the quality gates of model.md
// 5.5). An LmSetup is everything `tokenforge lm train` needs besides data;
// it is written into every checkpoint, so a model records how it was
// trained.
//
//   TF_ASSIGN_OR_RETURN(LmSetup setup, LmPreset("g1"));
//   setup.train.max_steps = 100;

#ifndef TOKENFORGE_MODEL_LM_SETUP_H_
#define TOKENFORGE_MODEL_LM_SETUP_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "model/config.h"

namespace tokenforge {

struct TrainOptions {
  // Sequences per step; tokens per step = batch_size * context_length.
  int batch_size = 12;
  int max_steps = 2000;
  // Peak learning rate after warmup; cosine decay to min_lr at
  // lr_decay_steps (nanoGPT get_lr).
  double learning_rate = 1e-3;
  double min_lr = 1e-4;
  int warmup_steps = 100;
  int lr_decay_steps = 2000;
  double beta1 = 0.9;
  double beta2 = 0.99;
  // Decoupled AdamW decay on matrices only.
  double weight_decay = 0.1;
  // Global gradient-norm clip; 0 disables.
  double grad_clip = 1.0;
  // Seeds initialization, batches and dropout.
  uint64_t seed = 1337;
  // Steps between log lines and between (partial) validation evaluations
  // (0: evaluate only at the end).
  int log_interval = 50;
  int eval_interval = 0;
  // Tokens scored by the intermediate evaluations (the final one scores
  // the whole validation split).
  int64_t eval_tokens = 16384;
  // Steps between checkpoints (0: only at the end).
  int checkpoint_interval = 0;
  // Fraction of the corpus held out (the last part), nanoGPT's 0.1.
  double val_fraction = 0.1;
  // The batch is split into this many shards whose forward and backward
  // passes run in parallel, each single-threaded with its own gradient
  // buffer, summed in shard order. One parallel region per step instead of
  // one per op: on 2 busy cores, per-op barriers cost more than they gain.
  // Results depend on grad_shards but never on num_threads.
  int grad_shards = 2;
  // Threads; 0 means all cores.
  int num_threads = 0;

  absl::Status Validate() const;
  std::string ToText() const;
  absl::Status Update(const KeyValues& kv);
};

struct LmSetup {
  TransformerConfig model;
  TrainOptions train;

  absl::Status Validate() const;
  // "key = value" lines of both parts.
  std::string ToText() const;
  // Parses a config file: any model or training field, unknown keys are
  // kInvalidArgument.
  static absl::StatusOr<LmSetup> FromText(absl::string_view text,
                                          const LmSetup& defaults);
};

// Returns a named preset (kNotFound otherwise):
//   g0  2 layers, d 64, 4 heads, T 64: the ~60 s smoke gate, < 3.59 bpb.
//   g1  nanoGPT's CPU shakespeare_char recipe: 4 layers, 4 heads, d 128,
//       T 64, batch 12, 2000 steps, lr 1e-3 -> 1e-4, warmup 100, beta2
//       0.99, wd 0.1, clip 1, no dropout; target <= 2.81 bpb.
absl::StatusOr<LmSetup> LmPreset(absl::string_view name);

}  // namespace tokenforge

#endif  // TOKENFORGE_MODEL_LM_SETUP_H_
