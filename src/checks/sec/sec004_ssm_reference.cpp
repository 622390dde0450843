// SEC004: an SSM parameter reference ECS cannot resolve as written: a hierarchical name without
// its leading slash, a bare name whose parameter lives only in another Region (needs the full
// ARN), or a Standard-tier parameter of another account (only Advanced ones can be shared).
// Existence is SEC001's; KMS and secretsmanager:GetSecretValue are the IAM checks'.
#include <unordered_map>

#include "checks/check_util.h"
#include "checks/resource_refs.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kSec004,
    .slug = "sec-ssm-reference",
    .title = "SSM parameter reference problems",
    .severity = report::Severity::kBlocker,
    .group = Group::kResources,
    .rationale = "ECS resolves a bare parameter name in the task's own Region and account; a "
                 "parameter elsewhere needs its full ARN, a hierarchical name needs its leading "
                 "slash, and another account's parameter must be a shared Advanced-tier one. "
                 "Otherwise GetParameters reports it invalid and the task stops.",
    .evidence = "task definition secrets[].valueFrom and secretOptions naming SSM parameters; ssm "
                "describe-parameters of every Region in the snapshot (Name, ARN, Tier)",
    .remediation = "Reference the parameter by its full ARN (arn:aws:ssm:<region>:<account>:"
                   "parameter/<name>) or by its exact name including the leading slash.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-ssm-paramstore.html",
};

void Run(const CheckContext& ctx, FindingSink& sink) {
  // Parameter name → the parameters of that name in any Region (one pass, built once).
  std::unordered_map<std::string, std::vector<const model::SsmParameter*>> by_name;
  for (const auto& p : ctx.model.ssm_parameters()) by_name[p.name].push_back(&p);

  for (const auto& ta : ctx.targets) {
    for (const SecretRef& ref : SecretRefs(ta.target)) {
      if (!ref.ssm) continue;
      const bool bare = ref.value_from.rfind("arn:", 0) != 0;
      const std::string where = ref.where + " of container " + ref.container;
      auto report = [&](const std::string& message, const std::string& claim, const std::string& summary,
                        report::Severity sev) {
        auto& f = sink.Report(kInfo, ta.target, ref.value_from, message);
        f.severity = sev;
        f.evidence.push_back({ref.value_from, claim});
        const std::string name = ref.name.empty() || ref.name[0] == '/' ? ref.name : "/" + ref.name;
        f.fix = report::Fix::Of(summary, {fix::Read{"ssm", "describe-parameters",
                                                    {"--parameter-filters", "Key=Name,Values=" + name}, ref.region}});
      };
      if (bare && ref.name.find('/') != std::string::npos && ref.name[0] != '/') {
        report("SSM parameter " + ref.value_from + " (" + where +
                   ") is a hierarchical name without its leading slash",
               "parameter names with '/' are fully qualified and start with '/': /" + ref.name,
               "write the name as /" + ref.name, report::Severity::kBlocker);
        continue;
      }
      if (bare && ctx.model.Covers("ssm " + ref.region)) {
        SecretLookup found = LookupSecret(ctx.model, ref);
        if (found.presence == Presence::kMissing) {
          auto it = by_name.find(ref.name);
          if (it == by_name.end() && !ref.name.empty() && ref.name[0] == '/')
            it = by_name.find(ref.name.substr(1));
          if (it != by_name.end()) {
            for (const auto* p : it->second) {
              if (p->region == ref.region) continue;
              report("SSM parameter " + ref.name + " (" + where + ") exists in " + p->region +
                         " but is referenced by name, which ECS looks up in " + ref.region,
                     "describe-parameters of " + p->region + " lists " +
                         (p->arn.empty() ? p->name : p->arn),
                     "reference the parameter by its full ARN" + (p->arn.empty() ? std::string() : " " + p->arn),
                     report::Severity::kBlocker);
              break;
            }
          }
        }
        continue;
      }
      if (!bare && !ref.account.empty() && !ta.target.account.empty() && ref.account != ta.target.account) {
        SecretLookup found = LookupSecret(ctx.model, ref);
        if (found.parameter && !found.parameter->tier.empty() && found.parameter->tier == "Standard")
          report("SSM parameter " + ref.value_from + " (" + where + ") belongs to account " +
                     ref.account + " and is Standard tier: only Advanced-tier parameters can be shared",
                 "describe-parameters: Tier Standard", "make it an Advanced-tier parameter shared through "
                 "AWS RAM, or copy it into account " + ta.target.account, report::Severity::kBlocker);
        else if (!found.parameter)
          report("SSM parameter " + ref.value_from + " (" + where + ") belongs to another account (" +
                     ref.account + "); it must be an Advanced-tier parameter shared with " + ta.target.account,
                 "the snapshot does not show the parameter's tier or sharing",
                 "confirm the parameter is Advanced tier and shared through AWS RAM", report::Severity::kWarning);
      }
    }
  }
}

}  // namespace

const CheckDef kSec004{kInfo, &Run};

}  // namespace fd::checks
