// CloudFormation stacks → the model the snapshot path builds (issue 14): the resources a set of
// templates declares, with CloudFormation's semantics applied (a security group written without
// SecurityGroupEgress allows all egress; CDK's "disallow all traffic" rule means none; a VPC the
// stack creates comes with its main route table, default network ACL and default security
// group), become model entities identified by logical ID, so the same checks run on them.
// docs/design/predeploy.md ("From stacks to model") has the mapping table.
#pragma once

#include <string>

#include "predeploy/cfn/stacks.h"
#include "predeploy/declared_model.h"
#include "util/error.h"

namespace fd::predeploy::cfn {

struct BuildOptions {
  std::string region;   // --region; a stack's own (from a CDK assembly) wins; else ""
  std::string account;  // --account; a stack's own wins; else "" (never made up)
  AddExisting existing;  // a snapshot beside them; empty: none
};

// Builds the model the stacks declare. A value only deployment will know never becomes a
// guessed one: an object that cannot be placed without it is left out with a note naming the
// property and the logical ID, so the checks that need it are unchecked. Errors: kInvalidInput
// when there is no stack.
Expected<DeclaredModel> BuildModel(const Templates& templates, const BuildOptions& options);

// What BuildModel does before options.existing and Build: the stacks' objects added to
// `builder`, which may hold other declared objects already (the builder keeps the first copy of
// an identity), and their origins, notes and undecided parameters to `out`.
Expected<void> Declare(const Templates& templates, const BuildOptions& options,
                       model::ModelBuilder& builder, DeclaredModel& out);

}  // namespace fd::predeploy::cfn
