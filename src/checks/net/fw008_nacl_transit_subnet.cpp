// FW008: the NACL of the subnet a NAT gateway or interface endpoint sits in blocks the flow
// (task -> 443 in, replies out; for a NAT also 443 out and replies in from the internet).
#include "checks/check_util.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kFw008,
    .slug = "nacl-transit-subnet",
    .title = "NACL on the NAT or endpoint subnet blocks the flow",
    .severity = report::Severity::kBlocker,
    .group = Group::kNetwork,
    .rationale = "A packet crosses the NACL of every subnet boundary: the NAT gateway's or endpoint's subnet must allow the task's 443 in and the replies out, and a NAT subnet must also allow 443 out and the replies in.",
    .evidence = "describe-nat-gateways SubnetId, describe-vpc-endpoints SubnetIds, describe-network-acls of those subnets",
    .remediation = "Align the transit subnet's NACL: inbound 443 from the task subnets, outbound 1024-65535 to them (and for a NAT subnet outbound 443 and inbound 1024-65535 to/from the internet).",
    .references = "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html https://docs.aws.amazon.com/AmazonECS/latest/developerguide/verify-connectivity.html",
};

std::string Message(const FaultGroup& g, const model::Model&) {
  return "network ACL " + g.resource + " of a NAT or endpoint subnet blocks the traffic of " +
         JoinList(g.subnets) + " to " + JoinList(g.services);
}

report::Fix Fix(const FaultGroup& g, const model::Model& m) {
  const model::NetworkAcl* acl = m.network_acls().Find(g.resource);
  return report::Fix::Of(
      "allow the task traffic through the transit subnet's NACL",
      {fix::NetworkAclEntry{g.resource, false, FreeRuleNumber(acl, false, 100), {443, 443}, "<task-subnet-cidr>"},
       fix::NetworkAclEntry{g.resource, true, FreeRuleNumber(acl, true, 100), {1024, 65535}, "<task-subnet-cidr>"}});
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  ReportPathFaults(ctx, sink, kInfo, Message, Fix);
}

}  // namespace

const CheckDef kFw008{kInfo, &Run};

}  // namespace fd::checks
