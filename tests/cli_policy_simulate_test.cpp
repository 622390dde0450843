// End-to-end tests of `fargate-doctor policy simulate` (FD_BINARY): the simulate-custom-policy
// output shape, MatchedStatements positions, --unknown-context-keys, and the exit codes its
// --help documents (0 all allowed, 1 a deny, 2 usage error, 3 no deny but an unknown).

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace fd {
namespace {

struct SimRun {
  int code = -1;
  std::string out;
};

/// Runs the binary without a shell (policies contain quotes), stdout captured, stderr dropped.
SimRun Simulate(std::vector<std::string> args) {
  args.insert(args.begin(), {FD_BINARY, "policy", "simulate"});
  int fds[2];
  if (pipe(fds) != 0) return {};
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], 1);
    close(fds[0]);
    close(fds[1]);
    if (freopen("/dev/null", "w", stderr) == nullptr) _exit(126);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(fds[1]);
  SimRun r;
  char buf[4096];
  for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) > 0;) r.out.append(buf, static_cast<std::size_t>(n));
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

const std::string kAllowEcr = R"({"Effect":"Allow","Action":"ecr:*","Resource":"*"})";
const std::string kDenyLogs = R"({"Sid":"NoLogs","Effect":"Deny","Action":"logs:*","Resource":"*"})";
const std::string kVpceS3 =
    R"({"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpce":"vpce-0a1b2c3d4e5f60718"}}})";
const std::string kPolicy =
    R"({"Version":"2012-10-17","Statement":[)" + kAllowEcr + "," + kDenyLogs + "," + kVpceS3 + "]}";

/// The single evaluation result, or an empty object (and a test failure) if the output is not
/// simulate-custom-policy's shape.
nlohmann::json OnlyResult(const SimRun& r) {
  auto j = nlohmann::json::parse(r.out, nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << r.out;
  if (j.is_discarded() || !j.contains("EvaluationResults") || j["EvaluationResults"].size() != 1) {
    ADD_FAILURE() << "expected one EvaluationResults entry:\n" << r.out;
    return nlohmann::json::object();
  }
  return j["EvaluationResults"][0];
}

/// The statement `stmt` of kPolicy is the one matched: PolicyInputList.1, line 1, the columns
/// where it starts and just after it ends (one-based).
void ExpectMatched(const nlohmann::json& res, const std::string& stmt) {
  ASSERT_EQ(res["MatchedStatements"].size(), 1u) << res.dump();
  const auto& m = res["MatchedStatements"][0];
  EXPECT_EQ(m["SourcePolicyId"], "PolicyInputList.1");
  EXPECT_EQ(m["SourcePolicyType"], "IAM Policy");
  const auto at = kPolicy.find(stmt);
  ASSERT_NE(at, std::string::npos);
  EXPECT_EQ(m["StartPosition"]["Line"], 1);
  EXPECT_EQ(m["StartPosition"]["Column"], at + 1);
  EXPECT_EQ(m["EndPosition"]["Line"], 1);
  EXPECT_EQ(m["EndPosition"]["Column"], at + stmt.size() + 1);
}

TEST(CliPolicySimulate, AllowedExitsZero) {
  const SimRun r = Simulate({"--policy-input-list", kPolicy, "--action-names", "ecr:BatchGetImage"});
  EXPECT_EQ(r.code, 0) << r.out;
  const auto res = OnlyResult(r);
  EXPECT_EQ(res["EvalActionName"], "ecr:BatchGetImage");
  EXPECT_EQ(res["EvalResourceName"], "*");
  EXPECT_EQ(res["EvalDecision"], "allowed");
  ExpectMatched(res, kAllowEcr);
  EXPECT_TRUE(res["MissingContextValues"].empty());
}

TEST(CliPolicySimulate, ExplicitDenyNamesTheDenyStatementAndExitsOne) {
  const SimRun r = Simulate({"--policy-input-list", kPolicy, "--action-names", "logs:PutLogEvents"});
  EXPECT_EQ(r.code, 1) << r.out;
  const auto res = OnlyResult(r);
  EXPECT_EQ(res["EvalDecision"], "explicitDeny");
  ExpectMatched(res, kDenyLogs);
}

TEST(CliPolicySimulate, UnknownContextKeyGivesUnknownAndExitsThree) {
  const SimRun r = Simulate({"--policy-input-list", kPolicy, "--action-names", "s3:GetObject",
                          "--unknown-context-keys", "aws:SourceVpce"});
  EXPECT_EQ(r.code, 3) << r.out;
  const auto res = OnlyResult(r);
  EXPECT_EQ(res["EvalDecision"], "unknown");
  EXPECT_EQ(res["MissingContextValues"], nlohmann::json::array({"aws:SourceVpce"}));
  ExpectMatched(res, kVpceS3);
  // Without the key named unknown, the key is absent: the conditional Allow does not apply.
  const SimRun absent = Simulate({"--policy-input-list", kPolicy, "--action-names", "s3:GetObject"});
  EXPECT_EQ(absent.code, 1) << absent.out;
  EXPECT_EQ(OnlyResult(absent)["EvalDecision"], "implicitDeny");
}

TEST(CliPolicySimulate, UsageErrorExitsTwo) {
  EXPECT_EQ(Simulate({"--policy-input-list", "{not json", "--action-names", "ecr:BatchGetImage"}).code, 2);
  EXPECT_EQ(Simulate({"--action-names", "ecr:BatchGetImage", "--no-such-option"}).code, 2);
}

}  // namespace
}  // namespace fd
