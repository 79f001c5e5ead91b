// model/ops_matmul.cc
//
// Matrix products over model/gemm.h. For Y = op(A) op(B):
//   dA += dY op(B)^T (transposed back when A was used transposed)
//   dB += op(A)^T dY (likewise)
// All three layouts go through Gemm's transpose flags; nothing is copied.

#include "model/gemm.h"
#include "model/op_util.h"
#include "model/ops.h"

namespace tokenforge {

template <typename T>
Tensor<T>* MatMul(Tape<T>& tape, Tensor<T>* a, Tensor<T>* b, bool trans_a,
                  bool trans_b) {
  TF_CHECK(b->shape().rank() == 2);
  TF_CHECK(!trans_a || a->shape().rank() == 2);
  const int64_t a_rows = a->shape().rows(), a_cols = a->shape().last();
  const int64_t M = trans_a ? a_cols : a_rows;
  const int64_t K = trans_a ? a_rows : a_cols;
  const int64_t N = trans_b ? b->shape().dim(0) : b->shape().dim(1);
  const int64_t b_k = trans_b ? b->shape().dim(1) : b->shape().dim(0);
  TF_CHECK(K == b_k);
  std::vector<int64_t> dims = a->shape().dims();
  if (trans_a) dims[0] = M;
  dims.back() = N;
  Tensor<T>* out = tape.NewTensor(Shape(dims), internal::AnyGrad(a, b));
  const int threads = tape.num_threads();
  const int64_t lda = a_cols, ldb = b->shape().dim(1);
  Gemm<T>(trans_a, trans_b, M, N, K, T(1), a->data(), lda, b->data(), ldb, T(0),
          out->data(), N, threads);
  tape.SetBackward(out, [=] {
    const T* dy = out->grad();  // (M, N)
    if (a->requires_grad()) {
      if (!trans_a) {  // dA (M, K) += dY op(B)^T
        Gemm<T>(false, !trans_b, M, K, N, T(1), dy, N, b->data(), ldb, T(1),
                a->grad(), lda, threads);
      } else {  // dA (K, M) += op(B) dY^T
        Gemm<T>(trans_b, true, K, M, N, T(1), b->data(), ldb, dy, N, T(1),
                a->grad(), lda, threads);
      }
    }
    if (b->requires_grad()) {
      if (!trans_b) {  // dB (K, N) += op(A)^T dY
        Gemm<T>(!trans_a, false, K, N, M, T(1), a->data(), lda, dy, N, T(1),
                b->grad(), ldb, threads);
      } else {  // dB (N, K) += dY^T op(A)
        Gemm<T>(true, trans_a, N, K, M, T(1), dy, N, a->data(), lda, T(1),
                b->grad(), ldb, threads);
      }
    }
  });
  return out;
}

template <typename T>
Tensor<T>* Linear(Tape<T>& tape, Tensor<T>* x, Tensor<T>* w, Tensor<T>* bias) {
  Tensor<T>* y = MatMul(tape, x, w, /*trans_a=*/false, /*trans_b=*/true);
  return bias == nullptr ? y : Add(tape, y, bias);
}

#define TF_INSTANTIATE(T)                                                   \
  template Tensor<T>* MatMul(Tape<T>&, Tensor<T>*, Tensor<T>*, bool, bool); \
  template Tensor<T>* Linear(Tape<T>&, Tensor<T>*, Tensor<T>*, Tensor<T>*);
TF_INSTANTIATE(float)
TF_INSTANTIATE(double)
#undef TF_INSTANTIATE

}  // namespace tokenforge
