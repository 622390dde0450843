#include "analysis/analysis.h"

namespace fd::analysis {

std::string_view ToString(TargetKind k) {
  switch (k) {
    case TargetKind::kService: return "service";
    case TargetKind::kTask: return "task";
    case TargetKind::kTaskDefinition: return "task-definition";
  }
  return "service";
}

bool Target::IsFargate() const {
  if (launch_type == "FARGATE") return true;
  for (const auto& c : capacity_provider_strategy)
    if (c.capacity_provider == "FARGATE" || c.capacity_provider == "FARGATE_SPOT") return true;
  return false;
}

namespace {
constexpr std::string_view kEfsPrefix = "efs:";
}  // namespace

std::string Need::EfsService(const std::string& fs_id) { return std::string(kEfsPrefix) + fs_id; }

std::string Need::FileSystemId() const {
  return kind == NeedKind::kEfs && service.starts_with(kEfsPrefix) ? service.substr(kEfsPrefix.size()) : "";
}

std::string Need::NeededBecause() const {
  std::string out;
  for (const auto& r : reasons) {
    if (!out.empty()) out += "; ";
    out += r;
  }
  return out;
}

}  // namespace fd::analysis
