#pragma once
/// The Terraform rendering of steps (issue 14): what to add to or change in the configuration
/// a plan was made from, from the same typed changes as the AWS CLI commands (fix/cli.cpp).
/// Each step is HCL as `terraform fmt` writes it: a comment saying where it goes, then the
/// fragment. A new resource is a `resource` block for the module the resources it references
/// are declared in ("# new resource, in module.network:"); a change of a declared one names
/// its address within its module ("# in aws_ecs_service.app (module.x), set:") and the
/// attributes or nested blocks to write. A step with no Terraform form (a read, a quota request,
/// restoring a secret) is a comment with its CLI commands.
///
/// Identifiers the plans declare become expressions (`aws_subnet.private[0].id`, what AWS
/// creates with a VPC `aws_vpc.main.default_security_group_id`), relative to their module; a
/// placeholder an earlier step of the same fix or remedy stands for becomes a reference to that
/// step's new resource; anything else (an ID from outside the plans) stays a literal string.

#include <string>
#include <vector>

#include "fix/step.h"
#include "fix/template.h"

namespace fd::fix {

class TerraformEdits {
 public:
  explicit TerraformEdits(const Declarations& declared) : names_(declared) {}
  /// The edit of `s`, after the steps this object rendered before (whose resources it may name).
  std::string Edit(const Step& s);

 private:
  NewResources names_;
};

/// The edits of `steps`, one per step, in order.
std::vector<std::string> Terraform(const std::vector<Step>& steps, const Declarations& declared);

}  // namespace fd::fix
