// IAM009: an SCP on the execution role's account path or an RCP on the resource's denies a call
// the start makes, or leaves it hanging on a context key the snapshot cannot tell. The
// base-private-nat design gets an organization (root r-a1b2 > OU ou-a1b2-workloads > the
// account) whose levels hold the full-access policy, plus the one guardrail each case is about.
#include "testing/check_harness_iam.h"

namespace fd::testing {
namespace {

using report::Severity;

const std::string kScp = "SERVICE_CONTROL_POLICY";
const std::string kRcp = "RESOURCE_CONTROL_POLICY";

/// Deny ecr:* unless `extra` (a Condition) exempts the caller.
Json DenyEcr(Json extra = Json::object()) {
  return OneStatement("DenyEcr", "Deny", "ecr:*", "*", std::move(extra));
}

/// A data perimeter on secrets: deny reading them to principals outside the organization (or,
/// with `key` aws:PrincipalAccount, outside the account).
Json SecretPerimeter(const std::string& key, const std::string& value) {
  return OneStatement(
      "SecretsPerimeter", "Deny", "secretsmanager:*", "*",
      {{"Principal", "*"}, {"Condition", {{"StringNotEqualsIfExists", {{key, value}}}}}});
}

TEST(IAM009, FiresWhenAnScpAtTheOuDeniesTheEcrPull) {
  auto s = Snapshot::Base("base-private-nat");
  Organization(s, kScp, {{kOu, "p-denyecr"}});
  AddOrgPolicy(s, kScp, "p-denyecr", "deny-ecr", DenyEcr(), {kOu});
  auto run = RunCheck(Def(Code::kIam009), s.Load());
  ASSERT_TRUE(FiresOn(run, "p-denyecr", Severity::kBlocker,
                      {"SCP p-denyecr at OU ou-a1b2-workloads denies ecr:BatchGetImage, "
                       "ecr:GetAuthorizationToken, ecr:GetDownloadUrlForLayer"}));
  ASSERT_EQ(run.findings.size(), 1u) << run.Dump();
  const auto& f = run.findings.front();
  // The push-side call a pull never makes is left out (see IAM004).
  EXPECT_EQ(f.message.find("BatchCheckLayerAvailability"), std::string::npos) << f.message;
  EXPECT_EQ(f.evidence.size(), 3u) << run.Dump();  // one line per denied call
  for (const auto& e : f.evidence) EXPECT_EQ(e.resource, "p-denyecr");
  EXPECT_TRUE(EvidenceOn(run, "p-denyecr",
                         {"ecr:BatchGetImage on " + kRepoArn + " by " + kExecRoleArn +
                          ": explicit Deny in SCP deny-ecr (p-denyecr) attached to OU "
                          "ou-a1b2-workloads statement DenyEcr — needed for image "
                          "111122223333.dkr.ecr.eu-west-3.amazonaws.com/api:1.4"}));
  EXPECT_NE(
      f.fix.summary.find("{\"ArnNotLike\":{\"aws:PrincipalArn\":[\"" + kExecRoleArn + "\"]}}"),
      std::string::npos)
      << f.fix.summary;
  EXPECT_EQ(f.fix.commands,
            (std::vector<std::string>{"aws organizations describe-policy --policy-id p-denyecr",
                                      "aws organizations update-policy --policy-id p-denyecr "
                                      "--content file://guardrail.json"}));
}

TEST(IAM009, SilentWhenTheScpExemptsTheExecutionRole) {
  auto s = Snapshot::Base("base-private-nat");
  Organization(s, kScp, {{kOu, "p-denyecr"}});
  AddOrgPolicy(s, kScp, "p-denyecr", "deny-ecr",
               DenyEcr({{"Condition", {{"ArnNotLike", {{"aws:PrincipalArn", kExecRoleArn}}}}}}),
               {kOu});
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kIam009), s.Load())));
}

// An allow-list SCP at the OU that leaves ECR out: no statement denies, but no SCP at that level
// allows, so the finding names the level (there is no one policy to blame) and the command lists
// what is attached there.
TEST(IAM009, FiresWhenNoScpAtTheOuAllowsTheEcrPull) {
  auto s = Snapshot::Base("base-private-nat");
  AddFullAccess(s, kScp, {kRoot, kAccount});
  AddOrgPolicy(s, kScp, "p-allowlist", "allow-list",
               OneStatement("AllowList", "Allow", Json::array({"logs:*", "secretsmanager:*"})),
               {kOu});
  ListPoliciesForTarget(s, kScp, kRoot, {"p-fullscp"});
  ListPoliciesForTarget(s, kScp, kOu, {"p-allowlist"});
  ListPoliciesForTarget(s, kScp, kAccount, {"p-fullscp"});
  auto run = RunCheck(Def(Code::kIam009), s.Load());
  ASSERT_TRUE(
      FiresOn(run, kOu, Severity::kBlocker,
              {"at OU ou-a1b2-workloads denies ecr:BatchGetImage, ecr:GetAuthorizationToken, "
               "ecr:GetDownloadUrlForLayer"}));
  ASSERT_EQ(run.findings.size(), 1u) << run.Dump();
  const auto& f = run.findings.front();
  EXPECT_EQ(f.message.find("logs:"), std::string::npos) << f.message;
  for (const auto& e : f.evidence)
    EXPECT_NE(e.claim.find(": no SCP at OU ou-a1b2-workloads allows it — needed for image "),
              std::string::npos)
        << e.claim;
  EXPECT_EQ(f.fix.commands,
            (std::vector<std::string>{"aws organizations list-policies-for-target --target-id "
                                      "ou-a1b2-workloads --filter SERVICE_CONTROL_POLICY"}));
}

TEST(IAM009, SilentWhenTheOuAllowListCoversEcr) {
  auto s = Snapshot::Base("base-private-nat");
  AddFullAccess(s, kScp, {kRoot, kAccount});
  AddOrgPolicy(
      s, kScp, "p-allowlist", "allow-list",
      OneStatement("AllowList", "Allow", Json::array({"ecr:*", "logs:*", "secretsmanager:*"})),
      {kOu});
  ListPoliciesForTarget(s, kScp, kRoot, {"p-fullscp"});
  ListPoliciesForTarget(s, kScp, kOu, {"p-allowlist"});
  ListPoliciesForTarget(s, kScp, kAccount, {"p-fullscp"});
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kIam009), s.Load())));
}

// The OU's list was not collected, so an SCP there the snapshot does not hold may still allow
// ECR: a data gap, which the permission checks report as unchecked (IAM004 here), not a
// guardrail finding.
TEST(IAM009, SilentWhenTheOuListIsNotCollected) {
  auto s = Snapshot::Base("base-private-nat");
  AddFullAccess(s, kScp, {kRoot, kAccount});
  AddOrgPolicy(s, kScp, "p-allowlist", "allow-list", OneStatement("AllowList", "Allow", "logs:*"),
               {kOu});
  ListPoliciesForTarget(s, kScp, kRoot, {"p-fullscp"});
  ListPoliciesForTarget(s, kScp, kAccount, {"p-fullscp"});
  const model::Model m = s.Load();
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kIam009), m)));
  EXPECT_TRUE(UncheckedBecause(RunCheck(Def(Code::kIam004), m),
                               {"ecr:BatchGetImage",
                                "the list of SCPs attached to ou-a1b2-workloads "
                                "is not in the snapshot"}));
}

// An RCP perimeter keyed on aws:PrincipalOrgID, which a start carries but the snapshot cannot
// tell: a warning on the RCP naming the key (the permission checks leave it to IAM009).
TEST(IAM009, FiresAsWarningWhenAnRcpHangsOnTheOrganizationId) {
  auto s = Snapshot::Base("base-private-nat");
  Organization(s, kRcp, {{kOu, "p-perimeter"}});
  AddOrgPolicy(s, kRcp, "p-perimeter", "data-perimeter",
               SecretPerimeter("aws:PrincipalOrgID", "o-a1b2c3d4e5"), {kOu});
  auto run = RunCheck(Def(Code::kIam009), s.Load());
  ASSERT_TRUE(
      FiresOn(run, "p-perimeter", Severity::kWarning,
              {"RCP p-perimeter at OU ou-a1b2-workloads may deny secretsmanager:GetSecretValue "
               "(depends on aws:PrincipalOrgID, which the snapshot cannot tell)"}));
  ASSERT_EQ(run.findings.size(), 1u) << run.Dump();
  ASSERT_EQ(run.findings.front().evidence.size(), 1u) << run.Dump();
  EXPECT_NE(run.findings.front().evidence[0].claim.find("secretsmanager:GetSecretValue on " +
                                                        kDbSecretArn + ": unknown"),
            std::string::npos)
      << run.Dump();
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kIam006), s.Load())));
}

TEST(IAM009, SilentWhenTheRcpPerimeterIsOnTheAccountTheStartNames) {
  auto s = Snapshot::Base("base-private-nat");
  Organization(s, kRcp, {{kOu, "p-perimeter"}});
  AddOrgPolicy(s, kRcp, "p-perimeter", "data-perimeter",
               SecretPerimeter("aws:PrincipalAccount", kAccount), {kOu});
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kIam009), s.Load())));
}

// Organizations data is optional: without any, the guardrail layers are not evaluated (a caveat
// in the permission checks' evidence) and IAM009 has nothing to say, even where the role's own
// policies deny.
TEST(IAM009, SilentWithoutOrganizationsData) {
  auto s = Snapshot::Base("base-private-nat");
  SetAttachedPolicies(ExecRole(s), {});
  const model::Model m = s.Load();
  ASSERT_FALSE(RunCheck(Def(Code::kIam004), m).findings.empty());
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kIam009), m)));
}

// A denial the role's own policies decide is IAM004's, even in an organization.
TEST(IAM009, SilentWhenTheRoleItselfLacksThePermission) {
  auto s = Snapshot::Base("base-private-nat");
  Organization(s, kScp);
  SetAttachedPolicies(ExecRole(s), {});
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kIam009), s.Load())));
}

}  // namespace
}  // namespace fd::testing
