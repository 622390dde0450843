// Before deployment, from the command line: which `diagnose` arguments are CloudFormation
// templates, CDK cloud assemblies or Terraform plans (told by content, never by file name), and
// the model they declare, built by the CloudFormation or the Terraform mapper.
#pragma once

#include <string>
#include <vector>

#include "predeploy/declared_model.h"
#include "util/error.h"

namespace fd::predeploy {

enum class InputKind { kSnapshot, kCloudFormation, kCdkAssembly, kTerraformPlan };

// What `argument` ("PATH", or "STACK=PATH" for a template) holds: a folder with a manifest.json
// is a CDK assembly, any other folder a snapshot; a file is a plan, a template or (else) a
// snapshot file by its content. A file that cannot be read is a snapshot file: ingest says why.
InputKind Classify(const std::string& argument);

struct LoadOptions {
  std::string region;                        // --region: AWS::Region, the provider's Region
  std::string account;                       // --account: AWS::AccountId
  std::vector<std::string> parameters;       // --parameter KEY=VALUE | STACK.KEY=VALUE
  std::vector<std::string> parameter_files;  // --parameters FILE | STACK=FILE
};

// Reads the templates, assemblies and plans among `arguments`, whose kinds the caller classified
// (`kinds[i]` of `arguments[i]`, so no file is read twice to classify it), into one declared
// model. Snapshots among them are what exists already (AddExisting): a declared object wins over
// the deployed one of its identity, and the declared references to existing IDs find them.
// Templates and plans may be given together: one model holds what both declare.
Expected<DeclaredModel> Load(const std::vector<std::string>& arguments, const std::vector<InputKind>& kinds,
                             const LoadOptions& options);

}  // namespace fd::predeploy
