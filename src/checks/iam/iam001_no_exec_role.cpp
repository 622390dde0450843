// IAM001: the task definition (and the task's overrides) name no execution role while a
// container needs one: an ECR image, awslogs, secrets, repository credentials, environment
// files or log secretOptions. Reads the task definition only; no IAM data needed.
#include "checks/check_util.h"
#include "checks/iam/iam_fixes.h"
#include "model/image_ref.h"
#include "util/strings.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kIam001,
    .slug = "iam-no-exec-role",
    .title = "task definition has no `executionRoleArn`",
    .severity = report::Severity::kBlocker,
    .group = Group::kIam,
    .rationale = "On Fargate the agent pulls private ECR images, sends awslogs output and "
                 "fetches secrets and environment files with the task execution role. Without "
                 "one, registration is refused for ECR images and awslogs, and the other "
                 "features cannot work.",
    .evidence = "task definition executionRoleArn (and overrides.executionRoleArn of a task); "
                "containerDefinitions image, logConfiguration, secrets, repositoryCredentials, "
                "environmentFiles",
    .remediation = "Create an execution role trusted by ecs-tasks.amazonaws.com with "
                   "AmazonECSTaskExecutionRolePolicy attached, and register a revision that names it.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html",
};

/// Why a container needs an execution role; "" when it does not.
std::string NeedOf(const model::ContainerDefinition& c) {
  if (model::ParseImageRef(c.image).kind == model::RegistryKind::kEcrPrivate) return "ECR image " + c.image;
  if (c.log_configuration && c.log_configuration->log_driver == "awslogs") return "awslogs log driver";
  if (!c.secrets.empty()) return "secrets";
  if (!c.repository_credentials.empty()) return "repositoryCredentials";
  if (!c.environment_files.empty()) return "environmentFiles";
  if (c.log_configuration && !c.log_configuration->secret_options.empty()) return "log secretOptions";
  return "";
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  for (const auto& ta : ctx.targets) {
    const auto* td = ta.target.task_definition;
    if (!td || !td->execution_role_arn.empty()) continue;
    if (ta.target.task && !ta.target.task->execution_role_override.empty()) continue;
    std::vector<std::string> needs;
    for (const auto& c : td->containers) {
      std::string n = NeedOf(c);
      if (!n.empty()) needs.push_back(n + " (container " + c.name + ")");
    }
    if (needs.empty()) continue;
    auto& f = sink.Report(kInfo, ta.target, td->arn.empty() ? td->DisplayName() : td->arn,
                          "task definition " + td->DisplayName() +
                              " has no executionRoleArn but needs one for " + JoinList(needs, 3));
    for (const auto& n : needs) f.evidence.push_back({td->DisplayName(), "needs an execution role: " + n});
    const std::string part = model::PartitionOfRegion(ta.target.region);
    const std::string trust =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
        "\"ecs-tasks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":"
        "{\"aws:SourceAccount\":\"" + ta.target.account + "\"}}}]}";
    const std::string role_arn = "arn:" + part + ":iam::" + ta.target.account + ":role/ecsTaskExecutionRole";
    f.fix = report::Fix::Of("create ecsTaskExecutionRole with the managed execution policy and register a new "
                            "revision of " + td->family + " with \"executionRoleArn\": \"" + role_arn + "\"",
                            {fix::Role{"ecsTaskExecutionRole", trust}, AttachExecutionPolicy(role_arn)});
  }
}

}  // namespace

const CheckDef kIam001{kInfo, &Run};

}  // namespace fd::checks
