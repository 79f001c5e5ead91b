// model/gemm.cc

#include "model/gemm.h"

#include <algorithm>
#include <vector>

#include "common/parallel.h"
#include "common/status_macros.h"

#if defined(TF_HAVE_CBLAS)
#include <cblas.h>
#include <dlfcn.h>

#include <cstdlib>
#endif

namespace tokenforge {
namespace {

// Products below this many multiply-adds run as one call: a thread hand-off
// costs more than it saves (model.md 4.2, small GEMMs).
constexpr int64_t kMinParallelWork = 1 << 20;
// Rows per shard. The shard count depends only on M, never on the thread
// count, so results are identical for every num_threads (STYLE.md 4.6).
constexpr int64_t kShardRows = 64;

template <typename T>
T OpA(const T* A, int64_t lda, bool trans, int64_t i, int64_t k) {
  return trans ? A[k * lda + i] : A[i * lda + k];
}

// The built-in kernel, one row block. For each panel of kCols columns,
// op(B) is packed as a contiguous (K, kCols) panel (rows of a row-major B
// are N apart, which at N = 1024 makes every row alias in the cache), then
// a tile of kRows rows of C accumulates over all of K in a local array:
// each loaded panel row is used kRows times, and the inner loop runs along
// contiguous columns, so it vectorizes without reassociating (no
// -ffast-math). Each element of C sums its K products in order, so the
// result is deterministic.
template <typename T>
void FallbackBlock(bool trans_a, bool trans_b, int64_t M, int64_t N, int64_t K,
                   T alpha, const T* A, int64_t lda, const T* B, int64_t ldb,
                   T beta, T* C, int64_t ldc) {
  constexpr int64_t kRows = 4;
  constexpr int64_t kCols = 256 / sizeof(T);  // 64 floats, 32 doubles.
  std::vector<T> panel(K * kCols, T(0));
  alignas(64) T acc[kRows][kCols];
  for (int64_t j0 = 0; j0 < N; j0 += kCols) {
    const int64_t cols = std::min(kCols, N - j0);
    for (int64_t k = 0; k < K; ++k) {
      for (int64_t j = 0; j < cols; ++j) {
        panel[k * kCols + j] =
            trans_b ? B[(j0 + j) * ldb + k] : B[k * ldb + j0 + j];
      }
    }
    for (int64_t i0 = 0; i0 < M; i0 += kRows) {
      const int64_t rows = std::min(kRows, M - i0);
      for (auto& row : acc) std::fill(row, row + kCols, T(0));
      for (int64_t k = 0; k < K; ++k) {
        T a[kRows];
        for (int64_t r = 0; r < kRows; ++r) {
          a[r] = r < rows ? OpA(A, lda, trans_a, i0 + r, k) : T(0);
        }
        // Full kCols always: padding columns of the panel hold zeros.
        const T* p = panel.data() + k * kCols;
        for (int64_t r = 0; r < kRows; ++r) {
          for (int64_t j = 0; j < kCols; ++j) acc[r][j] += a[r] * p[j];
        }
      }
      for (int64_t r = 0; r < rows; ++r) {
        T* c = C + (i0 + r) * ldc + j0;
        for (int64_t j = 0; j < cols; ++j) {
          c[j] = beta == T(0) ? alpha * acc[r][j]
                              : alpha * acc[r][j] + beta * c[j];
        }
      }
    }
  }
}

#if defined(TF_HAVE_CBLAS)
// The BLAS is opened on first use instead of being linked. Linked, OpenBLAS's
// constructor starts a thread pool in every process, and its idle workers
// spin in sched_yield for ~0.1 s of CPU before they sleep: a third of the
// CPU of a small Unigram training, in a command that never multiplies a
// matrix. Opened here with OPENBLAS_NUM_THREADS=1 it starts no threads;
// every call below is one shard on one thread anyway (our threads split the
// rows). If it cannot be opened, the built-in kernel serves.
struct BlasFunctions {
  decltype(&cblas_sgemm) sgemm = nullptr;
  decltype(&cblas_dgemm) dgemm = nullptr;
};

const BlasFunctions& Blas() {
  static const BlasFunctions blas = [] {
    BlasFunctions functions;
    setenv("OPENBLAS_NUM_THREADS", "1", /*overwrite=*/1);
    for (const char* name : {TF_BLAS_SONAME, TF_BLAS_LIBRARY}) {
      void* handle = dlopen(name, RTLD_NOW | RTLD_LOCAL);
      if (handle == nullptr) continue;
      functions.sgemm = reinterpret_cast<decltype(&cblas_sgemm)>(dlsym(handle, "cblas_sgemm"));
      functions.dgemm = reinterpret_cast<decltype(&cblas_dgemm)>(dlsym(handle, "cblas_dgemm"));
      if (functions.sgemm != nullptr && functions.dgemm != nullptr) break;
      functions = BlasFunctions();
    }
    return functions;
  }();
  return blas;
}

void BlasBlock(bool ta, bool tb, int64_t M, int64_t N, int64_t K, float alpha,
               const float* A, int64_t lda, const float* B, int64_t ldb,
               float beta, float* C, int64_t ldc) {
  Blas().sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans,
               tb ? CblasTrans : CblasNoTrans, M, N, K, alpha, A, lda, B, ldb,
               beta, C, ldc);
}
void BlasBlock(bool ta, bool tb, int64_t M, int64_t N, int64_t K, double alpha,
               const double* A, int64_t lda, const double* B, int64_t ldb,
               double beta, double* C, int64_t ldc) {
  Blas().dgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans,
               tb ? CblasTrans : CblasNoTrans, M, N, K, alpha, A, lda, B, ldb,
               beta, C, ldc);
}
#endif  // TF_HAVE_CBLAS

// Splits the rows of C into fixed shards and runs `block` on each.
template <typename T, typename BlockFn>
void Sharded(bool trans_a, int64_t M, int64_t N, int64_t K, const T* A,
             int64_t lda, T* C, int64_t ldc, int num_threads, BlockFn&& block) {
  const int64_t shards = (M + kShardRows - 1) / kShardRows;
  if (M * N * K < kMinParallelWork || shards < 2 || num_threads == 1) {
    block(0, M, A, C);
    return;
  }
  ParallelFor(static_cast<size_t>(shards), num_threads, [&](size_t s) {
    const int64_t i0 = static_cast<int64_t>(s) * kShardRows;
    const int64_t rows = std::min(kShardRows, M - i0);
    // Row i of op(A) is column i of A when transposed.
    const T* a = trans_a ? A + i0 : A + i0 * lda;
    block(i0, rows, a, C + i0 * ldc);
  });
}

}  // namespace

template <typename T>
void GemmFallback(bool trans_a, bool trans_b, int64_t M, int64_t N, int64_t K,
                  T alpha, const T* A, int64_t lda, const T* B, int64_t ldb,
                  T beta, T* C, int64_t ldc, int num_threads) {
  Sharded<T>(trans_a, M, N, K, A, lda, C, ldc, num_threads,
             [&](int64_t, int64_t rows, const T* a, T* c) {
               FallbackBlock(trans_a, trans_b, rows, N, K, alpha, a, lda, B,
                             ldb, beta, c, ldc);
             });
}

template <typename T>
void Gemm(bool trans_a, bool trans_b, int64_t M, int64_t N, int64_t K, T alpha,
          const T* A, int64_t lda, const T* B, int64_t ldb, T beta, T* C,
          int64_t ldc, int num_threads) {
  TF_CHECK(M >= 0 && N >= 0 && K >= 0);
  if (M == 0 || N == 0) return;
#if defined(TF_HAVE_CBLAS)
  if (Blas().sgemm == nullptr) {
    GemmFallback(trans_a, trans_b, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc,
                 num_threads);
    return;
  }
  Sharded<T>(trans_a, M, N, K, A, lda, C, ldc, num_threads,
             [&](int64_t, int64_t rows, const T* a, T* c) {
               BlasBlock(trans_a, trans_b, rows, N, K, alpha, a, lda, B, ldb,
                         beta, c, ldc);
             });
#else
  GemmFallback(trans_a, trans_b, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc,
               num_threads);
#endif
}

const char* GemmBackendName() {
#if defined(TF_HAVE_CBLAS)
  if (Blas().sgemm != nullptr) return "openblas";
#endif
  return "builtin";
}

#define TF_INSTANTIATE_GEMM(T)                                               \
  template void Gemm<T>(bool, bool, int64_t, int64_t, int64_t, T, const T*,  \
                        int64_t, const T*, int64_t, T, T*, int64_t, int);    \
  template void GemmFallback<T>(bool, bool, int64_t, int64_t, int64_t, T,    \
                                const T*, int64_t, const T*, int64_t, T, T*, \
                                int64_t, int);
TF_INSTANTIATE_GEMM(float)
TF_INSTANTIATE_GEMM(double)
#undef TF_INSTANTIATE_GEMM

}  // namespace tokenforge
