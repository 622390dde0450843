// IMG006: a non-ECR image (Docker Hub, ghcr.io, quay.io, ECR Public, …) in a subnet with no
// internet path in a VPC with no endpoints at all. The tracer gives each (subnet, registry)
// exactly one code: IMG006 here, VPCE013 when the VPC relies on endpoints, NET002 for the ECR
// destinations of an isolated subnet (and for a pull-through cache's first pull there).
#include "checks/check_util.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kImg006,
    .slug = "img-public-registry-no-internet",
    .title = "see C13 (non-ECR image in a subnet without internet)",
    .severity = report::Severity::kBlocker,
    .group = Group::kResources,
    .rationale = "A registry outside ECR is reached only over the internet, and no VPC endpoint "
                 "can stand in for it. In a subnet with no NAT or internet-gateway route and no "
                 "endpoints, the pull times out and the task stops. When the VPC does use endpoints, "
                 "the same image is reported as VPCE013; the ECR, logs and secrets destinations of "
                 "an isolated subnet are NET002's.",
    .evidence = "containerDefinitions[].image registry host; the task subnets' route tables and the "
                "VPC's endpoints (describe-vpc-endpoints)",
    .remediation = "Give the subnets an internet path (a NAT gateway route, or a public subnet "
                   "with assignPublicIp ENABLED), or copy the image into a private ECR repository "
                   "in the task's Region and reach ECR through NAT or VPC endpoints.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_cannot_pull_image.html "
                  "https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html",
};

std::string Message(const FaultGroup& g, const model::Model&) {
  std::vector<std::string> hosts;
  for (const auto& s : g.services) hosts.push_back(s.substr(s.find(':') + 1));
  return g.ta->target.name + " pulls from " + JoinList(hosts) + ", reached only over the internet, and " +
         JoinList(g.subnets) + " have no internet path and no VPC endpoints";
}

report::Fix Fix(const FaultGroup& g, const model::Model& m) {
  const auto& t = g.ta->target;
  std::string vpc;
  if (!t.subnets.empty())
    if (const auto* s = m.subnets().Find(t.subnets.front())) vpc = s->vpc_id;
  if (const auto* nat = vpc.empty() ? nullptr : UsableNatGateway(m, vpc)) {
    std::vector<fix::Step> steps;
    for (const auto& rt : RouteTablesOf(m, t)) steps.push_back(NatRoute(false, rt, nat->id));
    return report::Fix::Of("route the subnets' internet traffic to " + nat->id +
                               ", an available NAT gateway in a public subnet (or mirror the image into private ECR)",
                           std::move(steps));
  }
  return report::Fix::Of("copy the image into private ECR in the task's Region and point the task definition at "
                         "it (then reach ECR through VPC endpoints or NAT), or add a NAT gateway",
                         {fix::Repository{"<repository>", t.region}});
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  ReportPathFaults(ctx, sink, kInfo, Message, Fix);
}

}  // namespace

const CheckDef kImg006{kInfo, &Run};

}  // namespace fd::checks
