// model/gemm.h
//
// The one matrix-product door of model/: row-major
//
//   C (M, N) = alpha * op(A) (M, K) * op(B) (K, N) + beta * C
//
// where op(X) is X or its transpose. With TF_HAVE_CBLAS (OpenBLAS found at
// configure time) this calls cblas_sgemm / cblas_dgemm; otherwise a portable
// blocked kernel in gemm.cc. Large products are cut into a fixed number of
// row shards that run through ParallelFor, each shard a single-threaded BLAS
// call, so the result does not depend on the thread count and BLAS threads
// never compete with our OpenMP threads (model.md 4.2).

#ifndef TOKENFORGE_MODEL_GEMM_H_
#define TOKENFORGE_MODEL_GEMM_H_

#include <cstdint>

namespace tokenforge {

// Computes C = alpha op(A) op(B) + beta C (row-major, leading dimensions
// lda/ldb/ldc in elements). With beta == 0, C is overwritten (NaNs in C are
// ignored). Uses up to num_threads threads (0: the default).
template <typename T>
void Gemm(bool trans_a, bool trans_b, int64_t M, int64_t N, int64_t K, T alpha,
          const T* A, int64_t lda, const T* B, int64_t ldb, T beta, T* C,
          int64_t ldc, int num_threads);

// Same contract, always through the built-in kernel (for tests and the
// fallback benchmark).
template <typename T>
void GemmFallback(bool trans_a, bool trans_b, int64_t M, int64_t N, int64_t K,
                  T alpha, const T* A, int64_t lda, const T* B, int64_t ldb,
                  T beta, T* C, int64_t ldc, int num_threads);

// Returns "openblas" (CBLAS) or "builtin".
const char* GemmBackendName();

}  // namespace tokenforge

#endif  // TOKENFORGE_MODEL_GEMM_H_
