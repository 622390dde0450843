#pragma once
/// Reads a snapshot: any set of files or folders of AWS CLI JSON output (docs/design/inputs.md §1). A file
/// is recognised by its top-level keys, never by its name; folders are searched recursively,
/// and a folder named like a region (Batfish's aws_configs/<region>/ and
/// aws_configs/accounts/<account>/<region>/) gives the region to what is inside it.
/// Unrecognised files become input notes; a file that is not JSON is an error naming the file
/// and the byte offset.
///
/// An entity's region comes from its own ARN, else its availability zone, else the file's
/// envelope, else the deepest region-named folder; VPC-scoped entities still without one take
/// their VPC's, and when every file that names a Region names the same one, everything still
/// without one takes it (ModelBuilder::Build, model_regions.cpp). Owner/account: OwnerId, else the ARN, else an
/// accounts/<12 digits>/ folder. Every recognised output records its data set under its
/// top-level key (Model::Has("Subnets")), even when empty; compound shapes use one key
/// ("EnableDnsSupport", "Account", "ARN", "containerDefinitions"), and enveloped outputs that
/// name nothing use their command ("kms get-key-policy"). Bad data inside a recognised file is
/// skipped with a note naming the file and JSON pointer; nothing here throws.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/model.h"
#include "util/error.h"

namespace fd::ingest {

/// The ending of a folder whose collection was interrupted (live/sweep.h): loading skips it with
/// a note, so a half-written account and Region is never read as the whole of it.
inline constexpr std::string_view kIncompleteSuffix = ".incomplete";

/// One input file already in memory. `name` is what reports show (relative, '/'-separated);
/// its folder components also give region and account hints.
struct InputFile {
  std::string name;
  std::string content;
};

/// CPU time used by this process so far, all threads, in seconds.
double ProcessCpuSeconds();

/// What loading cost, for `diagnose --stats` and the benchmarks.
struct LoadStats {
  size_t files = 0;        ///< JSON files read
  uint64_t bytes = 0;      ///< their total size
  double ingest_seconds = 0;  ///< reading, parsing and typing every file (wall clock)
  double build_seconds = 0;   ///< resolving references and indexing the model
  double ingest_cpu_seconds = 0, build_cpu_seconds = 0;  ///< the same in CPU time, all threads
  uint64_t peak_rss_after = 0;  ///< filled by the caller: the process' peak memory after loading
};

/// Reads files and folders from disk. Names in reports are relative to each given path's
/// parent folder for files and to the folder itself for folders.
Expected<model::Model> LoadPaths(const std::vector<std::string>& paths, LoadStats* stats = nullptr);

/// The same into `builder`, without building: a snapshot beside templates and plans, whose
/// declared objects are added first (predeploy/load.h). Counts what it read into `stats`.
Expected<void> LoadPathsInto(const std::vector<std::string>& paths, model::ModelBuilder& builder, LoadStats& stats);

/// An export of a stack already deployed (`aws cloudformation list-exports`): what a template's
/// `Fn::ImportValue` of that name resolves to. `region` from the exporting stack's ARN, "" when
/// it has none.
struct DeployedExport {
  std::string name;
  std::string value;
  std::string region;
};

/// A stack already deployed (`aws cloudformation describe-stacks`): the parameter values it was
/// deployed with, which `aws cloudformation deploy` keeps for the parameters an update does not
/// give. Values CloudFormation masks (NoEcho: "****") are left out.
struct DeployedStack {
  std::string name;
  std::string region;  // from the stack's ARN, "" when it has none
  std::vector<std::pair<std::string, std::string>> parameters;  // key, value
};

struct DeployedStacks {
  std::vector<DeployedExport> exports;
  std::vector<DeployedStack> stacks;
};

/// The exports and stacks among the snapshot files and folders `paths` (only list-exports and
/// describe-stacks answers, bare or enveloped, are read: the files no template needs are left
/// to LoadPaths).
Expected<DeployedStacks> ReadDeployedStacks(const std::vector<std::string>& paths);

/// Reads files already in memory (the embedded demo, tests).
Expected<model::Model> LoadFiles(const std::vector<InputFile>& files);

/// Reads a task definition file as kept in a repository (register-task-definition input, or a
/// describe-task-definition answer) for `diagnose --task-definition FILE`.
Expected<model::TaskDefinition> LoadTaskDefinitionFile(const std::string& path);

}  // namespace fd::ingest
