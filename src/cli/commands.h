#pragma once
/// The command line of docs/design/report.md: `diagnose`, `collect`, `checks`, `explain` and `demo`,
/// parsed with CLI11. This layer only turns flags into engine::DiagnoseOptions, picks a writer,
/// and maps the report to an exit code; every fact in the output comes from the engine.
/// Errors are one line on stderr, `fargate-doctor: error: <message>`, and exit code 2.

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <string_view>

#include "report/report.h"

namespace fd::cli {

/// Exit codes (docs/design/report.md).
enum ExitCode : int {
  kExitOk = 0,            ///< no finding at or above --fail-on
  kExitFindings = 1,      ///< at least one finding at or above --fail-on
  kExitUsage = 2,         ///< usage error or unreadable input
  kExitInconclusive = 3,  ///< no such finding, but a required check could not decide
};

/// What the process runs in, passed in rather than read inside so tests can run commands in
/// process. Colour needs a terminal and an unset or empty NO_COLOR (no-color.org).
struct Terminal {
  bool stdout_is_tty = false;
  bool stderr_is_tty = false;  ///< the live progress line is drawn only on a terminal
  bool no_color = false;  ///< NO_COLOR set to a non-empty value
  int width = 100;        ///< columns of the terminal; 100 when not a terminal
};

/// The exit code for a report under `--fail-on` (blocker | warning | never): 1 when a finding
/// is at or above it, else 3 when a target is inconclusive, else 0; `never` always gives 0.
int ExitCodeFor(const report::Report& report, std::string_view fail_on);

struct OutputFlags;

/// Renders `report` in f.format (text with f's detail and colour) to `os`; returns the bytes
/// written. What `diagnose`, `demo` and `merge` print.
size_t WriteReport(report::Report report, const OutputFlags& f, const Terminal& terminal,
                   std::ostream& os);

/// Writes the report to --output FILE, or to `out`, with `write` (which returns the bytes it
/// wrote, stored in `bytes`); kExitOk, or the error's exit code after saying so on `err`.
int Emit(const OutputFlags& f, std::ostream& out, std::ostream& err,
         const std::function<size_t(std::ostream&)>& write, size_t& bytes);

/// Writes `report` (handed over: the writers canonicalise it) with Emit and WriteReport; the exit
/// code ExitCodeFor gives, or Emit's when the report cannot be written. `bytes`, when given,
/// gets the bytes written. How `diagnose` and `merge` end.
int PrintReport(report::Report report, const OutputFlags& f, const Terminal& terminal, std::ostream& out,
                std::ostream& err, size_t* bytes = nullptr);

/// The terminal of this process: isatty(stdout), NO_COLOR, and the window width.
Terminal DetectTerminal();

/// Runs one command line (argv[0] is the program name) and returns the exit code.
int Run(int argc, const char* const* argv, const Terminal& terminal, std::ostream& out,
        std::ostream& err);

}  // namespace fd::cli
