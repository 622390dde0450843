#pragma once
/// What a start asks AWS for, in IAM terms (docs/design/causes.md §1.6, §1.10): for a target, the exact
/// requests the Fargate agent makes with the execution role (ECR auth and pull, log stream,
/// secrets, parameters, environment files, KMS decryption of customer managed keys), the EFS
/// mount with the task role, and the trust-policy requests by which ECS assumes both roles.
/// Each request carries the context a real start presents, so the policy engine (src/iam) can
/// evaluate every policy type against it; a value the data cannot supply is listed in
/// `unknown_keys`, never guessed. Plain strings only: no dependency on the policy engine.
///
/// Placeholders: a resource or context value that is fixed only when the task starts (the
/// task id inside a log stream ARN or a task ARN) is written with `<task-id>` and the request
/// has `placeholder` set; a decision that depends on that part is unknown.

#include <string>
#include <vector>

#include "analysis/analysis.h"
#include "model/model.h"

namespace fd::analysis {

/// Who makes the request.
enum class IamPrincipalKind {
  kExecutionRole,  ///< the Fargate agent with the task execution role
  kTaskRole,       ///< the task role (EFS IAM authorization)
  kService,        ///< an AWS service principal: ecs-tasks.amazonaws.com assuming a role,
                   ///< logs.<region>.amazonaws.com using a log group's key, or
                   ///< fargate.amazonaws.com using the cluster's ephemeral storage key
  kCaller,         ///< whoever calls RunTask / CreateService (iam:PassRole of the roles)
};

/// One condition context key and its values (several for multivalued keys).
struct IamContextEntry {
  std::string key;  ///< aws:SourceAccount, kms:ViaService, …
  std::vector<std::string> values;
};

struct IamRequest {
  IamPrincipalKind principal_kind = IamPrincipalKind::kExecutionRole;
  /// The role ARN making the call (role kinds), or the service principal name (kService).
  /// "" when the task definition names no such role.
  std::string principal;
  std::string principal_account;  ///< the task account for roles; "" for service principals
  std::string action;             ///< ecr:BatchGetImage
  std::string resource;           ///< the request's resource ARN, or "*"
  std::string resource_account;   ///< "" for "*"
  std::string resource_region;
  std::vector<IamContextEntry> context;  ///< sorted by key
  std::vector<std::string> unknown_keys;  ///< keys a real start may set that the data cannot tell
  /// For the trust-policy requests (sts:AssumeRole): the role whose trust policy decides.
  std::string role_assumed;
  /// The interface (or S3 gateway) endpoint the call goes through in every subnet of the
  /// target; "" when it goes through none or when that is unknown (see via_known).
  std::string via_endpoint;
  bool via_known = false;
  bool placeholder = false;  ///< resource or a context value holds `<task-id>`
  std::string container;     ///< the container whose definition asks for it; "" for task-level
  std::string feature;       ///< "image", "secret DB_PASSWORD", "awslogs", "executionRoleArn", …
  std::string note;          ///< a caveat: random secret suffix unknown, key manager unknown, …

  /// The value of `key` in the context; nullptr when absent.
  const std::vector<std::string>* Context(const std::string& key) const;
  /// Sorts the context and unknown keys and sets `placeholder` from the resource and context:
  /// what every request DeriveIamRequests and CallerRequests return has had done.
  void Normalise();
};

/// The requests a start of `t` makes, in a stable order: trust requests first, then each
/// container's requests in definition order, then the EFS volumes', deduplicated by
/// (principal, action, resource); last, Fargate's use of the cluster's ephemeral storage key.
/// `paths` (the target's traced paths, may be null) tells which calls go through an endpoint;
/// without them endpoint context keys are unknown. Without a task definition, only Fargate's
/// key requests (they do not depend on it).
std::vector<IamRequest> DeriveIamRequests(const model::Model& model, const Target& t,
                                          const std::vector<PathResult>* paths);

/// The cluster whose customer managed key (managedStorageConfiguration.
/// fargateEphemeralStorageKmsKeyId) encrypts the ephemeral storage of `t`'s tasks: Fargate,
/// Linux, platform 1.4.0 or later; nullptr when none does.
const model::Cluster* EphemeralStorageKeyCluster(const model::Model& m, const Target& t);

/// True when a key reference names an alias (alias/…, or an alias ARN).
bool IsKeyAlias(const std::string& ref);

/// Fargate's use of the key of EphemeralStorageKeyCluster for a task it starts
/// (kms:GenerateDataKeyWithoutPlaintext and kms:CreateGrant by fargate.amazonaws.com with the
/// cluster's encryption context); none when the key is named by alias, which Fargate refuses.
std::vector<IamRequest> EphemeralKeyRequests(const model::Model& model, const Target& t);

/// iam:PassRole of the execution and task roles by the snapshot's caller (sts
/// get-caller-identity), with iam:PassedToService ecs-tasks.amazonaws.com: for a task definition
/// not started yet, that caller is the likely starter. Empty for other targets, and when the
/// caller is not a session of a role in the snapshot (`principal`: the caller role's ARN).
std::vector<IamRequest> CallerRequests(const model::Model& model, const Target& t);

/// True for the actions only a pull-through cache image needs (ecr:BatchImportUpstreamImage,
/// ecr:CreateRepository): IMG009 reports their denials, which a registry policy may lift.
bool IsPullThroughCacheAction(const std::string& action);

/// The IAM resource of a secret reference: the base secret ARN (":json-key:stage:id" dropped)
/// for a Secrets Manager ARN, the parameter ARN for an SSM ARN or bare name (a leading '/' is
/// not doubled), built in `region`/`account` when the reference is a bare name.
struct SecretResource {
  bool ssm = false;
  std::string arn;
  std::string region;
  std::string account;
  std::string name;  ///< secret name (maybe with its suffix) or parameter name without '/'
  bool suffix_known = true;  ///< false for a secret named without its 6-character suffix
};
SecretResource SecretResourceOf(const std::string& value_from, const std::string& region,
                                const std::string& account, bool secrets_manager_if_bare);

}  // namespace fd::analysis
