// The policies of the resources a start reads, and of whoever starts it: IAM011 the ECR
// repository policy, IAM013 the secret's resource policy, IAM014 iam:PassRole of the caller.
// Over base-private-nat (reaching ECR and Secrets Manager through a NAT gateway) and
// base-endpoints (through interface endpoints), whose execution role may pull and read its
// secret.
#include "testing/check_harness_iam.h"

namespace fd::testing {
namespace {

using report::Severity;

const std::string kOtherImage = "444455556666.dkr.ecr.eu-west-3.amazonaws.com/shared/api:2.0";
const std::string kOtherRepoArn = "arn:aws:ecr:eu-west-3:444455556666:repository/shared/api";
const std::string kOtherSecretArn =
    "arn:aws:secretsmanager:eu-west-3:444455556666:secret:shared/db-AbCdEf";

Json To(const std::string& principal, Json extra = Json::object()) {
  Json e = {{"Principal", {{"AWS", principal}}}};
  for (auto& [k, v] : extra.items()) e[k] = v;
  return e;
}
Json PullActions() {
  return Json::array(
      {"ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"});
}
Json OrgOnly() {
  return {{"Condition", {{"StringNotEquals", {{"aws:PrincipalOrgID", "o-a1b2c3d4e5"}}}}}};
}

// ---- IAM011 -----------------------------------------------------------------------------------

TEST(IAM011, FiresWhenTheRepositoryPolicyDeniesTheRole) {
  auto s = Snapshot::Base("base-private-nat");
  SetRepositoryPolicy(
      s, "api", kAccount,
      OneStatement("NoAgents", "Deny", "ecr:BatchGetImage", nullptr, To(kExecRoleArn)));
  auto run = RunCheck(Def(Code::kIam011), s.Load());
  ASSERT_TRUE(FiresOn(
      run, kRepoArn, Severity::kBlocker,
      {"the repository policy of api denies execution role " + kExecRoleArn + " the image pull"}));
  EXPECT_EQ(run.findings[0].evidence.at(0).claim,
            "ecr:BatchGetImage explicitly denied by repository policy of api statement NoAgents");
}

TEST(IAM011, SilentWhenTheDenyNamesAnotherRole) {
  auto s = Snapshot::Base("base-private-nat");
  SetRepositoryPolicy(s, "api", kAccount,
                      OneStatement("NoCi", "Deny", "ecr:BatchGetImage", nullptr,
                                   To("arn:aws:iam::111122223333:role/ci-runner")));
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kIam011), s.Load())));
}

TEST(IAM011, FiresAsWarningWhenTheDenyHangsOnTheOrganizationId) {
  auto s = Snapshot::Base("base-private-nat");
  Json deny = OneStatement("OrgOnly", "Deny", "ecr:*", nullptr, {{"Principal", "*"}});
  deny["Statement"][0]["Condition"] = OrgOnly()["Condition"];
  SetRepositoryPolicy(s, "api", kAccount, deny);
  auto run = RunCheck(Def(Code::kIam011), s.Load());
  ASSERT_TRUE(FiresOn(run, kRepoArn, Severity::kWarning,
                      {"whether the repository policy of api admits execution role " +
                       kExecRoleArn + " depends on context the snapshot cannot supply"}));
  EXPECT_NE(run.findings[0].evidence.at(0).claim.find("undecided, hangs on aws:PrincipalOrgID"),
            std::string::npos)
      << run.Dump();
}

TEST(IAM011, UncheckedWhenTheRepositoryPolicyDoesNotParse) {
  auto s = Snapshot::Base("base-private-nat");
  SetRepositoryPolicy(s, "api", kAccount, "{\"Statement\": 7}");
  auto run = RunCheck(Def(Code::kIam011), s.Load());
  EXPECT_TRUE(UncheckedBecause(run, {"repository policy of " + kRepoArn + " does not parse"}));
}

/// The base design pulling from a repository of another account.
Snapshot CrossAccountImage() {
  auto s = Snapshot::Base("base-private-nat");
  Container(s)["image"] = kOtherImage;
  return s;
}

TEST(IAM011, FiresWhenACrossAccountRepositoryHasNoPolicy) {
  auto s = CrossAccountImage();
  SetRepositoryPolicy(s, "shared/api", kOtherAccount, nullptr);
  auto run = RunCheck(Def(Code::kIam011), s.Load());
  ASSERT_TRUE(FiresOn(run, kOtherRepoArn, Severity::kBlocker,
                      {"repository shared/api in account 444455556666 has no repository policy, so "
                       "execution role " +
                       kExecRoleArn + " of account 111122223333 cannot pull from it"}));
  EXPECT_NE(
      run.findings[0].fix.commands.at(0).find("aws ecr set-repository-policy --repository-name "
                                              "shared/api --registry-id 444455556666 --region "
                                              "eu-west-3 --policy-text"),
      std::string::npos)
      << run.Dump();
}

TEST(IAM011, FiresWhenACrossAccountPolicyAdmitsOnlyOthers) {
  auto s = CrossAccountImage();
  SetRepositoryPolicy(
      s, "shared/api", kOtherAccount,
      OneStatement("Ci", "Allow", PullActions(), nullptr, To("arn:aws:iam::999988887777:root")));
  auto run = RunCheck(Def(Code::kIam011), s.Load());
  EXPECT_TRUE(FiresOn(run, kOtherRepoArn, Severity::kBlocker,
                      {"the repository policy of shared/api in account 444455556666 does not allow "
                       "execution role " +
                       kExecRoleArn + " of account 111122223333 to pull"}));
}

TEST(IAM011, SilentWhenACrossAccountPolicyAdmitsTheRolesAccount) {
  auto s = CrossAccountImage();
  SetRepositoryPolicy(
      s, "shared/api", kOtherAccount,
      OneStatement("Api", "Allow", PullActions(), nullptr, To("arn:aws:iam::111122223333:root")));
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kIam011), s.Load())));
}

// A pull calls BatchGetImage and GetDownloadUrlForLayer only: a policy that leaves out the
// push-side BatchCheckLayerAvailability (as AmazonEC2ContainerRegistryPullOnly does) admits it.
TEST(IAM011, SilentWhenACrossAccountPolicyAdmitsExactlyThePullCalls) {
  auto s = CrossAccountImage();
  SetRepositoryPolicy(s, "shared/api", kOtherAccount,
                      OneStatement("Api", "Allow", Json::array({"ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"}),
                                   nullptr, To("arn:aws:iam::111122223333:root")));
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kIam011), s.Load())));
}

TEST(IAM011, UncheckedWhenACrossAccountPolicyIsNotCollected) {
  auto run = RunCheck(Def(Code::kIam011), CrossAccountImage().Load());
  EXPECT_TRUE(UncheckedBecause(
      run, {"repository policy of " + kOtherRepoArn + " (" + kServiceArn +
            ") not collected (ecr get-repository-policy): the repository is in another account"}));
  EXPECT_EQ(run.unchecked.size(), 1u) << run.Dump();  // once per repository, not per pull call
}

// Same account, and the snapshot holds no repository policy at all: the role's own policies
// decide, so there is nothing to miss.
TEST(IAM011, SilentWhenNoRepositoryPolicyWasCollectedInTheSameAccount) {
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kIam011), Snapshot::Base("base-private-nat").Load())));
}

// ---- IAM013 -----------------------------------------------------------------------------------

/// Deny reading the secret except through one endpoint (a common data perimeter).
Json OnlyThroughEndpoint(const std::string& endpoint) {
  Json doc = OneStatement("OnlyViaEndpoint", "Deny", "secretsmanager:GetSecretValue", "*",
                          {{"Principal", "*"}});
  doc["Statement"][0]["Condition"] = {{"StringNotEquals", {{"aws:SourceVpce", endpoint}}}};
  return doc;
}
const std::string kSecretsEndpoint = "vpce-03db1112da3bc6dd1";  // base-endpoints'

TEST(IAM013, FiresWhenThePolicyDeniesReadsOutsideAnEndpointTheTaskDoesNotUse) {
  auto s = Snapshot::Base("base-private-nat");
  SetSecretPolicy(s, kDbSecretArn, "prod/api/db-password", OnlyThroughEndpoint(kSecretsEndpoint));
  auto run = RunCheck(Def(Code::kIam013), s.Load());
  ASSERT_TRUE(FiresOn(run, kDbSecretArn, Severity::kBlocker,
                      {"the resource policy of secret prod/api/db-password denies execution role " +
                       kExecRoleArn + " the read (secret DB_PASSWORD of container api)"}));
  EXPECT_EQ(run.findings[0].evidence.at(0).claim,
            "secretsmanager:GetSecretValue explicitly denied by resource policy of secret "
            "prod/api/db-password "
            "statement OnlyViaEndpoint");
}

TEST(IAM013, SilentWhenTheTaskReadsThroughThatEndpoint) {
  auto s = Snapshot::Base("base-endpoints");
  SetSecretPolicy(s, kDbSecretArn, "prod/api/db-password", OnlyThroughEndpoint(kSecretsEndpoint));
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kIam013), s.Load())));
}

TEST(IAM013, FiresAsWarningWhenTheDenyHangsOnTheOrganizationId) {
  auto s = Snapshot::Base("base-private-nat");
  Json doc = OneStatement("OrgOnly", "Deny", "secretsmanager:*", "*", {{"Principal", "*"}});
  doc["Statement"][0]["Condition"] = OrgOnly()["Condition"];
  SetSecretPolicy(s, kDbSecretArn, "prod/api/db-password", doc);
  auto run = RunCheck(Def(Code::kIam013), s.Load());
  EXPECT_TRUE(
      FiresOn(run, kDbSecretArn, Severity::kWarning,
              {"whether the resource policy of secret prod/api/db-password admits execution role " +
               kExecRoleArn + " depends on context the snapshot cannot supply"}));
}

/// The base design reading a secret of another account.
Snapshot CrossAccountSecret() {
  auto s = Snapshot::Base("base-private-nat");
  Container(s)["secrets"][0]["valueFrom"] = kOtherSecretArn;
  AddSecret(s, kOtherSecretArn, "shared/db");
  return s;
}

TEST(IAM013, FiresWhenACrossAccountSecretHasNoPolicy) {
  auto s = CrossAccountSecret();
  SetSecretPolicy(s, kOtherSecretArn, "shared/db", nullptr);
  auto run = RunCheck(Def(Code::kIam013), s.Load());
  EXPECT_TRUE(FiresOn(run, kOtherSecretArn, Severity::kBlocker,
                      {"secret " + kOtherSecretArn +
                       " in account 444455556666 has no resource policy, so execution "
                       "role " +
                       kExecRoleArn + " of account 111122223333 cannot read it"}));
}

TEST(IAM013, FiresWhenACrossAccountPolicyAdmitsOnlyOthers) {
  auto s = CrossAccountSecret();
  SetSecretPolicy(s, kOtherSecretArn, "shared/db",
                  OneStatement("Ci", "Allow", "secretsmanager:GetSecretValue", "*",
                               To("arn:aws:iam::999988887777:root")));
  auto run = RunCheck(Def(Code::kIam013), s.Load());
  EXPECT_TRUE(FiresOn(run, kOtherSecretArn, Severity::kBlocker,
                      {"the resource policy of secret shared/db in account 444455556666 does not "
                       "allow execution role " +
                       kExecRoleArn + " of account 111122223333"}));
}

TEST(IAM013, SilentWhenACrossAccountPolicyAdmitsTheRole) {
  auto s = CrossAccountSecret();
  SetSecretPolicy(
      s, kOtherSecretArn, "shared/db",
      OneStatement("Api", "Allow", "secretsmanager:GetSecretValue", "*", To(kExecRoleArn)));
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kIam013), s.Load())));
}

TEST(IAM013, UncheckedWhenACrossAccountPolicyIsNotCollected) {
  auto run = RunCheck(Def(Code::kIam013), CrossAccountSecret().Load());
  EXPECT_TRUE(UncheckedBecause(
      run, {"resource policy of secret " + kOtherSecretArn + " (" + kServiceArn +
            ") not collected (secretsmanager get-resource-policy): the secret is in another "
            "account"}));
}

TEST(IAM013, UncheckedWhenThePolicyDoesNotParse) {
  auto s = Snapshot::Base("base-private-nat");
  SetSecretPolicy(s, kDbSecretArn, "prod/api/db-password",
                  "{\"Statement\": [{\"Effect\": \"Maybe\"}]}");
  auto run = RunCheck(Def(Code::kIam013), s.Load());
  EXPECT_TRUE(
      UncheckedBecause(run, {"resource policy of secret " + kDbSecretArn + " does not parse"}));
}

// ---- IAM014 -----------------------------------------------------------------------------------

const std::string kPipeline = "arn:aws:sts::111122223333:assumed-role/deploy-pipeline/ci-7731";

TEST(IAM014, FiresWhenTheServiceRecordedAPassRoleRefusal) {
  auto s = Snapshot::Base("base-private-nat");
  AddServiceEvent(s, "2025-03-11T09:47:02.000000+01:00",
                  "User: " + kPipeline +
                      " is not authorized to perform: iam:PassRole on resource: " + kExecRoleArn +
                      " because no identity-based policy allows the iam:PassRole action");
  auto run = RunCheck(Def(Code::kIam014), s.Load());
  ASSERT_TRUE(
      FiresOn(run, kExecRoleArn, Severity::kWarning,
              {"the caller " + kPipeline + " could not pass role " + kExecRoleArn + " to ECS"}));
  EXPECT_EQ(run.findings[0].evidence.at(0).claim.rfind(
                "2025-03-11T09:47:02.000000+01:00: User: " + kPipeline, 0),
            0u)
      << run.Dump();
  ASSERT_EQ(run.findings[0].fix.commands.size(), 1u);
  EXPECT_EQ(
      run.findings[0].fix.commands[0].rfind("aws iam put-role-policy --role-name deploy-pipeline "
                                            "--policy-name pass-ecs-task-roles --policy-document '",
                                            0),
      0u)
      << run.findings[0].fix.commands[0];
}

TEST(IAM014, SilentWhenNothingWasRefused) {
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kIam014), Snapshot::Base("base-private-nat").Load())));
}

/// A task definition about to be run by the snapshot's caller, role `deployer`, whose policies
/// are `statements`.
model::Model RunByDeployer(Snapshot& s, Json statements) {
  s.Doc("sts-get-caller-identity.json") = {
      {"UserId", "AROATESTDEPLOYER:alice"},
      {"Account", kAccount},
      {"Arn", "arn:aws:sts::111122223333:assumed-role/deployer/alice"}};
  Json& role = AddRole(s, "deployer", "ecs-tasks.amazonaws.com");
  if (!statements.empty()) SetInlinePolicies(role, "deploy", PolicyDoc(std::move(statements)));
  return s.Load();
}
analysis::TargetQuery TaskDefinitionQuery(Snapshot& s) {
  analysis::TargetQuery q;
  q.task_definition_ref = kTdArn;
  q.subnets = {s.Id("Subnets", "shop-prod-private-a")};
  return q;
}

TEST(IAM014, FiresWhenTheCallerRoleMayNotPassTheExecutionRole) {
  auto s = Snapshot::Base("base-private-nat");
  const model::Model m = RunByDeployer(s, Json::array({Statement("Ecs", "Allow", "ecs:*")}));
  auto run = RunCheck(Def(Code::kIam014), m, TaskDefinitionQuery(s));
  ASSERT_TRUE(
      FiresOn(run, kExecRoleArn, Severity::kWarning,
              {"caller arn:aws:sts::111122223333:assumed-role/deployer/alice cannot pass role " +
               kExecRoleArn + " to ECS"}));
  EXPECT_EQ(
      run.findings[0].evidence.at(0).claim,
      "iam:PassRole by arn:aws:iam::111122223333:role/deployer: no identity policy allows it");
}

TEST(IAM014, SilentWhenTheCallerRoleMayPassItToEcsTasks) {
  auto s = Snapshot::Base("base-private-nat");
  Json pass = Statement("Pass", "Allow", "iam:PassRole", kExecRoleArn);
  pass["Condition"] = {{"StringEquals", {{"iam:PassedToService", "ecs-tasks.amazonaws.com"}}}};
  const model::Model m = RunByDeployer(s, Json::array({pass}));
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kIam014), m, TaskDefinitionQuery(s))));
}

TEST(IAM014, UncheckedWhenTheCallerRolesPoliciesAreNotAllInTheSnapshot) {
  auto s = Snapshot::Base("base-private-nat");
  const std::string platform = AddManagedPolicy(s, "platform-deploy", nullptr);
  s.Doc("sts-get-caller-identity.json") = {
      {"UserId", "AROATESTDEPLOYER:alice"},
      {"Account", kAccount},
      {"Arn", "arn:aws:sts::111122223333:assumed-role/deployer/alice"}};
  SetAttachedPolicies(AddRole(s, "deployer", "ecs-tasks.amazonaws.com"), {platform});
  auto run = RunCheck(Def(Code::kIam014), s.Load(), TaskDefinitionQuery(s));
  EXPECT_TRUE(UncheckedBecause(
      run, {"the policies of caller role arn:aws:iam::111122223333:role/deployer are not "
            "all in the snapshot: iam:PassRole on " +
            kExecRoleArn + " cannot be decided"}));
}

}  // namespace
}  // namespace fd::testing
