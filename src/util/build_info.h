#pragma once
/// What this binary is: its version, the commit it was built from and how it was built, for
/// `--version`, the SARIF tool record and the man page. The definition is generated at every
/// build by cmake/build_info.cmake, so the commit is the tree's, not the last configure's.

#include <string>
#include <string_view>

namespace fd {

struct BuildInfo {
  std::string_view version;     ///< SemVer of project() in CMakeLists.txt, e.g. "0.2.0"
  std::string_view commit;      ///< 12 hex digits, "-modified" when tracked files differ; "unknown"
  std::string_view build_type;  ///< CMAKE_BUILD_TYPE: Release, RelWithDebInfo, ...
  std::string_view compiler;    ///< e.g. "GNU 12.2.0"
  std::string_view linkage;     ///< "static" (make static) or "dynamic"
  std::string_view allocator;   ///< "mimalloc" or "libc malloc"
};

const BuildInfo& GetBuildInfo();

/// The schema name every JSON report carries; it changes only when a field a consumer may rely
/// on is removed, renamed or changes meaning (docs/output-formats.md says what may change).
inline constexpr std::string_view kReportSchema = "fargate-doctor/report/v1";

/// `fargate-doctor --version`: the version on the first line (what scripts parse), then the
/// commit, the build and the report schema, one per line; no final newline.
std::string VersionText();

}  // namespace fd
