// The CI integrations run as their CI would run them, on a blocked and on a healthy snapshot
// (the first scenario whose expectation says so): the GitHub Action's steps and the GitLab job's
// script through tests/ci/run_ci.py, which installs the release tarball of `make static` from a
// file:// URL exactly as they install it from GitHub; the pre-commit hook with Debian's real
// pre-commit, from a hook repository holding this .pre-commit-hooks.yaml. Missing the tarball,
// python3-yaml or pre-commit, a test says SKIPPED and why.

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "testing/shell.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kSource = FD_SOURCE_DIR;
const std::string kTarball = std::string(FD_BUILD_DIR) + "/fargate-doctor-" + FD_PROJECT_VERSION +
                             "-x86_64-linux-static.tar.gz";

std::string Sh(const std::string& cmd, int* rc) { return fd::testing::ShellOutput(cmd, rc); }

/// The first scenario (in name order) whose expect.json has this verdict and exit code.
fs::path ScenarioWith(const std::string& verdict, int exit_code) {
  std::vector<fs::path> dirs;
  for (const auto& e : fs::directory_iterator(kSource + "/tests/scenarios"))
    if (fs::exists(e.path() / "expect.json")) dirs.push_back(e.path());
  std::sort(dirs.begin(), dirs.end());
  for (const auto& d : dirs) {
    std::ifstream in(d / "expect.json");
    const json e = json::parse(in, nullptr, false);
    if (e.is_object() && e.value("verdict", "") == verdict && e.value("exit_code", -1) == exit_code)
      return d / "snapshot";
  }
  return {};
}

class CiIntegrationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    work_ = fs::temp_directory_path() / ("fd-ci-" + std::to_string(::getpid()));
    fs::remove_all(work_);
    fs::create_directories(work_);
  }
  void TearDown() override { fs::remove_all(work_); }

  /// A project folder holding `snapshot` as snap/.
  fs::path Project(const fs::path& snapshot, const std::string& name) {
    const fs::path p = work_ / name;
    fs::create_directories(p);
    fs::copy(snapshot, p / "snap", fs::copy_options::recursive);
    return p;
  }

  /// run_ci.py's JSON for KIND in `dir`; skips when the tarball or PyYAML is missing.
  json RunCi(const std::string& kind, const fs::path& dir, const std::string& args) {
    if (!fs::exists(kTarball)) {
      skipped_ = "SKIPPED: " + kTarball + " is not built (make static); the " + kind + " integration is NOT CHECKED";
      return {};
    }
    int rc = -1;
    const std::string out = Sh("FD_RELEASE_URL='file://" + kTarball + "' FD_TEST_VERSION=" + FD_PROJECT_VERSION +
                                    " python3 " + kSource + "/tests/ci/run_ci.py " + kind + " '" + kSource + "' '" +
                                    dir.string() + "' " + args + " 2>&1",
                                &rc);
    if (rc == 77) {
      skipped_ = out + " the " + kind + " integration is NOT CHECKED";
      return {};
    }
    EXPECT_EQ(rc, 0) << out;
    return json::parse(out, nullptr, false);
  }

  fs::path work_;
  std::string skipped_;
};

TEST_F(CiIntegrationTest, GitHubActionUploadsSarifAndFailsOnABlocker) {
  const fs::path blocked = ScenarioWith("blocked", 1);
  ASSERT_FALSE(blocked.empty());
  const json r = RunCi("action", Project(blocked, "blocked"), "paths=snap");
  if (!skipped_.empty()) GTEST_SKIP() << skipped_;
  ASSERT_EQ(r["steps"].size(), 4u) << r.dump(2);
  EXPECT_EQ(r["steps"][0]["rc"], 0) << r["steps"][0].dump(2);  // installed from the release
  EXPECT_EQ(r["steps"][1]["rc"], 0) << r["steps"][1].dump(2);  // ran, and kept the exit code
  EXPECT_EQ(r["outputs"]["exit-code"], "1");
  EXPECT_NE(r["steps"][1]["stdout"].get<std::string>().find("BLOCKED"), std::string::npos);
  EXPECT_NE(r["summary"].get<std::string>().find("BLOCKED"), std::string::npos) << "no Markdown summary";
  // The upload runs on a blocker too, and points at the SARIF the diagnosis wrote.
  EXPECT_EQ(r["steps"][2]["uses"], "github/codeql-action/upload-sarif@v3");
  EXPECT_EQ(r["steps"][2]["if"], true);
  EXPECT_EQ(r["steps"][2]["with"]["sarif_file"], "fargate-doctor.sarif");
  std::ifstream sarif(work_ / "blocked" / "fargate-doctor.sarif");
  const json s = json::parse(sarif, nullptr, false);
  ASSERT_TRUE(s.is_object());
  EXPECT_EQ(s["version"], "2.1.0");
  EXPECT_FALSE(s["runs"][0]["results"].empty());
  EXPECT_EQ(r["steps"][3]["rc"], 1) << "the job must fail on a blocker";
}

TEST_F(CiIntegrationTest, GitHubActionPassesOnAHealthySnapshotAndCanSkipTheUpload) {
  const fs::path healthy = ScenarioWith("ok", 0);
  ASSERT_FALSE(healthy.empty());
  const json r = RunCi("action", Project(healthy, "ok"), "paths=snap upload-sarif=false");
  if (!skipped_.empty()) GTEST_SKIP() << skipped_;
  ASSERT_EQ(r["steps"].size(), 4u) << r.dump(2);
  EXPECT_EQ(r["outputs"]["exit-code"], "0");
  EXPECT_EQ(r["steps"][2]["if"], false);
  EXPECT_EQ(r["steps"][3]["rc"], 0);
}

TEST_F(CiIntegrationTest, GitLabJobKeepsTheSarifAndFailsOnlyOnABlocker) {
  const std::string common = "FD_PATHS=snap FD_INSTALL_SH_URL=file://" + kSource + "/ci/install.sh";
  const json blocked = RunCi("gitlab", Project(ScenarioWith("blocked", 1), "blocked"), common);
  if (!skipped_.empty()) GTEST_SKIP() << skipped_;
  EXPECT_EQ(blocked["rc"], 1) << blocked.dump(2);
  EXPECT_EQ(blocked["artifacts"]["fargate-doctor.sarif"], true);
  EXPECT_EQ(blocked["artifacts_when"], "always") << "the report is kept when the job fails";
  const json ok = RunCi("gitlab", Project(ScenarioWith("ok", 0), "ok"), common);
  EXPECT_EQ(ok["rc"], 0) << ok.dump(2);
  EXPECT_EQ(ok["artifacts"]["fargate-doctor.sarif"], true);
  // Without a repository to fetch from, the job says what to set instead of a curl error.
  const json unset = RunCi("gitlab", work_, "FD_PATHS=snap");
  EXPECT_EQ(unset["rc"], 2);
  EXPECT_NE(unset["stdout"].get<std::string>().find("set FD_REPOSITORY"), std::string::npos) << unset.dump(2);
}

TEST_F(CiIntegrationTest, PreCommitHookFailsABlockedSnapshotAndPassesAHealthyOne) {
  int rc = -1;
  if (Sh("command -v pre-commit", &rc).empty())
    GTEST_SKIP() << "SKIPPED: pre-commit is not installed (apt-get install pre-commit); the hook is NOT CHECKED";
  const std::string git_env =
      "GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.com "
      "HOME='" + work_.string() + "' PRE_COMMIT_HOME='" + (work_ / "pre-commit-home").string() + "' ";
  // The hook repository: this repository's hook definition, committed.
  const fs::path hooks = work_ / "hooks";
  fs::create_directories(hooks);
  fs::copy_file(kSource + "/.pre-commit-hooks.yaml", hooks / ".pre-commit-hooks.yaml");
  Sh(git_env + "sh -c 'cd " + hooks.string() + " && git init -q && git add -A && git commit -qm hooks' 2>&1", &rc);
  ASSERT_EQ(rc, 0);
  const std::string rev = Sh("git -C '" + hooks.string() + "' rev-parse HEAD", &rc);
  const std::string bin_dir = fs::path(FD_BINARY).parent_path().string();
  auto run_hook = [&](const fs::path& snapshot, const std::string& name, const std::string& files) {
    const fs::path p = Project(snapshot, name);
    std::ofstream(p / ".pre-commit-config.yaml")
        << "repos:\n  - repo: " << hooks.string() << "\n    rev: " << rev.substr(0, 40)
        << "\n    hooks:\n      - id: fargate-doctor\n        args: [snap]\n";
    std::ofstream(p / "README.md") << "notes\n";
    Sh(git_env + "sh -c 'cd " + p.string() + " && git init -q && git add -A' 2>&1", &rc);
    return Sh(git_env + "PATH='" + bin_dir + "':$PATH sh -c 'cd " + p.string() + " && pre-commit run " + files +
                   "' 2>&1",
               &rc);
  };
  std::string out = run_hook(ScenarioWith("blocked", 1), "blocked", "--all-files");
  EXPECT_EQ(rc, 1) << out;
  EXPECT_NE(out.find("Failed"), std::string::npos) << out;
  EXPECT_NE(out.find("BLOCKED"), std::string::npos) << out;
  out = run_hook(ScenarioWith("ok", 0), "ok", "--all-files");
  EXPECT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("Passed"), std::string::npos) << out;
  // A commit that touches no JSON file does not run the diagnosis.
  out = run_hook(ScenarioWith("blocked", 1), "docs-only", "--files README.md");
  EXPECT_EQ(rc, 0) << out;
  EXPECT_NE(out.find("Skipped"), std::string::npos) << out;
}

}  // namespace
