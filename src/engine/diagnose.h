#pragma once
/// The one entry point from a frozen model to a report: resolve the targets the user asked
/// about, work out what each start needs and trace it from every subnet, run the checks, and
/// assemble the report (verdicts, findings, coverage, notes). The CLI adds only formats, files
/// and exit codes around it.

#include <optional>
#include <string>
#include <vector>

#include "model/model.h"
#include "report/cli_requirements.h"
#include "report/report.h"
#include "util/error.h"

namespace fd::engine {

struct DiagnoseOptions {
  std::string cluster;                 ///< --cluster: name or ARN
  std::vector<std::string> services;   ///< --service: names or ARNs
  std::vector<std::string> tasks;      ///< --task: IDs or ARNs
  /// --task-definition: a task definition read from a file (not in the model) …
  std::optional<model::TaskDefinition> task_definition;
  /// … or a reference (ARN, family:revision, family) into the model.
  std::string task_definition_ref;
  std::vector<std::string> subnets;          ///< --subnets
  std::vector<std::string> security_groups;  ///< --security-groups
  std::optional<bool> assign_public_ip;      ///< --assign-public-ip
  std::string platform_version;              ///< --platform-version
  std::vector<std::string> select;           ///< --select
  std::vector<std::string> ignore;           ///< --ignore
  /// The user's AWS CLI (live mode reads `aws --version`): fix commands it cannot run say so.
  std::optional<report::CliVersion> aws_cli;
};

/// Errors: kUnknownTarget when a named service/task/task definition is not in the input, or
/// when the input holds no target at all and no task definition was given.
Expected<report::Report> Diagnose(const model::Model& model, const DiagnoseOptions& options);

}  // namespace fd::engine
