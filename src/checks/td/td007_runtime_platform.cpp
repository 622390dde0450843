// TD007: runtimePlatform is inconsistent: an OS family or CPU architecture Fargate does not
// offer, Windows on ARM64, or Windows with FireLens (docs/design/causes.md#td007, #img012). EFS on Windows is
// STO001's and Fargate Spot on Windows CAP006's.
#include "checks/check_util.h"
#include "checks/td/td_rules.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kTd007,
    .slug = "td-runtime-platform",
    .title = "OS family / architecture inconsistencies",
    .severity = report::Severity::kBlocker,
    .group = Group::kResources,
    .rationale = "Fargate runs Linux on X86_64 or ARM64 and Windows Server 2019, 2022 or 2025 on "
                 "X86_64 only; other operating system families or architectures, and Linux-only "
                 "features such as FireLens on Windows, are refused.",
    .evidence = "task definition runtimePlatform.operatingSystemFamily and cpuArchitecture, "
                "containerDefinitions[].firelensConfiguration",
    .remediation = "Use an operating system family and architecture Fargate offers, X86_64 for "
                   "Windows, and no Linux-only features on Windows.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/AWS_Fargate.html "
                  "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RuntimePlatform.html",
};

bool KnownFamily(const std::string& f) {
  for (const char* k : {"LINUX", "WINDOWS_SERVER_2019_FULL", "WINDOWS_SERVER_2019_CORE",
                        "WINDOWS_SERVER_2022_FULL", "WINDOWS_SERVER_2022_CORE",
                        "WINDOWS_SERVER_2025_FULL", "WINDOWS_SERVER_2025_CORE"})
    if (f == k) return true;
  return f.empty();
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  for (const auto& ta : ctx.targets) {
    const auto& t = ta.target;
    const model::TaskDefinition* td = t.task_definition;
    if (!td) continue;
    const std::string resource = td::TaskDefinitionResource(*td);
    std::vector<std::string> claims;
    const std::string& arch = td->cpu_architecture;
    const std::string& family = td->operating_system_family;
    if (!KnownFamily(family))
      claims.push_back("operatingSystemFamily " + family + " is not offered on Fargate");
    if (!arch.empty() && arch != "X86_64" && arch != "ARM64")
      claims.push_back("cpuArchitecture " + arch + " is neither X86_64 nor ARM64");
    if (t.windows && arch == "ARM64")
      claims.push_back("Windows (" + (family.empty() ? std::string("platform family") : family) +
                       ") runs on X86_64 only, not ARM64");
    if (t.windows)
      for (const auto& c : td->containers)
        if (c.firelens) claims.push_back("container " + c.name + " is a FireLens router; Windows has no FireLens");
    if (claims.empty()) continue;
    auto& f = sink.Report(kInfo, t, resource,
                          "the runtime platform of " + td->DisplayName() + " cannot run on Fargate: " + claims.front());
    for (auto& c : claims) f.evidence.push_back({resource, c});
    f.fix = report::Fix::Of("register a revision with a runtimePlatform Fargate offers",
             {td::NewRevision(t, t.windows ? "set \"runtimePlatform\": {\"operatingSystemFamily\": "
                                                    "\"WINDOWS_SERVER_2022_CORE\", \"cpuArchitecture\": \"X86_64\"}"
                                                  : "set \"runtimePlatform\": {\"operatingSystemFamily\": "
                                                    "\"LINUX\", \"cpuArchitecture\": \"X86_64\"}")});
  }
}

}  // namespace

const CheckDef kTd007{kInfo, &Run};

}  // namespace fd::checks
