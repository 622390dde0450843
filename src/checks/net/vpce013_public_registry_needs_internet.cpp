// VPCE013: the image comes from a registry no VPC endpoint serves (Docker Hub, ECR Public, …)
// and the subnets have no internet path.
#include "checks/check_util.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kVpce013,
    .slug = "vpce-public-registry-or-ptc-first-pull",
    .title = "image source needs the internet",
    .severity = report::Severity::kBlocker,
    .group = Group::kNetwork,
    .rationale = "Docker Hub, ghcr.io, quay.io and ECR Public are reached only over the internet; an endpoint-only subnet cannot pull from them.",
    .evidence = "containerDefinitions[].image registry host, the task subnets' route tables",
    .remediation = "Copy the image into a private ECR repository in the task's Region (or use a pull-through cache rule with a NAT path for the first pull), or add a NAT gateway route.",
    .references = "https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html",
};

std::string Message(const FaultGroup& g, const model::Model&) {
  std::vector<std::string> hosts;
  for (const auto& s : g.services) hosts.push_back(s.substr(s.find(':') + 1));
  return g.ta->target.name + " pulls from " + JoinList(hosts) + ", which no VPC endpoint serves, and " +
         JoinList(g.subnets) + " have no internet path";
}

report::Fix Fix(const FaultGroup& g, const model::Model&) {
  return report::Fix::Of("copy the image into private ECR in the task's Region and point the task definition at it",
                         {fix::Repository{"<repository>", g.ta->target.region}});
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  ReportPathFaults(ctx, sink, kInfo, Message, Fix);
}

}  // namespace

const CheckDef kVpce013{kInfo, &Run};

}  // namespace fd::checks
