// The SARIF half of merge.h: fargate-doctor's own logs, joined run by run.
#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <map>
#include <tuple>
#include <unordered_map>

#include "merge/merge.h"

namespace fd::merge {
namespace {

using nlohmann::json;

constexpr size_t kNone = std::numeric_limits<size_t>::max();

std::string Str(const json& obj, std::string_view key) {
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

/// The member `key` of `obj`, or nullptr (also when `obj` is not an object).
const json* Find(const json& obj, std::string_view key) {
  if (!obj.is_object()) return nullptr;
  auto it = obj.find(key);
  return it == obj.end() ? nullptr : &*it;
}

/// What findings name as their target: the ARN, else the name (report::Owns).
std::string OwnerKey(const json& target) {
  std::string arn = Str(target, "arn");
  return arn.empty() ? Str(target, "name") : arn;
}

report::Verdict VerdictOf(const std::string& s) {
  for (report::Verdict v : {report::Verdict::kAtRisk, report::Verdict::kInconclusive, report::Verdict::kBlocked})
    if (report::ToString(v) == s) return v;
  return report::Verdict::kOk;
}

report::Severity SeverityOf(const std::string& s) {
  for (report::Severity v : {report::Severity::kInfo, report::Severity::kWarning})
    if (report::ToString(v) == s) return v;
  return report::Severity::kBlocker;
}

/// One run of one input, with its targets and the target each result belongs to.
struct RunIn {
  size_t input = 0;
  size_t run = 0;
  json* doc = nullptr;
  std::vector<bool> kept;     ///< by target
  std::vector<size_t> owner;  ///< by result: its target's index, or kNone
};

/// A target with its results, as text: two copies differ exactly when these do.
std::string Rendered(const RunIn& r, size_t target) {
  json one = {(*r.doc)["properties"]["targets"][target], json::array()};
  const json& results = (*r.doc)["results"];
  for (size_t x = 0; x < results.size(); ++x)
    if (r.owner[x] == target) one[1].push_back(results[x]);
  return one.dump(-1, ' ', false, json::error_handler_t::replace);
}

/// The notifications in the SARIF writer's order: coverage gaps by (check, text), then input
/// notes by (file, pointer, text), as report::Canonicalize orders them. Repeats dropped.
void OrderNotifications(json& notes) {
  // Notifications come from files: any member may be missing or of another type.
  auto key = [](const json& n) {
    const json* rule = Find(n, "associatedRule");
    std::string uri, pointer;
    const json* locations = Find(n, "locations");
    if (locations && locations->is_array() && !locations->empty()) {
      const json& loc = locations->front();
      if (const json* phys = Find(loc, "physicalLocation"))
        if (const json* artifact = Find(*phys, "artifactLocation")) uri = Str(*artifact, "uri");
      if (const json* props = Find(loc, "properties")) pointer = Str(*props, "jsonPointer");
    }
    const json* message = Find(n, "message");
    const std::string text = message ? Str(*message, "text") : "";
    return std::make_tuple(rule == nullptr, rule ? Str(*rule, "id") : uri, pointer, text);
  };
  using Key = std::tuple<bool, std::string, std::string, std::string>;
  std::vector<std::pair<Key, json>> keyed;
  keyed.reserve(notes.size());
  for (json& n : notes) keyed.emplace_back(key(n), std::move(n));
  std::sort(keyed.begin(), keyed.end());
  keyed.erase(std::unique(keyed.begin(), keyed.end()), keyed.end());
  notes = json::array();
  for (auto& k : keyed) notes.push_back(std::move(k.second));
}

/// A merged run: the first run of its tool version, its parts gathered from every input.
struct RunOut {
  json run;
  json results = json::array();
  json notes = json::array();
  json targets = json::array();
};

json Finish(RunOut& out) {
  // Results in the writer's order (by code, then target, ...): every (code, target) comes from
  // one input, in that input's order, so a stable sort on those two restores it.
  std::vector<json> results;
  for (json& x : out.results) results.push_back(std::move(x));
  std::stable_sort(results.begin(), results.end(), [](const json& a, const json& b) {
    return std::make_tuple(Str(a, "ruleId"), Str(a.at("properties"), "target")) <
           std::make_tuple(Str(b, "ruleId"), Str(b.at("properties"), "target"));
  });
  std::vector<json> targets;
  for (json& t : out.targets) targets.push_back(std::move(t));
  std::stable_sort(targets.begin(), targets.end(), [](const json& a, const json& b) {
    return std::make_tuple(Str(a, "kind"), Str(a, "arn"), Str(a, "name")) <
           std::make_tuple(Str(b, "kind"), Str(b, "arn"), Str(b, "name"));
  });
  report::Verdict verdict = report::Verdict::kOk;
  for (const json& t : targets) verdict = std::max(verdict, VerdictOf(Str(t, "verdict")));
  OrderNotifications(out.notes);
  json invocation = {{"executionSuccessful", true}};
  if (!out.notes.empty()) invocation["toolExecutionNotifications"] = std::move(out.notes);
  json run = std::move(out.run);
  run["results"] = json(std::move(results));
  run["invocations"] = json::array({std::move(invocation)});
  run["properties"] = {{"verdict", report::ToString(verdict)}, {"targets", json(std::move(targets))}};
  return run;
}

/// Every run of every input, each result tied to the target it names (by ARN, else name).
std::vector<RunIn> IndexRuns(std::vector<Loaded>& inputs) {
  std::vector<RunIn> runs;
  for (size_t i = 0; i < inputs.size(); ++i)
    for (size_t r = 0; r < inputs[i].sarif["runs"].size(); ++r) {
      RunIn in{i, r, &inputs[i].sarif["runs"][r], {}, {}};
      const json& targets = (*in.doc)["properties"]["targets"];
      std::unordered_map<std::string, size_t> by_key;
      for (size_t k = 0; k < targets.size(); ++k) by_key.emplace(OwnerKey(targets[k]), k);
      in.kept.assign(targets.size(), true);
      for (const json& res : (*in.doc)["results"]) {
        auto it = by_key.find(Str(res["properties"], "target"));
        in.owner.push_back(it == by_key.end() ? kNone : it->second);
      }
      runs.push_back(std::move(in));
    }
  return runs;
}

}  // namespace

std::string Identity(const json& t) {
  const std::string arn = Str(t, "arn");
  if (!arn.empty()) return Str(t, "kind") + '\x1f' + arn;
  return Str(t, "kind") + '\x1f' + Str(t, "name");
}

json MergeSarif(std::vector<Loaded>& inputs, report::Report& facts) {
  std::vector<RunIn> runs = IndexRuns(inputs);

  // The same target twice: the later copy stays (see MergeReports).
  std::unordered_map<std::string, std::pair<size_t, size_t>> slots;  // identity -> (run, target)
  std::vector<std::pair<size_t, json>> conflicts;                    // (run, notification)
  for (size_t r = 0; r < runs.size(); ++r) {
    const json& targets = (*runs[r].doc)["properties"]["targets"];
    for (size_t k = 0; k < targets.size(); ++k) {
      auto [it, fresh] = slots.try_emplace(Identity(targets[k]), r, k);
      if (fresh) continue;
      const auto [er, ek] = it->second;
      runs[er].kept[ek] = false;
      it->second = {r, k};
      if (Rendered(runs[er], ek) == Rendered(runs[r], k)) continue;
      const std::string file = inputs[runs[r].input].file;
      json note = {{"level", "note"},
                   {"message", {{"text", fmt::format("{} {} is also in {} with a different diagnosis; the "
                                                     "merge keeps this one (the later argument)",
                                                     Str(targets[k], "kind"), OwnerKey(targets[k]),
                                                     inputs[runs[er].input].file)}}},
                   {"locations", json::array({{{"physicalLocation", {{"artifactLocation", {{"uri", file}}}}},
                                               {"properties", {{"jsonPointer",
                                                                fmt::format("/runs/{}/properties/targets/{}",
                                                                            runs[r].run, k)}}}}})}};
      conflicts.emplace_back(r, std::move(note));
    }
  }

  // One run per tool version, in the order the versions first appear.
  std::vector<RunOut> outs;
  std::map<std::string, size_t> by_version;
  std::vector<size_t> out_of(runs.size());
  for (size_t r = 0; r < runs.size(); ++r) {
    json& doc = *runs[r].doc;
    auto [it, fresh] = by_version.try_emplace(Str(doc["tool"]["driver"], "version"), outs.size());
    out_of[r] = it->second;
    if (fresh) {
      RunOut o;
      o.run = {{"tool", doc["tool"]}};
      outs.push_back(std::move(o));
    }
    RunOut& o = outs[it->second];
    json& targets = doc["properties"]["targets"];
    for (size_t k = 0; k < targets.size(); ++k)
      if (runs[r].kept[k]) {
        facts.targets.emplace_back().verdict = VerdictOf(Str(targets[k], "verdict"));
        o.targets.push_back(std::move(targets[k]));
      }
    json& results = doc["results"];
    for (size_t x = 0; x < results.size(); ++x)
      if (runs[r].owner[x] == kNone || runs[r].kept[runs[r].owner[x]]) {
        facts.findings.emplace_back().severity = SeverityOf(Str(results[x]["properties"], "severity"));
        o.results.push_back(std::move(results[x]));
      }
    if (doc.contains("invocations") && doc["invocations"].is_array())
      for (json& inv : doc["invocations"])
        if (inv.is_object() && inv.contains("toolExecutionNotifications"))
          for (json& n : inv["toolExecutionNotifications"]) o.notes.push_back(std::move(n));
  }
  for (auto& [r, note] : conflicts) outs[out_of[r]].notes.push_back(std::move(note));

  json merged_runs = json::array();
  for (RunOut& o : outs) merged_runs.push_back(Finish(o));
  for (const report::Target& t : facts.targets) facts.verdict = std::max(facts.verdict, t.verdict);
  const std::string schema = inputs.empty() ? std::string() : Str(inputs.front().sarif, "$schema");
  return {{"$schema", schema}, {"version", "2.1.0"}, {"runs", std::move(merged_runs)}};
}

}  // namespace fd::merge
