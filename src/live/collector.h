#pragma once
/// The call plan of `collect` and `diagnose --live`: from a target (cluster + services, or
/// cluster + tasks) to every AWS CLI output a diagnosis of it reads. Stages run in dependency
/// order (each needs IDs from the answers before it), the calls of a stage in parallel
/// (bounded). API filters keep the number of calls independent of the account's size.
///
/// Each answer is saved unmodified as `NNN-<service>-<operation>.json`, or in the envelope of
/// docs/design/inputs.md §1 when it does not say what it describes; a failed call is saved as an envelope
/// with `error` instead of `output` (code, message, and the IAM action it needed), so the
/// diagnosis can tell "denied" and "absent" from "not collected".
///
/// The next calls' IDs come from the answers (service → task definition, subnets, security
/// groups; subnet → VPC; task definition → roles, images, log groups, secrets, file systems;
/// …), read by ingest::ReferencesOf (ingest/references.h): ingest is the only code that knows
/// AWS JSON keys. This layer decides what to call with them and saves the answers.

#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "live/aws_cli.h"
#include "util/error.h"

namespace fd::live {

/// What to collect for in one cluster.
struct CollectTarget {
  std::string cluster;
  std::vector<std::string> services;  ///< names or ARNs
  std::vector<std::string> tasks;     ///< IDs or ARNs
};

struct CollectOptions {
  std::vector<CollectTarget> targets;  ///< one per cluster
  /// A sweep: each cluster of `targets` is read whole (every service, every task running or
  /// pending now, the recently stopped ones: `ecs list-*` in a stage before the first) and, with
  /// `all_clusters`, every cluster of the Region too. What vanishes between a list and its
  /// describe is skipped, not an error.
  bool sweep = false;
  bool all_clusters = false;
  std::string out_dir;   ///< where the snapshot files go (created when missing)
  int parallel = 8;      ///< concurrent aws processes per stage
  bool progress = false; ///< draw a progress line (only when stderr is a terminal)
  /// Called after every call, one call at a time (a sweep's progress); may be empty.
  std::function<void()> on_call;
};

/// One executed call and where its answer went.
struct CollectedCall {
  int stage = 0;
  AwsCall call;
  std::string file;       ///< file name inside out_dir
  bool envelope = false;  ///< saved in an envelope (always for failed calls)
  AwsResult result;
};

struct CollectReport {
  std::string region;  ///< the target's region (from the cluster ARN)
  /// Clusters found (a sweep: listed; else described), services and tasks described.
  size_t clusters = 0, services = 0, tasks = 0;
  std::vector<CollectedCall> calls;
  int stages = 0;
};

/// Runs the plan. Errors (exit 2 in the CLI): the aws command cannot run or has no working
/// credentials, the cluster or a service/task does not exist, the folder cannot be written.
/// A denied, absent or failed call later in the plan is not an error: it is saved as an
/// envelope with `error` and the plan goes on with what it has.
Expected<CollectReport> Collect(const AwsCli& aws, const CollectOptions& options,
                                std::ostream& progress);

/// The commands a run executed as shell lines ready to paste, each writing its file; enveloped
/// answers are wrapped by printf around the command, so pasting them recreates the snapshot.
std::string CommandScript(const AwsCli& aws, const CollectReport& report);

/// Outputs saved in an envelope because they do not say what they describe.
bool NeedsEnvelope(const std::string& service, const std::string& operation);

}  // namespace fd::live
