// STO002: a task subnet lies in an Availability Zone where the EFS file system the task mounts has
// no available mount target in the task's VPC; the file system's DNS name then does not resolve
// there (docs/design/causes.md#sto002). Per subnet, so the engine can downgrade it when other subnets work.
#include <set>
#include <unordered_map>

#include "checks/check_util.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kSto002,
    .slug = "efs-no-mount-target-in-az",
    .title = "no mount target in the task's AZ",
    .severity = report::Severity::kBlocker,
    .group = Group::kResources,
    .rationale = "The DNS name of an EFS file system answers only with the mount target of the "
                 "caller's own Availability Zone, and the Fargate mount helper has no fallback. "
                 "A task placed in a zone without an available mount target in its VPC cannot "
                 "resolve the file system and stops with ResourceInitializationError.",
    .evidence = "efs describe-mount-targets AvailabilityZoneId, VpcId, LifeCycleState; "
                "describe-subnets AvailabilityZoneId of the task subnets; describe-file-systems "
                "AvailabilityZoneName (One Zone)",
    .remediation = "Create a mount target in every Availability Zone the service places tasks in, "
                   "or restrict the service to subnets in zones that have one.",
    .references = "https://docs.aws.amazon.com/efs/latest/ug/accessing-fs.html "
                  "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/efs-volumes.html",
};

void CheckFileSystem(const CheckContext& ctx, FindingSink& sink, const analysis::Target& t,
                     const std::string& fs_id) {
  const model::Model& m = ctx.model;
  if (!m.Covers("efs-mount-targets " + fs_id)) {
    sink.Unchecked(kInfo, "EFS file system " + fs_id + " of " + t.name +
                              ": the snapshot has no describe-mount-targets for it");
    return;
  }
  // Mount targets by zone, both by AZ ID and by name (a subnet may lack one of them).
  std::unordered_map<std::string, std::vector<const model::EfsMountTarget*>> by_zone;
  std::vector<std::string> mt_groups;
  std::vector<std::string> unplaced;  // mount targets whose zone is not known
  for (const auto* mt : m.MountTargetsOf(fs_id)) {
    const std::string& id = mt->availability_zone_id;
    const std::string& name = mt->availability_zone_name;
    if (id.empty() && name.empty()) unplaced.push_back(mt->id);  // declared in a subnet of unknown zone
    if (!id.empty()) by_zone["id:" + id].push_back(mt);
    if (!name.empty()) by_zone["name:" + name].push_back(mt);
    if (mt_groups.empty() && mt->security_groups_known) mt_groups = mt->security_groups;
  }
  const model::EfsFileSystem* fs = m.efs_file_systems().Find(fs_id);
  for (const auto& sid : t.subnets) {
    const model::Subnet* s = m.subnets().Find(sid);
    if (!s) continue;  // a subnet missing from the snapshot is reported by the network checks
    if (s->availability_zone_id.empty() && s->availability_zone.empty()) {
      sink.Unchecked(kInfo, "subnet " + sid + " has no Availability Zone in the snapshot");
      continue;
    }
    const std::string zone = s->availability_zone_id.empty() ? s->availability_zone
                                                               : s->availability_zone_id;
    // Compare by AZ ID when the subnet has one, else (or when no ID matches) by name.
    auto it = s->availability_zone_id.empty() ? by_zone.end() : by_zone.find("id:" + s->availability_zone_id);
    if (it == by_zone.end() && !s->availability_zone.empty()) it = by_zone.find("name:" + s->availability_zone);
    std::string problem;
    bool usable = false;
    std::vector<std::string> seen;
    if (it != by_zone.end())
      for (const auto* mt : it->second) {
        if (mt->vpc_id != s->vpc_id && !mt->vpc_id.empty()) {
          seen.push_back(mt->id + " is in " + mt->vpc_id + ", not in the task's " + s->vpc_id);
        } else if (!mt->life_cycle_state.empty() && mt->life_cycle_state != "available") {
          seen.push_back(mt->id + " is " + mt->life_cycle_state);
        } else {
          usable = true;
        }
      }
    if (usable) continue;
    if (!unplaced.empty()) {
      sink.Unchecked(kInfo, "EFS file system " + fs_id + " of " + t.name + ": the zone of mount target " +
                                JoinList(unplaced) + " is not known");
      continue;
    }
    problem = seen.empty() ? "has no mount target in " + zone : "has no usable mount target in " + zone +
                                                                    " (" + JoinList(seen) + ")";
    auto& f = sink.Report(kInfo, t, fs_id,
                          "EFS file system " + fs_id + " has no available mount target in the zone of "
                          "the task subnets of " + t.name);
    f.evidence.push_back({sid, "file system " + fs_id + " " + problem + ", the zone of " + sid});
    f.subnets.push_back(sid);
    if (f.fix.summary.empty()) {
      if (fs && !fs->availability_zone_name.empty()) {
        f.fix = report::Fix::Of("the One Zone file system lives in " + fs->availability_zone_name +
                                    ": run the service only in subnets of that zone",
                                {});
      } else {
        f.fix.summary = "create a mount target in each zone the tasks use (or drop those subnets)";
      }
    }
    if (!fs || fs->availability_zone_name.empty()) {
      f.fix.steps.push_back(fix::MountTarget{fs_id, sid, mt_groups});
      f.fix = report::Fix::Of(std::move(f.fix.summary), std::move(f.fix.steps));
    }
  }
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  for (const auto& ta : ctx.targets) {
    const auto& t = ta.target;
    const model::TaskDefinition* td = t.task_definition;
    if (!td || td->efs_volumes.empty() || t.windows) continue;  // Windows: STO001
    std::set<std::string> done;
    for (const auto& v : td->efs_volumes)
      if (!v.file_system_id.empty() && done.insert(v.file_system_id).second)
        CheckFileSystem(ctx, sink, t, v.file_system_id);
  }
}

}  // namespace

const CheckDef kSto002{kInfo, &Run};

}  // namespace fd::checks
