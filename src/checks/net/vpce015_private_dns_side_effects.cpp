// VPCE015: an interface endpoint with private DNS captures the name for the whole VPC, so a
// broken endpoint breaks tasks that would have reached the service through NAT or IGW.
#include "checks/check_util.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kVpce015,
    .slug = "vpce-private-dns-side-effects",
    .title = "a broken endpoint breaks tasks that had internet",
    .severity = report::Severity::kInfo,
    .group = Group::kNetwork,
    .rationale = "Private DNS applies VPC-wide: once an interface endpoint exists, every task resolves the service to it, whatever its own internet path; if the endpoint does not admit the task, the call fails where it used to work.",
    .evidence = "describe-vpc-endpoints PrivateDnsEnabled and Groups, the endpoint SG ingress, the task's internet path",
    .remediation = "Admit the tasks on the endpoint (SG, NACL), or remove the endpoint's private DNS.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/vpc-endpoints.html",
};

std::string Message(const FaultGroup& g, const model::Model&) {
  return "endpoint " + g.resource + " takes " + JoinList(g.services) + " away from a working internet path of " +
         JoinList(g.subnets) + " through its private DNS";
}

report::Fix Fix(const FaultGroup&, const model::Model&) {
  return report::Fix::Of("fix the endpoint's security group or NACL (see the related finding), or turn off its private DNS", {});
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  ReportPathFaults(ctx, sink, kInfo, Message, Fix);
}

}  // namespace

const CheckDef kVpce015{kInfo, &Run};

}  // namespace fd::checks
