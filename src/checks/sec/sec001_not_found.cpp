// SEC001: a secret or SSM parameter named by `secrets` or `repositoryCredentials` is not in the
// snapshot while the snapshot lists that region's secrets (or parameters), or its ARN suffix
// belongs to a deleted copy of a recreated secret. Log secretOptions are SEC005.
#include "checks/check_util.h"
#include "checks/resource_refs.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kSec001,
    .slug = "sec-not-found",
    .title = "referenced secret/parameter doesn't exist",
    .severity = report::Severity::kBlocker,
    .group = Group::kResources,
    .rationale = "The agent fetches every secret before any container starts; one reference to "
                 "a secret or parameter that does not exist stops the task with "
                 "ResourceInitializationError (ResourceNotFoundException / InvalidParameters).",
    .evidence = "task definition secrets[].valueFrom and repositoryCredentials; secretsmanager "
                "list-secrets / describe-secret; ssm describe-parameters",
    .remediation = "Point valueFrom at the secret's current ARN (or the parameter's name), or "
                   "create the secret or parameter.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/specifying-sensitive-data.html",
};

}  // namespace

/// Shared by SEC001 and SEC005 (log secretOptions).
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

namespace {
void Run(const CheckContext& ctx, FindingSink& sink) { ReportMissingSecrets(ctx, sink, kInfo, false); }
}  // namespace

const CheckDef kSec001{kInfo, &Run};

}  // namespace fd::checks
