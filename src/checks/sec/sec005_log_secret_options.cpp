// SEC005: a logConfiguration.secretOptions valueFrom names a secret or parameter that does not
// exist (same evidence as SEC001): the log driver cannot be configured, so the task never
// starts.
#include "checks/check_util.h"
#include "checks/sec/missing_secrets.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kSec005,
    .slug = "sec-log-secret-options",
    .title = "`logConfiguration.secretOptions` unresolved",
    .severity = report::Severity::kBlocker,
    .group = Group::kResources,
    .rationale = "Secrets passed to the log driver (a Splunk token, a FireLens output key) are "
                 "fetched at start like container secrets; one that cannot be resolved blocks "
                 "the task.",
    .evidence = "task definition logConfiguration.secretOptions[].valueFrom; secretsmanager "
                "list-secrets / describe-secret; ssm describe-parameters",
    .remediation = "Correct the valueFrom, or create the secret or parameter.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-logconfig.html",
};

void Run(const CheckContext& ctx, FindingSink& sink) { ReportMissingSecrets(ctx, sink, kInfo, true); }

}  // namespace

const CheckDef kSec005{kInfo, &Run};

}  // namespace fd::checks
