// Attaching runtime evidence to findings, and SVC012 for stopped tasks whose message names a
// cause no finding of this run explains (the snapshot may be newer than the fault, or the cause
// is outside it).
#include "engine/evidence.h"

#include <algorithm>
#include <unordered_map>

#include "checks/check.h"
#include "checks/svc/svc012_evidence_unexplained.h"

namespace fd::engine {
namespace {

std::string Quote(const std::string& m) { return "\"" + m + "\""; }

std::string Suggested(const std::vector<std::string>& codes) {
  std::string out;
  size_t n = 0;
  for (const auto& c : codes) {
    if (n == 6) return out + ", …";
    out += (n++ ? ", " : "") + c;
  }
  return out;
}

}  // namespace

void AttachRuntimeEvidence(const analysis::Analysis& analysis, std::vector<report::Finding>& findings,
                           const std::function<bool(const std::string&)>& selected) {
  std::unordered_map<std::string, std::vector<size_t>> by_target;
  for (size_t i = 0; i < findings.size(); ++i) by_target[findings[i].target].push_back(i);
  const checks::CheckInfo& info = checks::Svc012Info();
  std::vector<report::Finding> added;
  for (const auto& ta : analysis.targets) {
    const std::string& key = ta.target.Key();
    const auto& mine = by_target[key];
    for (const auto& e : ta.evidence) {
      bool explained = false;
      const report::Evidence line{e.resource, Quote(e.message)};
      for (size_t i : mine) {
        report::Finding& f = findings[i];
        if (!e.Names(f.code)) continue;
        explained = true;
        if (std::find(f.evidence.begin(), f.evidence.end(), line) == f.evidence.end()) f.evidence.push_back(line);
      }
      // SVC012: only a stopped task's own message, only when every check it points at ran.
      if (explained || e.source == analysis::EvidenceSource::kServiceEvent || !selected(std::string(info.code)))
        continue;
      if (!std::all_of(e.codes.begin(), e.codes.end(), [&](const std::string& c) { return selected(c); })) continue;
      std::vector<std::string> known;
      for (const auto& c : e.codes)
        if (checks::FindCheck(c)) known.push_back(c);
      report::Finding f;
      f.code = std::string(info.code);
      f.slug = std::string(info.slug);
      f.title = std::string(info.title);
      f.severity = info.severity;
      f.target = key;
      f.resource = e.resource;
      std::string what = e.container.empty() ? "stopped task " + e.resource
                                             : "container " + e.container + " of stopped task " + e.resource;
      f.message = what + " failed with " + Quote(e.message) + " (suggests " + Suggested(e.codes) + ": " +
                  (e.meanings.empty() ? std::string("a known cause") : e.meanings.front()) + "), but " +
                  (known.empty() ? "fargate-doctor has no check for these causes yet"
                                 : "the configuration in the snapshot shows no such fault: the snapshot may be "
                                   "older than the failure, or the cause is outside it");
      f.evidence.push_back(line);
      if (!e.time.empty())
        f.evidence.push_back({e.resource, std::string(analysis::ToString(e.source)) + " at " + e.time +
                                              (e.stop_code.empty() ? "" : ", stopCode " + e.stop_code)});
      f.fix = {"collect a fresh snapshot right after a failed start and diagnose again",
               {"aws ecs describe-tasks --cluster " + ta.target.cluster_arn + " --tasks " + e.resource}};
      added.push_back(std::move(f));
    }
  }
  for (auto& f : added) findings.push_back(std::move(f));
}

}  // namespace fd::engine
