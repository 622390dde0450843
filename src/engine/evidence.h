#pragma once
/// The engine's last look at runtime evidence, after every check has run: a message AWS wrote
/// about a failed start is attached (quoted) to the findings whose code it names, and a stopped
/// task's message that names a cause no finding explains becomes an SVC012 finding.

#include <functional>
#include <string>
#include <vector>

#include "analysis/analysis.h"
#include "report/report.h"

namespace fd::engine {

/// `selected(code)` tells whether a check runs in this diagnosis (--select/--ignore).
void AttachRuntimeEvidence(const analysis::Analysis& analysis, std::vector<report::Finding>& findings,
                           const std::function<bool(const std::string&)>& selected);

}  // namespace fd::engine
