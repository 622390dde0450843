#pragma once
/// A pull-request comment (`--format markdown`, GitHub-flavoured Markdown): the overall verdict,
/// then per target a verdict heading, a table of its blockers and warnings (code, resource,
/// message), each finding's fix as a ```sh block, and every blocked dependency (the first six)
/// as a ```mermaid flowchart with the deciding hop styled `failed`, its trace in a collapsible
/// <details> table; then info findings, the checks that could not run and input
/// notes. It renders the same report::Report as the other writers and adds no facts. Table cells
/// escape pipes and angle brackets; the output is deterministic (canonical order, no dates).

#include <string>

#include "report/report.h"

namespace fd::writers {

/// The report as GitHub-flavoured Markdown; ends with a newline. Canonicalizes a copy first.
std::string RenderMarkdown(report::Report report);

}  // namespace fd::writers
