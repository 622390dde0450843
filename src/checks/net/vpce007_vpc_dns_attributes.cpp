// VPCE007: enableDnsSupport is off (nothing resolves through the Amazon resolver) or
// enableDnsHostnames is off (endpoint private DNS does not take effect).
#include "checks/check_util.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kVpce007,
    .slug = "vpc-dns-attributes",
    .title = "enableDnsSupport / enableDnsHostnames off",
    .severity = report::Severity::kBlocker,
    .group = Group::kNetwork,
    .rationale = "With enableDnsSupport off the Amazon resolver does not answer at all; interface-endpoint private DNS needs both enableDnsSupport and enableDnsHostnames.",
    .evidence = "describe-vpc-attribute --attribute enableDnsSupport / enableDnsHostnames",
    .remediation = "Turn both VPC attributes on.",
    .references = "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-dns.html",
};

std::string Message(const FaultGroup& g, const model::Model&) {
  return "the DNS attributes of " + g.resource + " keep " + JoinList(g.services) +
         " from resolving (privately) in " + JoinList(g.subnets) + ": " + g.first().claim;
}

report::Fix Fix(const FaultGroup& g, const model::Model&) {
  using Which = fix::VpcDnsAttribute::Which;
  return report::Fix::Of("turn on DNS resolution and DNS hostnames for the VPC",
                         {fix::VpcDnsAttribute{g.resource, Which::kSupport},
                          fix::VpcDnsAttribute{g.resource, Which::kHostnames}});
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  ReportPathFaults(ctx, sink, kInfo, Message, Fix);
}

}  // namespace

const CheckDef kVpce007{kInfo, &Run};

}  // namespace fd::checks
