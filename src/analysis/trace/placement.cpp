#include "analysis/trace/placement.h"

namespace fd::analysis::trace {

std::vector<std::string> Placement::GroupIds() const {
  std::vector<std::string> out;
  for (const auto* g : groups) out.push_back(g->id);
  return out;
}

std::string Placement::GroupList() const {
  std::string ids;
  for (const auto* g : groups) ids += (ids.empty() ? "" : ",") + g->id;
  return ids;
}

Placement PlaceTask(const View& view, const Target& t, const model::Subnet& subnet) {
  Placement p;
  p.subnet = &subnet;
  p.name = "task";
  p.eni_hop = "eni (task)";
  // describe-tasks does not return RunTask's network configuration: a task that named no
  // group may have had any, unless its ENI was seen.
  if (!t.security_groups_known ||
      (t.security_groups.empty() && t.kind == TargetKind::kTask && !t.network_configuration_present)) {
    p.missing = Placement::Missing::kTaskRecord;
    return p;
  }
  if (t.security_groups.empty()) {
    p.default_group = true;
    const model::SecurityGroup* d = view.model().DefaultSecurityGroup(subnet.vpc_id);
    if (d) d = view.FindSg(d->id);
    if (d && d->rules_known) p.groups.push_back(d);
    else p.missing = Placement::Missing::kDefaultGroup;
    return p;
  }
  for (const auto& id : t.security_groups) {
    const model::SecurityGroup* g = view.FindSg(id);
    if (g && g->rules_known) {
      p.groups.push_back(g);
    } else {
      p.missing = Placement::Missing::kGroups;
      p.missing_groups.push_back(id);
    }
  }
  return p;
}

}  // namespace fd::analysis::trace
