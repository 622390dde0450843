// IMG009: an ECR image served by a pull-through cache rule whose configuration cannot serve it:
// an upstream that needs credentials without a usable ecr-pullthroughcache/ secret, or an
// execution role that may not import (ecr:BatchImportUpstreamImage) or create the cache
// repository (ecr:CreateRepository), by its own policies or the registry policy.
#include "analysis/iam/target_iam.h"
#include "analysis/iam_requests.h"
#include "analysis/pull_through_cache.h"
#include "checks/check_util.h"
#include "checks/iam/iam_report.h"
#include "checks/resource_refs.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kImg009,
    .slug = "img-pull-through-cache",
    .title = "ECR pull-through cache misconfiguration",
    .severity = report::Severity::kBlocker,
    .group = Group::kResources,
    .rationale = "An image whose repository starts with a pull-through cache rule's prefix is "
                 "fetched from the upstream registry by ECR on the first pull. That works only "
                 "when the rule can authenticate to an upstream that requires it (a Secrets "
                 "Manager secret named ecr-pullthroughcache/…, in the rule's account and Region) "
                 "and the execution role may import the image (ecr:BatchImportUpstreamImage) and, "
                 "while the cache repository does not exist, create it (ecr:CreateRepository), "
                 "through its own policies or the registry policy. Otherwise the pull fails with "
                 "\"repository … not found\" or \"manifest unknown\". The first pull's network path "
                 "(it needs the internet even when ECR is reached through endpoints) is VPCE013's.",
    .evidence = "containerDefinitions[].image; ecr describe-pull-through-cache-rules "
                "(ecrRepositoryPrefix, upstreamRegistryUrl, credentialArn); ecr describe-repositories "
                "and describe-images; secretsmanager describe-secret / list-secrets; the execution "
                "role's policies (iam get-account-authorization-details) and ecr get-registry-policy",
    .remediation = "Store the upstream credentials in a Secrets Manager secret whose name starts "
                   "with ecr-pullthroughcache/ in the registry's account and Region and name it in "
                   "the rule; grant the execution role ecr:BatchImportUpstreamImage and "
                   "ecr:CreateRepository (in its policy or the registry policy); or pre-create the "
                   "cache repository.",
    .references = "https://docs.aws.amazon.com/AmazonECR/latest/userguide/pull-through-cache.html "
                  "https://docs.aws.amazon.com/AmazonECR/latest/userguide/pull-through-cache-creating-rule.html "
                  "https://docs.aws.amazon.com/AmazonECR/latest/userguide/pull-through-cache-iam.html",
};

constexpr std::string_view kSecretPrefix = "ecr-pullthroughcache/";

/// Upstreams that accept no anonymous pulls through a cache rule.
bool NeedsCredential(const std::string& kind) {
  return kind == "docker-hub" || kind == "github-container-registry" ||
         kind == "gitlab-container-registry" || kind == "azure-container-registry";
}

std::string RuleResource(const model::EcrPullThroughCacheRule& r) {
  return "pull-through-cache-rule/" + r.prefix;
}

/// The rule's upstream credentials as a secret (in `secret_region`), named in the rule.
fix::Step Credential(const model::EcrPullThroughCacheRule& r, const std::string& secret_region) {
  return fix::PullThroughCacheCredential{r.prefix, secret_region, r.region};
}

/// What is wrong with the rule's credential; empty when nothing provable.
void CheckCredential(const CheckContext& ctx, FindingSink& sink, const analysis::Target& t,
                     const EcrImageUse& use, const model::EcrPullThroughCacheRule& rule) {
  const model::Model& m = ctx.model;
  const std::string kind = analysis::UpstreamKind(rule);
  const std::string upstream = rule.upstream_registry_url.empty() ? kind : rule.upstream_registry_url;
  const std::string secret_region = rule.region.empty() ? use.ref.region : rule.region;
  if (rule.credential_arn.empty()) {
    if (!NeedsCredential(kind)) return;
    auto& f = sink.Report(kInfo, t, RuleResource(rule),
                          "pull-through cache rule " + rule.prefix + " (upstream " + upstream +
                              ") has no credential, which that upstream requires; image " + use.image +
                              " (container " + use.container + ") cannot be fetched");
    f.evidence.push_back({RuleResource(rule), "describe-pull-through-cache-rules: rule " + rule.prefix +
                                                  " has no credentialArn"});
    f.fix = report::Fix::Of("store the upstream credentials in a secret named ecr-pullthroughcache/<name> and "
                            "name it in the rule",
                            {Credential(rule, secret_region)});
    return;
  }
  std::vector<std::string> problems;
  const std::string& arn = rule.credential_arn;
  std::string name;
  const bool is_secret = arn.rfind("arn:", 0) == 0 && arn.find(":secretsmanager:") != std::string::npos &&
                         arn.find(":secret:") != std::string::npos;
  if (!is_secret) {
    problems.push_back("credentialArn " + arn + " is not a Secrets Manager secret ARN");
  } else {
    name = arn.substr(arn.find(":secret:") + 8);
    if (name.rfind(kSecretPrefix, 0) != 0)
      problems.push_back("secret name " + name + " does not start with ecr-pullthroughcache/");
    if (model::AccountOfArn(arn) != rule.registry_id)
      problems.push_back("the secret is in account " + model::AccountOfArn(arn) + ", the rule in " +
                         rule.registry_id);
    if (!rule.region.empty() && model::RegionOfArn(arn) != rule.region)
      problems.push_back("the secret is in " + model::RegionOfArn(arn) + ", the rule in " + rule.region);
  }
  if (is_secret && problems.empty()) {
    // The secret itself: present, not scheduled for deletion.
    const std::string region = model::RegionOfArn(arn), account = model::AccountOfArn(arn);
    const model::Secret* s = m.secrets().Find(arn);
    if (!s) s = m.SecretByName(region, account, name);
    if (!s && name.size() > 7 && name[name.size() - 7] == '-')
      s = m.SecretByName(region, account, name.substr(0, name.size() - 7));
    if (s && !s->deleted_date.empty())
      problems.push_back("secret " + s->name + " is scheduled for deletion (" + s->deleted_date + ")");
    else if (!s && m.Covers("secrets " + region))
      problems.push_back("no secret " + name + " exists in " + region + " (list-secrets)");
    else if (!s)
      sink.Unchecked(kInfo, t.Key() + ": credential secret " + arn + " of pull-through cache rule " +
                                rule.prefix + " is not in the snapshot (" +
                                fix::Cli(fix::Read{"secretsmanager", "describe-secret", {"--secret-id", arn}}).front() +
                                ")");
  }
  if (problems.empty()) return;
  auto& f = sink.Report(kInfo, t, arn,
                        "the credential of pull-through cache rule " + rule.prefix + " (upstream " +
                            upstream + ") cannot be used: " + problems.front() + "; image " + use.image +
                            " (container " + use.container + ") cannot be fetched");
  for (const auto& p : problems) f.evidence.push_back({arn, p});
  f.fix = report::Fix::Of("create the credentials as a secret named ecr-pullthroughcache/<name> in account " +
                              rule.registry_id + " and " + secret_region + ", and name it in the rule",
                          {Credential(rule, secret_region)});
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  const model::Model& m = ctx.model;
  for (const auto& ta : ctx.targets) {
    for (const EcrImageUse& use : EcrImages(ta.target)) {
      const auto& r = use.ref;
      auto ptc = analysis::PullThroughCacheOf(m, r);
      if (!ptc) {
        // A repository that does not exist is IMG001's "not found" unless a cache rule would
        // create it: unchecked only when the rules of that registry were not collected.
        const bool repo_absent = !m.ecr_repositories().Find(use.repository_arn) &&
                                 m.Covers("ecr " + r.account + " " + r.region);
        if (repo_absent && !m.Covers("ecr-ptc " + r.account + " " + r.region)) {
          const model::ApiError* denied = m.Denied("ecr:DescribePullThroughCacheRules");
          sink.Unchecked(kInfo, ta.target.Key() + ": repository " + r.repository + " of image " + use.image +
                                    " does not exist; whether a pull-through cache rule of " + r.account +
                                    " in " + r.region + " would create it is unknown (" +
                                    (denied ? "ecr describe-pull-through-cache-rules failed: " + denied->code
                                            : "collect " + fix::Cli(fix::Read{"ecr", "describe-pull-through-cache-rules", {}, r.region}).front()) +
                                    ")");
        }
        continue;
      }
      CheckCredential(ctx, sink, ta.target, use, *ptc->rule);
      if (ptc->repository == analysis::CacheState::kUnknown)
        sink.Unchecked(kInfo, ta.target.Key() + ": whether the cache repository " + r.repository +
                                  " of pull-through cache rule " + ptc->rule->prefix +
                                  " exists is not in the snapshot, so the need for ecr:CreateRepository "
                                  "is unknown (" +
                                  fix::Cli(fix::Read{"ecr", "describe-repositories", {}, r.region}).front() + ")");
    }
  }
  // The execution role's import and repository-creation permissions, through the shared IAM
  // engine: identity policies and the registry policy. Boundaries and guardrails stay
  // IAM008/IAM009's.
  PermissionCheck pc;
  pc.owns = [](const analysis::IamRequest& r) {
    return r.principal_kind == analysis::IamPrincipalKind::kExecutionRole &&
           analysis::IsPullThroughCacheAction(r.action);
  };
  pc.mine = [](const analysis::IamEval& e, const model::Model&) {
    if (DecidedByIdentity(e)) return true;
    return e.result.decision == iam::Decision::kExplicitDeny &&
           e.result.deciding_layer == iam::PolicyType::kResource;
  };
  pc.what = "cannot import through the pull-through cache";
  pc.policy_name = "ecs-exec-pull-through-cache";
  pc.extra_fix = "or allow them to the role in the registry policy (aws ecr put-registry-policy)";
  ReportPermissionCheck(ctx, sink, kInfo, pc);
}

}  // namespace

const CheckDef kImg009{kInfo, &Run};

}  // namespace fd::checks
