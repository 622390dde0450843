#include "merge/merge.h"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <limits>
#include <unordered_map>
#include <utility>

#include "writers/json_writer.h"

namespace fd::merge {
namespace {

constexpr size_t kNone = std::numeric_limits<size_t>::max();

/// Where the kept copy of a target is: input and index in that input's targets.
struct Slot {
  size_t input = kNone;
  size_t index = kNone;
};

/// For each finding of `r`, the index of the target that owns it (report::Owns), or kNone.
std::vector<size_t> Owners(const report::Report& r) {
  std::unordered_map<std::string_view, size_t> by_key;
  by_key.reserve(r.targets.size());
  for (size_t k = 0; k < r.targets.size(); ++k) {
    const report::Target& t = r.targets[k];
    by_key.emplace(t.arn.empty() ? std::string_view(t.name) : std::string_view(t.arn), k);
  }
  std::vector<size_t> owner(r.findings.size(), kNone);
  for (size_t f = 0; f < r.findings.size(); ++f)
    if (auto it = by_key.find(r.findings[f].target); it != by_key.end()) owner[f] = it->second;
  return owner;
}

/// A target with its findings, as the JSON report writes them: two copies differ exactly when
/// these texts do.
std::string Rendered(const report::Report& r, size_t target, const std::vector<size_t>& owner) {
  report::Report one;
  one.targets.push_back(r.targets[target]);
  for (size_t f = 0; f < r.findings.size(); ++f)
    if (owner[f] == target) one.findings.push_back(r.findings[f]);
  return writers::RenderJson(std::move(one));
}

std::string Describe(const report::Target& t) {
  return fmt::format("{} {}", t.kind, t.arn.empty() ? t.name : t.arn);
}

}  // namespace

std::string Identity(const report::Target& t) {
  if (!t.arn.empty()) return t.kind + '\x1f' + t.arn;
  // No ARN: a task definition file, diagnosed in some account and Region. The report says
  // neither for it, so two such targets of one name are one.
  return t.kind + '\x1f' + t.name;
}

report::Report MergeReports(std::vector<Loaded>& inputs) {
  std::vector<std::vector<size_t>> owners;
  std::vector<std::vector<bool>> kept;
  std::unordered_map<std::string, Slot> slots;
  std::vector<InputNote> conflicts;
  for (size_t i = 0; i < inputs.size(); ++i) {
    const report::Report& r = inputs[i].report;
    owners.push_back(Owners(r));
    kept.emplace_back(r.targets.size(), true);
    for (size_t k = 0; k < r.targets.size(); ++k) {
      auto [it, fresh] = slots.try_emplace(Identity(r.targets[k]), Slot{i, k});
      if (fresh) continue;
      const Slot earlier = it->second;
      kept[earlier.input][earlier.index] = false;
      it->second = Slot{i, k};
      const report::Report& e = inputs[earlier.input].report;
      if (Rendered(e, earlier.index, owners[earlier.input]) == Rendered(r, k, owners[i])) continue;
      conflicts.push_back({inputs[i].file, fmt::format("/targets/{}", k),
                           fmt::format("{} is also in {} with a different diagnosis; the merge keeps "
                                       "this one (the later argument)",
                                       Describe(r.targets[k]), inputs[earlier.input].file)});
    }
  }

  report::Report out;
  for (size_t i = 0; i < inputs.size(); ++i) {
    report::Report& r = inputs[i].report;
    for (size_t k = 0; k < r.targets.size(); ++k)
      if (kept[i][k]) {
        out.verdict = std::max(out.verdict, r.targets[k].verdict);
        out.targets.push_back(std::move(r.targets[k]));
      }
    // A finding goes with its target; one whose target the report lacks has nothing to be
    // de-duplicated by and is kept.
    for (size_t f = 0; f < r.findings.size(); ++f)
      if (owners[i][f] == kNone || kept[i][owners[i][f]]) out.findings.push_back(std::move(r.findings[f]));
    std::move(r.unchecked.begin(), r.unchecked.end(), std::back_inserter(out.unchecked));
    std::move(r.input_notes.begin(), r.input_notes.end(), std::back_inserter(out.input_notes));
  }
  std::move(conflicts.begin(), conflicts.end(), std::back_inserter(out.input_notes));
  report::Canonicalize(out);  // also drops the coverage gaps and notes every shard repeats
  return out;
}

}  // namespace fd::merge
