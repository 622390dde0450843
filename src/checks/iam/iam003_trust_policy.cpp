// IAM003: the execution role exists but its trust policy does not let ecs-tasks.amazonaws.com
// assume it for this task (wrong principal, unmatched aws:SourceAccount / aws:SourceArn, a Deny).
#include "checks/check_util.h"
#include "checks/iam/iam_trust.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kIam003,
    .slug = "iam-trust-policy",
    .title = "role exists but ECS tasks can't assume it",
    .severity = report::Severity::kBlocker,
    .group = Group::kIam,
    .rationale = "ECS assumes the execution role as the service principal "
                 "ecs-tasks.amazonaws.com, presenting the task's account (aws:SourceAccount) and "
                 "ARN (aws:SourceArn). A trust policy naming another principal, or conditions the "
                 "start does not meet, makes every start fail with \"ECS was unable to assume the role\".",
    .evidence = "the role's AssumeRolePolicyDocument (iam get-role or "
                "get-account-authorization-details), evaluated for ecs-tasks.amazonaws.com",
    .remediation = "Trust ecs-tasks.amazonaws.com for sts:AssumeRole, optionally conditioned "
                   "on aws:SourceAccount = the account or aws:SourceArn like "
                   "arn:<partition>:ecs:<region>:<account>:* (never a specific cluster ARN).",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html "
                  "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html",
};

void Run(const CheckContext& ctx, FindingSink& sink) { ReportTrust(ctx, sink, kInfo, "executionRoleArn"); }

}  // namespace

const CheckDef kIam003{kInfo, &Run};

}  // namespace fd::checks
