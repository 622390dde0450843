#pragma once
/// What every command shares when it refuses its input: the one-line error and exit code 2
/// (docs/design/report.md), and the items of a repeatable, comma-separated flag.

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace fd::cli {

/// Writes `fargate-doctor: error: <message>` (on one line) and returns kExitUsage.
int Fail(std::ostream& err, std::string_view message);

/// Values of a repeatable, comma-separated flag, trimmed, without empty items.
std::vector<std::string> Items(const std::vector<std::string>& raw);

}  // namespace fd::cli
