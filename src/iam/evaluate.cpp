// Three-valued IAM evaluation: each statement applies yes / no / unknown (a condition hung on an
// unknown context key); layers combine statements, and the decision combines layers as
// reference_policies_evaluation-logic.html and its cross-account page describe.

#include "iam/evaluate.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <iterator>
#include <set>
#include <span>

#include "iam/compiled.h"
#include "iam/glob.h"
#include "util/ip.h"
#include "util/strings.h"

namespace fd::iam {
namespace {

using detail::FoldAscii;

using util::IEquals;
using util::Lower;

enum class Tri { kNo, kYes, kUnknown };

Tri Or(Tri a, Tri b) {
  if (a == Tri::kYes || b == Tri::kYes) return Tri::kYes;
  if (a == Tri::kUnknown || b == Tri::kUnknown) return Tri::kUnknown;
  return Tri::kNo;
}
Tri And(Tri a, Tri b) {
  if (a == Tri::kNo || b == Tri::kNo) return Tri::kNo;
  if (a == Tri::kUnknown || b == Tri::kUnknown) return Tri::kUnknown;
  return Tri::kYes;
}

// The account of an ARN (fifth field), or "" when it has none.
std::string_view ArnAccountView(std::string_view arn) {
  std::size_t pos = 0;
  for (int k = 0; k < 4; ++k) {
    pos = arn.find(':', pos);
    if (pos == std::string_view::npos) return {};
    ++pos;
  }
  std::size_t end = arn.find(':', pos);
  if (end == std::string_view::npos) return {};
  return arn.substr(pos, end - pos);
}
std::string ArnAccount(std::string_view arn) { return std::string(ArnAccountView(arn)); }

std::string ArnPartition(std::string_view arn) {
  if (arn.substr(0, 4) != "arn:") return "aws";
  std::size_t end = arn.find(':', 4);
  return end == std::string_view::npos ? "aws" : std::string(arn.substr(4, end - 4));
}

// arn:aws:sts::ACCT:assumed-role/NAME/SESSION -> arn:aws:iam::ACCT:role/NAME
std::string RoleArnOfSession(std::string_view session) {
  std::size_t p = session.find(":assumed-role/");
  if (p == std::string_view::npos) return "";
  std::string_view rest = session.substr(p + 14);
  std::string_view name = rest.substr(0, rest.find('/'));
  return "arn:" + ArnPartition(session) + ":iam::" + ArnAccount(session) + ":role/" + std::string(name);
}

// Looks up condition keys: the caller's context, then the global keys AWS always sets.
class Lookup {
 public:
  Lookup(const Request& r, const std::string& principal_account, const std::string& resource_account)
      : ctx_(r.context) {
    if (r.fill_global_keys && r.principal_type != PrincipalType::kAnonymous) {
      if (!r.principal_arn.empty() && r.principal_type != PrincipalType::kServicePrincipal)
        Add("aws:PrincipalArn", r.principal_type == PrincipalType::kRoleSession && !r.role_arn.empty()
                                    ? r.role_arn
                                    : r.principal_arn);
      if (!principal_account.empty()) Add("aws:PrincipalAccount", principal_account);
      if (!resource_account.empty()) Add("aws:ResourceAccount", resource_account);
      if (r.principal_type == PrincipalType::kServicePrincipal && !r.principal_arn.empty())
        Add("aws:PrincipalServiceName", r.principal_arn);
    }
  }
  const Context::Entry* Find(std::string_view key) const {
    if (const auto* e = ctx_.Find(key)) return e;
    return extra_.Find(key);
  }

 private:
  void Add(std::string_view k, std::string v) {
    if (!ctx_.Find(k)) extra_.Set(k, std::move(v));
  }
  const Context& ctx_;
  Context extra_;
};

// ---- policy variables ----

using detail::kLiteralMark;

struct Resolved {
  Tri status = Tri::kYes;  // kNo: a variable's key is absent (no default): the value matches nothing
  std::string_view text;   // the value itself, or the substituted text in the caller's buffer
  bool escaped = false;    // text carries kLiteralMark escapes (a substituted glob pattern)
  std::string_view unknown_key;
};

// Substitutes ${...} (2012-10-17 only). `glob`: characters from substitutions are literal.
// A value without variables is returned as is (no copy); otherwise the text is built in `buf`.
Resolved Substitute(std::string_view v, PolicyVersion version, const Lookup& lookup, bool glob,
                    std::string& buf) {
  Resolved r;
  if (version != PolicyVersion::k2012_10_17 || v.find("${") == std::string_view::npos) {
    r.text = v;
    return r;
  }
  buf.clear();
  r.escaped = glob;
  auto put = [&](std::string_view s) {
    for (char c : s) {
      if (glob && (c == '*' || c == '?' || c == kLiteralMark)) buf.push_back(kLiteralMark);
      buf.push_back(c);
    }
  };
  std::size_t i = 0;
  while (i < v.size()) {
    if (v[i] == '$' && i + 1 < v.size() && v[i + 1] == '{') {
      std::size_t close = v.find('}', i + 2);
      if (close == std::string_view::npos) {
        buf.append(v.substr(i));
        break;
      }
      std::string_view inner = v.substr(i + 2, close - i - 2);
      i = close + 1;
      if (inner == "*" || inner == "?" || inner == "$") {
        put(inner);
        continue;
      }
      std::string_view key = inner;
      std::optional<std::string_view> def;
      if (auto comma = inner.find(','); comma != std::string_view::npos) {
        key = inner.substr(0, comma);
        std::string_view d = inner.substr(comma + 1);
        while (!d.empty() && d.front() == ' ') d.remove_prefix(1);
        while (!d.empty() && d.back() == ' ') d.remove_suffix(1);
        if (d.size() >= 2 && d.front() == '\'' && d.back() == '\'') d = d.substr(1, d.size() - 2);
        def = d;
      }
      while (!key.empty() && key.back() == ' ') key.remove_suffix(1);
      const Context::Entry* e = lookup.Find(key);
      if (e != nullptr && e->unknown) {
        r.status = Tri::kUnknown;
        r.unknown_key = e->key;
        return r;
      }
      if (e == nullptr || e->values.empty()) {
        if (!def) {
          r.status = Tri::kNo;
          return r;
        }
        put(*def);
        continue;
      }
      put(e->values.front());
      continue;
    }
    if (glob && v[i] == kLiteralMark) buf.push_back(kLiteralMark);
    buf.push_back(v[i]);
    ++i;
  }
  r.text = buf;
  return r;
}

// Glob (StringLike) and ARN match of a policy value, escaped or not.
bool GlobCs(std::string_view p, std::string_view t, bool escaped) {
  return escaped ? detail::Glob<false, true>(p, t) : detail::Glob<false, false>(p, t);
}
bool ArnGlob(std::string_view pattern, const detail::ArnParts& arn, bool escaped) {
  return escaped ? detail::ArnGlob<true>(pattern, arn) : detail::ArnGlob<false>(pattern, arn);
}

// ---- scalar comparisons ----

std::optional<double> ParseNumber(std::string_view s) {
  if (s.empty()) return std::nullopt;
  // strtod needs a terminated string: a stack copy for the usual short numbers.
  char small[64];
  std::string big;
  const char* text = small;
  if (s.size() < sizeof small) {
    s.copy(small, s.size());
    small[s.size()] = '\0';
  } else {
    big.assign(s);
    text = big.c_str();
  }
  char* end = nullptr;
  double d = std::strtod(text, &end);
  if (end != text + s.size() || std::isnan(d)) return std::nullopt;
  return d;
}

long long DaysFromCivil(long long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long long>(doe) - 719468;
}

// ISO 8601 (date, date-time with optional seconds, fraction, Z or offset) or epoch seconds.
std::optional<double> ParseDate(std::string_view s) {
  if (!s.empty() && s.find('-', 1) == std::string_view::npos) return ParseNumber(s);
  auto num = [&](std::size_t pos, std::size_t len) -> std::optional<int> {
    if (pos + len > s.size()) return std::nullopt;
    int v = 0;
    for (std::size_t k = pos; k < pos + len; ++k) {
      if (!std::isdigit(static_cast<unsigned char>(s[k]))) return std::nullopt;
      v = v * 10 + (s[k] - '0');
    }
    return v;
  };
  auto y = num(0, 4), mo = num(5, 2), d = num(8, 2);
  if (!y || !mo || !d || s.size() < 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  if (*mo < 1 || *mo > 12 || *d < 1 || *d > 31) return std::nullopt;
  double t = static_cast<double>(DaysFromCivil(*y, static_cast<unsigned>(*mo), static_cast<unsigned>(*d))) * 86400.0;
  std::size_t i = 10;
  if (i == s.size()) return t;
  if (s[i] != 'T' && s[i] != 't' && s[i] != ' ') return std::nullopt;
  auto hh = num(i + 1, 2), mm = num(i + 4, 2);
  if (!hh || !mm || s[i + 3] != ':') return std::nullopt;
  t += *hh * 3600.0 + *mm * 60.0;
  i += 6;
  if (i < s.size() && s[i] == ':') {
    auto ss = num(i + 1, 2);
    if (!ss) return std::nullopt;
    t += *ss;
    i += 3;
    if (i < s.size() && s[i] == '.') {
      std::size_t b = ++i;
      while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
      if (i > b) t += std::strtod(std::string("0.").append(s.substr(b, i - b)).c_str(), nullptr);
    }
  }
  if (i == s.size()) return t;
  if (s[i] == 'Z' || s[i] == 'z') return i + 1 == s.size() ? std::optional<double>(t) : std::nullopt;
  if (s[i] == '+' || s[i] == '-') {
    auto oh = num(i + 1, 2);
    std::size_t j = i + 3;
    if (j < s.size() && s[j] == ':') ++j;
    auto om = num(j, 2);
    if (!oh || !om || j + 2 != s.size()) return std::nullopt;
    double off = *oh * 3600.0 + *om * 60.0;
    return s[i] == '+' ? t - off : t + off;
  }
  return std::nullopt;
}

bool IpInCidr(std::string_view cidr, std::string_view ip) {
  if (cidr.find(':') == std::string_view::npos) {
    auto c = Cidr4::Parse(cidr);
    auto a = ParseIpv4(ip);
    return c && a && c->Contains(*a);
  }
  if (ip.find(':') == std::string_view::npos) return false;
  auto c = Cidr6::Parse(cidr.find('/') == std::string_view::npos ? std::string(cidr) + "/128" : std::string(cidr));
  auto a = Cidr6::Parse(std::string(ip) + "/128");
  return c && a && c->Contains(*a);
}

// The positive comparison of one policy value against one context value (`escaped`: pv is a
// substituted glob pattern).
bool Compare(ConditionOperator op, std::string_view pv, std::string_view cv, bool escaped) {
  using O = ConditionOperator;
  switch (op) {
    case O::kStringEquals:
    case O::kStringNotEquals:
      return pv == cv;
    case O::kStringEqualsIgnoreCase:
    case O::kStringNotEqualsIgnoreCase:
      return IEquals(pv, cv);
    case O::kStringLike:
    case O::kStringNotLike:
      return GlobCs(pv, cv, escaped);
    case O::kNumericEquals:
    case O::kNumericNotEquals:
    case O::kNumericLessThan:
    case O::kNumericLessThanEquals:
    case O::kNumericGreaterThan:
    case O::kNumericGreaterThanEquals:
    case O::kDateEquals:
    case O::kDateNotEquals:
    case O::kDateLessThan:
    case O::kDateLessThanEquals:
    case O::kDateGreaterThan:
    case O::kDateGreaterThanEquals: {
      bool date = op >= O::kDateEquals;
      auto p = date ? ParseDate(pv) : ParseNumber(pv);
      auto c = date ? ParseDate(cv) : ParseNumber(cv);
      if (!p || !c) return false;
      switch (op) {
        case O::kNumericLessThan: case O::kDateLessThan: return *c < *p;
        case O::kNumericLessThanEquals: case O::kDateLessThanEquals: return *c <= *p;
        case O::kNumericGreaterThan: case O::kDateGreaterThan: return *c > *p;
        case O::kNumericGreaterThanEquals: case O::kDateGreaterThanEquals: return *c >= *p;
        default: return *c == *p;
      }
    }
    case O::kBool:
      return (IEquals(pv, "true") || IEquals(pv, "false")) && IEquals(pv, cv);
    case O::kBinaryEquals:
      return pv == cv;
    case O::kIpAddress:
    case O::kNotIpAddress:
      return IpInCidr(pv, cv);
    case O::kArnEquals:
    case O::kArnLike:
    case O::kArnNotEquals:
    case O::kArnNotLike:
      return ArnGlob(pv, detail::SplitArn(cv), escaped);
    case O::kNull:
      return false;
  }
  return false;
}

bool IsLikeOp(ConditionOperator op) {
  using O = ConditionOperator;
  return op == O::kStringLike || op == O::kStringNotLike || op == O::kArnEquals || op == O::kArnLike ||
         op == O::kArnNotEquals || op == O::kArnNotLike;
}

struct Outcome {
  Tri t = Tri::kYes;
  std::vector<std::string> keys;  // unknown keys when t == kUnknown
};

// `vars`: some value holds a policy variable (CompiledStatement::clause_vars).
Tri EvalClause(const ConditionClause& c, bool vars, PolicyVersion version, const Lookup& lookup,
               std::vector<std::string>& keys) {
  const Context::Entry* e = lookup.Find(c.key);
  if (e != nullptr && e->unknown) {
    keys.push_back(e->key);
    return Tri::kUnknown;
  }
  const bool absent = e == nullptr || (e->values.empty() && c.set == SetQualifier::kNone);
  if (c.op == ConditionOperator::kNull) {
    for (const auto& v : c.values) {
      if (IEquals(v, "true") && absent) return Tri::kYes;
      if (IEquals(v, "false") && !absent) return Tri::kYes;
    }
    return Tri::kNo;
  }
  // A plain (single-valued) operator on a multivalued key never matches, whatever the operator,
  // IfExists or the values: AWS requires ForAnyValue/ForAllValues there
  // (reference_policies_condition-single-vs-multi-valued-context-keys.html: "Multivalued context
  // keys require a condition set operator"); iam-simulate does the same, citing AWS's re:Inforce
  // 2025 session IAM431. Matching "any value" instead would widen Denies and Allows alike.
  if (!absent && e->multivalued && c.set == SetQualifier::kNone) return Tri::kNo;
  const bool negated = IsNegated(c.op);
  if (absent) {
    if (c.if_exists) return Tri::kYes;
    if (c.set == SetQualifier::kForAllValues) return Tri::kYes;
    if (c.set == SetQualifier::kForAnyValue) return Tri::kNo;
    return negated ? Tri::kYes : Tri::kNo;
  }
  // Resolve policy variables in the values (only when some value has one: the usual clause
  // compares the values as written, without a copy).
  struct PolicyValue {
    std::string text;
    bool escaped = false;
  };
  std::vector<PolicyValue> resolved;
  bool some_unknown = false;
  if (vars) {
    const bool glob = IsLikeOp(c.op);
    std::string buf;
    for (const auto& v : c.values) {
      Resolved r = Substitute(v, version, lookup, glob, buf);
      if (r.status == Tri::kYes) {
        resolved.push_back({std::string(r.text), r.escaped});
      } else if (r.status == Tri::kUnknown) {
        some_unknown = true;
        keys.emplace_back(r.unknown_key);
      }
    }
  }
  auto any_match = [&](const std::string& cv) {
    if (!vars) {
      for (const auto& pv : c.values) {
        if (Compare(c.op, pv, cv, false)) return true;
      }
      return false;
    }
    for (const auto& pv : resolved) {
      if (Compare(c.op, pv.text, cv, pv.escaped)) return true;
    }
    return false;
  };
  // "Matches" per context value: for negated operators, a value matches when it equals none.
  Tri result;
  const auto& cvs = e->values;
  if (c.set == SetQualifier::kForAllValues) {
    bool all = true;
    for (const auto& cv : cvs) all = all && (any_match(cv) != negated);
    result = all ? Tri::kYes : Tri::kNo;
  } else if (c.set == SetQualifier::kForAnyValue) {
    bool any = false;
    for (const auto& cv : cvs) any = any || (any_match(cv) != negated);
    result = any ? Tri::kYes : Tri::kNo;
  } else {
    bool any = false;
    for (const auto& cv : cvs) any = any || any_match(cv);
    result = (any != negated) ? Tri::kYes : Tri::kNo;
  }
  if (some_unknown) {
    // A value we cannot resolve could add a match: only a positive OR already true is settled.
    const bool positive_or = !negated && c.set != SetQualifier::kForAllValues;
    if (!(positive_or && result == Tri::kYes)) return Tri::kUnknown;
  }
  return result;
}

// ---- statements ----

enum class PrincipalKind { kNone, kAccount, kWildcard, kRole, kDirect };

// The request as the statement matchers see it (views into Evaluate's locals).
struct Principal {
  const Request& r;
  std::string_view account;
  std::string_view role_arn;
  detail::ArnParts resource;  // r.resource_arn split once per request
  std::string_view lower_action;  // r.action lower-cased once per request
};

bool IsAccountValue(std::string_view v, std::string_view account) {
  if (account.empty()) return false;
  if (v == account) return true;
  // arn:PARTITION:iam::ACCOUNT:root
  return v.size() > 5 && v.substr(0, 4) == "arn:" && v.substr(v.size() - 5) == ":root" &&
         ArnAccountView(v) == account && v.find(":iam::") != std::string_view::npos;
}

PrincipalKind MatchPrincipalBlock(const PrincipalBlock& b, const Principal& p) {
  PrincipalKind best = PrincipalKind::kNone;
  auto up = [&](PrincipalKind k) { best = std::max(best, k); };
  const Request& r = p.r;
  if (b.any) up(PrincipalKind::kWildcard);
  const bool service = r.principal_type == PrincipalType::kServicePrincipal;
  for (const auto& v : b.aws) {
    if (v == "*") {
      if (r.principal_type != PrincipalType::kAnonymous) up(PrincipalKind::kWildcard);
      continue;
    }
    if (service) continue;
    if (v == r.principal_arn) up(PrincipalKind::kDirect);
    else if (!p.role_arn.empty() && v == p.role_arn) up(PrincipalKind::kRole);
    else if (IsAccountValue(v, p.account))
      up(r.principal_type == PrincipalType::kRoot ? PrincipalKind::kDirect : PrincipalKind::kAccount);
  }
  if (service) {
    for (const auto& v : b.service) {
      if (v == "*" || IEquals(v, r.principal_arn)) up(PrincipalKind::kDirect);
    }
  }
  for (const auto& v : b.federated) {
    if (v == r.principal_arn) up(PrincipalKind::kDirect);
  }
  for (const auto& v : b.canonical_user) {
    if (v == r.principal_arn) up(PrincipalKind::kDirect);
  }
  return best;
}

struct StatementOutcome {
  Tri applies = Tri::kNo;
  PrincipalKind kind = PrincipalKind::kWildcard;
  std::vector<std::string> keys;
};

// Whether `st` applies. The action and resource are ruled on from the compiled form alone; the
// Statement itself is read only when both match.
StatementOutcome EvalStatement(const Statement& st, const detail::CompiledPolicy& cp,
                               const detail::CompiledStatement& cs, PolicyVersion version,
                               PolicyType type, const Principal& p, const Lookup& lookup) {
  StatementOutcome out;
  const Request& r = p.r;
  const bool action = detail::MatchCompiledActions(cp, cs, p.lower_action);
  if (action == cs.not_action) return out;
  Tri resource = Tri::kYes;
  if (cs.has_resource) {
    Tri any = Tri::kNo;
    std::string buf;
    for (std::uint32_t i = cs.resources_begin; i < cs.resources_end; ++i) {
      const detail::CompiledPattern& pat = cp.patterns[i];
      if (!pat.vars) {
        if (detail::MatchCompiledResource(cp, pat, r.resource_arn, p.resource)) {
          any = Tri::kYes;
          break;
        }
        continue;
      }
      Resolved rv = Substitute(cp.Text(pat), version, lookup, true, buf);
      if (rv.status == Tri::kUnknown) {
        any = Or(any, Tri::kUnknown);
        out.keys.emplace_back(rv.unknown_key);
      } else if (rv.status == Tri::kYes && ArnGlob(rv.text, p.resource, rv.escaped)) {
        any = Tri::kYes;
        break;
      }
    }
    resource = cs.not_resource ? (any == Tri::kYes ? Tri::kNo : any == Tri::kNo ? Tri::kYes : Tri::kUnknown)
                               : any;
  }
  if (resource == Tri::kNo) return out;
  const bool principal_policy = type == PolicyType::kResource || type == PolicyType::kEndpoint ||
                                type == PolicyType::kRcp;
  if (principal_policy) {
    if (!st.has_principal) {
      if (type == PolicyType::kResource) return out;  // a resource policy statement must name principals
    } else {
      PrincipalKind k = MatchPrincipalBlock(st.principal, p);
      if (st.not_principal) {
        if (st.principal.any || k == PrincipalKind::kDirect || k == PrincipalKind::kRole ||
            k == PrincipalKind::kWildcard)
          return out;
        out.kind = PrincipalKind::kWildcard;
      } else {
        if (k == PrincipalKind::kNone) return out;
        out.kind = k;
      }
    }
  }
  Tri cond = Tri::kYes;
  for (std::uint32_t i = cs.clauses_begin; i < cs.clauses_end; ++i) {
    cond = And(cond, EvalClause(st.conditions[i - cs.clauses_begin], cp.clause_vars[i] != 0, version,
                                lookup, out.keys));
    if (cond == Tri::kNo) return out;
  }
  out.applies = And(resource, cond);
  if (out.applies != Tri::kUnknown) out.keys.clear();
  return out;
}

// ---- layers ----

struct LayerEval {
  bool present = false;
  Tri deny = Tri::kNo;
  Tri allow = Tri::kNo;
  Tri allow_by[5] = {Tri::kNo, Tri::kNo, Tri::kNo, Tri::kNo, Tri::kNo};  // by PrincipalKind
  std::set<std::string> keys;
};

// Evaluates one policy into `layer`, appending the statements that (possibly) apply to `matched`
// (Result::matched, filled layer by layer in the order it lists them).
void EvalPolicy(const NamedPolicy& np, PolicyType type, const Principal& p, const Lookup& lookup,
                LayerEval& layer, std::vector<MatchedStatement>& matched) {
  if (!np.policy) return;
  layer.present = true;
  const Policy& policy = *np.policy;
  // The compiled form from ParsePolicy/CompilePolicy; derived here for hand-built policies.
  detail::CompiledPolicy local;
  const detail::CompiledPolicy* compiled = policy.compiled.get();
  if (compiled == nullptr || compiled->statements.size() != policy.statements.size()) {
    local = detail::Compile(policy);
    compiled = &local;
  }
  // Ask for the three arrays at once rather than one after the other (memory-level parallelism:
  // one pass over many requests finds them outside the caches).
  __builtin_prefetch(compiled->statements.data());
  __builtin_prefetch(compiled->patterns.data());
  __builtin_prefetch(compiled->text.data());
  for (std::size_t i = 0; i < policy.statements.size(); ++i) {
    const Statement& st = policy.statements[i];
    StatementOutcome o = EvalStatement(st, *compiled, compiled->statements[i], policy.version, type, p, lookup);
    if (o.applies == Tri::kNo) continue;
    MatchedStatement m;
    m.policy_name = np.name;
    m.policy_type = type;
    m.sid = st.sid;
    m.index = st.index;
    m.effect = st.effect;
    m.definite = o.applies == Tri::kYes;
    if (!m.definite) m.keys = o.keys;  // o.keys is empty for a definite statement
    m.start = st.start;
    m.end = st.end;
    matched.push_back(std::move(m));
    for (auto& k : o.keys) layer.keys.insert(std::move(k));
    if (st.effect == Effect::kDeny) {
      layer.deny = Or(layer.deny, o.applies);
    } else {
      layer.allow = Or(layer.allow, o.applies);
      auto& slot = layer.allow_by[static_cast<int>(o.kind)];
      slot = Or(slot, o.applies);
    }
  }
}

LayerEval EvalLayer(const std::vector<NamedPolicy>& policies, PolicyType type, const Principal& p,
                    const Lookup& lookup, std::vector<MatchedStatement>& matched) {
  LayerEval layer;
  for (const auto& np : policies) EvalPolicy(np, type, p, lookup, layer, matched);
  return layer;
}

LayerDecision Summarise(const LayerEval& l, bool applies) {
  if (!applies || !l.present) return LayerDecision::kNotApplicable;
  if (l.deny == Tri::kYes) return LayerDecision::kExplicitDeny;
  if (l.deny == Tri::kUnknown) return LayerDecision::kUnknown;
  if (l.allow == Tri::kYes) return LayerDecision::kAllow;
  if (l.allow == Tri::kUnknown) return LayerDecision::kUnknown;
  return LayerDecision::kImplicitDeny;
}

}  // namespace

void Context::Set(std::string_view key, std::vector<std::string> values) {
  const bool multi = values.size() > 1 || IsMultivaluedKey(key);
  entries_[Lower(key)] = Entry{std::string(key), std::move(values), false, multi};
}
void Context::SetUnknown(std::string_view key) { entries_[Lower(key)] = Entry{std::string(key), {}, true}; }
void Context::Erase(std::string_view key) { entries_.erase(Lower(key)); }
const Context::Entry* Context::Find(std::string_view key) const {
  if (entries_.empty()) return nullptr;
  if (entries_.size() <= 16) {
    // A request carries a handful of keys: compare in place rather than build a lower-case copy.
    for (const auto& [lower, e] : entries_) {
      if (lower.size() != key.size()) continue;
      std::size_t i = 0;
      while (i < key.size() && FoldAscii(key[i]) == lower[i]) ++i;
      if (i == key.size()) return &e;
    }
    return nullptr;
  }
  auto it = entries_.find(Lower(key));
  return it == entries_.end() ? nullptr : &it->second;
}

std::string_view PolicyTypeName(PolicyType type) {
  switch (type) {
    case PolicyType::kIdentity: return "IAM Policy";
    case PolicyType::kResource: return "Resource Policy";
    case PolicyType::kPermissionsBoundary: return "Permissions Boundary Policy";
    case PolicyType::kScp: return "Service Control Policy";
    case PolicyType::kRcp: return "Resource Control Policy";
    case PolicyType::kEndpoint: return "VPC Endpoint Policy";
    case PolicyType::kSession: return "Session Policy";
  }
  return "";
}

std::string_view DecisionName(Decision d) {
  switch (d) {
    case Decision::kAllowed: return "allowed";
    case Decision::kExplicitDeny: return "explicitDeny";
    case Decision::kImplicitDeny: return "implicitDeny";
    case Decision::kUnknown: return "unknown";
  }
  return "";
}

std::string_view LayerDecisionName(LayerDecision d) {
  switch (d) {
    case LayerDecision::kNotApplicable: return "notApplicable";
    case LayerDecision::kAllow: return "allowed";
    case LayerDecision::kExplicitDeny: return "explicitDeny";
    case LayerDecision::kImplicitDeny: return "implicitDeny";
    case LayerDecision::kUnknown: return "unknown";
  }
  return "";
}

std::string MatchedStatement::Label() const { return sid.empty() ? "#" + std::to_string(index) : sid; }

bool RcpAppliesToService(std::string_view action) {
  // Organizations user guide, orgs_manage_policies_rcps.html, "List of AWS services that support
  // RCPs": the five of the launch (Nov 2024: S3, STS, KMS, SQS, Secrets Manager) and the 2025
  // additions Amazon ECR, CloudWatch Logs, DynamoDB, Cognito user pools (cognito-idp) and
  // OpenSearch Serverless (aoss). All ten are in iam-simulate's data (iam-data
  // rcpSupportedServices.json), which lists more; docs/iam-differential.md reconciles the two.
  std::string_view svc = action.substr(0, action.find(':'));
  for (std::string_view s : {"s3", "sts", "kms", "sqs", "secretsmanager", "ecr", "logs", "dynamodb",
                             "cognito-idp", "aoss"}) {
    if (IEquals(svc, s)) return true;
  }
  return false;
}

bool IsMultivaluedKey(std::string_view key) {
  for (std::string_view k : {"aws:TagKeys", "aws:CalledVia", "aws:PrincipalOrgPaths",
                             "aws:PrincipalServiceNamesList", "kms:EncryptionContextKeys",
                             "kms:GrantOperations"}) {
    if (IEquals(key, k)) return true;
  }
  return false;
}

namespace {

// Starts loading what Evaluate reads first (the request's strings, each policy and its compiled
// form), so that the cache misses overlap instead of following one another.
void Prefetch(const Request& request, const PolicySet& policies) {
  __builtin_prefetch(request.action.data());
  __builtin_prefetch(request.principal_arn.data());
  __builtin_prefetch(request.resource_arn.data());
  auto one = [](const NamedPolicy& np) {
    if (np.policy) {
      __builtin_prefetch(np.policy.get());
      __builtin_prefetch(np.policy->compiled.get());
    }
  };
  for (const auto& np : policies.identity) one(np);
  if (policies.resource) one(*policies.resource);
  if (policies.permissions_boundary) one(*policies.permissions_boundary);
  if (policies.endpoint) one(*policies.endpoint);
  for (const auto& level : policies.scps)
    for (const auto& np : level.policies) one(np);
  for (const auto& level : policies.rcps)
    for (const auto& np : level.policies) one(np);
}

}  // namespace

Result Evaluate(const Request& request, const PolicySet& policies) {
  Prefetch(request, policies);
  Result res;
  std::string principal_account = request.principal_account;
  if (principal_account.empty() && request.principal_type != PrincipalType::kServicePrincipal)
    principal_account = ArnAccount(request.principal_arn);
  const detail::ArnParts resource_parts = detail::SplitArn(request.resource_arn);
  std::string resource_account = request.resource_account;
  // The fifth field, as ArnAccount would find it.
  if (resource_account.empty() && request.resource_arn != "*" && resource_parts.ok)
    resource_account = std::string(resource_parts.part[4]);
  std::string role_arn = request.role_arn;
  if (role_arn.empty() && request.principal_type == PrincipalType::kRoleSession)
    role_arn = RoleArnOfSession(request.principal_arn);

  const Lookup lookup(request, principal_account, resource_account);
  // The action lower-cased once (compiled action patterns are lower-case).
  char action_small[128];
  std::string action_big;
  std::string_view lower_action;
  if (request.action.size() <= sizeof action_small) {
    for (std::size_t i = 0; i < request.action.size(); ++i) action_small[i] = FoldAscii(request.action[i]);
    lower_action = std::string_view(action_small, request.action.size());
  } else {
    action_big = Lower(request.action);
    lower_action = action_big;
  }
  const Principal p{request, principal_account, role_arn, resource_parts, lower_action};
  const bool service = request.principal_type == PrincipalType::kServicePrincipal;
  const bool anonymous = request.principal_type == PrincipalType::kAnonymous;

  // Layers, in the order Result::matched lists their statements.
  auto& matched = res.matched;
  matched.reserve(8);
  LayerEval identity =
      (service || anonymous) ? LayerEval{} : EvalLayer(policies.identity, PolicyType::kIdentity, p, lookup, matched);
  LayerEval resource;
  if (policies.resource) EvalPolicy(*policies.resource, PolicyType::kResource, p, lookup, resource, matched);
  LayerEval boundary;
  if (policies.permissions_boundary && !service)
    EvalPolicy(*policies.permissions_boundary, PolicyType::kPermissionsBoundary, p, lookup, boundary, matched);
  LayerEval session = service ? LayerEval{} : EvalLayer(policies.session, PolicyType::kSession, p, lookup, matched);

  const bool scp_applies = !policies.scps.empty() && !service && !anonymous &&
                           !request.principal_is_service_linked_role && !request.principal_in_management_account;
  const bool rcp_applies = !policies.rcps.empty() && RcpAppliesToService(request.action) &&
                           !request.principal_is_service_linked_role && !request.resource_is_aws_managed_key &&
                           !request.resource_in_management_account;
  std::vector<LayerEval> scp_levels, rcp_levels;
  if (scp_applies) {
    scp_levels.reserve(policies.scps.size());
    for (const auto& lvl : policies.scps)
      scp_levels.push_back(EvalLayer(lvl.policies, PolicyType::kScp, p, lookup, matched));
  }
  if (rcp_applies) {
    rcp_levels.reserve(policies.rcps.size());
    for (const auto& lvl : policies.rcps)
      rcp_levels.push_back(EvalLayer(lvl.policies, PolicyType::kRcp, p, lookup, matched));
  }
  LayerEval endpoint;
  if (policies.endpoint) EvalPolicy(*policies.endpoint, PolicyType::kEndpoint, p, lookup, endpoint, matched);

  // Guardrail allows (AND over levels).
  auto levels_allow = [](const std::vector<LayerEval>& levels, std::optional<std::size_t>& failing) {
    Tri t = Tri::kYes;
    for (std::size_t i = 0; i < levels.size(); ++i) {
      t = And(t, levels[i].allow);
      if (levels[i].allow == Tri::kNo && !failing) failing = i;
    }
    return t;
  };
  const Tri scp_allow = scp_applies ? levels_allow(scp_levels, res.failing_scp_level) : Tri::kYes;
  const Tri rcp_allow = rcp_applies ? levels_allow(rcp_levels, res.failing_rcp_level) : Tri::kYes;
  const Tri boundary_allow = boundary.present ? boundary.allow : Tri::kYes;
  const Tri session_allow = session.present ? session.allow : Tri::kYes;
  const Tri endpoint_allow = endpoint.present ? endpoint.allow : Tri::kYes;

  // Principal-side allow.
  std::string res_policy_account = policies.resource_policy_account.empty() ? resource_account
                                                                           : policies.resource_policy_account;
  const bool cross_account = !service && !principal_account.empty() && !res_policy_account.empty() &&
                             principal_account != res_policy_account;
  res.cross_account = cross_account;
  const bool kms = policies.resource_is_kms_key.value_or(
      request.action.size() > 4 && IEquals(request.action.substr(0, 4), "kms:"));

  auto by = [&](PrincipalKind k) { return resource.allow_by[static_cast<int>(k)]; };
  const Tri identity_eff = And(And(identity.allow, boundary_allow), session_allow);
  // Grants to the user / role-session ARN itself are not limited by boundary or session policy;
  // grants to the role ARN or the account are (reference_policies_evaluation-logic.html,
  // boundaries and session policies). "Principal": "*" matches the role session itself, so a
  // same-account grant through "*" counts as a grant to the session, not to the role ARN, and the
  // boundary's or session policy's implicit deny does not limit it (iam-simulate agrees;
  // docs/iam-differential.md). Explicit denies in them still apply.
  const Tri res_direct = Or(by(PrincipalKind::kDirect), by(PrincipalKind::kWildcard));
  const Tri res_bounded = And(And(by(PrincipalKind::kRole), boundary_allow), session_allow);
  const Tri res_account = by(PrincipalKind::kAccount);
  Tri principal_allow;
  PolicyType grant_layer = PolicyType::kIdentity;
  if (service) {
    principal_allow = resource.allow;
    grant_layer = PolicyType::kResource;
  } else if (cross_account) {
    principal_allow = And(identity_eff, resource.allow);
    if (identity_eff == Tri::kYes && resource.allow != Tri::kYes) grant_layer = PolicyType::kResource;
  } else if (kms) {
    // The key policy must allow: directly, or by delegating to IAM through the account principal.
    principal_allow = Or(Or(res_direct, res_bounded), And(res_account, identity_eff));
    grant_layer = PolicyType::kResource;
  } else {
    principal_allow = Or(identity_eff, Or(res_direct, res_bounded));
    if (identity_eff != Tri::kYes && Or(res_direct, res_bounded) == Tri::kYes) grant_layer = PolicyType::kResource;
  }
  const Tri allow = And(And(And(principal_allow, scp_allow), rcp_allow), endpoint_allow);

  // Deny anywhere.
  struct Named {
    PolicyType type;
    const LayerEval* l;
  };
  // Every layer in Result::matched order; on the stack unless there are many guardrail levels.
  Named all_small[16];
  std::vector<Named> all_big;
  const std::size_t n_all = 5 + scp_levels.size() + rcp_levels.size();
  if (n_all > std::size(all_small)) all_big.resize(n_all);
  Named* const all_begin = n_all > std::size(all_small) ? all_big.data() : all_small;
  {
    Named* out = all_begin;
    *out++ = {PolicyType::kIdentity, &identity};
    *out++ = {PolicyType::kResource, &resource};
    *out++ = {PolicyType::kPermissionsBoundary, &boundary};
    *out++ = {PolicyType::kSession, &session};
    for (const auto& l : scp_levels) *out++ = {PolicyType::kScp, &l};
    for (const auto& l : rcp_levels) *out++ = {PolicyType::kRcp, &l};
    *out++ = {PolicyType::kEndpoint, &endpoint};
  }
  const std::span<const Named> all(all_begin, n_all);
  Tri deny = Tri::kNo;
  for (const auto& n : all) deny = Or(deny, n.l->deny);

  res.identity = Summarise(identity, !service);
  res.resource = Summarise(resource, true);
  res.permissions_boundary = Summarise(boundary, true);
  res.session = Summarise(session, true);
  res.endpoint = Summarise(endpoint, true);
  auto summarise_levels = [](const std::vector<LayerEval>& levels, bool applies, Tri allow_all) {
    if (!applies) return LayerDecision::kNotApplicable;
    Tri d = Tri::kNo;
    for (const auto& l : levels) d = Or(d, l.deny);
    if (d == Tri::kYes) return LayerDecision::kExplicitDeny;
    if (d == Tri::kUnknown || allow_all == Tri::kUnknown) return LayerDecision::kUnknown;
    return allow_all == Tri::kYes ? LayerDecision::kAllow : LayerDecision::kImplicitDeny;
  };
  res.organizations_scp = summarise_levels(scp_levels, scp_applies, scp_allow);
  res.resource_control_policy = summarise_levels(rcp_levels, rcp_applies, rcp_allow);

  auto collect = [&](auto pred) {
    for (const auto& m : res.matched) {
      if (pred(m)) res.deciding.push_back(m);
    }
  };
  std::set<std::string> keys;
  if (deny == Tri::kYes) {
    res.decision = Decision::kExplicitDeny;
    for (const auto& n : all) {
      if (n.l->deny == Tri::kYes) {
        res.deciding_layer = n.type;
        break;
      }
    }
    collect([](const MatchedStatement& m) { return m.effect == Effect::kDeny && m.definite; });
  } else if (allow == Tri::kNo) {
    res.decision = Decision::kImplicitDeny;
    if (scp_allow == Tri::kNo) res.deciding_layer = PolicyType::kScp;
    else if (rcp_allow == Tri::kNo) res.deciding_layer = PolicyType::kRcp;
    else if (endpoint_allow == Tri::kNo) res.deciding_layer = PolicyType::kEndpoint;
    else if (identity.allow != Tri::kNo && boundary_allow == Tri::kNo && principal_allow == Tri::kNo)
      res.deciding_layer = PolicyType::kPermissionsBoundary;
    else if (identity.allow != Tri::kNo && session_allow == Tri::kNo && principal_allow == Tri::kNo)
      res.deciding_layer = PolicyType::kSession;
    else if (service || kms || (cross_account && identity_eff != Tri::kNo))
      res.deciding_layer = PolicyType::kResource;
    else
      res.deciding_layer = PolicyType::kIdentity;
    if (deny == Tri::kUnknown) {
      for (const auto& n : all) keys.insert(n.l->keys.begin(), n.l->keys.end());
    }
  } else if (allow == Tri::kYes && deny == Tri::kNo) {
    res.decision = Decision::kAllowed;
    res.deciding_layer = grant_layer;
    const bool via_identity = identity_eff == Tri::kYes && grant_layer == PolicyType::kIdentity;
    collect([&](const MatchedStatement& m) {
      if (m.effect != Effect::kAllow || !m.definite) return false;
      if (m.policy_type == PolicyType::kIdentity) return via_identity || cross_account || kms;
      return m.policy_type == PolicyType::kResource;
    });
  } else {
    res.decision = Decision::kUnknown;
    collect([](const MatchedStatement& m) { return !m.definite; });
    for (const auto& n : all) keys.insert(n.l->keys.begin(), n.l->keys.end());
  }
  res.missing_context_values.assign(keys.begin(), keys.end());
  return res;
}

}  // namespace fd::iam
