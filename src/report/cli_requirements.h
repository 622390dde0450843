#pragma once
/// Which AWS CLI release first knows an operation or option that a fix command uses. A user
/// whose CLI is older gets "Invalid choice" or "Unknown options" when pasting the command, so a
/// run that knows the user's CLI (live mode: `aws --version`) says so next to the command, and
/// the test that runs every generated command through the installed CLI tells "too new for this
/// CLI" from "malformed" with the same table.

#include <optional>
#include <string>
#include <string_view>

#include "report/report.h"

namespace fd::report {

/// A release of the AWS CLI: major 1 or 2.
struct CliVersion {
  int major = 0, minor = 0, patch = 0;
  auto operator<=>(const CliVersion&) const = default;
  std::string Text() const;
};

/// Reads the version from `aws --version` output ("aws-cli/2.9.19 Python/3.11.2 ..."); nullopt
/// when the text names no aws-cli release.
std::optional<CliVersion> ParseAwsCliVersion(std::string_view version_output);

/// What a command needs: the first v1 and v2 releases that know everything it uses.
struct CliRequirement {
  std::string what;  ///< "aws ecs update-service --volume-configurations"
  CliVersion v1, v2;
};

/// The most demanding requirement of an `aws ...` command line (options are matched as whole
/// words), or nullopt when every release in use today knows it.
std::optional<CliRequirement> CliRequirementOf(std::string_view command);

/// "needs AWS CLI 2.15.10 or later (v1: 1.32.17); this aws is 2.9.19" when `installed` is
/// older than what `command` needs, else nullopt.
std::optional<std::string> NewerCliNeeded(std::string_view command, const CliVersion& installed);

/// Appends that note as a shell comment (the command stays pasteable) to every fix and remedy
/// command of `rep` that `installed` cannot run.
void MarkCommandsNeedingNewerCli(Report& rep, const CliVersion& installed);

}  // namespace fd::report
