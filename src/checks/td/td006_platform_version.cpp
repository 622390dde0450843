// TD006: the platform version is unknown, or older than a feature of the task definition
// needs (docs/design/causes.md §1.4, #td006). EFS on an old version is STO001's and SYS_PTRACE is TD009's;
// Fargate Spot below 1.3.0 is CAP006's: one root cause, one finding.
#include "checks/check_util.h"
#include "checks/td/td_rules.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kTd006,
    .slug = "td-platform-version",
    .title = "platform version unknown or lacks a feature the task uses",
    .severity = report::Severity::kBlocker,
    .group = Group::kResources,
    .rationale = "Each Fargate platform version supports a fixed set of task definition features: "
                 "environment files, secret JSON keys or versions, 8 and 16 vCPU, ARM64 and more "
                 "than 20 GiB of ephemeral storage need Linux 1.4.0. ECS refuses the launch with "
                 "PlatformTaskDefinitionIncompatibilityException, or PlatformUnknownException for a "
                 "version it does not know.",
    .evidence = "service/deployment platformVersion (resolved from the tasks when LATEST), task "
                "platformVersion, task definition environmentFiles, secrets, cpu, runtimePlatform, "
                "ephemeralStorage, firelensConfiguration, dependsOn, repositoryCredentials",
    .remediation = "Run on platform version 1.4.0 (LATEST) or drop the feature.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/platform-linux-fargate.html "
                  "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/platform-fargate.html",
};

// A Secrets Manager reference that names a JSON key, version stage or version id:
// arn:aws:secretsmanager:region:account:secret:name:json-key:version-stage:version-id.
bool NamesSecretPart(const std::string& value_from) {
  if (value_from.rfind("arn:", 0) != 0 || value_from.find(":secretsmanager:") == std::string::npos)
    return false;
  size_t fields = 1;
  size_t at = 0;
  for (size_t i = 0; i < value_from.size(); ++i) {
    if (value_from[i] != ':') continue;
    if (++fields == 8) at = i + 1;
  }
  if (fields < 8) return false;
  for (size_t i = at; i < value_from.size(); ++i)
    if (value_from[i] != ':') return true;
  return false;
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  for (const auto& ta : ctx.targets) {
    const auto& t = ta.target;
    const model::TaskDefinition* td = t.task_definition;
    if (!td) continue;
    std::vector<report::Evidence> ev;
    const std::string os = t.windows ? "Windows" : "Linux";
    for (const std::string* v : {&t.platform_version_configured, &t.platform_version}) {
      if (!td::IsKnownPlatformVersion(*v, t.windows)) {
        ev.push_back({t.Key(), "platform version '" + *v + "' is not a Fargate " + os + " platform version"});
        break;
      }
    }
    if (ev.empty()) {
      const std::string td_res = td::TaskDefinitionResource(*td);
      const std::string pv = t.platform_version;
      auto need = [&](std::array<int, 3> want, const std::string& feature) {
        auto below = td::LinuxPlatformBelow(t, want);
        if (below && *below)
          ev.push_back({td_res, feature + " needs platform version " + std::to_string(want[0]) + "." +
                                    std::to_string(want[1]) + ".0 or later; the task runs on " + pv});
      };
      auto cpu = td::ParseCpuUnits(td::EffectiveCpu(t));
      if (cpu && td::NeedsPlatform14Cpu(*cpu)) need({1, 4, 0}, std::to_string(*cpu / 1024) + " vCPU");
      if (td::IsArm64(*td)) need({1, 4, 0}, "runtimePlatform.cpuArchitecture ARM64");
      if (td->ephemeral_storage_gib && *td->ephemeral_storage_gib > 20)
        need({1, 4, 0}, "ephemeralStorage of " + std::to_string(*td->ephemeral_storage_gib) + " GiB");
      for (const auto& c : td->containers) {
        if (!c.environment_files.empty()) need({1, 4, 0}, "environmentFiles (container " + c.name + ")");
        for (const auto& s : c.secrets)
          if (NamesSecretPart(s.value_from))
            need({1, 4, 0}, "secret " + s.name + " naming a JSON key or version (container " + c.name + ")");
        if (!c.secrets.empty()) need({1, 3, 0}, "secrets (container " + c.name + ")");
        if (c.log_configuration && !c.log_configuration->secret_options.empty())
          need({1, 3, 0}, "logConfiguration.secretOptions (container " + c.name + ")");
        if (c.firelens) need({1, 3, 0}, "FireLens (container " + c.name + ")");
        if (!c.depends_on.empty()) need({1, 3, 0}, "dependsOn (container " + c.name + ")");
        if (!c.repository_credentials.empty())
          need({1, 2, 0}, "repositoryCredentials (container " + c.name + ")");
      }
    }
    if (ev.empty()) continue;
    auto& f = sink.Report(kInfo, t, t.Key(),
                          t.name + " runs on a platform version that " +
                              (ev.front().resource == t.Key() ? std::string("Fargate does not know")
                                                              : "lacks a feature " + td->DisplayName() + " uses"));
    for (auto& e : ev) f.evidence.push_back(std::move(e));
    f.fix = report::Fix::Of("use platform version " + std::string(t.windows ? "1.0.0" : "1.4.0") + " (LATEST)",
                            {td::PlatformVersion(t, "LATEST")});
  }
}

}  // namespace

const CheckDef kTd006{kInfo, &Run};

}  // namespace fd::checks
