// FW001: no egress rule of the task's security groups allows TCP 443 to a destination the start
// needs (the public address via NAT/IGW, the endpoint ENIs, or S3's prefix list).
#include "checks/check_util.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kFw001,
    .slug = "sg-task-egress-443",
    .title = "task security groups do not allow outbound 443 to the destination",
    .severity = report::Severity::kBlocker,
    .group = Group::kNetwork,
    .rationale = "Security groups are allow-lists: without an egress rule for TCP 443 to the destination, the ECR, S3, Logs and Secrets Manager calls of a start time out.",
    .evidence = "describe-security-groups IpPermissionsEgress of the service's (or task ENI's) groups: IpProtocol, ports, IpRanges, PrefixListIds, UserIdGroupPairs",
    .remediation = "Allow outbound TCP 443 to 0.0.0.0/0, or to the endpoint security group and the S3 prefix list in an endpoint-only design.",
    .references = "https://repost.aws/knowledge-center/ecs-fargate-tasks-pending-state https://docs.aws.amazon.com/AmazonECS/latest/developerguide/verify-connectivity.html",
};

std::string Message(const FaultGroup& g, const model::Model&) {
  return "security group " + g.resource + " of " + g.ta->target.name +
         " does not allow outbound tcp 443 to " + JoinList(g.services) + " (from " + JoinList(g.subnets) + ")";
}

report::Fix Fix(const FaultGroup& g, const model::Model& m) {
  bool via_endpoint = false;
  for (const auto& [p, f] : g.hits)
    if (m.vpc_endpoints().Find(p->via)) via_endpoint = true;
  fix::SecurityGroupRule rule;
  rule.group = g.resource;
  rule.peer = "0.0.0.0/0";
  return report::Fix::Of(via_endpoint ? "allow outbound tcp 443 to the endpoint security group (or the VPC CIDR)"
                                      : "allow outbound tcp 443",
                         {rule});
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  ReportPathFaults(ctx, sink, kInfo, Message, Fix);
}

}  // namespace

const CheckDef kFw001{kInfo, &Run};

}  // namespace fd::checks
