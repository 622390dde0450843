#pragma once
/// The machine-readable report (`--format json`): exactly the JSON contract of docs/design/report.md,
/// rendered from report::Report. The output is deterministic (canonical array order, sorted
/// keys, 2-space indent, trailing newline, no timestamps), so the same input gives
/// byte-identical output and golden files stay stable. Internal fields that only help other
/// writers (Finding::title, ::paths, ::subnets) are not part of the contract and not written.

#include <cstddef>
#include <ostream>
#include <string>

#include "report/report.h"

namespace fd::writers {

/// The report as docs/design/report.md's JSON text. Canonicalizes a copy first, so callers need not.
std::string RenderJson(report::Report report);

/// The same text written to `sink` as it is produced, a megabyte at a time (a whole account's
/// report is hundreds of megabytes). Returns the bytes written.
size_t WriteJson(report::Report report, std::ostream& sink);

}  // namespace fd::writers
