// Attaching runtime evidence to findings, and SVC012 for every message no finding explains (the
// snapshot may be newer than the fault, the cause is outside it, or the wording is unknown), so
// that each message AWS wrote ends in exactly one place of the report.
#include "engine/evidence.h"

#include <algorithm>
#include <optional>
#include <unordered_map>

#include "checks/check.h"
#include "checks/svc/svc012_evidence_unexplained.h"

namespace fd::engine {
namespace {

using analysis::FailureKind;

std::string Quote(const std::string& m) { return "\"" + m + "\""; }

std::string Suggested(const std::vector<Code>& codes) {
  std::string out;
  size_t n = 0;
  for (Code c : codes) {
    if (n == 6) return out + ", …";
    out += (n++ ? ", " : "") + std::string(ToString(c));
  }
  return out;
}

/// Whether a check already quoted the message in its finding (IAM014, SVC011 pick their
/// messages by more than the codes the table names).
bool Quotes(const report::Finding& f, const std::string& message) {
  if (f.message.find(message) != std::string::npos) return true;
  return std::any_of(f.evidence.begin(), f.evidence.end(), [&](const report::Evidence& e) {
    return e.claim.find(message) != std::string::npos;
  });
}

/// Why no finding explains `e`, and what the snapshot cannot show that could.
std::string Unexplained(const analysis::RuntimeEvidence& e) {
  const auto& kind = analysis::Describe(e.kind);
  if (e.kind == FailureKind::kNotAFailure)
    return "no fault is implied; listed so that every message AWS wrote is in the report";
  if (e.kind == FailureKind::kUnrecognised)
    return "the report cannot tell " + std::string(kind.cannot_show);
  const bool checked = !e.codes.empty();  // every code a row names is a registered check
  const std::string head =
      checked ? "no finding of " + Suggested(e.codes) + " shows such a fault in the snapshot"
              : "fargate-doctor has no check for this cause yet";
  return head + "; what the snapshot cannot show: " + std::string(kind.cannot_show);
}

report::Finding Svc012(const analysis::RuntimeEvidence& e, const analysis::Target& target) {
  const checks::CheckInfo& info = checks::Svc012Info();
  const bool event = e.source == analysis::EvidenceSource::kServiceEvent;
  report::Finding f;
  f.code = std::string(ToString(info.code));
  f.slug = std::string(info.slug);
  f.title = std::string(info.title);
  // A failed start the service has not recovered from keeps the verdict from "ok".
  f.severity = e.recent_failure ? report::Severity::kWarning : report::Severity::kInfo;
  f.target = target.Key();
  f.resource = event ? target.Key() : e.resource;
  const std::string what = event                 ? "the service reported"
                           : e.container.empty() ? "task " + e.resource + " stopped with"
                                                 : "container " + e.container + " of task " +
                                                       e.resource + " stopped with";
  const auto& kind = analysis::Describe(e.kind);
  f.message = what + " " + Quote(e.message) + ": " + std::string(kind.label) +
              (e.meanings.empty() ? std::string() : " (" + e.meanings.front() + ")") + "; " +
              Unexplained(e);
  f.evidence.push_back({e.resource, Quote(e.message)});
  if (!e.time.empty())
    f.evidence.push_back(
        {e.resource, event ? "createdAt " + e.time
                           : std::string(analysis::ToString(e.source)) + " at " + e.time +
                                 (e.stop_code.empty() ? "" : ", stopCode " + e.stop_code)});
  fix::Read read = event ? fix::Read{"ecs", "describe-services", {"--cluster", target.cluster_arn, "--services", target.name}}
                         : fix::Read{"ecs", "describe-tasks", {"--cluster", target.cluster_arn, "--tasks", e.resource}};
  f.fix = report::Fix::Of("collect a fresh snapshot right after a failed start and diagnose again", {std::move(read)});
  return f;
}

}  // namespace

void AttachRuntimeEvidence(const analysis::Analysis& analysis,
                           std::vector<report::Finding>& findings,
                           const std::function<bool(Code)>& selected) {
  std::unordered_map<std::string, std::vector<size_t>> by_target;
  std::vector<std::optional<Code>> codes(findings.size());  // each finding's, parsed once
  for (size_t i = 0; i < findings.size(); ++i) {
    by_target[findings[i].target].push_back(i);
    codes[i] = ParseCode(findings[i].code);
  }
  const bool svc012 = selected(checks::Svc012Info().code);
  std::vector<report::Finding> added;
  for (const auto& ta : analysis.targets) {
    const auto& mine = by_target[ta.target.Key()];
    for (const auto& e : ta.evidence) {
      bool explained = false;
      const report::Evidence line{e.resource, Quote(e.message)};
      for (size_t i : mine) {
        report::Finding& f = findings[i];
        if (!codes[i] || !e.Names(*codes[i])) {
          explained = explained || Quotes(f, e.message);
          continue;
        }
        explained = true;
        if (std::find(f.evidence.begin(), f.evidence.end(), line) == f.evidence.end())
          f.evidence.push_back(line);
      }
      // Otherwise SVC012, unless the user left out SVC012 or a check the message points at
      // (--select/--ignore): then the absence of that finding proves nothing.
      if (explained || !svc012) continue;
      if (!std::all_of(e.codes.begin(), e.codes.end(),
                       selected))
        continue;
      added.push_back(Svc012(e, ta.target));
    }
  }
  for (auto& f : added) findings.push_back(std::move(f));
}

}  // namespace fd::engine
