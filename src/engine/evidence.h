#pragma once
/// The engine's last look at runtime evidence, after every check has run: each message AWS wrote
/// about a stop or a failed start is attached (quoted) to the findings whose code it names, or is
/// already quoted by a finding, or becomes an SVC012 finding of its own (unrecognised wording
/// included), so that none is dropped.

#include <functional>
#include <string>
#include <vector>

#include "analysis/analysis.h"
#include "report/report.h"

namespace fd::engine {

/// `selected(code)` tells whether a check runs in this diagnosis (--select/--ignore).
void AttachRuntimeEvidence(const analysis::Analysis& analysis, std::vector<report::Finding>& findings,
                           const std::function<bool(Code)>& selected);

}  // namespace fd::engine
