#pragma once
/// A self-contained HTML page (`--format html`): a verdict banner; a summary of every target
/// that filters by verdict and severity (CSS only) and sorts (script); per target that is not
/// ok, its dependency matrix (subnet × destination, a symbol in every cell, each linking to its
/// path), its VPC map with what is broken outlined, its findings with evidence, every path that
/// is blocked or undecided drawn as a hop diagram with the deciding hop marked and the rule or
/// route that decides it, its reachable paths one line each, and its remedies with every
/// command (the chosen one first); healthy targets are summarised in a line (the JSON report
/// has every trace), so a whole account's page stays usable. Styles and script are inline and the
/// page's Content-Security-Policy forbids every fetch, so it opens offline and with scripts
/// disabled. It renders the same report::Report as the other writers and adds no facts; every input
/// text is escaped; the same report gives the same bytes (no dates, canonical order).

#include <string>

#include "report/report.h"

namespace fd::writers {

/// The report as one HTML document; ends with a newline. Canonicalizes a copy first.
std::string RenderHtml(report::Report report);

}  // namespace fd::writers
