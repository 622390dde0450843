// CAP003: ECS could not place a task because the account's Fargate vCPU quota (formerly the
// task-count quota) is used up. Only runtime evidence shows it: a service event or a stopped
// reason naming the limit; configuration alone cannot.
#include "checks/svc/evidence_findings.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kCap003,
    .slug = "cap-vcpu-quota",
    .title = "Fargate vCPU quota reached",
    .severity = report::Severity::kWarning,
    .group = Group::kResources,
    .rationale = "Fargate counts the vCPUs of every running task of an account and Region against "
                 "a quota; once it is reached, new tasks are not placed until others stop or the "
                 "quota is raised. New accounts start with a low quota.",
    .evidence = "describe-services events[].message and describe-tasks stoppedReason naming the "
                "vCPU (or older: task count) limit",
    .remediation = "Compare the Fargate On-Demand (or Spot) vCPU quota with the usage, stop idle "
                   "tasks, or request a quota increase in the task's Region.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-quotas.html",
};

void Run(const CheckContext& ctx, FindingSink& sink) {
  ReportEvidenceFindings(
      ctx, sink, kInfo, /*raise_on_start_failure=*/true,
      [](const analysis::TargetAnalysis& ta, const auto&) {
        return "AWS reports that " + ta.target.name + " could not be placed because the Fargate vCPU quota of " +
               (ta.target.region.empty() ? std::string("its Region") : ta.target.region) + " is reached";
      },
      [](const analysis::TargetAnalysis& ta) {
        bool spot = false;
        for (const auto& c : ta.target.capacity_provider_strategy) spot |= c.capacity_provider == "FARGATE_SPOT";
        std::string code = spot ? "L-36FBB829" : "L-3032A538";
        return report::Fix::Of(
            "check the quota against the usage and request an increase (" +
                std::string(spot ? "Fargate Spot" : "Fargate On-Demand") + " vCPU resource count)",
            {fix::Read{"service-quotas", "get-service-quota", {"--service-code", "fargate", "--quota-code", code},
                       ta.target.region},
             fix::QuotaIncrease{"fargate", code, ta.target.region}});
      });
}

}  // namespace

const CheckDef kCap003{kInfo, &Run};

}  // namespace fd::checks
