// The IAM analysis of a whole target (EvaluateTarget: every request a start makes, evaluated, or
// not evaluated and why) over the base scenario snapshots, computed once per target through the
// checks' memo, and the words the IAM checks build on it (WhyNotAllowed, DescribeEval,
// VpcConditioned, ...).
#include <algorithm>
#include <memory>

#include "analysis/analyze.h"
#include "analysis/iam/policies.h"
#include "analysis/iam/roles.h"
#include "analysis/iam/target_iam.h"
#include "analysis/iam/wording.h"
#include "checks/memo.h"
#include "testing/check_harness_iam.h"
#include "testing/snapshot_edits.h"

namespace fd::analysis {
namespace {

using fd::testing::Json;
using fd::testing::kExecRoleArn;
using fd::testing::OneStatement;
using fd::testing::Snapshot;

/// A snapshot's model, its analysis (the default targets) and the IAM evaluation of the first.
struct Evaluation {
  model::Model m;
  analysis::Analysis an;
  analysis::TargetIam iam;

  /// The evaluation of `action`, the first whose feature contains `feature`.
  const analysis::IamEval& Of(const std::string& action, const std::string& feature = "") const {
    for (const auto& e : iam.evals)
      if (e.request->action == action && e.request->feature.find(feature) != std::string::npos)
        return e;
    throw std::runtime_error("no request " + action + " (" + feature + ")");
  }
};

std::unique_ptr<Evaluation> Evaluate(const Snapshot& s, const analysis::TargetQuery& query = {}) {
  auto e = std::make_unique<Evaluation>();
  e->m = s.Load();
  std::vector<InputNote> notes;
  auto targets = analysis::ResolveTargets(e->m, query, &notes);
  if (!targets || targets->empty()) throw std::runtime_error("no target");
  e->an = analysis::Analyze(e->m, std::move(*targets));
  e->iam = analysis::EvaluateTarget(e->m, e->an.targets.at(0));
  return e;
}

const std::string kTokenFeature = "image 111122223333.dkr.ecr.eu-west-3.amazonaws.com/api:1.4";

TEST(IamEvalTarget, EvaluatesEveryRequestOfAStartInOrder) {
  auto e = Evaluate(Snapshot::Base("base-private-nat"));
  std::vector<std::string> actions;
  for (size_t i = 0; i < e->iam.evals.size(); ++i) {
    const analysis::IamEval& ev = e->iam.evals[i];
    EXPECT_EQ(ev.request, &e->iam.requests[i]);
    actions.push_back(ev.request->action);
    EXPECT_TRUE(ev.evaluated) << ev.request->action << ": " << ev.unchecked;
    EXPECT_EQ(ev.result.decision, iam::Decision::kAllowed) << analysis::DescribeEval(ev);
    EXPECT_FALSE(ev.data_gap);
  }
  EXPECT_EQ(actions,
            (std::vector<std::string>{
                "sts:AssumeRole", "ecr:GetAuthorizationToken", "ecr:GetDownloadUrlForLayer",
                "ecr:BatchGetImage", "secretsmanager:GetSecretValue",
                "logs:CreateLogStream", "logs:PutLogEvents"}));
  // A role's call names the layers it could not evaluate; the trust request has none.
  EXPECT_TRUE(e->Of("sts:AssumeRole").caveats.empty());
  const auto& caveats = e->Of("ecr:GetAuthorizationToken").caveats;
  ASSERT_EQ(caveats.size(), 2u);
  EXPECT_EQ(
      caveats[0].rfind(
          "SCPs not evaluated: the snapshot has no organizations data for account 111122223333", 0),
      0u);
  EXPECT_EQ(caveats[1].rfind("RCPs not evaluated", 0), 0u);
}

TEST(IamEvalTarget, ARoleThatDoesNotResolveIsNotEvaluated) {
  auto s = Snapshot::Base("base-private-nat");
  const std::string arn = "arn:aws:iam::111122223333:role/api-task-exec";
  s.TaskDefinition()["executionRoleArn"] = arn;
  auto e = Evaluate(s);
  for (const auto& ev : e->iam.evals) {
    EXPECT_FALSE(ev.evaluated) << ev.request->action;
    EXPECT_EQ(ev.unchecked, "role " + arn + " does not resolve (IAM002)") << ev.request->action;
  }
  EXPECT_EQ(
      analysis::DescribeEval(e->Of("ecr:GetAuthorizationToken")),
      "ecr:GetAuthorizationToken on *: not evaluated (role " + arn + " does not resolve (IAM002))");
}

TEST(IamEvalTarget, ARoleMissingFromAPartialListingNamesWhatToCollect) {
  auto s = Snapshot::Base("base-private-nat");
  testing::AuthorizationDetails(s)["IsTruncated"] = true;
  s.TaskDefinition()["executionRoleArn"] = "arn:aws:iam::111122223333:role/api-task-exec";
  auto e = Evaluate(s);
  const std::string want =
      "role arn:aws:iam::111122223333:role/api-task-exec is not in the snapshot (collect it "
      "with: aws iam get-role --role-name api-task-exec)";
  EXPECT_EQ(e->Of("sts:AssumeRole").unchecked, want);
  EXPECT_EQ(e->Of("logs:PutLogEvents").unchecked, want);
}

TEST(IamEvalTarget, ACallWhoseRoleTheTaskDefinitionLacksIsNotEvaluated) {
  auto s = Snapshot::Base("base-private-nat");
  s.TaskDefinition().erase("executionRoleArn");
  auto e = Evaluate(s);
  EXPECT_EQ(e->iam.evals.front().request->action, "ecr:GetAuthorizationToken");  // no trust request
  EXPECT_FALSE(e->Of("ecr:GetAuthorizationToken").evaluated);
  EXPECT_EQ(e->Of("ecr:GetAuthorizationToken").unchecked,
            "the task definition names no execution role");
}

// An unknown is either a context key a real start may or may not carry, or data the snapshot
// lacks (data_gap), named with the command that collects it.
TEST(IamEvalTarget, UnknownsTellContextKeysFromMissingData) {
  auto s = Snapshot::Base("base-private-nat");
  testing::SetAttachedPolicies(testing::ExecRole(s), {});
  testing::AddInlinePolicy(
      testing::ExecRole(s), "org-only",
      OneStatement("OrgOnly", "Allow", "ecr:*", "*",
                   {{"Condition", {{"StringEquals", {{"aws:PrincipalOrgID", "o-1"}}}}}}));
  auto e = Evaluate(s);
  const analysis::IamEval& token = e->Of("ecr:GetAuthorizationToken");
  EXPECT_EQ(token.result.decision, iam::Decision::kUnknown);
  EXPECT_FALSE(token.data_gap);
  EXPECT_EQ(token.unknowns,
            (std::vector<std::string>{
                "context key aws:PrincipalOrgID cannot be told from the snapshot"}));
  EXPECT_EQ(analysis::DescribeEval(token),
            "ecr:GetAuthorizationToken on *: unknown, undecided: inline policy org-only of role "
            "api-task-execution "
            "statement OrgOnly hangs on data the snapshot lacks (context key aws:PrincipalOrgID "
            "cannot be told "
            "from the snapshot)");

  const std::string arn = testing::AddManagedPolicy(s, "logs-elsewhere", nullptr);
  testing::SetAttachedPolicies(testing::ExecRole(s), {arn});
  auto gap = Evaluate(s);
  const analysis::IamEval& logs = gap->Of("logs:PutLogEvents");
  EXPECT_EQ(logs.result.decision, iam::Decision::kUnknown);
  EXPECT_TRUE(logs.data_gap);
  ASSERT_EQ(logs.unknowns.size(), 1u);
  EXPECT_EQ(logs.unknowns[0].rfind(
                "the document of attached policy " + arn + " is not in the snapshot", 0),
            0u);
}

/// The base design whose log group is encrypted with key k-logs, its policy `policy` (null: not
/// collected).
std::unique_ptr<Evaluation> LogGroupKey(const Json& policy) {
  auto s = Snapshot::Base("base-private-nat");
  const std::string key = testing::AddKey(s, "k-logs");
  if (!policy.is_null()) testing::SetKeyPolicy(s, key, policy);
  s.Doc("logs-describe-log-groups.json")["logGroups"][0]["kmsKeyId"] = key;
  return Evaluate(s);
}

// CloudWatch Logs uses the log group's key itself: the key policy alone decides, for the logs
// service principal of the Region and the group's encryption context.
TEST(IamEvalTarget, TheLogServiceUsesTheGroupsKeyUnderItsKeyPolicyAlone) {
  Json logs = OneStatement("Logs", "Allow", "kms:GenerateDataKey*", "*",
                           {{"Principal", {{"Service", "logs.eu-west-3.amazonaws.com"}}},
                            {"Condition",
                             {{"ArnLike",
                               {{"kms:EncryptionContext:aws:logs:arn",
                                 "arn:aws:logs:eu-west-3:111122223333:log-group:/ecs/*"}}}}}});
  auto allowed = LogGroupKey(logs);
  const analysis::IamEval& ok = allowed->Of("kms:GenerateDataKey");
  EXPECT_EQ(ok.request->principal, "logs.eu-west-3.amazonaws.com");
  EXPECT_EQ(ok.result.decision, iam::Decision::kAllowed) << analysis::DescribeEval(ok);

  auto denied = LogGroupKey(testing::KeyPolicyDelegatingToIam());
  const analysis::IamEval& no = denied->Of("kms:GenerateDataKey");
  EXPECT_EQ(no.result.decision, iam::Decision::kImplicitDeny) << analysis::DescribeEval(no);
  EXPECT_EQ(no.result.deciding_layer, iam::PolicyType::kResource);

  auto unknown = LogGroupKey(nullptr);
  const analysis::IamEval& gap = unknown->Of("kms:GenerateDataKey");
  EXPECT_EQ(gap.result.decision, iam::Decision::kUnknown);
  EXPECT_TRUE(gap.data_gap);
  EXPECT_EQ(gap.unknowns.at(0).rfind(
                "the key policy of " + testing::KeyArn("k-logs") + " is not in the snapshot", 0),
            0u);
}

// A role the snapshot lacks leaves the request undecided as a whole, yet the policies that are
// not the role's still judge it: the repository policy's Deny of that role stands.
TEST(IamEvalTarget, ARoleThatDoesNotResolveStillMeetsTheResourcePolicy) {
  auto s = Snapshot::Base("base-private-nat");
  const std::string arn = "arn:aws:iam::111122223333:role/api-task-exec";
  s.TaskDefinition()["executionRoleArn"] = arn;
  testing::SetRepositoryPolicy(s, "api", testing::kAccount,
                               OneStatement("NoAgents", "Deny", "ecr:BatchGetImage", nullptr,
                                            {{"Principal", {{"AWS", arn}}}}));
  auto e = Evaluate(s);
  const analysis::IamEval& pull = e->Of("ecr:BatchGetImage");
  EXPECT_FALSE(pull.evaluated);
  ASSERT_TRUE(pull.without_role);
  const LayerVerdict v = LayerOf(pull, iam::PolicyType::kResource);
  EXPECT_EQ(v.decision, iam::LayerDecision::kExplicitDeny);
  EXPECT_EQ(DecidingText(v), "repository policy of api statement NoAgents");
  EXPECT_EQ(LayerOf(pull, iam::PolicyType::kIdentity).decision, iam::LayerDecision::kNotApplicable);
  // The other pull call is not the Deny's: the policy does not refuse it alone.
  EXPECT_EQ(LayerOf(e->Of("ecr:GetDownloadUrlForLayer"), iam::PolicyType::kResource).decision,
            iam::LayerDecision::kImplicitDeny);
}

// With the role in the snapshot the layer comes from the whole evaluation, nothing more.
TEST(IamEvalTarget, AResolvedRolesLayersComeFromItsWholeEvaluation) {
  auto s = Snapshot::Base("base-private-nat");
  testing::SetRepositoryPolicy(s, "api", testing::kAccount,
                               OneStatement("NoAgents", "Deny", "ecr:BatchGetImage", nullptr,
                                            {{"Principal", {{"AWS", kExecRoleArn}}}}));
  auto e = Evaluate(s);
  const analysis::IamEval& pull = e->Of("ecr:BatchGetImage");
  ASSERT_TRUE(pull.evaluated);
  EXPECT_FALSE(pull.without_role);
  EXPECT_EQ(pull.result.decision, iam::Decision::kExplicitDeny);
  EXPECT_EQ(RefusalText(LayerOf(pull, iam::PolicyType::kResource), ""),
            "explicitly denied by repository policy of api statement NoAgents");
}

const analysis::EndpointCall* CallThrough(const Evaluation& e, const std::string& endpoint,
                                          const std::string& action) {
  for (const auto& c : e.iam.endpoint_calls)
    if (c.endpoint->id == endpoint && c.request->action == action) return &c;
  return nullptr;
}

// base-endpoints: every call leaves through an interface endpoint, and S3 through the gateway.
TEST(IamEvalTarget, JudgesEachCallThroughTheEndpointsOnItsPaths) {
  auto s = Snapshot::Base("base-endpoints");
  s.Item("VpcEndpoints", "s3")["PolicyDocument"] =
      testing::AllowPolicy({"s3:GetObject"}, "arn:aws:s3:::acme-config/*").dump();
  auto e = Evaluate(s);
  // The S3 read of image layers is judged by the S3 endpoint's policy, which omits the bucket.
  const auto* layers = CallThrough(*e, s.Id("VpcEndpoints", "s3"), "s3:GetObject");
  ASSERT_NE(layers, nullptr);
  EXPECT_EQ(layers->request->resource, "arn:aws:s3:::prod-eu-west-3-starport-layer-bucket/*");
  EXPECT_EQ(layers->request, &e->iam.layer_reads.at(0));
  EXPECT_EQ(layers->verdict.decision, iam::LayerDecision::kImplicitDeny);
  EXPECT_FALSE(layers->subnets.empty());
  EXPECT_TRUE(std::is_sorted(layers->subnets.begin(), layers->subnets.end()));
  // The pull went through the ecr.dkr endpoint in its whole evaluation: the same verdict.
  const auto* pull = CallThrough(*e, s.Id("VpcEndpoints", "ecr.dkr"), "ecr:BatchGetImage");
  ASSERT_NE(pull, nullptr);
  EXPECT_EQ(pull->request->via_endpoint, pull->endpoint->id);
  EXPECT_EQ(pull->verdict.decision, iam::LayerDecision::kAllow);
  EXPECT_EQ(e->Of("ecr:BatchGetImage").result.endpoint, iam::LayerDecision::kAllow);
  // An unparsable policy is said, not judged.
  s.Item("VpcEndpoints", "logs")["PolicyDocument"] = "{\"Statement\": [";
  auto broken = Evaluate(s);
  const auto* put = CallThrough(*broken, s.Id("VpcEndpoints", "logs"), "logs:PutLogEvents");
  ASSERT_NE(put, nullptr);
  EXPECT_FALSE(put->error.empty());
  EXPECT_EQ(put->verdict.decision, iam::LayerDecision::kNotApplicable);
}

TEST(IamEvalTarget, NoEndpointCallsWithoutEndpointsOnThePaths) {
  EXPECT_TRUE(Evaluate(Snapshot::Base("base-private-nat"))->iam.endpoint_calls.empty());
}

/// base-private-nat's task definition about to be run by the snapshot's caller, a session of
/// role deployer whose inline policy has `statement`.
std::unique_ptr<Evaluation> RunByDeployer(const Json& statement) {
  auto s = Snapshot::Base("base-private-nat");
  s.Doc("sts-get-caller-identity.json") = {
      {"UserId", "AROATESTDEPLOYER:alice"},
      {"Account", testing::kAccount},
      {"Arn", "arn:aws:sts::111122223333:assumed-role/deployer/alice"}};
  testing::SetInlinePolicies(testing::AddRole(s, "deployer", "ecs-tasks.amazonaws.com"), "deploy",
                             testing::PolicyDoc(Json::array({statement})));
  analysis::TargetQuery q;
  q.task_definition_ref = testing::kTdArn;
  q.subnets = {s.Id("Subnets", "shop-prod-private-a")};
  return Evaluate(s, q);
}

// The caller's iam:PassRole of each role, as the caller's own session, with
// iam:PassedToService: the grant conditioned on ECS tasks passes the execution role only.
TEST(IamEvalTarget, TheCallerPassesTheRolesOfATaskDefinitionNotStartedYet) {
  Json pass = testing::Statement("Pass", "Allow", "iam:PassRole", kExecRoleArn);
  pass["Condition"] = {{"StringEquals", {{"iam:PassedToService", "ecs-tasks.amazonaws.com"}}}};
  auto e = RunByDeployer(pass);
  ASSERT_FALSE(e->iam.caller_requests.empty());
  ASSERT_EQ(e->iam.caller_evals.size(), e->iam.caller_requests.size());
  const analysis::IamEval& exec = e->iam.caller_evals[0];
  EXPECT_EQ(exec.request, &e->iam.caller_requests[0]);
  EXPECT_EQ(exec.request->principal_kind, IamPrincipalKind::kCaller);
  EXPECT_EQ(exec.request->principal, "arn:aws:iam::111122223333:role/deployer");
  EXPECT_EQ(exec.request->resource, kExecRoleArn);
  ASSERT_TRUE(exec.evaluated) << exec.unchecked;
  EXPECT_EQ(LayerOf(exec, iam::PolicyType::kIdentity).decision, iam::LayerDecision::kAllow);
  for (const auto& ev : e->iam.caller_evals) {
    if (ev.request->resource == kExecRoleArn) continue;
    EXPECT_EQ(LayerOf(ev, iam::PolicyType::kIdentity).decision, iam::LayerDecision::kImplicitDeny);
  }
  // A service is already running: whoever started it did pass the roles.
  EXPECT_TRUE(Evaluate(Snapshot::Base("base-private-nat"))->iam.caller_requests.empty());
}

// Fargate generates a data key and creates a grant on the cluster's ephemeral storage key for
// each task, under the key policy alone (kms-keys-healthy: AWS's statement for cluster prod).
TEST(IamEvalTarget, FargateUsesTheClustersEphemeralStorageKey) {
  auto s = Snapshot::Base("kms-keys-healthy");
  auto e = Evaluate(s);
  const analysis::IamEval& grant = e->Of("kms:CreateGrant");
  EXPECT_EQ(grant.request->principal, "fargate.amazonaws.com");
  EXPECT_EQ(*grant.request->Context("kms:EncryptionContext:aws:ecs:clusterName"),
            std::vector<std::string>{"prod"});
  EXPECT_EQ(*grant.request->Context("kms:GrantOperations"), std::vector<std::string>{"Decrypt"});
  EXPECT_EQ(grant.result.decision, iam::Decision::kAllowed) << DescribeEval(grant);
  EXPECT_EQ(e->Of("kms:GenerateDataKeyWithoutPlaintext").result.decision, iam::Decision::kAllowed);
  // A key named by alias is refused before Fargate uses it (STO008): no request.
  s.Item("clusters", "prod")["configuration"]["managedStorageConfiguration"]
        ["fargateEphemeralStorageKmsKeyId"] = "alias/fargate-storage";
  // Held in a variable: a range-for does not keep Evaluate's temporary alive (C++20).
  const auto refused = Evaluate(s);
  for (const auto& ev : refused->iam.evals)
    EXPECT_NE(ev.request->principal, "fargate.amazonaws.com") << ev.request->action;
}

TEST(IamEvalTarget, TheMemoEvaluatesATargetOnce) {
  auto e = Evaluate(Snapshot::Base("base-private-nat"));
  checks::Memo memo;
  const checks::CheckContext ctx{e->m, e->an.targets, memo};
  const analysis::TargetIam& first = checks::IamOf(ctx, e->an.targets[0]);
  EXPECT_EQ(&checks::IamOf(ctx, e->an.targets[0]), &first);
  EXPECT_EQ(first.requests.size(), e->iam.requests.size());
  EXPECT_EQ(first.ta, &e->an.targets[0]);
}

// ---- Texts --------------------------------------------------------------------------------------

iam::MatchedStatement Stmt(const std::string& policy, const std::string& sid,
                           iam::PolicyType type = iam::PolicyType::kIdentity) {
  iam::MatchedStatement m;
  m.policy_name = policy;
  m.sid = sid;
  m.policy_type = type;
  return m;
}

TEST(IamEvalText, WhyNotAllowedNamesTheLayerOrStatementsThatDecided) {
  using iam::Decision;
  using iam::PolicyType;
  iam::Result r;
  r.decision = Decision::kImplicitDeny;
  EXPECT_EQ(analysis::WhyNotAllowed(r), "no statement allows it");
  const std::pair<PolicyType, const char*> layers[] = {
      {PolicyType::kIdentity, "no statement of the role's identity policies allows it"},
      {PolicyType::kPermissionsBoundary, "the role's permissions boundary does not allow it"},
      {PolicyType::kScp, "no SCP allows it"},
      {PolicyType::kRcp, "no RCP allows it"},
      {PolicyType::kEndpoint, "the VPC endpoint policy does not allow it"},
      {PolicyType::kResource, "the resource policy does not allow it"},
      {PolicyType::kSession, "the session policy does not allow it"},
  };
  for (const auto& [layer, text] : layers) {
    r.deciding_layer = layer;
    EXPECT_EQ(analysis::WhyNotAllowed(r), text);
  }
  r.deciding_layer = PolicyType::kScp;
  r.failing_scp_level = 1;
  EXPECT_EQ(analysis::WhyNotAllowed(r), "no SCP at one level allows it");
  r.deciding_layer = PolicyType::kResource;
  r.cross_account = true;
  EXPECT_EQ(analysis::WhyNotAllowed(r), "the resource policy (another account) does not allow it");

  iam::Result deny;
  deny.decision = Decision::kExplicitDeny;
  deny.deciding_layer = PolicyType::kScp;
  EXPECT_EQ(analysis::WhyNotAllowed(deny), "explicit Deny in Service Control Policy");
  deny.deciding = {Stmt("SCP guard (p-1)", "DenyEcr", PolicyType::kScp),
                   Stmt("SCP guard (p-1)", "DenyEcr", PolicyType::kScp)};
  EXPECT_EQ(analysis::WhyNotAllowed(deny), "explicit Deny in SCP guard (p-1) statement DenyEcr");  // once

  iam::Result open;
  open.decision = Decision::kUnknown;
  EXPECT_EQ(analysis::WhyNotAllowed(open), "undecided: a condition hangs on data the snapshot lacks");
  iam::Result ok;
  ok.decision = Decision::kAllowed;
  ok.deciding = {Stmt("inline policy a of role r", ""), Stmt("arn:aws:iam::aws:policy/P", "Logs")};
  ok.deciding[0].index = 2;
  EXPECT_EQ(analysis::WhyNotAllowed(ok),
            "allowed by inline policy a of role r statement #2; arn:aws:iam::aws:policy/P "
            "statement Logs");
}

TEST(IamEvalText, HasIamDataCountsRolesPoliciesAndIamCallsOnly) {
  EXPECT_FALSE(analysis::HasIamData(model::ModelBuilder().Build()));
  model::ApiError ecr;
  ecr.command = "ecr describe-repositories";
  model::ModelBuilder other;
  other.AddApiError(ecr);
  EXPECT_FALSE(analysis::HasIamData(std::move(other).Build()));
  model::ApiError iam_call = ecr;
  iam_call.command = "iam get-role";
  model::ModelBuilder refused;
  refused.AddApiError(iam_call);
  EXPECT_TRUE(analysis::HasIamData(std::move(refused).Build()));
  model::IamManagedPolicy p;
  p.arn = "arn:aws:iam::aws:policy/P";
  model::ModelBuilder policy;
  policy.AddIamPolicy(p);
  EXPECT_TRUE(analysis::HasIamData(std::move(policy).Build()));
}

// The statements of a role's policies and boundary that mention an action and a VPC or endpoint
// condition (IAM004 leaves those denials to IAM010).
TEST(IamEvalText, VpcConditionedFindsStatementsOfEveryIdentityLayer) {
  const Json vpce = {{"Condition", {{"StringEquals", {{"aws:SourceVpce", "vpce-1"}}}}}};
  model::IamRole role;
  role.arn = "arn:aws:iam::111122223333:role/r";
  role.name = "r";
  role.account = "111122223333";
  role.inline_policies.push_back(
      {"ecr", OneStatement("Ecr", "Allow", "ecr:*", "*", vpce).dump(), {}});
  role.inline_policies.push_back({"broken", std::string("{"), {}});
  Json not_logs = {{"Condition", {{"StringNotEquals", {{"aws:sourcevpc", "vpc-1"}}}}}};
  Json deny = OneStatement("", "Deny", nullptr, "*", not_logs);
  deny["Statement"][0]["NotAction"] = "logs:*";
  role.attached_policy_arns = {"arn:aws:iam::111122223333:policy/perimeter"};
  role.permissions_boundary_arn = "arn:aws:iam::111122223333:policy/boundary";
  model::ModelBuilder mb;
  model::IamManagedPolicy perimeter;
  perimeter.arn = role.attached_policy_arns[0];
  perimeter.document = deny.dump();
  mb.AddIamPolicy(perimeter);
  model::IamManagedPolicy boundary;
  boundary.arn = role.permissions_boundary_arn;
  boundary.document =
      OneStatement("Ip", "Allow", "*", "*",
                   {{"Condition", {{"IpAddress", {{"aws:SourceIp", "10.0.0.0/8"}}}}}})
          .dump();
  mb.AddIamPolicy(boundary);
  mb.AddIamRole(role);
  const model::Model m = std::move(mb).Build();
  const model::IamRole& r = *m.iam_roles().Find(role.arn);
  auto token = analysis::VpcConditioned(m, r, "ecr:GetAuthorizationToken");
  ASSERT_EQ(token.size(), 2u);
  EXPECT_EQ(token[0].policy, "inline policy ecr of role r");
  EXPECT_EQ(token[0].label, "Ecr");
  EXPECT_EQ(token[0].effect, iam::Effect::kAllow);
  EXPECT_EQ(token[0].key, "aws:SourceVpce");
  EXPECT_EQ(token[0].op, "StringEquals");
  EXPECT_EQ(token[1].policy, "arn:aws:iam::111122223333:policy/perimeter");
  EXPECT_EQ(token[1].label, "#0");
  EXPECT_EQ(token[1].effect, iam::Effect::kDeny);
  EXPECT_EQ(token[1].key, "aws:sourcevpc");
  EXPECT_TRUE(analysis::VpcConditioned(m, r, "logs:PutLogEvents").empty());  // NotAction logs:*, ecr:* only
}

TEST(IamEvalText, ParseCachedKeepsTheParserError) {
  const analysis::ParsedPolicy bad = analysis::ParseCached("{\"Statement\": 3}");
  EXPECT_EQ(bad.policy, nullptr);
  EXPECT_FALSE(bad.error.empty());
  const std::string doc = OneStatement("A", "Allow", "s3:*").dump();
  auto p = analysis::ParseCached(doc).policy;
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(analysis::ParseCached(doc).policy, p);  // parsed once per text
  EXPECT_TRUE(analysis::ParseCached(doc).error.empty());
}

}  // namespace
}  // namespace fd::analysis
