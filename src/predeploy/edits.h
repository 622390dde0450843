// Remedies as template edits (issue 14): a report of templates or plans gives each fix and
// each change of a remedy as the edit to make in what was read (a CloudFormation snippet for a
// template or a CDK assembly, a Terraform snippet for a plan), rendered from the same typed
// steps as the AWS CLI commands, which the report keeps beside them.
#pragma once

#include "fix/template.h"
#include "predeploy/declared_model.h"
#include "predeploy/load.h"
#include "report/report.h"

namespace fd::predeploy {

// What the renderers know of the declared resources: every origin under its model ID (what
// AWS creates with a VPC carries the attribute that names it), and the other names steps give
// the same objects: a role's or cluster's or repository's name, a task definition's family.
fix::Declarations DeclarationsOf(const DeclaredModel& declared);

// Fills `edits` of every finding's fix and every remedy's changes, in the language of `kind`
// (nothing for a snapshot), and the report's `edits_language`.
void AddEdits(report::Report& report, InputKind kind, const fix::Declarations& declarations);

}  // namespace fd::predeploy
