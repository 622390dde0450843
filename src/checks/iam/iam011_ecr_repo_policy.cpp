// IAM011: the repository policy of a private ECR repository the task pulls from denies the
// execution role, or the repository is in another account and no statement allows the pull
// actions to the role or its account. Only the repository-policy layer of the pull's evaluation
// is read here; the role's own ECR permissions are IAM004. ecr:GetAuthorizationToken is not
// governed by it.
#include <set>

#include "analysis/iam/policies.h"  // ParseCached: why a policy does not parse
#include "analysis/iam/wording.h"
#include "checks/check_util.h"
#include "checks/memo.h"
#include "checks/resource_refs.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kIam011,
    .slug = "iam-ecr-repo-policy",
    .title = "repository policy denies or lacks cross-account grant",
    .severity = report::Severity::kBlocker,
    .group = Group::kIam,
    .rationale = "A repository policy is a resource policy: a Deny in it that matches the "
                 "execution role blocks the pull even when the role's own policies allow it, and "
                 "a repository in another account admits the role only when its policy allows "
                 "the pull actions to the role or its account.",
    .evidence = "ecr get-repository-policy policyText (or RepositoryPolicyNotFoundException), "
                "evaluated for ecr:BatchGetImage, ecr:GetDownloadUrlForLayer and "
                "ecr:BatchCheckLayerAvailability by the execution role with the context of the "
                "start",
    .remediation = "Remove or narrow the Deny, or allow the pull actions to the execution role "
                   "(or its account root) in the repository policy.",
    .references = "https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policies.html "
                  "https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policy-examples.html",
};

std::string PullPolicy(const std::string& role) {
  return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AllowPullByTaskExecutionRole\","
         "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + role + "\"},\"Action\":["
         "\"ecr:BatchGetImage\",\"ecr:GetDownloadUrlForLayer\",\"ecr:BatchCheckLayerAvailability\"]}]}";
}

/// The repository policy's own verdict on a pull request (the resource layer of its
/// evaluation): a Deny, a condition the snapshot cannot decide, or (across accounts, where the
/// policy must allow) no Allow.
void ReportDecision(FindingSink& sink, const analysis::Target& t, const analysis::IamRequest& r,
                    const std::string& repo_name, const fix::RepositoryPolicy& put,
                    const analysis::LayerVerdict& v) {
  const std::string& repo_arn = r.resource;
  const bool cross = r.resource_account != r.principal_account;
  const iam::LayerDecision layer = v.decision;
  if (layer == iam::LayerDecision::kExplicitDeny) {
    auto& f = sink.Report(kInfo, t, repo_arn,
                          "the repository policy of " + repo_name + " denies execution role " +
                              r.principal + " the image pull");
    f.evidence.push_back({repo_arn, r.action + " explicitly denied by " + analysis::DecidingText(v)});
    f.fix = report::Fix::Of("remove the Deny or exempt the execution role from it (keep the other statements)",
                            {put});
  } else if (layer == iam::LayerDecision::kUnknown) {
    auto& f = sink.Report(kInfo, t, repo_arn,
                          "whether the repository policy of " + repo_name + " admits execution "
                          "role " + r.principal + " depends on context the snapshot cannot "
                          "supply");
    f.severity = report::Severity::kWarning;
    f.evidence.push_back({repo_arn, r.action + ": undecided, hangs on " + JoinList(v.keys) +
                                        (v.statements.empty() ? "" : " in " + analysis::DecidingText(v))});
    f.fix = report::Fix::Of("make sure those conditions hold for the task's pull, or narrow them", {put});
  } else if (cross && layer != iam::LayerDecision::kAllow) {
    auto& f = sink.Report(kInfo, t, repo_arn,
                          "the repository policy of " + repo_name + " in account " +
                              r.resource_account + " does not allow execution role " +
                              r.principal + " of account " + r.principal_account + " to pull");
    f.evidence.push_back({repo_arn, r.action + ": no statement of the repository policy "
                                               "allows the role or its account"});
    f.fix = report::Fix::Of("add a statement allowing the pull actions to the execution role (merge with the "
                            "existing statements)",
                            {put});
  }
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  const model::Model& m = ctx.model;
  const bool any_policy_data = m.Has("policyText") || m.ecr_repository_policies().size() > 0;
  for (const auto& ta : ctx.targets) {
    const analysis::Target& t = ta.target;
    if (!t.task_definition) continue;
    std::set<std::string> unchecked;
    for (const auto& e : IamOf(ctx, ta).evals) {
      const analysis::IamRequest& r = *e.request;
      if (r.principal_kind != analysis::IamPrincipalKind::kExecutionRole || r.principal.empty() ||
          r.action.rfind("ecr:", 0) != 0 || r.resource == "*" ||
          analysis::IsPullThroughCacheAction(r.action))  // the registry policy decides: IMG009
        continue;
      const std::string& repo_arn = r.resource;
      const std::string repo_name = repo_arn.substr(repo_arn.find(":repository/") + 12);
      const bool cross = r.resource_account != r.principal_account;
      // The user's repository-policy.json (text ""), or the policy given inline.
      const fix::RepositoryPolicy put{r.resource_account, repo_name, r.resource_region, ""};
      const model::EcrRepositoryPolicy* p = m.ecr_repository_policies().Find(repo_arn);
      if (!p) {
        if ((cross || any_policy_data) && unchecked.insert(repo_arn).second)
          sink.Unchecked(kInfo, "repository policy of " + repo_arn + " (" + t.Key() +
                                    ") not collected (ecr get-repository-policy)" +
                                    (cross ? ": the repository is in another account" : ""));
        continue;
      }
      if (!p->policy) {
        if (!cross) continue;
        auto& f = sink.Report(kInfo, t, repo_arn,
                              "repository " + repo_name + " in account " + r.resource_account +
                                  " has no repository policy, so execution role " + r.principal +
                                  " of account " + r.principal_account + " cannot pull from it");
        f.evidence.push_back({repo_arn, "ecr get-repository-policy: RepositoryPolicyNotFoundException; "
                                        "cross-account pull needs an Allow for " + r.action});
        fix::RepositoryPolicy inline_policy = put;
        inline_policy.text = PullPolicy(r.principal);
        f.fix = report::Fix::Of("allow the pull actions to the execution role in the repository policy",
                                {inline_policy});
        continue;
      }
      analysis::ParsedPolicy parsed = analysis::ParseCached(*p->policy);
      if (!parsed.policy) {
        if (unchecked.insert(repo_arn).second)
          sink.Unchecked(kInfo, "repository policy of " + repo_arn + " does not parse: " + parsed.error);
        continue;
      }
      ReportDecision(sink, t, r, repo_name, put, analysis::LayerOf(e, iam::PolicyType::kResource));
    }
  }
}

}  // namespace

const CheckDef kIam011{kInfo, &Run};

}  // namespace fd::checks
