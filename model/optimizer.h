// model/optimizer.h
//
// AdamW (Loshchilov & Hutter 2019) with decoupled weight decay on the
// tensors flagged `decay` (matrices; not gains or biases), the warmup +
// cosine learning-rate schedule of nanoGPT, and global-norm gradient
// clipping. Moments live in two flat arrays beside the parameter arena.

#ifndef TOKENFORGE_MODEL_OPTIMIZER_H_
#define TOKENFORGE_MODEL_OPTIMIZER_H_

#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "model/parameters.h"

namespace tokenforge {

struct AdamWOptions {
  double beta1 = 0.9;
  double beta2 = 0.99;  // nanoGPT shakespeare_char: small data, 0.99.
  double eps = 1e-8;
  // Decoupled: p -= lr * weight_decay * p on decay tensors.
  double weight_decay = 0.1;

  absl::Status Validate() const;
};

class AdamW {
 public:
  AdamW(int64_t num_parameters, const AdamWOptions& options)
      : options_(options), m_(num_parameters, 0.f), v_(num_parameters, 0.f) {}

  // Applies one update with learning rate lr using params.grads().
  void Step(ParameterArena<float>& params, double lr, int num_threads);

  int64_t step() const { return step_; }
  void set_step(int64_t step) { step_ = step; }
  std::vector<float>& m() { return m_; }
  std::vector<float>& v() { return v_; }
  const std::vector<float>& m() const { return m_; }
  const std::vector<float>& v() const { return v_; }

 private:
  AdamWOptions options_;
  std::vector<float> m_, v_;
  int64_t step_ = 0;
};

// nanoGPT's get_lr: linear warmup over warmup_steps (from lr/(warmup+1)),
// then cosine from max_lr to min_lr at decay_steps, then min_lr.
double CosineLearningRate(int64_t step, double max_lr, double min_lr,
                          int64_t warmup_steps, int64_t decay_steps);

// Scales gradients so their global L2 norm is at most max_norm (no-op for
// max_norm <= 0). Returns the norm before clipping.
double ClipGradNorm(std::vector<float>& grads, double max_norm);

}  // namespace tokenforge

#endif  // TOKENFORGE_MODEL_OPTIMIZER_H_
