// A secret or parameter reference that names nothing: the shared body of SEC001 and SEC005.

#include "checks/sec/missing_secrets.h"

#include "checks/resource_refs.h"

namespace fd::checks {

void ReportMissingSecrets(const CheckContext& ctx, FindingSink& sink, const CheckInfo& info,
                          bool log_options) {
  for (const auto& ta : ctx.targets) {
    for (const SecretRef& ref : SecretRefs(ta.target)) {
      if (ref.log_option != log_options) continue;
      SecretLookup found = LookupSecret(ctx.model, ref);
      if (found.presence == Presence::kUnknown) {
        sink.Unchecked(info, ref.value_from + ": " + found.note);
        continue;
      }
      if (found.presence == Presence::kFound) continue;
      const std::string what = ref.ssm ? "SSM parameter " + ref.name : "secret " + ref.value_from;
      auto& f = sink.Report(info, ta.target, ref.ssm || ref.base_arn.empty() ? ref.name : ref.base_arn,
                            what + " (" + ref.where + " of container " + ref.container +
                                ") does not exist");
      f.evidence.push_back({ref.ssm || ref.base_arn.empty() ? ref.name : ref.base_arn, found.note});
      if (ref.ssm) {
        f.fix = report::Fix::Of("create the parameter or correct the name",
                                {fix::Read{"ssm", "get-parameters", {"--names", ref.name}, ref.region}});
      } else if (found.secret) {
        f.fix = report::Fix::Of(
            "reference the secret's current ARN " + found.secret->arn + " in valueFrom",
            {fix::Read{"secretsmanager", "describe-secret", {"--secret-id", found.secret->arn}, ref.region}});
      } else {
        f.fix = report::Fix::Of("create the secret or correct the ARN",
                                {fix::Read{"secretsmanager", "list-secrets",
                                           {"--region", ref.region, "--filters", "Key=name,Values=" + ref.name}}});
      }
    }
  }
}

}  // namespace fd::checks
