#pragma once
/// The IAM authorization decision for one request, following
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html and
/// reference_policies_evaluation-logic-cross-account.html, three-valued: where a condition hangs on
/// a context key the caller marked unknown, the answer is kUnknown naming the key.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "iam/policy.h"

namespace fd::iam {

/// The request context: condition key (case-insensitive) → values. A key that is not set is
/// *absent* (the real request lacks it); a key set with SetUnknown is *unknown* (the request may
/// carry it but the data cannot tell its value).
class Context {
 public:
  void Set(std::string_view key, std::vector<std::string> values);
  void Set(std::string_view key, std::string value) { Set(key, std::vector<std::string>{std::move(value)}); }
  void SetUnknown(std::string_view key);
  void Erase(std::string_view key);

  struct Entry {
    std::string key;  ///< as first written
    std::vector<std::string> values;
    bool unknown = false;
    /// A multivalued key (IsMultivaluedKey, or set with more than one value): a condition
    /// operator without ForAnyValue/ForAllValues never matches it.
    bool multivalued = false;
  };
  /// nullptr when absent.
  const Entry* Find(std::string_view key) const;
  const std::map<std::string, Entry>& entries() const { return entries_; }  ///< by lower-case key

 private:
  std::map<std::string, Entry> entries_;
};

/// What kind of principal makes the request.
enum class PrincipalType {
  kRoleSession,       ///< arn:aws:sts::ACCT:assumed-role/ROLE/SESSION
  kRole,              ///< the role itself (used by checks that reason about "the role")
  kUser,              ///< arn:aws:iam::ACCT:user/NAME
  kRoot,              ///< arn:aws:iam::ACCT:root
  kFederatedUser,     ///< arn:aws:sts::ACCT:federated-user/NAME
  kServicePrincipal,  ///< e.g. ecs-tasks.amazonaws.com assuming a role (trust policy)
  kAnonymous,
};

struct Request {
  /// ARN of the caller; for kServicePrincipal the service name ("ecs-tasks.amazonaws.com").
  std::string principal_arn;
  PrincipalType principal_type = PrincipalType::kRoleSession;
  std::string principal_account;  ///< derived from principal_arn when empty
  /// For kRoleSession: the role's ARN (with path). Derived from the session ARN (no path) when empty.
  std::string role_arn;
  std::string action;        ///< "service:Action"
  std::string resource_arn;  ///< "*" for actions without a resource (ecr:GetAuthorizationToken)
  std::string resource_account;  ///< empty: same as the principal's (same-account evaluation)
  Context context;
  /// Add the global keys AWS always sets (aws:PrincipalArn, aws:PrincipalAccount,
  /// aws:ResourceAccount when known) unless the caller set them.
  bool fill_global_keys = true;

  // Guardrail applicability (organizations facts the caller knows).
  bool principal_is_service_linked_role = false;  ///< SCPs (and RCPs) do not apply
  bool principal_in_management_account = false;   ///< SCPs do not apply
  bool resource_in_management_account = false;    ///< RCPs do not apply
  bool resource_is_aws_managed_key = false;       ///< RCPs do not apply (KMS AWS managed keys)
};

enum class PolicyType {
  kIdentity, kResource, kPermissionsBoundary, kScp, kRcp, kEndpoint, kSession,
};
/// "IAM Policy", "Resource Policy", "Permissions Boundary Policy", ... (AWS CLI SourcePolicyType
/// spelling where one exists).
std::string_view PolicyTypeName(PolicyType type);

/// A parsed policy with the name reports use (policy name, ARN, or "user input 1").
struct NamedPolicy {
  std::string name;
  std::shared_ptr<const Policy> policy;
};

/// The policies attached at one organizations target (root, an OU, or the account).
struct GuardrailLevel {
  std::string target;  ///< e.g. "r-abcd", "ou-...", "111122223333"
  std::vector<NamedPolicy> policies;
};

struct PolicySet {
  std::vector<NamedPolicy> identity;            ///< inline and attached policies of the principal
  std::optional<NamedPolicy> resource;          ///< resource policy (trust policy for sts:AssumeRole)
  std::string resource_policy_account;          ///< owner of `resource`; empty: request.resource_account
  /// True when the resource is a KMS key (its key policy must allow, directly or by delegating to
  /// IAM). Defaults to "action starts with kms:" when unset.
  std::optional<bool> resource_is_kms_key;
  std::optional<NamedPolicy> permissions_boundary;
  std::vector<GuardrailLevel> scps;             ///< empty: no SCPs apply (no organization)
  std::vector<GuardrailLevel> rcps;             ///< empty: no RCPs apply
  std::optional<NamedPolicy> endpoint;          ///< set only when the call goes through the endpoint
  std::vector<NamedPolicy> session;             ///< session policies of a role session
};

enum class Decision { kAllowed, kExplicitDeny, kImplicitDeny, kUnknown };
std::string_view DecisionName(Decision d);  ///< "allowed", "explicitDeny", "implicitDeny", "unknown"

/// A statement that applied to the request (or may have: `definite` false).
struct MatchedStatement {
  std::string policy_name;
  PolicyType policy_type = PolicyType::kIdentity;
  std::string sid;
  std::size_t index = 0;
  Effect effect = Effect::kAllow;
  bool definite = true;  ///< false: applies only for some values of an unknown context key
  /// When not definite: the unknown context keys it hangs on (a layer's open question is the
  /// union over its statements, which is how one layer's verdict is explained alone).
  std::vector<std::string> keys;
  Position start, end;
  std::string Label() const;  ///< Sid, or "#index"
};

/// The verdict of one layer (policy type) taken alone.
enum class LayerDecision {
  kNotApplicable,  ///< the layer has no policy or does not apply (e.g. no SCP for the management account)
  kAllow,          ///< an Allow matched and no Deny
  kExplicitDeny,
  kImplicitDeny,   ///< nothing matched
  kUnknown,        ///< depends on unknown context keys
};
std::string_view LayerDecisionName(LayerDecision d);

struct Result {
  Decision decision = Decision::kImplicitDeny;
  /// The layer that decided a deny (kExplicitDeny: where the Deny is; kImplicitDeny: the first
  /// layer that failed to allow); for kAllowed, the layer whose Allow granted (identity or resource).
  std::optional<PolicyType> deciding_layer;
  /// Statements that decided: the Deny(s) for kExplicitDeny; the granting Allow(s) for kAllowed;
  /// for kUnknown the possibly-applying statements that leave it open. Empty for kImplicitDeny.
  std::vector<MatchedStatement> deciding;
  std::vector<MatchedStatement> matched;  ///< every statement that (possibly) applied, all layers
  std::vector<std::string> missing_context_values;  ///< unknown keys the decision hung on, sorted

  LayerDecision identity = LayerDecision::kNotApplicable;
  LayerDecision resource = LayerDecision::kNotApplicable;
  LayerDecision permissions_boundary = LayerDecision::kNotApplicable;
  LayerDecision organizations_scp = LayerDecision::kNotApplicable;  ///< AND over levels
  LayerDecision resource_control_policy = LayerDecision::kNotApplicable;
  LayerDecision endpoint = LayerDecision::kNotApplicable;
  LayerDecision session = LayerDecision::kNotApplicable;
  bool cross_account = false;
  /// Index into PolicySet::scps / rcps of the first level that does not allow (when one fails).
  std::optional<std::size_t> failing_scp_level, failing_rcp_level;
};

/// Evaluates the request against the policy set.
Result Evaluate(const Request& request, const PolicySet& policies);

/// The services whose resources RCPs govern (s3, sts, kms, sqs, secretsmanager).
bool RcpAppliesToService(std::string_view action);

/// True for the context keys AWS sends as a set of values (aws:TagKeys, aws:CalledVia,
/// aws:PrincipalOrgPaths, aws:PrincipalServiceNamesList, kms:EncryptionContextKeys,
/// kms:GrantOperations). reference_policies_condition-single-vs-multi-valued-context-keys.html:
/// "Multivalued context keys require a condition set operator".
bool IsMultivaluedKey(std::string_view key);

}  // namespace fd::iam
