// The CloudFormation front end of "before deployment": the templates of one run (several
// stacks joined by Export.Name and Fn::ImportValue, nested stacks read from local files, CDK
// assemblies through cdk.h) read into resolved, located declared resources.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "predeploy/cfn/document.h"
#include "predeploy/cfn/parameters.h"
#include "predeploy/cfn/template.h"
#include "predeploy/value.h"
#include "util/error.h"

namespace fd::predeploy::cfn {

// One template to read.
struct TemplateInput {
  std::string stack;  // its stack name; "" takes the file name without extension
  std::string path;
  // The template's text when it is not read from `path` (standard input, a fuzzer); `path`
  // still names it in messages and places its nested stacks.
  std::optional<std::string> text;
  // Given by a CDK assembly (cdk.h); "" when not known. --region/--account win over neither:
  // an assembly's environment is the stack's own.
  std::string region;
  std::string account;
  std::vector<std::string> dependencies;                      // stacks deployed before it
  std::unordered_map<std::string, std::string> cdk_paths;     // logical ID -> construct path
};

// "STACK=PATH" or "PATH", as the command line writes a template argument.
TemplateInput ParseTemplateArgument(std::string_view argument);

struct Options {
  ParameterValues parameters;
  std::string region;   // --region; "" leaves AWS::Region (and Partition, URLSuffix) unknown
  std::string account;  // --account; "" leaves AWS::AccountId unknown
  Limits limits;
};

struct StackResource {
  // source: the stack name; properties resolved: a Map (empty when the template gives none),
  // or an Unknown when the whole Properties is a Fn::If on an unknown condition.
  Resource resource;
  std::string cdk_path;  // construct path, for messages; "" outside CDK
  std::vector<std::string> depends_on;
  std::string condition;  // the Condition's name; "" when unconditional
  // Set when the Condition hangs on a value nothing read gives (a parameter without a value):
  // the resource is kept, and condition_parameters says what would decide it. Resources whose
  // Condition is false are left out.
  std::optional<Unknown> condition_unknown;
  std::vector<std::string> condition_parameters;
};

// A declared parameter and the value it resolved to: what the report lists as not given, and
// what "evaluate both ways" varies (AllowedValues are the candidates).
struct StackParameter {
  std::string name;
  std::string type;
  std::vector<std::string> allowed;
  Value value;  // placed at its declaration; Unknown when neither given nor defaulted
};

// A parameter without a value that a Condition hangs on, and the values to evaluate the
// templates with, one run each: its AllowedValues; else the values the conditions compare it
// with and, last, one equal to none of them (`other` set).
struct StackChoice {
  std::string name;
  std::vector<std::string> candidates;
  bool other = false;
};

struct StackOutput {
  std::string name;
  Value value;
  std::string export_name;  // "" when not exported, or exported under an unknown name
};

struct Stack {
  std::string name;
  std::string file;
  std::string parent;           // the parent stack of a nested stack; "" at the top
  std::string parent_resource;  // the nested stack's logical ID in its parent
  std::vector<std::string> transforms;
  std::string region;   // "" when unknown
  std::string account;  // "" when unknown
  std::vector<std::string> dependencies;
  std::vector<StackParameter> parameters;  // in template order
  std::vector<StackResource> resources;    // in template order
  std::vector<StackOutput> outputs;
  std::vector<StackChoice> undecided;  // sorted by name
};

struct Templates {
  std::vector<Stack> stacks;  // the inputs in order, each followed by its nested stacks
  std::vector<Note> notes;
};

// Reads and resolves the templates. Errors: a template that cannot be read or parsed, or is
// not a template, and two templates with the same stack name. Everything else (a missing
// nested template, a nesting cycle, an undeclared name) is a note, and the value it hides is
// Unknown.
Expected<Templates> ReadTemplates(const std::vector<TemplateInput>& inputs,
                                  const Options& options);

}  // namespace fd::predeploy::cfn
