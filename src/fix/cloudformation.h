#pragma once
/// The CloudFormation rendering of steps (issue 14): what to add to or change in a template,
/// from the same typed changes as the AWS CLI commands (fix/cli.cpp). Each step is a YAML
/// text: a comment saying where it goes, then the fragment. A new resource goes under the
/// template's `Resources` ("# new resource, under Resources of FILE:"); a change of a declared
/// one names it, its file and line, and the property path ("# in Service (app.yaml:40),
/// under Properties.NetworkConfiguration.AwsvpcConfiguration, set:"). A step with no template
/// form (a read, a quota request, restoring a secret) is a comment with its CLI commands.
///
/// Identifiers the templates declare become `!Ref LogicalId` (`!GetAtt X.GroupId` for a
/// security group, `!GetAtt Vpc.DefaultSecurityGroup` for what AWS creates with a VPC); a
/// placeholder an earlier step of the same fix or remedy stands for becomes a reference to
/// that step's new resource; anything else (an ID from outside the templates) stays literal.

#include <string>
#include <vector>

#include "fix/step.h"
#include "fix/template.h"

namespace fd::fix {

class CloudFormationEdits {
 public:
  explicit CloudFormationEdits(const Declarations& declared) : names_(declared) {}
  /// The edit of `s`, after the steps this object rendered before (whose resources it may name).
  std::string Edit(const Step& s);

 private:
  NewResources names_;
};

/// The edits of `steps`, one per step, in order.
std::vector<std::string> CloudFormation(const std::vector<Step>& steps, const Declarations& declared);

}  // namespace fd::fix
