// FW006: the task subnet's network ACL denies outbound TCP 443 to a needed destination.
#include "checks/check_util.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kFw006,
    .slug = "nacl-egress-deny",
    .title = "subnet NACL blocks outbound 443",
    .severity = report::Severity::kBlocker,
    .group = Group::kNetwork,
    .rationale = "Network ACLs are evaluated in rule-number order and the first match decides; a deny (or only the * rule) for outbound TCP 443 drops every start request.",
    .evidence = "describe-network-acls Entries (Egress true) of the task subnet's ACL",
    .remediation = "Add an allow entry for outbound TCP 443 with a lower rule number than the deny that matches.",
    .references = "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html",
};

std::string Message(const FaultGroup& g, const model::Model&) {
  return "network ACL " + g.resource + " of " + JoinList(g.subnets) +
         " denies outbound tcp 443 to " + JoinList(g.services);
}

report::Fix Fix(const FaultGroup& g, const model::Model& m) {
  const model::NetworkAcl* acl = m.network_acls().Find(g.resource);
  int n = 100;
  if (acl)
    for (const auto& e : acl->entries)
      if (e.egress && !e.allow && e.rule_number < 32767) n = std::min(n, e.rule_number);
  return report::Fix::Of("allow outbound tcp 443 before the deny",
                         {fix::NetworkAclEntry{g.resource, true, FreeRuleNumber(acl, true, n), {443, 443}, "0.0.0.0/0"}});
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  ReportPathFaults(ctx, sink, kInfo, Message, Fix);
}

}  // namespace

const CheckDef kFw006{kInfo, &Run};

}  // namespace fd::checks
