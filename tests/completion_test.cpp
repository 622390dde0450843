// The completion scripts of `fargate-doctor completion bash|zsh|fish`, run in the real shells:
// each script is loaded the way the shell loads an installed completion, a partial command line
// is completed, and the matches are compared with what the command line and the check registry
// say they must be. zsh is driven through a pseudo-terminal with a real TAB
// (tests/completion/zsh_complete.zsh), fish by `complete -C`, bash by calling the function its
// `complete -F` registered with COMP_WORDS set as readline sets them
// (tests/completion/bash_complete.sh). A shell that is not installed makes its cases SKIPPED.

#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "checks/check.h"
#include "testing/shell.h"

namespace {

namespace fs = std::filesystem;

using fd::testing::ShellOutput;

bool Installed(const std::string& program) {
  return !ShellOutput("command -v " + program + " 2>/dev/null").empty();
}

/// A match as the user sees the word it completes: zsh offers the part after the last ',' or
/// '/' (the rest is its prefix), bash and fish the whole word; folders may end in '/'.
std::string LastPart(std::string m) {
  while (!m.empty() && m.back() == '/') m.pop_back();
  const size_t cut = m.find_last_of(",/");
  return cut == std::string::npos ? m : m.substr(cut + 1);
}

std::set<std::string> CodesStartingWith(const std::string& prefix) {
  std::set<std::string> out;
  for (const fd::checks::CheckDef* c : fd::checks::AllChecks())
    if (ToString(c->info.code).starts_with(prefix)) out.emplace(ToString(c->info.code));
  return out;
}

class CompletionTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    shell_ = GetParam();
    if (!Installed(shell_))
      GTEST_SKIP() << "SKIPPED: " << shell_ << " is not installed (make test installs it with "
                   << "apt-get install " << shell_ << "); its completion script is NOT CHECKED";
    dir_ = fs::temp_directory_path() / ("fd-completion-" + shell_ + "-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "home");
    fs::create_directories(dir_ / "files" / "sub1");
    std::ofstream(dir_ / "files" / "snap-a.json") << "{}";
    std::ofstream(dir_ / "files" / "snap-b.json") << "{}";
    script_ = dir_ / ("fargate-doctor." + shell_);
    int rc = -1;
    std::ofstream(script_) << ShellOutput(std::string(FD_BINARY) + " completion " + shell_, &rc);
    ASSERT_EQ(rc, 0) << "fargate-doctor completion " << shell_ << " failed";
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  /// What the shell offers at the end of `line`, each match reduced by LastPart.
  std::set<std::string> Complete(const std::string& line) {
    const std::string env = "env HOME='" + (dir_ / "home").string() + "' XDG_CONFIG_HOME='" +
                            (dir_ / "home").string() + "' XDG_DATA_HOME='" + (dir_ / "home").string() + "' ";
    const std::string helpers = std::string(FD_SOURCE_DIR) + "/tests/completion/";
    std::string cmd;
    if (shell_ == "bash")
      cmd = env + "bash --norc --noprofile " + helpers + "bash_complete.sh '" + script_.string() + "' '" + line + "'";
    else if (shell_ == "zsh")
      cmd = env + "timeout 30 zsh -f " + helpers + "zsh_complete.zsh '" + script_.string() + "' '" + line + "'";
    else
      cmd = env + "fish --no-config -c \"source '" + script_.string() + "'; complete -C '" + line + "'\"";
    int rc = -1;
    const std::string out = ShellOutput(cmd + " 2>&1", &rc);
    EXPECT_EQ(rc, 0) << cmd << "\n" << out;
    std::set<std::string> matches;
    size_t pos = 0;
    while (pos < out.size()) {
      size_t end = out.find('\n', pos);
      if (end == std::string::npos) end = out.size();
      std::string m = out.substr(pos, end - pos);
      m = m.substr(0, m.find('\t'));  // fish: match, tab, description
      if (!m.empty()) matches.insert(LastPart(m));
      pos = end + 1;
    }
    return matches;
  }

  std::string shell_;
  fs::path dir_, script_;
};

TEST_P(CompletionTest, CompletesCommandsAndNestedCommands) {
  EXPECT_EQ(Complete("fargate-doctor dia"), (std::set<std::string>{"diagnose"}));
  const std::set<std::string> all = Complete("fargate-doctor ");
  for (const char* c : {"diagnose", "collect", "checks", "explain", "demo", "docs", "policy", "completion"})
    EXPECT_TRUE(all.contains(c)) << c;
  EXPECT_EQ(Complete("fargate-doctor policy sim"), (std::set<std::string>{"simulate"}));
  EXPECT_EQ(Complete("fargate-doctor completion "), (std::set<std::string>{"bash", "fish", "zsh"}));
}

TEST_P(CompletionTest, CompletesTheOptionsOfTheCommandTyped) {
  EXPECT_EQ(Complete("fargate-doctor diagnose --for"), (std::set<std::string>{"--format"}));
  EXPECT_EQ(Complete("fargate-doctor policy simulate --pr"), (std::set<std::string>{"--principal"}));
  // collect has no --format: options are those of the command, not of every command.
  EXPECT_EQ(Complete("fargate-doctor collect --for"), (std::set<std::string>{}));
  // An option's value that is also a command name ("diagnose") is not taken for the command.
  EXPECT_EQ(Complete("fargate-doctor diagnose --cluster diagnose --fa"), (std::set<std::string>{"--fail-on"}));
}

TEST_P(CompletionTest, CompletesChoicesAndCheckCodesFromTheRegistry) {
  EXPECT_EQ(Complete("fargate-doctor diagnose --format s"), (std::set<std::string>{"sarif"}));
  EXPECT_EQ(Complete("fargate-doctor demo --fail-on "), (std::set<std::string>{"blocker", "warning", "never"}));
  EXPECT_EQ(Complete("fargate-doctor explain NET00"), CodesStartingWith("NET00"));
  // --select takes a comma list: the item after the last comma is completed.
  EXPECT_EQ(Complete("fargate-doctor diagnose --select NET001,IAM01"), CodesStartingWith("IAM01"));
}

TEST_P(CompletionTest, CompletesFilesAndFolders) {
  const std::string files = (dir_ / "files").string();
  EXPECT_EQ(Complete("fargate-doctor diagnose " + files + "/snap"), (std::set<std::string>{"snap-a.json", "snap-b.json"}));
  EXPECT_EQ(Complete("fargate-doctor demo --output " + files + "/snap-a"), (std::set<std::string>{"snap-a.json"}));
  // --out names a folder: files are not offered.
  EXPECT_EQ(Complete("fargate-doctor collect --out " + files + "/s"), (std::set<std::string>{"sub1"}));
}

INSTANTIATE_TEST_SUITE_P(Shells, CompletionTest, ::testing::Values("bash", "zsh", "fish"),
                         [](const auto& info) { return info.param; });

}  // namespace
