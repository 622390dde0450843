#pragma once
/// The small string helpers every layer needs, defined once. ASCII only on purpose: AWS
/// identifiers, keys and messages compare case-insensitively in ASCII, and the result must not
/// depend on the process locale.

#include <string>
#include <string_view>
#include <vector>

namespace fd::util {

/// ASCII lower case ("NET002" -> "net002"); other bytes unchanged.
std::string Lower(std::string_view s);
/// ASCII upper case.
std::string Upper(std::string_view s);
/// Equal ignoring ASCII case.
bool IEquals(std::string_view a, std::string_view b);
/// Without leading and trailing white space (space, tab, newline, CR, FF, VT).
std::string_view Trim(std::string_view s);

/// Items joined by `sep` ("a, b, c"); any range of strings (vector, set).
template <typename Range>
std::string Join(const Range& items, std::string_view sep) {
  std::string out;
  bool first = true;
  for (const auto& item : items) {
    if (!first) out += sep;
    out += item;
    first = false;
  }
  return out;
}

/// The part after the last '/' ("arn:…:service/prod/api" → "api", a role name from its ARN); the
/// text itself when it has no '/'.
std::string LastPart(const std::string& s);

/// "a, b, c" for a reader: at most `max` items, then "and N more".
std::string JoinList(const std::vector<std::string>& items, size_t max = 6);

/// One word for a POSIX shell, always in single quotes: 'it'\''s'.
std::string SingleQuote(std::string_view word);
/// One word for a POSIX shell, quoted only when it needs it (ARNs, IDs and flags stay bare).
std::string ShellWord(std::string_view word);

}  // namespace fd::util
