// TD003: Fargate tasks must use the awsvpc network mode (docs/design/causes.md#td003); a task definition with
// another mode, or none (ECS then defaults to bridge), cannot run on Fargate.
#include "checks/check_util.h"
#include "checks/td/td_rules.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kTd003,
    .slug = "td-network-mode",
    .title = "network mode not `awsvpc`",
    .severity = report::Severity::kBlocker,
    .group = Group::kResources,
    .rationale = "Every Fargate task gets its own elastic network interface, so Fargate accepts "
                 "only the awsvpc network mode; bridge, host or none are refused.",
    .evidence = "task definition networkMode",
    .remediation = "Register a revision with networkMode awsvpc and give the service or run-task "
                   "an awsvpc network configuration.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-task-networking.html",
};

void Run(const CheckContext& ctx, FindingSink& sink) {
  for (const auto& ta : ctx.targets) {
    const auto& t = ta.target;
    const model::TaskDefinition* td = t.task_definition;
    if (!td || td->network_mode == "awsvpc") continue;
    const std::string resource = td::TaskDefinitionResource(*td);
    std::string claim = td->network_mode.empty()
                            ? "networkMode is not set, so ECS uses bridge"
                            : "networkMode is " + td->network_mode;
    auto& f = sink.Report(kInfo, t, resource,
                          td->DisplayName() + " does not use the awsvpc network mode Fargate requires");
    f.evidence.push_back({resource, claim});
    f.fix = report::Fix::Of("register a revision with networkMode awsvpc",
             {td::NewRevision(t, "set \"networkMode\": \"awsvpc\"")});
  }
}

}  // namespace

const CheckDef kTd003{kInfo, &Run};

}  // namespace fd::checks
