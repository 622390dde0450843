#pragma once
/// The evaluator's form of a parsed policy (internal header): what can be derived from the
/// statements once instead of per request, laid out flat (one text arena and two arrays per
/// policy) so that ruling a statement out touches a few adjacent cache lines rather than the
/// Statement's scattered strings. Built by CompilePolicy (policy.h); owns its text, so it stays
/// valid when the Policy is copied.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "iam/glob.h"
#include "iam/policy.h"

namespace fd::iam::detail {

/// An Action/NotAction pattern (lower-cased: actions match case-insensitively) or a
/// Resource/NotResource pattern (as written), in CompiledPolicy::text.
struct CompiledPattern {
  std::uint32_t off = 0, len = 0;
  bool literal = false;  ///< no `*` or `?`: matches by equality (resources: when `arn`)
  bool star = false;     ///< exactly "*": matches everything
  bool vars = false;     ///< resource with `${` in a 2012-10-17 policy: substituted per request
  bool arn = false;      ///< resource with five colons; `cut` holds their offsets in the pattern
  std::uint32_t cut[5] = {};
};

struct CompiledStatement {
  std::uint32_t actions_begin = 0, actions_end = 0;      ///< into CompiledPolicy::patterns
  std::uint32_t resources_begin = 0, resources_end = 0;  ///< into CompiledPolicy::patterns
  std::uint32_t clauses_begin = 0, clauses_end = 0;      ///< into CompiledPolicy::clause_vars
  bool any_action = false;  ///< one of the action patterns is "*"
  bool not_action = false, has_resource = false, not_resource = false;
};

struct CompiledPolicy {
  std::string text;
  std::vector<CompiledPattern> patterns;
  std::vector<CompiledStatement> statements;  ///< parallel to Policy::statements
  std::vector<char> clause_vars;  ///< per condition clause: some value has `${` (2012-10-17)

  std::string_view Text(const CompiledPattern& p) const { return std::string_view(text).substr(p.off, p.len); }
};

/// Derives the compiled form of `policy`.
CompiledPolicy Compile(const Policy& policy);

/// True when the (lower-cased) request action matches one of the statement's patterns.
inline bool MatchCompiledActions(const CompiledPolicy& cp, const CompiledStatement& s,
                                 std::string_view lower_action) {
  if (s.any_action) return true;
  for (std::uint32_t i = s.actions_begin; i < s.actions_end; ++i) {
    const CompiledPattern& a = cp.patterns[i];
    const std::string_view t = cp.Text(a);
    if (a.literal ? t == lower_action : Glob<false, false>(t, lower_action)) return true;
  }
  return false;
}

/// MatchArnPattern for a resource pattern without variables; `arn_text` is what `arn` was split from.
inline bool MatchCompiledResource(const CompiledPolicy& cp, const CompiledPattern& r,
                                  std::string_view arn_text, const ArnParts& arn) {
  if (r.star) return true;
  if (!r.arn || !arn.ok) return false;
  const std::string_view t = cp.Text(r);
  if (r.literal) return t == arn_text;
  std::size_t b = 0;
  for (int k = 0; k < 6; ++k) {
    const std::size_t e = k < 5 ? r.cut[k] : t.size();
    if (!Glob<false, false>(t.substr(b, e - b), arn.part[k])) return false;
    b = e + 1;
  }
  return true;
}

}  // namespace fd::iam::detail
