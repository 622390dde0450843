#include <algorithm>
#include <cctype>

#include "checks/check.h"
#include "checks/check_list.h"
#include "util/strings.h"

namespace fd::checks {
namespace {

using util::Upper;

// How specifically a selector names a check: a slug or full code beats a prefix, and a longer
// prefix beats a shorter one (Ruff). 0 = does not match.
size_t Specificity(const CheckInfo& info, const std::string& selector) {
  if (selector == info.slug) return 100;
  std::string sel = Upper(selector);
  if (sel == "ALL") return 1;
  std::string code(ToString(info.code));
  if (sel == code) return 100;  // a full code names one check, exactly like its slug
  if (!sel.empty() && code.rfind(sel, 0) == 0) return 1 + sel.size();
  return 0;
}

}  // namespace

std::string_view ToString(Group g) {
  switch (g) {
    case Group::kNetwork: return "network";
    case Group::kIam: return "iam";
    case Group::kResources: return "resources";
  }
  return "network";
}

std::span<const CheckDef* const> AllChecks() {
  static const CheckDef* const kAll[] = {
#define FD_CHECK(var) &var,
      FD_CHECK_LIST(FD_CHECK)
#undef FD_CHECK
  };
  return kAll;
}

const CheckDef* FindCheck(std::string_view code_or_slug) {
  std::string want = Upper(code_or_slug);
  for (const CheckDef* c : AllChecks())
    if (ToString(c->info.code) == want || c->info.slug == code_or_slug) return c;
  return nullptr;
}

bool IsSelected(const CheckInfo& info, const std::vector<std::string>& select,
                const std::vector<std::string>& ignore) {
  size_t sel = select.empty() ? 1 : 0;
  for (const auto& s : select) sel = std::max(sel, Specificity(info, s));
  if (sel == 0) return false;
  size_t ign = 0;
  for (const auto& s : ignore) ign = std::max(ign, Specificity(info, s));
  return ign == 0 || sel > ign;
}

report::Finding& FindingSink::Report(const CheckInfo& info, const analysis::Target& target,
                                     const std::string& resource, std::string message) {
  std::string key = target.Key() + '\x1f' + std::string(ToString(info.code)) + '\x1f' + resource;
  if (auto it = index_.find(key); it != index_.end()) return findings_[it->second];
  index_.emplace(std::move(key), findings_.size());
  report::Finding f;
  f.code = std::string(ToString(info.code));
  f.slug = std::string(info.slug);
  f.title = std::string(info.title);
  f.severity = info.severity;
  f.target = target.Key();
  f.resource = resource;
  f.message = std::move(message);
  findings_.push_back(std::move(f));
  return findings_.back();
}

void FindingSink::Unchecked(const CheckInfo& info, std::string reason) {
  unchecked_.push_back({std::string(ToString(info.code)), std::move(reason)});
}

std::vector<report::Finding> FindingSink::TakeFindings() {
  index_.clear();
  return std::move(findings_);
}
std::vector<report::Unchecked> FindingSink::TakeUnchecked() { return std::move(unchecked_); }

}  // namespace fd::checks
