// STO001: the task definition mounts EFS but runs where Fargate has no EFS support: a Linux
// platform version below 1.4.0, or Windows (docs/design/causes.md#sto001, §1.4).
#include "checks/check_util.h"
#include "checks/td/td_rules.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kSto001,
    .slug = "efs-unsupported-platform",
    .title = "EFS on PV < 1.4.0 or on Windows",
    .severity = report::Severity::kBlocker,
    .group = Group::kResources,
    .rationale = "Fargate mounts EFS volumes only for Linux tasks on platform version 1.4.0; on "
                 "older versions and on Windows ECS refuses the launch with "
                 "PlatformTaskDefinitionIncompatibilityException.",
    .evidence = "task definition volumes[].efsVolumeConfiguration, runtimePlatform, resolved "
                "platform version",
    .remediation = "Run the task on platform version 1.4.0 (LATEST); on Windows, drop the EFS volume.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/efs-volumes.html",
};

void Run(const CheckContext& ctx, FindingSink& sink) {
  for (const auto& ta : ctx.targets) {
    const auto& t = ta.target;
    const model::TaskDefinition* td = t.task_definition;
    if (!td || td->efs_volumes.empty()) continue;
    std::vector<std::string> names;
    for (const auto& v : td->efs_volumes) names.push_back(v.name + " (" + v.file_system_id + ")");
    if (t.windows) {
      const std::string resource = td::TaskDefinitionResource(*td);
      auto& f = sink.Report(kInfo, t, resource, td->DisplayName() + " mounts EFS, which Windows tasks on Fargate cannot");
      f.evidence.push_back({resource, "EFS volumes " + JoinList(names) + " in a Windows task definition"});
      f.fix = report::Fix::Of("remove the EFS volumes from the Windows task definition",
               {td::NewRevision(t, "remove the volumes with efsVolumeConfiguration and their mountPoints")});
      continue;
    }
    auto below = td::LinuxPlatformBelow(t, {1, 4, 0});
    if (!below || !*below) continue;
    auto& f = sink.Report(kInfo, t, t.Key(),
                          t.name + " mounts EFS on platform version " + t.platform_version + ", which has no EFS support");
    f.evidence.push_back({t.Key(), "EFS volumes " + JoinList(names) + " need platform version 1.4.0; the task runs on " +
                                       t.platform_version});
    f.fix = report::Fix::Of("use platform version 1.4.0 (LATEST)", {td::PlatformVersion(t, "LATEST")});
  }
}

}  // namespace

const CheckDef kSto001{kInfo, &Run};

}  // namespace fd::checks
