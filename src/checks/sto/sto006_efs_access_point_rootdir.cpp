// STO006: an EFS volume's access point or root directory cannot be mounted (docs/design/causes.md#sto006):
// rootDirectory other than "/" next to an access point, an access point without transit
// encryption, of another file system or not available; a path the access point will not create.
#include <string>

#include "checks/check_util.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kSto006,
    .slug = "efs-access-point-rootdir",
    .title = "access point / root directory problems",
    .severity = report::Severity::kBlocker,
    .group = Group::kResources,
    .rationale = "An access point fixes the directory a client sees, so ECS requires the volume's "
                 "rootDirectory to be omitted or \"/\" with it, and requires transit encryption. "
                 "The access point must belong to the volume's file system and be available. An "
                 "access point whose path does not exist and that has no CreationInfo to create it "
                 "fails the mount with \"No such file or directory\".",
    .evidence = "task definition volumes[].efsVolumeConfiguration rootDirectory, transitEncryption, "
                "authorizationConfig.accessPointId; efs describe-access-points FileSystemId, "
                "LifeCycleState, RootDirectory.Path and CreationInfo",
    .remediation = "Drop rootDirectory (or set \"/\") when using an access point, enable transit "
                   "encryption, use an available access point of the same file system, and give "
                   "the access point CreationInfo or create its directory.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/efs-volumes.html "
                  "https://docs.aws.amazon.com/efs/latest/ug/efs-access-points.html",
};

void Run(const CheckContext& ctx, FindingSink& sink) {
  const model::Model& m = ctx.model;
  for (const auto& ta : ctx.targets) {
    const auto& t = ta.target;
    const model::TaskDefinition* td = t.task_definition;
    if (!td || t.windows) continue;  // Windows: STO001
    const std::string td_resource = td->arn.empty() ? td->DisplayName() : td->arn;
    for (const auto& v : td->efs_volumes) {
      if (v.access_point_id.empty()) continue;
      const std::string vol = "volume " + v.name + " (" + v.file_system_id + ", " + v.access_point_id + ")";
      auto report = [&](const std::string& resource, report::Severity sev, const std::string& claim,
                        const std::string& summary, std::vector<fix::Step> steps = {}) {
        auto& f = sink.Report(kInfo, t, resource,
                              "EFS " + vol + " of " + td->DisplayName() + " cannot be mounted as configured");
        if (f.evidence.empty() || sev == report::Severity::kBlocker) f.severity = sev;
        f.evidence.push_back({resource, claim});
        if (f.fix.summary.empty()) f.fix = report::Fix::Of(summary, std::move(steps));
      };
      if (!v.root_directory.empty() && v.root_directory != "/")
        report(td_resource, report::Severity::kBlocker,
               vol + " sets rootDirectory " + v.root_directory + " next to an access point; it must be "
                     "omitted or \"/\" (the access point's path applies)",
               "remove rootDirectory from the volume (move the path into the access point) and register "
               "a new revision of " + td->family);
      if (v.transit_encryption != "ENABLED")
        report(td_resource, report::Severity::kBlocker,
               vol + " uses an access point with transitEncryption " +
                   (v.transit_encryption.empty() ? std::string("unset (DISABLED)") : v.transit_encryption) +
                   "; access points require ENABLED",
               "set transitEncryption to ENABLED on the volume and register a new revision of " + td->family);
      if (!m.Has("AccessPoints")) {
        sink.Unchecked(kInfo, "access point " + v.access_point_id + " of " + t.name +
                                  ": the snapshot has no efs describe-access-points");
        continue;
      }
      const model::EfsAccessPoint* ap = m.efs_access_points().Find(v.access_point_id);
      if (!ap) {
        // describe-access-points is often run per file system: absence proves nothing.
        sink.Unchecked(kInfo, "access point " + v.access_point_id + " of " + t.name +
                                  " is not in the snapshot's efs describe-access-points");
        continue;
      }
      if (!ap->file_system_id.empty() && !v.file_system_id.empty() && ap->file_system_id != v.file_system_id)
        report(td_resource, report::Severity::kBlocker,
               "access point " + ap->id + " belongs to " + ap->file_system_id + ", not to the volume's " +
                   v.file_system_id,
               "use an access point of " + v.file_system_id + " (or the file system of " + ap->id + ")",
               {fix::AccessPoint{v.file_system_id, ap->root_path.empty() ? "/" : ap->root_path}});
      if (!ap->life_cycle_state.empty() && ap->life_cycle_state != "available")
        report(ap->id, report::Severity::kBlocker,
               "access point " + ap->id + " is " + ap->life_cycle_state + ", not available",
               "use an available access point of " + v.file_system_id);
      if (!ap->root_path.empty() && ap->root_path != "/" && !ap->creation_info)
        report(ap->id, report::Severity::kWarning,
               "access point " + ap->id + " roots clients at " + ap->root_path + " without CreationInfo: "
                   "if that directory does not exist, the mount fails (the API cannot tell)",
               "make sure " + ap->root_path + " exists on " + ap->file_system_id +
                   ", or recreate the access point with CreationInfo so EFS creates it",
               {fix::AccessPoint{ap->file_system_id, ap->root_path, /*with_creation_info=*/true}});
    }
  }
}

}  // namespace

const CheckDef kSto006{kInfo, &Run};

}  // namespace fd::checks
