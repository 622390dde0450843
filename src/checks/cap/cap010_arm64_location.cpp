// CAP010: an ARM64 task can be placed in an Availability Zone or Region where AWS listed
// Graviton Fargate as unavailable (2023 list, docs/design/causes.md#cap010). The list may be outdated, so
// findings are warnings naming the subnet, as I10 says, below the catalogue's default.
#include "checks/check_util.h"
#include "checks/td/td_rules.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kCap010,
    .slug = "cap-arm64-location",
    .title = "ARM64 (Graviton) Fargate not offered where the task lands",
    .severity = report::Severity::kBlocker,
    .group = Group::kResources,
    .rationale = "Graviton (ARM64) Fargate capacity does not exist in every Region and zone; AWS "
                 "listed use1-az3, apne3-az2, apne3-az3 and several whole Regions as unsupported. "
                 "An ARM64 task placed there cannot start. The list dates from 2023, so this is a "
                 "warning to confirm with the stopped reason.",
    .evidence = "runtimePlatform.cpuArchitecture, describe-subnets AvailabilityZoneId and Region",
    .remediation = "Remove those subnets from the network configuration, or run the task on X86_64.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-arm64.html",
};

constexpr const char* kZones[] = {"use1-az3", "apne3-az2", "apne3-az3"};
constexpr const char* kRegions[] = {"ap-south-2",     "ap-southeast-4", "cn-north-1",    "cn-northwest-1",
                                    "eu-central-2",   "af-south-1",     "me-central-1",  "me-south-1",
                                    "us-gov-east-1",  "us-gov-west-1"};

std::string Unsupported(const model::Subnet& s) {
  std::string region = !s.region.empty() ? s.region : model::RegionOfZoneName(s.availability_zone);
  for (const char* r : kRegions)
    if (region == r) return "AWS listed Region " + region + " without ARM64 Fargate";
  for (const char* z : kZones)
    if (s.availability_zone_id == z)
      return "AWS listed " + s.availability_zone_id + " (" + s.availability_zone + ") without ARM64 Fargate";
  return "";
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  for (const auto& ta : ctx.targets) {
    const auto& t = ta.target;
    const model::TaskDefinition* td = t.task_definition;
    if (!td || !td::IsArm64(*td)) continue;
    std::vector<std::string> keep;
    std::vector<std::pair<std::string, std::string>> bad;
    for (const auto& sid : t.subnets) {
      const model::Subnet* s = ctx.model.subnets().Find(sid);
      if (!s) continue;  // unknown subnets are other checks' gaps
      std::string why = Unsupported(*s);
      if (why.empty()) keep.push_back(sid);
      else bad.emplace_back(sid, why);
    }
    for (const auto& [sid, why] : bad) {
      auto& f = sink.Report(kInfo, t, sid, "subnet " + sid + " may be where ARM64 Fargate is not offered");
      f.severity = report::Severity::kWarning;
      f.evidence.push_back({sid, why});
      f.subnets.push_back(sid);
      // With no subnet left there is no command to give: the summary says what to change.
      f.fix = keep.empty() ? report::Fix::Of("run the task on X86_64 (set runtimePlatform.cpuArchitecture to "
                                             "X86_64 with an x86 image), or in a Region with ARM64 Fargate",
                                             {})
                           : report::Fix::Of("remove the subnet from the network configuration",
                                             {NetworkUpdate(t, keep, {}, "")});
    }
  }
}

}  // namespace

const CheckDef kCap010{kInfo, &Run};

}  // namespace fd::checks
