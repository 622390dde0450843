// CAP009: the task stopped because its network interface was not provisioned in time. Usually
// transient; the finding says which capacity facts the snapshot shows (free addresses) so the
// engineer can tell a transient timeout from a full subnet (CAP002).
#include "checks/svc/evidence_findings.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kCap009,
    .slug = "cap-eni-provisioning-timeout",
    .title = "generic ENI provisioning timeout",
    .severity = report::Severity::kWarning,
    .group = Group::kResources,
    .rationale = "Every Fargate task gets its own ENI in the chosen subnet; when creating or "
                 "attaching it takes too long, the task stops with TaskFailedToStart. A full "
                 "subnet or the Regional ENI quota make it permanent; otherwise it is transient.",
    .evidence = "describe-tasks stopCode and stoppedReason ('Timeout waiting for network interface "
                "provisioning to complete.'); describe-subnets AvailableIpAddressCount",
    .remediation = "Make sure the subnets have free addresses and the Regional network-interface "
                   "quota has room, then retry.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/stopped-task-error-codes.html",
};

void Run(const CheckContext& ctx, FindingSink& sink) {
  ReportEvidenceFindings(
      ctx, sink, kInfo, /*raise_on_start_failure=*/false,
      [&ctx](const analysis::TargetAnalysis& ta, const auto&) {
        long free = 0;
        bool known = !ta.target.subnets.empty();
        for (const auto& sid : ta.target.subnets) {
          const auto* s = ctx.model.subnets().Find(sid);
          if (!s || !s->available_ip_address_count) known = false;
          else free += *s->available_ip_address_count;
        }
        std::string facts = known ? "; its subnets have " + std::to_string(free) +
                                        " free addresses, so it is likely transient or the ENI quota"
                                  : "";
        return "a task of " + ta.target.name + " stopped waiting for its network interface" + facts;
      },
      [](const analysis::TargetAnalysis& ta) {
        return report::Fix::Of("check the Regional network-interface quota and free addresses, then retry",
                               {EniQuota(ta.target.region)});
      });
}

}  // namespace

const CheckDef kCap009{kInfo, &Run};

}  // namespace fd::checks
