#pragma once
/// Where one end of a flow sits: an ENI's subnet and the security groups on it. A task's
/// placement comes from its network configuration (PlaceTask); the far end of a flow to
/// something that is not an AWS API is placed where it is traced (an EFS mount target:
/// nfs_path.cpp).

#include <string>
#include <vector>

#include "analysis/analysis.h"
#include "analysis/trace/view.h"
#include "model/model.h"

namespace fd::analysis::trace {

struct Placement {
  const model::Subnet* subnet = nullptr;
  std::vector<const model::SecurityGroup*> groups;  ///< those in the snapshot
  std::string name;     ///< names its subnet's hop in a trace: "subnet … (task)"
  std::string eni_hop;  ///< its ENI's hop in a trace: "eni (task)", "vpce-…"
  bool default_group = false;  ///< no group named: the VPC default group applies

  /// What of its security groups the snapshot lacks: nothing, the task's own record of them
  /// (a stopped task whose ENI is gone), the VPC default group, or `missing_groups`.
  enum class Missing { kNone, kTaskRecord, kDefaultGroup, kGroups };
  Missing missing = Missing::kNone;
  std::vector<std::string> missing_groups;  ///< kGroups: the named groups not in the snapshot

  bool groups_known() const { return missing == Missing::kNone; }
  std::vector<std::string> GroupIds() const;
  std::string GroupList() const;  ///< "sg-1,sg-2": the resource of a security-group step
};

/// The task's placement in `subnet`: its security groups, or the VPC default group when it
/// names none (a group only referenced, whose rules are not in the snapshot, is missing).
Placement PlaceTask(const View& view, const Target& t, const model::Subnet& subnet);

}  // namespace fd::analysis::trace
