#pragma once
/// Reporting shared by the IAM permission checks (IAM004–006, IAM008, LOG002): select the
/// evaluated requests a check owns, turn denials into one finding per (target, role) with one
/// evidence line per request naming the deciding statement, and turn undecided ones into a
/// warning (a context key a real start may or may not carry) or an unchecked entry (data the
/// snapshot lacks, with the command that collects it).

#include <functional>
#include <string>
#include <vector>

#include "analysis/iam/target_iam.h"
#include "checks/check.h"

namespace fd::checks {

struct PermissionCheck {
  /// Which requests the check owns (by action, feature, principal kind).
  std::function<bool(const analysis::IamRequest&)> owns;
  /// Which denials are this check's, given the evaluation (e.g. deciding layer identity).
  std::function<bool(const analysis::IamEval&, const model::Model&)> mine;
  std::string what;          ///< "cannot pull from ECR" — completes "execution role X …"
  std::string policy_name;   ///< inline policy name for the fix, e.g. "ecs-exec-ecr"
  bool offer_managed = false;  ///< the fix may attach AmazonECSTaskExecutionRolePolicy
  std::string extra_fix;     ///< a sentence appended to the fix summary
  /// The grants belong in the role's permissions boundary, not in a role policy (IAM008).
  bool boundary_fix = false;
};

/// Runs a permission check over every target.
void ReportPermissionCheck(const CheckContext& ctx, FindingSink& sink, const CheckInfo& info,
                           const PermissionCheck& pc);

/// True when the denial was decided by the role's own identity policies (an explicit Deny there,
/// or no identity Allow), i.e. not by a boundary, guardrail, resource or endpoint policy.
bool DecidedByIdentity(const analysis::IamEval& e);

}  // namespace fd::checks
