// NET009: the default route leaves the VPC through a transit gateway, VPN gateway, appliance,
// GWLB endpoint or core network: the path beyond cannot be verified from the snapshot. A
// peering connection can never provide internet egress, so that case is a blocker.
#include "checks/check_util.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kNet009,
    .slug = "net-opaque-egress",
    .title = "default route to TGW / peering / appliance / GWLB / VGW",
    .severity = report::Severity::kWarning,
    .group = Group::kNetwork,
    .rationale = "Centralised egress works only if the far side (transit gateway route tables, firewall allow-lists, on-premises proxies) forwards ECR, S3, Logs and Secrets Manager traffic; none of that is visible in the VPC's configuration. VPC peering does not support edge-to-edge routing through the peer's NAT or internet gateway.",
    .evidence = "describe-route-tables: the route matching the destination targets tgw-, vgw-, pcx-, eni-, i-, a GWLB vpce- or a core network",
    .remediation = "Add the VPC endpoints locally, or verify the central path (transit gateway routes, firewall domain allow-lists) with VPC Reachability Analyzer.",
    .references = "https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html https://docs.aws.amazon.com/vpc/latest/reachability/what-is-reachability-analyzer.html",
};

std::string Message(const FaultGroup& g, const model::Model&) {
  bool peering = g.severity == report::Severity::kBlocker;
  return "route table " + g.resource + " of " + JoinList(g.subnets) +
         (peering ? " sends internet traffic to a VPC peering connection, which cannot reach the internet: "
                  : " sends traffic out of the VPC through a path the snapshot cannot verify: ") +
         JoinList(g.services) + (peering ? " unreachable" : " may be unreachable");
}

report::Fix Fix(const FaultGroup& g, const model::Model&) {
  return report::Fix::Of("create the VPC endpoints the task needs in this VPC, or verify that the central egress "
                         "path and its firewall allow ECR, S3, CloudWatch Logs and Secrets Manager/SSM",
                         {fix::Read{"ec2", "describe-route-tables", {"--route-table-ids", g.resource}}});
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  ReportPathFaults(ctx, sink, kInfo, Message, Fix);
}

}  // namespace

const CheckDef kNet009{kInfo, &Run};

}  // namespace fd::checks
