// IAM002: the execution or task role ARN points to nothing: absent from a role listing that
// covers its account or answered NoSuchEntity, a path that differs from the role's, another
// account, or another partition. Also the one place that says "no IAM data" per target.
#include "analysis/iam/roles.h"
#include "checks/check_util.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kIam002,
    .slug = "iam-role-not-found",
    .title = "execution/task role ARN points to nothing",
    .severity = report::Severity::kBlocker,
    .group = Group::kIam,
    .rationale = "ECS assumes the execution and task roles at launch; a role that does not "
                 "exist under the exact ARN given (deleted, renamed, another path, another "
                 "account or partition) fails every start with \"ECS was unable to assume the role\".",
    .evidence = "task definition executionRoleArn / taskRoleArn and task overrides; iam "
                "get-account-authorization-details or get-role (NoSuchEntity in an error envelope)",
    .remediation = "Point the task definition at an existing role of the task's account (its "
                   "exact ARN, path included), or create the role, and register a new revision.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html",
};

void Run(const CheckContext& ctx, FindingSink& sink) {
  const bool data = analysis::HasIamData(ctx.model);
  for (const auto& ta : ctx.targets) {
    const auto* td = ta.target.task_definition;
    if (!td) continue;
    std::vector<std::pair<std::string, const char*>> roles;
    std::string exec = td->execution_role_arn, task = td->task_role_arn;
    if (ta.target.task && !ta.target.task->execution_role_override.empty()) exec = ta.target.task->execution_role_override;
    if (ta.target.task && !ta.target.task->task_role_override.empty()) task = ta.target.task->task_role_override;
    if (!exec.empty()) roles.push_back({exec, "execution role"});
    if (!task.empty() && task != exec) roles.push_back({task, "task role"});
    if (roles.empty()) continue;
    std::vector<analysis::RoleLookup> unknown;
    for (const auto& [arn, kind] : roles) {
      const std::string part = model::PartitionOfRegion(ta.target.region);
      const bool is_arn = arn.rfind("arn:", 0) == 0;
      std::string problem;
      if (is_arn && model::PartitionOfArn(arn) != part)
        problem = "names partition " + model::PartitionOfArn(arn) + " but the task runs in " + part;
      else if (is_arn && model::AccountOfArn(arn) != ta.target.account && !ta.target.account.empty())
        problem = "belongs to account " + model::AccountOfArn(arn) + ", not the task's account " + ta.target.account;
      analysis::RoleLookup role = analysis::LookUpRole(ctx.model, arn, ta.target.account);
      if (problem.empty()) {
        if (role.state == analysis::RoleLookup::State::kAbsent) problem = "does not exist: " + role.proof;
        else if (role.state == analysis::RoleLookup::State::kMismatch)
          problem = "does not match the role of that name, whose ARN is " + role.role->arn +
                    " (the path differs)";
      }
      if (problem.empty()) {
        if (role.state == analysis::RoleLookup::State::kUnknown) unknown.push_back(std::move(role));
        continue;
      }
      auto& f = sink.Report(kInfo, ta.target, arn, std::string(kind) + " " + arn + " " + problem);
      f.evidence.push_back({arn, problem});
      const fix::Read get_role{"iam", "get-role", {"--role-name", role.name}};
      if (role.state == analysis::RoleLookup::State::kMismatch)
        f.fix = report::Fix::Of(
            "name the role by its real ARN " + role.role->arn + " in a new revision of " + td->family, {get_role});
      else
        f.fix = report::Fix::Of("create role " + role.name + " in account " + ta.target.account +
                                    " (or point the task definition at an existing role) and register a new "
                                    "revision of " + td->family,
                                {get_role, fix::Read{"iam", "list-roles", {"--query", "'Roles[].Arn'"}}});
    }
    if (unknown.empty()) continue;
    std::string names;
    for (const auto& u : unknown) names += (names.empty() ? "" : ", ") + u.arn;
    if (!data)
      sink.Unchecked(kInfo, ta.target.Key() + ": the snapshot has no IAM data, so roles " + names +
                                " (existence, trust, permissions) were not evaluated (collect it with: " +
                                fix::Cli(fix::Read{"iam", "get-account-authorization-details",
                                                   {"--filter", "Role", "LocalManagedPolicy", "AWSManagedPolicy"}})
                                    .front() +
                                ")");
    else
      for (const auto& u : unknown)
        sink.Unchecked(kInfo, ta.target.Key() + ": " + u.proof + " (collect it with: " + u.collect + ")");
  }
}

}  // namespace

const CheckDef kIam002{kInfo, &Run};

}  // namespace fd::checks
