// model/op_util.h
//
// Internal helpers shared by the ops_*.cc kernels. Not part of the API.

#ifndef TOKENFORGE_MODEL_OP_UTIL_H_
#define TOKENFORGE_MODEL_OP_UTIL_H_

#include <algorithm>
#include <cstdint>

#include "absl/functional/function_ref.h"
#include "common/parallel.h"
#include "common/status_macros.h"
#include "model/tensor.h"

namespace tokenforge::internal {

// Calls fn(begin, end) over [0, rows) in chunks of about kMinWork units of
// work. Row results never depend on the chunking, so the output is the same
// for every thread count. Small problems run inline: at d = 64..128 a
// thread hand-off costs more than most row ops.
inline void ParallelRows(int64_t rows, int64_t work_per_row, int num_threads,
                         absl::FunctionRef<void(int64_t, int64_t)> fn) {
  constexpr int64_t kMinWork = 1 << 16;
  const int64_t chunk =
      std::max<int64_t>(1, kMinWork / std::max<int64_t>(1, work_per_row));
  const int64_t shards = (rows + chunk - 1) / chunk;
  if (shards <= 1 || num_threads == 1) {
    fn(0, rows);
    return;
  }
  ParallelFor(static_cast<size_t>(shards), num_threads, [&](size_t s) {
    const int64_t begin = static_cast<int64_t>(s) * chunk;
    fn(begin, std::min(rows, begin + chunk));
  });
}

// Returns true if `suffix` equals the trailing dims of `shape`.
inline bool IsSuffix(const Shape& suffix, const Shape& shape) {
  if (suffix.rank() > shape.rank()) return false;
  for (int i = 1; i <= suffix.rank(); ++i) {
    if (suffix.dim(-i) != shape.dim(-i)) return false;
  }
  return true;
}

template <typename T>
bool AnyGrad(Tensor<T>* a, Tensor<T>* b = nullptr, Tensor<T>* c = nullptr) {
  return (a != nullptr && a->requires_grad()) ||
         (b != nullptr && b->requires_grad()) ||
         (c != nullptr && c->requires_grad());
}

}  // namespace tokenforge::internal

#endif  // TOKENFORGE_MODEL_OP_UTIL_H_
