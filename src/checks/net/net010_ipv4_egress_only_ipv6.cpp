// NET010: the only way out is an egress-only internet gateway, which carries IPv6 only.
#include "checks/check_util.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kNet010,
    .slug = "net-ipv4-egress-only-ipv6",
    .title = "only an egress-only IGW (::/0 -> eigw-) exists",
    .severity = report::Severity::kWarning,
    .group = Group::kNetwork,
    .rationale = "Fargate pulls images and calls AWS APIs over IPv4 unless the subnet is IPv6-only; an egress-only internet gateway does not carry IPv4.",
    .evidence = "describe-route-tables: ::/0 -> eigw- and no IPv4 route out",
    .remediation = "Add an IPv4 route to a NAT gateway, or create the VPC endpoints.",
    .references = "https://docs.aws.amazon.com/vpc/latest/userguide/egress-only-internet-gateway.html",
};

std::string Message(const FaultGroup& g, const model::Model&) {
  return "route table " + g.resource + " of " + JoinList(g.subnets) +
         " leaves only through an egress-only internet gateway, which carries no IPv4: " +
         JoinList(g.services) + " unreachable over IPv4";
}

report::Fix Fix(const FaultGroup& g, const model::Model&) {
  return report::Fix::Of("add an IPv4 default route to a NAT gateway (or create the VPC endpoints)",
                         {NatRoute(false, g.resource, "<nat-id>")});
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  ReportPathFaults(ctx, sink, kInfo, Message, Fix);
}

}  // namespace

const CheckDef kNet010{kInfo, &Run};

}  // namespace fd::checks
