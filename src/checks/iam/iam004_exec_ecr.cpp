// IAM004: the execution role cannot pull the task's ECR images: ecr:GetAuthorizationToken ("*")
// and the pull actions on the repository ARN, decided by the role's own identity policies.
// VPC conditions on the token (IAM010), repository policies (IAM011), boundaries (IAM008) and
// guardrails (IAM009) are those checks' findings; the pull-through cache's import and
// repository creation are IMG009's.
#include "analysis/iam/policies.h"
#include "analysis/iam/target_iam.h"
#include "checks/check_util.h"
#include "checks/iam/iam_report.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kIam004,
    .slug = "iam-exec-ecr",
    .title = "execution role cannot pull from ECR",
    .severity = report::Severity::kBlocker,
    .group = Group::kIam,
    .rationale = "The Fargate agent pulls ECR images with the execution role: it asks for a "
                 "registry token (ecr:GetAuthorizationToken on \"*\") and then reads the image "
                 "(ecr:BatchGetImage, ecr:GetDownloadUrlForLayer on the repository). If the "
                 "role's policies do not allow them, the pull fails with AccessDeniedException and the task stops.",
    .evidence = "task definition image and executionRoleArn; iam get-account-authorization-details "
                "(or get-role, list-attached-role-policies, get-policy-version, get-role-policy)",
    .remediation = "Attach AmazonECSTaskExecutionRolePolicy to the execution role, or grant the "
                   "ECR actions in an inline policy (the token on \"*\", the pull actions "
                   "on the repository ARN).",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html",
};

void Run(const CheckContext& ctx, FindingSink& sink) {
  PermissionCheck pc;
  pc.owns = [](const analysis::IamRequest& r) {
    return r.principal_kind == analysis::IamPrincipalKind::kExecutionRole &&
           r.action.rfind("ecr:", 0) == 0 &&
           !analysis::IsPullThroughCacheAction(r.action);  // IMG009's
  };
  pc.mine = [](const analysis::IamEval& e, const model::Model& m) {
    if (!DecidedByIdentity(e)) return false;
    // A VPC or endpoint condition that cannot match is IAM010's.
    if (const auto* role = m.iam_roles().Find(e.request->principal))
      if (!analysis::VpcConditioned(m, *role, e.request->action).empty()) return false;
    return true;
  };
  pc.what = "cannot pull from ECR";
  pc.policy_name = "ecs-task-execution-ecr";
  pc.offer_managed = true;
  ReportPermissionCheck(ctx, sink, kInfo, pc);
}

}  // namespace

const CheckDef kIam004{kInfo, &Run};

}  // namespace fd::checks
