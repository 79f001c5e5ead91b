// model/ops_softmax.cc
//
// Softmax family over the last dim (max-shifted, model.md 3.9) and the
// embedding gather. Backwards accumulate.

#include <algorithm>
#include <cmath>
#include <cstring>

#include "model/fast_math.h"
#include "model/op_util.h"
#include "model/ops.h"

namespace tokenforge {
namespace {

// Writes log(sum(exp(x))) of one row, computed as max + log(sum(exp(x-max))).
template <typename T>
T LogSumExp(const T* x, int64_t n) {
  const T m = *std::max_element(x, x + n);
  T s = 0;
  for (int64_t j = 0; j < n; ++j) s += internal::MathExp(x[j] - m);
  return m + std::log(s);
}

}  // namespace

template <typename T>
Tensor<T>* Softmax(Tape<T>& tape, Tensor<T>* x) {
  const int64_t V = x->shape().last(), rows = x->shape().rows();
  Tensor<T>* out = tape.NewTensor(x->shape(), x->requires_grad());
  for (int64_t r = 0; r < rows; ++r) {
    const T* xr = x->data() + r * V;
    T* yr = out->data() + r * V;
    const T m = *std::max_element(xr, xr + V);
    T s = 0;
    for (int64_t j = 0; j < V; ++j) s += (yr[j] = internal::MathExp(xr[j] - m));
    for (int64_t j = 0; j < V; ++j) yr[j] /= s;
  }
  tape.SetBackward(out, [x, out, rows, V] {
    // dx = y (dy - sum(dy y)).
    for (int64_t r = 0; r < rows; ++r) {
      const T* y = out->data() + r * V;
      const T* dy = out->grad() + r * V;
      T dot = 0;
      for (int64_t j = 0; j < V; ++j) dot += dy[j] * y[j];
      for (int64_t j = 0; j < V; ++j)
        x->grad()[r * V + j] += y[j] * (dy[j] - dot);
    }
  });
  return out;
}

template <typename T>
Tensor<T>* LogSoftmax(Tape<T>& tape, Tensor<T>* x) {
  const int64_t V = x->shape().last(), rows = x->shape().rows();
  Tensor<T>* out = tape.NewTensor(x->shape(), x->requires_grad());
  for (int64_t r = 0; r < rows; ++r) {
    const T lse = LogSumExp(x->data() + r * V, V);
    for (int64_t j = 0; j < V; ++j) {
      out->data()[r * V + j] = x->data()[r * V + j] - lse;
    }
  }
  tape.SetBackward(out, [x, out, rows, V] {
    // dx = dy - softmax * sum(dy).
    for (int64_t r = 0; r < rows; ++r) {
      const T* y = out->data() + r * V;
      const T* dy = out->grad() + r * V;
      T total = 0;
      for (int64_t j = 0; j < V; ++j) total += dy[j];
      for (int64_t j = 0; j < V; ++j) {
        x->grad()[r * V + j] += dy[j] - internal::MathExp(y[j]) * total;
      }
    }
  });
  return out;
}

template <typename T>
Tensor<T>* SoftmaxCrossEntropy(Tape<T>& tape, Tensor<T>* logits,
                               absl::Span<const TokenId> targets,
                               std::vector<double>* row_losses) {
  const int64_t V = logits->shape().last(), rows = logits->shape().rows();
  TF_CHECK(static_cast<int64_t>(targets.size()) == rows);
  Tensor<T>* out = tape.NewTensor(Shape{}, logits->requires_grad());
  // The softmax is kept for the backward: dlogits = (p - onehot) / rows.
  T* probs = logits->requires_grad() ? tape.Allocate(rows * V) : nullptr;
  std::vector<double> losses(rows);
  internal::ParallelRows(
      rows, 4 * V, tape.num_threads(), [&](int64_t r0, int64_t r1) {
        for (int64_t r = r0; r < r1; ++r) {
          const T* x = logits->data() + r * V;
          TF_CHECK(targets[r] >= 0 && targets[r] < V);
          const T lse = LogSumExp(x, V);
          losses[r] = static_cast<double>(lse - x[targets[r]]);
          if (probs != nullptr) {
            for (int64_t j = 0; j < V; ++j)
              probs[r * V + j] = internal::MathExp(x[j] - lse);
          }
        }
      });
  double total = 0;
  for (double l : losses) total += l;  // In order: deterministic.
  out->data()[0] = static_cast<T>(total / rows);
  if (row_losses != nullptr) *row_losses = std::move(losses);
  std::vector<TokenId> kept(targets.begin(), targets.end());
  tape.SetBackward(out, [logits, out, probs, kept = std::move(kept), rows, V,
                         threads = tape.num_threads()] {
    const T scale = out->grad()[0] / static_cast<T>(rows);
    internal::ParallelRows(rows, V, threads, [&](int64_t r0, int64_t r1) {
      for (int64_t r = r0; r < r1; ++r) {
        T* dx = logits->grad() + r * V;
        const T* p = probs + r * V;
        for (int64_t j = 0; j < V; ++j) dx[j] += scale * p[j];
        dx[kept[r]] -= scale;
      }
    });
  });
  return out;
}

template <typename T>
Tensor<T>* Embedding(Tape<T>& tape, Tensor<T>* table,
                     absl::Span<const TokenId> ids, const Shape& shape) {
  TF_CHECK(table->shape().rank() == 2);
  TF_CHECK(static_cast<int64_t>(ids.size()) == shape.size());
  const int64_t V = table->shape().dim(0), C = table->shape().dim(1);
  std::vector<int64_t> dims = shape.dims();
  dims.push_back(C);
  Tensor<T>* out = tape.NewTensor(Shape(dims), table->requires_grad());
  const int64_t n = static_cast<int64_t>(ids.size());
  for (int64_t i = 0; i < n; ++i) {
    TF_CHECK(ids[i] >= 0 && ids[i] < V);
    std::memcpy(out->data() + i * C, table->data() + ids[i] * C, sizeof(T) * C);
  }
  std::vector<TokenId> kept(ids.begin(), ids.end());
  tape.SetBackward(out, [table, out, kept = std::move(kept), n, C] {
    // Scatter-add in position order: repeated ids sum deterministically.
    for (int64_t i = 0; i < n; ++i) {
      T* dt = table->grad() + kept[i] * C;
      const T* dy = out->grad() + i * C;
      for (int64_t c = 0; c < C; ++c) dt[c] += dy[c];
    }
  });
  return out;
}

#define TF_INSTANTIATE(T)                                                     \
  template Tensor<T>* Softmax(Tape<T>&, Tensor<T>*);                          \
  template Tensor<T>* LogSoftmax(Tape<T>&, Tensor<T>*);                       \
  template Tensor<T>* SoftmaxCrossEntropy(                                    \
      Tape<T>&, Tensor<T>*, absl::Span<const TokenId>, std::vector<double>*); \
  template Tensor<T>* Embedding(Tape<T>&, Tensor<T>*,                         \
                                absl::Span<const TokenId>, const Shape&);
TF_INSTANTIATE(float)
TF_INSTANTIATE(double)
#undef TF_INSTANTIATE

}  // namespace tokenforge
