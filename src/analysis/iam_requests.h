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
  kService,        ///< an AWS service principal: ecs-tasks.amazonaws.com assuming a role, or
                   ///< logs.<region>.amazonaws.com using a log group's key
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
};

/// The requests a start of `t` makes, in a stable order: trust requests first, then each
/// container's requests in definition order, deduplicated by (principal, action, resource).
/// `paths` (the target's traced paths, may be null) tells which calls go through an endpoint;
/// without them endpoint context keys are unknown. Empty when the target has no task
/// definition.
std::vector<IamRequest> DeriveIamRequests(const model::Model& model, const Target& t,
                                          const std::vector<PathResult>* paths);

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
