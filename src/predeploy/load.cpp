#include "predeploy/load.h"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "ingest/snapshot.h"
#include "predeploy/cfn/cdk.h"
#include "predeploy/cfn/document.h"
#include "predeploy/cfn/parameters.h"
#include "predeploy/cfn/stacks.h"
#include "predeploy/cfn/template.h"
#include "predeploy/cfn/to_model.h"
#include "predeploy/tf/plan.h"
#include "predeploy/tf/to_model.h"

namespace fd::predeploy {
namespace {

namespace fs = std::filesystem;

/// Classifying reads at most this much of a file: a snapshot file bigger than that is not
/// read twice, and no template or plan of that size is expected on a command line.
constexpr std::uintmax_t kSniffLimit = 64u << 20;

std::optional<std::string> ReadText(const std::string& path) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec || size > kSniffLimit) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// A JSON template: the format version, or Resources whose members name their Type.
bool IsJsonTemplate(const nlohmann::json& doc) {
  if (!doc.is_object()) return false;
  if (doc.contains("AWSTemplateFormatVersion")) return true;
  auto it = doc.find("Resources");
  if (it == doc.end() || !it->is_object() || it->empty()) return false;
  for (const auto& [k, r] : it->items())
    if (!r.is_object() || !r.contains("Type") || !r["Type"].is_string()) return false;
  return true;
}

bool YamlName(const std::string& path) {
  const std::string ext = fs::path(path).extension().string();
  return ext == ".yaml" || ext == ".yml" || ext == ".template";
}

InputKind ClassifyText(const std::string& path, const std::string& text) {
  if (tf::IsTerraformPlan(std::string_view(text))) return InputKind::kTerraformPlan;
  const size_t first = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (first != std::string::npos && (text[first] == '{' || text[first] == '[')) {
    const nlohmann::json doc = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    return IsJsonTemplate(doc) ? InputKind::kCloudFormation : InputKind::kSnapshot;
  }
  // Not JSON: AWS CLI output never is, so it is a template, or nothing this tool reads. A YAML
  // error is reported by the template reader (with its line) when the name says YAML.
  Expected<cfn::Document> doc = cfn::ParseDocument(text, path);
  if (doc) return cfn::IsCloudFormationTemplate(doc->root) ? InputKind::kCloudFormation : InputKind::kSnapshot;
  return YamlName(path) ? InputKind::kCloudFormation : InputKind::kSnapshot;
}

Expected<std::string> ReadFile(const std::string& path) {
  std::optional<std::string> text = ReadText(path);
  if (!text) return MakeError(ErrorCode::kIo, path + ": cannot be read");
  return *text;
}

}  // namespace

InputKind Classify(const std::string& argument) {
  auto [stack, path] = cfn::SplitStackPrefix(argument);
  std::error_code ec;
  if (fs::is_directory(path, ec)) return cfn::IsCloudAssembly(path) ? InputKind::kCdkAssembly : InputKind::kSnapshot;
  if (fs::path(path).filename() == "manifest.json" && cfn::IsCloudAssembly(path)) return InputKind::kCdkAssembly;
  std::optional<std::string> text = ReadText(path);
  if (!text) return stack.empty() ? InputKind::kSnapshot : InputKind::kCloudFormation;
  const InputKind kind = ClassifyText(path, *text);
  return !stack.empty() && kind == InputKind::kSnapshot ? InputKind::kCloudFormation : kind;
}

namespace {

// The templates' objects declared into `builder`: parameters and exports applied first.
Expected<void> DeclareTemplates(std::vector<cfn::TemplateInput> inputs, const LoadOptions& o,
                                const std::vector<std::string>& snapshots,
                                model::ModelBuilder& builder, DeclaredModel& out) {
  cfn::Options options;
  options.region = o.region;
  options.account = o.account;
  if (!snapshots.empty()) {
    Expected<ingest::DeployedStacks> deployed = ingest::ReadDeployedStacks(snapshots);
    if (!deployed) return tl::unexpected(deployed.error());
    // Exports and stacks are per Region: another Region's are not these (an unknown one may be).
    const auto here = [&](const std::string& region) {
      return o.region.empty() || region.empty() || region == o.region;
    };
    for (auto& e : deployed->exports)
      if (here(e.region)) options.deployed_exports.try_emplace(std::move(e.name), std::move(e.value));
    for (auto& st : deployed->stacks)
      if (here(st.region))
        for (auto& [key, value] : st.parameters)
          options.parameters.AddDeployed(st.name, key, std::move(value));
  }
  for (const auto& p : o.parameters)
    if (auto r = options.parameters.AddArgument(p); !r) return tl::unexpected(r.error());
  for (const auto& f : o.parameter_files)
    if (auto r = options.parameters.AddFileArgument(f); !r) return tl::unexpected(r.error());
  Expected<cfn::Templates> templates = cfn::ReadTemplates(inputs, options);
  if (!templates) return tl::unexpected(templates.error());
  return cfn::Declare(*templates, cfn::BuildOptions{o.region, o.account, {}}, builder, out);
}

// The plans' objects declared into `builder` (the model copies what it keeps of them).
Expected<void> DeclarePlans(const std::vector<std::string>& paths, const LoadOptions& o,
                            model::ModelBuilder& builder, DeclaredModel& out) {
  std::vector<tf::Plan> plans;
  for (const auto& path : paths) {
    Expected<std::string> text = ReadFile(path);
    if (!text) return tl::unexpected(text.error());
    Expected<tf::Plan> plan = tf::ReadPlan(*text, path);
    if (!plan) return tl::unexpected(plan.error());
    plans.push_back(std::move(*plan));
  }
  return tf::Declare(plans, tf::BuildOptions{o.region, o.account, {}}, builder, out);
}

}  // namespace

Expected<DeclaredModel> Load(const std::vector<std::string>& arguments, const std::vector<InputKind>& kinds,
                             const LoadOptions& o) {
  std::vector<cfn::TemplateInput> templates;
  std::vector<std::string> plans;
  std::vector<std::string> snapshots;
  for (size_t i = 0; i < arguments.size() && i < kinds.size(); ++i) {
    const std::string& a = arguments[i];
    switch (kinds[i]) {
      case InputKind::kCloudFormation: templates.push_back(cfn::ParseTemplateArgument(a)); break;
      case InputKind::kCdkAssembly: {
        Expected<cfn::Assembly> assembly = cfn::ReadCloudAssembly(cfn::SplitStackPrefix(a).second);
        if (!assembly) return tl::unexpected(assembly.error());
        for (auto& s : assembly->stacks) templates.push_back(std::move(s));
        break;
      }
      case InputKind::kTerraformPlan: plans.push_back(a); break;
      case InputKind::kSnapshot: snapshots.push_back(a); break;
    }
  }
  if (templates.empty() && plans.empty())
    return MakeError(ErrorCode::kUsage, "no template or plan to diagnose: a snapshot alone is diagnosed without them");
  if (templates.empty() && (!o.parameters.empty() || !o.parameter_files.empty()))
    return MakeError(ErrorCode::kUsage, "--parameter and --parameters set template parameters; a Terraform plan has its "
                                        "variables already applied");
  // Templates first, then plans, then what exists: the builder keeps the first copy of an
  // identity, so a declared object wins over the deployed one it replaces. Templates and plans
  // meet only through IDs both name (existing ones): what one creates, the other cannot know.
  DeclaredModel out;
  model::ModelBuilder builder;
  if (!templates.empty())
    if (auto r = DeclareTemplates(std::move(templates), o, snapshots, builder, out); !r)
      return tl::unexpected(r.error());
  if (!plans.empty())
    if (auto r = DeclarePlans(plans, o, builder, out); !r) return tl::unexpected(r.error());
  AddExisting existing;
  if (!snapshots.empty())
    existing = [&snapshots](model::ModelBuilder& b) -> Expected<void> {
      ingest::LoadStats stats;
      return ingest::LoadPathsInto(snapshots, b, stats);
    };
  return Finish(std::move(out), builder, existing);
}

}  // namespace fd::predeploy
