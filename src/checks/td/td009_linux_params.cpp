// TD009: linuxParameters that Fargate does not support: added capabilities other than
// SYS_PTRACE (and SYS_PTRACE below platform 1.4.0), devices, sharedMemorySize, tmpfs, maxSwap,
// swappiness (docs/design/causes.md#td009; the last five are also in J2's list, reported here only).
#include "checks/check_util.h"
#include "checks/td/td_rules.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kTd009,
    .slug = "td-linux-params",
    .title = "unsupported kernel capabilities / limits",
    .severity = report::Severity::kBlocker,
    .group = Group::kResources,
    .rationale = "Fargate tasks share a hardened kernel: the only capability a container may add "
                 "is SYS_PTRACE (from platform version 1.4.0), and host devices, shared memory "
                 "size, tmpfs mounts and swap settings are not available. ECS refuses such task "
                 "definitions or launches.",
    .evidence = "containerDefinitions[].linuxParameters (capabilities.add, devices, "
                "sharedMemorySize, tmpfs, maxSwap, swappiness), platform version",
    .remediation = "Remove the unsupported linuxParameters (keep at most SYS_PTRACE, on 1.4.0).",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_linuxparameters "
                  "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_KernelCapabilities.html",
};

void Run(const CheckContext& ctx, FindingSink& sink) {
  for (const auto& ta : ctx.targets) {
    const auto& t = ta.target;
    const model::TaskDefinition* td = t.task_definition;
    if (!td) continue;
    const std::string resource = td::TaskDefinitionResource(*td);
    std::vector<std::string> claims;
    auto old_pv = td::LinuxPlatformBelow(t, {1, 4, 0});
    for (const auto& c : td->containers) {
      if (!c.linux_parameters) continue;
      const auto& p = *c.linux_parameters;
      const std::string who = "container " + c.name + ": ";
      for (const auto& cap : p.capabilities_add) {
        if (cap != "SYS_PTRACE")
          claims.push_back(who + "adds capability " + cap + " (Fargate allows only SYS_PTRACE)");
        else if (old_pv && *old_pv)
          claims.push_back(who + "adds SYS_PTRACE, which needs platform version 1.4.0 (task runs on " +
                           t.platform_version + ")");
      }
      if (p.devices > 0) claims.push_back(who + "maps host devices");
      if (p.shared_memory_size) claims.push_back(who + "sets sharedMemorySize");
      if (p.tmpfs > 0) claims.push_back(who + "mounts tmpfs");
      if (p.max_swap) claims.push_back(who + "sets maxSwap");
      if (p.swappiness) claims.push_back(who + "sets swappiness");
    }
    if (claims.empty()) continue;
    auto& f = sink.Report(kInfo, t, resource,
                          td->DisplayName() + " uses linuxParameters Fargate does not support");
    for (auto& c : claims) f.evidence.push_back({resource, c});
    f.fix = report::Fix::Of("remove the unsupported linuxParameters and register a new revision",
             {td::NewRevision(t, "in containerDefinitions[].linuxParameters keep capabilities.add "
                                        "to [\"SYS_PTRACE\"] at most and remove devices, sharedMemorySize, "
                                        "tmpfs, maxSwap and swappiness")});
  }
}

}  // namespace

const CheckDef kTd009{kInfo, &Run};

}  // namespace fd::checks
