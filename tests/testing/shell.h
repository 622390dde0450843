#pragma once
/// Running commands and the scenario snapshots from tests that drive the binary or outside tools
/// (SARIF schema, HTML in Chromium, Mermaid's parser): shell quoting, one command's exit code
/// and stdout, every scenario folder, and the fargate-doctor command that diagnoses one as the
/// scenario suite does (in its folder, with expect.json's "args"). Header-only, test code.

#include <sys/wait.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace fd::testing {

/// `s` in single quotes for /bin/sh.
inline std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

/// Runs a shell command; returns its exit code (-1 when it did not exit) and its stdout.
inline int Shell(const std::string& command, std::string* out = nullptr) {
  FILE* p = popen(command.c_str(), "r");
  if (p == nullptr) return -1;
  std::string text;
  char buf[4096];
  while (size_t n = fread(buf, 1, sizeof buf, p)) text.append(buf, n);
  int status = pclose(p);
  if (out != nullptr) *out = text;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

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
