#pragma once
/// Shared body of the checks that report causes only runtime evidence can show (quota,
/// capacity, throttling, ENI timeouts, scheduler back-off, health-check stops): one finding per
/// target, quoting every message AWS wrote that names the check's code.

#include <functional>
#include <string>
#include <vector>

#include "checks/check_util.h"

namespace fd::checks {

/// The target's runtime evidence items that name `code`, newest first.
std::vector<const analysis::RuntimeEvidence*> EvidenceNaming(const analysis::TargetAnalysis& ta,
                                                             Code code);

/// `"<message>"`: how a raw AWS message is quoted as a claim.
std::string QuoteMessage(const std::string& message);

/// One report::Evidence per item: resource = the task ARN or "service event", claim = the raw
/// message, quoted (the engine attaches the same lines to other findings and skips duplicates).
void AddEvidenceLines(report::Finding& f, const std::vector<const analysis::RuntimeEvidence*>& items);

using EvidenceMessageFn =
    std::function<std::string(const analysis::TargetAnalysis&, const std::vector<const analysis::RuntimeEvidence*>&)>;
using EvidenceFixFn = std::function<report::Fix(const analysis::TargetAnalysis&)>;

/// For every target with evidence naming info.code: one finding on the target. With
/// `raise_on_start_failure`, a finding whose evidence includes a task stopped with
/// TaskFailedToStart is a blocker (docs/design/checks.md: the evidence proves a start failure).
void ReportEvidenceFindings(const CheckContext& ctx, FindingSink& sink, const CheckInfo& info,
                            bool raise_on_start_failure, const EvidenceMessageFn& message,
                            const EvidenceFixFn& fix);

}  // namespace fd::checks
