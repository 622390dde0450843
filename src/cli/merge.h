#pragma once
/// `fargate-doctor merge REPORT... [--format json|sarif|text|markdown] [-o FILE] [--fail-on L]`:
/// the reports of several runs (shards of one scan, scans of several accounts and Regions)
/// joined into one, as one run over all their targets would have written it (merge/merge.h),
/// with the exit code that run would have had. Unreadable input is exit 2, naming the file and
/// where in it (byte offset or JSON pointer).

#include <iosfwd>

#include "cli/commands.h"
#include "cli/flags.h"

namespace fd::cli {

int RunMerge(MergeFlags& m, const Terminal& terminal, std::ostream& out, std::ostream& err);

}  // namespace fd::cli
