#include "common/parallel.h"

#include <cstdint>

#if defined(TF_HAVE_OPENMP)
#include <omp.h>
#endif

namespace tokenforge {

void ParallelFor(size_t n, int num_threads,
                 absl::FunctionRef<void(size_t)> fn) {
#if defined(TF_HAVE_OPENMP)
  const int threads = num_threads > 0 ? num_threads : omp_get_max_threads();
  if (threads <= 1 || n <= 1) {
    for (size_t i = 0; i < n; ++i) fn(i);
    return;
  }
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
  for (int64_t i = 0; i < static_cast<int64_t>(n); ++i) {
    fn(static_cast<size_t>(i));
  }
#else
  (void)num_threads;
  for (size_t i = 0; i < n; ++i) fn(i);
#endif
}

int DefaultNumThreads() {
#if defined(TF_HAVE_OPENMP)
  return omp_get_max_threads();
#else
  return 1;
#endif
}

}  // namespace tokenforge
