#include "predeploy/cfn/parameters.h"


#include "predeploy/cfn/document.h"

namespace fd::predeploy::cfn {

std::pair<std::string, std::string> SplitStackPrefix(std::string_view argument) {
  const std::size_t eq = argument.find('=');
  bool named = eq != std::string_view::npos && eq > 0;
  for (std::size_t i = 0; named && i < eq; ++i) {
    const char c = argument[i];
    named = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
  }
  if (!named) return {"", std::string(argument)};
  return {std::string(argument.substr(0, eq)), std::string(argument.substr(eq + 1))};
}

const std::string* ParameterValues::Layer::Find(const std::string& stack,
                                                const std::string& key) const {
  if (auto s = by_stack.find(stack); s != by_stack.end())
    if (auto v = s->second.find(key); v != s->second.end()) return &v->second;
  if (auto v = all.find(key); v != all.end()) return &v->second;
  return nullptr;
}

const std::string* ParameterValues::Find(const std::string& stack,
                                         const std::string& key) const {
  if (const std::string* v = arguments_.Find(stack, key)) return v;
  return files_.Find(stack, key);
}

void ParameterValues::AddDeployed(const std::string& stack, const std::string& key,
                                  std::string value) {
  deployed_.by_stack[stack].insert_or_assign(key, std::move(value));
}

const std::string* ParameterValues::FindDeployed(const std::string& stack,
                                                 const std::string& key) const {
  return deployed_.Find(stack, key);
}

Expected<void> ParameterValues::AddArgument(std::string_view argument) {
  const std::size_t eq = argument.find('=');
  if (eq == std::string_view::npos || eq == 0)
    return MakeError(ErrorCode::kUsage, "--parameter " + std::string(argument) +
                                            ": expected KEY=VALUE or STACK.KEY=VALUE");
  std::string_view key = argument.substr(0, eq);
  const std::string value(argument.substr(eq + 1));
  const std::size_t dot = key.find('.');
  if (dot == std::string_view::npos) {
    arguments_.all[std::string(key)] = value;
    return {};
  }
  if (dot == 0 || dot + 1 == key.size())
    return MakeError(ErrorCode::kUsage, "--parameter " + std::string(argument) +
                                            ": expected STACK.KEY=VALUE");
  arguments_.by_stack[std::string(key.substr(0, dot))][std::string(key.substr(dot + 1))] = value;
  return {};
}

namespace {

// A parameter value as CloudFormation takes it: text. Numbers and booleans in a file are
// written without quotes but mean their text; a list is CloudFormation's comma-joined form.
Expected<std::string> ValueText(const Node& n, const std::string& file) {
  if (n.IsScalar()) return n.text;
  if (n.IsNull()) return std::string();
  if (n.IsList()) {
    std::string out;
    for (const Node& item : n.items) {
      if (!item.IsScalar())
        return MakeError(ErrorCode::kInvalidInput,
                         ToString(PosOf(file, item)) + ": a parameter list item is not a value");
      if (!out.empty()) out += ',';
      out += item.text;
    }
    return out;
  }
  return MakeError(ErrorCode::kInvalidInput,
                   ToString(PosOf(file, n)) + ": a parameter value is not a value");
}

}  // namespace

Expected<void> ParameterValues::AddFileText(std::string_view text, const std::string& file,
                                            const std::string& stack) {
  auto doc = ParseDocument(text, file);
  if (!doc) return tl::unexpected(doc.error());
  return AddDocument(*doc, stack);
}

Expected<void> ParameterValues::AddFileArgument(std::string_view argument) {
  auto [stack, path] = SplitStackPrefix(argument);
  return AddFile(path, stack);
}

Expected<void> ParameterValues::AddFile(const std::string& path, const std::string& stack) {
  auto doc = ReadDocument(path);
  if (!doc) return tl::unexpected(doc.error());
  return AddDocument(*doc, stack);
}

Expected<void> ParameterValues::AddDocument(const Document& doc, const std::string& stack) {
  const std::string& file = doc.file;
  Values& into = stack.empty() ? files_.all : files_.by_stack[stack];
  const Node& root = doc.root;
  const auto bad = [&](const Node& at) {
    return MakeError(ErrorCode::kInvalidInput,
                     ToString(PosOf(file, at)) +
                         ": expected [{\"ParameterKey\": .., \"ParameterValue\": ..}] or "
                         "{\"Parameters\": {..}}");
  };
  if (root.IsList()) {
    for (const Node& item : root.items) {
      const Node* key = item.Find("ParameterKey");
      const Node* value = item.Find("ParameterValue");
      if (key == nullptr || !key->IsScalar()) return bad(item);
      // {"ParameterKey": K, "UsePreviousValue": true} keeps the deployed value: unknown here.
      if (value == nullptr) continue;
      auto v = ValueText(*value, file);
      if (!v) return tl::unexpected(v.error());
      into[key->text] = *v;
    }
    return {};
  }
  const Node* params = root.Find("Parameters");
  if (params == nullptr || !params->IsMap()) return bad(root);
  for (const auto& [key, value] : params->members) {
    auto v = ValueText(value, file);
    if (!v) return tl::unexpected(v.error());
    into[key] = *v;
  }
  return {};
}

}  // namespace fd::predeploy::cfn
