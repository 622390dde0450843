// SVC005: the scheduler is backing off relaunches ("unable to consistently start tasks") or a
// deployment rolled back. Both hide the root cause; reported as context (info) pointing at the
// failing deployment, never as the cause.
#include "checks/svc/evidence_findings.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kSvc005,
    .slug = "svc-throttled-or-rolled-back",
    .title = "symptoms that hide the root cause",
    .severity = report::Severity::kInfo,
    .group = Group::kResources,
    .rationale = "After repeated start failures ECS slows relaunches down (up to 15 minutes between "
                 "attempts, never giving up), and the deployment circuit breaker rolls a failing "
                 "revision back, so the service can look healthy while the new revision never starts.",
    .evidence = "describe-services events[].message ('is unable to consistently start tasks "
                "successfully'), deployments[].rolloutState and rolloutStateReason",
    .remediation = "Look at the failing deployment's task definition and network configuration and "
                   "at its stopped tasks; the back-off ends once a start succeeds.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-throttle-logic.html",
};

void Run(const CheckContext& ctx, FindingSink& sink) {
  for (const auto& ta : ctx.targets) {
    auto items = EvidenceNaming(ta, kInfo.code);
    std::vector<const model::Deployment*> failed;
    if (ta.target.service)
      for (const auto& d : ta.target.service->deployments)
        if (d.rollout_state == "FAILED") failed.push_back(&d);
    if (items.empty() && failed.empty()) continue;
    std::string what = !items.empty() ? "ECS is backing off relaunches of " + ta.target.name
                                      : "a deployment of " + ta.target.name + " failed and was rolled back";
    auto& f = sink.Report(kInfo, ta.target, ta.target.Key(),
                          what + "; this is a symptom: the cause is in why its tasks fail to start");
    AddEvidenceLines(f, items);
    for (const auto* d : failed)
      f.evidence.push_back({d->id.empty() ? ta.target.Key() : d->id,
                            "deployment " + d->id + " (" + d->task_definition + ") rolloutState FAILED" +
                                (d->rollout_state_reason.empty() ? "" : ": " + d->rollout_state_reason)});
    std::vector<fix::Step> steps;
    if (ta.target.service)
      steps.push_back(fix::Read{"ecs", "list-tasks",
                                {"--cluster", ta.target.cluster_arn, "--service-name", ta.target.name,
                                 "--desired-status", "STOPPED"}});
    f.fix = report::Fix::Of("read the failing deployment's stopped tasks", std::move(steps));
  }
}

}  // namespace

const CheckDef kSvc005{kInfo, &Run};

}  // namespace fd::checks
