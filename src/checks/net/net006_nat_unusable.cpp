// NET006: the NAT gateway a route uses is not available, is private, or has no Elastic IP.
#include "checks/check_util.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kNet006,
    .slug = "net-nat-unusable",
    .title = "NAT gateway not available, private type, or no Elastic IP",
    .severity = report::Severity::kBlocker,
    .group = Group::kNetwork,
    .rationale = "Only an available public NAT gateway with an Elastic IP forwards traffic to the internet; a pending, failed or deleted one, or a private NAT gateway, does not.",
    .evidence = "describe-nat-gateways State, FailureMessage, ConnectivityType, NatGatewayAddresses[].PublicIp",
    .remediation = "Create a public NAT gateway with an Elastic IP in a public subnet and route to it.",
    .references = "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html",
};

std::string Message(const FaultGroup& g, const model::Model&) {
  return "NAT gateway " + g.resource + ", used by " + JoinList(g.subnets) + ", cannot forward to the internet (" +
         g.first().claim + "): " + JoinList(g.services) + " unreachable";
}

report::Fix Fix(const FaultGroup& g, const model::Model& m) {
  const model::NatGateway* nat = m.nat_gateways().Find(g.resource);
  std::string vpc = nat ? nat->vpc_id : "<vpc-id>";
  const model::NatGateway* good = UsableNatGateway(m, vpc);
  std::vector<fix::Step> steps;
  if (!good) {
    const model::Subnet* pub = PublicSubnet(m, vpc);
    steps.push_back(fix::ElasticIp{});
    steps.push_back(fix::NatGateway{pub ? pub->id : "<public-subnet-id>"});
  }
  for (const auto& rt : RouteTablesOf(m, g.ta->target))
    steps.push_back(NatRoute(true, rt, good ? good->id : std::string("<new-nat-id>")));
  return report::Fix::Of("route through an available public NAT gateway with an Elastic IP", std::move(steps));
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  ReportPathFaults(ctx, sink, kInfo, Message, Fix);
}

}  // namespace

const CheckDef kNet006{kInfo, &Run};

}  // namespace fd::checks
