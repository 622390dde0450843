// CAP004: the account may not run a task of this CPU or memory size yet. AWS says so in the
// placement failure ("configuration is above your limit"); the task definition itself is valid,
// so only runtime evidence shows it.
#include "checks/svc/evidence_findings.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kCap004,
    .slug = "cap-task-size-limit",
    .title = "account not yet allowed large task sizes",
    .severity = report::Severity::kWarning,
    .group = Group::kResources,
    .rationale = "Some accounts (new ones in particular) are limited to smaller Fargate task sizes "
                 "than the CPU/memory table allows; a larger task is refused at placement although "
                 "its task definition is valid.",
    .evidence = "describe-services events[].message and describe-tasks stoppedReason saying the "
                "requested CPU or MEMORY configuration is above the limit",
    .remediation = "Run the task at a smaller size, or ask AWS Support to raise the account's "
                   "task-size limit.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html",
};

void Run(const CheckContext& ctx, FindingSink& sink) {
  ReportEvidenceFindings(
      ctx, sink, kInfo, /*raise_on_start_failure=*/true,
      [](const analysis::TargetAnalysis& ta, const auto&) {
        std::string size;
        if (const auto* td = ta.target.task_definition)
          if (!td->cpu.empty() || !td->memory.empty()) size = " (cpu " + td->cpu + ", memory " + td->memory + ")";
        return "AWS reports that the task size of " + ta.target.name + size +
               " is above what the account may run";
      },
      [](const analysis::TargetAnalysis& ta) {
        fix::TaskDefinitionRevision smaller;
        smaller.family = ta.target.task_definition ? ta.target.task_definition->family : "<family>";
        smaller.cpu = "<smaller>";
        smaller.memory = "<smaller>";
        return report::Fix::Of("register a smaller revision (and point the service at it), or ask AWS Support "
                               "to raise the account's Fargate task-size limit",
                               {smaller});
      });
}

}  // namespace

const CheckDef kCap004{kInfo, &Run};

}  // namespace fd::checks
