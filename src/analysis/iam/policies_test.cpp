// The pieces of a target's IAM analysis that the IAM checks and `policy simulate` share: which
// role an ARN (or a bare name) names, and the policy set built for a role's call (identity
// policies, boundary, guardrail levels, resource and endpoint policies) with a stand-in for each
// piece the snapshot names but lacks. Built over small in-memory models.

#include "analysis/iam/policies.h"
#include "analysis/iam/roles.h"
#include "analysis/iam/target_iam.h"
#include "testing/check_harness_iam.h"

namespace fd::analysis {
namespace {

using fd::testing::Json;
using fd::testing::OneStatement;
using fd::testing::Snapshot;

const std::string kAcct = "111122223333";
const std::string kRoleArn = "arn:aws:iam::111122223333:role/app";
const std::string kRepo = "arn:aws:ecr:eu-west-3:111122223333:repository/app";

std::string Allow(const std::string& action, Json extra = Json::object()) {
  return OneStatement("A", "Allow", action, "*", std::move(extra)).dump();
}

/// A role whose three lists (inline, attached, boundary) the snapshot knows, with no policy.
model::IamRole Role(const std::string& name = "app", const std::string& account = kAcct) {
  model::IamRole r;
  r.arn = "arn:aws:iam::" + account + ":role/" + name;
  r.name = name;
  r.account = account;
  r.inline_policies_known = r.attached_policies_known = r.boundary_known = true;
  return r;
}

model::IamManagedPolicy Managed(const std::string& arn, std::optional<std::string> doc,
                                const std::string& version = "v2") {
  model::IamManagedPolicy p;
  p.arn = arn;
  p.document = std::move(doc);
  p.default_version_id = version;
  return p;
}

model::OrgPolicy Scp(const std::string& id, std::optional<std::string> content,
                     std::vector<std::string> targets) {
  model::OrgPolicy p;
  p.id = id;
  p.name = id + "-name";
  p.type = "SERVICE_CONTROL_POLICY";
  p.content = std::move(content);
  p.targets = std::move(targets);
  return p;
}

std::vector<std::string> Names(const std::vector<iam::NamedPolicy>& v) {
  std::vector<std::string> out;
  for (const auto& p : v) out.push_back(p.name);
  return out;
}
std::vector<std::string> Reasons(const analysis::BuiltRequest& b) {
  std::vector<std::string> out;
  for (const auto& [key, reason] : b.synthetic) out.push_back(reason);
  return out;
}

/// The policy set of `role` calling `action`, in the model `mb` builds (the set owns its
/// policies: it does not refer to the model).
analysis::BuiltRequest Build(model::ModelBuilder& mb, const model::IamRole& role, const std::string& action,
                   const std::string& resource = "*", const std::string& resource_account = "",
                   const std::string& endpoint = "") {
  mb.AddIamRole(role);
  const model::Model m = std::move(mb).Build();
  return analysis::BuildRoleRequest(m, *m.iam_roles().Find(role.arn), action, resource, resource_account,
                          endpoint);
}

// ---- Role lookup --------------------------------------------------------------------------------

TEST(IamEval, LooksUpARoleByItsExactArnOrReportsThePathThatDiffers) {
  model::ModelBuilder mb;
  mb.AddIamRole(Role("app"));
  const model::Model m = std::move(mb).Build();
  EXPECT_EQ(analysis::LookUpRole(m, "").state, analysis::RoleLookup::State::kNone);
  const analysis::RoleLookup found = analysis::LookUpRole(m, kRoleArn);
  EXPECT_EQ(found.state, analysis::RoleLookup::State::kFound);
  EXPECT_EQ(found.name, "app");
  const analysis::RoleLookup moved = analysis::LookUpRole(m, "arn:aws:iam::111122223333:role/team/app");
  EXPECT_EQ(moved.state, analysis::RoleLookup::State::kMismatch);
  ASSERT_NE(moved.role, nullptr);
  EXPECT_EQ(moved.role->arn, kRoleArn);
  EXPECT_EQ(analysis::RoleNameOfArn("arn:aws:iam::1:role/a/b/name"), "name");
  EXPECT_EQ(analysis::RoleNameOfArn("name"), "");
}

TEST(IamEval, ABareRoleNameResolvesInTheTasksAccountWhateverItsPath) {
  model::ModelBuilder mb;
  model::IamRole team = Role("app");
  team.arn = "arn:aws:iam::111122223333:role/team/app";
  mb.AddIamRole(team);
  mb.MarkCoverage("iam-roles " + kAcct);
  const model::Model m = std::move(mb).Build();
  const analysis::RoleLookup bare = analysis::LookUpRole(m, "app", kAcct);
  EXPECT_EQ(bare.state, analysis::RoleLookup::State::kFound);
  EXPECT_EQ(bare.account, kAcct);
  ASSERT_NE(bare.role, nullptr);
  EXPECT_EQ(bare.role->arn, team.arn);
  // Without the task's account a bare name cannot be placed: unknown, never absent.
  EXPECT_EQ(analysis::LookUpRole(m, "app").state, analysis::RoleLookup::State::kUnknown);
  // In the task's account, a listing that lacks the name proves it absent.
  EXPECT_EQ(analysis::LookUpRole(m, "other", kAcct).state, analysis::RoleLookup::State::kAbsent);
  EXPECT_EQ(analysis::TaskSessionArn("app", kAcct),
            "arn:aws:sts::111122223333:assumed-role/app/fargate-task");
  EXPECT_EQ(analysis::TaskSessionArn("arn:aws-cn:iam::1:role/team/app", "1"),
            "arn:aws-cn:sts::1:assumed-role/app/fargate-task");
}

TEST(IamEval, ARoleIsAbsentOnlyWhenAListingOrAnAnswerProvesIt) {
  model::ModelBuilder mb;
  mb.AddIamRole(Role("app"));
  mb.MarkCoverage("iam-roles " + kAcct);
  const model::Model listed = std::move(mb).Build();
  const analysis::RoleLookup absent = analysis::LookUpRole(listed, "arn:aws:iam::111122223333:role/gone");
  EXPECT_EQ(absent.state, analysis::RoleLookup::State::kAbsent);
  EXPECT_EQ(absent.proof,
            "the role list of account 111122223333 (iam get-account-authorization-details) has no "
            "role gone");

  model::ModelBuilder answered;
  answered.AddIamRole(Role("app"));
  answered.MarkCoverage("iam-role " + kAcct + " gone");
  EXPECT_EQ(analysis::LookUpRole(std::move(answered).Build(), "arn:aws:iam::111122223333:role/Gone").proof,
            "iam get-role --role-name Gone answered NoSuchEntity");

  model::ModelBuilder unknown;
  unknown.AddIamRole(Role("app"));
  const analysis::RoleLookup u =
      analysis::LookUpRole(std::move(unknown).Build(), "arn:aws:iam::111122223333:role/gone");
  EXPECT_EQ(u.state, analysis::RoleLookup::State::kUnknown);
  EXPECT_EQ(u.proof, "role arn:aws:iam::111122223333:role/gone is not in the snapshot");
  EXPECT_EQ(u.collect, "aws iam get-role --role-name gone");
}

TEST(IamEval, AFailedGetRoleSaysWhetherItProvesAbsence) {
  auto error = [](const std::string& command, const std::string& resource, const std::string& code,
                  model::ApiError::Kind kind) {
    model::ApiError e;
    e.command = command;
    e.action = command == "iam get-role" ? "iam:GetRole" : "iam:GetAccountAuthorizationDetails";
    e.resource = resource;
    e.account = kAcct;
    e.code = code;
    e.kind = kind;
    return e;
  };
  model::ModelBuilder mb;
  mb.AddApiError(
      error("iam get-role", "gone", "ResourceNotFoundException", model::ApiError::Kind::kNotFound));
  mb.AddApiError(
      error("iam get-role", "hidden", "AccessDenied", model::ApiError::Kind::kAccessDenied));
  mb.AddApiError(error("iam get-account-authorization-details", "", "AccessDenied",
                       model::ApiError::Kind::kAccessDenied));
  const model::Model m = std::move(mb).Build();
  const analysis::RoleLookup gone = analysis::LookUpRole(m, "arn:aws:iam::111122223333:role/gone");
  EXPECT_EQ(gone.state, analysis::RoleLookup::State::kAbsent);
  EXPECT_EQ(gone.proof, "iam get-role --role-name gone answered ResourceNotFoundException");
  const analysis::RoleLookup hidden = analysis::LookUpRole(m, "arn:aws:iam::111122223333:role/hidden");
  EXPECT_EQ(hidden.state, analysis::RoleLookup::State::kUnknown);
  EXPECT_EQ(hidden.proof, "iam get-role --role-name hidden failed with AccessDenied");
  EXPECT_EQ(
      analysis::LookUpRole(m, "arn:aws:iam::111122223333:role/other").proof,
      "role arn:aws:iam::111122223333:role/other is not in the snapshot (the collector was refused "
      "iam:GetAccountAuthorizationDetails: AccessDenied)");
}

// ---- The policy set of a role's call
// --------------------------------------------------------------

TEST(IamEval, BuildsTheRoleSessionWithItsInlineAndAttachedPolicies) {
  model::ModelBuilder mb;
  model::IamRole r = Role();
  r.inline_policies.push_back({"ecr", Allow("ecr:*"), {}});
  r.attached_policy_arns = {"arn:aws:iam::aws:policy/ReadOnly",
                            "arn:aws:iam::111122223333:policy/Mine"};
  mb.AddIamPolicy(Managed(r.attached_policy_arns[0], Allow("logs:*")));
  mb.AddIamPolicy(Managed(r.attached_policy_arns[1], Allow("s3:*")));
  analysis::BuiltRequest b = Build(mb, r, "ecr:BatchGetImage", kRepo, kAcct);
  EXPECT_EQ(b.request.principal_arn, "arn:aws:sts::111122223333:assumed-role/app/fargate-task");
  EXPECT_EQ(b.request.role_arn, kRoleArn);
  EXPECT_EQ(
      Names(b.policies.identity),
      (std::vector<std::string>{"inline policy ecr of role app", "arn:aws:iam::aws:policy/ReadOnly",
                                "arn:aws:iam::111122223333:policy/Mine"}));
  EXPECT_EQ(b.sources.at("inline policy ecr of role app").type, "role");
  EXPECT_EQ(b.sources.at("arn:aws:iam::aws:policy/ReadOnly").type, "aws-managed");
  EXPECT_EQ(b.sources.at("arn:aws:iam::111122223333:policy/Mine").type, "user-managed");
  EXPECT_TRUE(b.synthetic.empty());
  EXPECT_EQ(iam::Evaluate(b.request, b.policies).decision, iam::Decision::kAllowed);
}

// Each piece the snapshot names but lacks becomes an Allow hanging on an unknown key, whose
// reason says what to collect: a deny the piece might lift is undecided, never final.
TEST(IamEval, StandsInForEveryPolicyTheSnapshotNamesButLacks) {
  model::ModelBuilder mb;
  model::IamRole r = Role();
  r.inline_policies.push_back({"named-only", std::nullopt, {}});
  r.inline_policies_known = r.attached_policies_known = false;
  r.attached_policy_arns = {"arn:aws:iam::111122223333:policy/Listed",
                            "arn:aws:iam::111122223333:policy/Unknown"};
  mb.AddIamPolicy(Managed(r.attached_policy_arns[0], std::nullopt, "v7"));
  analysis::BuiltRequest b = Build(mb, r, "logs:PutLogEvents");
  EXPECT_EQ(Reasons(b), (std::vector<std::string>{
                            "the document of inline policy named-only of role app is not in the "
                            "snapshot (collect it with: aws "
                            "iam get-role-policy --role-name app --policy-name named-only)",
                            "the list of inline policies of role app is not in the snapshot "
                            "(collect it with: aws iam "
                            "list-role-policies --role-name app)",
                            "the document of attached policy "
                            "arn:aws:iam::111122223333:policy/Listed is not in the snapshot "
                            "(collect it with: aws iam get-policy-version --policy-arn "
                            "arn:aws:iam::111122223333:policy/Listed "
                            "--version-id v7)",
                            "the document of attached policy "
                            "arn:aws:iam::111122223333:policy/Unknown is not in the snapshot "
                            "(collect it with: aws iam get-policy-version --policy-arn "
                            "arn:aws:iam::111122223333:policy/Unknown "
                            "--version-id <default version>)",
                            "the list of managed policies attached to role app is not in the "
                            "snapshot (collect it with: aws "
                            "iam list-attached-role-policies --role-name app)"}));
  const iam::Result res = iam::Evaluate(b.request, b.policies);
  EXPECT_EQ(res.decision, iam::Decision::kUnknown);
  EXPECT_EQ(res.missing_context_values.size(), 5u);
}

TEST(IamEval, AnUnparseablePolicyMayAllowOrDeny) {
  model::ModelBuilder mb;
  model::IamRole r = Role();
  r.inline_policies.push_back({"all", Allow("*"), {}});
  r.inline_policies.push_back({"broken", std::string("{\"Statement\": ["), {}});
  analysis::BuiltRequest b = Build(mb, r, "ecr:GetAuthorizationToken");
  ASSERT_EQ(b.synthetic.size(), 1u);
  EXPECT_EQ(Reasons(b)[0].rfind("inline policy broken of role app does not parse (", 0), 0u)
      << Reasons(b)[0];
  // The Deny it may hold keeps even an allowed call undecided.
  EXPECT_EQ(iam::Evaluate(b.request, b.policies).decision, iam::Decision::kUnknown);
}

TEST(IamEval, APermissionsBoundaryIsEvaluatedStoodInOrCaveated) {
  const std::string arn = "arn:aws:iam::111122223333:policy/boundary";
  {
    model::ModelBuilder mb;
    model::IamRole r = Role();
    r.permissions_boundary_arn = arn;
    mb.AddIamPolicy(Managed(arn, Allow("logs:*")));
    analysis::BuiltRequest b = Build(mb, r, "ecr:GetAuthorizationToken");
    ASSERT_TRUE(b.policies.permissions_boundary);
    EXPECT_EQ(b.policies.permissions_boundary->name, arn);
    EXPECT_EQ(b.sources.at(arn).type, "Permissions Boundary Policy");
  }
  {
    model::ModelBuilder mb;
    model::IamRole r = Role();
    r.permissions_boundary_arn = arn;
    analysis::BuiltRequest b = Build(mb, r, "ecr:GetAuthorizationToken");
    EXPECT_EQ(Reasons(b),
              (std::vector<std::string>{"the document of permissions boundary " + arn +
                                        " is not in the snapshot (collect it "
                                        "with: aws iam get-policy-version --policy-arn " +
                                        arn + " --version-id <default version>)"}));
  }
  {
    model::ModelBuilder mb;
    model::IamRole r = Role();
    r.boundary_known = false;
    analysis::BuiltRequest b = Build(mb, r, "ecr:GetAuthorizationToken");
    EXPECT_FALSE(b.policies.permissions_boundary);
    EXPECT_EQ(b.caveats.at(0),
              "whether role app has a permissions boundary is not in the snapshot");
  }
}

TEST(IamEval, WithoutOrganizationsDataGuardrailsAreACaveat) {
  model::ModelBuilder mb;
  analysis::BuiltRequest b = Build(mb, Role(), "secretsmanager:GetSecretValue", "*", "444455556666");
  EXPECT_TRUE(b.policies.scps.empty());
  EXPECT_TRUE(b.policies.rcps.empty());
  // The SCPs of the role's account, the RCPs of the resource's.
  EXPECT_EQ(
      b.caveats,
      (std::vector<std::string>{
          "SCPs not evaluated: the snapshot has no organizations data for account 111122223333 "
          "(collect it "
          "with: aws organizations list-policies-for-target --target-id 111122223333 --filter "
          "SERVICE_CONTROL_POLICY)",
          "RCPs not evaluated: the snapshot has no organizations data for account 444455556666 "
          "(collect it "
          "with: aws organizations list-policies-for-target --target-id 444455556666 --filter "
          "RESOURCE_CONTROL_POLICY)"}));
  model::ModelBuilder other;
  EXPECT_EQ(Build(other, Role(), "elasticfilesystem:ClientMount").caveats.size(),
            1u);  // no RCP for EFS
}

// Root first, then OUs, then the account; another account's policies are not this role's; a level
// whose list was not collected, or a policy whose text was not, stands in for what is missing.
TEST(IamEval, GuardrailLevelsFollowTheOrganizationsPath) {
  model::ModelBuilder mb;
  mb.AddOrgPolicy(Scp("p-full", OneStatement("F", "Allow", "*").dump(), {kAcct, "ou-1", "r-1"}));
  mb.AddOrgPolicy(Scp("p-text-unknown", std::nullopt, {"ou-1"}));
  mb.AddOrgPolicy(Scp("p-elsewhere", OneStatement("D", "Deny", "*").dump(), {"444455556666"}));
  for (const std::string& t : {std::string("r-1"), kAcct})
    mb.MarkCoverage("org-policies SERVICE_CONTROL_POLICY " + t);
  analysis::BuiltRequest b = Build(mb, Role(), "ecr:GetAuthorizationToken");
  ASSERT_EQ(b.policies.scps.size(), 3u);
  EXPECT_EQ(b.policies.scps[0].target, "r-1");
  EXPECT_EQ(b.policies.scps[1].target, "ou-1");
  EXPECT_EQ(b.policies.scps[2].target, kAcct);
  EXPECT_EQ(
      Names(b.policies.scps[1].policies),
      (std::vector<std::string>{"SCP p-full-name (p-full)",
                                "SCP p-text-unknown-name (p-text-unknown) (not in the snapshot)",
                                "SCPs attached to ou-1 (not in the snapshot)"}));
  EXPECT_EQ(Names(b.policies.scps[2].policies),
            (std::vector<std::string>{"SCP p-full-name (p-full)"}));
  EXPECT_EQ(Reasons(b),
            (std::vector<std::string>{
                "the text of SCP p-text-unknown-name (p-text-unknown) is not in the snapshot "
                "(collect it with: aws "
                "organizations describe-policy --policy-id p-text-unknown)",
                "the list of SCPs attached to ou-1 is not in the snapshot (collect it with: aws "
                "organizations "
                "list-policies-for-target --target-id ou-1 --filter SERVICE_CONTROL_POLICY)"}));
  EXPECT_EQ(b.sources.at("SCPs attached to ou-1 (not in the snapshot)").target, "ou-1");
}

TEST(IamEval, RepositoryAndSecretPoliciesStandInOnlyAcrossAccounts) {
  const std::string other_repo = "arn:aws:ecr:eu-west-3:444455556666:repository/shared";
  const std::string secret = "arn:aws:secretsmanager:eu-west-3:444455556666:secret:db-AbCdEf";
  auto proven_none = [] {  // RepositoryPolicyNotFoundException for the account's repository
    model::EcrRepositoryPolicy none;
    none.registry_id = kAcct;
    none.region = "eu-west-3";
    none.repository_name = "app";
    return none;
  };
  model::ModelBuilder mb;
  mb.AddEcrRepositoryPolicy(proven_none());
  analysis::BuiltRequest own = Build(mb, Role(), "ecr:BatchGetImage", kRepo, kAcct);
  EXPECT_FALSE(own.policies.resource);
  model::ModelBuilder mb2;
  mb2.AddEcrRepositoryPolicy(proven_none());
  analysis::BuiltRequest cross = Build(mb2, Role(), "ecr:BatchGetImage", other_repo, "444455556666");
  ASSERT_TRUE(cross.policies.resource);
  EXPECT_EQ(cross.policies.resource->name, "repository policy of shared (not in the snapshot)");
  EXPECT_EQ(Reasons(cross).at(0), "the repository policy of " + other_repo +
                                      " (another account) is not in the snapshot (collect it "
                                      "with: aws ecr get-repository-policy --registry-id "
                                      "444455556666 --repository-name shared --region "
                                      "eu-west-3)");
  model::ModelBuilder unlisted;  // same account, no answer: the role's own policies decide
  EXPECT_FALSE(Build(unlisted, Role(), "ecr:BatchGetImage",
                     "arn:aws:ecr:eu-west-3:111122223333:repository/x", kAcct)
                   .policies.resource);
  model::ModelBuilder with_policy;
  model::SecretPolicy sp;
  sp.secret_arn = secret;
  sp.policy = Allow("secretsmanager:GetSecretValue", {{"Principal", {{"AWS", kRoleArn}}}});
  with_policy.AddSecretPolicy(sp);
  analysis::BuiltRequest read =
      Build(with_policy, Role(), "secretsmanager:GetSecretValue", secret, "444455556666");
  ASSERT_TRUE(read.policies.resource);
  EXPECT_EQ(read.policies.resource->name, "resource policy of secret " + secret);
  EXPECT_EQ(read.sources.at(read.policies.resource->name).type, "resource");
  // get-resource-policy names the secret: the policy is called by that name (IAM013's words).
  model::ModelBuilder named;
  sp.name = "shared/db";
  named.AddSecretPolicy(sp);
  EXPECT_EQ(Build(named, Role(), "secretsmanager:GetSecretValue", secret, "444455556666")
                .policies.resource->name,
            "resource policy of secret shared/db");
}

TEST(IamEval, AKeyPolicyAlwaysTakesPartStoodInWhenMissing) {
  const std::string key = "arn:aws:kms:eu-west-3:111122223333:key/k1";
  model::ModelBuilder mb;
  model::KmsKey k;
  k.arn = key;
  k.key_id = "k1";
  k.region = "eu-west-3";
  k.account = kAcct;
  k.key_manager = "AWS";
  k.described = true;
  k.policy = Allow("kms:*", {{"Principal", {{"AWS", "arn:aws:iam::111122223333:root"}}}});
  mb.AddKmsKey(k);
  analysis::BuiltRequest b = Build(mb, Role(), "kms:Decrypt", key, kAcct);
  EXPECT_TRUE(b.policies.resource_is_kms_key.value_or(false));
  EXPECT_TRUE(b.request.resource_is_aws_managed_key);
  ASSERT_TRUE(b.policies.resource);
  EXPECT_EQ(b.policies.resource->name, "key policy of " + key);
  model::ModelBuilder none;
  analysis::BuiltRequest missing =
      Build(none, Role(), "kms:Decrypt", "arn:aws:kms:eu-west-3:111122223333:key/k2", kAcct);
  EXPECT_EQ(Reasons(missing),
            (std::vector<std::string>{
                "the key policy of arn:aws:kms:eu-west-3:111122223333:key/k2 is not in the "
                "snapshot (collect it with: aws kms get-key-policy --key-id "
                "arn:aws:kms:eu-west-3:111122223333:key/k2 --policy-name default --region "
                "eu-west-3)"}));
}

// The pull-through cache's import is governed by the registry policy, not the repository's.
TEST(IamEval, PullThroughCacheCallsAreGovernedByTheRegistryPolicy) {
  auto registry = [](std::optional<std::string> policy) {
    model::EcrRegistryPolicy p;
    p.registry_id = kAcct;
    p.region = "eu-west-3";
    p.policy = std::move(policy);
    return p;
  };
  model::ModelBuilder with;
  with.AddEcrRegistryPolicy(registry(Allow("ecr:*", {{"Principal", "*"}})));
  analysis::BuiltRequest b = Build(with, Role(), "ecr:BatchImportUpstreamImage", kRepo, kAcct);
  ASSERT_TRUE(b.policies.resource);
  EXPECT_EQ(b.policies.resource->name, "registry policy of 111122223333 in eu-west-3");
  model::ModelBuilder none;
  none.AddEcrRegistryPolicy(registry(std::nullopt));
  EXPECT_FALSE(Build(none, Role(), "ecr:CreateRepository", kRepo, kAcct).policies.resource);
  model::ModelBuilder unknown;
  EXPECT_EQ(Reasons(Build(unknown, Role(), "ecr:CreateRepository", kRepo, kAcct)),
            (std::vector<std::string>{
                "the registry policy of 111122223333 in eu-west-3 is not in the snapshot "
                "(collect it with: aws ecr get-registry-policy --region eu-west-3)"}));
}

TEST(IamEval, AnEndpointPolicyTakesPartOnlyForCallsThroughTheEndpoint) {
  auto endpoint = [](const std::string& id, const std::string& policy) {
    model::VpcEndpoint e;
    e.id = id;
    e.vpc_id = "vpc-1";
    e.type = model::EndpointType::kInterface;
    e.policy_document = policy;
    return e;
  };
  auto endpoints = [&] {
    model::ModelBuilder mb;
    mb.AddVpcEndpoint(endpoint("vpce-with", Allow("ecr:*", {{"Principal", "*"}})));
    mb.AddVpcEndpoint(endpoint("vpce-default", ""));
    return mb;
  };
  model::ModelBuilder a = endpoints(), b = endpoints(), c = endpoints();
  analysis::BuiltRequest through = Build(a, Role(), "ecr:BatchGetImage", kRepo, kAcct, "vpce-with");
  ASSERT_TRUE(through.policies.endpoint);
  EXPECT_EQ(through.policies.endpoint->name, "endpoint policy of vpce-with");
  EXPECT_EQ(through.sources.at("endpoint policy of vpce-with").type, "VPC Endpoint Policy");
  analysis::BuiltRequest by_default = Build(b, Role(), "ecr:BatchGetImage", kRepo, kAcct, "vpce-default");
  EXPECT_FALSE(by_default.policies.endpoint);
  EXPECT_EQ(
      by_default.caveats.back(),
      "the policy of vpce-default is not in the snapshot: taken as the default full-access policy");
  EXPECT_FALSE(Build(c, Role(), "ecr:BatchGetImage", kRepo, kAcct).policies.endpoint);
}

}  // namespace
}  // namespace fd::analysis
