#pragma once
/// The bundled example snapshot (examples/demo/), embedded at build time so `fargate-doctor
/// demo` needs neither AWS nor the source tree.

#include <string>
#include <vector>

namespace fd::cli {

struct DemoFile {
  std::string name;     ///< path relative to examples/demo/
  std::string content;  ///< the JSON text
};

const std::vector<DemoFile>& DemoSnapshot();

}  // namespace fd::cli
