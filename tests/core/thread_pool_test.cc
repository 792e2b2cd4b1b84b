#include "core/thread_pool.h"

#include <gtest/gtest.h>

#include <atomic>

namespace aigis {
namespace {

TEST(ThreadPoolTest, RunsEveryTaskAndWaits) {
  std::atomic<int> sum{0};
  ThreadPool pool(2);
  for (int i = 1; i <= 1000; ++i) pool.Submit([&sum, i] { sum += i; });
  pool.Wait();
  EXPECT_EQ(sum.load(), 500500);
  pool.Submit([&sum] { sum += 1; });
  pool.Wait();
  EXPECT_EQ(sum.load(), 500501);
}

}  // namespace
}  // namespace aigis
