// IAM007: the task role is untrusted: ECS validates it at launch like the execution role, so a
// trust policy that does not admit ecs-tasks.amazonaws.com fails the start. A task role that
// does not exist at all is IAM002's (one root cause, one finding).
#include "checks/check_util.h"
#include "checks/iam/iam_trust.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kIam007,
    .slug = "iam-task-role",
    .title = "task role missing/untrusted",
    .severity = report::Severity::kBlocker,
    .group = Group::kIam,
    .rationale = "Only the application uses the task role, but ECS assumes it when the task "
                 "launches; if ecs-tasks.amazonaws.com may not assume it, the start fails with "
                 "\"ECS was unable to assume the role\" naming the task role.",
    .evidence = "task definition taskRoleArn (or overrides.taskRoleArn); the role's "
                "AssumeRolePolicyDocument",
    .remediation = "Fix the task role's trust policy to admit ecs-tasks.amazonaws.com, or drop "
                   "taskRoleArn when the application needs no AWS permissions.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html",
};

void Run(const CheckContext& ctx, FindingSink& sink) { ReportTrust(ctx, sink, kInfo, "taskRoleArn"); }

}  // namespace

const CheckDef kIam007{kInfo, &Run};

}  // namespace fd::checks
