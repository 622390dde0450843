#include "predeploy/variants.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace fd::predeploy {
namespace {

// "Env=prod", or for the made-up value "Env not 'prod' or 'dev'". The stack is named only when
// the undecided parameters belong to several stacks.
std::string LabelOf(const UndecidedParameter& p, std::size_t value, bool name_stack) {
  const std::string name = name_stack ? p.stack + "." + p.name : p.name;
  if (!p.other || value + 1 < p.values.size()) return fmt::format("{}={}", name, p.values[value]);
  std::vector<std::string> quoted;
  for (std::size_t i = 0; i + 1 < p.values.size(); ++i) quoted.push_back("'" + p.values[i] + "'");
  return fmt::format("{} not {}", name, fmt::join(quoted, " or "));
}

std::string ArgumentOf(const UndecidedParameter& p, std::size_t value) {
  return fmt::format("{}.{}={}", p.stack, p.name, p.values[value]);
}

// Every combination, as indices into each parameter's values (an odometer).
std::vector<std::vector<std::size_t>> Combinations(const std::vector<UndecidedParameter>& ps) {
  std::vector<std::vector<std::size_t>> out;
  std::vector<std::size_t> at(ps.size(), 0);
  while (true) {
    out.push_back(at);
    std::size_t i = 0;
    for (; i < ps.size(); ++i) {
      if (++at[i] < ps[i].values.size()) break;
      at[i] = 0;
    }
    if (i == ps.size()) return out;
  }
}

}  // namespace

std::vector<Variant> Variants(const std::vector<UndecidedParameter>& undecided, std::size_t max_runs) {
  std::vector<UndecidedParameter> ps;
  for (const UndecidedParameter& p : undecided)
    if (!p.values.empty()) ps.push_back(p);
  if (ps.empty() || max_runs == 0) return {};
  std::set<std::string> stacks;
  for (const auto& p : ps) stacks.insert(p.stack);
  const bool name_stack = stacks.size() > 1;

  std::size_t product = 1;
  for (const auto& p : ps) product = std::min(product * p.values.size(), max_runs + 1);
  std::vector<Variant> out;
  if (product <= max_runs) {
    for (const auto& combination : Combinations(ps)) {
      Variant v;
      std::vector<std::string> labels;
      for (std::size_t i = 0; i < ps.size(); ++i) {
        v.parameters.push_back(ArgumentOf(ps[i], combination[i]));
        labels.push_back(LabelOf(ps[i], combination[i], name_stack));
      }
      v.label = fmt::format("{}", fmt::join(labels, ", "));
      out.push_back(std::move(v));
    }
    return out;
  }
  // Too many combinations: each parameter alone, as far as the budget goes.
  for (const auto& p : ps)
    for (std::size_t i = 0; i < p.values.size() && out.size() < max_runs; ++i)
      out.push_back(Variant{{ArgumentOf(p, i)}, LabelOf(p, i, name_stack)});
  return out;
}

namespace {

using FindingKey = std::tuple<std::string, std::string, std::string>;
FindingKey KeyOf(const report::Finding& f) { return {f.code, f.target, f.resource}; }

// Findings this module added carry their labels at the end of the message; a second variant
// adding the same finding widens the list instead of repeating the finding.
constexpr std::string_view kWhen = " (when ";

void AddLabel(report::Finding& f, const std::string& label) {
  const std::size_t at = f.message.rfind(kWhen);
  if (at == std::string::npos || f.message.back() != ')') {
    f.message += std::string(kWhen) + label + ")";
    return;
  }
  f.message.insert(f.message.size() - 1, " or " + label);
}

}  // namespace

void AddVariant(report::Report& report, const report::Report& variant, const std::string& label) {
  std::map<FindingKey, std::size_t> known;  // a finding's key to its index in report.findings
  std::set<FindingKey> undecided_run;       // what the run without a value already found
  for (std::size_t i = 0; i < report.findings.size(); ++i) {
    known.emplace(KeyOf(report.findings[i]), i);
    if (report.findings[i].message.rfind(kWhen) == std::string::npos) undecided_run.insert(KeyOf(report.findings[i]));
  }
  std::vector<std::string> added;
  for (const report::Finding& f : variant.findings) {
    const FindingKey key = KeyOf(f);
    if (undecided_run.contains(key)) continue;
    added.push_back(fmt::format("{} ({})", f.code, report::ToString(f.severity)));
    if (auto it = known.find(key); it != known.end()) {
      AddLabel(report.findings[it->second], label);
      continue;
    }
    known.emplace(key, report.findings.size());
    report.findings.push_back(f);
    // Its paths name the variant's traces, which this report does not hold (its own traces
    // of the same needs may well pass): the finding keeps its evidence, not those references.
    report.findings.back().paths.clear();
    AddLabel(report.findings.back(), label);
  }
  std::map<std::string, report::Verdict> verdicts;
  for (const report::Target& t : variant.targets) verdicts.emplace(t.arn.empty() ? t.name : t.arn, t.verdict);
  for (report::Target& t : report.targets)
    if (auto it = verdicts.find(t.arn.empty() ? t.name : t.arn); it != verdicts.end())
      t.verdict = std::max(t.verdict, it->second);
  report.verdict = std::max(report.verdict, variant.verdict);
  report.input_notes.push_back(
      {"", "", added.empty() ? fmt::format("evaluated with {}: nothing more is found", label)
                             : fmt::format("evaluated with {}: {} more {}: {}", label, added.size(),
                                           added.size() == 1 ? "finding" : "findings",
                                           fmt::join(added, ", "))});
}

}  // namespace fd::predeploy
