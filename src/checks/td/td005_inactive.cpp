// TD005: the revision is deregistered (INACTIVE) or being deleted (docs/design/causes.md#td005). INACTIVE
// only blocks new launches (run-task of it); services already on it keep scaling, so a
// service or an already created task is reported only for DELETE_IN_PROGRESS.
#include "checks/check_util.h"
#include "checks/td/td_rules.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kTd005,
    .slug = "td-inactive",
    .title = "revision deregistered/deleted",
    .severity = report::Severity::kBlocker,
    .group = Group::kResources,
    .rationale = "A deregistered (INACTIVE) revision cannot be used by new RunTask, CreateService "
                 "or UpdateService calls, and a revision being deleted cannot launch at all.",
    .evidence = "describe-task-definition taskDefinition.status",
    .remediation = "Register a new revision from the same content and point the launch at it.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-definition-state.html",
};

void Run(const CheckContext& ctx, FindingSink& sink) {
  for (const auto& ta : ctx.targets) {
    const auto& t = ta.target;
    const model::TaskDefinition* td = t.task_definition;
    if (!td) continue;
    const bool deleting = td->status == "DELETE_IN_PROGRESS";
    const bool inactive = td->status == "INACTIVE" && t.kind == analysis::TargetKind::kTaskDefinition;
    if (!deleting && !inactive) continue;
    const std::string resource = td::TaskDefinitionResource(*td);
    auto& f = sink.Report(kInfo, t, resource,
                          td->DisplayName() + (deleting ? " is being deleted" : " is deregistered (INACTIVE)"));
    f.evidence.push_back({resource, "status is " + td->status});
    f.fix = report::Fix::Of("register a new revision with the same content and launch that one",
             {td::NewRevision(t, "keep the content as it is")});
  }
}

}  // namespace

const CheckDef kTd005{kInfo, &Run};

}  // namespace fd::checks
