// VPCE012: a resource the start needs is in another Region than the VPC's endpoints, and there
// is no internet path. Cross-Region PrivateLink (ECR only) is recognised by the endpoint's Region.
#include "checks/check_util.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kVpce012,
    .slug = "vpce-cross-region",
    .title = "referenced resource is in another Region than the endpoints",
    .severity = report::Severity::kWarning,
    .group = Group::kNetwork,
    .rationale = "VPC endpoints serve their own Region; a secret, parameter, log group or image in another Region needs an internet path (cross-Region PrivateLink covers ECR but not Logs, Secrets Manager or SSM).",
    .evidence = "image registry host, secret/parameter ARNs, awslogs-region, compared with the task's Region",
    .remediation = "Replicate the resource to the task's Region, or give the subnets a NAT gateway route.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/vpc-endpoints.html https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-cross-region-privatelink-support.html",
};

std::string Message(const FaultGroup& g, const model::Model&) {
  std::string regions;
  for (const auto& [p, f] : g.hits)
    if (regions.find(p->need->region) == std::string::npos) regions += (regions.empty() ? "" : ", ") + p->need->region;
  return g.ta->target.name + " needs " + JoinList(g.services) + " in " + regions +
         ", another Region than its VPC, and " + JoinList(g.subnets) + " have no internet path";
}

report::Fix Fix(const FaultGroup&, const model::Model&) {
  return report::Fix::Of("replicate the resource into the task's Region (or add a NAT gateway route)", {});
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  ReportPathFaults(ctx, sink, kInfo, Message, Fix);
}

}  // namespace

const CheckDef kVpce012{kInfo, &Run};

}  // namespace fd::checks
