#pragma once
/// `diagnose --live` and `collect`: the user's own `aws` reads one cluster's named services or
/// tasks (live/collector.h), or sweeps whole clusters, Regions and accounts (live/sweep.h), into
/// a snapshot folder; `diagnose --live` then diagnoses that folder exactly as `diagnose DIR`
/// would, so the live and offline reports of the same data are the same.

#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/flags.h"
#include "engine/diagnose.h"

namespace fd::cli {

/// Diagnoses the snapshot at `paths` and prints the report; `amend` edits the report first (a
/// sweep's coverage notes). What `diagnose PATH…` runs. No paths: a report with no target,
/// amended (a sweep that found nothing still writes its report).
using DiagnoseSnapshot = std::function<int(const std::vector<std::string>& paths, engine::DiagnoseOptions options,
                                           const std::function<void(report::Report&)>& amend)>;

/// `diagnose --live`: flags already checked but the live ones (CheckLive runs here).
int RunLive(DiagnoseFlags& d, engine::DiagnoseOptions options, const Terminal& terminal,
            std::ostream& err, const DiagnoseSnapshot& diagnose);

/// `collect`.
int RunCollect(CollectFlags& c, const Terminal& terminal, std::ostream& out, std::ostream& err);

}  // namespace fd::cli
