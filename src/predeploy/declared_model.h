// The model a set of templates or plans declares, built by their mappers (predeploy/tf,
// predeploy/cfn) into the same model::Model a snapshot gives, so the same checks run and a
// template and the deployed account get the same finding codes; and where each object of it was
// declared, so a finding can point at the line to change.
#pragma once

#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/model.h"
#include "predeploy/value.h"
#include "report/report.h"
#include "util/error.h"
#include "util/source_ref.h"

namespace fd::predeploy {

// Where one model object was declared.
struct Origin {
  SourcePos pos;            // its declaration in the template or plan
  std::string declared_id;  // logical ID (`PrivateSubnetOne`) or address (`aws_subnet.a[0]`)
  std::string source;       // stack name or module instance ("" for a plan's root module)
  std::string type;         // "AWS::EC2::Subnet"; "aws_subnet": how an edit references it
};

// A parameter no input gives a value that a Condition hangs on: the values that decide it, each
// to be tried in a run of its own (variants.h). `other`: the last value stands for any value
// the conditions do not compare with.
struct UndecidedParameter {
  std::string stack;
  std::string name;
  std::vector<std::string> values;
  bool other = false;
};

// What exists already, added to the declared model after the declared objects (a snapshot given
// beside templates or plans): the builder keeps the first copy of an identity, so a declared
// object wins over the deployed one it will replace, and a declared reference to an existing
// ID (a parameter given `subnet-0abc`, a data source, a hard-coded ID) finds the deployed object.
using AddExisting = std::function<Expected<void>(model::ModelBuilder&)>;

struct DeclaredModel {
  model::Model model;
  // By the ID the model knows the object by: what findings name as their `resource` (a subnet,
  // security group or route table ID; a role, service or task definition ARN; a log group name).
  std::unordered_map<std::string, Origin> origins;
  std::vector<InputNote> notes;  // also in model.notes(); kept for the mapper's own tests
  std::vector<UndecidedParameter> undecided;  // by stack, then name
  // "stack/LogicalId" → the Export.Name of an Output of that stack whose Value is the resource's
  // Ref (or GroupId): what an edit in another stack imports it by.
  std::unordered_map<std::string, std::string> exports;
};

// The last step of every declared model: what exists (`existing`, may be empty) added after the
// declared objects in `builder`, then the model built into `out`.
Expected<DeclaredModel> Finish(DeclaredModel out, model::ModelBuilder& builder,
                               const AddExisting& existing);

// Gives every finding whose resource (else target) was declared its place in the sources.
void Locate(report::Report& report, const std::unordered_map<std::string, Origin>& origins);

}  // namespace fd::predeploy
