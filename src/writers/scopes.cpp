#include "writers/scopes.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <set>
#include <unordered_map>
#include <utility>

#include "model/arn.h"

namespace fd::writers {
namespace {

/// The key findings name their target by (report::Owns): the ARN, else the name.
std::string_view OwnerKey(const report::Target& t) { return t.arn.empty() ? t.name : t.arn; }

}  // namespace

std::string AccountOf(const report::Target& t) { return model::AccountOfArn(t.arn); }
std::string RegionOf(const report::Target& t) { return model::RegionOfArn(t.arn); }

bool ManyScopes(const report::Report& r) {
  for (const auto& t : r.targets)
    if (AccountOf(t) != AccountOf(r.targets.front()) || RegionOf(t) != RegionOf(r.targets.front())) return true;
  return false;
}

Scopes GroupByScope(const report::Report& r) {
  Scopes out;
  std::map<std::pair<std::string, std::string>, size_t> index;  // ordered: by account, then Region
  for (const auto& t : r.targets) index.try_emplace({AccountOf(t), RegionOf(t)}, 0);
  std::set<std::string> accounts, regions;
  for (auto& [key, i] : index) {
    i = out.scopes.size();
    out.scopes.push_back({key.first, key.second, {}, {}, {}});
    accounts.insert(key.first);
    regions.insert(key.second);
  }
  out.accounts = accounts.size();
  out.regions = regions.size();
  std::unordered_map<std::string_view, size_t> scope_of;  // owner key -> scope
  for (const auto& t : r.targets) {
    Scope& s = out.scopes[index[{AccountOf(t), RegionOf(t)}]];
    s.targets.push_back(&t);
    ++s.counts.targets;
    ++s.counts.verdicts[static_cast<size_t>(t.verdict)];
    ++out.total.targets;
    ++out.total.verdicts[static_cast<size_t>(t.verdict)];
    scope_of.emplace(OwnerKey(t), &s - out.scopes.data());
  }
  for (const auto& f : r.findings) {
    ++out.findings_by_code[f.code];
    ++out.total.severities[static_cast<size_t>(f.severity)];
    auto it = scope_of.find(f.target);
    if (it == scope_of.end()) {
      out.orphans.push_back(&f);
      continue;
    }
    out.scopes[it->second].findings.push_back(&f);
    ++out.scopes[it->second].counts.severities[static_cast<size_t>(f.severity)];
  }
  return out;
}

report::Report ScopeReport(const Scope& s) {
  report::Report out;
  for (const report::Target* t : s.targets) {
    out.targets.push_back(*t);
    out.verdict = std::max(out.verdict, t->verdict);
  }
  for (const report::Finding* f : s.findings) out.findings.push_back(*f);
  return out;
}

std::string VerdictCounts(const Counts& c) {
  std::vector<std::string> parts;
  for (report::Verdict v : {report::Verdict::kBlocked, report::Verdict::kInconclusive,
                            report::Verdict::kAtRisk, report::Verdict::kOk})
    if (size_t n = c.verdicts[static_cast<size_t>(v)]; n > 0)
      parts.push_back(fmt::format("{} {}", n, report::ToString(v)));
  return parts.empty() ? "none" : fmt::format("{}", fmt::join(parts, ", "));
}

std::string SeverityCounts(const Counts& c) {
  auto count = [&](report::Severity s, std::string_view one, std::string_view many) {
    const size_t n = c.severities[static_cast<size_t>(s)];
    return fmt::format("{} {}", n, n == 1 ? one : many);
  };
  return fmt::format("{}, {}, {}", count(report::Severity::kBlocker, "blocker", "blockers"),
                     count(report::Severity::kWarning, "warning", "warnings"),
                     count(report::Severity::kInfo, "info", "infos"));
}

std::string CodeCounts(const Scopes& s) {
  std::vector<std::string> parts;
  for (const auto& [code, n] : s.findings_by_code) parts.push_back(fmt::format("{} {}", code, n));
  return parts.empty() ? "none" : fmt::format("{}", fmt::join(parts, ", "));
}

std::string ScopeName(const Scope& s) {
  return fmt::format("{}, {}", s.account.empty() ? "unknown account" : "account " + s.account,
                     s.region.empty() ? "unknown Region" : "Region " + s.region);
}

}  // namespace fd::writers
