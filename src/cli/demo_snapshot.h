#pragma once
/// The bundled example snapshot (examples/demo/), embedded at build time so `fargate-doctor
/// demo` needs neither AWS nor the source tree.

#include <vector>

#include "util/embedded.h"

namespace fd::cli {

const std::vector<EmbeddedFile>& DemoSnapshot();

}  // namespace fd::cli
