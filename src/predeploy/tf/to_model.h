// Terraform plans → the model the snapshot path builds (issue 14): the resources a set of plans
// declares, with the AWS provider's semantics applied (an aws_security_group written without
// `egress` has none; a VPC the plan creates comes with its main route table, default network
// ACL and default security group), become model entities identified by their known IDs or,
// before apply, by their Terraform addresses, so the same checks run on them.
// docs/design/predeploy-terraform.md ("From plan to model") has the mapping table.
#pragma once

#include <string>
#include <vector>

#include "predeploy/declared_model.h"
#include "predeploy/tf/plan.h"
#include "util/error.h"

namespace fd::predeploy::tf {

struct BuildOptions {
  std::string region;   // --region; else the plans' default aws provider Region; else ""
  std::string account;  // --account; else "" (a plan never says which account it runs in)
  AddExisting existing;  // a snapshot beside them; empty: none
};

// Builds the model the plans declare. Values only apply will know never become guessed ones:
// an object that cannot be placed without one is left out with a note naming the attribute and
// the address, so the checks that need it are unchecked. Errors: kInvalidInput without plans.
Expected<DeclaredModel> BuildModel(const std::vector<Plan>& plans, const BuildOptions& options);

// What BuildModel does before options.existing and Build: the plans' objects added to `builder`,
// which may hold other declared objects already (templates diagnosed in the same run; the
// builder keeps the first copy of an identity), and their origins and notes to `out`.
Expected<void> Declare(const std::vector<Plan>& plans, const BuildOptions& options,
                       model::ModelBuilder& builder, DeclaredModel& out);

}  // namespace fd::predeploy::tf
