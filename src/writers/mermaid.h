#pragma once
/// A dependency path as a Mermaid flowchart (GitHub renders ```mermaid blocks in comments,
/// issues and Markdown files): the task, one node per hop (writers/hops.h), the destination;
/// the hop that decides a blocked path in class `failed` (red), an undecided one in `undecided`,
/// a hop a finding names in `culprit`.
/// Every label character outside a small safe set is written as a Mermaid entity code
/// (`#35;`), so input text cannot end a label, start a statement or a Markdown fence.

#include <string>
#include <vector>

#include "report/report.h"

namespace fd::writers {

/// The flowchart's lines, without the fence: `flowchart LR`, nodes, edges, classes. A hop
/// whose resource is in `culprits` (what the path's findings say to change) is in class
/// `culprit` (red, dashed) unless it decides the path.
std::vector<std::string> MermaidFlowchart(const report::Dependency& d,
                                          const std::vector<std::string>& culprits = {});

}  // namespace fd::writers
