#pragma once
/// How many threads a run may keep busy: the CPUs this process may run on (its affinity mask,
/// which `taskset` and container cpusets narrow), not the machine's count.

#include <cstddef>

namespace fd {

/// At least 1.
std::size_t UsableCpus();

/// The most threads a run starts, however many CPUs it may use.
inline constexpr std::size_t kMaxThreads = 8;

/// The threads worth starting for work in `pieces` independent pieces: the usable CPUs, at most
/// kMaxThreads, and no more than the pieces (at least 1).
std::size_t ThreadsFor(std::size_t pieces);

}  // namespace fd
