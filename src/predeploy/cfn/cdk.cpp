#include "predeploy/cfn/cdk.h"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <utility>

namespace fd::predeploy::cfn {

namespace fs = std::filesystem;

namespace {

// Stages nest assemblies a level or two deep; the bound only makes a made-up loop end.
constexpr int kMaxAssemblyDepth = 8;

std::string Text(const Node* n) { return n != nullptr && n->IsScalar() ? n->text : ""; }

fs::path ManifestPath(const std::string& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) return fs::path(path) / "manifest.json";
  return fs::path(path);
}

// "aws://123456789012/eu-west-1"; CDK writes unknown-account / unknown-region for an
// environment-agnostic stack, which deploys wherever the CLI's credentials point.
void ReadEnvironment(const std::string& env, TemplateInput& in) {
  constexpr std::string_view kScheme = "aws://";
  if (env.rfind(kScheme, 0) != 0) return;
  const std::string rest = env.substr(kScheme.size());
  const std::size_t slash = rest.find('/');
  if (slash == std::string::npos) return;
  const std::string account = rest.substr(0, slash);
  const std::string region = rest.substr(slash + 1);
  if (account != "unknown-account") in.account = account;
  if (region != "unknown-region") in.region = region;
}

// metadata: {"/Stack/Vpc/Resource": [{"type": "aws:cdk:logicalId", "data": "Vpc8378EB38"}]}
void ReadConstructPaths(const Node* metadata, TemplateInput& in) {
  if (metadata == nullptr) return;
  for (const auto& [path, entries] : metadata->members)
    for (const Node& e : entries.items)
      if (Text(e.Find("type")) == "aws:cdk:logicalId" && !Text(e.Find("data")).empty()) {
        // The template's own aws:cdk:path has no leading slash: print both the same way.
        in.cdk_paths[Text(e.Find("data"))] = path.rfind('/', 0) == 0 ? path.substr(1) : path;
      }
}

Expected<void> ReadManifest(const fs::path& manifest, const Limits& limits, int depth,
                            Assembly& out) {
  auto doc = ReadDocument(manifest.string(), limits);
  if (!doc) return tl::unexpected(doc.error());
  const Node* artifacts = doc->root.Find("artifacts");
  if (artifacts == nullptr || !artifacts->IsMap())
    return MakeError(ErrorCode::kInvalidInput,
                     manifest.string() + ": a cloud assembly manifest has an artifacts map");
  const fs::path dir = manifest.parent_path();
  // Artifact IDs to stack names, to turn dependencies into stacks (and drop asset manifests).
  std::unordered_map<std::string, std::string> stack_names;
  for (const auto& [id, a] : artifacts->members)
    if (Text(a.Find("type")) == "aws:cloudformation:stack") {
      const Node* props = a.Find("properties");
      const std::string name = props != nullptr ? Text(props->Find("stackName")) : "";
      stack_names[id] = name.empty() ? id : name;
    }
  for (const auto& [id, a] : artifacts->members) {
    const std::string type = Text(a.Find("type"));
    const Node* props = a.Find("properties");
    if (type == "cdk:cloud-assembly" && props != nullptr) {
      if (depth >= kMaxAssemblyDepth) {
        out.notes.push_back(Note{PosOf(doc->file, a), "nested assembly " + id + " is too deep: not read"});
        continue;
      }
      const fs::path sub = dir / Text(props->Find("directoryName")) / "manifest.json";
      if (auto read = ReadManifest(sub, limits, depth + 1, out); !read) return read;
      continue;
    }
    if (type != "aws:cloudformation:stack" || props == nullptr) continue;
    TemplateInput in;
    in.stack = stack_names[id];
    in.path = (dir / Text(props->Find("templateFile"))).string();
    std::error_code ec;
    if (!fs::is_regular_file(in.path, ec)) {
      out.notes.push_back(Note{PosOf(doc->file, a), "stack " + in.stack + ": its template " +
                                                        in.path + " is not there: not read"});
      continue;
    }
    ReadEnvironment(Text(a.Find("environment")), in);
    if (const Node* deps = a.Find("dependencies"))
      for (const Node& d : deps->items)
        if (auto s = stack_names.find(Text(&d)); s != stack_names.end())
          in.dependencies.push_back(s->second);
    ReadConstructPaths(a.Find("metadata"), in);
    out.stacks.push_back(std::move(in));
  }
  return {};
}

}  // namespace

bool IsCloudAssembly(const std::string& path) {
  std::error_code ec;
  const fs::path manifest = ManifestPath(path);
  if (manifest.filename() != "manifest.json" || !fs::is_regular_file(manifest, ec)) return false;
  // Other tools name their folder's index manifest.json too (a `collect` snapshot does): only
  // a cloud assembly's has an artifacts map. Bounded: a manifest is kilobytes.
  if (fs::file_size(manifest, ec) > (8u << 20) || ec) return false;
  std::ifstream in(manifest, std::ios::binary);
  const nlohmann::json doc = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  return doc.is_object() && doc.contains("artifacts") && doc["artifacts"].is_object();
}

Expected<Assembly> ReadCloudAssembly(const std::string& path, const Limits& limits) {
  Assembly out;
  if (auto read = ReadManifest(ManifestPath(path), limits, 0, out); !read)
    return tl::unexpected(read.error());
  return out;
}

}  // namespace fd::predeploy::cfn
