// CAP002: a task subnet has no free IPv4 address for the task ENI (blocker), or the subnets
// together cannot hold a full deployment at maximumPercent (warning).
#include "checks/check_util.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kCap002,
    .slug = "cap-subnet-ip-exhausted",
    .title = "no free IPv4 addresses for the task ENI",
    .severity = report::Severity::kBlocker,
    .group = Group::kNetwork,
    .rationale = "Every Fargate task takes one address of its subnet for its ENI. A subnet with "
                 "no free address leaves the task in PROVISIONING until it stops; a rolling "
                 "deployment at maximumPercent 200 briefly needs twice the addresses.",
    .evidence = "describe-subnets AvailableIpAddressCount, describe-services desiredCount, "
                "runningCount and deploymentConfiguration.maximumPercent",
    .remediation = "Add larger or more subnets, or release leaked network interfaces.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-task-networking.html",
};

void Run(const CheckContext& ctx, FindingSink& sink) {
  for (const auto& ta : ctx.targets) {
    long total_free = 0;
    bool all_known = !ta.target.subnets.empty();
    for (const auto& sid : ta.target.subnets) {
      const model::Subnet* s = ctx.model.subnets().Find(sid);
      if (s && (s->ipv6_native || !s->cidr)) continue;  // an IPv6-only task needs no IPv4 address
      if (!s || !s->available_ip_address_count) {
        all_known = false;
        if (s) sink.Unchecked(kInfo, "subnet " + sid + " has no AvailableIpAddressCount in the snapshot");
        continue;
      }
      total_free += *s->available_ip_address_count;
      if (*s->available_ip_address_count > 0) continue;
      auto& f = sink.Report(kInfo, ta.target, sid, "subnet " + sid + " has no free IPv4 address for a task ENI");
      f.evidence.push_back({sid, sid + " AvailableIpAddressCount is 0" +
                                     (s->cidr ? " (" + s->cidr->ToString() + ")" : std::string())});
      f.subnets.push_back(sid);
      f.fix = report::Fix::Of("free addresses (leaked ENIs) or add subnets with free addresses",
                              {fix::Read{"ec2", "describe-network-interfaces",
                                         {"--filters", "Name=subnet-id,Values=" + sid, "Name=status,Values=available"}}});
    }
    const model::EcsService* svc = ta.target.service;
    if (!svc || !all_known || total_free == 0) continue;
    int max_percent = svc->maximum_percent.value_or(200);
    long needed = static_cast<long>(svc->desired_count) * max_percent / 100 - svc->running_count;
    if (needed > total_free) {
      auto& f = sink.Report(kInfo, ta.target, ta.target.Key(),
                            ta.target.name + " may need " + std::to_string(needed) +
                                " new task addresses during a deployment but its subnets have " +
                                std::to_string(total_free) + " free");
      f.severity = report::Severity::kWarning;
      f.evidence.push_back({ta.target.Key(), "desiredCount " + std::to_string(svc->desired_count) +
                                                 " x maximumPercent " + std::to_string(max_percent) +
                                                 "% - runningCount " + std::to_string(svc->running_count)});
      f.fix = report::Fix::Of("add subnets with free addresses, or lower maximumPercent", {});
    }
  }
}

}  // namespace

const CheckDef kCap002{kInfo, &Run};

}  // namespace fd::checks
