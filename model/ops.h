// model/ops.h
//
// Differentiable tensor operations on a Tape<T> (model/tensor.h). Each op
// computes its output now and records a backward function that accumulates
// (+=) into the gradients of its inputs. Kernels live beside their backward
// in ops_*.cc, grouped by family:
//
//   ops_elementwise.cc  Add Mul Scale BroadcastTo Exp Log Tanh Sigmoid Silu
//                       Gelu Dropout MaskedFill
//   ops_shape.cc        Reshape Slice Concat Sum Mean
//   ops_matmul.cc       MatMul Linear (through model/gemm.h)
//   ops_norm.cc         RmsNorm LayerNorm
//   ops_softmax.cc      Softmax LogSoftmax SoftmaxCrossEntropy Embedding
//   ops_attention.cc    Rope CausalSelfAttention (+ T5 relative bias)
//
// Shape names used in the comments: B batch, T time, C channels, V vocab,
// NH heads, hs = C / NH head size. "Last dim" ops treat a tensor as
// (rows, last). Broadcasting is suffix broadcasting only: b may have the
// shape of a trailing part of a's shape (a bias over rows).

#ifndef TOKENFORGE_MODEL_OPS_H_
#define TOKENFORGE_MODEL_OPS_H_

#include <cstdint>
#include <vector>

#include "absl/types/span.h"
#include "model/tensor.h"

namespace tokenforge {

using TokenId = int32_t;

// ---- Elementwise (ops_elementwise.cc) --------------------------------------

// a + b, b equal to a's shape or a suffix of it (broadcast over rows).
template <typename T>
Tensor<T>* Add(Tape<T>& tape, Tensor<T>* a, Tensor<T>* b);
// a * b elementwise, same broadcasting as Add.
template <typename T>
Tensor<T>* Mul(Tape<T>& tape, Tensor<T>* a, Tensor<T>* b);
// s * a.
template <typename T>
Tensor<T>* Scale(Tape<T>& tape, Tensor<T>* a, T s);
// Repeats x over leading dims to `shape`. REQUIRES: x.shape is a suffix.
template <typename T>
Tensor<T>* BroadcastTo(Tape<T>& tape, Tensor<T>* x, const Shape& shape);

template <typename T>
Tensor<T>* Exp(Tape<T>& tape, Tensor<T>* x);
// Natural log. REQUIRES: x > 0.
template <typename T>
Tensor<T>* Log(Tape<T>& tape, Tensor<T>* x);
template <typename T>
Tensor<T>* Tanh(Tape<T>& tape, Tensor<T>* x);
template <typename T>
Tensor<T>* Sigmoid(Tape<T>& tape, Tensor<T>* x);
// SiLU(z) = z sigmoid(z); SiLU'(z) = s (1 + z (1 - s)) (model.md 3.3).
template <typename T>
Tensor<T>* Silu(Tape<T>& tape, Tensor<T>* x);
// GELU, tanh approximation (GPT-2, nanoGPT's nn.GELU(approximate='tanh')
// differs from nanoGPT's exact erf only by < 1e-3).
template <typename T>
Tensor<T>* Gelu(Tape<T>& tape, Tensor<T>* x);

// Inverted dropout: zeroes each element with probability p and scales the
// rest by 1/(1-p). The mask is a pure function of `seed` and the element
// index, so it is reproducible. p == 0 returns x itself.
template <typename T>
Tensor<T>* Dropout(Tape<T>& tape, Tensor<T>* x, double p, uint64_t seed);

// Sets x to `value` where mask != 0. mask covers a suffix of x's shape
// (e.g. (T, T) for scores (B, NH, T, T)) and broadcasts over the rest. No
// gradient flows through filled positions.
template <typename T>
Tensor<T>* MaskedFill(Tape<T>& tape, Tensor<T>* x,
                      absl::Span<const uint8_t> mask, T value);

// ---- Shape (ops_shape.cc) ---------------------------------------------------

// A view with another shape; shares data and gradient.
template <typename T>
Tensor<T>* Reshape(Tape<T>& tape, Tensor<T>* x, const Shape& shape);
// Columns [begin, end) of the last dim.
template <typename T>
Tensor<T>* Slice(Tape<T>& tape, Tensor<T>* x, int64_t begin, int64_t end);
// Concatenation along the last dim. REQUIRES: equal leading dims.
template <typename T>
Tensor<T>* Concat(Tape<T>& tape, const std::vector<Tensor<T>*>& parts);
// Sum (mean) of all elements, a scalar.
template <typename T>
Tensor<T>* Sum(Tape<T>& tape, Tensor<T>* x);
template <typename T>
Tensor<T>* Mean(Tape<T>& tape, Tensor<T>* x);

// ---- Matrix products (ops_matmul.cc) ----------------------------------------

// op(a) op(b) for 2-D a, b: (M, K) x (K, N) -> (M, N), where op transposes
// when asked. Without trans_a, a may have leading dims (flattened to rows).
template <typename T>
Tensor<T>* MatMul(Tape<T>& tape, Tensor<T>* a, Tensor<T>* b, bool trans_a,
                  bool trans_b);
// x (..., K), w (N, K), bias (N) or null -> x w^T + bias (..., N).
template <typename T>
Tensor<T>* Linear(Tape<T>& tape, Tensor<T>* x, Tensor<T>* w, Tensor<T>* bias);

// ---- Normalization (ops_norm.cc)
// ---------------------------------------------

// Zhang & Sennrich 2019: y = x / sqrt(mean(x^2) + eps) * g over the last dim.
template <typename T>
Tensor<T>* RmsNorm(Tape<T>& tape, Tensor<T>* x, Tensor<T>* g, T eps);
// y = (x - mean) / sqrt(var + eps) * g + b over the last dim; b may be null.
template <typename T>
Tensor<T>* LayerNorm(Tape<T>& tape, Tensor<T>* x, Tensor<T>* g, Tensor<T>* b,
                     T eps);

// ---- Softmax family and embeddings (ops_softmax.cc)
// --------------------------

// Over the last dim, max-shifted (model.md 3.9).
template <typename T>
Tensor<T>* Softmax(Tape<T>& tape, Tensor<T>* x);
// x - max - log(sum(exp(x - max))).
template <typename T>
Tensor<T>* LogSoftmax(Tape<T>& tape, Tensor<T>* x);
// Mean over rows of LSE(logits[r]) - logits[r, targets[r]]; the gradient is
// (softmax - onehot) / rows, never formed through log(softmax). When
// row_losses is not null it receives each row's loss in nats (for exact
// evaluation sums in double).
// logits: (..., V)  targets: rows of logits, each in [0, V).
template <typename T>
Tensor<T>* SoftmaxCrossEntropy(Tape<T>& tape, Tensor<T>* logits,
                               absl::Span<const TokenId> targets,
                               std::vector<double>* row_losses = nullptr);
// Gathers rows of table (V, C) -> (shape..., C); backward scatter-adds.
// REQUIRES: every id in [0, V) and ids.size() == shape.size().
template <typename T>
Tensor<T>* Embedding(Tape<T>& tape, Tensor<T>* table,
                     absl::Span<const TokenId> ids, const Shape& shape);

// ---- Attention (ops_attention.cc) -------------------------------------------

// Rotary position embedding (Su et al. 2021), the interleaved variant of
// Meta's Llama and llama2.c (model.md 3.4): within each head, the pair
// (x[2i], x[2i+1]) at position t rotates by t * base^(-2i/hs).
// x: (B, T, C) with C = NH * hs, hs even.
template <typename T>
Tensor<T>* Rope(Tape<T>& tape, Tensor<T>* x, int n_head, double base);

// Multi-head causal self-attention, fused: per head,
//   softmax(q k^T / sqrt(hs) + bias + causal mask) v.
// q, k, v: (B, T, C) -> out (B, T, C). rel_bias: null or the T5 relative
// position bias table (num_buckets, NH) (model.md 3.5, causal bucketing).
// Runs over B x NH in parallel on tape.num_threads() threads.
template <typename T>
Tensor<T>* CausalSelfAttention(Tape<T>& tape, Tensor<T>* q, Tensor<T>* k,
                               Tensor<T>* v, int n_head, Tensor<T>* rel_bias,
                               int max_distance);

// T5's causal bucket of the distance i - j >= 0 (Raffel et al. 2020;
// transformers modeling_t5.py, bidirectional=False): distances below
// num_buckets / 2 get their own bucket, larger ones are log-spaced up to
// max_distance and clamped to the last bucket.
int RelativePositionBucket(int64_t distance, int num_buckets, int max_distance);

}  // namespace tokenforge

#endif  // TOKENFORGE_MODEL_OPS_H_
