// VPCE008: DHCP options name custom DNS servers while interface endpoints are relied upon:
// their private DNS is answered only by the Amazon resolver, unless the servers forward to it.
#include "checks/check_util.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kVpce008,
    .slug = "dns-dhcp-custom-resolver",
    .title = "DHCP options point at DNS servers that don't know the endpoint zones",
    .severity = report::Severity::kWarning,
    .group = Group::kNetwork,
    .rationale = "Private DNS of interface endpoints lives in zones only the Route 53 Resolver answers; custom DNS servers must forward amazonaws.com to it, or the names resolve publicly and fail without an internet path.",
    .evidence = "describe-dhcp-options domain-name-servers, describe-vpc-endpoints PrivateDnsEnabled",
    .remediation = "Use AmazonProvidedDNS, or configure conditional forwarding of amazonaws.com to the VPC resolver (or a Route 53 Resolver inbound endpoint).",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/vpc-endpoints.html",
};

std::string Message(const FaultGroup& g, const model::Model&) {
  return "DHCP options " + g.resource + " name custom DNS servers: " + JoinList(g.services) +
         " reach their endpoints from " + JoinList(g.subnets) + " only if those servers forward to the Amazon resolver";
}

report::Fix Fix(const FaultGroup& g, const model::Model&) {
  return report::Fix::Of("use the Amazon-provided resolver, or forward amazonaws.com to it from the custom servers",
                         {fix::Read{"ec2", "describe-dhcp-options", {"--dhcp-options-ids", g.resource}}});
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  ReportPathFaults(ctx, sink, kInfo, Message, Fix);
}

}  // namespace

const CheckDef kVpce008{kInfo, &Run};

}  // namespace fd::checks
