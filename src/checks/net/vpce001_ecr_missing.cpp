// VPCE001: the VPC relies on endpoints (no internet route) but has no ecr.api/ecr.dkr endpoint.
#include "checks/check_util.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = "VPCE001",
    .slug = "vpce-ecr-missing",
    .title = "no internet path and ECR interface endpoints incomplete",
    .severity = report::Severity::kBlocker,
    .group = Group::kNetwork,
    .rationale = "Without a NAT gateway or internet gateway route, a start reaches ECR (ecr.dkr for the image manifest; ecr.api for the auth token on platform 1.4.0 and Windows) only through an interface endpoint in the VPC; with it missing the call times out.",
    .evidence = "describe-vpc-endpoints ServiceName/VpcEndpointType/State in the task VPC, the task subnets' route tables, the resolved platform version",
    .remediation = "Create the interface endpoint with private DNS in the task subnets, with a security group admitting TCP 443 from the tasks, or add a NAT gateway route.",
    .references = "https://repost.aws/knowledge-center/ecs-fargate-tasks-pending-state https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html https://docs.aws.amazon.com/AmazonECS/latest/developerguide/vpc-endpoints.html",
};

std::string Message(const FaultGroup& g, const model::Model&) {
  return g.resource + " has no internet route from " + JoinList(g.subnets) +
         " and no interface endpoint for " + JoinList(g.services) + ", which " + g.ta->target.name + " needs";
}

report::Fix Fix(const FaultGroup& g, const model::Model& m) {
  const auto& t = g.ta->target;
  std::string sg = t.security_groups.empty() ? "<endpoint-sg-id>" : "<endpoint-sg-id admitting tcp 443 from " + t.security_groups.front() + ">";
  std::vector<std::string> cmds;
  std::string region = t.region;
  for (const auto& [p, f] : g.hits) region = p->need->region;
  for (const auto& svc : g.services)
    cmds.push_back("aws ec2 create-vpc-endpoint --vpc-id " + g.resource +
                   " --vpc-endpoint-type Interface --service-name " + EndpointServiceName(region, svc) +
                   " --subnet-ids " + JoinList(t.subnets, 16) + " --security-group-ids " + sg +
                   " --private-dns-enabled");
  for (auto& c : cmds)
    for (size_t pos; (pos = c.find(", ")) != std::string::npos;) c.replace(pos, 2, " ");
  (void)m;
  return {"create the missing interface endpoint(s) with private DNS (or give the subnets a NAT gateway route)", cmds};
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  ReportPathFaults(ctx, sink, kInfo, Message, Fix);
}

}  // namespace

const CheckDef kVpce001{kInfo, &Run};

}  // namespace fd::checks
