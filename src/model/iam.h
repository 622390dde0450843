#pragma once
/// The model's IAM entities and resource policies: roles, managed policies, ECR repository
/// and Secrets Manager policies, KMS keys, organization SCPs and RCPs.
///
/// Every policy document is kept as decoded JSON text (PolicyText() in ingest turns the three
/// encodings AWS prints, a JSON object, a JSON string and an RFC 3986 URL-encoded string, into
/// one); the policy engine (src/iam) parses it. "" never means "empty policy": a field that may
/// be absent is std::optional, and "known" flags tell a listed-and-empty set from an unread one.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/source_ref.h"

namespace fd::model {

/// Condition keys no real request carries. A policy statement conditioned on one (`"Bool":
/// {"fargate-doctor:notinsnapshot/<what is missing>": "true"}`) holds or not for a reason the
/// input lacks: the IAM analysis takes the key as unknown, so what the statement decides stays
/// undecided, never allowed nor denied. The analysis makes such stand-ins for policies missing
/// from a snapshot; a template's policy whose Resource is known only after deployment is
/// written so by its mapper.
inline constexpr std::string_view kUnknownConditionKeyPrefix = "fargate-doctor:notinsnapshot/";

/// An inline policy of a role (RolePolicyList[], get-role-policy, list-role-policies).
struct IamInlinePolicy {
  std::string name;
  std::optional<std::string> document;  ///< nullopt: only the name was listed
  SourceRef source;
};

/// iam get-role / get-account-authorization-details RoleDetailList[]. Keyed by ARN.
struct IamRole {
  std::string arn;  ///< arn:<p>:iam::<account>:role<path><name>
  std::string name;
  std::string path = "/";
  std::string account;
  std::string role_id;
  std::string create_date;  ///< as written
  std::optional<std::string> trust_policy;  ///< AssumeRolePolicyDocument, decoded
  std::vector<IamInlinePolicy> inline_policies;  ///< sorted by name after Build()
  bool inline_policies_known = false;  ///< the full list of names is known
  std::vector<std::string> attached_policy_arns;
  bool attached_policies_known = false;  ///< the full list is known
  std::string permissions_boundary_arn;  ///< "" with boundary_known: no boundary
  bool boundary_known = false;  ///< get-role and the authorization details always say
  std::string last_used_date;    ///< RoleLastUsed.LastUsedDate; "" when never or unknown
  std::string last_used_region;
  bool service_linked = false;  ///< path /aws-service-role/
  SourceRef source;

  const IamInlinePolicy* InlinePolicy(const std::string& policy_name) const;
};

/// A managed policy (customer or AWS managed): iam get-policy, get-policy-version (enveloped),
/// get-account-authorization-details Policies[]. Keyed by ARN.
struct IamManagedPolicy {
  std::string arn;
  std::string name;
  std::string path;
  std::string policy_id;
  std::string default_version_id;
  std::optional<std::string> document;  ///< the default version's document, decoded
  std::string create_date;
  std::string update_date;
  bool aws_managed = false;  ///< arn:<p>:iam::aws:policy/…
  SourceRef source;
};

/// ecr get-repository-policy. Keyed by repository ARN. policy nullopt: the repository provably
/// has no policy (RepositoryPolicyNotFoundException in an error envelope).
struct EcrRepositoryPolicy {
  std::string repository_arn;
  std::string registry_id;
  std::string region;
  std::string repository_name;
  std::optional<std::string> policy;
  SourceRef source;
};

/// secretsmanager get-resource-policy. Keyed by secret ARN. policy nullopt: the answer had no
/// ResourcePolicy, so the secret has none.
struct SecretPolicy {
  std::string secret_arn;
  std::string name;
  std::string region;
  std::string account;
  std::optional<std::string> policy;
  SourceRef source;
};

/// kms describe-key KeyMetadata (+ list-aliases, + enveloped get-key-policy). Keyed by key ARN.
struct KmsKey {
  std::string arn;
  std::string key_id;
  std::string region;
  std::string account;
  std::string key_state;    ///< Enabled | Disabled | PendingDeletion | PendingImport | Unavailable | …
  std::string key_manager;  ///< AWS | CUSTOMER | "" when only a policy or alias named it
  std::string key_usage;
  std::vector<std::string> aliases;  ///< alias/… names (list-aliases)
  std::optional<std::string> policy;  ///< the default key policy, decoded (get-key-policy)
  bool described = false;  ///< describe-key was read (state and manager are known)
  SourceRef source;
};

/// An organizations SCP or RCP (enveloped describe-policy) and the targets it is known to be
/// attached to. Keyed by policy id.
struct OrgPolicy {
  std::string id;  ///< p-…
  std::string arn;
  std::string name;
  std::string type;  ///< SERVICE_CONTROL_POLICY | RESOURCE_CONTROL_POLICY
  bool aws_managed = false;
  std::optional<std::string> content;  ///< policy text; nullopt when only listed
  std::vector<std::string> targets;  ///< account ids, ou-…, r-…, sorted
  SourceRef source;
};

}  // namespace fd::model
