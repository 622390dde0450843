// The NFS path of an EFS volume (NeedKind::kEfs, docs/design/causes.md#sto003): tcp 2049 from
// the task straight to the mount target of its zone, through the same filters as every other
// flow (filters.h), in packet order: the task's security groups out, the network ACLs of both
// subnets when the mount target sits in another subnet, the mount target's security groups in.
// No route table, gateway or name resolution is involved (STO004 judges the name). What stops
// the packet is STO003's, or STO002's when the zone has no mount target; each fault carries the
// rule that would clear it, so the planner proposes NFS rules as it proposes 443 rules.
#include "analysis/trace/filters.h"
#include "analysis/trace/trace.h"

namespace fd::analysis::trace {
namespace {

using net::Tri;
using report::Severity;
using report::StepAction;

constexpr int kNfs = 2049;

std::string ZoneOf(const model::Subnet& s) {
  return s.availability_zone_id.empty() ? s.availability_zone : s.availability_zone_id;
}

/// The mount target's end of the flow: its address, else (a mount target still to be made, or
/// one described without its address) the CIDR of its subnet, where its address will be.
std::optional<net::Peer> MountTargetPeer(const model::Model& m, const model::EfsMountTarget& mt) {
  if (auto ip = Cidr4::Parse(mt.ip_address); ip && ip->len == 32) {
    net::Peer p = net::Peer::Cidrs({*ip}, mt.id + " " + mt.ip_address);
    p.group_ids = mt.security_groups;
    return p;
  }
  const model::Subnet* s = m.subnets().Find(mt.subnet_id);
  if (!s || !s->cidr) return std::nullopt;
  net::Peer p = net::Peer::Cidrs({*s->cidr}, mt.id + " " + s->cidr->ToString());
  p.group_ids = mt.security_groups;
  return p;
}

/// The mount target's network interface; its groups as the view has them (assumed rules too).
/// nullopt, with the gap said, when they are not all known.
std::optional<Placement> PlaceMountTarget(const Context& cx, const model::EfsMountTarget& mt, Leg& leg) {
  Placement p;
  p.subnet = cx.model().subnets().Find(mt.subnet_id);
  p.name = mt.id;
  p.eni_hop = mt.id;
  std::string missing;
  if (!mt.security_groups_known || mt.security_groups.empty())
    missing = "the security groups of mount target " + mt.id + " are not in the snapshot (save `aws efs "
              "describe-mount-target-security-groups --mount-target-id " + mt.id + "`)";
  for (const auto& id : mt.security_groups) {
    const model::SecurityGroup* g = cx.view.FindSg(id);
    if (missing.empty() && (!g || !g->rules_known))
      missing = "security group " + id + " of mount target " + mt.id + " is not in the snapshot";
    if (g) p.groups.push_back(g);
  }
  if (missing.empty()) return p;
  leg.Step(mt.id, "", "security-group ingress", StepAction::kUnknown, missing);
  leg.Gap({Code::kSto003}, missing);
  leg.unknown = true;
  return std::nullopt;
}

/// One direction through a network ACL on the NFS path: a fault of its own, a warning for
/// replies let in on the Linux ports only (as FW007 judges them on 443), a gap when undecided.
void NaclDirection(Leg& leg, const model::NetworkAcl& acl, const model::Subnet& side, const Verdict& v,
                   const std::string& what) {
  leg.steps.push_back(v.step);
  if (v.allowed == Tri::kYes) return;
  if (v.allowed == Tri::kMaybe) {
    leg.Gap({Code::kSto003}, "network ACL " + acl.id + ": " + v.detail());
    leg.unknown = true;
    return;
  }
  const std::string claim = "subnet " + side.id + ": " + what + " denied (" + v.detail() +
                            (v.linux_only ? "; only the Linux range 32768-60999 is open" : "") + ")";
  leg.filters.push_back(MakeFault(Code::kSto003, v.linux_only ? Severity::kWarning : Severity::kBlocker, acl.id, claim));
  leg.filters.back().opening = v.opening;
}

/// The network ACL of one end's subnet, or the gap that it is not known.
const model::NetworkAcl* NaclOf(const Context& cx, const std::string& subnet_id, Leg& leg) {
  const model::NetworkAcl* acl = cx.view.NaclFor(subnet_id);
  if (!acl) {
    leg.Step("subnet " + subnet_id, "", "network acl", StepAction::kUnknown,
             "the network ACL of " + subnet_id + " is not in the snapshot (ec2 describe-network-acls)");
    leg.Gap({Code::kSto003}, "no network ACL data for subnet " + subnet_id + " (EFS path)");
    leg.unknown = true;
  }
  return acl;
}

/// Both subnets' network ACLs, both ways (stateless: the replies need their own entries).
void Nacls(const Context& cx, const model::EfsMountTarget& mt, const Placement& at_mt, const Flow& nfs, Leg& leg) {
  const model::Subnet& s = cx.subnet;
  if (const model::NetworkAcl* acl = NaclOf(cx, s.id, leg)) {
    auto [out, in] = NaclAtSource(*acl, cx.task, nfs);
    NaclDirection(leg, *acl, s, out, "outbound tcp 2049 to " + mt.id);
    NaclDirection(leg, *acl, s, in, "inbound replies (tcp 1024-65535) from " + mt.id);
  }
  if (!at_mt.subnet) {
    leg.Gap({Code::kSto003}, "subnet " + mt.subnet_id + " of mount target " + mt.id + " is not in the snapshot");
    leg.unknown = true;
    return;
  }
  if (const model::NetworkAcl* acl = NaclOf(cx, at_mt.subnet->id, leg)) {
    auto [in, out] = NaclAtDestination(*acl, at_mt, nfs, cx.task);
    NaclDirection(leg, *acl, *at_mt.subnet, in, "inbound tcp 2049 from " + s.id);
    NaclDirection(leg, *acl, *at_mt.subnet, out, "outbound replies (tcp 1024-65535) to " + s.id);
  }
}

/// The task's security groups out to the mount target (stateful: replies need no rule).
void TaskEgress(const Context& cx, const model::EfsMountTarget& mt, const Flow& nfs, Leg& leg) {
  if (!cx.task.groups_known()) {
    leg.Step("eni (task)", "", "security-group egress", StepAction::kUnknown,
             "the task's security groups are not all in the snapshot");
    leg.unknown = true;
    return;
  }
  Verdict v = SgEgress(cx.task, nfs, cx.model());
  leg.steps.push_back(v.step);
  if (v.allowed == Tri::kMaybe) {
    leg.Gap({Code::kSto003}, "security group egress to " + mt.id + ": " + v.detail());
    leg.unknown = true;
  }
  if (v.allowed != Tri::kNo) return;
  leg.filters.push_back(MakeFault(Code::kSto003, Severity::kBlocker, cx.task.groups.front()->id,
                                  "from " + cx.subnet.id + " to " + mt.id + " (" +
                                      (mt.ip_address.empty() ? "an address of " + mt.subnet_id : mt.ip_address) +
                                      "): " + v.detail()));
  leg.filters.back().opening = v.opening;
}

/// The mount target's security groups in, from the task's subnet and groups. Part of the
/// subnet admitted is a warning: tasks on the other addresses time out.
void MountTargetIngress(const Context& cx, const model::EfsMountTarget& mt, const Placement& at_mt,
                        const Flow& nfs, Leg& leg) {
  if (!cx.task.groups_known()) {
    leg.Step(mt.id, "", "security-group ingress", StepAction::kUnknown,
             "the task's security groups are not all in the snapshot");
    leg.unknown = true;
    return;
  }
  Verdict v = SgIngress(at_mt, nfs, cx.task, cx.model());
  leg.steps.push_back(v.step);
  if (v.allowed == Tri::kYes) return;
  const std::string zone = mt.availability_zone_id.empty() ? mt.availability_zone_name : mt.availability_zone_id;
  leg.filters.push_back(MakeFault(Code::kSto003, v.allowed == Tri::kNo ? Severity::kBlocker : Severity::kWarning,
                                  mt.security_groups.front(),
                                  mt.id + " (" + zone + ") from " + cx.subnet.id + " " + cx.subnet.cidr->ToString() +
                                      ": " + v.detail()));
  leg.filters.back().opening = v.opening;
}

}  // namespace

Leg NfsPath(const Context& cx) {
  Leg leg;
  const std::string fs = cx.need.FileSystemId();
  const model::Subnet& s = cx.subnet;
  if (!cx.model().Covers("efs-mount-targets " + fs)) {
    const std::string why = "the mount targets of " + fs + " are not in the snapshot (save `aws efs "
                            "describe-mount-targets --file-system-id " + fs + "`)";
    leg.Step("file system " + fs, fs, "mount target", StepAction::kUnknown, why);
    leg.Gap({Code::kSto003}, why);
    return leg.Undecided();
  }
  const model::EfsMountTarget* mt = cx.view.MountTargetFor(fs, s);
  if (!mt) {
    if (ZoneOf(s).empty()) {
      leg.Step("file system " + fs, fs, "mount target", StepAction::kUnknown, s.id + " has no Availability Zone in the snapshot");
      return leg.Undecided();
    }
    const std::string claim = fs + " has no available mount target in " + ZoneOf(s) + ", the zone of " + s.id;
    leg.Step("file system " + fs, fs, "mount target", StepAction::kNoRoute, claim);
    leg.routing.push_back(MakeFault(Code::kSto002, Severity::kBlocker, fs, claim));
    leg.end = End::kBlocked;
    return leg;
  }
  std::optional<net::Peer> peer = MountTargetPeer(cx.model(), *mt);
  if (!peer) {
    leg.Step(mt->id, mt->id, "mount target", StepAction::kUnknown, "the address of " + mt->id + " is not known");
    leg.Gap({Code::kSto003}, "mount target " + mt->id + " has no IPv4 address in the snapshot");
    return leg.Undecided();
  }
  leg.Step("mount target " + mt->id, mt->id, "mount target", StepAction::kForwarded,
           fs + " in " + ZoneOf(s) + ": " + peer->label + " (tcp 2049)");
  const Flow nfs{kTcp, kNfs, *peer};
  std::optional<Placement> at_mt = PlaceMountTarget(cx, *mt, leg);
  TaskEgress(cx, *mt, nfs, leg);
  // NACLs apply only across a subnet boundary (VPC User Guide).
  if (mt->subnet_id != s.id) {
    Placement where = at_mt ? *at_mt : Placement{cx.model().subnets().Find(mt->subnet_id), {}, mt->id, mt->id};
    Nacls(cx, *mt, where, nfs, leg);
  }
  if (at_mt) MountTargetIngress(cx, *mt, *at_mt, nfs, leg);
  if (leg.HasBlocker()) leg.end = End::kBlocked;
  else if (leg.unknown) leg.end = End::kUnknown;
  else leg.via = mt->id;
  return leg;
}

Leg NfsWithoutIpv4(const model::Subnet& subnet, const Need& need) {
  Leg leg;
  const std::string why = "subnet " + subnet.id + " has no IPv4 CIDR: NFS to " + need.FileSystemId() +
                          " over IPv6 is not evaluated";
  leg.Step("subnet " + subnet.id + " (task)", subnet.id, "address family", StepAction::kUnknown, why);
  leg.Gap({Code::kSto003}, why);
  return leg.Undecided();
}

}  // namespace fd::analysis::trace
