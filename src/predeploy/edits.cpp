#include "predeploy/edits.h"

#include "fix/cloudformation.h"
#include "fix/terraform.h"

namespace fd::predeploy {
namespace {

// The attribute of `model_id` past its declaration: "DefaultSecurityGroup" of
// `Vpc.DefaultSecurityGroup` (or `Stack.Vpc.DefaultSecurityGroup`), "default_route_table_id"
// of `aws_vpc.main.default_route_table_id`; "" for the declared resource itself.
std::string AttributeOf(const std::string& model_id, const Origin& o) {
  for (const std::string& prefix : {o.declared_id + ".", o.source + "." + o.declared_id + "."})
    if (model_id.size() > prefix.size() && model_id.rfind(prefix, 0) == 0) return model_id.substr(prefix.size());
  return "";
}

// `alias` names the same declared object as `key`.
void Alias(fix::Declarations& d, const std::string& alias, const std::string& key) {
  if (alias.empty() || alias == key) return;
  auto it = d.find(key);
  if (it != d.end()) d.emplace(alias, it->second);  // a primary key is never replaced
}

// One change list rendered in order: a later change names what an earlier one creates.
template <class Renderer>
void Render(std::vector<report::Change>& changes, const fix::Declarations& d) {
  Renderer r(d);
  for (report::Change& c : changes) {
    c.edits.clear();
    for (const fix::Step& s : c.steps) c.edits.push_back(r.Edit(s));
  }
}

template <class Renderer>
void RenderAll(report::Report& report, const fix::Declarations& d) {
  for (report::Finding& f : report.findings) {
    Renderer r(d);
    f.fix.edits.clear();
    for (const fix::Step& s : f.fix.steps) f.fix.edits.push_back(r.Edit(s));
  }
  for (report::Target& t : report.targets)
    for (report::Remedy& remedy : t.remedies) Render<Renderer>(remedy.changes, d);
}

}  // namespace

fix::Declarations DeclarationsOf(const DeclaredModel& declared) {
  fix::Declarations d;
  for (const auto& [id, o] : declared.origins) {
    auto exported = declared.exports.find(o.source + "/" + o.declared_id);
    d.emplace(id, fix::Declared{o.declared_id, AttributeOf(id, o), o.type, o.source, o.pos.file, o.pos.line,
                                exported == declared.exports.end() ? "" : exported->second});
  }
  const model::Model& m = declared.model;
  for (const auto& r : m.iam_roles().all()) Alias(d, r.name, r.arn);
  for (const auto& c : m.clusters().all()) Alias(d, c.name, c.arn);
  for (const auto& r : m.ecr_repositories().all()) Alias(d, r.name, r.arn);
  for (const auto& t : m.task_definitions().all()) {
    const std::string key = !t.arn.empty() ? t.arn : t.DisplayName();
    Alias(d, t.family, key);
    Alias(d, t.DisplayName(), key);
  }
  return d;
}

void AddEdits(report::Report& report, InputKind kind, const fix::Declarations& declarations) {
  switch (kind) {
    case InputKind::kCloudFormation:
    case InputKind::kCdkAssembly:
      RenderAll<fix::CloudFormationEdits>(report, declarations);
      report.edits_language = "cloudformation";
      break;
    case InputKind::kTerraformPlan:
      RenderAll<fix::TerraformEdits>(report, declarations);
      report.edits_language = "terraform";
      break;
    case InputKind::kSnapshot: break;
  }
}

}  // namespace fd::predeploy
