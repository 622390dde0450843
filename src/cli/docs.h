#pragma once
/// Generated documentation: one Markdown page per check (docs/checks/<CODE>.md) plus an index
/// (docs/checks/README.md), from each check's CheckInfo, and the roff man page
/// (docs/fargate-doctor.1) from the command line's own CLI11 definition. Generated, never hand
/// edited, so the docs follow the registry as checks are added (`fargate-doctor docs --write`).

#include <map>
#include <string>

namespace CLI {
class App;
}

namespace fd::cli {

/// File name (no directory) → content for every check page and README.md, in code order.
std::map<std::string, std::string> CheckDocs();

/// The man page of `app` (the whole command line, every subcommand and option), in roff -man.
std::string ManPage(const CLI::App& app);

}  // namespace fd::cli
