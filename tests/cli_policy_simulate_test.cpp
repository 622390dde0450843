// End-to-end tests of `fargate-doctor policy simulate` (FD_BINARY): the simulate-custom-policy
// output shape, MatchedStatements positions, --unknown-context-keys, and the exit codes its
// --help documents (0 all allowed, 1 a deny, 2 usage error, 3 no deny but an unknown); and the
// simulate-principal-policy twin `--principal ROLE_ARN SNAPSHOT` over scenario snapshots.

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace fd {
namespace {

struct SimRun {
  int code = -1;
  std::string out;
  std::string err;
};

std::string ReadText(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// Runs the binary without a shell (policies contain quotes), stdout captured, stderr kept in a
/// temporary file and returned.
SimRun Simulate(std::vector<std::string> args) {
  args.insert(args.begin(), {FD_BINARY, "policy", "simulate"});
  char err_path[] = "/tmp/fd-sim-err-XXXXXX";
  const int err_fd = mkstemp(err_path);
  if (err_fd < 0) return {};
  int fds[2];
  if (pipe(fds) != 0) return {};
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], 1);
    dup2(err_fd, 2);
    close(fds[0]);
    close(fds[1]);
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
  close(err_fd);
  r.err = ReadText(err_path);
  std::filesystem::remove(err_path);
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

// ---- --principal ROLE_ARN SNAPSHOT: simulate-principal-policy over scenario snapshots ----------

const std::string kAccount = "111122223333";
const std::string kRole = "arn:aws:iam::111122223333:role/api-task-execution";
const std::string kRepo = "arn:aws:ecr:eu-west-3:111122223333:repository/api";
const std::string kSecret =
    "arn:aws:secretsmanager:eu-west-3:111122223333:secret:prod/api/db-password-Xa9kQ2";
const std::string kExecPolicy = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";

std::string Scenario(const std::string& name) {
  return std::string(FD_SOURCE_DIR) + "/tests/scenarios/" + name + "/snapshot";
}

/// A copy of a scenario snapshot in a temporary folder, to edit one file of it.
class SnapshotCopy {
 public:
  explicit SnapshotCopy(const std::string& scenario) {
    char tmpl[] = "/tmp/fd-sim-snap-XXXXXX";
    const char* made = mkdtemp(tmpl);
    dir_ = made ? made : "";
    if (!dir_.empty()) std::filesystem::copy(Scenario(scenario), dir_, std::filesystem::copy_options::recursive);
  }
  ~SnapshotCopy() {
    std::error_code ec;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
  }
  SnapshotCopy(const SnapshotCopy&) = delete;
  SnapshotCopy& operator=(const SnapshotCopy&) = delete;

  const std::string& dir() const { return dir_; }
  nlohmann::json Read(const std::string& file) const {
    return nlohmann::json::parse(ReadText(dir_ + "/" + file), nullptr, false);
  }
  void Write(const std::string& file, const nlohmann::json& j) const {
    std::ofstream(dir_ + "/" + file) << j.dump(2);
  }
  /// The execution role's entry of iam get-account-authorization-details, edited in place.
  template <typename Edit>
  void EditRole(Edit edit) const {
    auto d = Read(kDetails);
    for (auto& r : d["RoleDetailList"])
      if (r["Arn"] == kRole) edit(r);
    Write(kDetails, d);
  }

 private:
  static constexpr const char* kDetails = "iam-get-account-authorization-details.json";
  std::string dir_;
};

nlohmann::json Matched(const nlohmann::json& res) {
  EXPECT_EQ(res["MatchedStatements"].size(), 1u) << res.dump(2);
  return res["MatchedStatements"].empty() ? nlohmann::json::object() : res["MatchedStatements"][0];
}

TEST(CliPolicySimulatePrincipal, AllowedViaTheAttachedManagedPolicy) {
  const SimRun r = Simulate({"--principal", kRole, Scenario("iam-healthy-least-privilege"),
                             "--action-names", "ecr:BatchGetImage", "--resource-arns", kRepo});
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  const auto res = OnlyResult(r);
  EXPECT_EQ(res["EvalActionName"], "ecr:BatchGetImage");
  EXPECT_EQ(res["EvalResourceName"], kRepo);
  EXPECT_EQ(res["EvalDecision"], "allowed");
  const auto m = Matched(res);
  EXPECT_EQ(m["SourcePolicyId"], kExecPolicy);
  EXPECT_EQ(m["SourcePolicyType"], "aws-managed");
  EXPECT_GE(m["StartPosition"]["Line"].get<int>(), 1);
  EXPECT_TRUE(res["MissingContextValues"].empty());
  EXPECT_FALSE(res.contains("MissingSnapshotData"));
  // No organizations data: said once on stderr, not a decision.
  EXPECT_NE(r.err.find("SCPs not evaluated"), std::string::npos) << r.err;
}

TEST(CliPolicySimulatePrincipal, AllowedViaTheInlinePolicyNamesIt) {
  const SimRun r = Simulate({"--principal", kRole, Scenario("iam-healthy-least-privilege"),
                             "--action-names", "secretsmanager:GetSecretValue", "--resource-arns", kSecret});
  EXPECT_EQ(r.code, 0) << r.out;
  const auto m = Matched(OnlyResult(r));
  EXPECT_EQ(m["SourcePolicyId"], "read-db-secret");
  EXPECT_EQ(m["SourcePolicyType"], "role");
}

TEST(CliPolicySimulatePrincipal, ExplicitDenyInAnInlinePolicy) {
  SnapshotCopy snap("iam-healthy-least-privilege");
  snap.EditRole([](nlohmann::json& role) {
    role["RolePolicyList"].push_back({{"PolicyName", "no-ecr-pull"},
                                      {"PolicyDocument",
                                       {{"Version", "2012-10-17"},
                                        {"Statement",
                                         {{{"Sid", "NoPull"}, {"Effect", "Deny"},
                                           {"Action", "ecr:BatchGetImage"}, {"Resource", "*"}}}}}}});
  });
  const SimRun r = Simulate({"--principal", kRole, snap.dir(), "--action-names",
                             "ecr:BatchGetImage,logs:PutLogEvents", "--resource-arns", kRepo});
  EXPECT_EQ(r.code, 1) << r.out << r.err;
  const auto j = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_EQ(j["EvaluationResults"].size(), 2u) << r.out;
  const auto& pull = j["EvaluationResults"][0];
  EXPECT_EQ(pull["EvalDecision"], "explicitDeny");
  EXPECT_EQ(Matched(pull)["SourcePolicyId"], "no-ecr-pull");
  EXPECT_EQ(Matched(pull)["SourcePolicyType"], "role");
  EXPECT_EQ(j["EvaluationResults"][1]["EvalDecision"], "allowed");  // the deny is for ECR only
}

TEST(CliPolicySimulatePrincipal, PermissionsBoundaryDenies) {
  const SimRun r = Simulate({"--principal", kRole, Scenario("iam008-boundary-without-ecr"),
                             "--action-names", "ecr:BatchGetImage,logs:PutLogEvents"});
  EXPECT_EQ(r.code, 1) << r.out;
  const auto j = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_EQ(j["EvaluationResults"].size(), 2u) << r.out;
  const auto& pull = j["EvaluationResults"][0];
  EXPECT_EQ(pull["EvalDecision"], "implicitDeny");
  EXPECT_EQ(pull["PermissionsBoundaryDecisionDetail"]["AllowedByPermissionsBoundary"], false);
  const auto& logs = j["EvaluationResults"][1];
  EXPECT_EQ(logs["EvalDecision"], "allowed");
  EXPECT_EQ(logs["PermissionsBoundaryDecisionDetail"]["AllowedByPermissionsBoundary"], true);
  // A boundary given as an option replaces the role's: with ECR in it, the pull is allowed.
  const SimRun replaced = Simulate(
      {"--principal", kRole, Scenario("iam008-boundary-without-ecr"), "--action-names",
       "ecr:BatchGetImage", "--permissions-boundary-policy-input-list",
       R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"ecr:*","Resource":"*"}})"});
  EXPECT_EQ(replaced.code, 0) << replaced.out;
}

TEST(CliPolicySimulatePrincipal, ServiceControlPolicyDeniesAndNamesThePolicy) {
  const std::string dir = Scenario("iam009-scp-denies-ecr-outside-endpoint");
  const SimRun r = Simulate({"--principal", kRole, dir, "--action-names", "ecr:GetAuthorizationToken"});
  EXPECT_EQ(r.code, 1) << r.out << r.err;
  const auto res = OnlyResult(r);
  EXPECT_EQ(res["EvalDecision"], "explicitDeny");
  const auto m = Matched(res);
  EXPECT_EQ(m["SourcePolicyId"], "p-7h2k9d3x1q");
  EXPECT_EQ(m["SourcePolicyType"], "Service Control Policy");
  EXPECT_EQ(res["OrganizationsDecisionDetail"]["AllowedByOrganizations"], false);
  // The SCP's condition (Null aws:SourceVpce) decides: with the key given, FullAWSAccess and the
  // managed policy allow; with the key unknown, the answer is unknown naming it.
  const SimRun via = Simulate({"--principal", kRole, dir, "--action-names", "ecr:GetAuthorizationToken",
                               "--context-entries",
                               "ContextKeyName=aws:SourceVpce,ContextKeyValues=vpce-0a1b2c3d4e5f60718,ContextKeyType=string"});
  EXPECT_EQ(via.code, 0) << via.out;
  EXPECT_EQ(OnlyResult(via)["OrganizationsDecisionDetail"]["AllowedByOrganizations"], true);
  const SimRun unknown = Simulate({"--principal", kRole, dir, "--action-names", "ecr:GetAuthorizationToken",
                                   "--unknown-context-keys", "aws:SourceVpce"});
  EXPECT_EQ(unknown.code, 3) << unknown.out;
  EXPECT_EQ(OnlyResult(unknown)["EvalDecision"], "unknown");
  EXPECT_EQ(OnlyResult(unknown)["MissingContextValues"], nlohmann::json::array({"aws:SourceVpce"}));
}

TEST(CliPolicySimulatePrincipal, ResourceControlPolicyOnTheOuDeniesKeyUse) {
  const std::string key = "arn:aws:kms:eu-west-3:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  const std::string dir = Scenario("iam009-rcp-denies-kms-decrypt");
  const SimRun r = Simulate({"--principal", kRole, dir, "--action-names", "kms:Decrypt", "--resource-arns", key});
  EXPECT_EQ(r.code, 1) << r.out << r.err;
  const auto res = OnlyResult(r);
  EXPECT_EQ(res["EvalDecision"], "explicitDeny");
  EXPECT_EQ(Matched(res)["SourcePolicyId"], "p-3rcpkms0a1");
  EXPECT_EQ(Matched(res)["SourcePolicyType"], "Resource Control Policy");
  EXPECT_EQ(res["OrganizationsDecisionDetail"]["AllowedByOrganizations"], false);
  // The healthy twin lists the account: the key policy's root statement delegates to IAM and the
  // role's inline statement allows.
  const SimRun ok = Simulate({"--principal", kRole, Scenario("iam009-rcp-key-custody-admits-account-healthy"),
                              "--action-names", "kms:Decrypt", "--resource-arns", key});
  EXPECT_EQ(ok.code, 0) << ok.out;
  EXPECT_EQ(OnlyResult(ok)["EvalDecisionDetails"]["Resource Policy"], "allowed");
}

TEST(CliPolicySimulatePrincipal, SecretResourcePolicyDenyAndAllowAgreeWithTheCustomSimulation) {
  // iam013: the secret's policy denies calls without aws:SourceVpc = the VPC.
  const std::string dir = Scenario("iam013-secret-policy-deny");
  const SimRun deny = Simulate({"--principal", kRole, dir, "--action-names",
                                "secretsmanager:GetSecretValue", "--resource-arns", kSecret});
  EXPECT_EQ(deny.code, 1) << deny.out;
  const auto res = OnlyResult(deny);
  EXPECT_EQ(res["EvalDecision"], "explicitDeny");
  EXPECT_EQ(Matched(res)["SourcePolicyId"], kSecret);
  EXPECT_EQ(Matched(res)["SourcePolicyType"], "resource");
  EXPECT_EQ(res["EvalDecisionDetails"]["Resource Policy"], "explicitDeny");

  // A role with no identity grant for the secret, whose resource policy allows the role: a
  // same-account resource policy allow suffices.
  SnapshotCopy snap("iam-healthy-least-privilege");
  snap.EditRole([](nlohmann::json& role) { role["RolePolicyList"] = nlohmann::json::array(); });
  const std::string resource_policy =
      R"({"Version":"2012-10-17","Statement":[{"Sid":"ExecutionRoleReads","Effect":"Allow",)"
      R"("Principal":{"AWS":")" + kRole + R"("},"Action":"secretsmanager:GetSecretValue","Resource":"*"}]})";
  snap.Write("secretsmanager-get-resource-policy.json",
             {{"ARN", kSecret}, {"Name", "prod/api/db-password"}, {"ResourcePolicy", resource_policy}});
  const SimRun allow = Simulate({"--principal", kRole, snap.dir(), "--action-names",
                                 "secretsmanager:GetSecretValue", "--resource-arns", kSecret});
  EXPECT_EQ(allow.code, 0) << allow.out << allow.err;
  const auto a = OnlyResult(allow);
  EXPECT_EQ(a["EvalDecision"], "allowed");
  EXPECT_EQ(Matched(a)["SourcePolicyId"], kSecret);
  EXPECT_EQ(Matched(a)["SourcePolicyType"], "resource");
  EXPECT_EQ(a["EvalDecisionDetails"]["IAM Policy"], "implicitDeny");
  EXPECT_EQ(a["EvalDecisionDetails"]["Resource Policy"], "allowed");
  // Cross-check: simulate-custom-policy with the same documents and the role session as caller.
  const SimRun custom = Simulate(
      {"--policy-input-list", R"({"Version":"2012-10-17","Statement":[]})", "--resource-policy",
       resource_policy, "--caller-arn", "arn:aws:sts::111122223333:assumed-role/api-task-execution/s",
       "--action-names", "secretsmanager:GetSecretValue", "--resource-arns", kSecret});
  EXPECT_EQ(custom.code, 0) << custom.out;
  EXPECT_EQ(OnlyResult(custom)["EvalDecision"], "allowed");
  // Without the resource policy the role has no grant at all.
  std::filesystem::remove(snap.dir() + "/secretsmanager-get-resource-policy.json");
  const SimRun none = Simulate({"--principal", kRole, snap.dir(), "--action-names",
                                "secretsmanager:GetSecretValue", "--resource-arns", kSecret});
  EXPECT_EQ(none.code, 1) << none.out;
  EXPECT_EQ(OnlyResult(none)["EvalDecision"], "implicitDeny");
}

TEST(CliPolicySimulatePrincipal, AttachedPolicyMissingFromTheSnapshotIsUnknownNamingWhatToCollect) {
  SnapshotCopy snap("iam-healthy-least-privilege");
  auto d = snap.Read("iam-get-account-authorization-details.json");
  nlohmann::json kept = nlohmann::json::array();
  for (const auto& p : d["Policies"])
    if (p["Arn"] != kExecPolicy) kept.push_back(p);
  d["Policies"] = kept;
  snap.Write("iam-get-account-authorization-details.json", d);
  const SimRun r = Simulate({"--principal", kRole, snap.dir(), "--action-names", "ecr:BatchGetImage"});
  EXPECT_EQ(r.code, 3) << r.out << r.err;
  const auto res = OnlyResult(r);
  EXPECT_EQ(res["EvalDecision"], "unknown");
  EXPECT_TRUE(res["MissingContextValues"].empty()) << res.dump(2);
  ASSERT_EQ(res["MissingSnapshotData"].size(), 1u) << res.dump(2);
  EXPECT_NE(res["MissingSnapshotData"][0].get<std::string>().find("aws iam get-policy-version --policy-arn " + kExecPolicy),
            std::string::npos);
}

TEST(CliPolicySimulatePrincipal, UnknownRoleExitsTwoNamingTheArnAndTheSnapshotsRoles) {
  const std::string missing = "arn:aws:iam::111122223333:role/not-there";
  const SimRun r = Simulate({"--principal", missing, Scenario("iam-healthy-least-privilege"),
                             "--action-names", "ecr:BatchGetImage"});
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(r.out.empty()) << r.out;
  const auto line = r.err.find("fargate-doctor: error: ");
  ASSERT_NE(line, std::string::npos) << r.err;
  const std::string error = r.err.substr(line);
  EXPECT_EQ(error.find('\n'), error.size() - 1) << error;  // one line
  EXPECT_NE(error.find(missing), std::string::npos) << error;
  EXPECT_NE(error.find(kRole), std::string::npos) << error;
  // Snapshot paths without --principal, and --principal without a snapshot, are usage errors.
  EXPECT_EQ(Simulate({Scenario("iam-healthy-least-privilege"), "--policy-input-list", kPolicy,
                      "--action-names", "ecr:BatchGetImage"}).code, 2);
  // --action-names takes several words: a path after it is not an action, said as a usage error.
  const SimRun swallowed = Simulate({"--principal", kRole, "--action-names", "ecr:BatchGetImage",
                                     Scenario("iam-healthy-least-privilege")});
  EXPECT_EQ(swallowed.code, 2);
  EXPECT_NE(swallowed.err.find("is not an action name"), std::string::npos) << swallowed.err;
  EXPECT_EQ(Simulate({"--principal", kRole, "--action-names", "ecr:BatchGetImage"}).code, 2);
}

}  // namespace
}  // namespace fd
