// Reading `terraform show -json` plan output (HashiCorp's JSON output format, versions 0.x and
// 1.x) into declared resources: what the plan will create, keep or change, with each attribute
// known, a reference to another declared resource, or unknown with the reason; the data sources
// it read, as existing infrastructure; and what it destroys. Provider semantics (an
// aws_security_group written without egress allows none) are left to the code that builds the
// model from these. docs/design/predeploy-terraform.md says what is read and why.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "predeploy/value.h"
#include "util/error.h"
#include "util/source_ref.h"

namespace fd::predeploy::tf {

struct Plan {
  std::string file;
  std::string format_version;     // "1.2"; "" when the plan names none
  std::string terraform_version;  // "1.9.5"; "" when the plan names none
  // The Region of the default `aws` provider when the configuration writes it as a constant
  // (`provider "aws" { region = "eu-west-3" }`); "" otherwise (a variable, an alias only, none).
  std::string region;
  // Resources as they will be after apply, in plan order: managed ones (created, updated,
  // replaced or unchanged), then the data sources of the prior state the plan does not list
  // again. `source` is the module instance (`module.net[0]`, "" for the root), `id` the full
  // address (`module.net[0].aws_subnet.a["x"]`), `type` Terraform's (`aws_subnet`,
  // `data.`-less for data sources, which are `existing`). `pos` is the resource's entry.
  std::vector<Resource> resources;
  // What the plan destroys and does not recreate, with the values it had (`before`): an object
  // a merged snapshot holds must leave the model.
  std::vector<Resource> deleted;
  // Parts of the plan that were not read (wrong shapes, missing keys), each with its JSON pointer.
  std::vector<InputNote> notes;
};

// Reads a plan. Errors: kInvalidJson with file, line and column; kInvalidInput for a document
// that is not a JSON object or whose format_version has a major version other than 0 or 1.
Expected<Plan> ReadPlan(std::string_view text, const std::string& file);

// Whether a document is plan output: `format_version` and `terraform_version`, and
// `planned_values` or `resource_changes`. A state file (`terraform show -json` without a plan)
// has `values` instead; a snapshot has neither.
bool IsTerraformPlan(const nlohmann::json& doc);
// The same on the text, reading only until its top-level member names decide.
bool IsTerraformPlan(std::string_view text);

}  // namespace fd::predeploy::tf
