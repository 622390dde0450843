#include "checks/svc/evidence_findings.h"

#include <algorithm>

namespace fd::checks {

std::vector<const analysis::RuntimeEvidence*> EvidenceNaming(const analysis::TargetAnalysis& ta,
                                                             Code code) {
  std::vector<const analysis::RuntimeEvidence*> out;
  for (const auto& e : ta.evidence)
    if (e.Names(code)) out.push_back(&e);
  return out;
}

std::string QuoteMessage(const std::string& message) { return "\"" + message + "\""; }

void AddEvidenceLines(report::Finding& f, const std::vector<const analysis::RuntimeEvidence*>& items) {
  for (const auto* e : items) {
    report::Evidence line{e->resource, QuoteMessage(e->message)};
    if (std::find(f.evidence.begin(), f.evidence.end(), line) == f.evidence.end()) f.evidence.push_back(line);
  }
}

void ReportEvidenceFindings(const CheckContext& ctx, FindingSink& sink, const CheckInfo& info,
                            bool raise_on_start_failure, const EvidenceMessageFn& message,
                            const EvidenceFixFn& fix) {
  for (const auto& ta : ctx.targets) {
    auto items = EvidenceNaming(ta, info.code);
    if (items.empty()) continue;
    auto& f = sink.Report(info, ta.target, ta.target.Key(), message(ta, items));
    if (raise_on_start_failure)
      for (const auto* e : items)
        if (e->start_failure) f.severity = report::Severity::kBlocker;
    AddEvidenceLines(f, items);
    f.fix = fix(ta);
  }
}

}  // namespace fd::checks
