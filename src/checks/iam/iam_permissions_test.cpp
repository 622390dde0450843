// The execution role's own permissions, judged by the shared IAM evaluation (analysis/iam/target_iam.h,
// iam_report.h) over base-private-nat, whose role has AmazonECSTaskExecutionRolePolicy and an
// inline policy reading secret DB_PASSWORD: IAM004 ECR pull, IAM005 awslogs, IAM006 secrets,
// parameters and environment files, IAM008 a permissions boundary, IAM010 VPC or endpoint
// conditions on ECR calls that cannot carry them.
#include "testing/check_harness_iam.h"

namespace fd::testing {
namespace {

using report::Severity;

const std::string kManaged =
    "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";
const std::string kPullActions =
    "ecr:BatchGetImage, ecr:GetAuthorizationToken, ecr:GetDownloadUrlForLayer";

Json LogsStatement() {
  return Statement("Logs", "Allow", Json::array({"logs:CreateLogStream", "logs:PutLogEvents"}),
                   "arn:aws:logs:eu-west-3:111122223333:log-group:/ecs/api:*");
}
Json PullStatement(Json actions = Json::array({"ecr:GetAuthorizationToken", "ecr:BatchGetImage",
                                               "ecr:GetDownloadUrlForLayer"})) {
  return Statement("Pull", "Allow", std::move(actions), "*");
}

/// The execution role without the managed policy, its grants instead in one inline policy.
void LeastPrivilege(Snapshot& s, Json statements) {
  SetAttachedPolicies(ExecRole(s), {});
  AddInlinePolicy(ExecRole(s), "least-privilege", PolicyDoc(std::move(statements)));
}

bool Has(const std::vector<std::string>& v, const std::string& needle) {
  for (const auto& s : v)
    if (s.find(needle) != std::string::npos) return true;
  return false;
}

// ---- IAM004 -----------------------------------------------------------------------------------

TEST(IAM004, FiresWhenTheRoleHasNoEcrGrant) {
  auto s = Snapshot::Base("base-private-nat");
  LeastPrivilege(s, Json::array({LogsStatement()}));
  auto run = RunCheck(Def(Code::kIam004), s.Load());
  ASSERT_TRUE(FiresOn(
      run, kExecRoleArn, Severity::kBlocker,
      {"execution role api-task-execution cannot pull from ECR: " + kPullActions + " denied"}));
  ASSERT_EQ(run.findings.size(), 1u) << run.Dump();
  const auto& f = run.findings[0];
  std::vector<std::string> claims;
  for (const auto& e : f.evidence) claims.push_back(e.claim);
  EXPECT_TRUE(
      Has(claims,
          "ecr:GetAuthorizationToken on *: implicitDeny, no statement of the role's identity "
          "policies allows it — needed for image 111122223333.dkr.ecr.eu-west-3.amazonaws.com/"
          "api:1.4 (container api)"))
      << run.Dump();
  EXPECT_FALSE(Has(claims, "BatchCheckLayerAvailability")) << run.Dump();
  EXPECT_TRUE(Has(claims, "caveat: SCPs not evaluated")) << run.Dump();
  ASSERT_EQ(f.fix.commands.size(), 2u);
  EXPECT_EQ(f.fix.commands[0],
            "aws iam attach-role-policy --role-name api-task-execution --policy-arn " + kManaged);
  EXPECT_EQ(
      f.fix.commands[1],
      "aws iam put-role-policy --role-name api-task-execution --policy-name ecs-task-execution-ecr "
      "--policy-document "
      "'{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
      "\"ecr:GetAuthorizationToken\",\"Resource\":\"*\"},{\"Effect\":\"Allow\",\"Action\":"
      "[\"ecr:BatchGetImage\",\"ecr:GetDownloadUrlForLayer\"],\"Resource\":\"" +
          kRepoArn + "\"}]}'");
}

// ecr:BatchCheckLayerAvailability is a push-side call: a policy without it still pulls.
TEST(IAM004, SilentWhenTheRoleGrantsExactlyThePullCalls) {
  auto s = Snapshot::Base("base-private-nat");
  LeastPrivilege(s, Json::array({LogsStatement(), PullStatement()}));
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kIam004), s.Load())));
}

TEST(IAM004, FiresAsWarningWhenTheGrantHangsOnTheOrganizationId) {
  auto s = Snapshot::Base("base-private-nat");
  Json pull = PullStatement();
  pull["Condition"] = {{"StringEquals", {{"aws:PrincipalOrgID", "o-a1b2c3d4e5"}}}};
  LeastPrivilege(s, Json::array({LogsStatement(), pull}));
  auto run = RunCheck(Def(Code::kIam004), s.Load());
  EXPECT_TRUE(FiresOn(run, kExecRoleArn, Severity::kWarning,
                      {"cannot pull from ECR: " + kPullActions +
                       " may be denied (depends on the request context)"}));
}

TEST(IAM004, UncheckedWhenAnAttachedPolicyIsNotInTheSnapshot) {
  auto s = Snapshot::Base("base-private-nat");
  const std::string arn = AddManagedPolicy(s, "platform-ecr", nullptr);
  SetAttachedPolicies(ExecRole(s), {arn});
  auto run = RunCheck(Def(Code::kIam004), s.Load());
  EXPECT_TRUE(
      UncheckedBecause(run, {"ecr:BatchGetImage on " + kRepoArn + ": unknown",
                             "the document of attached policy " + arn +
                                 " is not in the snapshot "
                                 "(collect it with: aws iam get-policy-version --policy-arn " +
                                 arn + " --version-id v3)"}));
}

TEST(IAM004, SilentWhenTheManagedExecutionPolicyIsAttached) {
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kIam004), Snapshot::Base("base-private-nat").Load())));
}

// ---- IAM005 -----------------------------------------------------------------------------------

TEST(IAM005, FiresWhenTheRoleCannotWriteTheLogStream) {
  auto s = Snapshot::Base("base-private-nat");
  LeastPrivilege(s, Json::array({PullStatement()}));
  auto run = RunCheck(Def(Code::kIam005), s.Load());
  ASSERT_TRUE(FiresOn(run, kExecRoleArn, Severity::kBlocker,
                      {"execution role api-task-execution cannot write logs: logs:CreateLogStream, "
                       "logs:PutLogEvents denied"}));
  // One grant on the group's streams covers both calls.
  EXPECT_NE(run.findings[0].fix.commands.at(1).find(
                "\"Action\":[\"logs:CreateLogStream\",\"logs:PutLogEvents\"],\"Resource\":"
                "\"arn:aws:logs:eu-west-3:111122223333:log-group:/ecs/api:*\""),
            std::string::npos)
      << run.Dump();
}

TEST(IAM005, SilentWhenTheRoleMayWriteTheGroupsStreams) {
  auto s = Snapshot::Base("base-private-nat");
  LeastPrivilege(s, Json::array({PullStatement(), LogsStatement()}));
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kIam005), s.Load())));
}

// A truncated authorization-details page does not list all of the role's policies.
TEST(IAM005, UncheckedWhenTheRolesPolicyListsAreIncomplete) {
  auto s = Snapshot::Base("base-private-nat");
  AuthorizationDetails(s)["IsTruncated"] = true;
  SetAttachedPolicies(ExecRole(s), {});
  auto run = RunCheck(Def(Code::kIam005), s.Load());
  EXPECT_TRUE(UncheckedBecause(run, {"logs:CreateLogStream",
                                     "the list of inline policies of role "
                                     "api-task-execution is not in the snapshot"}));
}

// ---- IAM006 -----------------------------------------------------------------------------------

TEST(IAM006, FiresWhenTheRoleCannotReadTheSecretOrTheEnvironmentFile) {
  auto s = Snapshot::Base("base-private-nat");
  ExecRole(s)["RolePolicyList"] = Json::array();
  Container(s)["environmentFiles"] =
      Json::array({{{"value", "arn:aws:s3:::api-config/prod.env"}, {"type", "s3"}}});
  auto run = RunCheck(Def(Code::kIam006), s.Load());
  ASSERT_TRUE(
      FiresOn(run, kExecRoleArn, Severity::kBlocker,
              {"execution role api-task-execution cannot read the task's secrets, parameters or "
               "environment files: s3:GetBucketLocation, s3:GetObject, "
               "secretsmanager:GetSecretValue denied"}));
  const auto& fix = run.findings[0].fix;
  EXPECT_NE(fix.summary.find(
                "for a customer managed key the key policy must admit the role too (IAM012)"),
            std::string::npos)
      << fix.summary;
  ASSERT_EQ(fix.commands.size(), 1u);  // no managed policy grants these
  EXPECT_NE(
      fix.commands[0].find("{\"Effect\":\"Allow\",\"Action\":\"secretsmanager:GetSecretValue\","
                           "\"Resource\":\"" +
                           kDbSecretArn + "\"}"),
      std::string::npos)
      << fix.commands[0];
}

// A secret named without its random suffix, and not in the snapshot: the grant must end in -*.
TEST(IAM006, FiresWithAWildcardGrantForASecretNamedWithoutItsSuffix) {
  auto s = Snapshot::Base("base-private-nat");
  Container(s)["secrets"].push_back(
      {{"name", "API_KEY"},
       {"valueFrom", "arn:aws:secretsmanager:eu-west-3:111122223333:secret:prod/api/key"}});
  auto run = RunCheck(Def(Code::kIam006), s.Load());
  ASSERT_TRUE(
      FiresOn(run, kExecRoleArn, Severity::kBlocker, {"secretsmanager:GetSecretValue denied"}));
  const auto& f = run.findings[0];
  EXPECT_NE(f.fix.commands.at(0).find(
                "\"Resource\":\"arn:aws:secretsmanager:eu-west-3:111122223333:secret:"
                "prod/api/key-*\""),
            std::string::npos)
      << f.fix.commands[0];
  std::vector<std::string> claims;
  for (const auto& e : f.evidence) claims.push_back(e.claim);
  EXPECT_TRUE(
      Has(claims, "note: secret named without its 6-character suffix and not in the snapshot"))
      << run.Dump();
}

TEST(IAM006, SilentWhenTheRoleReadsExactlyItsSecret) {
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kIam006), Snapshot::Base("base-private-nat").Load())));
}

// A policy document the collector could not decode is not in the snapshot: the read is
// undecided, never denied.
TEST(IAM006, UncheckedWhenTheInlinePolicyDocumentIsUnreadable) {
  auto s = Snapshot::Base("base-private-nat");
  ExecRole(s)["RolePolicyList"][0]["PolicyDocument"] = 42;
  auto run = RunCheck(Def(Code::kIam006), s.Load());
  EXPECT_TRUE(UncheckedBecause(
      run, {"secretsmanager:GetSecretValue on " + kDbSecretArn + ": unknown",
            "the document of inline policy read-db-secret of role api-task-execution "
            "is not in the snapshot"}));
}

// ---- IAM008 -----------------------------------------------------------------------------------

/// The base design with a permissions boundary holding `doc` (null: its document not collected).
std::string Boundary(Snapshot& s, Json doc) {
  const std::string arn = AddManagedPolicy(s, "app-boundary", std::move(doc));
  SetBoundary(ExecRole(s), arn);
  return arn;
}

Json AppBoundary(Json extra_actions = Json::array()) {
  Json actions = Json::array({"logs:*", "secretsmanager:GetSecretValue", "s3:GetObject"});
  for (auto& a : extra_actions) actions.push_back(a);
  return OneStatement("AppBoundary", "Allow", std::move(actions));
}

TEST(IAM008, FiresWhenTheBoundaryLeavesOutEcr) {
  auto s = Snapshot::Base("base-private-nat");
  const std::string boundary = Boundary(s, AppBoundary());
  auto run = RunCheck(Def(Code::kIam008), s.Load());
  ASSERT_TRUE(FiresOn(run, kExecRoleArn, Severity::kBlocker,
                      {"execution role api-task-execution is capped by its permissions boundary: " +
                       kPullActions + " denied"}));
  const auto& fix = run.findings[0].fix;
  EXPECT_EQ(fix.commands,
            (std::vector<std::string>{
                "aws iam create-policy-version --policy-arn " + boundary +
                    " --policy-document file://boundary.json --set-as-default",
                "aws iam delete-role-permissions-boundary --role-name api-task-execution"}));
  EXPECT_NE(fix.summary.find("add a statement allowing " + kPullActions +
                             " to the permissions boundary " + boundary),
            std::string::npos)
      << fix.summary;
}

// The boundary allows the pull but not ecr:BatchCheckLayerAvailability, a push-side call a pull
// never makes (the analysis derives no request for it).
TEST(IAM008, SilentWhenTheBoundaryAllowsThePullCalls) {
  auto s = Snapshot::Base("base-private-nat");
  Boundary(s, AppBoundary(Json::array({"ecr:GetAuthorizationToken", "ecr:BatchGetImage",
                                       "ecr:GetDownloadUrlForLayer"})));
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kIam008), s.Load())));
}

TEST(IAM008, UncheckedWhenTheBoundaryDocumentIsNotInTheSnapshot) {
  auto s = Snapshot::Base("base-private-nat");
  const std::string boundary = Boundary(s, nullptr);
  auto run = RunCheck(Def(Code::kIam008), s.Load());
  EXPECT_TRUE(UncheckedBecause(
      run, {"the document of permissions boundary " + boundary + " is not in the snapshot"}));
}

// ---- IAM010 -----------------------------------------------------------------------------------

const std::string kEcrDkrEndpoint = "vpce-0947f0137e5076b58";  // base-endpoints' ecr.dkr endpoint

Json ViaEndpoint(Json statement, const std::string& endpoint = kEcrDkrEndpoint) {
  statement["Condition"] = {{"StringEquals", {{"aws:SourceVpce", endpoint}}}};
  return statement;
}

TEST(IAM010, FiresWhenTheAuthTokenIsConditionedOnTheEndpoint) {
  auto s = Snapshot::Base("base-endpoints");
  LeastPrivilege(s, Json::array({LogsStatement(), ViaEndpoint(PullStatement("ecr:*"))}));
  const model::Model m = s.Load();
  auto run = RunCheck(Def(Code::kIam010), m);
  ASSERT_TRUE(FiresOn(
      run, kExecRoleArn, Severity::kBlocker,
      {"execution role api-task-execution conditions ECR access on aws:SourceVpc/aws:SourceVpce, "
       "which ecr:GetAuthorizationToken never carries on Fargate"}));
  EXPECT_TRUE(EvidenceOn(run, kExecRoleArn,
                         {"statement Pull (Allow) requires StringEquals aws:SourceVpce for "
                          "ecr:GetAuthorizationToken"}));
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kIam004), m)));  // one cause, one finding
}

TEST(IAM010, SilentWhenOnlyThePullCallsAreConditionedOnTheEndpointTheyUse) {
  auto s = Snapshot::Base("base-endpoints");
  LeastPrivilege(s, Json::array({LogsStatement(), PullStatement("ecr:GetAuthorizationToken"),
                                 ViaEndpoint(PullStatement(Json::array(
                                     {"ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"})))}));
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kIam010), s.Load())));
}

// The same policy where the task reaches ECR through a NAT gateway: the pull carries no
// aws:SourceVpce.
TEST(IAM010, FiresWhenThePullIsConditionedOnAnEndpointTheTaskDoesNotUse) {
  auto s = Snapshot::Base("base-private-nat");
  LeastPrivilege(s, Json::array({LogsStatement(), PullStatement("ecr:GetAuthorizationToken"),
                                 ViaEndpoint(PullStatement(Json::array(
                                     {"ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"})))}));
  auto run = RunCheck(Def(Code::kIam010), s.Load());
  EXPECT_TRUE(
      FiresOn(run, kExecRoleArn, Severity::kBlocker,
              {"which the pull does not carry: the task reaches ECR without the endpoint"}));
}

}  // namespace
}  // namespace fd::testing
