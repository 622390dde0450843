// STO009: an ECS-managed EBS volume (volumes[].configuredAtLaunch) that cannot be created or
// attached as configured (docs/design/causes.md#sto009): no volume configuration, no infrastructure role, a size,
// type, IOPS or throughput outside EBS's bounds, Windows, or a platform version before 1.4.0.
// The role's permissions are left to the IAM checks: here only its presence counts.
#include <string>

#include "checks/check_util.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kSto009,
    .slug = "ebs-volume",
    .title = "ECS-managed EBS volume can't be created/attached",
    .severity = report::Severity::kBlocker,
    .group = Group::kResources,
    .rationale = "A task definition volume with configuredAtLaunch is created by ECS from the "
                 "service's (or RunTask's) volume configuration, using an infrastructure role that "
                 "trusts ecs.amazonaws.com and carries AmazonECSInfrastructureRolePolicyForVolumes. "
                 "Without a configuration or role, or with a size, type, IOPS or throughput EBS "
                 "rejects, the volume is never attached and the task does not start. Fargate "
                 "attaches EBS volumes only to Linux tasks on platform version 1.4.0.",
    .evidence = "task definition volumes[].configuredAtLaunch; describe-services "
                "volumeConfigurations[].managedEBSVolume (roleArn, volumeType, sizeInGiB, iops, "
                "throughput, snapshotId, filesystemType); the resolved platform version and OS family",
    .remediation = "Give the service a volume configuration for each volume configured at launch, "
                   "with an infrastructure role and a size and type within EBS's limits, on "
                   "platform version 1.4.0 (Linux).",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ebs-volumes.html "
                  "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/infrastructure_IAM_role.html",
};

struct VolumeLimits {
  std::string_view type;
  int min_size, max_size;
  bool iops_required;
  int min_iops, max_iops;  ///< 0 = IOPS not settable
};

constexpr VolumeLimits kLimits[] = {
    {"gp2", 1, 16384, false, 0, 0},       {"gp3", 1, 16384, false, 3000, 16000},
    {"io1", 4, 16384, true, 100, 64000},  {"io2", 4, 65536, true, 100, 256000},
    {"st1", 125, 16384, false, 0, 0},     {"sc1", 125, 16384, false, 0, 0},
    {"standard", 1, 1024, false, 0, 0},
};

void CheckConfig(const analysis::Target& t, const model::ManagedEbsVolume& v, std::vector<std::string>& claims) {
  const std::string vol = "volume " + v.name;
  if (v.role_arn.empty())
    claims.push_back(vol + " has no roleArn: ECS has no infrastructure role to create the volume with");
  const std::string type = v.volume_type.empty() ? "gp3" : v.volume_type;  // the API default
  const VolumeLimits* lim = nullptr;
  for (const auto& l : kLimits)
    if (l.type == type) lim = &l;
  if (!lim) {
    claims.push_back(vol + " has volumeType " + type + "; EBS offers gp2, gp3, io1, io2, st1, sc1 and standard");
    return;
  }
  if (!v.size_gib && v.snapshot_id.empty())
    claims.push_back(vol + " has neither sizeInGiB nor snapshotId: EBS cannot size it");
  if (v.size_gib && (*v.size_gib < lim->min_size || *v.size_gib > lim->max_size))
    claims.push_back(vol + " asks for " + std::to_string(*v.size_gib) + " GiB of " + type + "; " + type +
                     " allows " + std::to_string(lim->min_size) + "-" + std::to_string(lim->max_size) + " GiB");
  if (lim->iops_required && !v.iops)
    claims.push_back(vol + " is " + type + " without iops, which " + type + " requires");
  if (v.iops && lim->max_iops == 0)
    claims.push_back(vol + " sets iops on " + type + ", which takes no provisioned IOPS");
  if (v.iops && lim->max_iops > 0 && (*v.iops < lim->min_iops || *v.iops > lim->max_iops))
    claims.push_back(vol + " sets iops " + std::to_string(*v.iops) + "; " + type + " allows " +
                     std::to_string(lim->min_iops) + "-" + std::to_string(lim->max_iops));
  if (v.throughput && type != "gp3")
    claims.push_back(vol + " sets throughput on " + type + "; only gp3 takes a throughput");
  if (v.throughput && type == "gp3" && (*v.throughput < 125 || *v.throughput > 1000))
    claims.push_back(vol + " sets throughput " + std::to_string(*v.throughput) + " MiB/s; gp3 allows 125-1000");
  if (!v.filesystem_type.empty() && v.filesystem_type != "ext3" && v.filesystem_type != "ext4" &&
      v.filesystem_type != "xfs")
    claims.push_back(vol + " has filesystemType " + v.filesystem_type + "; Linux tasks take ext3, ext4 or xfs");
  (void)t;
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  for (const auto& ta : ctx.targets) {
    const auto& t = ta.target;
    const model::TaskDefinition* td = t.task_definition;
    if (!td || td->configured_at_launch.empty()) continue;
    std::vector<std::string> claims;
    if (t.windows)
      claims.push_back("the task runs on Windows; Fargate attaches EBS volumes only to Linux tasks");
    else if (!t.platform_version.empty() && t.platform_version < "1.4.0")
      claims.push_back("the task runs on platform version " + t.platform_version +
                       "; EBS volumes need 1.4.0");
    if (!t.service) {
      // RunTask's volumeConfigurations are not part of describe-tasks' answer.
      if (claims.empty())
        sink.Unchecked(kInfo, "EBS volumes configured at launch of " + t.name +
                                  ": the launch's volumeConfigurations are not in the snapshot");
    } else {
      for (const auto& name : td->configured_at_launch) {
        const model::ManagedEbsVolume* v = nullptr;
        for (const auto& c : t.service->volume_configurations)
          if (c.name == name) v = &c;
        if (!v) {
          claims.push_back("volume " + name + " is configuredAtLaunch in " + td->DisplayName() +
                           ", but the service gives no volumeConfigurations for it");
          continue;
        }
        CheckConfig(t, *v, claims);
      }
    }
    if (claims.empty()) continue;
    const std::string resource = t.service ? t.service->arn : (td->arn.empty() ? td->DisplayName() : td->arn);
    auto& f = sink.Report(kInfo, t, resource,
                          "ECS cannot create or attach the EBS volume" +
                              std::string(td->configured_at_launch.size() == 1 ? " " : "s ") +
                              JoinList(td->configured_at_launch) + " of " + t.name);
    for (auto& c : claims) f.evidence.push_back({resource, c});
    if (f.fix.summary.empty()) {
      std::vector<fix::Step> steps;
      if (t.service && !t.cluster_arn.empty()) {
        fix::ServiceUpdate u;
        u.cluster = t.cluster_arn;
        u.service = t.service->name;
        u.platform_version = "1.4.0";
        u.volume_configurations = "[{\"name\":\"" + td->configured_at_launch.front() +
                                  "\",\"managedEBSVolume\":{\"roleArn\":\"arn:" + model::PartitionOfRegion(t.region) +
                                  ":iam::" + t.account +
                                  ":role/ecsInfrastructureRole\",\"volumeType\":\"gp3\",\"sizeInGiB\":20}}]";
        steps.push_back(u);
      }
      f.fix = report::Fix::Of("give the service a valid managed EBS volume configuration (infrastructure role, "
                              "size, type) on platform version 1.4.0",
                              std::move(steps));
    }
  }
}

}  // namespace

const CheckDef kSto009{kInfo, &Run};

}  // namespace fd::checks
