#pragma once
/// The commands that show the check catalogue: `checks` (the registry as a table or JSON),
/// `explain CODE` (one check's texts) and `docs` (the generated check pages and man page).

#include <CLI/CLI.hpp>
#include <iosfwd>
#include <string>

#include "cli/commands.h"

namespace fd::cli {

int RunChecks(const std::string& format_flag, std::ostream& out, std::ostream& err);
int RunExplain(const std::string& code, const Terminal& terminal, std::ostream& out, std::ostream& err);
/// `docs --write DIR` writes the check pages, `docs --check DIR` compares them (exit 1 when
/// stale, naming the files and the command that regenerates them), `docs --man` prints the man
/// page.
int RunDocs(const std::string& write_dir, const std::string& check_dir, bool man, const CLI::App& app,
            std::ostream& out, std::ostream& err);

}  // namespace fd::cli
