// The task's own filters as the tracer names them: its security groups' egress (FW001, FW002,
// FW004) and its subnet's network ACL (FW006 out, FW007 for the replies), evaluated by the
// shared filters (filters.h) for tcp 443 to the need's peer.
#include "analysis/trace/filters.h"
#include "analysis/trace/trace.h"

namespace fd::analysis::trace {

using net::Tri;
using report::Severity;
using report::StepAction;

Leg PlacementGaps(const Context& cx) {
  Leg leg;
  const std::string& subnet = cx.subnet.id;
  // Who cannot decide: the checks of the task's own filters on 443, STO003 on the NFS path.
  const bool nfs = cx.need.kind == NeedKind::kEfs;
  const std::vector<Code> groups = nfs ? std::vector{Code::kSto003} : std::vector{Code::kFw001};
  const std::vector<Code> default_group = nfs ? std::vector{Code::kSto003} : std::vector{Code::kFw004, Code::kFw001};
  switch (cx.task.missing) {
    case Placement::Missing::kNone:
      break;
    case Placement::Missing::kTaskRecord:
      leg.Step("eni (task)", "", "security groups", StepAction::kUnknown,
               "the task's security groups are not in the snapshot (save `aws ec2 "
               "describe-network-interfaces` for its ENI while it exists)");
      leg.Gap(groups, "the security groups of a task in " + subnet + " are not in the snapshot");
      break;
    case Placement::Missing::kDefaultGroup:
      leg.Gap(default_group, "no security group is named and the default "
                                  "security group of " + cx.subnet.vpc_id + " is not in the snapshot");
      break;
    case Placement::Missing::kGroups:
      for (const auto& id : cx.task.missing_groups)
        leg.Gap(groups, "security group " + id + " is not in the snapshot (ec2 describe-security-groups)");
      break;
  }
  return leg;
}

Leg TaskSgEgress(const Context& cx, const net::Peer& peer, bool endpoint_design) {
  // Security groups: stateful, so only the egress rules of the task ENI matter here.
  Leg leg;
  if (!cx.task.groups_known()) {
    leg.Step("eni (task)", "", "security-group egress", StepAction::kUnknown,
             "the task's security groups are not all in the snapshot");
    leg.unknown = true;
    return leg;
  }
  Verdict v = SgEgress(cx.task, Flow{kTcp, 443, peer}, cx.model());
  leg.steps.push_back(v.step);
  if (v.allowed == Tri::kMaybe) {
    leg.Gap({Code::kFw001}, v.detail());
    leg.unknown = true;
  }
  if (v.allowed != Tri::kNo) return leg;
  const auto& groups = cx.task.groups;
  const std::string& resource = groups.front()->id;
  const bool default_empty = cx.task.default_group && groups.size() == 1 && groups.front()->egress.empty();
  bool some_443 = false;
  for (const auto* g : groups)
    for (const auto& r : g->egress)
      if (r.protocol == -1 || (r.protocol == kTcp && r.ports.Contains(443))) some_443 = true;
  // An endpoint design whose group admits 443 somewhere but not the S3 prefix list: FW002.
  const bool s3_list_missing = cx.need.kind == NeedKind::kS3 && endpoint_design && some_443;
  Fault f = default_empty ? MakeFault(Code::kFw004, Severity::kBlocker, resource,
                                      "no security group is named, and the VPC default group " +
                                          resource + " has no egress rule")
            : s3_list_missing ? MakeFault(Code::kFw002, Severity::kBlocker, resource, v.detail())
                              : MakeFault(Code::kFw001, Severity::kBlocker, resource, v.detail());
  f.opening = v.opening;
  leg.filters.push_back(std::move(f));
  return leg;
}

// NACLs apply only where traffic crosses a subnet boundary (VPC User Guide): callers skip this
// when the peer is in the task's subnet.
Leg TaskNacl(const Context& cx, const net::Peer& peer) {
  Leg leg;
  const model::NetworkAcl* acl = cx.view.NaclFor(cx.subnet.id);
  if (!acl) {
    leg.Step("subnet " + cx.subnet.id + " (task)", "", "network-acl egress", StepAction::kUnknown,
             "the network ACL of " + cx.subnet.id + " is not in the snapshot (ec2 describe-network-acls)");
    leg.Gap({Code::kFw006, Code::kFw007}, "no network ACL data for " + cx.subnet.id);
    leg.unknown = true;
    return leg;
  }
  auto [out, in] = NaclAtSource(*acl, cx.task, Flow{kTcp, 443, peer});
  leg.steps.push_back(out.step);
  if (out.allowed == Tri::kNo) {
    leg.filters.push_back(MakeFault(Code::kFw006, Severity::kBlocker, acl->id, out.detail()));
    leg.filters.back().opening = out.opening;
  } else if (out.allowed == Tri::kMaybe) {
    leg.Gap({Code::kFw006}, out.detail());
    leg.unknown = true;
  }
  // Replies come back to the task's ephemeral port: stateless, so inbound must allow them.
  leg.steps.push_back(in.step);
  if (in.allowed == Tri::kMaybe) {
    leg.Gap({Code::kFw007}, in.detail());
    leg.unknown = true;
  } else if (in.allowed == Tri::kNo) {
    // Linux clients pick source ports from 32768-60999: a NACL opening just that works for
    // most tasks, but AWS's guidance is 1024-65535 (docs/design/causes.md#fw007), so it is a warning.
    leg.filters.push_back(in.linux_only
                              ? MakeFault(Code::kFw007, Severity::kWarning, acl->id,
                                          in.detail() + "; only the Linux range 32768-60999 is open")
                              : MakeFault(Code::kFw007, Severity::kBlocker, acl->id, in.detail()));
    leg.filters.back().opening = in.opening;
  }
  return leg;
}

}  // namespace fd::analysis::trace
