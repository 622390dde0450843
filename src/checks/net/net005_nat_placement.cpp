// NET005: the NAT gateway sits in a subnet whose own route table has no route to an attached
// internet gateway. Regional NAT gateways are checked through their own route table instead.
#include "checks/check_util.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kNet005,
    .slug = "net-nat-placement",
    .title = "NAT gateway placed in a subnet without an IGW route",
    .severity = report::Severity::kBlocker,
    .group = Group::kNetwork,
    .rationale = "A NAT gateway forwards to the internet through the route table of the subnet it sits in; placed in a private subnet (or one routing back to a NAT), it has no way out.",
    .evidence = "describe-nat-gateways SubnetId (or RouteTableId for regional NAT gateways), the route table of that subnet, describe-internet-gateways",
    .remediation = "Recreate the NAT gateway in a public subnet (0.0.0.0/0 -> attached IGW) and point the private route table at it.",
    .references = "https://repost.aws/knowledge-center/ecs-fargate-tasks-pending-state https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html",
};

std::string Message(const FaultGroup& g, const model::Model&) {
  return "NAT gateway " + g.resource + ", used by " + JoinList(g.subnets) +
         ", has no route to an internet gateway from its own subnet: " + JoinList(g.services) +
         " unreachable";
}

report::Fix Fix(const FaultGroup& g, const model::Model& m) {
  const model::NatGateway* nat = m.nat_gateways().Find(g.resource);
  std::string vpc = nat ? nat->vpc_id : "<vpc-id>";
  const model::Subnet* pub = PublicSubnet(m, vpc);
  std::vector<fix::Step> steps = {fix::ElasticIp{}, fix::NatGateway{pub ? pub->id : "<public-subnet-id>"}};
  for (const auto& rt : RouteTablesOf(m, g.ta->target)) steps.push_back(NatRoute(true, rt, "<new-nat-id>"));
  return report::Fix::Of("create the NAT gateway in a public subnet and point the tasks' route tables at it",
                         std::move(steps));
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  ReportPathFaults(ctx, sink, kInfo, Message, Fix);
}

}  // namespace

const CheckDef kNet005{kInfo, &Run};

}  // namespace fd::checks
