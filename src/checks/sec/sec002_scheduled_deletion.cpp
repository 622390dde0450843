// SEC002: a referenced Secrets Manager secret carries a DeletedDate: it is scheduled for
// deletion and cannot be read during the recovery window, so the task cannot fetch it.
#include "checks/check_util.h"
#include "checks/resource_refs.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kSec002,
    .slug = "sec-scheduled-deletion",
    .title = "secret is pending deletion",
    .severity = report::Severity::kBlocker,
    .group = Group::kResources,
    .rationale = "A secret scheduled for deletion refuses GetSecretValue until it is restored "
                 "or deleted, so every task that references it fails to start.",
    .evidence = "secretsmanager describe-secret / list-secrets DeletedDate",
    .remediation = "Restore the secret, or point the task definition at another secret.",
    .references = "https://docs.aws.amazon.com/secretsmanager/latest/userguide/manage_restore-secret.html",
};

void Run(const CheckContext& ctx, FindingSink& sink) {
  for (const auto& ta : ctx.targets) {
    for (const SecretRef& ref : SecretRefs(ta.target)) {
      if (ref.ssm) continue;
      SecretLookup found = LookupSecret(ctx.model, ref);
      if (found.presence != Presence::kFound || !found.secret ||
          found.secret->deleted_date.empty())
        continue;
      const model::Secret& s = *found.secret;
      auto& f = sink.Report(kInfo, ta.target, s.arn,
                            "secret " + s.name + " (" + ref.where + " of container " +
                                ref.container + ") is scheduled for deletion");
      f.evidence.push_back({s.arn, "DeletedDate " + s.deleted_date});
      f.fix = report::Fix::Of("restore the secret", {fix::SecretRestore{s.arn, s.region}});
    }
  }
}

}  // namespace

const CheckDef kSec002{kInfo, &Run};

}  // namespace fd::checks
