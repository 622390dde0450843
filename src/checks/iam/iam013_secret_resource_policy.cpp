// IAM013: the resource policy of a Secrets Manager secret the start reads denies the execution
// role (an unmet aws:SourceVpce or aws:PrincipalOrgID, for instance), or the secret is in
// another account and no statement allows secretsmanager:GetSecretValue to the role or its
// account. The role's own permission is IAM006; the secret's KMS key is IAM012.
#include <set>
#include "analysis/iam/policies.h"  // ParseCached: why a policy does not parse
#include "analysis/iam/wording.h"
#include "checks/check_util.h"
#include "checks/memo.h"


namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kIam013,
    .slug = "iam-secret-resource-policy",
    .title = "secret's resource policy denies / lacks cross-account allow",
    .severity = report::Severity::kBlocker,
    .group = Group::kIam,
    .rationale = "A secret's resource policy is evaluated with the execution role's own "
                 "policies: a Deny matching the role's request blocks the read, and a secret in "
                 "another account is readable only when its policy allows the role or its "
                 "account (and its key policy lets the role decrypt).",
    .evidence = "secretsmanager get-resource-policy ResourcePolicy, evaluated for "
                "secretsmanager:GetSecretValue by the execution role with the context of the "
                "start (aws:SourceVpce when the call goes through an endpoint)",
    .remediation = "Remove or narrow the Deny, or allow secretsmanager:GetSecretValue to the "
                   "execution role in the secret's resource policy; reference a cross-account "
                   "secret by its full ARN.",
    .references = "https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_resource-policies.html "
                  "https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_examples_cross.html",
};

void Run(const CheckContext& ctx, FindingSink& sink) {
  const model::Model& m = ctx.model;
  const bool any_policy_data = m.Has("ResourcePolicy") || m.secret_policies().size() > 0;
  for (const auto& ta : ctx.targets) {
    const analysis::Target& t = ta.target;
    if (!t.task_definition) continue;
    std::set<std::string> done;
    for (const auto& e : IamOf(ctx, ta).evals) {
      const analysis::IamRequest& r = *e.request;
      if (r.principal_kind != analysis::IamPrincipalKind::kExecutionRole || r.principal.empty() ||
          r.action != "secretsmanager:GetSecretValue" || r.placeholder)
        continue;
      if (!done.insert(r.resource).second) continue;
      const std::string& arn = r.resource;
      const bool cross = r.resource_account != r.principal_account;
      const fix::SecretPolicy put{arn, "", r.resource_region};  // from the user's secret-policy.json
      const model::SecretPolicy* p = m.secret_policies().Find(arn);
      if (!p) {
        if (cross || any_policy_data)
          sink.Unchecked(kInfo, "resource policy of secret " + arn + " (" + t.Key() +
                                    ") not collected (secretsmanager get-resource-policy)" +
                                    (cross ? ": the secret is in another account" : ""));
        continue;
      }
      if (!p->policy) {
        if (!cross) continue;
        auto& f = sink.Report(kInfo, t, arn,
                              "secret " + arn + " in account " + r.resource_account +
                                  " has no resource policy, so execution role " + r.principal +
                                  " of account " + r.principal_account + " cannot read it");
        f.evidence.push_back({arn, "secretsmanager get-resource-policy: no ResourcePolicy; a "
                                   "cross-account read needs an Allow for the role"});
        f.fix = report::Fix::Of(
            "allow secretsmanager:GetSecretValue to the execution role in the secret's resource policy",
            {fix::SecretPolicy{arn,
                               "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                               "{\"AWS\":\"" + r.principal + "\"},\"Action\":\"secretsmanager:GetSecretValue\","
                               "\"Resource\":\"*\"}]}",
                               r.resource_region}});
        continue;
      }
      analysis::ParsedPolicy parsed = analysis::ParseCached(*p->policy);
      if (!parsed.policy) {
        sink.Unchecked(kInfo, "resource policy of secret " + arn + " does not parse: " + parsed.error);
        continue;
      }
      // The secret-policy layer of the read's evaluation: the role's own permission is IAM006's.
      const analysis::LayerVerdict v = analysis::LayerOf(e, iam::PolicyType::kResource);
      const iam::LayerDecision layer = v.decision;
      if (layer == iam::LayerDecision::kExplicitDeny) {
        auto& f = sink.Report(kInfo, t, arn,
                              "the resource policy of secret " + p->name +
                                  " denies execution role " + r.principal + " the read (" +
                                  r.feature + " of container " + r.container + ")");
        f.evidence.push_back({arn, "secretsmanager:GetSecretValue explicitly denied by " +
                                       analysis::DecidingText(v)});
        f.fix = report::Fix::Of("remove the Deny or exempt the execution role from it", {put});
      } else if (layer == iam::LayerDecision::kUnknown) {
        auto& f = sink.Report(kInfo, t, arn,
                              "whether the resource policy of secret " + p->name +
                                  " admits execution role " + r.principal +
                                  " depends on context the snapshot cannot supply");
        f.severity = report::Severity::kWarning;
        f.evidence.push_back({arn, "secretsmanager:GetSecretValue: undecided, hangs on " +
                                       JoinList(v.keys) +
                                       (v.statements.empty() ? "" : " in " + analysis::DecidingText(v))});
        f.fix = report::Fix::Of("make sure those conditions hold for the task's start, or narrow them", {put});
      } else if (cross && layer != iam::LayerDecision::kAllow) {
        auto& f = sink.Report(kInfo, t, arn,
                              "the resource policy of secret " + p->name + " in account " +
                                  r.resource_account + " does not allow execution role " +
                                  r.principal + " of account " + r.principal_account);
        f.evidence.push_back({arn, "secretsmanager:GetSecretValue: no statement of the resource "
                                   "policy allows the role or its account"});
        f.fix = report::Fix::Of("add a statement allowing secretsmanager:GetSecretValue to the execution role", {put});
      }
    }
  }
}

}  // namespace

const CheckDef kIam013{kInfo, &Run};

}  // namespace fd::checks
