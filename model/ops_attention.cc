// model/ops_attention.cc
//
// Rotary embeddings and fused multi-head causal self-attention.
//
// Shapes: q, k, v, out: (B, T, C), C = NH * hs; head h owns columns
// [h * hs, (h + 1) * hs) of every row. P: (B, NH, T, T) attention weights,
// kept in the arena for the backward (T <= a few hundred here).
//
// Per (b, h) the products are GEMMs on strided head blocks (lda = C):
//   S = Q K^T / sqrt(hs), P = causal softmax(S + bias), O = P V;
//   dP = dO V^T, dV += P^T dO, dS = P (dP - rowsum(P dP)),
//   dQ += dS K / sqrt(hs), dK += dS^T Q / sqrt(hs).
// Computing the masked upper triangle too doubles the FLOPs, but BLAS does
// them several times faster than hand loops that skip them (hand loops
// cannot reassociate without -ffast-math; model.md 4.2). Masked weights
// are exactly 0, so dS is 0 there whatever dP holds.

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <vector>

#include "model/fast_math.h"
#include "model/gemm.h"
#include "model/op_util.h"
#include "model/ops.h"

namespace tokenforge {

int RelativePositionBucket(int64_t distance, int num_buckets,
                           int max_distance) {
  TF_CHECK(distance >= 0 && num_buckets >= 2);
  const int max_exact = num_buckets / 2;
  if (distance < max_exact) return static_cast<int>(distance);
  const double ratio = std::log(static_cast<double>(distance) / max_exact) /
                       std::log(static_cast<double>(max_distance) / max_exact);
  const int bucket =
      max_exact + static_cast<int>(ratio * (num_buckets - max_exact));
  return std::min(bucket, num_buckets - 1);
}

template <typename T>
Tensor<T>* Rope(Tape<T>& tape, Tensor<T>* x, int n_head, double base) {
  TF_CHECK(x->shape().rank() == 3);
  const int64_t B = x->shape().dim(0), Tn = x->shape().dim(1);
  const int64_t C = x->shape().dim(2), hs = C / n_head, half = hs / 2;
  TF_CHECK(hs * n_head == C && hs % 2 == 0);
  // cos/sin table (T, hs/2), computed in double then rounded.
  T* cs = tape.Allocate(2 * Tn * half);
  for (int64_t t = 0; t < Tn; ++t) {
    for (int64_t i = 0; i < half; ++i) {
      const double angle = t * std::pow(base, -2.0 * i / hs);
      cs[2 * (t * half + i)] = static_cast<T>(std::cos(angle));
      cs[2 * (t * half + i) + 1] = static_cast<T>(std::sin(angle));
    }
  }
  // Rotates every pair of (rows of) src into dst by +angle or -angle.
  auto rotate = [B, Tn, C, hs, half, n_head, cs](const T* src, T* dst, T sign,
                                                 bool accumulate) {
    for (int64_t bt = 0; bt < B * Tn; ++bt) {
      const T* tab = cs + 2 * (bt % Tn) * half;
      for (int64_t h = 0; h < n_head; ++h) {
        const T* s = src + bt * C + h * hs;
        T* d = dst + bt * C + h * hs;
        for (int64_t i = 0; i < half; ++i) {
          const T c = tab[2 * i], sn = sign * tab[2 * i + 1];
          const T a = s[2 * i], b = s[2 * i + 1];
          const T r0 = a * c - b * sn, r1 = a * sn + b * c;
          d[2 * i] = accumulate ? d[2 * i] + r0 : r0;
          d[2 * i + 1] = accumulate ? d[2 * i + 1] + r1 : r1;
        }
      }
    }
  };
  Tensor<T>* out = tape.NewTensor(x->shape(), x->requires_grad());
  rotate(x->data(), out->data(), T(1), false);
  // The rotation is orthogonal: the backward rotates by the opposite angle.
  tape.SetBackward(
      out, [x, out, rotate] { rotate(out->grad(), x->grad(), T(-1), true); });
  return out;
}

namespace {

struct AttentionDims {
  int64_t B, T, C, NH, hs;
  int num_buckets;
  const int* bucket;  // bucket[i - j] for distances 0..T-1, or null.
};

// Forward for one (b, h). q, k, v, out point at batch b's (T, C) block;
// p at this head's (T, T) weights; bias at (num_buckets, NH) or null.
template <typename T>
void AttentionHeadForward(const AttentionDims& d, int64_t h, const T* q,
                          const T* k, const T* v, const T* bias, T* p, T* out) {
  const T scale = T(1) / std::sqrt(static_cast<T>(d.hs));
  const int64_t o = h * d.hs;  // Column offset of head h.
  Gemm<T>(false, true, d.T, d.T, d.hs, scale, q + o, d.C, k + o, d.C, T(0), p,
          d.T, 1);
  for (int64_t i = 0; i < d.T; ++i) {
    T* s = p + i * d.T;
    if (bias != nullptr) {
      for (int64_t j = 0; j <= i; ++j) s[j] += bias[d.bucket[i - j] * d.NH + h];
    }
    // Causal softmax over j <= i; the diagonal is always allowed, so no
    // row is fully masked (model.md 3.9).
    const T m = *std::max_element(s, s + i + 1);
    T sum = 0;
    for (int64_t j = 0; j <= i; ++j) {
      s[j] = internal::MathExp(s[j] - m);
      sum += s[j];
    }
    const T inv = T(1) / sum;
    for (int64_t j = 0; j <= i; ++j) s[j] *= inv;
    std::fill(s + i + 1, s + d.T, T(0));
  }
  Gemm<T>(false, false, d.T, d.hs, d.T, T(1), p, d.T, v + o, d.C, T(0), out + o,
          d.C, 1);
}

// Backward for one (b, h); accumulates into dq, dk, dv (this head's
// columns of batch b only, so heads run in parallel without races) and
// into dbias, a private (num_buckets) row for this (b, h). ds: (T, T)
// scratch.
template <typename T>
void AttentionHeadBackward(const AttentionDims& d, int64_t h, const T* q,
                           const T* k, const T* v, const T* p, const T* dout,
                           T* dq, T* dk, T* dv, T* dbias, T* ds) {
  const T scale = T(1) / std::sqrt(static_cast<T>(d.hs));
  const int64_t o = h * d.hs;
  Gemm<T>(false, true, d.T, d.T, d.hs, T(1), dout + o, d.C, v + o, d.C, T(0),
          ds, d.T, 1);  // dP
  Gemm<T>(true, false, d.T, d.hs, d.T, T(1), p, d.T, dout + o, d.C, T(1),
          dv + o, d.C, 1);
  for (int64_t i = 0; i < d.T; ++i) {
    const T* pi = p + i * d.T;
    T* dsi = ds + i * d.T;
    T dot = 0;
    for (int64_t j = 0; j <= i; ++j) dot += pi[j] * dsi[j];
    for (int64_t j = 0; j <= i; ++j) dsi[j] = pi[j] * (dsi[j] - dot);
    std::fill(dsi + i + 1, dsi + d.T, T(0));
    if (dbias != nullptr) {
      for (int64_t j = 0; j <= i; ++j) dbias[d.bucket[i - j]] += dsi[j];
    }
  }
  Gemm<T>(false, false, d.T, d.hs, d.T, scale, ds, d.T, k + o, d.C, T(1),
          dq + o, d.C, 1);
  Gemm<T>(true, false, d.T, d.hs, d.T, scale, ds, d.T, q + o, d.C, T(1), dk + o,
          d.C, 1);
}

}  // namespace

template <typename T>
Tensor<T>* CausalSelfAttention(Tape<T>& tape, Tensor<T>* q, Tensor<T>* k,
                               Tensor<T>* v, int n_head, Tensor<T>* rel_bias,
                               int max_distance) {
  TF_CHECK(q->shape().rank() == 3 && q->shape() == k->shape() &&
           q->shape() == v->shape());
  AttentionDims d;
  d.B = q->shape().dim(0);
  d.T = q->shape().dim(1);
  d.C = q->shape().dim(2);
  d.NH = n_head;
  d.hs = d.C / n_head;
  TF_CHECK(d.hs * n_head == d.C);
  d.num_buckets = 0;
  d.bucket = nullptr;
  int* buckets = nullptr;
  if (rel_bias != nullptr) {
    TF_CHECK(rel_bias->shape().rank() == 2 &&
             rel_bias->shape().dim(1) == n_head);
    d.num_buckets = static_cast<int>(rel_bias->shape().dim(0));
    // Stored in the arena as T-sized slots; ints fit in any T here.
    buckets = reinterpret_cast<int*>(tape.Allocate(d.T));
    for (int64_t t = 0; t < d.T; ++t) {
      buckets[t] = RelativePositionBucket(t, d.num_buckets, max_distance);
    }
    d.bucket = buckets;
  }
  const bool grad = internal::AnyGrad(q, k, v) || internal::AnyGrad(rel_bias);
  Tensor<T>* out = tape.NewTensor(q->shape(), grad);
  const int64_t TT = d.T * d.T, TC = d.T * d.C;
  T* probs = tape.Allocate(d.B * d.NH * TT);
  const T* bias = rel_bias != nullptr ? rel_bias->data() : nullptr;
  ParallelFor(d.B * d.NH, tape.num_threads(), [&](size_t bh) {
    const int64_t b = bh / d.NH, h = bh % d.NH;
    AttentionHeadForward(d, h, q->data() + b * TC, k->data() + b * TC,
                         v->data() + b * TC, bias, probs + bh * TT,
                         out->data() + b * TC);
  });
  tape.SetBackward(out, [=, threads = tape.num_threads()] {
    // Private per-(b, h) bias gradients, summed over b in order afterwards.
    std::vector<T> dbias(rel_bias != nullptr && rel_bias->requires_grad()
                             ? d.B * d.NH * d.num_buckets
                             : 0);
    // (T, T) dP / dS scratch per (b, h); fully written before it is read.
    std::unique_ptr<T[]> ds(new T[d.B * d.NH * TT]);
    // Every input needs a gradient buffer to write into; absent ones get a
    // throwaway (rare: only in tests that freeze some inputs).
    std::vector<T> sink;
    if (!q->requires_grad() || !k->requires_grad() || !v->requires_grad()) {
      sink.assign(3 * d.B * TC, T(0));
    }
    T* dq = q->requires_grad() ? q->grad() : sink.data();
    T* dk = k->requires_grad() ? k->grad() : sink.data() + d.B * TC;
    T* dv = v->requires_grad() ? v->grad() : sink.data() + 2 * d.B * TC;
    ParallelFor(d.B * d.NH, threads, [&](size_t bh) {
      const int64_t b = bh / d.NH, h = bh % d.NH;
      AttentionHeadBackward(
          d, h, q->data() + b * TC, k->data() + b * TC, v->data() + b * TC,
          probs + bh * TT, out->grad() + b * TC, dq + b * TC, dk + b * TC,
          dv + b * TC,
          dbias.empty() ? nullptr : dbias.data() + bh * d.num_buckets,
          ds.get() + bh * TT);
    });
    if (!dbias.empty()) {
      for (int64_t bh = 0; bh < d.B * d.NH; ++bh) {
        const int64_t h = bh % d.NH;
        for (int u = 0; u < d.num_buckets; ++u) {
          rel_bias->grad()[u * d.NH + h] += dbias[bh * d.num_buckets + u];
        }
      }
    }
  });
  return out;
}

#define TF_INSTANTIATE(T)                                                   \
  template Tensor<T>* Rope(Tape<T>&, Tensor<T>*, int, double);              \
  template Tensor<T>* CausalSelfAttention(Tape<T>&, Tensor<T>*, Tensor<T>*, \
                                          Tensor<T>*, int, Tensor<T>*, int);
TF_INSTANTIATE(float)
TF_INSTANTIATE(double)
#undef TF_INSTANTIATE

}  // namespace tokenforge
