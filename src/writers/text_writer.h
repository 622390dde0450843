#pragma once
/// The default, human report for a terminal, in the compact style of Ruff and clang-tidy: a
/// verdict line per target, then each finding (blockers first) with its evidence, the
/// hop-by-hop trace of the dependency paths it breaks and the fix as commands to copy, then a
/// dependency matrix per target, the checks that could not run, input notes and a summary.
/// It renders the same report::Report as the JSON writer and adds no facts of its own; the
/// JSON stays the complete record (the text caps long lists and says so).

#include <string>

#include "report/report.h"

namespace fd::writers {

struct TextOptions {
  enum class Detail {
    kQuiet,    ///< verdict lines only (--quiet)
    kNormal,   ///< findings with their first traces, matrix, coverage, notes
    kVerbose,  ///< also every dependency's trace, every path, every note (--verbose)
  };
  /// ANSI colour: red blockers, yellow warnings, blue infos, bold verdicts. The CLI turns it on
  /// only for a terminal without NO_COLOR.
  bool color = false;
  /// Prose (messages, evidence claims, fix summaries) wraps at this column; 0 = never wrap.
  /// Commands and trace rows never wrap, so they stay copyable and aligned.
  int width = 100;
  Detail detail = Detail::kNormal;
};

/// The report as text; ends with a newline. Canonicalizes a copy first.
std::string RenderText(report::Report report, const TextOptions& options);

}  // namespace fd::writers
