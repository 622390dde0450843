// Every `aws ...` fix command in every scenario golden must parse with the installed AWS CLI:
// it is run against a refused loopback port (127.0.0.1:9) with dummy credentials, so the only
// acceptable failure is "Could not connect to the endpoint URL" — a usage or parameter error
// means a check generates a command the user cannot paste. Commands with <placeholder> tokens
// (or file:// arguments) or shell operators are skipped; the rest are deduplicated and run two at a time.
// A command that uses an operation or option newer than the installed CLI (report/cli_requirements:
// the release that first knows it) cannot be judged with that CLI: it is counted and listed as
// not checkable, never passed or failed; every other rejection is a failure of ours, and so is a
// command the table says this CLI is too old for but which it accepts (the table is wrong).

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <future>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "report/cli_requirements.h"
#include "testing/shell.h"

namespace {

namespace fs = std::filesystem;

struct Outcome {
  int rc = -1;
  std::string output;
};

Outcome RunShell(const std::string& command) {
  Outcome o;
  o.output = fd::testing::ShellOutput(command, &o.rc);
  return o;
}

/// Shell-safe to run: no placeholder and no operator outside quotes that could chain commands.
bool Runnable(const std::string& c) {
  if (c.rfind("aws ", 0) != 0 || c.find('<') != std::string::npos) return false;
  // file://… names a file the user writes first (a placeholder in another form).
  if (c.find("file://") != std::string::npos) return false;
  char quote = 0;
  for (char ch : c) {
    if (quote != 0) {
      if (ch == quote) quote = 0;
      continue;
    }
    if (ch == '\'' || ch == '"') quote = ch;
    else if (std::string_view("|;&>`$\\\n").find(ch) != std::string_view::npos) return false;
  }
  return quote == 0;
}

TEST(FixCommandsTest, EveryAwsFixCommandParsesWithTheAwsCli) {
  if (RunShell("command -v aws >/dev/null 2>&1").rc != 0)
    GTEST_SKIP() << "FIX COMMANDS NOT CHECKED: no `aws` (AWS CLI) on PATH";

  // A pyenv shim costs a second shell per call; run the real script when pyenv knows it.
  std::string aws = RunShell("(pyenv which aws || command -v aws) 2>/dev/null").output;
  while (!aws.empty() && (aws.back() == '\n' || aws.back() == ' ')) aws.pop_back();
  if (aws.empty() || aws.find('\'') != std::string::npos) aws = "aws";

  std::set<std::string> commands;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(fs::path(FD_SOURCE_DIR) / "tests/scenarios", ec)) {
    std::ifstream in(e.path() / "expected.json");
    if (!in) continue;
    const nlohmann::json doc = nlohmann::json::parse(in, nullptr, false);
    if (doc.is_discarded() || !doc.contains("findings")) continue;
    for (const auto& f : doc["findings"])
      for (const auto& c : f["fix"]["commands"])
        if (c.is_string() && Runnable(c.get<std::string>())) commands.insert(c.get<std::string>());
    // Every change of every alternative (targets[].remedies) too.
    if (doc.contains("targets"))
      for (const auto& t : doc["targets"])
        if (t.contains("remedies"))
          for (const auto& rem : t["remedies"])
            for (const auto& ch : rem["changes"])
              for (const auto& c : ch["commands"])
                if (c.is_string() && Runnable(c.get<std::string>())) commands.insert(c.get<std::string>());
  }
  ASSERT_FALSE(commands.empty()) << "no runnable aws fix command in any scenario golden";

  const std::string env =
      "env -u AWS_PROFILE -u AWS_DEFAULT_PROFILE -u AWS_SESSION_TOKEN AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x "
      "AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_MAX_ATTEMPTS=1 "
      "AWS_RETRY_MODE=standard AWS_PAGER= ";
  const std::string tail =
      " --endpoint-url http://127.0.0.1:9 --region eu-west-3 --cli-connect-timeout 1 "
      "</dev/null 2>&1";
  const std::optional<fd::report::CliVersion> installed =
      fd::report::ParseAwsCliVersion(RunShell("'" + aws + "' --version 2>&1").output);
  ASSERT_TRUE(installed) << "`aws --version` names no aws-cli release";
  std::vector<std::string> not_checkable;
  std::vector<std::string> list(commands.begin(), commands.end());
  for (size_t i = 0; i < list.size(); i += 2) {  // at most two aws processes at a time
    std::vector<std::future<Outcome>> running;
    for (size_t j = i; j < std::min(i + 2, list.size()); ++j)
      running.push_back(
          std::async(std::launch::async, RunShell, env + "'" + aws + "'" + list[j].substr(3) + tail));
    for (size_t j = 0; j < running.size(); ++j) {
      const Outcome o = running[j].get();
      const bool accepted = o.output.find("Could not connect to the endpoint URL") != std::string::npos;
      const std::optional<std::string> too_new = fd::report::NewerCliNeeded(list[i + j], *installed);
      if (too_new && !accepted) {
        not_checkable.push_back(list[i + j] + "\n    (" + *too_new + ")");
        continue;
      }
      EXPECT_FALSE(too_new) << "report/cli_requirements says aws-cli " << installed->Text()
                            << " cannot run this command, but it accepts it:\n  " << list[i + j];
      EXPECT_TRUE(accepted) << "the AWS CLI rejects a generated fix command (exit " << o.rc << "):\n  "
                            << list[i + j] << "\n" << o.output;
    }
  }
  std::cout << "[ fix commands ] " << list.size() - not_checkable.size() << " of " << list.size()
            << " commands checked with aws-cli " << installed->Text() << "; "
            << not_checkable.size() << " not checkable with it:\n";
  for (const auto& c : not_checkable) std::cout << "  " << c << "\n";
  EXPECT_LT(not_checkable.size(), list.size()) << "this aws CLI could check none of the commands";
}

}  // namespace
