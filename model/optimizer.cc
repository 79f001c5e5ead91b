// model/optimizer.cc

#include "model/optimizer.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "absl/strings/str_cat.h"
#include "common/parallel.h"

namespace tokenforge {

absl::Status AdamWOptions::Validate() const {
  if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "beta1 and beta2 must be in [0, 1), got ", beta1, ", ", beta2));
  }
  if (!(eps > 0)) return absl::InvalidArgumentError("eps must be > 0");
  if (!(weight_decay >= 0)) {
    return absl::InvalidArgumentError(
        absl::StrCat("weight_decay must be >= 0, got ", weight_decay));
  }
  return absl::OkStatus();
}

void AdamW::Step(ParameterArena<float>& params, double lr, int num_threads) {
  ++step_;
  const float b1 = static_cast<float>(options_.beta1);
  const float b2 = static_cast<float>(options_.beta2);
  const float c1 =
      static_cast<float>(1.0 / (1.0 - std::pow(options_.beta1, step_)));
  const float c2 =
      static_cast<float>(1.0 / (1.0 - std::pow(options_.beta2, step_)));
  const float eps = static_cast<float>(options_.eps);
  const float step_lr = static_cast<float>(lr);
  const float decayed = static_cast<float>(1.0 - lr * options_.weight_decay);
  // One parallel region over fixed chunks of the flat arena (not one per
  // tensor): each chunk walks the tensors it overlaps. Elementwise, so the
  // chunking cannot change the result.
  constexpr int64_t kChunks = 8;
  const int64_t n = params.size();
  ParallelFor(kChunks, num_threads, [&](size_t chunk) {
    const int64_t begin = n * static_cast<int64_t>(chunk) / kChunks;
    const int64_t end = n * static_cast<int64_t>(chunk + 1) / kChunks;
    for (int i = 0; i < params.num_tensors(); ++i) {
      const ParameterInfo& info = params.info(i);
      const int64_t j0 = std::max(begin, info.offset);
      const int64_t j1 = std::min(end, info.offset + info.shape.size());
      if (j0 >= j1) continue;
      const float decay = info.decay ? decayed : 1.f;
      float* p = params.values().data();
      const float* g = params.grads().data();
      float* m = m_.data();
      float* v = v_.data();
      for (int64_t j = j0; j < j1; ++j) {
        m[j] = b1 * m[j] + (1 - b1) * g[j];
        v[j] = b2 * v[j] + (1 - b2) * g[j] * g[j];
        const float update = (m[j] * c1) / (std::sqrt(v[j] * c2) + eps);
        p[j] = p[j] * decay - step_lr * update;
      }
    }
  });
}

double CosineLearningRate(int64_t step, double max_lr, double min_lr,
                          int64_t warmup_steps, int64_t decay_steps) {
  if (step < warmup_steps) {
    return max_lr * static_cast<double>(step + 1) / (warmup_steps + 1);
  }
  if (step > decay_steps) return min_lr;
  const double ratio = decay_steps > warmup_steps
                           ? static_cast<double>(step - warmup_steps) /
                                 (decay_steps - warmup_steps)
                           : 1.0;
  const double coeff = 0.5 * (1.0 + std::cos(std::numbers::pi * ratio));
  return min_lr + coeff * (max_lr - min_lr);
}

double ClipGradNorm(std::vector<float>& grads, double max_norm) {
  // Eight partial sums break the dependency chain (and let the compiler
  // vectorize without reassociating); added in a fixed order.
  double partial[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  const size_t n = grads.size();
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    for (int l = 0; l < 8; ++l) {
      partial[l] += static_cast<double>(grads[i + l]) * grads[i + l];
    }
  }
  for (; i < n; ++i) partial[0] += static_cast<double>(grads[i]) * grads[i];
  double sum = 0;
  for (double p : partial) sum += p;
  const double norm = std::sqrt(sum);
  if (max_norm > 0 && norm > max_norm) {
    const float scale = static_cast<float>(max_norm / (norm + 1e-6));
    for (float& g : grads) g *= scale;
  }
  return norm;
}

}  // namespace tokenforge
