#include "predeploy/cfn/template.h"

#include <utility>

namespace fd::predeploy::cfn {

const ParameterDecl* Template::FindParameter(const std::string& name) const {
  auto it = parameter_index.find(name);
  return it == parameter_index.end() ? nullptr : &parameters[it->second];
}

const ResourceDecl* Template::FindResource(const std::string& id) const {
  auto it = resource_index.find(id);
  return it == resource_index.end() ? nullptr : &resources[it->second];
}

const OutputDecl* Template::FindOutput(const std::string& name) const {
  auto it = output_index.find(name);
  return it == output_index.end() ? nullptr : &outputs[it->second];
}

namespace {
// Fn::ForEach::Name (AWS::LanguageExtensions) stands where resources are declared.
bool IsForEach(const std::string& key) { return key.rfind("Fn::ForEach::", 0) == 0; }
}  // namespace

bool IsCloudFormationTemplate(const Node& root) {
  if (!root.IsMap()) return false;
  if (root.Find("AWSTemplateFormatVersion") != nullptr) return true;
  const Node* resources = root.Find("Resources");
  if (resources == nullptr || !resources->IsMap() || resources->members.empty()) return false;
  // Every member a map, and one at least typed: a resource that lost its Type is still a
  // template's mistake to note, not a reason to read the file as something else.
  bool typed = false;
  for (const auto& [id, r] : resources->members) {
    if (IsForEach(id)) continue;
    if (!r.IsMap()) return false;
    typed = typed || r.Find("Type") != nullptr;
  }
  return typed;
}

namespace {

std::string ScalarOr(const Node* n, std::string fallback = "") {
  return n != nullptr && n->IsScalar() ? n->text : fallback;
}

void Add(Template& t, const Node& at, std::string message) {
  t.notes.push_back(Note{PosOf(t.file(), at), std::move(message)});
}

void ReadTransforms(Template& t, const Node* section) {
  if (section == nullptr) return;
  std::vector<const Node*> names;
  if (section->IsList())
    for (const Node& item : section->items) names.push_back(&item);
  else
    names.push_back(section);
  for (const Node* n : names) {
    // A transform written as {Name: AWS::Include, Parameters: ...} is a macro call.
    const std::string name = n->IsMap() ? ScalarOr(n->Find("Name")) : ScalarOr(n);
    t.transforms.push_back(name);
    if (name == "AWS::Serverless-2016-10-31") {
      t.serverless = true;
    } else if (name == "AWS::LanguageExtensions") {
      t.language_extensions = true;
    } else {
      Add(t, *n, "transform " + name + " runs at deployment: what it adds or changes is not read");
    }
  }
}

void ReadParameters(Template& t, const Node* section) {
  if (section == nullptr || !section->IsMap()) return;
  for (const auto& [name, p] : section->members) {
    ParameterDecl d;
    d.name = name;
    d.node = &p;
    d.type = ScalarOr(p.Find("Type"), "String");
    d.default_value = p.Find("Default");
    if (const Node* allowed = p.Find("AllowedValues"); allowed != nullptr && allowed->IsList())
      for (const Node& v : allowed->items) d.allowed.push_back(ScalarOr(&v));
    const std::string no_echo = ScalarOr(p.Find("NoEcho"));
    d.no_echo = no_echo == "true" || no_echo == "True" || no_echo == "TRUE";
    t.parameter_index.emplace(name, t.parameters.size());
    t.parameters.push_back(std::move(d));
  }
}

std::string CdkPath(const Node& r) {
  const Node* metadata = r.Find("Metadata");
  return metadata != nullptr ? ScalarOr(metadata->Find("aws:cdk:path")) : "";
}

void ReadResources(Template& t, const Node& section) {
  t.resources.reserve(section.members.size());
  for (const auto& [id, r] : section.members) {
    if (IsForEach(id)) {
      Add(t, r, id + " (AWS::LanguageExtensions) is not expanded: the resources it makes are "
                     "not read");
      continue;
    }
    const Node* type = r.IsMap() ? r.Find("Type") : nullptr;
    if (type == nullptr || !type->IsScalar()) {
      Add(t, r, "resource " + id + " has no Type: left out");
      continue;
    }
    ResourceDecl d;
    d.id = id;
    d.type = type->text;
    d.node = &r;
    d.properties = r.Find("Properties");
    d.condition = ScalarOr(r.Find("Condition"));
    if (const Node* deps = r.Find("DependsOn"); deps != nullptr) {
      if (deps->IsScalar()) d.depends_on.push_back(deps->text);
      for (const Node& dep : deps->items) d.depends_on.push_back(ScalarOr(&dep));
    }
    d.cdk_path = CdkPath(r);
    t.resource_index.emplace(id, t.resources.size());
    t.resources.push_back(std::move(d));
  }
}

void ReadOutputs(Template& t, const Node* section) {
  if (section == nullptr || !section->IsMap()) return;
  for (const auto& [name, o] : section->members) {
    OutputDecl d;
    d.name = name;
    d.node = &o;
    d.value = o.Find("Value");
    if (const Node* e = o.Find("Export"); e != nullptr) d.export_name = e->Find("Name");
    d.condition = ScalarOr(o.Find("Condition"));
    if (d.value == nullptr) {
      Add(t, o, "output " + name + " has no Value: left out");
      continue;
    }
    t.output_index.emplace(name, t.outputs.size());
    t.outputs.push_back(std::move(d));
  }
}

void IndexMembers(const Node* section, std::unordered_map<std::string, const Node*>& index) {
  if (section == nullptr || !section->IsMap()) return;
  for (const auto& [name, n] : section->members) index.emplace(name, &n);
}

}  // namespace

Expected<Template> ReadTemplate(Document doc) {
  const Node& root = doc.root;
  if (!IsCloudFormationTemplate(root))
    return MakeError(ErrorCode::kInvalidInput,
                     doc.file + ": not a CloudFormation template (no Resources whose members "
                                "have a Type, no AWSTemplateFormatVersion)");
  const Node* resources = root.Find("Resources");
  if (resources == nullptr || !resources->IsMap())
    return MakeError(ErrorCode::kInvalidInput,
                     ToString(PosOf(doc.file, root)) + ": the template has no Resources map");
  Template t;
  t.doc = std::make_unique<Document>(std::move(doc));
  const Node& r = t.doc->root;
  ReadTransforms(t, r.Find("Transform"));
  ReadParameters(t, r.Find("Parameters"));
  IndexMembers(r.Find("Mappings"), t.mappings);
  IndexMembers(r.Find("Conditions"), t.conditions);
  ReadResources(t, *r.Find("Resources"));
  ReadOutputs(t, r.Find("Outputs"));
  return t;
}

}  // namespace fd::predeploy::cfn
