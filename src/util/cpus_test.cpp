#include "util/cpus.h"

#include <sched.h>

#include <gtest/gtest.h>

#include <algorithm>

namespace fd {
namespace {

TEST(UsableCpusTest, ThreadsForIsBoundedByCpusCapAndPieces) {
  EXPECT_EQ(ThreadsFor(0), 1u);
  EXPECT_EQ(ThreadsFor(1), 1u);
  EXPECT_EQ(ThreadsFor(1000), std::min(UsableCpus(), kMaxThreads));
  EXPECT_LE(ThreadsFor(2), 2u);
}

TEST(UsableCpusTest, FollowsTheAffinityMask) {
  cpu_set_t saved;
  ASSERT_EQ(::sched_getaffinity(0, sizeof saved, &saved), 0);
  EXPECT_EQ(UsableCpus(), static_cast<std::size_t>(CPU_COUNT(&saved)));
  // Narrowed to one CPU (as `taskset -c N` does), a run uses one thread.
  cpu_set_t one;
  CPU_ZERO(&one);
  for (int c = 0; c < CPU_SETSIZE; ++c)
    if (CPU_ISSET(c, &saved)) {
      CPU_SET(c, &one);
      break;
    }
  ASSERT_EQ(::sched_setaffinity(0, sizeof one, &one), 0);
  EXPECT_EQ(UsableCpus(), 1u);
  EXPECT_EQ(ThreadsFor(100), 1u);
  ASSERT_EQ(::sched_setaffinity(0, sizeof saved, &saved), 0);
}

}  // namespace
}  // namespace fd
