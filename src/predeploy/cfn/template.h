// A CloudFormation template's sections, indexed by name, still unresolved: the nodes point
// into the parsed document the template owns. Resolution (resolver.h) reads them.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "predeploy/cfn/document.h"
#include "predeploy/value.h"
#include "util/error.h"

namespace fd::predeploy::cfn {

// Something read that the run goes on without: an unsupported transform, a reference to a
// name the template does not declare, a nested stack whose file is missing.
struct Note {
  SourcePos pos;
  std::string message;
};

struct ParameterDecl {
  std::string name;
  std::string type;                   // "String", "List<AWS::EC2::Subnet::Id>", ...
  const Node* default_value = nullptr;
  std::vector<std::string> allowed;   // AllowedValues, as text
  bool no_echo = false;
  const Node* node = nullptr;
};

struct ResourceDecl {
  std::string id;
  std::string type;
  const Node* node = nullptr;
  const Node* properties = nullptr;  // nullptr when the resource has none
  std::string condition;             // "" when unconditional
  std::vector<std::string> depends_on;
  std::string cdk_path;              // Metadata aws:cdk:path, "" when absent
};

struct OutputDecl {
  std::string name;
  const Node* value = nullptr;
  const Node* export_name = nullptr;  // Export.Name, nullptr when not exported
  std::string condition;
  const Node* node = nullptr;
};

struct Template {
  // Owned on the heap so the nodes below stay where they are when a Template moves.
  std::unique_ptr<Document> doc;
  std::vector<std::string> transforms;  // the Transform section, in order
  bool serverless = false;              // AWS::Serverless-2016-10-31
  bool language_extensions = false;     // AWS::LanguageExtensions
  std::vector<ParameterDecl> parameters;
  std::vector<ResourceDecl> resources;
  std::vector<OutputDecl> outputs;
  std::unordered_map<std::string, std::size_t> parameter_index;
  std::unordered_map<std::string, std::size_t> resource_index;
  std::unordered_map<std::string, std::size_t> output_index;
  std::unordered_map<std::string, const Node*> mappings;
  std::unordered_map<std::string, const Node*> conditions;
  std::vector<Note> notes;

  const std::string& file() const { return doc->file; }
  const ParameterDecl* FindParameter(const std::string& name) const;
  const ResourceDecl* FindResource(const std::string& id) const;
  const OutputDecl* FindOutput(const std::string& name) const;
};

// True when `root` is a template: a Resources map of maps, one at least with a Type, or an
// AWSTemplateFormatVersion. What tells a template from a snapshot file by content.
bool IsCloudFormationTemplate(const Node& root);

// The sections of a parsed template. An error when the document is not a template at all;
// malformed parts (a resource without Type) become notes and are left out.
Expected<Template> ReadTemplate(Document doc);

}  // namespace fd::predeploy::cfn
