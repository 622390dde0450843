// `fargate-doctor merge` as the batch engines run it: a multi-service account split into N runs
// by --service selections (each a local process, as a shard would be), their reports merged,
// and the merge compared with one run over every service. Reports hold no timestamp and no
// duration (docs/design/report.md: deterministic), so the comparison is byte for byte: nothing
// is ignored. Then exit codes, --fail-on, and unreadable input.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "testing/shell.h"

namespace {

namespace fs = std::filesystem;
using fd::testing::Quote;
using fd::testing::Shell;

std::string Read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

const std::string kBin = Quote(FD_BINARY);

class MergeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() / ("fd-merge-" + std::to_string(getpid())));
    fs::create_directories(*dir_);
    // About 100 services in three VPC designs, one in ten broken (tools/gen_account.py).
    const std::string gen = "python3 " + Quote(std::string(FD_SOURCE_DIR) + "/tools/gen_account.py") +
                            " --scale 0.02 --seed 3 --out " + Quote((*dir_ / "account").string());
    ASSERT_EQ(Shell(gen + " >/dev/null"), 0) << gen;
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
  }
  static fs::path Dir() { return *dir_; }
  /// Diagnoses the account (only `services` when not empty) into `out`; the exit code.
  static int Diagnose(const std::vector<std::string>& services, const std::string& format, const fs::path& out) {
    std::string cmd = kBin + " diagnose " + Quote((Dir() / "account").string());
    if (!services.empty()) {
      std::string list;
      for (const auto& s : services) list += (list.empty() ? "" : ",") + s;
      cmd += " --service " + Quote(list);
    }
    return Shell(cmd + " --format " + format + " -o " + Quote(out.string()) + " 2>/dev/null");
  }
  static std::vector<std::string> Services() {
    const auto manifest = nlohmann::json::parse(Read(Dir() / "account" / "manifest.json"));
    std::vector<std::string> out;
    for (const auto& [arn, code] : manifest["fargateDoctorTestManifest"].items()) out.push_back(arn);
    return out;
  }

 private:
  static fs::path* dir_;
};
fs::path* MergeTest::dir_ = nullptr;

TEST_F(MergeTest, ThreeShardsMergedEqualOneRunOverEveryService) {
  const std::vector<std::string> services = Services();
  ASSERT_GT(services.size(), 30u);
  for (const std::string format : {"json", "sarif"}) {
    SCOPED_TRACE(format);
    const fs::path whole = Dir() / ("whole." + format);
    const int whole_rc = Diagnose({}, format, whole);
    EXPECT_EQ(whole_rc, 1) << "the generated account has broken services";
    // Shard I takes every third service from I, as a batch array job's index would.
    std::string merge = kBin + " merge";
    for (int shard = 0; shard < 3; ++shard) {
      std::vector<std::string> mine;
      for (size_t i = shard; i < services.size(); i += 3) mine.push_back(services[i]);
      const fs::path out = Dir() / ("shard" + std::to_string(shard) + "." + format);
      Diagnose(mine, format, out);
      merge += " " + Quote(out.string());
    }
    const fs::path merged = Dir() / ("merged." + format);
    EXPECT_EQ(Shell(merge + " -o " + Quote(merged.string())), whole_rc) << merge;
    EXPECT_TRUE(Read(merged) == Read(whole)) << "diff " << merged << " " << whole;
    // A shard run twice (a retried array job) changes nothing.
    const fs::path again = Dir() / ("again." + format);
    const std::string twice = merge + " " + Quote((Dir() / ("shard1." + format)).string());
    EXPECT_EQ(Shell(twice + " -o " + Quote(again.string())), whole_rc);
    EXPECT_TRUE(Read(again) == Read(whole));
  }
}

TEST_F(MergeTest, TheExitCodeIsTheOneRunsUnderFailOn) {
  const fs::path whole = Dir() / "exit.json";
  Diagnose({}, "json", whole);
  EXPECT_EQ(Shell(kBin + " merge " + Quote(whole.string()) + " --fail-on never >/dev/null"), 0);
  EXPECT_EQ(Shell(kBin + " merge " + Quote(whole.string()) + " --fail-on blocker >/dev/null"), 1);
  // A healthy service alone: no finding at or above blocker.
  const auto manifest = nlohmann::json::parse(Read(Dir() / "account" / "manifest.json"));
  std::string healthy;
  for (const auto& [arn, code] : manifest["fargateDoctorTestManifest"].items())
    if (code.is_null() && healthy.empty()) healthy = arn;
  const fs::path one = Dir() / "healthy.json";
  Diagnose({healthy}, "json", one);
  EXPECT_EQ(Shell(kBin + " merge " + Quote(one.string()) + " >/dev/null"), 0);
}

TEST_F(MergeTest, UnreadableInputIsExit2NamingTheFileAndWhere) {
  const fs::path whole = Dir() / "bad-base.json";
  Diagnose({}, "json", whole);
  const std::string text = Read(whole);
  const fs::path cut = Dir() / "cut.json";
  std::ofstream(cut, std::ios::binary) << text.substr(0, text.size() / 2);
  std::string err;
  EXPECT_EQ(Shell(kBin + " merge " + Quote(whole.string()) + " " + Quote(cut.string()) + " 2>&1 >/dev/null", &err), 2);
  EXPECT_EQ(err, "fargate-doctor: error: " + cut.string() + ": invalid JSON at byte " +
                     std::to_string(text.size() / 2 + 1) + " (the file ends early: truncated?)\n");

  const fs::path v2 = Dir() / "v2.json";
  auto doc = nlohmann::json::parse(text);
  doc["schema"] = "fargate-doctor/report/v2";
  std::ofstream(v2) << doc.dump();
  EXPECT_EQ(Shell(kBin + " merge " + Quote(v2.string()) + " 2>&1 >/dev/null", &err), 2);
  EXPECT_NE(err.find(v2.string() + ": at /schema: report schema v2 is another major version"), std::string::npos) << err;

  EXPECT_EQ(Shell(kBin + " merge " + Quote((Dir() / "account" / "ecs-describe-clusters.json").string()) +
                  " 2>&1 >/dev/null", &err), 2);
  EXPECT_NE(err.find("ecs-describe-clusters.json: at /: neither a fargate-doctor JSON report"), std::string::npos) << err;

  EXPECT_EQ(Shell(kBin + " merge " + Quote((Dir() / "missing.json").string()) + " 2>&1 >/dev/null", &err), 2);
  EXPECT_NE(err.find("cannot read " + (Dir() / "missing.json").string()), std::string::npos) << err;
}

TEST(MergeScopesTest, ReportsOfTwoRegionsAreGroupedByAccountThenRegion) {
  const fs::path dir = fs::temp_directory_path() / ("fd-merge-scopes-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const fs::path scenarios = fs::path(FD_SOURCE_DIR) / "tests/scenarios";
  // base-public is in eu-west-3, base-uswest1-public in us-west-1, both of account 111122223333.
  std::string merge = kBin + " merge";
  for (const char* name : {"base-uswest1-public", "base-public"}) {
    const fs::path out = dir / (std::string(name) + ".json");
    Shell(kBin + " diagnose " + Quote((scenarios / name / "snapshot").string()) + " --format json -o " +
          Quote(out.string()) + " 2>/dev/null");
    merge += " " + Quote(out.string());
  }
  std::string text, markdown;
  EXPECT_EQ(Shell(merge + " --format text", &text), 0);
  EXPECT_EQ(Shell(merge + " --format markdown", &markdown), 0);
  fs::remove_all(dir);
  EXPECT_EQ(text.rfind("2 targets in 1 account and 2 Regions: 2 ok\nfindings by code: ", 0), 0u) << text;
  const size_t eu = text.find("\n== account 111122223333, Region eu-west-3 ==\n");
  const size_t us = text.find("\n== account 111122223333, Region us-west-1 ==\n");
  ASSERT_NE(eu, std::string::npos) << text;
  ASSERT_NE(us, std::string::npos) << text;
  EXPECT_LT(eu, us) << "Regions in order within the account";
  EXPECT_NE(text.find("  account 111122223333, Region us-west-1: 1 target (1 ok); 0 blockers"), std::string::npos) << text;
  EXPECT_NE(markdown.find("\n### account 111122223333, Region eu-west-3\n"), std::string::npos) << markdown;
  EXPECT_NE(markdown.find("| `111122223333` | `us-west-1` | 1 | 1 ok | 0 blockers, 0 warnings, "), std::string::npos)
      << markdown;
}

}  // namespace
