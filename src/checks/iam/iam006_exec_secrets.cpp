// IAM006: the execution role cannot read what the task injects: Secrets Manager secrets, SSM
// parameters, S3 environment files, and the role side of kms:Decrypt for customer managed keys.
// Key policies (IAM012), secret resource policies (IAM013) and guardrails are other checks'.
#include "analysis/iam/target_iam.h"
#include "checks/check_util.h"
#include "checks/iam/iam_report.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kIam006,
    .slug = "iam-exec-secrets",
    .title = "execution role cannot read secrets / parameters / env files",
    .severity = report::Severity::kBlocker,
    .group = Group::kIam,
    .rationale = "Secrets, parameters and environment files are fetched by the agent with the "
                 "execution role before any container starts. The managed execution policy "
                 "grants none of secretsmanager:GetSecretValue, ssm:GetParameters, s3:GetObject, "
                 "s3:GetBucketLocation or kms:Decrypt, so each needs its own grant on the exact "
                 "resource; one denial stops the task with ResourceInitializationError.",
    .evidence = "task definition secrets, repositoryCredentials, logConfiguration.secretOptions, "
                "environmentFiles; secretsmanager describe-secret (KmsKeyId), ssm "
                "describe-parameters (KeyId); the execution role's policies",
    .remediation = "Add an inline policy to the execution role allowing exactly the missing "
                   "actions on the referenced ARNs (a secret's ARN ends in a random suffix: "
                   "grant secret:<name>-*), and kms:Decrypt on customer managed keys.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-secrets-manager.html "
                  "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/taskdef-envfiles.html",
};

void Run(const CheckContext& ctx, FindingSink& sink) {
  PermissionCheck pc;
  pc.owns = [](const analysis::IamRequest& r) {
    return r.principal_kind == analysis::IamPrincipalKind::kExecutionRole &&
           (r.action == "secretsmanager:GetSecretValue" || r.action == "ssm:GetParameters" ||
            r.action == "s3:GetObject" || r.action == "s3:GetBucketLocation" ||
            r.action == "kms:Decrypt");
  };
  pc.mine = [](const analysis::IamEval& e, const model::Model&) { return DecidedByIdentity(e); };
  pc.what = "cannot read the task's secrets, parameters or environment files";
  pc.policy_name = "ecs-task-execution-secrets";
  pc.extra_fix = "for a customer managed key the key policy must admit the role too (IAM012)";
  ReportPermissionCheck(ctx, sink, kInfo, pc);
}

}  // namespace

const CheckDef kIam006{kInfo, &Run};

}  // namespace fd::checks
