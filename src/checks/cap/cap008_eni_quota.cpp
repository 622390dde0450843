// CAP008: the account's Regional network-interface quota is used up, so Fargate cannot create
// the task ENI. Only runtime evidence naming the quota shows it; a bare "Timeout waiting for
// network interface provisioning" is CAP009's (it has other causes), and ENI counts are not used.
#include "checks/svc/evidence_findings.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kCap008,
    .slug = "cap-eni-quota",
    .title = "Regional network-interface quota exhausted",
    .severity = report::Severity::kWarning,
    .group = Group::kResources,
    .rationale = "Every Fargate task needs its own network interface; when the account has as many "
                 "interfaces in the Region as its quota allows, ENI creation fails and the task stops "
                 "in PROVISIONING, whatever the subnet's free addresses.",
    .evidence = "describe-services events[].message and describe-tasks stoppedReason naming the "
                "network-interface limit (NetworkInterfaceLimitExceeded)",
    .remediation = "Delete unused network interfaces (detached ones left by old tasks or Lambda "
                   "functions), or request a higher 'Network interfaces per Region' quota.",
    .references = "https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html",
};

void Run(const CheckContext& ctx, FindingSink& sink) {
  for (const auto& ta : ctx.targets) {
    // The timeout row names CAP008 as a candidate; only a message naming the limit proves it.
    std::vector<const analysis::RuntimeEvidence*> items;
    for (const auto* e : EvidenceNaming(ta, kInfo.code))
      if (!e->Names(Code::kCap009)) items.push_back(e);
    if (items.empty()) continue;
    auto& f = sink.Report(kInfo, ta.target, ta.target.Key(),
                          "AWS reports that the network-interface quota of " +
                              (ta.target.region.empty() ? std::string("the Region") : ta.target.region) +
                              " is reached, so " + ta.target.name + " gets no task ENI");
    for (const auto* e : items)
      if (e->start_failure) f.severity = report::Severity::kBlocker;
    AddEvidenceLines(f, items);
    f.fix = report::Fix::Of(
        "free unused network interfaces or raise the quota",
        {fix::Read{"ec2", "describe-network-interfaces", {"--filters", "Name=status,Values=available"},
                   ta.target.region},
         EniQuota(ta.target.region)});
  }
}

}  // namespace

const CheckDef kCap008{kInfo, &Run};

}  // namespace fd::checks
