// model/trainer.h
//
// The training loop: seeded random windows from the training stream,
// AdamW with warmup + cosine schedule and gradient clipping, periodic
// evaluation and atomic checkpoints, and a log line every log_interval
// steps with loss, tokens/s and achieved GFLOP/s (model FLOPs, PaLM
// accounting, see Transformer::TrainingFlopsPerToken).
//
//   TF_ASSIGN_OR_RETURN(TextSplit data, SplitByteLevel(text, 0.1));
//   TF_ASSIGN_OR_RETURN(LmSetup setup, LmPreset("g1"));
//   TF_ASSIGN_OR_RETURN(TrainResult r, TrainLm(setup, data, {}, &std::cerr));
//   std::cout << r.val.bits_per_byte();

#ifndef TOKENFORGE_MODEL_TRAINER_H_
#define TOKENFORGE_MODEL_TRAINER_H_

#include <ostream>
#include <string>

#include "absl/status/statusor.h"
#include "model/data.h"
#include "model/evaluation.h"
#include "model/lm_setup.h"

namespace tokenforge {

struct TrainRunOptions {
  // Directory for checkpoints; empty means none are written.
  std::string output_dir;
  // Continue from output_dir/checkpoint.bin when it exists (its setup
  // then wins over the given one, except max_steps and num_threads).
  bool resume = false;
  // Skip the final full-split evaluation (benchmarks).
  bool skip_final_eval = false;
};

struct TrainResult {
  int64_t steps = 0;
  double final_train_loss = 0;  // Mean over the last log interval, nats.
  EvalResult val;               // Whole validation split.
  double train_seconds = 0;     // Excluding evaluations.
  double tokens_per_second = 0;
  double gflops_per_second = 0;  // Achieved model GFLOP/s.
  int64_t num_parameters = 0;
};

// Trains a byte- or token-level LM on data.train and evaluates it on
// data.val. Logs go to *log when not null.
absl::StatusOr<TrainResult> TrainLm(const LmSetup& setup, const TextSplit& data,
                                    const TrainRunOptions& run,
                                    std::ostream* log);

}  // namespace tokenforge

#endif  // TOKENFORGE_MODEL_TRAINER_H_
