// LOG002: awslogs-create-group=true while the execution role may not call logs:CreateLogGroup
// (the managed execution policy does not grant it), decided by the role's identity policies.
#include "analysis/iam/target_iam.h"
#include "checks/check_util.h"
#include "checks/iam/iam_report.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kLog002,
    .slug = "log-autocreate-no-permission",
    .title = "`awslogs-create-group=true` without `logs:CreateLogGroup`",
    .severity = report::Severity::kBlocker,
    .group = Group::kIam,
    .rationale = "With awslogs-create-group set to true the agent calls logs:CreateLogGroup "
                 "before it creates the stream, even when the group exists. "
                 "AmazonECSTaskExecutionRolePolicy does not include that action, so a role with "
                 "only the managed policy fails the logger set-up and the task stops.",
    .evidence = "logConfiguration.options awslogs-create-group and awslogs-group; the execution "
                "role's policies",
    .remediation = "Allow logs:CreateLogGroup on the group's ARN, or create the log group "
                   "beforehand and drop awslogs-create-group from the task definition.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html",
};

void Run(const CheckContext& ctx, FindingSink& sink) {
  PermissionCheck pc;
  pc.owns = [](const analysis::IamRequest& r) {
    return r.principal_kind == analysis::IamPrincipalKind::kExecutionRole &&
           r.action == "logs:CreateLogGroup";
  };
  pc.mine = [](const analysis::IamEval& e, const model::Model&) { return DecidedByIdentity(e); };
  pc.what = "cannot create the awslogs log group (awslogs-create-group=true)";
  pc.policy_name = "ecs-task-execution-create-log-group";
  pc.extra_fix = "or create the group and remove awslogs-create-group";
  ReportPermissionCheck(ctx, sink, kInfo, pc);
}

}  // namespace

const CheckDef kLog002{kInfo, &Run};

}  // namespace fd::checks
