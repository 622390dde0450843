// FW004: no security group is named, so the VPC default group applies, and it has no egress.
#include "checks/check_util.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kFw004,
    .slug = "sg-default-sg-hardened",
    .title = "no SGs specified, VPC default SG has no egress",
    .severity = report::Severity::kBlocker,
    .group = Group::kNetwork,
    .rationale = "When a service or task names no security group, ECS attaches the VPC's default group; hardening that group (removing its egress rule, as CIS benchmarks advise) silently blocks every start.",
    .evidence = "describe-services awsvpcConfiguration.securityGroups (empty), describe-security-groups GroupName default",
    .remediation = "Name a dedicated task security group with outbound TCP 443 in the service's network configuration.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_AwsVpcConfiguration.html",
};

std::string Message(const FaultGroup& g, const model::Model&) {
  return g.ta->target.name + " names no security group, and the VPC default group " + g.resource +
         " allows no outbound traffic: " + JoinList(g.services) + " unreachable";
}

report::Fix Fix(const FaultGroup& g, const model::Model&) {
  return report::Fix::Of("create a task security group with outbound tcp 443 and name it in the network configuration",
                         {fix::SecurityGroup{"<vpc-id>", g.ta->target.name + "-tasks", "Fargate tasks"},
                          NetworkUpdate(g.ta->target, {}, {"<new-sg-id>"}, "")});
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  ReportPathFaults(ctx, sink, kInfo, Message, Fix);
}

}  // namespace

const CheckDef kFw004{kInfo, &Run};

}  // namespace fd::checks
