#include "util/cpus.h"

#include <sched.h>

#include <algorithm>
#include <thread>

namespace fd {

std::size_t UsableCpus() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (::sched_getaffinity(0, sizeof set, &set) == 0) {
    const int n = CPU_COUNT(&set);
    if (n > 0) return static_cast<std::size_t>(n);
  }
  const unsigned n = std::thread::hardware_concurrency();
  return n > 0 ? n : 1;
}

std::size_t ThreadsFor(std::size_t pieces) {
  return std::max<std::size_t>(1, std::min({UsableCpus(), kMaxThreads, pieces}));
}

}  // namespace fd
