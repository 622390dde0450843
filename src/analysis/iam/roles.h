#pragma once
/// The roles a start names, resolved against the model: found (under that ARN or another path),
/// provably absent (a listing that covers the account, NoSuchEntity) or unknown (with the command
/// that collects it). Part of the per-target IAM analysis (target_iam.h); IAM002 words it.

#include <string>

#include "model/model.h"

namespace fd::analysis {

/// What the snapshot says about a role an ARN (or a bare role name) names.
struct RoleLookup {
  enum class State {
    kNone,     ///< no ARN given
    kFound,    ///< the role is in the snapshot under that exact ARN (or that name in the account)
    kMismatch, ///< a role of that name exists in the account, under another ARN (path)
    kAbsent,   ///< provably absent: a listing that covers its account, or NoSuchEntity
    kUnknown,  ///< not in the snapshot, and nothing proves it absent
  };
  State state = State::kNone;
  std::string arn;      ///< as the task definition (or override) names it
  std::string account;  ///< from the ARN; for a bare name, the account it resolves in
  std::string name;     ///< the role name (last path component)
  const model::IamRole* role = nullptr;  ///< kFound / kMismatch
  std::string proof;    ///< kAbsent: what proves it; kUnknown: why it cannot be told
  std::string collect;  ///< kUnknown: the command that would collect it
};

/// Resolves a role ARN against the snapshot. ECS resolves a bare role name ("ecsTaskExecutionRole")
/// in the task's own account: `account` is that account ("" when unknown, e.g. `policy simulate`).
RoleLookup LookUpRole(const model::Model& m, const std::string& role_arn,
                      const std::string& account = "");

/// The role name of a role ARN (`arn:aws:iam::1:role/path/name` → "name"); "" for non-ARNs.
std::string RoleNameOfArn(const std::string& role_arn);

/// The STS session a task's role call is made as: `arn:<partition>:sts::<account>:assumed-role/
/// <name>/fargate-task` (the session name is ECS's own and no policy the tool reads keys on it).
std::string TaskSessionArn(const std::string& role_arn, const std::string& account);

/// True when the snapshot holds any IAM data (a role, a managed policy, or an iam call's error
/// envelope). Without any, IAM002 alone reports one unchecked entry per target naming what to
/// collect, and every other IAM check stays quiet (one gap, one entry).
bool HasIamData(const model::Model& m);

}  // namespace fd::analysis
