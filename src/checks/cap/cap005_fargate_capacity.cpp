// CAP005: Fargate (or Fargate Spot) had no capacity where the task was to be placed. Transient
// and visible only in runtime evidence; reported at its default severity because retrying, more
// Availability Zones or an On-Demand base is the remedy, not a configuration change.
#include <set>

#include "checks/svc/evidence_findings.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kCap005,
    .slug = "cap-fargate-capacity",
    .title = "transient lack of Fargate / Fargate Spot capacity",
    .severity = report::Severity::kWarning,
    .group = Group::kResources,
    .rationale = "Fargate capacity is finite per Availability Zone and task size, Fargate Spot "
                 "capacity even more so; when none is free, placement fails with a capacity "
                 "message until capacity returns.",
    .evidence = "describe-services events[].message and describe-tasks stoppedReason saying "
                "capacity is unavailable; the capacity provider strategy and the subnets' zones",
    .remediation = "Spread the service over subnets in more Availability Zones, keep a FARGATE "
                   "base next to FARGATE_SPOT, and retry with back-off.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-capacity-providers.html",
};

void Run(const CheckContext& ctx, FindingSink& sink) {
  ReportEvidenceFindings(
      ctx, sink, kInfo, /*raise_on_start_failure=*/false,
      [&ctx](const analysis::TargetAnalysis& ta, const auto&) {
        std::set<std::string> zones;
        for (const auto& sid : ta.target.subnets)
          if (const auto* s = ctx.model.subnets().Find(sid)) zones.insert(s->availability_zone);
        std::string spread = zones.empty() ? std::string()
                                           : " (its subnets span " + std::to_string(zones.size()) +
                                                 " Availability Zone" + (zones.size() == 1 ? "" : "s") + ")";
        return "AWS reports no Fargate capacity for " + ta.target.name + spread;
      },
      [](const analysis::TargetAnalysis& ta) {
        std::vector<fix::Step> steps;
        if (ta.target.service) {
          fix::ServiceUpdate u;
          u.cluster = ta.target.cluster_arn;
          u.service = ta.target.name;
          u.capacity_provider_strategy =
              "capacityProvider=FARGATE,base=1,weight=1 capacityProvider=FARGATE_SPOT,weight=1";
          u.force_new_deployment = true;
          steps.push_back(u);
        }
        return report::Fix::Of("retry later; add subnets in other Availability Zones, and keep an On-Demand "
                               "FARGATE base when using FARGATE_SPOT",
                               std::move(steps));
      });
}

}  // namespace

const CheckDef kCap005{kInfo, &Run};

}  // namespace fd::checks
