// OrderedParallel: results come back in order whatever thread made them, no more than the
// window is ever produced ahead of the consumer, and an exception on any thread stops the work
// and reaches the caller.
#include "util/ordered_parallel.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace fd {
namespace {

TEST(OrderedParallelTest, ResultsArriveInOrderFromEveryWorker) {
  for (size_t threads : {1u, 2u, 4u}) {
    std::vector<size_t> got;
    std::vector<std::atomic<int>> by_worker(threads);
    OrderedParallel(
        1000, threads, 8,
        [&](size_t i, size_t worker) {
          EXPECT_LT(worker, threads);
          ++by_worker[worker];
          if (i % 7 == 0) std::this_thread::sleep_for(std::chrono::microseconds(50));  // out of step
          return i * i;
        },
        [&](size_t r) { got.push_back(r); });
    ASSERT_EQ(got.size(), 1000u) << threads;
    for (size_t i = 0; i < got.size(); ++i) ASSERT_EQ(got[i], i * i) << threads;
    int total = 0;
    for (auto& n : by_worker) total += n;
    EXPECT_EQ(total, 1000);
  }
}

TEST(OrderedParallelTest, NeverMoreThanTheWindowAhead) {
  std::atomic<size_t> consumed{0};
  std::atomic<size_t> worst{0};
  OrderedParallel(
      500, 3, 4,
      [&](size_t i, size_t) {
        const size_t ahead = i - std::min(i, consumed.load());
        size_t w = worst.load();
        while (ahead > w && !worst.compare_exchange_weak(w, ahead)) {
        }
        return i;
      },
      [&](size_t) {
        std::this_thread::sleep_for(std::chrono::microseconds(20));  // a slow consumer
        ++consumed;
      });
  EXPECT_EQ(consumed.load(), 500u);
  EXPECT_LE(worst.load(), 4u);
}

TEST(OrderedParallelTest, AnExceptionInProduceOrConsumeReachesTheCaller) {
  for (size_t threads : {1u, 2u, 4u}) {
    size_t consumed = 0;
    EXPECT_THROW(OrderedParallel(
                     200, threads, 8,
                     [](size_t i, size_t) {
                       if (i == 77) throw std::runtime_error("piece 77");
                       return i;
                     },
                     [&](size_t) { ++consumed; }),
                 std::runtime_error);
    EXPECT_LE(consumed, 77u);  // nothing at or after the failed piece is consumed
    EXPECT_THROW(OrderedParallel(
                     200, threads, 8, [](size_t i, size_t) { return i; },
                     [](size_t r) {
                       if (r == 5) throw std::logic_error("consumer");
                     }),
                 std::logic_error);
  }
}

TEST(OrderedParallelTest, NoPiecesAndOnePiece) {
  int calls = 0;
  OrderedParallel(0, 4, 8, [&](size_t, size_t) { return ++calls; }, [](int) {});
  EXPECT_EQ(calls, 0);
  std::vector<std::string> got;
  OrderedParallel(1, 4, 8, [](size_t, size_t) { return std::string("only"); },
                  [&](std::string s) { got.push_back(std::move(s)); });
  EXPECT_EQ(got, std::vector<std::string>{"only"});
}

}  // namespace
}  // namespace fd
