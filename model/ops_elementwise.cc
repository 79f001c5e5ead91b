// model/ops_elementwise.cc
//
// Pointwise ops. Every backward accumulates (+=) into input gradients.

#include <cmath>
#include <cstring>
#include <vector>

#include "common/random.h"
#include "model/fast_math.h"
#include "model/op_util.h"
#include "model/ops.h"

namespace tokenforge {
namespace {

using internal::AnyGrad;
using internal::IsSuffix;

// a (n = rows * m) op b (m): the broadcast index of element i is i % m.
template <typename T>
void CheckBroadcast(Tensor<T>* a, Tensor<T>* b) {
  if (!IsSuffix(b->shape(), a->shape())) {
    TF_CHECK(false && "broadcast shape mismatch");
  }
}

// Applies y = f(x) with dy/dx = df(x, y) elementwise.
template <typename T, typename F, typename DF>
Tensor<T>* Unary(Tape<T>& tape, Tensor<T>* x, F f, DF df) {
  Tensor<T>* out = tape.NewTensor(x->shape(), x->requires_grad());
  const int64_t n = x->size();
  const T* xd = x->data();
  T* yd = out->data();
  for (int64_t i = 0; i < n; ++i) yd[i] = f(xd[i]);
  tape.SetBackward(out, [x, out, n, df] {
    const T* xv = x->data();
    const T* yv = out->data();
    const T* dy = out->grad();
    T* dx = x->grad();
    for (int64_t i = 0; i < n; ++i) dx[i] += dy[i] * df(xv[i], yv[i]);
  });
  return out;
}

template <typename T>
T SigmoidOf(T z) {
  return T(1) / (T(1) + internal::MathExp(-z));
}

}  // namespace

template <typename T>
Tensor<T>* Add(Tape<T>& tape, Tensor<T>* a, Tensor<T>* b) {
  CheckBroadcast(a, b);
  Tensor<T>* out = tape.NewTensor(a->shape(), AnyGrad(a, b));
  const int64_t n = a->size(), m = b->size();
  for (int64_t r = 0; r < n; r += m) {
    for (int64_t j = 0; j < m; ++j) {
      out->data()[r + j] = a->data()[r + j] + b->data()[j];
    }
  }
  tape.SetBackward(out, [a, b, out, n, m] {
    const T* dy = out->grad();
    if (a->requires_grad()) {
      for (int64_t i = 0; i < n; ++i) a->grad()[i] += dy[i];
    }
    if (b->requires_grad()) {
      for (int64_t r = 0; r < n; r += m) {
        for (int64_t j = 0; j < m; ++j) b->grad()[j] += dy[r + j];
      }
    }
  });
  return out;
}

template <typename T>
Tensor<T>* Mul(Tape<T>& tape, Tensor<T>* a, Tensor<T>* b) {
  CheckBroadcast(a, b);
  Tensor<T>* out = tape.NewTensor(a->shape(), AnyGrad(a, b));
  const int64_t n = a->size(), m = b->size();
  for (int64_t r = 0; r < n; r += m) {
    for (int64_t j = 0; j < m; ++j) {
      out->data()[r + j] = a->data()[r + j] * b->data()[j];
    }
  }
  tape.SetBackward(out, [a, b, out, n, m] {
    const T* dy = out->grad();
    for (int64_t r = 0; r < n; r += m) {
      for (int64_t j = 0; j < m; ++j) {
        if (a->requires_grad()) a->grad()[r + j] += dy[r + j] * b->data()[j];
        if (b->requires_grad()) b->grad()[j] += dy[r + j] * a->data()[r + j];
      }
    }
  });
  return out;
}

template <typename T>
Tensor<T>* Scale(Tape<T>& tape, Tensor<T>* a, T s) {
  return Unary(
      tape, a, [s](T x) { return s * x; }, [s](T, T) { return s; });
}

template <typename T>
Tensor<T>* BroadcastTo(Tape<T>& tape, Tensor<T>* x, const Shape& shape) {
  TF_CHECK(IsSuffix(x->shape(), shape));
  Tensor<T>* zeros = tape.NewTensor(shape, false);
  std::memset(zeros->data(), 0, sizeof(T) * shape.size());
  return Add(tape, zeros, x);
}

template <typename T>
Tensor<T>* Exp(Tape<T>& tape, Tensor<T>* x) {
  return Unary(
      tape, x, [](T v) { return internal::MathExp(v); },
      [](T, T y) { return y; });
}

template <typename T>
Tensor<T>* Log(Tape<T>& tape, Tensor<T>* x) {
  return Unary(
      tape, x, [](T v) { return std::log(v); },
      [](T v, T) { return T(1) / v; });
}

template <typename T>
Tensor<T>* Tanh(Tape<T>& tape, Tensor<T>* x) {
  return Unary(
      tape, x, [](T v) { return internal::MathTanh(v); },
      [](T, T y) { return T(1) - y * y; });
}

template <typename T>
Tensor<T>* Sigmoid(Tape<T>& tape, Tensor<T>* x) {
  return Unary(
      tape, x, [](T v) { return SigmoidOf(v); },
      [](T, T y) { return y * (T(1) - y); });
}

template <typename T>
Tensor<T>* Silu(Tape<T>& tape, Tensor<T>* x) {
  return Unary(
      tape, x, [](T v) { return v * SigmoidOf(v); },
      [](T v, T) {
        const T s = SigmoidOf(v);
        return s * (T(1) + v * (T(1) - s));
      });
}

template <typename T>
Tensor<T>* Gelu(Tape<T>& tape, Tensor<T>* x) {
  // 0.5 x (1 + tanh(c (x + 0.044715 x^3))), c = sqrt(2 / pi). The tanh is
  // kept for the backward: recomputing it cost as much as the forward.
  constexpr T kC = T(0.7978845608028654);
  constexpr T kA = T(0.044715);
  const int64_t n = x->size();
  Tensor<T>* out = tape.NewTensor(x->shape(), x->requires_grad());
  T* th = tape.Allocate(n);
  internal::ParallelRows(n / x->shape().last(), 16 * x->shape().last(),
                         tape.num_threads(), [&](int64_t r0, int64_t r1) {
                           const int64_t C = x->shape().last();
                           const T* xv = x->data();
                           T* y = out->data();
                           for (int64_t i = r0 * C; i < r1 * C; ++i) {
                             const T v = xv[i];
                             const T t =
                                 internal::MathTanh(kC * (v + kA * v * v * v));
                             y[i] = T(0.5) * v * (T(1) + t);
                             th[i] = t;
                           }
                         });
  tape.SetBackward(out, [x, out, th, n] {
    const T* xv = x->data();
    const T* dy = out->grad();
    T* dx = x->grad();
    for (int64_t i = 0; i < n; ++i) {
      const T v = xv[i], t = th[i];
      const T dinner = kC * (T(1) + T(3) * kA * v * v);
      dx[i] +=
          dy[i] * (T(0.5) * (T(1) + t) + T(0.5) * v * (T(1) - t * t) * dinner);
    }
  });
  return out;
}

template <typename T>
Tensor<T>* Dropout(Tape<T>& tape, Tensor<T>* x, double p, uint64_t seed) {
  TF_CHECK(p >= 0.0 && p < 1.0);
  if (p == 0.0) return x;
  const int64_t n = x->size();
  // The mask is stored as the per-element multiplier (0 or 1/(1-p)).
  T* mask = tape.Allocate(n);
  const T keep_scale = T(1.0 / (1.0 - p));
  Rng rng(seed);
  for (int64_t i = 0; i < n; ++i) {
    mask[i] = rng.Uniform() < p ? T(0) : keep_scale;
  }
  Tensor<T>* out = tape.NewTensor(x->shape(), x->requires_grad());
  for (int64_t i = 0; i < n; ++i) out->data()[i] = x->data()[i] * mask[i];
  tape.SetBackward(out, [x, out, mask, n] {
    for (int64_t i = 0; i < n; ++i) x->grad()[i] += out->grad()[i] * mask[i];
  });
  return out;
}

template <typename T>
Tensor<T>* MaskedFill(Tape<T>& tape, Tensor<T>* x,
                      absl::Span<const uint8_t> mask, T value) {
  const int64_t n = x->size();
  const int64_t m = static_cast<int64_t>(mask.size());
  TF_CHECK(m > 0 && n % m == 0);
  Tensor<T>* out = tape.NewTensor(x->shape(), x->requires_grad());
  for (int64_t i = 0; i < n; ++i) {
    out->data()[i] = mask[i % m] ? value : x->data()[i];
  }
  // Copied: the caller's mask need not outlive the step.
  std::vector<uint8_t> kept(mask.begin(), mask.end());
  tape.SetBackward(out, [x, out, kept = std::move(kept), n, m] {
    for (int64_t i = 0; i < n; ++i) {
      if (!kept[i % m]) x->grad()[i] += out->grad()[i];
    }
  });
  return out;
}

#define TF_INSTANTIATE(T)                                              \
  template Tensor<T>* Add(Tape<T>&, Tensor<T>*, Tensor<T>*);           \
  template Tensor<T>* Mul(Tape<T>&, Tensor<T>*, Tensor<T>*);           \
  template Tensor<T>* Scale(Tape<T>&, Tensor<T>*, T);                  \
  template Tensor<T>* BroadcastTo(Tape<T>&, Tensor<T>*, const Shape&); \
  template Tensor<T>* Exp(Tape<T>&, Tensor<T>*);                       \
  template Tensor<T>* Log(Tape<T>&, Tensor<T>*);                       \
  template Tensor<T>* Tanh(Tape<T>&, Tensor<T>*);                      \
  template Tensor<T>* Sigmoid(Tape<T>&, Tensor<T>*);                   \
  template Tensor<T>* Silu(Tape<T>&, Tensor<T>*);                      \
  template Tensor<T>* Gelu(Tape<T>&, Tensor<T>*);                      \
  template Tensor<T>* Dropout(Tape<T>&, Tensor<T>*, double, uint64_t); \
  template Tensor<T>* MaskedFill(Tape<T>&, Tensor<T>*,                 \
                                 absl::Span<const uint8_t>, T);
TF_INSTANTIATE(float)
TF_INSTANTIATE(double)
#undef TF_INSTANTIATE

}  // namespace tokenforge
