#include "util/build_info.h"

namespace fd {

std::string VersionText() {
  const BuildInfo& b = GetBuildInfo();
  std::string out = "fargate-doctor ";
  out.append(b.version).append("\ncommit ").append(b.commit);
  out.append("\nbuild ").append(b.build_type).append(", ").append(b.compiler).append(", ");
  out.append(b.linkage).append(", ").append(b.allocator);
  out.append("\nreport schema ").append(kReportSchema);
  return out;
}

}  // namespace fd
