// FW007: the task subnet's NACL drops the replies: NACLs are stateless, so inbound TCP to the
// client's ephemeral ports (AWS advises 1024-65535) must be allowed. Only 32768-60999 open
// works for Linux clients and is reported as a warning.
#include "checks/check_util.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kFw007,
    .slug = "nacl-no-ephemeral-inbound",
    .title = "subnet NACL drops return traffic",
    .severity = report::Severity::kBlocker,
    .group = Group::kNetwork,
    .rationale = "NACLs do not track connections: the replies from ECR, S3 and the other services arrive on the task's ephemeral ports and are dropped unless an inbound entry allows them.",
    .evidence = "describe-network-acls Entries (Egress false) of the task subnet's ACL",
    .remediation = "Allow inbound TCP 1024-65535 from 0.0.0.0/0 (or from the endpoint, NAT and S3 ranges).",
    .references = "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html",
};

std::string Message(const FaultGroup& g, const model::Model&) {
  bool narrow = g.severity != report::Severity::kBlocker;
  return "network ACL " + g.resource + " of " + JoinList(g.subnets) +
         (narrow ? " opens only part of the ephemeral range 1024-65535 for replies from "
                 : " drops the replies from ") + JoinList(g.services);
}

report::Fix Fix(const FaultGroup& g, const model::Model& m) {
  const model::NetworkAcl* acl = m.network_acls().Find(g.resource);
  return report::Fix::Of(
      "allow inbound tcp 1024-65535 for the replies",
      {fix::NetworkAclEntry{g.resource, false, FreeRuleNumber(acl, false, 100), {1024, 65535}, "0.0.0.0/0"}});
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  ReportPathFaults(ctx, sink, kInfo, Message, Fix);
}

}  // namespace

const CheckDef kFw007{kInfo, &Run};

}  // namespace fd::checks
