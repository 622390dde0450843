#pragma once
/// Building the Analysis: targets from the model and the user's narrowing flags, the needs of
/// each start, and one traced path per (subnet, need).

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analysis/analysis.h"
#include "model/model.h"
#include "util/error.h"

namespace fd::analysis {

/// What the user asked about (the engine's DiagnoseOptions without output concerns).
struct TargetQuery {
  std::string cluster;
  std::vector<std::string> services;
  std::vector<std::string> tasks;
  const model::TaskDefinition* task_definition = nullptr;  ///< from a file, owned by the caller
  std::string task_definition_ref;
  std::vector<std::string> subnets;
  std::vector<std::string> security_groups;
  std::optional<bool> assign_public_ip;
  std::string platform_version;
};

/// With no narrowing: every Fargate service; where there is none, every task; where there is
/// none, the task definition plus network flags. A named target the input lacks is an error.
/// `notes` receives why a service was skipped (EC2 launch type, …).
Expected<std::vector<Target>> ResolveTargets(const model::Model& model, const TargetQuery& query,
                                             std::vector<InputNote>* notes);

/// The destinations a start of `target` must reach (docs/design/causes.md §1.7), merged per
/// (service, region) with every reason kept.
/// `model` (may be null) adds what only the snapshot tells: the first pull through a
/// pull-through cache rule whose cache does not hold the image yet needs the upstream registry.
std::vector<Need> DeriveNeeds(const Target& target, const model::Model* model = nullptr);

/// Evaluates one need from one subnet, the way a packet goes (docs/design/causes.md §1.9).
PathResult TracePath(const model::Model& model, const Target& target, const Need& need,
                     const std::string& subnet_id);
/// The same trace with kThisTarget / kThisTaskDefinition placeholders left in the faults, so
/// that it can be shared by every target placed the same way; BindToTarget() fills them in.
PathResult TracePathShared(const model::Model& model, const Target& target, const Need& need,
                           const std::string& subnet_id);
void BindToTarget(PathResult& path, const Target& target);
struct Assumptions;
/// TracePath as if the changes in `assume` were made (assumptions.h): what a fix leaves broken.
PathResult TracePathAssuming(const model::Model& model, const Target& target, const Need& need,
                             const std::string& subnet_id, const Assumptions& assume);

/// Shared traces, by everything a trace depends on: targets placed the same way (subnet,
/// security groups, public IP, Region, need) share one trace. Kept from one batch of targets
/// to the next by one thread (it is not thread-safe); it holds the traces met more than once,
/// and forgets them all when it holds `capacity`, so its memory stays bounded.
class TraceCache {
 public:
  explicit TraceCache(size_t capacity = 4096);
  ~TraceCache();
  TraceCache(const TraceCache&) = delete;
  TraceCache& operator=(const TraceCache&) = delete;

 private:
  friend Analysis Analyze(const model::Model&, std::vector<Target>, const TasksByGroup&, TraceCache&);
  struct Impl;
  std::unique_ptr<Impl> impl_;
  size_t capacity_;
};

/// Analyses `targets`, tracing each distinct placement once (`cache`). `tasks_by_group` is
/// IndexTasksByGroup(model), built once when the targets come in batches.
Analysis Analyze(const model::Model& model, std::vector<Target> targets, const TasksByGroup& tasks_by_group,
                 TraceCache& cache);
Analysis Analyze(const model::Model& model, std::vector<Target> targets);

/// "1.4.0" for LATEST/empty on Linux, "1.0.0" on Windows; otherwise the version as given.
std::string ResolvePlatformVersion(const std::string& configured, bool windows);
/// Compares dotted versions: true when `v` >= `floor` ("1.4.0" >= "1.4.0").
bool VersionAtLeast(const std::string& v, const std::string& floor);

}  // namespace fd::analysis
