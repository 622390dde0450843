// A live sweep against moto's server (tests/live/moto_server.h), loopback only: two accounts (the
// caller's own and one entered through a role assumed there: moto serves an account per assumed
// role) × two Regions × two clusters of healthy services and three broken ones each
// (tests/live/moto_sweep_setup.py), and a third account whose role cannot be assumed. moto
// lets anyone assume anything, so the `aws` given to the tool is a wrapper that answers that one
// assume-role as AWS does when the trust policy refuses (AccessDenied) and runs the real aws
// for everything else, logging each command.
//
// Checked: every broken service is found with its code and no healthy one has a blocker; the
// unassumable account is reported per Region and the run is still diagnosed; every command is on
// the allowlist; three shards, each in its own process and folder, merged, equal the whole
// sweep byte for byte; an interrupted collection is finished by `collect --resume`.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "ingest/snapshot.h"
#include "live/allowlist.h"
#include "live/moto_server.h"
#include "testing/shell.h"

namespace fd::live {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using fd::testing::Quote;

constexpr const char* kOwn = "123456789012";      // moto's default account
constexpr const char* kMember = "222222222222";   // entered through role/audit
constexpr const char* kRefused = "333333333333";  // its role cannot be assumed

std::string Read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class LiveSweepMoto : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("fd-sweep-moto-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    pid_ = StartMoto(url_, log_, skip_);
    if (pid_ < 0) return;
    ProcessResult setup = RunProcess({"python3", std::string(FD_SOURCE_DIR) + "/tests/live/moto_sweep_setup.py", url_,
                                      std::string(kOwn) + "," + kMember, "us-east-1,eu-west-1", "4"},
                                     ChildEnv());
    expected_ = json::parse(setup.out, nullptr, false);
    if (setup.exit_code != 0 || !expected_.is_object())
      setup_error_ = "moto_sweep_setup.py failed (" + std::to_string(setup.exit_code) + "): " + setup.err;
    std::ofstream shim(dir_ / "aws");
    shim << "#!/bin/sh\n"
            "case \"$*\" in *\"sts assume-role --role-arn arn:aws:iam::"
         << kRefused
         << ":\"*)\n"
            "  echo 'An error occurred (AccessDenied) when calling the AssumeRole operation: User is not "
            "authorized to perform: sts:AssumeRole' >&2; exit 254;;\n"
            "esac\n"
            "printf '%s\\n' \"$*\" >> "
         << Quote((dir_ / "calls.log").string()) << "\nexec " << Quote(FindAwsCli("")) << " \"$@\"\n";
    shim.close();
    fs::permissions(dir_ / "aws", fs::perms::owner_all);
  }

  static void TearDownTestSuite() {
    StopProcess(pid_);
    fs::remove_all(dir_);
  }

  void SetUp() override {
    if (!skip_.empty()) GTEST_SKIP() << "LIVE TESTS SKIPPED: " << skip_;
    ASSERT_TRUE(setup_error_.empty()) << setup_error_;
  }

  /// fargate-doctor run in `cwd` (created), so every run names its snapshot files alike.
  static ProcessResult Cli(const fs::path& cwd, const std::vector<std::string>& args) {
    fs::create_directories(cwd);
    std::string line = "cd " + Quote(cwd.string()) + " && exec " + Quote(FD_BINARY);
    for (const auto& a : args) line += " " + Quote(a);
    return RunProcess({"sh", "-c", line}, ChildEnv());
  }

  /// The sweep's flags: both Regions, the three accounts, every cluster.
  static std::vector<std::string> Sweep(std::vector<std::string> args) {
    args.insert(args.end(), {"--all-clusters", "--region", "us-east-1", "--region", "eu-west-1", "--accounts",
                             std::string(kOwn) + "," + kMember + "," + kRefused, "--assume-role-name", "audit",
                             "--endpoint-url", url_, "--aws-cli", (dir_ / "aws").string()});
    return args;
  }

  static inline fs::path dir_;
  static inline std::string skip_, setup_error_, url_, log_;
  static inline int pid_ = -1;
  static inline json expected_;
};

TEST_F(LiveSweepMoto, FindsEveryBrokenServiceReportsTheRefusedAccountAndShardsMergeToTheSame) {
  const auto t0 = std::chrono::steady_clock::now();
  ProcessResult whole = Cli(dir_ / "whole", Sweep({"diagnose", "--live", "--format", "json", "--save-snapshot",
                                                  "snap", "-o", "report.json"}));
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  ASSERT_EQ(whole.exit_code, 1) << whole.err;
  const json report = json::parse(Read(dir_ / "whole" / "report.json"), nullptr, false);
  ASSERT_TRUE(report.is_object()) << whole.err;

  std::map<std::string, std::set<std::string>> blockers;  // target → codes
  for (const json& f : report["findings"])
    if (f["severity"] == "blocker") blockers[f["target"]].insert(f["code"]);
  std::set<std::string> targets;
  for (const json& t : report["targets"]) targets.insert(t["arn"]);
  ASSERT_EQ(expected_.size(), 44u);  // 2 accounts × 2 Regions × (2 × 4 healthy + 3 broken)
  for (const auto& [arn, code] : expected_.items()) {
    EXPECT_TRUE(targets.contains(arn)) << arn << " was not diagnosed";
    if (code.is_null()) {
      EXPECT_FALSE(blockers.contains(arn)) << arn << " is healthy: " << json(blockers[arn]).dump();
    } else {
      EXPECT_TRUE(blockers[arn].contains(code)) << arn << " should raise " << code << ": " << json(blockers[arn]).dump();
    }
  }
  EXPECT_EQ(targets.size(), expected_.size());
  // The account whose role cannot be assumed: a note per Region, in the report and the summary.
  int refused = 0;
  for (const json& n : report["input_notes"])
    if (n["note"].get<std::string>().find(std::string("account ") + kRefused) == 0) ++refused;
  EXPECT_EQ(refused, 2) << report["input_notes"].dump(1);
  EXPECT_NE(whole.err.find("swept 4 of 6 account-Regions"), std::string::npos) << whole.err;
  // Laid out by account and Region; nothing left incomplete.
  for (const char* acct : {kOwn, kMember}) {
    for (const char* region : {"us-east-1", "eu-west-1"}) {
      EXPECT_TRUE(fs::exists(dir_ / "whole" / "snap" / "accounts" / acct / region / "collection.json"));
    }
  }
  EXPECT_FALSE(fs::exists(dir_ / "whole" / "snap" / "accounts" / kRefused));

  int calls = 0;
  std::ifstream log(dir_ / "calls.log");
  for (std::string line; std::getline(log, line);) {
    if (line == "--version") continue;  // what the fix commands may use: no AWS call
    ++calls;
    std::istringstream words(line);
    std::string service, operation;
    words >> service >> operation;
    EXPECT_NE(FindAllowed(service, operation), nullptr) << line;
  }
  std::cout << "[   live   ] sweep of " << expected_.size() << " services in 4 account-Regions: " << calls
            << " aws calls, " << seconds << " s\n";
  EXPECT_LT(calls, 34 * static_cast<int>(expected_.size()) / 4);

  // Three shards, each its own process and folder, merged: the whole sweep again.
  std::vector<std::string> merge = {"merge"};
  for (int i = 0; i < 3; ++i) {
    const fs::path cwd = dir_ / ("shard" + std::to_string(i));
    ProcessResult shard = Cli(cwd, Sweep({"diagnose", "--live", "--format", "json", "--save-snapshot", "snap",
                                          "-o", "report.json", "--shard", std::to_string(i) + "/3"}));
    EXPECT_NE(shard.exit_code, 2) << shard.err;
    merge.push_back((cwd / "report.json").string());
  }
  merge.insert(merge.end(), {"-o", (dir_ / "merged.json").string()});
  ProcessResult merged = Cli(dir_, merge);
  EXPECT_EQ(merged.exit_code, 1) << merged.err;
  EXPECT_TRUE(Read(dir_ / "merged.json") == Read(dir_ / "whole" / "report.json"))
      << "diff " << (dir_ / "merged.json") << " " << (dir_ / "whole" / "report.json");
}

TEST_F(LiveSweepMoto, CollectResumeFinishesAnInterruptedSweep) {
  const std::vector<std::string> collect = {"collect", "--cluster", "jobs", "--region", "us-east-1", "--region",
                                            "eu-west-1", "--out", "snap", "--endpoint-url", url_};
  ProcessResult first = Cli(dir_ / "resume", collect);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  // As if the process had been killed while collecting eu-west-1.
  const fs::path region = dir_ / "resume" / "snap" / "accounts" / kOwn / "eu-west-1";
  const fs::path partial = region.string() + std::string(ingest::kIncompleteSuffix);
  fs::rename(region, partial);
  ProcessResult offline = Cli(dir_ / "resume", {"diagnose", "snap", "--format", "json"});
  EXPECT_NE(offline.out.find("an interrupted collection"), std::string::npos) << offline.out;
  std::vector<std::string> resume = collect;
  resume.push_back("--resume");
  ProcessResult again = Cli(dir_ / "resume", resume);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  // us-east-1 is kept as it was; eu-west-1 is collected again.
  std::istringstream lines(again.err);
  int kept = 0;
  for (std::string line; std::getline(lines, line);)
    if (line.find("(complete from an earlier run)") != std::string::npos) {
      ++kept;
      EXPECT_NE(line.find("us-east-1"), std::string::npos) << line;
    }
  EXPECT_EQ(kept, 1) << again.err;
  EXPECT_TRUE(fs::exists(region / "collection.json"));
  EXPECT_FALSE(fs::exists(partial));
  ProcessResult diagnosed = Cli(dir_ / "resume", {"diagnose", "snap", "--format", "json"});
  EXPECT_EQ(diagnosed.exit_code, 1) << diagnosed.err;
  EXPECT_EQ(diagnosed.out.find("an interrupted collection"), std::string::npos);
  size_t jobs = 0;
  const json report = json::parse(diagnosed.out);  // held: a range-for keeps no temporary alive
  for (const json& t : report["targets"]) jobs += t["arn"].get<std::string>().find(":service/jobs/") != std::string::npos;
  EXPECT_EQ(jobs, 12u);  // 6 services of cluster jobs in each Region
}

}  // namespace
}  // namespace fd::live
