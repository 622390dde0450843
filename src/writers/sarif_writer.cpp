#include "writers/sarif_writer.h"

#include <fmt/format.h>

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "checks/check.h"
#include "util/build_info.h"
#include "writers/scopes.h"

namespace fd::writers {
namespace {

using nlohmann::json;

constexpr std::string_view kSchemaUri =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
constexpr std::string_view kToolName = "fargate-doctor";
/// The project has no public home yet; this is the one place to change when it has.
constexpr std::string_view kInformationUri = "https://github.com/fargate-doctor/fargate-doctor";
constexpr std::string_view kFingerprintKey = "fargateDoctor/v1";

std::string_view Level(report::Severity s) {
  switch (s) {
    case report::Severity::kBlocker: return "error";
    case report::Severity::kWarning: return "warning";
    case report::Severity::kInfo: return "note";
  }
  return "warning";
}

std::string_view FirstWord(std::string_view s) {
  size_t b = s.find_first_not_of(" \n\t");
  if (b == std::string_view::npos) return {};
  size_t e = s.find_first_of(" \n\t", b);
  return s.substr(b, e == std::string_view::npos ? std::string_view::npos : e - b);
}

std::vector<std::string_view> Words(std::string_view s) {
  std::vector<std::string_view> out;
  while (!(s = s.substr(std::min(s.size(), s.find_first_not_of(" \n\t")))).empty()) {
    std::string_view w = FirstWord(s);
    out.push_back(w);
    s.remove_prefix(w.size());
  }
  return out;
}

json Rule(const checks::CheckInfo& c) {
  std::string markdown = fmt::format("**{}** ({})\n\n{}\n", c.title, ToString(c.code), c.remediation);
  std::vector<std::string_view> refs = Words(c.references);
  if (!refs.empty()) {
    markdown += "\nReferences:\n\n";
    for (std::string_view r : refs) markdown += fmt::format("- <{}>\n", r);
  }
  json rule = {{"id", ToString(c.code)},
               {"name", c.slug},
               {"shortDescription", {{"text", c.title}}},
               {"fullDescription", {{"text", c.rationale}}},
               {"help", {{"text", c.remediation}, {"markdown", markdown}}},
               {"defaultConfiguration", {{"level", Level(c.severity)}}},
               {"properties", {{"tags", json::array({checks::ToString(c.group)})}}}};
  if (!refs.empty()) rule["helpUri"] = refs.front();
  return rule;
}

json Logical(const std::string& name, std::string_view kind) {
  return {{"fullyQualifiedName", name}, {"kind", kind}};
}

const report::Target* FindTarget(const report::Report& r, const std::string& id) {
  for (const auto& t : r.targets)
    if (t.arn == id || (t.arn.empty() && t.name == id)) return &t;
  return nullptr;
}

/// The trace of the finding's first broken path that the report holds, or nullptr.
const report::Dependency* FirstTrace(const report::Target* t, const report::Finding& f) {
  if (t == nullptr) return nullptr;
  for (const auto& p : f.paths)
    for (const auto& d : t->dependencies)
      if (d.service == p.service && d.subnet == p.subnet && !d.trace.empty()) return &d;
  return nullptr;
}

json CodeFlow(const report::Dependency& d) {
  json steps = json::array();
  int order = 0;
  for (const auto& s : d.trace) {
    std::string text = fmt::format("{}: {} {}", s.hop, s.step, report::ToString(s.action));
    if (!s.detail.empty()) text += fmt::format(" ({})", s.detail);
    json location = {{"message", {{"text", text}}}};
    if (!s.resource.empty()) location["logicalLocations"] = json::array({Logical(s.resource, "resource")});
    steps.push_back({{"location", std::move(location)}, {"executionOrder", ++order}});
  }
  std::string reach = !d.reachable ? "undecided" : *d.reachable ? "reachable" : "blocked";
  std::string text = fmt::format("{} from {}: {}", d.service, d.subnet, reach);
  if (!d.needed_because.empty()) text += fmt::format(" (needed for {})", d.needed_because);
  return {{"message", {{"text", text}}},
          {"threadFlows", json::array({{{"locations", std::move(steps)}}})}};
}

json Result(const report::Report& r, const report::Finding& f,
            const std::map<std::string_view, size_t>& rule_index) {
  // A template or plan finding points at the line that declares its resource, so code
  // scanning annotates it; a snapshot finding has no file to point into.
  json region = {{"startLine", 1}};
  std::string uri(kSarifArtifactUri);
  if (f.location && !f.location->file.empty()) {
    uri = f.location->file;
    if (f.location->line > 0) region = {{"startLine", f.location->line}, {"startColumn", f.location->column}};
  }
  json location = {{"physicalLocation", {{"artifactLocation", {{"uri", uri}}}, {"region", std::move(region)}}},
                   {"logicalLocations", json::array()}};
  if (f.location && !f.location->declared_id.empty())
    location["logicalLocations"].push_back(
        Logical(f.location->source.empty() ? f.location->declared_id : f.location->source + "/" + f.location->declared_id,
                "declaration"));
  if (!f.resource.empty()) location["logicalLocations"].push_back(Logical(f.resource, "resource"));
  if (!f.target.empty() && f.target != f.resource)
    location["logicalLocations"].push_back(Logical(f.target, "resource"));

  json result = {{"ruleId", f.code},
                 {"level", Level(f.severity)},
                 {"message", {{"text", f.message}}},
                 {"locations", json::array({std::move(location)})},
                 {"partialFingerprints", {{kFingerprintKey, SarifFingerprint(f)}}}};
  if (auto it = rule_index.find(f.code); it != rule_index.end()) result["ruleIndex"] = it->second;

  if (!f.evidence.empty()) {
    json related = json::array();
    int id = 0;
    for (const auto& e : f.evidence) {
      json loc = {{"id", id++}, {"message", {{"text", e.claim}}}};
      if (!e.resource.empty()) loc["logicalLocations"] = json::array({Logical(e.resource, "resource")});
      related.push_back(std::move(loc));
    }
    result["relatedLocations"] = std::move(related);
  }

  const report::Target* target = FindTarget(r, f.target);
  if (const report::Dependency* d = FirstTrace(target, f))
    result["codeFlows"] = json::array({CodeFlow(*d)});

  // SARIF `fixes` must be artifact edits; ours are AWS CLI commands, so they go in a property.
  // A template's edits too: a SARIF fix is a replacement of an exact region (deletedRegion and
  // insertedContent), and the report knows a resource's declaration line, not the end of its
  // Properties or of the Resources map where a snippet goes, so no replacement it could write
  // would be correct. The snippets ride along as `edits`, in the language `editsLanguage` says.
  json props = {{"severity", report::ToString(f.severity)}, {"target", f.target}};
  // Where the target lives, so a log of many accounts and Regions can be filtered by them.
  if (target && !AccountOf(*target).empty()) props["account"] = AccountOf(*target);
  if (target && !RegionOf(*target).empty()) props["region"] = RegionOf(*target);
  if (!f.slug.empty()) props["slug"] = f.slug;
  if (!f.subnets.empty()) props["subnets"] = f.subnets;
  if (!f.fix.summary.empty() || !f.fix.commands.empty())
    props["fix"] = {{"summary", f.fix.summary}, {"commands", f.fix.commands}};
  if (!f.fix.edits.empty()) props["fix"]["edits"] = f.fix.edits;
  if (!r.edits_language.empty()) props["editsLanguage"] = r.edits_language;
  // A finding on a blocked path also carries the whole change set the report picked.
  if (target && !f.paths.empty())
    for (const auto& rem : target->remedies) {
      if (!rem.fewest) continue;
      json changes = json::array();
      for (const auto& c : rem.changes)
      {
        json change = {{"summary", c.summary}, {"commands", c.commands}, {"billable", c.billable}};
        if (!c.edits.empty()) change["edits"] = c.edits;
        changes.push_back(std::move(change));
      }
      props["remedy"] = {{"name", rem.name}, {"changes", std::move(changes)}};
    }
  result["properties"] = std::move(props);
  return result;
}

json Invocation(const report::Report& r, const std::map<std::string_view, size_t>& rule_index) {
  json notes = json::array();
  for (const auto& u : r.unchecked) {
    json n = {{"level", "warning"},
              {"message", {{"text", fmt::format("{} could not run: {}", u.check, u.reason)}}}};
    json rule = {{"id", u.check}};
    if (auto it = rule_index.find(u.check); it != rule_index.end()) rule["index"] = it->second;
    n["associatedRule"] = std::move(rule);
    notes.push_back(std::move(n));
  }
  for (const auto& in : r.input_notes) {
    json n = {{"level", "note"}, {"message", {{"text", in.note}}}};
    if (!in.file.empty()) {
      json loc = {{"physicalLocation", {{"artifactLocation", {{"uri", in.file}}}}}};
      if (!in.pointer.empty()) loc["properties"] = {{"jsonPointer", in.pointer}};
      n["locations"] = json::array({std::move(loc)});
    }
    notes.push_back(std::move(n));
  }
  json inv = {{"executionSuccessful", true}};
  if (!notes.empty()) inv["toolExecutionNotifications"] = std::move(notes);
  return inv;
}

}  // namespace

std::string SarifFingerprint(const report::Finding& f) {
  std::uint64_t h = 14695981039346656037ull;
  auto mix = [&h](std::string_view s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 1099511628211ull;
    }
    h ^= 0x1f;  // field separator, so ("ab","c") and ("a","bc") differ
    h *= 1099511628211ull;
  };
  mix(f.code);
  mix(f.target);
  mix(f.resource);
  return fmt::format("{:016x}", h);
}

std::string RenderSarif(report::Report r) {
  report::Canonicalize(r);

  json rules = json::array();
  std::map<std::string_view, size_t> rule_index;
  for (const checks::CheckDef* c : checks::AllChecks()) {
    rule_index.emplace(ToString(c->info.code), rules.size());
    rules.push_back(Rule(c->info));
  }

  json results = json::array();
  for (const auto& f : r.findings) results.push_back(Result(r, f, rule_index));

  json targets = json::array();
  for (const auto& t : r.targets) {
    json target = {{"kind", t.kind}, {"name", t.name}, {"arn", t.arn}, {"verdict", report::ToString(t.verdict)}};
    if (!AccountOf(t).empty()) target["account"] = AccountOf(t);
    if (!RegionOf(t).empty()) target["region"] = RegionOf(t);
    targets.push_back(std::move(target));
  }

  json run = {{"tool",
               {{"driver",
                 {{"name", kToolName},
                  {"informationUri", kInformationUri},
                  {"version", GetBuildInfo().version},
                  {"semanticVersion", GetBuildInfo().version},
                  {"rules", std::move(rules)}}}}},
              {"invocations", json::array({Invocation(r, rule_index)})},
              {"results", std::move(results)},
              {"properties",
               {{"verdict", report::ToString(r.verdict)}, {"targets", std::move(targets)}}}};
  json doc = {{"$schema", kSchemaUri}, {"version", "2.1.0"}, {"runs", json::array({std::move(run)})}};
  return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace fd::writers
