// SEC001: a secret or SSM parameter named by `secrets` or `repositoryCredentials` is not in the
// snapshot while the snapshot lists that region's secrets (or parameters), or its ARN suffix
// belongs to a deleted copy of a recreated secret. Log secretOptions are SEC005.
#include "checks/check_util.h"
#include "checks/sec/missing_secrets.h"

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

void Run(const CheckContext& ctx, FindingSink& sink) { ReportMissingSecrets(ctx, sink, kInfo, false); }
}  // namespace

const CheckDef kSec001{kInfo, &Run};

}  // namespace fd::checks
