// FW005: the DHCP options name custom DNS servers, and the task SG, NACL or routes do not let
// DNS (53) through to them; only the Amazon resolver is exempt from SGs and NACLs.
#include "checks/check_util.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kFw005,
    .slug = "net-custom-dns-blocked",
    .title = "custom DNS servers unreachable through SG/NACL",
    .severity = report::Severity::kWarning,
    .group = Group::kNetwork,
    .rationale = "Traffic to the Amazon-provided resolver bypasses security groups and NACLs, but DNS to custom servers does not: blocked UDP/TCP 53 means no name resolves.",
    .evidence = "describe-dhcp-options domain-name-servers, task SG egress, task subnet NACL, route table",
    .remediation = "Allow UDP and TCP 53 to the DNS servers (and the replies in the NACL), or use AmazonProvidedDNS.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/verify-connectivity.html",
};

std::string Message(const FaultGroup& g, const model::Model&) {
  return g.resource + " blocks DNS from " + JoinList(g.subnets) +
         " to the custom DNS servers of the DHCP options: names may not resolve";
}

report::Fix Fix(const FaultGroup& g, const model::Model& m) {
  if (m.security_groups().Find(g.resource))
    return report::Fix::Of(
        "allow DNS to the custom servers",
        {fix::SecurityGroupRule{g.resource, true, "udp", {53, 53}, fix::SecurityGroupRule::Peer::kCidr, "<dns-server-ip>/32"},
         fix::SecurityGroupRule{g.resource, true, "tcp", {53, 53}, fix::SecurityGroupRule::Peer::kCidr, "<dns-server-ip>/32"}});
  return report::Fix::Of("allow UDP/TCP 53 to the DNS servers and the replies back", {});
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  ReportPathFaults(ctx, sink, kInfo, Message, Fix);
}

}  // namespace

const CheckDef kFw005{kInfo, &Run};

}  // namespace fd::checks
