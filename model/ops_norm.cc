// model/ops_norm.cc
//
// Row normalizations over the last dim C. x: (rows, C), g, b: (C).
// Forward caches the per-row statistics (1/rms, or mean and 1/std) in the
// arena for the backward. Backwards accumulate.

#include <cmath>

#include "model/op_util.h"
#include "model/ops.h"

namespace tokenforge {

template <typename T>
Tensor<T>* RmsNorm(Tape<T>& tape, Tensor<T>* x, Tensor<T>* g, T eps) {
  const int64_t C = x->shape().last(), rows = x->shape().rows();
  TF_CHECK(g->shape() == Shape({C}));
  Tensor<T>* out = tape.NewTensor(x->shape(), internal::AnyGrad(x, g));
  T* rstd = tape.Allocate(rows);
  internal::ParallelRows(rows, C, tape.num_threads(),
                         [&](int64_t r0, int64_t r1) {
                           for (int64_t r = r0; r < r1; ++r) {
                             const T* xr = x->data() + r * C;
                             T* yr = out->data() + r * C;
                             T ss = 0;
                             for (int64_t c = 0; c < C; ++c)
                               ss += xr[c] * xr[c];
                             const T s = T(1) / std::sqrt(ss / C + eps);
                             rstd[r] = s;
                             for (int64_t c = 0; c < C; ++c)
                               yr[c] = xr[c] * s * g->data()[c];
                           }
                         });
  tape.SetBackward(out, [x, g, out, rstd, rows, C] {
    // With n = x * s, y = n * g: dx = s * (dn - n * mean(dn * n)).
    for (int64_t r = 0; r < rows; ++r) {
      const T* xr = x->data() + r * C;
      const T* dy = out->grad() + r * C;
      const T s = rstd[r];
      T dot = 0;
      for (int64_t c = 0; c < C; ++c) dot += dy[c] * g->data()[c] * xr[c] * s;
      const T mean_dn_n = dot / C;
      if (x->requires_grad()) {
        T* dx = x->grad() + r * C;
        for (int64_t c = 0; c < C; ++c) {
          const T n = xr[c] * s;
          dx[c] += s * (dy[c] * g->data()[c] - n * mean_dn_n);
        }
      }
      if (g->requires_grad()) {
        for (int64_t c = 0; c < C; ++c) g->grad()[c] += dy[c] * xr[c] * s;
      }
    }
  });
  return out;
}

template <typename T>
Tensor<T>* LayerNorm(Tape<T>& tape, Tensor<T>* x, Tensor<T>* g, Tensor<T>* b,
                     T eps) {
  const int64_t C = x->shape().last(), rows = x->shape().rows();
  TF_CHECK(g->shape() == Shape({C}));
  TF_CHECK(b == nullptr || b->shape() == Shape({C}));
  Tensor<T>* out = tape.NewTensor(x->shape(), internal::AnyGrad(x, g, b));
  T* stats = tape.Allocate(2 * rows);  // (mean, 1/std) per row.
  internal::ParallelRows(rows, C, tape.num_threads(),
                         [&](int64_t r0, int64_t r1) {
                           for (int64_t r = r0; r < r1; ++r) {
                             const T* xr = x->data() + r * C;
                             T* yr = out->data() + r * C;
                             T mean = 0;
                             for (int64_t c = 0; c < C; ++c) mean += xr[c];
                             mean /= C;
                             T var = 0;
                             for (int64_t c = 0; c < C; ++c)
                               var += (xr[c] - mean) * (xr[c] - mean);
                             const T s = T(1) / std::sqrt(var / C + eps);
                             stats[2 * r] = mean;
                             stats[2 * r + 1] = s;
                             for (int64_t c = 0; c < C; ++c) {
                               yr[c] = (xr[c] - mean) * s * g->data()[c] +
                                       (b != nullptr ? b->data()[c] : T(0));
                             }
                           }
                         });
  tape.SetBackward(out, [x, g, b, out, stats, rows, C] {
    // n = (x - mean) s; dn = dy g; dx = s (dn - mean(dn) - n mean(dn n)).
    for (int64_t r = 0; r < rows; ++r) {
      const T* xr = x->data() + r * C;
      const T* dy = out->grad() + r * C;
      const T mean = stats[2 * r], s = stats[2 * r + 1];
      T sum_dn = 0, sum_dn_n = 0;
      for (int64_t c = 0; c < C; ++c) {
        const T dn = dy[c] * g->data()[c];
        sum_dn += dn;
        sum_dn_n += dn * (xr[c] - mean) * s;
      }
      sum_dn /= C;
      sum_dn_n /= C;
      for (int64_t c = 0; c < C; ++c) {
        const T n = (xr[c] - mean) * s;
        if (x->requires_grad()) {
          x->grad()[r * C + c] +=
              s * (dy[c] * g->data()[c] - sum_dn - n * sum_dn_n);
        }
        if (g->requires_grad()) g->grad()[c] += dy[c] * n;
        if (b != nullptr && b->requires_grad()) b->grad()[c] += dy[c];
      }
    }
  });
  return out;
}

#define TF_INSTANTIATE(T)                                                     \
  template Tensor<T>* RmsNorm(Tape<T>&, Tensor<T>*, Tensor<T>*, T);           \
  template Tensor<T>* LayerNorm(Tape<T>&, Tensor<T>*, Tensor<T>*, Tensor<T>*, \
                                T);
TF_INSTANTIATE(float)
TF_INSTANTIATE(double)
#undef TF_INSTANTIATE

}  // namespace tokenforge
