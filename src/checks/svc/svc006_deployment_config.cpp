// SVC006: minimumHealthyPercent and maximumPercent leave no room to launch a replacement: the
// scheduler may neither stop an old task (min) nor start a new one beside it (max), so a
// deployment or replacement waits forever (docs/design/causes.md#svc006).
#include <cmath>

#include "checks/svc/evidence_findings.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kSvc006,
    .slug = "svc-deployment-config",
    .title = "min/max percent prevents launching",
    .severity = report::Severity::kWarning,
    .group = Group::kResources,
    .rationale = "During a deployment ECS keeps at least minimumHealthyPercent of desiredCount "
                 "running and at most maximumPercent in total. When the rounded-up minimum equals "
                 "(or exceeds) the rounded-down maximum, no task can be stopped and none can be "
                 "added, so new tasks are never launched.",
    .evidence = "describe-services deploymentConfiguration.maximumPercent, minimumHealthyPercent, "
                "desiredCount; events[].message about the deployment configuration",
    .remediation = "Raise maximumPercent (e.g. 200) or lower minimumHealthyPercent so at least one "
                   "task can be replaced at a time.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeploymentConfiguration.html",
};

void Run(const CheckContext& ctx, FindingSink& sink) {
  for (const auto& ta : ctx.targets) {
    const model::EcsService* s = ta.target.service;
    if (!s) continue;
    auto items = EvidenceNaming(ta, kInfo.code);
    bool no_room = false;
    long lo = 0, hi = 0;
    if (s->desired_count > 0 && s->maximum_percent && s->minimum_healthy_percent) {
      lo = (static_cast<long>(*s->minimum_healthy_percent) * s->desired_count + 99) / 100;
      hi = static_cast<long>(*s->maximum_percent) * s->desired_count / 100;
      no_room = hi - lo <= 0;
    }
    if (!no_room && items.empty()) continue;
    std::string msg = no_room ? "the deployment configuration of " + s->name +
                                    " leaves no room to replace a task (minimumHealthyPercent " +
                                    std::to_string(*s->minimum_healthy_percent) + ", maximumPercent " +
                                    std::to_string(*s->maximum_percent) + ", desiredCount " +
                                    std::to_string(s->desired_count) + ")"
                              : "AWS reports that the deployment configuration of " + s->name +
                                    " keeps it from starting or stopping tasks";
    auto& f = sink.Report(kInfo, ta.target, ta.target.Key(), msg);
    if (no_room)
      f.evidence.push_back({ta.target.Key(), "at least " + std::to_string(lo) + " task(s) must keep running and at most " +
                                                 std::to_string(hi) + " may run, of " +
                                                 std::to_string(s->desired_count) + " desired"});
    AddEvidenceLines(f, items);
    fix::ServiceUpdate u;
    u.cluster = s->cluster_arn;
    u.service = s->name;
    u.deployment_configuration = "maximumPercent=200,minimumHealthyPercent=100";
    f.fix = report::Fix::Of("allow one extra task during deployments", {u});
  }
}

}  // namespace

const CheckDef kSvc006{kInfo, &Run};

}  // namespace fd::checks
