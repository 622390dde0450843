// Live diagnosis against moto's server mode (a local AWS emulator), started and stopped here on
// loopback with MOTO_IAM_LOAD_MANAGED_POLICIES=true. tests/live/moto_setup.sh builds a healthy
// Fargate service with the AWS CLI; each test diagnoses it live, breaks one thing (and puts it
// back), and checks the finding; the live report equals the offline report of the saved
// folder; a recorded run proves every executed command is on the allowlist. Credentials are
// dummies in the children's environment only. Without python3 + moto or the aws CLI the tests
// are skipped with the reason (make test installs both where it can).

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>

#include "live/allowlist.h"
#include "live/aws_cli.h"
#include "live/collector.h"
#include "live/process.h"
#include "live/moto_server.h"

namespace fd::live {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class LiveMoto : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    aws_ = FindAwsCli("");
    pid_ = StartMoto(url_, log_, skip_);
    if (pid_ < 0) return;
    ProcessResult setup = RunProcess(
        {"sh", std::string(FD_SOURCE_DIR) + "/tests/live/moto_setup.sh"},
        ChildEnv({"FD_MOTO_URL=" + url_, "AWS=" + aws_}));
    ids_ = json::parse(setup.out, nullptr, false);
    if (setup.exit_code != 0 || !ids_.is_object()) {
      setup_error_ = "moto_setup.sh failed (" + std::to_string(setup.exit_code) + "): " + setup.err;
    }
  }

  static void TearDownTestSuite() {
    StopProcess(pid_);
    pid_ = -1;
  }

  void SetUp() override {
    if (!skip_.empty()) GTEST_SKIP() << "LIVE TESTS SKIPPED: " << skip_;
    ASSERT_TRUE(setup_error_.empty()) << setup_error_;
  }

  /// `aws` against the emulator (to break and repair the account).
  static ProcessResult Aws(std::vector<std::string> args) {
    args.insert(args.begin(), aws_);
    args.insert(args.end(), {"--region", "us-east-1", "--endpoint-url", url_, "--output", "json"});
    return RunProcess(args, ChildEnv());
  }

  /// The fargate-doctor binary with the emulator's endpoint.
  static ProcessResult Cli(std::vector<std::string> args, const std::vector<std::string>& env = {}) {
    args.insert(args.begin(), FD_BINARY);
    return RunProcess(args, ChildEnv(env));
  }

  static ProcessResult DiagnoseLive(const std::string& save_dir = "") {
    std::vector<std::string> args = {"diagnose", "--live", "--cluster", "prod", "--service", "api",
                                     "--region", "us-east-1", "--endpoint-url", url_,
                                     "--format", "json"};
    if (!save_dir.empty()) args.insert(args.end(), {"--save-snapshot", save_dir});
    return Cli(args);
  }

  static std::set<std::string> Codes(const ProcessResult& r) {
    std::set<std::string> codes;
    json report = json::parse(r.out, nullptr, false);
    if (!report.is_object()) return codes;
    for (const json& f : report["findings"]) codes.insert(f.value("code", ""));
    return codes;
  }

  static std::string Ids(const char* key) { return ids_.value(key, ""); }

  static fs::path TempDir(const std::string& name) {
    fs::path p = fs::temp_directory_path() / ("fd-live-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(p);
    return p;
  }

  static inline std::string skip_, setup_error_, aws_, url_, log_;
  static inline int pid_ = -1;
  static inline json ids_;
};

// Healthy service, in one pass to keep the emulator runs few:
// 1. `collect --print-commands --out D1 --aws-cli <recording shim>`: every argv the shim saw is
//    on the allowlist, and there is no progress line (stderr is not a terminal);
// 2. `diagnose --live --save-snapshot D2`: no finding, and byte-identical to `diagnose D2` and
//    to `diagnose D1`;
// 3. the printed commands, pasted into a shell in an empty folder D3: `diagnose D3` gives the
//    same report again.
TEST_F(LiveMoto, HealthyServiceLiveEqualsOfflineAndStaysInAllowlist) {
  const fs::path d1 = TempDir("collect"), d2 = TempDir("live"), d3 = TempDir("replay");
  const fs::path shim = TempDir("shim.sh"), log = TempDir("shim.log");
  {
    std::ofstream out(shim);
    out << "#!/bin/sh\nprintf '%s\\n' \"$*\" >> '" << log.string() << "'\nexec '" << aws_
        << "' \"$@\"\n";
  }
  fs::permissions(shim, fs::perms::owner_all);
  ProcessResult printed = Cli({"collect", "--cluster", "prod", "--service", "api", "--out",
                               d1.string(), "--print-commands", "--region", "us-east-1",
                               "--endpoint-url", url_, "--aws-cli", shim.string()});
  ASSERT_EQ(printed.exit_code, 0) << printed.err;
  EXPECT_EQ(printed.err.find("collecting, stage"), std::string::npos) << "progress without a tty";
  std::ifstream recorded(log);
  int calls = 0;
  for (std::string line; std::getline(recorded, line); ++calls) {
    std::istringstream words(line);
    std::string service, operation;
    words >> service >> operation;
    EXPECT_NE(FindAllowed(service, operation), nullptr) << line;
    EXPECT_EQ(line.find("--with-decryption"), std::string::npos) << line;
  }
  EXPECT_GT(calls, 20);
  std::cout << "[   live   ] one service: " << calls << " aws calls\n";
  EXPECT_NE(printed.out.find("aws ecs describe-services --cluster prod --services api --region "
                             "us-east-1 --endpoint-url " + url_ + " --output json > "),
            std::string::npos)
      << printed.out;

  ProcessResult live = DiagnoseLive(d2.string());
  EXPECT_EQ(live.exit_code, 0) << live.err << live.out;  // the rest is checked even so
  json report = json::parse(live.out, nullptr, false);
  ASSERT_TRUE(report.is_object()) << live.err;
  EXPECT_TRUE(report["findings"].empty()) << report["findings"].dump(2);
  EXPECT_EQ(report["verdict"], "ok") << "unchecked: " << report["coverage"].dump(2);
  for (const fs::path& dir : {d2, d1}) {
    ProcessResult offline = Cli({"diagnose", dir.string(), "--cluster", "prod", "--service",
                                 "api", "--format", "json"});
    EXPECT_EQ(offline.exit_code, live.exit_code) << offline.err;
    EXPECT_EQ(offline.out, live.out) << dir;
  }

  fs::create_directories(d3);
  ProcessResult shell =
      RunProcess({"sh", "-c", "cd '" + d3.string() + "' || exit 1\n" + printed.out}, ChildEnv());
  ASSERT_EQ(shell.exit_code, 0) << shell.err;
  // Every file comes back; a call that failed in the run (here get-repository-policy,
  // "not found") leaves an empty file on replay instead of the
  // collector's error envelope, so the reports are compared only when nothing failed.
  std::set<std::string> files1, files3;
  for (const auto& e : fs::directory_iterator(d1)) files1.insert(e.path().filename().string());
  for (const auto& e : fs::directory_iterator(d3)) files3.insert(e.path().filename().string());
  EXPECT_EQ(files1, files3);
  if (printed.out.find("# failed in this run") == std::string::npos) {
    ProcessResult replayed = Cli({"diagnose", d3.string(), "--cluster", "prod", "--service",
                                  "api", "--format", "json"});
    EXPECT_EQ(replayed.out, live.out);
  }
  for (const fs::path& p : {d1, d2, d3, shim, log}) fs::remove_all(p);
}

TEST_F(LiveMoto, NatRouteRemovedIsNet002) {
  const std::string rtb = Ids("private_route_table");
  ASSERT_EQ(Aws({"ec2", "delete-route", "--route-table-id", rtb, "--destination-cidr-block",
                 "0.0.0.0/0"}).exit_code, 0);
  ProcessResult live = DiagnoseLive();
  Aws({"ec2", "create-route", "--route-table-id", rtb, "--destination-cidr-block", "0.0.0.0/0",
       "--nat-gateway-id", Ids("nat")});
  EXPECT_EQ(live.exit_code, 1) << live.err;
  EXPECT_TRUE(Codes(live).contains("NET002")) << live.out;
}

TEST_F(LiveMoto, TaskSecurityGroupWithoutEgressIsFw001) {
  const std::string sg = Ids("security_group");
  const std::string all = "[{\"IpProtocol\":\"-1\",\"IpRanges\":[{\"CidrIp\":\"0.0.0.0/0\"}]}]";
  ASSERT_EQ(Aws({"ec2", "revoke-security-group-egress", "--group-id", sg, "--ip-permissions", all})
                .exit_code, 0);
  ProcessResult live = DiagnoseLive();
  Aws({"ec2", "authorize-security-group-egress", "--group-id", sg, "--ip-permissions", all});
  EXPECT_EQ(live.exit_code, 1) << live.err;
  EXPECT_TRUE(Codes(live).contains("FW001")) << live.out;
}

// Without AmazonECSTaskExecutionRolePolicy the execution role can neither pull from ECR nor
// write logs: the live collection reads the role's remaining policies and the IAM checks name it.
TEST_F(LiveMoto, DetachedExecutionPolicyIsIam004AndIam005) {
  const std::string policy =
      "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";
  ASSERT_EQ(Aws({"iam", "detach-role-policy", "--role-name", Ids("role"), "--policy-arn", policy})
                .exit_code, 0);
  ProcessResult live = DiagnoseLive();
  Aws({"iam", "attach-role-policy", "--role-name", Ids("role"), "--policy-arn", policy});
  EXPECT_EQ(live.exit_code, 1) << live.err;
  EXPECT_TRUE(Codes(live).contains("IAM004")) << live.out;
  EXPECT_TRUE(Codes(live).contains("IAM005")) << live.out;
}

TEST_F(LiveMoto, UnknownClusterAndServiceAreOneLineExit2) {
  ProcessResult cluster = Cli({"collect", "--cluster", "nope", "--service", "api", "--out",
                               TempDir("nope").string(), "--region", "us-east-1",
                               "--endpoint-url", url_});
  EXPECT_EQ(cluster.exit_code, 2);
  EXPECT_EQ(cluster.err, "fargate-doctor: error: unknown cluster 'nope' (ecs describe-clusters found none)\n");
  ProcessResult service = Cli({"diagnose", "--live", "--cluster", "prod", "--service", "nope",
                               "--region", "us-east-1", "--endpoint-url", url_});
  EXPECT_EQ(service.exit_code, 2);
  EXPECT_NE(service.err.find("unknown service 'nope' in cluster 'prod'"), std::string::npos)
      << service.err;
  EXPECT_EQ(std::count(service.err.begin(), service.err.end(), '\n'), 1) << service.err;
  ProcessResult no_aws = Cli({"diagnose", "--live", "--cluster", "prod", "--service", "api"},
                             {"PATH=/nonexistent"});
  EXPECT_EQ(no_aws.exit_code, 2);
  EXPECT_NE(no_aws.err.find("cannot find the `aws` command on PATH"), std::string::npos) << no_aws.err;
  fs::remove_all(TempDir("nope"));
}

}  // namespace
}  // namespace fd::live
