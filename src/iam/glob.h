#pragma once
/// The one wildcard matcher of src/iam (internal header): `*` (any run) and `?` (one character),
/// optionally ASCII case-folded (actions) and optionally honouring kLiteralMark escapes (patterns
/// built by policy-variable substitution, where substituted `*` and `?` are literal). policy.cpp's
/// public MatchActionPattern / MatchArnPattern / MatchGlob and the evaluator all use it.

#include <cstddef>
#include <string_view>

namespace fd::iam::detail {

/// In an escaped pattern, marks the next character as literal.
inline constexpr char kLiteralMark = '\x01';

/// ASCII lower-casing, what std::tolower does in the "C" locale, without the call.
inline char FoldAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c; }

/// Glob match; iterative with a single backtrack point (linear in practice).
template <bool kFold, bool kEscapes>
bool Glob(std::string_view p, std::string_view t) {
  std::size_t pi = 0, ti = 0, star = std::string_view::npos, mark = 0;
  const std::size_t pn = p.size(), tn = t.size();
  while (ti < tn) {
    if (pi < pn) {
      char pc = p[pi];
      bool lit = false;
      if constexpr (kEscapes) {
        if (pc == kLiteralMark && pi + 1 < pn) {
          lit = true;
          pc = p[pi + 1];
        }
      }
      const char tc = t[ti];
      const bool eq = kFold ? FoldAscii(pc) == FoldAscii(tc) : pc == tc;
      if ((!lit && pc == '?') || ((lit || pc != '*') && eq)) {
        pi += lit ? 2 : 1;
        ++ti;
        continue;
      }
      if (!lit && pc == '*') {
        star = pi++;
        mark = ti;
        continue;
      }
    }
    if (star == std::string_view::npos) return false;
    pi = star + 1;
    ti = ++mark;
  }
  while (pi < pn && p[pi] == '*') ++pi;
  return pi == pn;
}

/// An ARN cut into its five leading colon-separated parts and the resource part.
struct ArnParts {
  bool ok = false;  ///< false: fewer than five colons (not an ARN)
  std::string_view part[6];
};

inline ArnParts SplitArn(std::string_view arn) {
  ArnParts out;
  std::size_t pos = 0;
  for (int k = 0; k < 5; ++k) {
    std::size_t c = arn.find(':', pos);
    if (c == std::string_view::npos) return out;
    out.part[k] = arn.substr(pos, c - pos);
    pos = c + 1;
  }
  out.part[5] = arn.substr(pos);
  out.ok = true;
  return out;
}

/// AWS's ARN matching (see MatchArnPattern in policy.h) against an ARN already split.
template <bool kEscapes>
bool ArnGlob(std::string_view pattern, const ArnParts& arn) {
  if (pattern == "*") return true;
  if (!arn.ok) return false;
  const ArnParts p = SplitArn(pattern);
  if (!p.ok) return false;
  for (int k = 0; k < 6; ++k) {
    if (!Glob<false, kEscapes>(p.part[k], arn.part[k])) return false;
  }
  return true;
}

}  // namespace fd::iam::detail
