// NET002: the subnet's route table has no way out (no NAT, no IGW) and the VPC uses no
// interface endpoints at all: every destination a start needs is unreachable.
#include "checks/check_util.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kNet002,
    .slug = "net-route-private-no-egress",
    .title = "private subnet with no NAT, no endpoints (isolated subnet)",
    .severity = report::Severity::kBlocker,
    .group = Group::kNetwork,
    .rationale = "A start must reach ECR, S3, CloudWatch Logs and Secrets Manager/SSM. A subnet whose route table has no route to a NAT gateway or an internet gateway, in a VPC without interface endpoints, reaches none of them.",
    .evidence = "describe-route-tables (explicit association or the main table), describe-vpc-endpoints, describe-nat-gateways",
    .remediation = "Route 0.0.0.0/0 to a NAT gateway that sits in a public subnet, or create the VPC endpoints the task needs (ecr.api, ecr.dkr, the S3 gateway, logs, secretsmanager/ssm).",
    .references = "https://repost.aws/knowledge-center/ecs-fargate-tasks-pending-state https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html",
};

std::string Message(const FaultGroup& g, const model::Model&) {
  return "route table " + g.resource + " of " + JoinList(g.subnets) +
         " has no route to a NAT gateway or an internet gateway and the VPC has no endpoints: " +
         JoinList(g.services) + " unreachable";
}

report::Fix Fix(const FaultGroup& g, const model::Model& m) {
  const model::Subnet* s = m.subnets().Find(g.subnets.front());
  std::string vpc = s ? s->vpc_id : "<vpc-id>";
  if (const auto* nat = UsableNatGateway(m, vpc))
    return report::Fix::Of("route the subnet's internet traffic to " + nat->id +
                               ", an available NAT gateway in a public subnet of " + vpc,
                           {NatRoute(false, g.resource, nat->id)});
  const model::Subnet* pub = PublicSubnet(m, vpc);
  return report::Fix::Of("create a NAT gateway in a public subnet and route 0.0.0.0/0 to it (or create the VPC "
                         "endpoints ecr.api, ecr.dkr, logs, secretsmanager/ssm and the S3 gateway)",
                         {fix::ElasticIp{}, fix::NatGateway{pub ? pub->id : "<public-subnet-id>"},
                          NatRoute(false, g.resource, "<nat-id>")});
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  ReportPathFaults(ctx, sink, kInfo, Message, Fix);
}

}  // namespace

const CheckDef kNet002{kInfo, &Run};

}  // namespace fd::checks
