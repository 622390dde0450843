#pragma once
/// Unit tests of one check: start from a healthy design, change the one thing that should make
/// the check fire, run ONLY that check the way the engine runs it, and look at what it reported.
///
///   TEST(NET002, FiresWhenThePrivateRouteTableLosesItsNatRoute) {
///     auto s = fd::testing::Snapshot::Base("base-private-nat");
///     fd::testing::EraseIf(s.Item("RouteTables", "shop-prod-private")["Routes"],
///                          [](const auto& r) { return r.contains("NatGatewayId"); });
///     auto run = fd::testing::RunCheck(fd::testing::Def("NET002"), s.Load());
///     EXPECT_TRUE(fd::testing::FiresOn(run, s.Id("RouteTables", "shop-prod-private"),
///                                      fd::report::Severity::kBlocker, {"no route to a NAT"}));
///   }
///
/// A Snapshot is the AWS CLI JSON of a design, one nlohmann document per file, read from a
/// healthy scenario (tests/scenarios/base-*/snapshot) and edited in place; Load() feeds it to the
/// real ingest code, so a case exercises exactly what a user's snapshot would. Models built in
/// memory (testing/model_fixture.h) run too, with targets made by hand.
///
/// Conventions the meta-test (src/checks/check_tests_meta_test.cpp) enforces: a check's cases
/// are GoogleTest tests in a suite named exactly by its code, whose names begin with `Fires`,
/// `Silent` or `Unchecked`.
///
/// Misuse (an unknown code, an item the snapshot does not hold, a snapshot that does not load)
/// throws std::runtime_error, which GoogleTest reports as the failure of the calling test.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/analyze.h"
#include "checks/check.h"
#include "checks/memo.h"
#include "ingest/snapshot.h"
#include "model/model.h"
#include "report/report.h"
#include "util/strings.h"

namespace fd::testing {

using Json = nlohmann::ordered_json;

/// The one place a test names a check: by its code ("NET002").
inline const checks::CheckDef& Def(std::string_view code) {
  const checks::CheckDef* def = checks::FindCheck(code);
  if (!def) throw std::runtime_error("no registered check " + std::string(code));
  return *def;
}

/// Removes the elements of a JSON array for which `pred` holds; returns how many it removed.
template <typename Pred>
size_t EraseIf(Json& array, Pred pred) {
  if (!array.is_array()) throw std::runtime_error("EraseIf on a non-array: " + array.dump());
  size_t before = array.size();
  Json kept = Json::array();
  for (auto& e : array)
    if (!pred(e)) kept.push_back(std::move(e));
  array = std::move(kept);
  return before - array.size();
}

/// A design as AWS CLI outputs: file name -> document.
class Snapshot {
 public:
  /// The snapshot of a scenario under tests/scenarios/ (a healthy `base-*` one, normally).
  static Snapshot Base(std::string_view scenario) {
    namespace fs = std::filesystem;
    const fs::path dir = fs::path(FD_SOURCE_DIR) / "tests/scenarios" / scenario / "snapshot";
    if (!fs::is_directory(dir)) throw std::runtime_error("no scenario snapshot " + dir.string());
    Snapshot s;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
      if (!e.is_regular_file() || e.path().extension() != ".json") continue;
      std::ifstream in(e.path(), std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      s.docs_[fs::relative(e.path(), dir).generic_string()] = Json::parse(text.str());
    }
    return s;
  }

  /// The document of one file; a new empty object when the snapshot has no such file yet.
  Json& Doc(const std::string& file) { return docs_[file]; }
  bool Has(const std::string& file) const { return docs_.count(file) != 0; }
  /// Every document, by file name, for edits across files.
  std::map<std::string, Json>& Docs() { return docs_; }
  /// Leaves a file out (what a snapshot that lacks a command's output looks like).
  void Drop(const std::string& file) {
    if (!docs_.erase(file)) throw std::runtime_error("the snapshot has no file " + file);
  }

  /// The one item of the top-level list `list` ("Subnets", "RouteTables", "services", …, in
  /// whichever file holds it) that `ref` names: by its Name tag, or by a member whose key ends
  /// in Id, Name, name, Arn or arn ("subnet-0…", "api", an ARN). Exactly one must match.
  Json& Item(std::string_view list, std::string_view ref) {
    const std::string key(list);
    std::vector<Json*> hits;
    for (auto& [file, doc] : docs_) {
      if (!doc.is_object() || !doc.contains(key) || !doc[key].is_array()) continue;
      for (auto& item : doc[key])
        if (Names(item, ref)) hits.push_back(&item);
    }
    if (hits.size() != 1)
      throw std::runtime_error(std::to_string(hits.size()) + " items of " + std::string(list) +
                               " are named " + std::string(ref) + " (want exactly one)");
    return *hits.front();
  }
  /// The one task definition of the snapshot (describe-task-definition's `taskDefinition`).
  Json& TaskDefinition() {
    Json* found = nullptr;
    for (auto& [file, doc] : docs_)
      if (doc.is_object() && doc.contains("taskDefinition")) {
        if (found) throw std::runtime_error("more than one taskDefinition in the snapshot");
        found = &doc["taskDefinition"];
      }
    if (!found) throw std::runtime_error("no taskDefinition in the snapshot");
    return *found;
  }
  /// The AWS ID of that item ("subnet-0…", "sg-0…", the service's ARN, …).
  std::string Id(std::string_view list, std::string_view ref) {
    return IdOf(list, Item(list, ref));
  }
  /// Adds an item to the list `list` of `file` (created when absent).
  Json& Add(const std::string& file, std::string_view list, Json item) {
    Json& arr = docs_[file][std::string(list)];
    if (arr.is_null()) arr = Json::array();
    arr.push_back(std::move(item));
    return arr.back();
  }

  /// The model the real ingest code reads from these documents.
  model::Model Load() const {
    std::vector<ingest::InputFile> files;
    for (const auto& [file, doc] : docs_) files.push_back({file, doc.dump(2)});
    auto m = ingest::LoadFiles(files);
    if (!m) throw std::runtime_error("the snapshot does not load: " + m.error().message);
    return std::move(*m);
  }

  /// The ID member of an item of `list`: SubnetId for Subnets, GroupId for SecurityGroups, …
  static std::string IdOf(std::string_view list, const Json& item) {
    static const std::map<std::string_view, std::string_view> kIdKey = {
        {"SecurityGroups", "GroupId"},   {"services", "serviceArn"},
        {"clusters", "clusterArn"},      {"tasks", "taskArn"},
        {"RoleDetailList", "Arn"},       {"Policies", "Arn"},
        {"repositories", "repositoryArn"}, {"logGroups", "logGroupName"},
        {"SecretList", "ARN"},           {"FileSystems", "FileSystemId"},
        {"MountTargets", "MountTargetId"}, {"AccessPoints", "AccessPointId"},
        {"DhcpOptions", "DhcpOptionsId"}, {"AvailabilityZones", "ZoneId"},
    };
    std::string key;
    if (auto it = kIdKey.find(list); it != kIdKey.end()) key = it->second;
    else if (list.size() > 1 && list.back() == 's')  // Subnets -> SubnetId, VpcEndpoints -> VpcEndpointId
      key = std::string(list.substr(0, list.size() - 1)) + "Id";
    if (!item.contains(key) || !item[key].is_string())
      throw std::runtime_error("no " + key + " in " + item.dump());
    return item[key].get<std::string>();
  }

 private:
  static bool Names(const Json& item, std::string_view ref) {
    if (!item.is_object()) return false;
    if (auto tags = item.find("Tags"); tags != item.end() && tags->is_array())
      for (const auto& t : *tags)
        if (t.value("Key", "") == "Name" && t.value("Value", "") == ref) return true;
    for (const auto& [key, value] : item.items()) {
      if (!value.is_string() || value.get<std::string>() != ref) continue;
      for (std::string_view end : {"Id", "Name", "name", "Arn", "arn", "ARN"})
        if (key.size() >= end.size() && key.compare(key.size() - end.size(), end.size(), end) == 0)
          return true;
    }
    return false;
  }

  std::map<std::string, Json> docs_;
};

/// What one check reported over one model: its findings as it wrote them (before the engine
/// turns subnet-scoped blockers into warnings where other subnets still work), in the form the
/// report shows them (report::Canonicalize: evidence sorted, subnets unique), and its coverage
/// gaps, both its own and those the analysis recorded under its code.
struct CheckRun {
  std::string code;
  std::vector<std::string> targets;  ///< the analysed targets' keys
  size_t paths = 0;                   ///< the (subnet, need) paths traced for them
  std::vector<report::Finding> findings;
  std::vector<report::Unchecked> unchecked;

  /// The findings and gaps, one a line, for failure messages.
  std::string Dump() const {
    std::string s = code + " over " + util::Join(targets, ", ") + " (" + std::to_string(paths) + " paths):\n";
    for (const auto& f : findings)
      s += "  finding " + f.code + " [" + std::string(report::ToString(f.severity)) + "] " +
           f.resource + " (target " + f.target + "): " + f.message + "\n";
    for (const auto& u : unchecked) s += "  unchecked " + u.check + ": " + u.reason + "\n";
    if (findings.empty() && unchecked.empty()) s += "  (nothing)\n";
    return s;
  }
  /// The finding on `resource`, or nullptr.
  const report::Finding* On(std::string_view resource) const {
    for (const auto& f : findings)
      if (f.resource == resource) return &f;
    return nullptr;
  }
};

/// Runs `def` alone over `targets` already resolved, with the analysis built as the engine
/// builds it (analysis::Analyze, one checks::Memo).
inline CheckRun RunCheck(const checks::CheckDef& def, const model::Model& model,
                         std::vector<analysis::Target> targets) {
  analysis::Analysis an = analysis::Analyze(model, std::move(targets));
  checks::Memo memo;
  checks::FindingSink sink;
  def.run(checks::CheckContext{model, an.targets, memo}, sink);
  CheckRun run;
  run.code = std::string(def.info.code);
  run.findings = sink.TakeFindings();
  run.unchecked = sink.TakeUnchecked();
  // The gaps the engine reports for this code: the analysis' own, per target and per path.
  auto take = [&](const std::vector<report::Unchecked>& gaps) {
    for (const auto& u : gaps)
      if (u.check == run.code) run.unchecked.push_back(u);
  };
  for (const auto& ta : an.targets) {
    run.targets.push_back(ta.target.Key());
    run.paths += ta.paths.size();
    take(ta.unchecked);
    for (const auto& p : ta.paths) take(p.unchecked);
  }
  // In the order and form the report shows them: evidence sorted, subnets unique, ….
  report::Report canonical;
  canonical.findings = std::move(run.findings);
  canonical.unchecked = std::move(run.unchecked);
  report::Canonicalize(canonical);
  run.findings = std::move(canonical.findings);
  run.unchecked = std::move(canonical.unchecked);
  return run;
}

/// Runs `def` alone over the targets `query` resolves in `model`, as `diagnose` does (the
/// default query: every Fargate service of the snapshot).
inline CheckRun RunCheck(const checks::CheckDef& def, const model::Model& model,
                         const analysis::TargetQuery& query = {}) {
  std::vector<InputNote> notes;
  auto targets = analysis::ResolveTargets(model, query, &notes);
  if (!targets) throw std::runtime_error("targets do not resolve: " + targets.error().message);
  return RunCheck(def, model, std::move(*targets));
}

/// The same over the model `snapshot` loads.
inline CheckRun RunCheck(const checks::CheckDef& def, const Snapshot& snapshot,
                         const analysis::TargetQuery& query = {}) {
  return RunCheck(def, snapshot.Load(), query);
}

namespace detail {
inline bool ContainsAll(std::string_view text, std::initializer_list<std::string_view> words,
                        std::string* missing) {
  const std::string lower = util::Lower(text);
  for (std::string_view w : words)
    if (lower.find(util::Lower(w)) == std::string::npos) {
      *missing = std::string(w);
      return false;
    }
  return true;
}
}  // namespace detail

/// The check reported a finding of its own code on `resource`, with `severity`, whose message
/// holds every one of `words` (case-insensitive).
inline ::testing::AssertionResult FiresOn(const CheckRun& run, std::string_view resource,
                                          report::Severity severity,
                                          std::initializer_list<std::string_view> words = {}) {
  const report::Finding* f = run.On(resource);
  if (!f) return ::testing::AssertionFailure() << "no finding on " << resource << "\n" << run.Dump();
  if (f->code != run.code)
    return ::testing::AssertionFailure() << "the finding on " << resource << " has code " << f->code
                                         << "\n" << run.Dump();
  if (f->severity != severity)
    return ::testing::AssertionFailure() << "the finding on " << resource << " is "
                                         << report::ToString(f->severity) << ", not "
                                         << report::ToString(severity) << "\n" << run.Dump();
  std::string missing;
  if (!detail::ContainsAll(f->message, words, &missing))
    return ::testing::AssertionFailure() << "the message on " << resource << " lacks \"" << missing
                                         << "\"\n" << run.Dump();
  return ::testing::AssertionSuccess();
}

/// The finding on `resource` has an evidence claim holding every one of `words`
/// (case-insensitive).
inline ::testing::AssertionResult EvidenceOn(const CheckRun& run, std::string_view resource,
                                             std::initializer_list<std::string_view> words) {
  const report::Finding* f = run.On(resource);
  if (!f) return ::testing::AssertionFailure() << "no finding on " << resource << "\n" << run.Dump();
  std::string missing;
  for (const auto& e : f->evidence)
    if (detail::ContainsAll(e.claim, words, &missing)) return ::testing::AssertionSuccess();
  std::string claims;
  for (const auto& e : f->evidence) claims += "  evidence " + e.resource + ": " + e.claim + "\n";
  return ::testing::AssertionFailure() << "no evidence claim on " << resource << " holds all the words\n" << claims;
}

/// The check found nothing, and had everything it needed to decide so.
inline ::testing::AssertionResult Silent(const CheckRun& run) {
  if (run.targets.empty())
    return ::testing::AssertionFailure() << "no target was analysed: silence proves nothing\n" << run.Dump();
  if (!run.findings.empty() || !run.unchecked.empty())
    return ::testing::AssertionFailure() << "expected silence\n" << run.Dump();
  return ::testing::AssertionSuccess();
}

/// The check could not decide: no finding, and a gap of its code whose reason holds every one
/// of `words` (case-insensitive).
inline ::testing::AssertionResult UncheckedBecause(const CheckRun& run,
                                                   std::initializer_list<std::string_view> words) {
  if (!run.findings.empty())
    return ::testing::AssertionFailure() << "expected no finding\n" << run.Dump();
  for (const auto& u : run.unchecked) {
    std::string missing;
    if (u.check == run.code && detail::ContainsAll(u.reason, words, &missing))
      return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure() << "no gap of " << run.code << " with those words\n" << run.Dump();
}

}  // namespace fd::testing
