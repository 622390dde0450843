// Policy document parsing and the three wildcard matchers AWS uses (actions, ARNs, StringLike;
// all three over iam/glob.h, the matcher the evaluator uses too).
// Grammar: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html.
// Statement positions come from a small scanner over the raw text, since nlohmann keeps none.

#include "iam/policy.h"

#include "iam/compiled.h"
#include "iam/glob.h"
#include "util/strings.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <utility>

#include <nlohmann/json.hpp>

namespace fd::iam {
namespace {

using json = nlohmann::json;

using util::IEquals;

// ---- positions of the statements in the raw text ----

struct Scanner {
  std::string_view s;
  std::size_t i = 0;
  void Ws() {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
  }
  // Skips one JSON value (already validated by nlohmann); returns false on malformed text.
  bool Skip() {
    Ws();
    if (i >= s.size()) return false;
    char c = s[i];
    if (c == '"') {
      ++i;
      while (i < s.size() && s[i] != '"') i += (s[i] == '\\') ? 2 : 1;
      ++i;
      return i <= s.size();
    }
    if (c == '{' || c == '[') {
      int depth = 0;
      while (i < s.size()) {
        char d = s[i];
        if (d == '"') {
          if (!Skip()) return false;
          continue;
        }
        if (d == '{' || d == '[') ++depth;
        if (d == '}' || d == ']') {
          --depth;
          if (depth == 0) {
            ++i;
            return true;
          }
        }
        ++i;
      }
      return false;
    }
    while (i < s.size() && s[i] != ',' && s[i] != '}' && s[i] != ']' && !std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    return true;
  }
  std::optional<std::string> Key() {
    Ws();
    if (i >= s.size() || s[i] != '"') return std::nullopt;
    std::size_t b = i + 1;
    if (!Skip()) return std::nullopt;
    return std::string(s.substr(b, i - 1 - b));
  }
};

// Byte ranges [begin, end) of each statement object.
std::vector<std::pair<std::size_t, std::size_t>> StatementRanges(std::string_view text) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  Scanner sc{text};
  sc.Ws();
  if (sc.i >= text.size() || text[sc.i] != '{') return out;
  ++sc.i;
  while (true) {
    sc.Ws();
    if (sc.i >= text.size() || text[sc.i] == '}') return out;
    auto key = sc.Key();
    if (!key) return out;
    sc.Ws();
    if (sc.i >= text.size() || text[sc.i] != ':') return out;
    ++sc.i;
    sc.Ws();
    if (*key == "Statement") {
      if (sc.i < text.size() && text[sc.i] == '{') {
        std::size_t b = sc.i;
        if (sc.Skip()) out.emplace_back(b, sc.i);
        return out;
      }
      if (sc.i < text.size() && text[sc.i] == '[') {
        ++sc.i;
        while (true) {
          sc.Ws();
          if (sc.i >= text.size() || text[sc.i] == ']') return out;
          std::size_t b = sc.i;
          if (!sc.Skip()) return out;
          out.emplace_back(b, sc.i);
          sc.Ws();
          if (sc.i < text.size() && text[sc.i] == ',') ++sc.i;
        }
      }
      return out;
    }
    if (!sc.Skip()) return out;
    sc.Ws();
    if (sc.i < text.size() && text[sc.i] == ',') ++sc.i;
  }
}

Position ToPosition(std::string_view text, std::size_t offset) {
  Position p{1, 1};
  for (std::size_t k = 0; k < offset && k < text.size(); ++k) {
    if (text[k] == '\n') {
      ++p.line;
      p.column = 1;
    } else {
      ++p.column;
    }
  }
  return p;
}

// ---- element readers ----

std::string Where(std::size_t index, std::string_view element) {
  return "Statement[" + std::to_string(index) + "]." + std::string(element);
}

tl::unexpected<Error> Bad(std::string message) {
  return MakeError(ErrorCode::kInvalidInput, "policy: " + std::move(message));
}

// A scalar condition/principal value as text ("10", "true" for JSON numbers and booleans).
std::optional<std::string> ScalarText(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? std::string("true") : std::string("false");
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  if (v.is_number_unsigned()) return std::to_string(v.get<unsigned long long>());
  if (v.is_number_float()) return v.dump();
  return std::nullopt;
}

// String or array of strings (numbers/booleans allowed when `scalars`).
Expected<std::vector<std::string>> StringList(const json& v, const std::string& where, bool scalars) {
  std::vector<std::string> out;
  auto one = [&](const json& e) -> bool {
    if (e.is_string()) {
      out.push_back(e.get<std::string>());
      return true;
    }
    if (scalars) {
      if (auto t = ScalarText(e)) {
        out.push_back(*t);
        return true;
      }
    }
    return false;
  };
  if (v.is_array()) {
    for (const auto& e : v) {
      if (!one(e)) return Bad(where + ": array elements must be strings");
    }
    return out;
  }
  if (!one(v)) return Bad(where + ": must be a string or an array of strings");
  return out;
}

Expected<PrincipalBlock> ReadPrincipal(const json& v, const std::string& where) {
  PrincipalBlock p;
  if (v.is_string()) {
    if (v.get<std::string>() != "*") return Bad(where + ": a string principal must be \"*\"");
    p.any = true;
    return p;
  }
  if (!v.is_object()) return Bad(where + ": must be \"*\" or an object");
  for (const auto& [k, val] : v.items()) {
    auto list = StringList(val, where + "." + k, true);
    if (!list) return tl::unexpected(list.error());
    if (k == "AWS") {
      p.aws = std::move(*list);
    } else if (k == "Service") {
      p.service = std::move(*list);
    } else if (k == "Federated") {
      p.federated = std::move(*list);
    } else if (k == "CanonicalUser") {
      p.canonical_user = std::move(*list);
    } else {
      return Bad(where + ": unknown principal type '" + k + "'");
    }
  }
  return p;
}

struct OpName {
  std::string_view name;
  ConditionOperator op;
};
constexpr OpName kOps[] = {
    {"StringEquals", ConditionOperator::kStringEquals},
    {"StringNotEquals", ConditionOperator::kStringNotEquals},
    {"StringEqualsIgnoreCase", ConditionOperator::kStringEqualsIgnoreCase},
    {"StringNotEqualsIgnoreCase", ConditionOperator::kStringNotEqualsIgnoreCase},
    {"StringLike", ConditionOperator::kStringLike},
    {"StringNotLike", ConditionOperator::kStringNotLike},
    {"NumericEquals", ConditionOperator::kNumericEquals},
    {"NumericNotEquals", ConditionOperator::kNumericNotEquals},
    {"NumericLessThan", ConditionOperator::kNumericLessThan},
    {"NumericLessThanEquals", ConditionOperator::kNumericLessThanEquals},
    {"NumericGreaterThan", ConditionOperator::kNumericGreaterThan},
    {"NumericGreaterThanEquals", ConditionOperator::kNumericGreaterThanEquals},
    {"DateEquals", ConditionOperator::kDateEquals},
    {"DateNotEquals", ConditionOperator::kDateNotEquals},
    {"DateLessThan", ConditionOperator::kDateLessThan},
    {"DateLessThanEquals", ConditionOperator::kDateLessThanEquals},
    {"DateGreaterThan", ConditionOperator::kDateGreaterThan},
    {"DateGreaterThanEquals", ConditionOperator::kDateGreaterThanEquals},
    {"Bool", ConditionOperator::kBool},
    {"BinaryEquals", ConditionOperator::kBinaryEquals},
    {"IpAddress", ConditionOperator::kIpAddress},
    {"NotIpAddress", ConditionOperator::kNotIpAddress},
    {"ArnEquals", ConditionOperator::kArnEquals},
    {"ArnLike", ConditionOperator::kArnLike},
    {"ArnNotEquals", ConditionOperator::kArnNotEquals},
    {"ArnNotLike", ConditionOperator::kArnNotLike},
    {"Null", ConditionOperator::kNull},
};

// Operator names are case-insensitive in practice (AWS accepts "stringequals"); we accept both.
std::optional<ConditionClause> ParseOperator(std::string_view text) {
  ConditionClause c;
  c.op_text = std::string(text);
  std::string_view rest = text;
  if (auto colon = rest.find(':'); colon != std::string_view::npos) {
    std::string_view q = rest.substr(0, colon);
    if (IEquals(q, "ForAnyValue")) {
      c.set = SetQualifier::kForAnyValue;
    } else if (IEquals(q, "ForAllValues")) {
      c.set = SetQualifier::kForAllValues;
    } else {
      return std::nullopt;
    }
    rest = rest.substr(colon + 1);
  }
  constexpr std::string_view kIfExists = "IfExists";
  if (rest.size() > kIfExists.size() &&
      IEquals(rest.substr(rest.size() - kIfExists.size()), kIfExists)) {
    c.if_exists = true;
    rest = rest.substr(0, rest.size() - kIfExists.size());
  }
  for (const auto& o : kOps) {
    if (IEquals(o.name, rest)) {
      c.op = o.op;
      if (o.op == ConditionOperator::kNull && c.if_exists) return std::nullopt;  // no NullIfExists
      return c;
    }
  }
  return std::nullopt;
}

Expected<std::vector<ConditionClause>> ReadCondition(const json& v, const std::string& where) {
  std::vector<ConditionClause> out;
  if (!v.is_object()) return Bad(where + ": must be an object");
  for (const auto& [op, block] : v.items()) {
    auto proto = ParseOperator(op);
    if (!proto) return Bad(where + ": unknown condition operator '" + op + "'");
    if (!block.is_object()) return Bad(where + "." + op + ": must be an object of keys");
    for (const auto& [key, vals] : block.items()) {
      auto list = StringList(vals, where + "." + op + "." + key, true);
      if (!list) return tl::unexpected(list.error());
      ConditionClause c = *proto;
      c.key = key;
      c.values = std::move(*list);
      out.push_back(std::move(c));
    }
  }
  return out;
}

Expected<Statement> ReadStatement(const json& v, std::size_t index) {
  Statement st;
  st.index = index;
  if (!v.is_object()) return Bad(Where(index, "") + ": a statement must be an object");
  bool has_effect = false, has_action = false;
  for (const auto& [k, val] : v.items()) {
    const std::string where = Where(index, k);
    if (k == "Sid") {
      if (!val.is_string()) return Bad(where + ": must be a string");
      st.sid = val.get<std::string>();
    } else if (k == "Effect") {
      if (val == "Allow") {
        st.effect = Effect::kAllow;
      } else if (val == "Deny") {
        st.effect = Effect::kDeny;
      } else {
        return Bad(where + ": must be Allow or Deny");
      }
      has_effect = true;
    } else if (k == "Action" || k == "NotAction") {
      if (has_action) return Bad(where + ": Action and NotAction are mutually exclusive");
      auto list = StringList(val, where, false);
      if (!list) return tl::unexpected(list.error());
      st.actions = std::move(*list);
      st.not_action = (k == "NotAction");
      has_action = true;
    } else if (k == "Resource" || k == "NotResource") {
      if (st.has_resource) return Bad(where + ": Resource and NotResource are mutually exclusive");
      auto list = StringList(val, where, false);
      if (!list) return tl::unexpected(list.error());
      st.resources = std::move(*list);
      st.not_resource = (k == "NotResource");
      st.has_resource = true;
    } else if (k == "Principal" || k == "NotPrincipal") {
      if (st.has_principal) return Bad(where + ": Principal and NotPrincipal are mutually exclusive");
      auto p = ReadPrincipal(val, where);
      if (!p) return tl::unexpected(p.error());
      st.principal = std::move(*p);
      st.not_principal = (k == "NotPrincipal");
      st.has_principal = true;
    } else if (k == "Condition") {
      auto c = ReadCondition(val, where);
      if (!c) return tl::unexpected(c.error());
      st.conditions = std::move(*c);
    } else {
      return Bad(where + ": unknown element");
    }
  }
  if (!has_effect) return Bad(Where(index, "Effect") + ": missing");
  if (!has_action) return Bad(Where(index, "Action") + ": missing (Action or NotAction)");
  return st;
}

}  // namespace

bool IsNegated(ConditionOperator op) {
  switch (op) {
    case ConditionOperator::kStringNotEquals:
    case ConditionOperator::kStringNotEqualsIgnoreCase:
    case ConditionOperator::kStringNotLike:
    case ConditionOperator::kNumericNotEquals:
    case ConditionOperator::kDateNotEquals:
    case ConditionOperator::kNotIpAddress:
    case ConditionOperator::kArnNotEquals:
    case ConditionOperator::kArnNotLike:
      return true;
    default:
      return false;
  }
}

std::string Statement::Label() const { return sid.empty() ? "#" + std::to_string(index) : sid; }

namespace {

// AWS refuses a customer policy larger than its kind's quota, counted without whitespace:
// 6,144 characters for an IAM managed policy, 10,240 for a role's inline policies together,
// 5,120 for an SCP or RCP, 20,480 for a secret's or an endpoint's resource policy, 32,768 for a
// KMS key policy. AWS-managed policies are not bound by those quotas, so the bound here is four
// times the largest. The policy grammar nests six levels at most (policy, Statement, statement,
// Condition, operator, values); AWS answers MalformedPolicyDocument to anything deeper. Text
// beyond either bound is not a policy AWS holds and is refused before parsing, so a hostile
// snapshot cannot make the parser or the evaluator work through megabytes of nesting.
constexpr std::size_t kMaxPolicyChars = 131072;
constexpr int kMaxPolicyDepth = 8;

std::optional<std::string> BeyondAwsLimits(std::string_view text) {
  std::size_t chars = 0;
  int depth = 0, deepest = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      ++chars;
      if (c == '\\') {
        ++i;
        ++chars;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    ++chars;
    if (c == '"') in_string = true;
    else if (c == '{' || c == '[') deepest = std::max(deepest, ++depth);
    else if (c == '}' || c == ']') --depth;
  }
  if (deepest > kMaxPolicyDepth)
    return "policy: nested " + std::to_string(deepest) + " levels deep; the policy grammar nests at most "
           "6 and AWS refuses deeper documents as MalformedPolicyDocument";
  if (chars > kMaxPolicyChars)
    return "policy: " + std::to_string(chars) + " characters without whitespace; the bound is " +
           std::to_string(kMaxPolicyChars) + " here, four times the largest quota AWS sets for a "
           "policy (32,768 for a KMS key policy), so this is not a policy AWS holds";
  return std::nullopt;
}

}  // namespace

Expected<Policy> ParsePolicy(std::string_view json_text) {
  if (std::optional<std::string> why = BeyondAwsLimits(json_text))
    return MakeError(ErrorCode::kInvalidJson, *why);
  json doc;
  try {
    doc = json::parse(json_text.begin(), json_text.end());
  } catch (const json::parse_error& e) {
    return MakeError(ErrorCode::kInvalidJson,
                     "policy: invalid JSON at byte " + std::to_string(e.byte) + ": " + e.what());
  } catch (const std::exception& e) {
    return MakeError(ErrorCode::kInvalidJson, std::string("policy: invalid JSON: ") + e.what());
  }
  if (!doc.is_object()) return Bad("the document must be a JSON object");
  Policy policy;
  const json* statements = nullptr;
  for (const auto& [k, val] : doc.items()) {
    if (k == "Version") {
      if (val == "2012-10-17") {
        policy.version = PolicyVersion::k2012_10_17;
      } else if (val == "2008-10-17") {
        policy.version = PolicyVersion::k2008_10_17;
      } else {
        return Bad("Version: must be 2012-10-17 or 2008-10-17");
      }
    } else if (k == "Id") {
      if (!val.is_string()) return Bad("Id: must be a string");
      policy.id = val.get<std::string>();
    } else if (k == "Statement") {
      statements = &val;
    } else {
      return Bad(k + ": unknown top-level element");
    }
  }
  if (statements == nullptr) return Bad("Statement: missing");
  auto ranges = StatementRanges(json_text);
  auto add = [&](const json& s, std::size_t i) -> std::optional<Error> {
    auto st = ReadStatement(s, i);
    if (!st) return st.error();
    if (i < ranges.size()) {
      st->start = ToPosition(json_text, ranges[i].first);
      st->end = ToPosition(json_text, ranges[i].second);
    }
    policy.statements.push_back(std::move(*st));
    return std::nullopt;
  };
  if (statements->is_array()) {
    for (std::size_t i = 0; i < statements->size(); ++i) {
      if (auto e = add((*statements)[i], i)) return tl::unexpected(*e);
    }
  } else if (statements->is_object()) {
    if (auto e = add(*statements, 0)) return tl::unexpected(*e);
  } else {
    return Bad("Statement: must be an object or an array");
  }
  CompilePolicy(policy);
  return policy;
}

namespace detail {

CompiledPolicy Compile(const Policy& policy) {
  const bool v2012 = policy.version == PolicyVersion::k2012_10_17;
  auto has_vars = [&](std::string_view s) { return v2012 && s.find("${") != std::string_view::npos; };
  auto wild = [](std::string_view s) { return s.find_first_of("*?") != std::string_view::npos; };
  CompiledPolicy out;
  std::size_t text = 0, patterns = 0, clauses = 0;
  for (const auto& st : policy.statements) {
    for (const auto& a : st.actions) text += a.size();
    for (const auto& r : st.resources) text += r.size();
    patterns += st.actions.size() + st.resources.size();
    clauses += st.conditions.size();
  }
  out.text.reserve(text);
  out.patterns.reserve(patterns);
  out.statements.reserve(policy.statements.size());
  out.clause_vars.reserve(clauses);
  auto add = [&](std::string_view s, bool lower) {
    CompiledPattern p;
    p.off = static_cast<std::uint32_t>(out.text.size());
    p.len = static_cast<std::uint32_t>(s.size());
    for (char c : s) out.text.push_back(lower ? FoldAscii(c) : c);
    p.literal = !wild(s);
    p.star = s == "*";
    return p;
  };
  for (const auto& st : policy.statements) {
    CompiledStatement cs;
    cs.not_action = st.not_action;
    cs.has_resource = st.has_resource;
    cs.not_resource = st.not_resource;
    cs.actions_begin = static_cast<std::uint32_t>(out.patterns.size());
    for (const auto& a : st.actions) {
      out.patterns.push_back(add(a, true));
      cs.any_action = cs.any_action || a == "*";
    }
    cs.actions_end = cs.resources_begin = static_cast<std::uint32_t>(out.patterns.size());
    for (const auto& r : st.resources) {
      CompiledPattern p = add(r, false);
      p.vars = has_vars(r);
      std::size_t pos = 0;
      int k = 0;
      for (; k < 5; ++k) {
        std::size_t c = r.find(':', pos);
        if (c == std::string::npos) break;
        p.cut[k] = static_cast<std::uint32_t>(c);
        pos = c + 1;
      }
      p.arn = k == 5;
      out.patterns.push_back(p);
    }
    cs.resources_end = static_cast<std::uint32_t>(out.patterns.size());
    cs.clauses_begin = static_cast<std::uint32_t>(out.clause_vars.size());
    for (const auto& c : st.conditions) {
      bool vars = false;
      for (const auto& v : c.values) vars = vars || has_vars(v);
      out.clause_vars.push_back(vars ? 1 : 0);
    }
    cs.clauses_end = static_cast<std::uint32_t>(out.clause_vars.size());
    out.statements.push_back(cs);
  }
  return out;
}

}  // namespace detail

void CompilePolicy(Policy& policy) {
  policy.compiled = std::make_shared<const detail::CompiledPolicy>(detail::Compile(policy));
}

bool MatchGlob(std::string_view pattern, std::string_view text) {
  return detail::Glob</*kFold=*/false, /*kEscapes=*/false>(pattern, text);
}

bool MatchActionPattern(std::string_view pattern, std::string_view action) {
  return detail::Glob</*kFold=*/true, /*kEscapes=*/false>(pattern, action);
}

bool MatchArnPattern(std::string_view pattern, std::string_view arn) {
  return detail::ArnGlob</*kEscapes=*/false>(pattern, detail::SplitArn(arn));
}

}  // namespace fd::iam
