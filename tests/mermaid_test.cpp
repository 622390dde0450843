// The Markdown report's Mermaid flowcharts, checked by Mermaid's own parser (the `mermaid`
// package, pinned in tools/mermaid-check/package-lock.json, run under node with jsdom): every
// ```mermaid block of the demo's and every scenario's Markdown must parse, and a broken block
// must be refused (so the check can fail). Without node or the npm registry the test is
// SKIPPED, loudly, with the reason; it never passes silently.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "testing/shell.h"

namespace fd {
namespace {

namespace fs = std::filesystem;
using testing::Quote;
using testing::Shell;

const fs::path kToolDir = fs::path(FD_SOURCE_DIR) / "tools/mermaid-check";

/// Installs the parser when needed; "" when ready, else why the test is skipped.
std::string Prepare(const fs::path& work) {
  if (Shell("node --version >/dev/null 2>&1") != 0)
    return "node is not installed (Debian: apt-get install nodejs npm; `make deps` does it)";
  if (fs::exists(kToolDir / "node_modules/mermaid/package.json") &&
      fs::exists(kToolDir / "node_modules/jsdom/package.json"))
    return "";
  std::string log;
  const fs::path log_file = work / "npm-ci.log";
  if (Shell("cd " + Quote(kToolDir.string()) +
            " && npm ci --no-audit --no-fund --loglevel=error >" + Quote(log_file.string()) +
            " 2>&1") != 0) {
    Shell("tail -5 " + Quote(log_file.string()), &log);
    return "`npm ci` in tools/mermaid-check failed (no registry access?), so Mermaid's parser is "
           "not "
           "installed:\n" +
           log;
  }
  return "";
}

/// Runs the checker over `files`; returns its exit code, its output in `out`.
int Check(const std::vector<std::string>& files, std::string& out) {
  std::string command = "node " + Quote((kToolDir / "check.mjs").string());
  for (const auto& f : files) command += " " + Quote(f);
  return Shell(command + " 2>&1", &out);
}

TEST(MermaidParser, EveryFlowchartOfTheMarkdownReportsParses) {
  const fs::path work = fs::temp_directory_path() / ("fd-mermaid-" + std::to_string(getpid()));
  fs::create_directories(work);
  if (const std::string why = Prepare(work); !why.empty())
    GTEST_SKIP() << "MERMAID NOT VALIDATED: " << why;

  // The checker refuses a broken flowchart: without this, a checker that passes everything
  // would pass the real reports too.
  const fs::path broken = work / "broken.md";
  std::ofstream(broken) << "```mermaid\nflowchart LR\n  n0[\"a\"b\"] --> \n```\n";
  std::string out;
  EXPECT_EQ(Check({broken.string()}, out), 1) << out;
  EXPECT_NE(out.find("block 1"), std::string::npos) << out;

  std::vector<std::string> files;
  const fs::path demo = work / "demo.md";
  Shell(Quote(FD_BINARY) + " demo --format markdown --output " + Quote(demo.string()) +
        " 2>/dev/null");
  files.push_back(demo.string());
  for (const fs::path& snap : testing::ScenarioSnapshots()) {
    const fs::path md = work / (snap.parent_path().filename().string() + ".md");
    Shell(testing::DiagnoseScenarioCommand(
        snap, "--format markdown --output " + Quote(md.string()) + " 2>/dev/null"));
    ASSERT_TRUE(fs::exists(md)) << md;
    files.push_back(md.string());
  }
  ASSERT_EQ(Check(files, out), 0) << out;
  // "mermaid.parse: N blocks checked, 0 failed", with N of at least one per blocked scenario.
  const size_t at = out.find("mermaid.parse: ");
  ASSERT_NE(at, std::string::npos) << out;
  EXPECT_GE(std::stol(out.substr(at + 15)), 50) << out;
  fs::remove_all(work);
}

}  // namespace
}  // namespace fd
