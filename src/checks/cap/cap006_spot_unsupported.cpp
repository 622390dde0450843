// CAP006: the launch uses Fargate Spot with something Spot does not run: Windows, ARM64 below
// platform version 1.4.0, or any platform version below 1.3.0 (docs/design/causes.md#cap006).
#include "checks/check_util.h"
#include "checks/td/td_rules.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kCap006,
    .slug = "cap-spot-unsupported",
    .title = "Fargate Spot with an unsupported configuration",
    .severity = report::Severity::kBlocker,
    .group = Group::kResources,
    .rationale = "Fargate Spot runs Linux tasks on platform version 1.3.0 or later, and ARM64 "
                 "tasks only on 1.4.0; Windows tasks cannot use Spot at all. The capacity "
                 "provider refuses such launches.",
    .evidence = "capacityProviderStrategy (service, deployment) or the task's capacityProviderName, "
                "runtimePlatform, resolved platform version",
    .remediation = "Launch with the FARGATE capacity provider, or on platform version 1.4.0.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-capacity-providers.html "
                  "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CapacityProviderStrategyItem.html",
};

void Run(const CheckContext& ctx, FindingSink& sink) {
  for (const auto& ta : ctx.targets) {
    const auto& t = ta.target;
    const model::TaskDefinition* td = t.task_definition;
    if (!td || !td::UsesFargateSpot(t)) continue;
    std::string claim;
    bool pv_fix = false;
    if (t.windows) {
      claim = "Windows tasks cannot run on FARGATE_SPOT";
    } else if (auto b13 = td::LinuxPlatformBelow(t, {1, 3, 0}); b13 && *b13) {
      claim = "FARGATE_SPOT needs platform version 1.3.0 or later; the task runs on " + t.platform_version;
      pv_fix = true;
    } else if (auto b14 = td::LinuxPlatformBelow(t, {1, 4, 0}); td::IsArm64(*td) && b14 && *b14) {
      claim = "ARM64 tasks run on FARGATE_SPOT only on platform version 1.4.0; the task runs on " +
              t.platform_version;
      pv_fix = true;
    }
    if (claim.empty()) continue;
    auto& f = sink.Report(kInfo, t, t.Key(), t.name + " uses Fargate Spot in a configuration Spot does not run");
    f.evidence.push_back({t.Key(), claim});
    if (pv_fix) {
      f.fix = report::Fix::Of("use platform version 1.4.0 (LATEST), or the FARGATE capacity provider",
                              {td::PlatformVersion(t, "LATEST")});
    } else if (t.kind == analysis::TargetKind::kService) {
      fix::ServiceUpdate u;
      u.cluster = LastPart(t.cluster_arn);
      u.service = t.name;
      u.capacity_provider_strategy = "capacityProvider=FARGATE,weight=1";
      u.force_new_deployment = true;
      f.fix = report::Fix::Of("launch on the FARGATE capacity provider", {u});
    } else {
      f.fix = report::Fix::Of("launch with --launch-type FARGATE instead of the FARGATE_SPOT capacity provider",
                              {NetworkUpdate(t, {}, {}, "")});
    }
  }
}

}  // namespace

const CheckDef kCap006{kInfo, &Run};

}  // namespace fd::checks
