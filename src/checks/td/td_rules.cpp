#include "checks/td/td_rules.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

#include "checks/check_util.h"
#include "util/strings.h"

namespace fd::checks::td {
namespace {

using util::Trim;

bool EndsWithNoCase(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (size_t i = 0; i < suffix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[s.size() - suffix.size() + i])) != suffix[i])
      return false;
  return true;
}

// "<number><unit>" where the unit (lower case) is optional: value × scale when the text has
// the unit, value × 1 when it is a bare integer.
std::optional<int> ParseScaled(std::string_view text, std::string_view unit, int scale) {
  std::string_view s = Trim(text);
  bool with_unit = EndsWithNoCase(s, unit);
  if (with_unit) s = Trim(s.substr(0, s.size() - unit.size()));
  if (s.empty()) return std::nullopt;
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || !(v > 0) || v > 1e7) return std::nullopt;
  double scaled = with_unit ? v * scale : v;
  if (std::fabs(scaled - std::round(scaled)) > 1e-9) return std::nullopt;
  return static_cast<int>(std::lround(scaled));
}

struct Row {
  int cpu;
  int min, max, step;  ///< step 0: the explicit list below
  bool windows;
};
constexpr Row kRows[] = {
    {256, 0, 0, 0, false},       {512, 0, 0, 0, false},         {1024, 2048, 8192, 1024, true},
    {2048, 4096, 16384, 1024, true}, {4096, 8192, 30720, 1024, true},
    {8192, 16384, 61440, 4096, false}, {16384, 32768, 122880, 8192, false},
};

}  // namespace

std::optional<int> ParseCpuUnits(std::string_view text) { return ParseScaled(text, "vcpu", 1024); }

std::optional<int> ParseMemoryMiB(std::string_view text) { return ParseScaled(text, "gb", 1024); }

std::vector<int> ValidMemoriesFor(int cpu, bool windows) {
  if (cpu == 256 && !windows) return {512, 1024, 2048};
  if (cpu == 512 && !windows) return {1024, 2048, 3072, 4096};
  for (const Row& r : kRows) {
    if (r.cpu != cpu || r.step == 0 || (windows && !r.windows)) continue;
    std::vector<int> out;
    for (int m = r.min; m <= r.max; m += r.step) out.push_back(m);
    return out;
  }
  return {};
}

bool IsValidFargatePair(int cpu, int memory_mib, bool windows) {
  auto valid = ValidMemoriesFor(cpu, windows);
  return std::find(valid.begin(), valid.end(), memory_mib) != valid.end();
}

std::optional<std::array<int, 3>> ParsePlatformVersion(std::string_view text) {
  std::array<int, 3> out{};
  const char* p = text.data();
  const char* end = text.data() + text.size();
  for (int i = 0; i < 3; ++i) {
    auto [next, ec] = std::from_chars(p, end, out[i]);
    if (ec != std::errc() || out[i] < 0) return std::nullopt;
    p = next;
    if (i < 2) {
      if (p == end || *p != '.') return std::nullopt;
      ++p;
    }
  }
  if (p != end) return std::nullopt;
  return out;
}

bool IsKnownPlatformVersion(std::string_view text, bool windows) {
  if (text.empty() || text == "LATEST") return true;
  if (windows) return text == "1.0.0";
  return text == "1.0.0" || text == "1.1.0" || text == "1.2.0" || text == "1.3.0" || text == "1.4.0";
}

std::optional<bool> LinuxPlatformBelow(const analysis::Target& t, std::array<int, 3> want) {
  if (t.windows) return false;
  auto v = ParsePlatformVersion(t.platform_version);
  if (!v) return std::nullopt;
  return *v < want;
}

std::string EffectiveCpu(const analysis::Target& t) {
  if (t.task && !t.task->cpu_override.empty()) return t.task->cpu_override;
  return t.task_definition ? t.task_definition->cpu : "";
}

std::string EffectiveMemory(const analysis::Target& t) {
  if (t.task && !t.task->memory_override.empty()) return t.task->memory_override;
  return t.task_definition ? t.task_definition->memory : "";
}

bool IsArm64(const model::TaskDefinition& td) { return td.cpu_architecture == "ARM64"; }

bool UsesFargateSpot(const analysis::Target& t) {
  for (const auto& c : t.capacity_provider_strategy)
    if (c.capacity_provider == "FARGATE_SPOT" && (c.weight > 0 || c.base > 0)) return true;
  return false;
}

std::string TaskDefinitionResource(const model::TaskDefinition& td) {
  return !td.arn.empty() ? td.arn : td.DisplayName();
}


fix::Step NewRevision(const analysis::Target& t, const std::string& edit) {
  const model::TaskDefinition* td = t.task_definition;
  fix::TaskDefinitionRevision r;
  const std::string name = td ? td->DisplayName() : t.task_definition_ref;
  if (td && !td->arn.empty()) r.name = name;  // registered: export it first
  r.edit = edit;
  r.family = td && !td->family.empty() ? td->family : name;
  if (t.kind == analysis::TargetKind::kService) {
    r.cluster = LastPart(t.cluster_arn);
    r.service = t.name;
  }
  return r;
}

fix::Step PlatformVersion(const analysis::Target& t, const std::string& version) {
  if (t.kind == analysis::TargetKind::kService) {
    fix::ServiceUpdate u;
    u.cluster = LastPart(t.cluster_arn);
    u.service = t.name;
    u.platform_version = version;
    u.force_new_deployment = true;
    return u;
  }
  fix::Step run = NetworkUpdate(t, {}, {}, "");
  std::get<fix::RunTask>(run).platform_version = version;
  return run;
}

}  // namespace fd::checks::td
