// NET004: a route sends traffic to an internet gateway that is not attached to the VPC.
#include "checks/check_util.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kNet004,
    .slug = "net-igw-not-attached",
    .title = "route to an IGW that is not attached to this VPC",
    .severity = report::Severity::kBlocker,
    .group = Group::kNetwork,
    .rationale = "An internet gateway forwards traffic only for the VPC it is attached to; a route to a detached gateway drops everything it matches.",
    .evidence = "describe-internet-gateways Attachments[].VpcId and State for the route's igw-",
    .remediation = "Attach the internet gateway to the VPC, or point the route at one that is.",
    .references = "https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html",
};

std::string Message(const FaultGroup& g, const model::Model&) {
  return "internet gateway " + g.resource + " is not attached to the VPC of " + JoinList(g.subnets) +
         ": " + JoinList(g.services) + " unreachable";
}

report::Fix Fix(const FaultGroup& g, const model::Model& m) {
  const model::Subnet* s = m.subnets().Find(g.subnets.front());
  return report::Fix::Of("attach the internet gateway to the VPC",
                         {fix::AttachInternetGateway{g.resource, s ? s->vpc_id : std::string("<vpc-id>")}});
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  ReportPathFaults(ctx, sink, kInfo, Message, Fix);
}

}  // namespace

const CheckDef kNet004{kInfo, &Run};

}  // namespace fd::checks
