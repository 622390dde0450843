#pragma once
/// The IAM changes several checks propose: an inline policy granting exactly the missing calls
/// (IAM004–IAM006, IAM008, LOG002), and the managed execution policy (IAM001 and the same).

#include <map>
#include <string>
#include <vector>

#include "fix/step.h"

namespace fd::checks {

/// A least-privilege identity policy granting exactly `grants` (action → resources), as
/// compact JSON for `--policy-document '…'`.
std::string LeastPrivilegeDocument(const std::map<std::string, std::vector<std::string>>& grants);

/// The attachment of the managed execution policy (of the role's partition) to a role.
fix::Step AttachExecutionPolicy(const std::string& role_arn);

}  // namespace fd::checks
