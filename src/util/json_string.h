#pragma once
/// JSON string literals: the one escaper behind the report writer and JsonValue::Dump.

#include <string>
#include <string_view>

namespace fd {

/// Appends `s` as a quoted JSON string, escaped as nlohmann::json::dump escapes it: `"` and `\`,
/// the short forms \b \f \n \r \t, other control characters as \u00xx; every other byte as is,
/// so `s` must be valid UTF-8.
void AppendJsonString(std::string& out, std::string_view s);

}  // namespace fd
