#pragma once
/// Work split into numbered pieces, done on several threads and handed back in order: the
/// engine's chunks of targets, the JSON writer's blocks of targets. The calling thread takes
/// each result as soon as it and every earlier one are done, so results never pile up beyond
/// a window however many pieces there are.

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace fd {

/// Calls produce(i, worker) for every i in [0, n) on `threads` threads, the calling thread and
/// threads - 1 others (worker in [0, threads): a worker's own state may be indexed by it), and
/// consume(std::move(result)) on the calling thread in order of i. The calling thread produces
/// too whenever the next result is not ready. At most `window` results are produced ahead of
/// the one consumed. An exception thrown by produce or consume stops the work and is rethrown
/// here. With threads <= 1 it runs everything on the calling thread.
template <typename Produce, typename Consume>
void OrderedParallel(std::size_t n, std::size_t threads, std::size_t window, Produce produce,
                     Consume consume) {
  using Result = decltype(produce(std::size_t{0}, std::size_t{0}));
  if (threads <= 1 || n <= 1) {
    for (std::size_t i = 0; i < n; ++i) consume(produce(i, 0));
    return;
  }
  window = std::max<std::size_t>(window, threads);
  std::mutex mutex;
  std::condition_variable ready, space;
  std::vector<std::optional<Result>> slots(window);
  std::size_t claimed = 0, consumed = 0;
  bool stop = false;
  std::exception_ptr error;

  // Produces piece `i` (claimed under the lock, which is released meanwhile) into its slot.
  auto make = [&](std::unique_lock<std::mutex>& lock, std::size_t i, std::size_t worker) {
    lock.unlock();
    try {
      Result r = produce(i, worker);
      lock.lock();
      slots[i % window].emplace(std::move(r));
    } catch (...) {
      lock.lock();
      if (!error) error = std::current_exception();
      stop = true;
    }
    ready.notify_all();
  };
  auto work = [&](std::size_t worker) {
    std::unique_lock<std::mutex> lock(mutex);
    while (true) {
      space.wait(lock, [&] { return stop || claimed >= n || claimed < consumed + window; });
      if (stop || claimed >= n) return;
      make(lock, claimed++, worker);
    }
  };

  std::vector<std::jthread> pool;
  pool.reserve(threads - 1);
  for (std::size_t k = 0; k + 1 < threads; ++k) pool.emplace_back(work, k);
  auto halt = [&] {
    {
      std::lock_guard<std::mutex> lock(mutex);
      stop = true;
    }
    space.notify_all();
    pool.clear();  // joins
  };
  for (std::size_t i = 0; i < n; ++i) {
    std::optional<Result> r;
    {
      std::unique_lock<std::mutex> lock(mutex);
      while (!stop && !slots[i % window].has_value()) {
        // Rather than wait, make the next piece when the window allows.
        if (claimed < n && claimed < consumed + window) make(lock, claimed++, threads - 1);
        else ready.wait(lock);
      }
      if (!slots[i % window]) break;  // stopped by an error
      r = std::move(slots[i % window]);
      slots[i % window].reset();
      ++consumed;
    }
    space.notify_all();
    try {
      consume(std::move(*r));
    } catch (...) {
      halt();
      throw;
    }
  }
  halt();
  if (error) std::rethrow_exception(error);
}

}  // namespace fd
