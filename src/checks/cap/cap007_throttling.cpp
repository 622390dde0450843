// CAP007: ECS or Fargate throttled the launches (launch rate or API rate). Transient and only
// visible in runtime evidence; stays a warning.
#include "checks/svc/evidence_findings.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kCap007,
    .slug = "cap-throttling",
    .title = "launch-rate / API throttling",
    .severity = report::Severity::kWarning,
    .group = Group::kResources,
    .rationale = "Fargate launches tasks from a token bucket per account and Region, and the ECS "
                 "APIs are rate limited; bursts of launches wait or fail until tokens return.",
    .evidence = "describe-services events[].message ('operations are being throttled') and "
                "stopped reasons naming ThrottlingException or 'Rate exceeded'",
    .remediation = "Launch fewer tasks at once, retry with back-off, and stagger deployments of "
                   "many services.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/throttling.html",
};

void Run(const CheckContext& ctx, FindingSink& sink) {
  ReportEvidenceFindings(
      ctx, sink, kInfo, /*raise_on_start_failure=*/false,
      [](const analysis::TargetAnalysis& ta, const auto&) {
        return "AWS reports that launches of " + ta.target.name + " are being throttled";
      },
      [](const analysis::TargetAnalysis&) {
        return report::Fix::Of("spread launches over time (smaller deployment batches, back-off in the callers); "
                               "the launches resume on their own",
                               {});
      });
}

}  // namespace

const CheckDef kCap007{kInfo, &Run};

}  // namespace fd::checks
