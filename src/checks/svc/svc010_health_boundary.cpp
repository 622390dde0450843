// SVC010: tasks reached RUNNING and were then stopped by a failed health check or an exited
// essential container. Not a start failure (info): it tells the engineer to look at the
// application and load balancer, not at the paths this tool traces.
#include "checks/svc/evidence_findings.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kSvc010,
    .slug = "svc-health-boundary",
    .title = "tasks reach RUNNING then are killed (out of scope, but commonly confused)",
    .severity = report::Severity::kInfo,
    .group = Group::kResources,
    .rationale = "A task that failed ELB or container health checks, or whose essential container "
                 "exited, did start: image, secrets, logs and network were all reachable. Its "
                 "replacements look like tasks that keep failing, but the cause is the application "
                 "or the load balancer health check.",
    .evidence = "describe-tasks stopCode EssentialContainerExited, stoppedReason ('Task failed ELB "
                "health checks', 'Essential container in task exited'), containers[].exitCode",
    .remediation = "Read the container logs and exit codes; check the health check path and grace "
                   "period and the security group rule from the load balancer to the task.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/stopped-task-errors.html",
};

void Run(const CheckContext& ctx, FindingSink& sink) {
  ReportEvidenceFindings(
      ctx, sink, kInfo, /*raise_on_start_failure=*/false,
      [](const analysis::TargetAnalysis& ta, const auto&) {
        return "tasks of " + ta.target.name +
               " started and were stopped later (health check or container exit): not a start failure";
      },
      [](const analysis::TargetAnalysis& ta) {
        std::vector<fix::Step> steps;
        if (ta.target.service)
          steps.push_back(fix::Read{"ecs", "describe-services",
                                    {"--cluster", ta.target.cluster_arn, "--services", ta.target.name, "--query",
                                     "'services[0].healthCheckGracePeriodSeconds'"}});
        return report::Fix::Of("look at the application logs, exit codes and health checks", std::move(steps));
      });
}

}  // namespace

const CheckDef kSvc010{kInfo, &Run};

}  // namespace fd::checks
