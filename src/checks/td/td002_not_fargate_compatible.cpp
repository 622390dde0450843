// TD002: the task definition is not Fargate-compatible: requiresCompatibilities or the
// computed compatibilities lack FARGATE (docs/design/causes.md#td002). Parameters Fargate rejects inside
// linuxParameters are TD009's.
#include "checks/check_util.h"
#include "checks/td/td_rules.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kTd002,
    .slug = "td-not-fargate-compatible",
    .title = "task definition can't run on Fargate",
    .severity = report::Severity::kBlocker,
    .group = Group::kResources,
    .rationale = "ECS only launches a task definition on Fargate when it was registered as "
                 "Fargate-compatible; otherwise RunTask and CreateService fail with 'Task "
                 "definition does not support launch_type FARGATE.'",
    .evidence = "task definition requiresCompatibilities and compatibilities",
    .remediation = "Register a revision with requiresCompatibilities FARGATE (and the Fargate "
                   "settings it then demands: awsvpc, task-level cpu/memory).",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/AWS_Fargate.html "
                  "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_TaskDefinition.html",
};

bool HasFargate(const std::vector<std::string>& list) {
  for (const auto& c : list)
    if (c == "FARGATE") return true;
  return false;
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  for (const auto& ta : ctx.targets) {
    const auto& t = ta.target;
    const model::TaskDefinition* td = t.task_definition;
    if (!td) continue;  // TD001 records the gap once per target
    std::vector<std::string> claims;
    if (!td->requires_compatibilities.empty() && !HasFargate(td->requires_compatibilities))
      claims.push_back("requiresCompatibilities is [" + JoinList(td->requires_compatibilities) +
                       "], without FARGATE");
    if (!td->compatibilities.empty() && !HasFargate(td->compatibilities))
      claims.push_back("ECS computed compatibilities [" + JoinList(td->compatibilities) +
                       "], without FARGATE");
    if (claims.empty()) continue;
    const std::string resource = td::TaskDefinitionResource(*td);
    auto& f = sink.Report(kInfo, t, resource,
                          td->DisplayName() + " is not registered as Fargate-compatible");
    for (auto& c : claims) f.evidence.push_back({resource, c});
    f.fix = report::Fix::Of("register a Fargate-compatible revision",
             {td::NewRevision(t, "set \"requiresCompatibilities\": [\"FARGATE\"] and remove "
                                        "settings Fargate does not support")});
  }
}

}  // namespace

const CheckDef kTd002{kInfo, &Run};

}  // namespace fd::checks
