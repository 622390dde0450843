#pragma once
/// CloudFormation front-end tests' one way to write templates to a temporary folder, read them
/// (predeploy/cfn/stacks.h), and look at resolved values in one compact line:
///   "text", 80, true, null, [a, b], {K: v}, {stack:Id.Attr} (a ResourceRef),
///   <?reason> (an Unknown), `a{stack:Id}b` (a Text).
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "predeploy/cfn/stacks.h"

namespace fd::testing {

inline std::string Show(const predeploy::Text::Part& p);

inline std::string Show(const predeploy::Value& v) {
  using namespace predeploy;
  if (v.IsNull()) return "null";
  if (const std::string* s = v.AsString()) return "\"" + *s + "\"";
  if (const auto* b = std::get_if<bool>(&v.data)) return *b ? "true" : "false";
  if (const auto* i = std::get_if<std::int64_t>(&v.data)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&v.data)) return std::to_string(*d);
  if (const ResourceRef* r = v.AsRef()) return Show(Text::Part(*r));
  if (const auto* u = std::get_if<Unknown>(&v.data)) return Show(Text::Part(*u));
  if (const auto* t = std::get_if<Text>(&v.data)) {
    std::string out = "`";
    for (const Text::Part& p : t->parts) out += Show(p);
    return out + "`";
  }
  std::string out;
  if (const List* l = v.AsList()) {
    for (const Value& item : *l) out += (out.empty() ? "" : ", ") + Show(item);
    return "[" + out + "]";
  }
  for (const auto& [k, item] : *v.AsMap()) out += (out.empty() ? "" : ", ") + k + ": " + Show(item);
  return "{" + out + "}";
}

inline std::string Show(const predeploy::Text::Part& p) {
  using namespace predeploy;
  if (const std::string* s = std::get_if<std::string>(&p)) return *s;
  if (const ResourceRef* r = std::get_if<ResourceRef>(&p))
    return "{" + r->source + ":" + r->id + (r->attribute.empty() ? "" : "." + r->attribute) + "}";
  return "<?" + std::get<Unknown>(p).reason + ">";
}

/// A temporary folder of templates, removed at the end of the test.
class CfnFiles {
 public:
  CfnFiles() {
    static std::atomic<int> counter{0};
    dir_ = std::filesystem::temp_directory_path() /
           ("fd-cfn-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::create_directories(dir_);
  }
  ~CfnFiles() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  CfnFiles(const CfnFiles&) = delete;
  CfnFiles& operator=(const CfnFiles&) = delete;

  /// Writes `text` to `name` under the folder; returns its path.
  std::string Write(const std::string& name, const std::string& text) const {
    const auto path = dir_ / name;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
  }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  /// Reads the templates named by `args` ("STACK=NAME" or "NAME", relative to the folder).
  Expected<predeploy::cfn::Templates> Read(const std::vector<std::string>& args,
                                           const predeploy::cfn::Options& options = {}) const {
    std::vector<predeploy::cfn::TemplateInput> inputs;
    for (const std::string& a : args) {
      auto in = predeploy::cfn::ParseTemplateArgument(a);
      in.path = Path(in.path);
      inputs.push_back(in);
    }
    return predeploy::cfn::ReadTemplates(inputs, options);
  }

 private:
  std::filesystem::path dir_;
};

/// The resource `id` of stack `stack`, or nullptr.
inline const predeploy::cfn::StackResource* FindResource(const predeploy::cfn::Templates& t,
                                                          const std::string& stack,
                                                          const std::string& id) {
  for (const auto& s : t.stacks)
    if (s.name == stack)
      for (const auto& r : s.resources)
        if (r.resource.id == id) return &r;
  return nullptr;
}

/// The value at a dotted path of properties ("Tags.0.Value"), or nullptr.
inline const predeploy::Value* Prop(const predeploy::cfn::StackResource* r,
                                    const std::string& path) {
  if (r == nullptr) return nullptr;
  const predeploy::Value* v = &r->resource.properties;
  std::size_t begin = 0;
  while (v != nullptr && begin <= path.size()) {
    const std::size_t dot = path.find('.', begin);
    const std::string key = path.substr(begin, dot - begin);
    if (const predeploy::List* l = v->AsList()) {
      const std::size_t i = std::stoul(key);
      v = i < l->size() ? &(*l)[i] : nullptr;
    } else {
      v = v->Find(key);
    }
    if (dot == std::string::npos) break;
    begin = dot + 1;
  }
  return v;
}

/// Show() of a property, or "(absent)".
inline std::string ShowProp(const predeploy::cfn::StackResource* r, const std::string& path) {
  const predeploy::Value* v = Prop(r, path);
  return v == nullptr ? "(absent)" : Show(*v);
}

/// Every note's message, one a line, for failure messages and searches.
inline std::string Notes(const predeploy::cfn::Templates& t) {
  std::string out;
  for (const auto& n : t.notes) out += predeploy::ToString(n.pos) + ": " + n.message + "\n";
  return out;
}

}  // namespace fd::testing
