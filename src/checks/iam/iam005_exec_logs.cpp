// IAM005: the execution role cannot write the awslogs stream (logs:CreateLogStream and
// logs:PutLogEvents on the group's stream ARN), decided by its identity policies.
// logs:CreateLogGroup for awslogs-create-group is LOG002's.
#include "analysis/iam/target_iam.h"
#include "checks/check_util.h"
#include "checks/iam/iam_report.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kIam005,
    .slug = "iam-exec-logs",
    .title = "execution role cannot write logs",
    .severity = report::Severity::kBlocker,
    .group = Group::kIam,
    .rationale = "With the awslogs driver the agent creates the container's log stream and "
                 "sends its events as the execution role before the container runs; an "
                 "AccessDeniedException there fails the logger set-up and the task stops.",
    .evidence = "task definition logConfiguration (awslogs-group, awslogs-region, "
                "awslogs-stream-prefix) and executionRoleArn; the role's policies",
    .remediation = "Attach AmazonECSTaskExecutionRolePolicy, or allow logs:CreateLogStream and "
                   "logs:PutLogEvents on arn:<partition>:logs:<region>:<account>:log-group:<group>:*.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html",
};

void Run(const CheckContext& ctx, FindingSink& sink) {
  PermissionCheck pc;
  pc.owns = [](const analysis::IamRequest& r) {
    return r.principal_kind == analysis::IamPrincipalKind::kExecutionRole &&
           (r.action == "logs:CreateLogStream" || r.action == "logs:PutLogEvents");
  };
  pc.mine = [](const analysis::IamEval& e, const model::Model&) { return DecidedByIdentity(e); };
  pc.what = "cannot write logs";
  pc.policy_name = "ecs-task-execution-logs";
  pc.offer_managed = true;
  ReportPermissionCheck(ctx, sink, kInfo, pc);
}

}  // namespace

const CheckDef kIam005{kInfo, &Run};

}  // namespace fd::checks
