#include "common/parallel.h"

#include <atomic>
#include <vector>

#include "gtest/gtest.h"

namespace tokenforge {
namespace {

TEST(ParallelTest, VisitsEveryIndexOnceForAnyThreadCount) {
  for (int threads : {0, 1, 2, 3, 8}) {
    std::vector<int> hits(1000, 0);
    ParallelFor(hits.size(), threads, [&](size_t i) { hits[i] += 1; });
    for (size_t i = 0; i < hits.size(); ++i) ASSERT_EQ(hits[i], 1) << i;
  }
}

TEST(ParallelTest, ZeroIterationsCallsNothing) {
  std::atomic<int> calls{0};
  ParallelFor(0, 2, [&](size_t) { ++calls; });
  EXPECT_EQ(calls.load(), 0);
}

}  // namespace
}  // namespace tokenforge
