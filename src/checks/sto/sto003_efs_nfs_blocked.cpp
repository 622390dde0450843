// STO003: NFS (TCP 2049) between a task and the EFS mount target of its zone is blocked by the
// task's security group egress, the mount target's security group ingress, or the network ACLs
// of either subnet (docs/design/causes.md#sto003, §1.9). One finding per SG or NACL to change, per subnet.
#include <algorithm>
#include <set>

#include "checks/check_util.h"
#include "net/match.h"

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

constexpr int kTcp = 6;
constexpr int kNfs = 2049;
constexpr PortRange kEphemeral{1024, 65535};

/// The available mount target of `fs_id` in the subnet's zone and VPC (AZ ID, else name).
const model::EfsMountTarget* MountTargetFor(const model::Model& m, const std::string& fs_id,
                                            const model::Subnet& s) {
  const model::EfsMountTarget* by_name = nullptr;
  for (const auto* mt : m.MountTargetsOf(fs_id)) {
    if (!mt->vpc_id.empty() && mt->vpc_id != s.vpc_id) continue;
    if (!mt->life_cycle_state.empty() && mt->life_cycle_state != "available") continue;
    if (!s.availability_zone_id.empty() && mt->availability_zone_id == s.availability_zone_id) return mt;
    if (!by_name && !s.availability_zone.empty() && mt->availability_zone_name == s.availability_zone)
      by_name = mt;
  }
  return by_name;
}

struct Ctx {
  const CheckContext& c;
  FindingSink& sink;
  const analysis::Target& t;
  std::set<std::string> gaps;  ///< unchecked reasons already given for this target

  void Gap(const std::string& reason) {
    if (gaps.insert(reason).second) sink.Unchecked(kInfo, reason);
  }
};

/// The task's security groups (the VPC default when none is named); empty when unknown.
std::vector<const model::SecurityGroup*> TaskGroups(Ctx& x, const model::Subnet& s) {
  const auto& t = x.t;
  std::vector<const model::SecurityGroup*> out;
  if (!t.security_groups_known ||
      (t.security_groups.empty() && t.kind == analysis::TargetKind::kTask && !t.network_configuration_present)) {
    x.Gap("the security groups of " + t.name + " are not in the snapshot");
    return {};
  }
  if (t.security_groups.empty()) {
    const auto* d = x.c.model.DefaultSecurityGroup(s.vpc_id);
    if (!d || !d->rules_known) {
      x.Gap("the default security group of " + s.vpc_id + " is not in the snapshot");
      return {};
    }
    return {d};
  }
  for (const auto& id : t.security_groups) {
    const auto* g = x.c.model.security_groups().Find(id);
    if (!g || !g->rules_known) {
      x.Gap("security group " + id + " of " + t.name + " is not in the snapshot");
      return {};
    }
    out.push_back(g);
  }
  return out;
}

fix::NetworkAclEntry NaclEntry(const model::NetworkAcl& acl, bool egress, int deny_rule, PortRange ports,
                               const std::string& cidr) {
  const int below = deny_rule > 0 && deny_rule < 32767 ? deny_rule : 100;
  return {acl.id, egress, FreeRuleNumber(&acl, egress, below), {ports.from, ports.to}, cidr};
}

/// A rule of `group` for NFS (tcp 2049) to or from the group `peer`.
fix::SecurityGroupRule NfsRule(const std::string& group, bool egress, const std::string& peer) {
  return {group, egress, "tcp", {2049, 2049}, fix::SecurityGroupRule::Peer::kGroup, peer};
}

void CheckNacl(Ctx& x, const model::Subnet& side, bool egress, PortRange ports, const net::Peer& peer,
               const std::string& peer_cidr, const std::string& what, const std::string& task_subnet) {
  const model::NetworkAcl* acl = x.c.model.NaclForSubnet(side.id);
  if (!acl) {
    x.Gap("no network ACL data for subnet " + side.id + " (EFS path of " + x.t.name + ")");
    return;
  }
  net::NaclDecision d = net::EvaluateNacl(*acl, egress, kTcp, ports, peer);
  if (d.allowed == net::Tri::kYes) return;
  if (d.allowed == net::Tri::kMaybe) {
    x.Gap("network ACL " + acl->id + ": " + d.detail);
    return;
  }
  auto& f = x.sink.Report(kInfo, x.t, acl->id,
                          "network ACL " + acl->id + " blocks NFS between " + x.t.name + " and its EFS mount target");
  f.evidence.push_back({acl->id, "subnet " + side.id + ": " + what + " denied (" + d.detail + ")"});
  if (std::find(f.subnets.begin(), f.subnets.end(), task_subnet) == f.subnets.end()) f.subnets.push_back(task_subnet);
  int deny = 0;
  if (!d.rule.empty())
    for (const auto& e : acl->entries)
      if (e.egress == egress && !e.allow && e.source == d.rule) deny = e.rule_number;
  const fix::NetworkAclEntry entry = NaclEntry(*acl, egress, deny, ports, peer_cidr);
  const std::string cmd = fix::Cli(entry).front();
  if (std::find(f.fix.commands.begin(), f.fix.commands.end(), cmd) != f.fix.commands.end()) return;
  f.fix.steps.push_back(entry);
  f.fix = report::Fix::Of("allow NFS and its replies in network ACL " + acl->id, std::move(f.fix.steps));
}

void CheckSubnet(Ctx& x, const std::string& fs_id, const model::Subnet& s) {
  const model::Model& m = x.c.model;
  const model::EfsMountTarget* mt = MountTargetFor(m, fs_id, s);
  if (!mt) return;  // STO002
  if (!s.cidr) {
    x.Gap("subnet " + s.id + " has no IPv4 CIDR: NFS to " + mt->id + " over IPv6 is not evaluated");
    return;
  }
  auto ip = Cidr4::Parse(mt->ip_address);
  if (!ip || ip->len != 32) {
    x.Gap("mount target " + mt->id + " has no IPv4 address in the snapshot");
    return;
  }
  std::vector<const model::SecurityGroup*> task_groups = TaskGroups(x, s);
  if (task_groups.empty()) return;
  if (!mt->security_groups_known || mt->security_groups.empty()) {
    x.Gap("the security groups of mount target " + mt->id + " are not in the snapshot (save `aws efs "
          "describe-mount-target-security-groups --mount-target-id " + mt->id + "`)");
    return;
  }
  std::vector<const model::SecurityGroup*> mt_groups;
  for (const auto& id : mt->security_groups) {
    const auto* g = m.security_groups().Find(id);
    if (!g || !g->rules_known) {
      x.Gap("security group " + id + " of mount target " + mt->id + " is not in the snapshot");
      return;
    }
    mt_groups.push_back(g);
  }
  std::vector<std::string> task_ids;
  for (const auto* g : task_groups) task_ids.push_back(g->id);
  const std::string task_sg = task_ids.front();
  const std::string mt_sg = mt->security_groups.front();

  // Task security group egress to the mount target.
  net::Peer mt_peer = net::Peer::Cidrs({*ip}, mt->id + " " + mt->ip_address);
  mt_peer.group_ids = mt->security_groups;
  net::Decision out = net::EvaluateSgEgress(task_groups, kTcp, kNfs, mt_peer, m);
  if (out.allowed == net::Tri::kMaybe) {
    x.Gap("security group egress of " + x.t.name + " to " + mt->id + ": " + out.detail);
  } else if (out.allowed == net::Tri::kNo) {
    auto& f = x.sink.Report(kInfo, x.t, task_sg,
                            "security group " + task_sg + " of " + x.t.name + " does not allow NFS (tcp 2049) out to "
                            "its EFS mount targets");
    f.evidence.push_back({task_sg, "from " + s.id + " to " + mt->id + " (" + mt->ip_address + "): " + out.detail});
    f.subnets.push_back(s.id);
    if (f.fix.summary.empty())
      f.fix = report::Fix::Of("allow outbound tcp 2049 from the task's security group to the mount targets' group",
                              {NfsRule(task_sg, true, mt_sg)});
  }

  // Mount target security group ingress from the task.
  net::Decision in = net::EvaluateSgIngress(mt_groups, kTcp, kNfs, *s.cidr, task_ids, m);
  if (in.allowed != net::Tri::kYes) {
    auto& f = x.sink.Report(kInfo, x.t, mt_sg,
                            "security group " + mt_sg + " of the EFS mount targets does not admit NFS (tcp 2049) "
                            "from " + x.t.name);
    // Part of the task subnet admitted: tasks on the other addresses time out.
    if (in.allowed == net::Tri::kMaybe && f.evidence.empty()) f.severity = report::Severity::kWarning;
    if (in.allowed == net::Tri::kNo) f.severity = report::Severity::kBlocker;
    f.evidence.push_back({mt_sg, mt->id + " (" + mt->availability_zone_id + ") from " + s.id + " " +
                                     s.cidr->ToString() + ": " + in.detail});
    f.subnets.push_back(s.id);
    if (f.fix.summary.empty())
      f.fix = report::Fix::Of("allow inbound tcp 2049 on the mount targets' security group from the task's group",
                              {NfsRule(mt_sg, false, task_sg)});
  }

  // Both subnets' NACLs, both ways, when the mount target is in another subnet.
  if (mt->subnet_id == s.id) return;
  const model::Subnet* mts = m.subnets().Find(mt->subnet_id);
  net::Peer task_peer = net::Peer::Cidrs({*s.cidr}, s.id + " " + s.cidr->ToString());
  const std::string mt_cidr = ip->ToString();
  CheckNacl(x, s, true, {kNfs, kNfs}, mt_peer, mt_cidr, "outbound tcp 2049 to " + mt->id, s.id);
  CheckNacl(x, s, false, kEphemeral, mt_peer, mt_cidr, "inbound replies (tcp 1024-65535) from " + mt->id, s.id);
  if (!mts) {
    x.Gap("subnet " + mt->subnet_id + " of mount target " + mt->id + " is not in the snapshot");
    return;
  }
  const std::string task_cidr = s.cidr->ToString();
  CheckNacl(x, *mts, false, {kNfs, kNfs}, task_peer, task_cidr, "inbound tcp 2049 from " + s.id, s.id);
  CheckNacl(x, *mts, true, kEphemeral, task_peer, task_cidr, "outbound replies (tcp 1024-65535) to " + s.id, s.id);
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  for (const auto& ta : ctx.targets) {
    const auto& t = ta.target;
    const model::TaskDefinition* td = t.task_definition;
    if (!td || td->efs_volumes.empty() || t.windows) continue;  // Windows: STO001
    Ctx x{ctx, sink, t, {}};
    std::set<std::string> done;
    for (const auto& v : td->efs_volumes) {
      if (v.file_system_id.empty() || !done.insert(v.file_system_id).second) continue;
      if (!ctx.model.Covers("efs-mount-targets " + v.file_system_id)) continue;  // STO002 says so
      for (const auto& sid : t.subnets)
        if (const model::Subnet* s = ctx.model.subnets().Find(sid)) CheckSubnet(x, v.file_system_id, *s);
    }
  }
}

}  // namespace

const CheckDef kSto003{kInfo, &Run};

}  // namespace fd::checks
