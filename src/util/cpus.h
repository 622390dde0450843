#pragma once
/// How many threads a run may keep busy: the CPUs this process may run on (its affinity mask,
/// which `taskset` and container cpusets narrow), not the machine's count.

#include <cstddef>

namespace fd {

/// At least 1.
std::size_t UsableCpus();

}  // namespace fd
