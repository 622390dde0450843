#pragma once
/// `fargate-doctor completion bash|zsh|fish`: shell completion scripts generated from the
/// command line's own CLI11 definition, so a new command or option completes without an edit
/// here. What a value completes to is read from the option's type name:
///   "a|b|c"                 those choices (--format, --fail-on, --assign-public-ip)
///   "CODE" / "CODES"        check codes, their group prefixes and slugs (a comma list for CODES)
///   "FILE", "PATH", "", ... file names; "DIR" folder names
///   any other name          a free value (cluster, Region, ARN): nothing is offered
/// The check codes come from the registry, so they follow it as checks are added.

#include <string>
#include <string_view>

namespace CLI {
class App;
}

namespace fd::cli {

/// The shells a script can be generated for, in the order `completion --help` lists them.
inline constexpr std::string_view kCompletionShells = "bash|zsh|fish";

/// The completion script of `app` for `shell` (bash, zsh or fish); "" for any other shell.
std::string CompletionScript(const CLI::App& app, std::string_view shell);

}  // namespace fd::cli
