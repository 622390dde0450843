// SVC011: the GuardDuty Runtime Monitoring sidecar of a task could not be pulled (docs/design/causes.md#svc011).
// AWS lets the task run without it, so this is a warning, not the start failure's root cause;
// it is reported because the same ECR/S3 path or execution-role gaps often block the app images.
#include <string>

#include "checks/svc/evidence_findings.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kSvc011,
    .slug = "svc-guardduty-sidecar",
    .title = "GuardDuty Runtime Monitoring sidecar can't be pulled",
    .severity = report::Severity::kWarning,
    .group = Group::kResources,
    .rationale = "With GuardDuty Runtime Monitoring for Fargate, ECS adds a sidecar container "
                 "pulled from a GuardDuty ECR repository with the task's execution role. When the "
                 "pull fails the task keeps running without monitoring; the failure still points at "
                 "missing ECR or S3 reachability or execution-role permissions that can stop the "
                 "application's own images too.",
    .evidence = "describe-tasks containers[] named aws-guardduty-agent-… with a "
                "CannotPullContainerError reason; GuardDuty coverage messages \"Agent exited: "
                "Reason: CannotPullContainerError\" quoted in stoppedReason or service events",
    .remediation = "Give the task subnets a path to ECR (ecr.api, ecr.dkr) and S3 (gateway "
                   "endpoint or NAT, S3 prefix list in the security group), and let the execution "
                   "role pull from ECR; or turn off automated agent management for this cluster.",
    .references = "https://docs.aws.amazon.com/guardduty/latest/ug/runtime-monitoring-assessing-coverage.html "
                  "https://docs.aws.amazon.com/guardduty/latest/ug/prereq-runtime-monitoring-ecs-support.html",
};

bool IsSidecarPullFailure(const analysis::RuntimeEvidence& e) {
  if (e.Names(Code::kSvc011)) return true;
  if (e.container.rfind("aws-guardduty-agent", 0) != 0) return false;
  std::string lower = e.message;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower.find("cannotpullcontainer") != std::string::npos;
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  for (const auto& ta : ctx.targets) {
    std::vector<const analysis::RuntimeEvidence*> items;
    for (const auto& e : ta.evidence)
      if (IsSidecarPullFailure(e)) items.push_back(&e);
    if (items.empty()) continue;
    const auto& t = ta.target;
    auto& f = sink.Report(kInfo, t, t.Key(),
                          "the GuardDuty Runtime Monitoring sidecar of " + t.name +
                              " could not be pulled (the task runs unmonitored)");
    AddEvidenceLines(f, items);
    if (f.fix.summary.empty())
      f.fix = report::Fix::Of("give the task subnets a path to ECR and S3 and let the execution role pull from ECR; "
                              "the network and IAM findings of this target name the gap",
                              {});
  }
  (void)ctx;
}

}  // namespace

const CheckDef kSvc011{kInfo, &Run};

}  // namespace fd::checks
