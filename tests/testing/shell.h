#pragma once
/// Running commands from the tests that drive the binary or outside tools (shells, packaging,
/// the SARIF schema, Chromium, Mermaid's parser), and the scenario snapshots they run over:
/// one command's stdout and exit code, shell quoting, every scenario folder, and the
/// fargate-doctor command that diagnoses one as the scenario suite does. Header-only, test code.

#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "util/strings.h"

namespace fd::testing {

/// Runs `cmd` with /bin/sh and returns what it wrote to stdout (add 2>&1 for stderr too). The
/// exit code goes to *rc: the command's, or -1 when it could not run or was killed.
inline std::string ShellOutput(const std::string& cmd, int* rc = nullptr) {
  std::string out;
  if (rc != nullptr) *rc = -1;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (p == nullptr) return out;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  const int status = ::pclose(p);
  if (rc != nullptr) *rc = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

/// The same, returning the exit code and storing stdout in *out.
inline int Shell(const std::string& command, std::string* out = nullptr) {
  int rc = -1;
  std::string text = ShellOutput(command, &rc);
  if (out != nullptr) *out = std::move(text);
  return rc;
}

/// `s` in single quotes for /bin/sh.
inline std::string Quote(const std::string& s) { return util::SingleQuote(s); }

/// tests/scenarios/<name>/snapshot of every scenario, sorted.
inline std::vector<std::filesystem::path> ScenarioSnapshots() {
  namespace fs = std::filesystem;
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(fs::path(FD_SOURCE_DIR) / "tests/scenarios", ec))
    if (fs::is_directory(e.path() / "snapshot")) out.push_back(e.path() / "snapshot");
  std::sort(out.begin(), out.end());
  return out;
}

/// The shell command that diagnoses the scenario of `snapshot` as the scenario suite does: in
/// its folder, with expect.json's "args" ({dir} = the folder); `tail` is appended (format,
/// output, redirections).
inline std::string DiagnoseScenarioCommand(const std::filesystem::path& snapshot,
                                           const std::string& tail) {
  std::string args;
  std::ifstream expect_in(snapshot.parent_path() / "expect.json");
  const nlohmann::json expect = nlohmann::json::parse(expect_in, nullptr, false);
  if (!expect.is_discarded() && expect.contains("args")) {
    for (const nlohmann::json& a : expect["args"]) {
      std::string v = a.get<std::string>();
      for (size_t p = v.find("{dir}"); p != std::string::npos; p = v.find("{dir}", p + 1))
        v.replace(p, 5, ".");
      args += " " + Quote(v);
    }
  }
  return "cd " + Quote(snapshot.parent_path().string()) + " && " + Quote(FD_BINARY) +
         " diagnose snapshot" + args + " " + tail;
}

}  // namespace fd::testing
