// common/parallel.h
//
// The project's only door to OpenMP (STYLE.md 4.6). Callers pass a function
// of the index; common/parallel.cc is the single file with "#pragma omp", so
// no other target needs OpenMP flags. Builds and behaves identically (only
// slower) without OpenMP.
//
//   std::vector<Result> results(shards);
//   ParallelFor(shards, num_threads, [&](size_t i) { results[i] = Work(i); });

#ifndef TOKENFORGE_COMMON_PARALLEL_H_
#define TOKENFORGE_COMMON_PARALLEL_H_

#include <cstddef>

#include "absl/functional/function_ref.h"

namespace tokenforge {

// Calls fn(i) for every i in [0, n) on up to num_threads threads (0 means the
// OpenMP default, normally the number of cores). Iterations must be
// independent: each writes only to state owned by its index. fn must not
// throw. Indices are handed out dynamically, one at a time.
void ParallelFor(size_t n, int num_threads, absl::FunctionRef<void(size_t)> fn);

// Returns the number of threads ParallelFor would use for num_threads == 0.
int DefaultNumThreads();

}  // namespace tokenforge

#endif  // TOKENFORGE_COMMON_PARALLEL_H_
