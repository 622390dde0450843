// Generated documentation stays in step with the registry and the command line: docs/checks
// must equal what `fargate-doctor docs --write` produces, and docs/fargate-doctor.1 must equal
// `docs --man` and name every subcommand and option of the CLI's own --help.

#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "testing/shell.h"

namespace {

namespace fs = std::filesystem;

std::string RunFd(const std::string& args, int* rc) {
  return fd::testing::ShellOutput(std::string("'") + FD_BINARY + "' " + args + " 2>&1", rc);
}

std::string ReadText(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// CONTRIBUTING.md walks through adding a check with snippets of the real code: each fenced
// block that follows a `<!-- from PATH -->` line must appear in PATH, line by line and in
// order (indentation and blank lines aside), so the walk cannot drift from the code it shows.
TEST(DocsTest, ContributingShowsTheRealCode) {
  const fs::path root(FD_SOURCE_DIR);
  std::istringstream doc(ReadText(root / "CONTRIBUTING.md"));
  static const std::regex kFrom(R"(^<!-- from (\S+) -->$)");
  std::string line;
  int blocks = 0;
  auto trim = [](std::string s) {
    s.erase(0, s.find_first_not_of(" \t"));
    s.erase(s.find_last_not_of(" \t\r") + 1);
    return s;
  };
  while (std::getline(doc, line)) {
    std::smatch m;
    if (!std::regex_match(line, m, kFrom)) continue;
    const fs::path source = root / m[1].str();
    ASSERT_TRUE(fs::exists(source)) << "CONTRIBUTING.md quotes " << source << ", which does not exist";
    std::istringstream code(ReadText(source));
    std::getline(doc, line);
    ASSERT_EQ(line.rfind("```", 0), 0u) << "a code block must follow <!-- from " << m[1] << " -->";
    ++blocks;
    std::string have;
    while (std::getline(doc, line) && line.rfind("```", 0) != 0) {
      const std::string want = trim(line);
      if (want.empty()) continue;
      bool found = false;
      while (!found && std::getline(code, have)) found = trim(have) == want;
      EXPECT_TRUE(found) << "CONTRIBUTING.md shows a line " << m[1] << " does not hold (in this order): " << want;
    }
  }
  EXPECT_GE(blocks, 4) << "the walk through adding a check shows the real code";
}

TEST(DocsTest, CheckPagesAreUpToDate) {
  const std::string dir = std::string(FD_SOURCE_DIR) + "/docs/checks";
  int rc = 0;
  const std::string out = RunFd("docs --check '" + dir + "'", &rc);
  EXPECT_EQ(rc, 0) << out << "regenerate with: build/fargate-doctor docs --write docs/checks";
}

TEST(DocsTest, ManPageIsUpToDateAndNamesEveryCommandAndOption) {
  int rc = 0;
  const std::string man = RunFd("docs --man", &rc);
  ASSERT_EQ(rc, 0) << man;
  std::ifstream in(std::string(FD_SOURCE_DIR) + "/docs/fargate-doctor.1", std::ios::binary);
  std::stringstream committed;
  committed << in.rdbuf();
  EXPECT_EQ(committed.str(), man)
      << "docs/fargate-doctor.1 is stale; regenerate with: build/fargate-doctor docs --man > "
         "docs/fargate-doctor.1";

  const std::string help = RunFd("--help", &rc);
  std::set<std::string> commands;
  std::smatch m;
  const std::regex command_line(R"(\n  ([a-z]+)\s{2,})");
  for (auto it = help.cbegin(); std::regex_search(it, help.cend(), m, command_line);
       it = m[0].second)
    commands.insert(m[1]);
  ASSERT_GE(commands.size(), 6u) << help;
  const std::regex option(R"(--[a-z][a-z-]*)");
  // Commands that group others ("policy") are documented by their nested commands
  // ("policy simulate"), which the man page lists under their full names.
  std::set<std::string> leaves;
  for (const std::string& c : commands) {
    const std::string sub = RunFd(c + " --help", &rc);
    std::set<std::string> nested;
    for (auto it = sub.cbegin(); std::regex_search(it, sub.cend(), m, command_line);
         it = m[0].second)
      nested.insert(c + " " + m[1].str());
    if (nested.empty()) leaves.insert(c);
    leaves.insert(nested.begin(), nested.end());
  }
  for (const std::string& c : leaves) {
    EXPECT_NE(man.find(".SS " + c + "\n"), std::string::npos) << "man page lacks " << c;
    const std::string sub = RunFd(c + " --help", &rc);
    for (auto it = sub.cbegin(); std::regex_search(it, sub.cend(), m, option); it = m[0].second) {
      if (m[0] == "--help") continue;
      std::string roff = std::regex_replace(m[0].str(), std::regex("-"), "\\-");
      EXPECT_NE(man.find("\\fB" + roff + "\\fR"), std::string::npos)
          << "man page lacks " << c << " " << m[0];
    }
  }
}

}  // namespace
