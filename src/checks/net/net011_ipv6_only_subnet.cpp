// NET011: the task is placed in an IPv6-only subnet without DNS64/NAT64 to reach IPv4-only
// endpoints. With DNS64 and a NAT64 route the verdict is only a warning (verify).
#include "checks/check_util.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kNet011,
    .slug = "net-ipv6-only-subnet",
    .title = "task placed in an IPv6-only subnet without the required adaptations",
    .severity = report::Severity::kBlocker,
    .group = Group::kNetwork,
    .rationale = "An IPv6-only task needs dual-stack ECR image URIs, DNS64 and NAT64 to reach endpoints that have IPv4 addresses only, and IPv6 routes and rules.",
    .evidence = "describe-subnets Ipv6Native, EnableDns64, the route table's IPv6 routes to a NAT gateway (NAT64)",
    .remediation = "Use dual-stack subnets, or enable DNS64 on the subnet and route 64:ff9b::/96 to a NAT gateway, with dual-stack ECR URIs.",
    .references = "https://docs.aws.amazon.com/AmazonECR/latest/userguide/ecr-requests.html",
};

std::string Message(const FaultGroup& g, const model::Model&) {
  return "subnet " + g.resource + " is IPv6-only" +
         (g.severity == report::Severity::kBlocker ? " without DNS64 and NAT64: "
                                                   : "; DNS64/NAT64 exist but the start path is unverified: ") +
         JoinList(g.services) + (g.severity == report::Severity::kBlocker ? " unreachable" : "");
}

report::Fix Fix(const FaultGroup& g, const model::Model&) {
  return report::Fix::Of("place the tasks in dual-stack subnets, or enable DNS64 and a NAT64 route",
                         {fix::SubnetDns64{g.resource}});
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  ReportPathFaults(ctx, sink, kInfo, Message, Fix);
}

}  // namespace

const CheckDef kNet011{kInfo, &Run};

}  // namespace fd::checks
