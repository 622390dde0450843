#pragma once
/// `fargate-doctor merge`: joins the reports of several runs (shards of one scan, or scans of
/// different accounts and Regions) into the report one run over all their targets would have
/// written. A target is identified by its kind and ARN (by kind and name when it has
/// none: a task definition file, of no account or Region the report knows). The same target in several inputs is kept once: the copy of the later input
/// (argument order; reports carry no timestamp, being deterministic), with its findings, the
/// earlier copy's findings dropped; when the copies differ, an input note says so. Coverage
/// gaps and input notes are joined without repeats; the verdict is recomputed. Linear in the
/// total size: targets are indexed by identity, findings by the target that owns them.

#include <vector>

#include "merge/read.h"
#include "report/report.h"

namespace fd::merge {

/// The identity of a target across reports.
std::string Identity(const report::Target& t);
/// The same for a target of a SARIF log's run.properties.targets.
std::string Identity(const nlohmann::json& sarif_target);

/// The JSON reports of `inputs`, joined (each input's report is moved out).
report::Report MergeReports(std::vector<Loaded>& inputs);

/// SARIF logs of ours, joined into one log: one run per tool version, in the order the
/// versions first appear, with the same de-duplication of targets and their results, the
/// notifications joined and ordered as the SARIF writer orders them, and the verdicts
/// recomputed. Returns the log and the report facts the exit code needs (findings'
/// severities and targets' verdicts) in `facts`.
nlohmann::json MergeSarif(std::vector<Loaded>& inputs, report::Report& facts);

}  // namespace fd::merge
