// NET003: the best-matching route is a blackhole (its NAT gateway, instance or ENI was
// deleted); AWS drops the traffic rather than falling back to a less specific route.
#include "checks/check_util.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = "NET003",
    .slug = "net-route-blackhole",
    .title = "default route points to a deleted/detached target",
    .severity = report::Severity::kBlocker,
    .group = Group::kNetwork,
    .rationale = "A route whose target was deleted stays in the table in state blackhole and still wins the longest-prefix match, so every packet it matches is dropped.",
    .evidence = "describe-route-tables Routes[].State == blackhole on the route that matches the destination",
    .remediation = "Replace the route with one to a working NAT gateway or internet gateway.",
    .references = "https://docs.aws.amazon.com/vpc/latest/userguide/route-table-options.html",
};

std::string Message(const FaultGroup& g, const model::Model&) {
  return "route table " + g.resource + " of " + JoinList(g.subnets) +
         " sends traffic to a target that no longer exists (blackhole): " + JoinList(g.services) +
         " unreachable";
}

report::Fix Fix(const FaultGroup& g, const model::Model& m) {
  const model::Subnet* s = m.subnets().Find(g.subnets.front());
  const model::NatGateway* nat = s ? UsableNatGateway(m, s->vpc_id) : nullptr;
  return {"replace the blackhole route with one to a working NAT gateway",
          {"aws ec2 replace-route --route-table-id " + g.resource +
           " --destination-cidr-block 0.0.0.0/0 --nat-gateway-id " + (nat ? nat->id : std::string("<nat-id>"))}};
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  ReportPathFaults(ctx, sink, kInfo, Message, Fix);
}

}  // namespace

const CheckDef kNet003{kInfo, &Run};

}  // namespace fd::checks
