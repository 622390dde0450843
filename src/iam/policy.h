#pragma once
/// IAM policy documents as typed values: the grammar of
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html.
/// One parser serves identity, resource, trust, boundary, SCP, RCP, endpoint and session
/// policies; which elements a policy type may use is the evaluator's business, not the parser's.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.h"

namespace fd::iam {

/// `Version`: absent means 2008-10-17, where `${...}` is literal text, not a policy variable.
enum class PolicyVersion { k2008_10_17, k2012_10_17 };

enum class Effect { kAllow, kDeny };

/// The base condition operators of
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
enum class ConditionOperator {
  kStringEquals, kStringNotEquals, kStringEqualsIgnoreCase, kStringNotEqualsIgnoreCase,
  kStringLike, kStringNotLike,
  kNumericEquals, kNumericNotEquals, kNumericLessThan, kNumericLessThanEquals,
  kNumericGreaterThan, kNumericGreaterThanEquals,
  kDateEquals, kDateNotEquals, kDateLessThan, kDateLessThanEquals, kDateGreaterThan,
  kDateGreaterThanEquals,
  kBool, kBinaryEquals,
  kIpAddress, kNotIpAddress,
  kArnEquals, kArnLike, kArnNotEquals, kArnNotLike,
  kNull,
};

/// `ForAnyValue:` / `ForAllValues:` prefix of a condition operator.
enum class SetQualifier { kNone, kForAnyValue, kForAllValues };

/// True for the operators AWS documents as negated (StringNotEquals, NotIpAddress, ...): an
/// absent key makes them true, several policy values combine as NOR.
bool IsNegated(ConditionOperator op);

/// One (operator, key) pair of a `Condition` block with its values (JSON numbers and booleans
/// are kept as their text, "10", "true").
struct ConditionClause {
  std::string op_text;  ///< as written, e.g. "ForAnyValue:StringLikeIfExists"
  ConditionOperator op = ConditionOperator::kStringEquals;
  SetQualifier set = SetQualifier::kNone;
  bool if_exists = false;
  std::string key;  ///< as written; compare case-insensitively
  std::vector<std::string> values;
};

/// A `Principal` or `NotPrincipal` element. `"*"` sets `any`; `{"AWS":"*"}` adds "*" to `aws`.
struct PrincipalBlock {
  bool any = false;
  std::vector<std::string> aws;             ///< ARNs or 12-digit account IDs, or "*"
  std::vector<std::string> service;         ///< e.g. "ecs-tasks.amazonaws.com"
  std::vector<std::string> federated;
  std::vector<std::string> canonical_user;
};

/// A 1-based line and column in the policy text, as the AWS CLI prints `StartPosition`.
struct Position {
  int line = 0;
  int column = 0;
};

struct Statement {
  std::string sid;     ///< empty when the statement has no Sid
  std::size_t index = 0;  ///< 0-based position in `Statement` (a single object is index 0)
  Effect effect = Effect::kAllow;
  bool not_action = false;             ///< true: `actions` holds NotAction
  std::vector<std::string> actions;    ///< "service:Action" patterns, `*` / `?`
  bool has_resource = false;           ///< Resource or NotResource present
  bool not_resource = false;
  std::vector<std::string> resources;  ///< ARN patterns or "*"
  bool has_principal = false;          ///< Principal or NotPrincipal present
  bool not_principal = false;
  PrincipalBlock principal;
  std::vector<ConditionClause> conditions;  ///< AND of all clauses
  Position start;  ///< where the statement's object begins in the text
  Position end;    ///< just after its closing brace

  /// "Sid" when present, else "#<index>": how reports name the statement.
  std::string Label() const;
};

namespace detail {
struct CompiledPolicy;
}  // namespace detail

struct Policy {
  PolicyVersion version = PolicyVersion::k2008_10_17;
  std::string id;  ///< the `Id` element, if any
  std::vector<Statement> statements;
  /// What the evaluator derives from the statements once (lower-cased action patterns, literal
  /// or wildcard, resource patterns cut at their colons, where policy variables occur). Set by
  /// ParsePolicy and by CompilePolicy; a policy built or edited by hand without CompilePolicy is
  /// still evaluated correctly, only slower (the evaluator derives it per call when this is
  /// null or its statement count differs).
  std::shared_ptr<const detail::CompiledPolicy> compiled;
};

/// (Re)derives `policy.compiled`; call it after building or editing a Policy by hand.
void CompilePolicy(Policy& policy);

/// Parses a policy document (decoded JSON text). Accepts a single string or an array wherever
/// AWS does (Action, Resource, principal values, condition values) and a single statement
/// object as well as an array. Errors (ErrorCode::kInvalidInput / kInvalidJson) name the byte
/// offset or the element, e.g. "Statement[1].Effect: must be Allow or Deny".
Expected<Policy> ParsePolicy(std::string_view json_text);

/// Case-insensitive glob with `*` (any run) and `?` (one character), as AWS matches actions.
bool MatchActionPattern(std::string_view pattern, std::string_view action);

/// AWS's ARN matching (Resource element, ArnLike/ArnEquals): the first five colon-separated
/// parts (arn, partition, service, region, account) are matched one by one, the resource part
/// (everything after the fifth colon, colons included) as a whole; `*` and `?` never cross a
/// segment boundary of the first five; case-sensitive. The pattern "*" matches everything.
bool MatchArnPattern(std::string_view pattern, std::string_view arn);

/// Case-sensitive glob with `*` and `?` (StringLike).
bool MatchGlob(std::string_view pattern, std::string_view text);

}  // namespace fd::iam
