// FW003: an interface endpoint's security group does not admit TCP 443 from the task.
#include "checks/check_util.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kFw003,
    .slug = "sg-endpoint-ingress",
    .title = "interface endpoint SG does not admit the task",
    .severity = report::Severity::kBlocker,
    .group = Group::kNetwork,
    .rationale = "An interface endpoint answers only connections its security groups admit; the task's calls to that service time out.",
    .evidence = "describe-vpc-endpoints Groups[].GroupId, describe-security-groups IpPermissions of those groups",
    .remediation = "Allow inbound TCP 443 on the endpoint security group from the task security group or the task subnets' CIDRs.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/vpc-endpoints.html",
};

std::string Message(const FaultGroup& g, const model::Model&) {
  return "endpoint security group " + g.resource + " does not admit tcp 443 from " + g.ta->target.name +
         " in " + JoinList(g.subnets) + ": " + JoinList(g.services) + " unreachable";
}

report::Fix Fix(const FaultGroup& g, const model::Model&) {
  const auto& sgs = g.ta->target.security_groups;
  fix::SecurityGroupRule rule;
  rule.group = g.resource;
  rule.egress = false;
  rule.peer_kind = !sgs.empty() ? fix::SecurityGroupRule::Peer::kGroup : fix::SecurityGroupRule::Peer::kCidr;
  rule.peer = !sgs.empty() ? sgs.front() : "<vpc-cidr>";
  return report::Fix::Of("admit tcp 443 from the task security group on the endpoint security group", {rule});
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  ReportPathFaults(ctx, sink, kInfo, Message, Fix);
}

}  // namespace

const CheckDef kFw003{kInfo, &Run};

}  // namespace fd::checks
