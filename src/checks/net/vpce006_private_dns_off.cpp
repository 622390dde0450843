// VPCE006: an interface endpoint has private DNS off, so the service name resolves publicly
// and, with no internet path, the call fails.
#include "checks/check_util.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kVpce006,
    .slug = "vpce-private-dns-off",
    .title = "interface endpoint without private DNS",
    .severity = report::Severity::kBlocker,
    .group = Group::kNetwork,
    .rationale = "Fargate calls the standard service names; without private DNS they resolve to public addresses, which an isolated subnet cannot reach. ECR requires private DNS on ecr.dkr.",
    .evidence = "describe-vpc-endpoints PrivateDnsEnabled",
    .remediation = "Turn on private DNS on the endpoint (needs enableDnsSupport and enableDnsHostnames on the VPC).",
    .references = "https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html",
};

std::string Message(const FaultGroup& g, const model::Model&) {
  return "interface endpoint " + g.resource + " has private DNS off, so " + JoinList(g.services) +
         " resolve to public addresses that " + JoinList(g.subnets) + " cannot reach";
}

report::Fix Fix(const FaultGroup& g, const model::Model&) {
  return report::Fix::Of("turn on private DNS for the endpoint", {fix::EndpointPrivateDns{g.resource}});
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  ReportPathFaults(ctx, sink, kInfo, Message, Fix);
}

}  // namespace

const CheckDef kVpce006{kInfo, &Run};

}  // namespace fd::checks
