// VPCE010: the endpoint exists but is not available (pendingAcceptance, pending, failed, …).
#include "checks/check_util.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kVpce010,
    .slug = "vpce-not-available",
    .title = "endpoint exists but is not `available`",
    .severity = report::Severity::kBlocker,
    .group = Group::kNetwork,
    .rationale = "An endpoint serves traffic only in state available; in any other state the service name falls back to its public address, which an isolated subnet cannot reach.",
    .evidence = "describe-vpc-endpoints State (compared case-insensitively)",
    .remediation = "Wait for, accept or recreate the endpoint.",
    .references = "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpcEndpoint.html",
};

std::string Message(const FaultGroup& g, const model::Model& m) {
  const auto* ep = m.vpc_endpoints().Find(g.resource);
  return "endpoint " + g.resource + " is " + (ep ? ep->state : std::string("not available")) +
         ", so " + JoinList(g.services) + " are unreachable from " + JoinList(g.subnets);
}

report::Fix Fix(const FaultGroup& g, const model::Model&) {
  return report::Fix::Of("wait for the endpoint to become available, accept it, or recreate it",
                         {fix::Read{"ec2", "describe-vpc-endpoints", {"--vpc-endpoint-ids", g.resource}}});
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  ReportPathFaults(ctx, sink, kInfo, Message, Fix);
}

}  // namespace

const CheckDef kVpce010{kInfo, &Run};

}  // namespace fd::checks
