// STO003: NFS (TCP 2049) between a task and the EFS mount target of its zone is blocked by the
// task's security group egress, the mount target's security group ingress, or the network ACLs
// of either subnet (docs/design/causes.md#sto003, §1.9). The flow is evaluated by the tracer's
// own filters (analysis/trace/filters.h), as every other path a task takes: the same rules, the
// same ephemeral ports for the replies, the same evidence. One finding per SG or NACL to
// change, per subnet.
#include <algorithm>
#include <optional>
#include <set>

#include "analysis/trace/filters.h"
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

using analysis::trace::Flow;
using analysis::trace::Placement;
using analysis::trace::Verdict;
using net::Tri;

constexpr int kNfs = 2049;

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

/// The task's placement in `s` (the VPC default group when it names none); nullopt, with the
/// gap said, when its groups are not all in the snapshot.
std::optional<Placement> TaskPlacement(Ctx& x, const model::Subnet& s) {
  Placement p = analysis::trace::PlaceTask(analysis::trace::View(x.c.model), x.t, s);
  switch (p.missing) {
    case Placement::Missing::kNone:
      return p;
    case Placement::Missing::kTaskRecord:
      x.Gap("the security groups of " + x.t.name + " are not in the snapshot");
      break;
    case Placement::Missing::kDefaultGroup:
      x.Gap("the default security group of " + s.vpc_id + " is not in the snapshot");
      break;
    case Placement::Missing::kGroups:
      x.Gap("security group " + p.missing_groups.front() + " of " + x.t.name + " is not in the snapshot");
      break;
  }
  return std::nullopt;
}

/// The mount target's network interface: its subnet (nullptr when not in the snapshot) and
/// security groups; nullopt, with the gap said, when its groups are not all in the snapshot.
std::optional<Placement> MountTargetPlacement(Ctx& x, const model::EfsMountTarget& mt) {
  if (!mt.security_groups_known || mt.security_groups.empty()) {
    x.Gap("the security groups of mount target " + mt.id + " are not in the snapshot (save `aws efs "
          "describe-mount-target-security-groups --mount-target-id " + mt.id + "`)");
    return std::nullopt;
  }
  Placement p;
  p.subnet = x.c.model.subnets().Find(mt.subnet_id);
  p.name = mt.id;
  p.eni_hop = mt.id;
  for (const auto& id : mt.security_groups) {
    const auto* g = x.c.model.security_groups().Find(id);
    if (!g || !g->rules_known) {
      x.Gap("security group " + id + " of mount target " + mt.id + " is not in the snapshot");
      return std::nullopt;
    }
    p.groups.push_back(g);
  }
  return p;
}

/// The entry that admits what `v` denies, numbered before the rule that denies it.
fix::NetworkAclEntry NaclEntry(const model::NetworkAcl& acl, const Verdict& v) {
  const analysis::Fault::Opening& o = v.opening;
  const int below = v.deny_rule > 0 && v.deny_rule < 32767 ? v.deny_rule : 100;
  return {acl.id, o.egress, FreeRuleNumber(&acl, o.egress, below), {o.ports.from, o.ports.to}, o.cidr};
}

/// A rule of `group` for NFS (tcp 2049) to or from the group `peer`.
fix::SecurityGroupRule NfsRule(const std::string& group, bool egress, const std::string& peer) {
  return {group, egress, "tcp", {2049, 2049}, fix::SecurityGroupRule::Peer::kGroup, peer};
}

/// One direction of NFS through the network ACL of `side` (the task's subnet or the mount
/// target's): `what` names it. Replies let in on the Linux ports only are a warning, as for
/// every other flow (FW007): the NFS client of a Fargate task picks its port there.
void ReportNacl(Ctx& x, const model::NetworkAcl& acl, const model::Subnet& side, const Verdict& v,
                const std::string& what, const std::string& task_subnet) {
  if (v.allowed == Tri::kYes) return;
  if (v.allowed == Tri::kMaybe) {
    x.Gap("network ACL " + acl.id + ": " + v.detail());
    return;
  }
  const std::string blocks = "network ACL " + acl.id + " blocks NFS between " + x.t.name + " and its EFS mount target";
  auto& f = x.sink.Report(kInfo, x.t, acl.id, blocks);
  if (v.linux_only) {
    if (f.evidence.empty()) {
      f.severity = report::Severity::kWarning;
      f.message = "network ACL " + acl.id + " lets in NFS replies to " + x.t.name +
                  " only on the Linux ephemeral ports 32768-60999";
    }
  } else if (f.severity != report::Severity::kBlocker) {
    f.severity = report::Severity::kBlocker;
    f.message = blocks;
  }
  f.evidence.push_back({acl.id, "subnet " + side.id + ": " + what + " denied (" + v.detail() +
                                    (v.linux_only ? "; only the Linux range 32768-60999 is open" : "") + ")"});
  if (std::find(f.subnets.begin(), f.subnets.end(), task_subnet) == f.subnets.end()) f.subnets.push_back(task_subnet);
  // One entry per direction denied, in the order met.
  std::vector<fix::Step> steps = f.fix.steps;
  const std::vector<std::string> cmd = fix::Cli(NaclEntry(acl, v));
  if (std::find(f.fix.commands.begin(), f.fix.commands.end(), cmd.front()) == f.fix.commands.end())
    steps.push_back(NaclEntry(acl, v));
  f.fix = report::Fix::Of("allow NFS and its replies in network ACL " + acl.id, std::move(steps));
}

/// Task security group egress to the mount target.
void ReportSgEgress(Ctx& x, const Placement& task, const model::EfsMountTarget& mt, const Verdict& v) {
  if (v.allowed == Tri::kMaybe) {
    x.Gap("security group egress of " + x.t.name + " to " + mt.id + ": " + v.detail());
    return;
  }
  if (v.allowed != Tri::kNo) return;
  const std::string& task_sg = task.groups.front()->id;
  auto& f = x.sink.Report(kInfo, x.t, task_sg,
                          "security group " + task_sg + " of " + x.t.name + " does not allow NFS (tcp 2049) out to "
                          "its EFS mount targets");
  f.evidence.push_back({task_sg, "from " + task.subnet->id + " to " + mt.id + " (" + mt.ip_address + "): " + v.detail()});
  f.subnets.push_back(task.subnet->id);
  if (f.fix.summary.empty())
    f.fix = report::Fix::Of("allow outbound tcp 2049 from the task's security group to the mount targets' group",
                            {NfsRule(task_sg, true, v.opening.group)});
}

/// Mount target security group ingress from the task.
void ReportSgIngress(Ctx& x, const Placement& task, const model::EfsMountTarget& mt, const Verdict& v) {
  if (v.allowed == Tri::kYes) return;
  const model::Subnet& s = *task.subnet;
  const std::string& mt_sg = mt.security_groups.front();
  auto& f = x.sink.Report(kInfo, x.t, mt_sg,
                          "security group " + mt_sg + " of the EFS mount targets does not admit NFS (tcp 2049) "
                          "from " + x.t.name);
  // Part of the task subnet admitted: tasks on the other addresses time out.
  if (v.allowed == Tri::kMaybe && f.evidence.empty()) f.severity = report::Severity::kWarning;
  if (v.allowed == Tri::kNo) f.severity = report::Severity::kBlocker;
  f.evidence.push_back({mt_sg, mt.id + " (" + mt.availability_zone_id + ") from " + s.id + " " + s.cidr->ToString() +
                                   ": " + v.detail()});
  f.subnets.push_back(s.id);
  if (f.fix.summary.empty())
    f.fix = report::Fix::Of("allow inbound tcp 2049 on the mount targets' security group from the task's group",
                            {NfsRule(mt_sg, false, v.opening.group)});
}

/// Both subnets' network ACLs, both ways, when the mount target is in another subnet.
void CheckNacls(Ctx& x, const Placement& task, const Placement& at_mt, const model::EfsMountTarget& mt,
                const Flow& nfs) {
  const model::Subnet& s = *task.subnet;
  if (const model::NetworkAcl* acl = x.c.model.NaclForSubnet(s.id)) {
    auto [out, in] = analysis::trace::NaclAtSource(*acl, task, nfs);
    ReportNacl(x, *acl, s, out, "outbound tcp 2049 to " + mt.id, s.id);
    ReportNacl(x, *acl, s, in, "inbound replies (tcp 1024-65535) from " + mt.id, s.id);
  } else {
    x.Gap("no network ACL data for subnet " + s.id + " (EFS path of " + x.t.name + ")");
  }
  if (!at_mt.subnet) {
    x.Gap("subnet " + mt.subnet_id + " of mount target " + mt.id + " is not in the snapshot");
    return;
  }
  const model::Subnet& mts = *at_mt.subnet;
  if (const model::NetworkAcl* acl = x.c.model.NaclForSubnet(mts.id)) {
    auto [in, out] = analysis::trace::NaclAtDestination(*acl, at_mt, nfs, task);
    ReportNacl(x, *acl, mts, in, "inbound tcp 2049 from " + s.id, s.id);
    ReportNacl(x, *acl, mts, out, "outbound replies (tcp 1024-65535) to " + s.id, s.id);
  } else {
    x.Gap("no network ACL data for subnet " + mts.id + " (EFS path of " + x.t.name + ")");
  }
}

/// NFS from the task in `s` to the mount target of its zone, in packet order: the task's
/// security groups out, the network ACLs of both subnets, the mount target's groups in.
void CheckSubnet(Ctx& x, const std::string& fs_id, const model::Subnet& s) {
  const model::EfsMountTarget* mt = MountTargetFor(x.c.model, fs_id, s);
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
  std::optional<Placement> task = TaskPlacement(x, s);
  if (!task) return;
  std::optional<Placement> at_mt = MountTargetPlacement(x, *mt);
  if (!at_mt) return;
  Flow nfs{analysis::trace::kTcp, kNfs, net::Peer::Cidrs({*ip}, mt->id + " " + mt->ip_address)};
  nfs.to.group_ids = mt->security_groups;

  ReportSgEgress(x, *task, *mt, analysis::trace::SgEgress(*task, nfs, x.c.model));
  // NACLs apply only across a subnet boundary (VPC User Guide).
  if (mt->subnet_id != s.id) CheckNacls(x, *task, *at_mt, *mt, nfs);
  ReportSgIngress(x, *task, *mt, analysis::trace::SgIngress(*at_mt, nfs, *task, x.c.model));
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
