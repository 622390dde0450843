// STO003: NFS (TCP 2049) between a task and the EFS mount target of its zone is blocked by the
// task's security group egress, the mount target's security group ingress, or the network ACLs
// of either subnet (docs/design/causes.md#sto003, §1.9). The analysis traces the NFS path of
// every EFS volume from every task subnet (analysis/trace/nfs_path.cpp), as every other path a
// task takes: the same filters, the same ephemeral ports for the replies, the same trace and
// remedies. This check words the faults found: one finding per SG or NACL to change.
#include <set>

#include "checks/check_util.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kSto003,
    .slug = "efs-nfs-blocked",
    .title = "TCP 2049 blocked between task and mount target",
    .severity = report::Severity::kBlocker,
    .group = Group::kResources,
    .rationale = "The task mounts EFS over NFS, TCP 2049, straight to the mount target's network "
                 "interface in its zone. If the task's security group may not send to it, the "
                 "mount target's security group does not admit the task, or a network ACL drops "
                 "the request or its reply, the mount times out and the task stops.",
    .evidence = "efs describe-mount-targets IpAddress and SubnetId, describe-mount-target-security-"
                "groups, describe-security-groups of the task and mount-target groups, "
                "describe-network-acls of both subnets",
    .remediation = "Allow inbound TCP 2049 on the mount target's security group from the task's "
                   "security group, outbound TCP 2049 on the task's group, and the request and "
                   "ephemeral-port replies in the network ACLs of both subnets.",
    .references = "https://docs.aws.amazon.com/efs/latest/ug/network-access.html "
                  "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/tutorial-efs-volumes.html",
};

/// A rule of `group` for NFS (tcp 2049) to or from what `o` names: the peer's group, else its
/// addresses.
fix::SecurityGroupRule NfsRule(const std::string& group, const analysis::Fault::Opening& o) {
  using Peer = fix::SecurityGroupRule::Peer;
  return {group, o.egress, "tcp", {2049, 2049}, o.group.empty() ? Peer::kCidr : Peer::kGroup,
          o.group.empty() ? o.cidr : o.group};
}

/// The entry that admits what a fault denies, numbered before the entry that denies it.
fix::NetworkAclEntry NaclEntry(const model::NetworkAcl& acl, const analysis::Fault::Opening& o) {
  const int below = o.deny_rule > 0 && o.deny_rule < 32767 ? o.deny_rule : 100;
  return {acl.id, o.egress, FreeRuleNumber(&acl, o.egress, below), {o.ports.from, o.ports.to}, o.cidr};
}

/// A network ACL on the NFS path: one entry per direction denied. Replies let in on the Linux
/// ports only are a warning, as for every other flow (FW007).
report::Finding& ReportNacl(FindingSink& sink, const FaultGroup& g, const model::NetworkAcl& acl) {
  const std::string& name = g.ta->target.name;
  const bool blocks = g.severity == report::Severity::kBlocker;
  auto& f = sink.Report(kInfo, g.ta->target, acl.id,
                        blocks ? "network ACL " + acl.id + " blocks NFS between " + name + " and its EFS mount target"
                               : "network ACL " + acl.id + " lets in NFS replies to " + name +
                                     " only on the Linux ephemeral ports 32768-60999");
  f.severity = g.severity;
  std::vector<fix::Step> steps;
  std::set<std::string> seen;
  for (const auto& [path, fault] : g.hits) {
    if (!fault->opening) continue;
    const fix::NetworkAclEntry e = NaclEntry(acl, *fault->opening);
    if (seen.insert(fix::Cli(e).front()).second) steps.push_back(e);
  }
  f.fix = report::Fix::Of("allow NFS and its replies in network ACL " + acl.id, std::move(steps));
  return f;
}

/// A security group on the NFS path: the task's, outbound, or the mount targets', inbound.
report::Finding& ReportGroup(FindingSink& sink, const FaultGroup& g) {
  const std::string& name = g.ta->target.name;
  const analysis::Fault::Opening o = g.first().opening.value_or(analysis::Fault::Opening{});
  auto& f = sink.Report(kInfo, g.ta->target, g.resource,
                        o.egress ? "security group " + g.resource + " of " + name +
                                       " does not allow NFS (tcp 2049) out to its EFS mount targets"
                                 : "security group " + g.resource + " of the EFS mount targets does not admit "
                                   "NFS (tcp 2049) from " + name);
  // Part of a task subnet admitted is a warning: tasks on the other addresses time out.
  f.severity = g.severity;
  f.fix = report::Fix::Of(o.egress ? "allow outbound tcp 2049 from the task's security group to the mount targets' group"
                                   : "allow inbound tcp 2049 on the mount targets' security group from the task's group",
                          {NfsRule(g.resource, o)});
  return f;
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  for (const FaultGroup& g : GroupFaults(ctx.targets, kInfo.code)) {
    const model::NetworkAcl* acl = ctx.model.network_acls().Find(g.resource);
    report::Finding& f = acl ? ReportNacl(sink, g, *acl) : ReportGroup(sink, g);
    std::set<std::string> claims;
    for (const auto& [path, fault] : g.hits)
      if (claims.insert(fault->claim).second) f.evidence.push_back({fault->resource, fault->claim});
    f.subnets = g.subnets;
  }
}

}  // namespace

const CheckDef kSto003{kInfo, &Run};

}  // namespace fd::checks
