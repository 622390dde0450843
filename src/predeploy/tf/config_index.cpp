#include "predeploy/tf/config_index.h"

#include <algorithm>

namespace fd::predeploy::tf {

namespace {

// Module inputs and outputs chain at most this deep before a reference is given up: real
// configurations nest modules a few levels, and the bound ends any loop a hand-made plan writes.
constexpr int kMaxHops = 32;

std::string Render(const RefStep& step) {
  return step.has_index ? step.name + "[" + step.index + "]" : step.name;
}

std::string RenderSteps(const std::vector<RefStep>& steps, std::size_t from) {
  std::string out;
  for (std::size_t i = from; i < steps.size(); ++i) {
    if (!out.empty()) out += '.';
    out += Render(steps[i]);
  }
  return out;
}

// The end of a bracketed index starting after '[' at `i`: quoted keys may hold ']' and '.'.
std::size_t IndexEnd(std::string_view text, std::size_t i) {
  bool quoted = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted && c == '\\') {
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == ']' && !quoted) {
      return i;
    }
  }
  return std::string_view::npos;
}

// The references an expression makes that no other one implies: Terraform lists every prefix
// of a traversal (`aws_vpc.a.id`, `aws_vpc.a`), which says nothing more.
std::vector<std::string_view> OwnReferences(const PosNode& expression) {
  std::vector<std::string_view> refs;
  const PosNode* list = expression.Find("references");
  if (list == nullptr || !list->IsArray()) return refs;
  for (const PosNode& r : list->items)
    if (r.IsString()) refs.push_back(r.text);
  std::vector<std::string_view> own;
  for (std::string_view r : refs) {
    const bool implied = std::any_of(refs.begin(), refs.end(), [&](std::string_view longer) {
      return longer.size() > r.size() && longer.starts_with(r) &&
             (longer[r.size()] == '.' || longer[r.size()] == '[');
    });
    if (!implied && std::find(own.begin(), own.end(), r) == own.end()) own.push_back(r);
  }
  return own;
}

// `var.x.id` where `var.x` stands for a whole resource (`aws_vpc.a`): the attribute comes from
// the steps after the variable or output name. Both naming an attribute is not one reference.
std::optional<ResourceRef> WithRest(std::optional<ResourceRef> ref,
                                    const std::vector<RefStep>& steps, std::size_t rest) {
  if (!ref || rest >= steps.size()) return ref;
  if (!ref->attribute.empty()) return std::nullopt;
  ref->attribute = RenderSteps(steps, rest);
  return ref;
}

}  // namespace

std::vector<RefStep> SplitReference(std::string_view text) {
  std::vector<RefStep> steps;
  std::size_t i = 0;
  while (i < text.size()) {
    RefStep step;
    const std::size_t stop = text.find_first_of(".[", i);
    step.name = std::string(text.substr(i, stop - i));
    i = stop == std::string_view::npos ? text.size() : stop;
    if (i < text.size() && text[i] == '[') {
      const std::size_t close = IndexEnd(text, i + 1);
      if (close == std::string_view::npos) return {};
      step.index = std::string(text.substr(i + 1, close - i - 1));
      step.has_index = true;
      i = close + 1;
    }
    if (step.name.empty()) return {};
    steps.push_back(std::move(step));
    if (i < text.size() && text[i] == '.') ++i;
  }
  return steps;
}

std::string JoinAddress(std::string_view module, std::string_view local) {
  if (module.empty()) return std::string(local);
  return std::string(module) + "." + std::string(local);
}

std::string ConfigPath(std::string_view instance) {
  const std::vector<RefStep> steps = SplitReference(instance);
  std::string path;
  for (std::size_t i = 1; i < steps.size(); i += 2) {
    if (!path.empty()) path += '.';
    path += steps[i].name;
  }
  return path;
}

std::string_view InstanceKey(std::string_view address) {
  if (!address.ends_with(']')) return {};
  const std::vector<RefStep> steps = SplitReference(address);
  if (steps.empty() || !steps.back().has_index) return {};
  return address.substr(address.size() - 1 - steps.back().index.size(),
                        steps.back().index.size());
}

std::string ParentInstance(std::string_view instance) {
  std::vector<RefStep> steps = SplitReference(instance);
  steps.resize(steps.size() >= 2 ? steps.size() - 2 : 0);
  return RenderSteps(steps, 0);
}

ConfigIndex::ConfigIndex(const PosNode* configuration) {
  if (configuration == nullptr) return;
  if (const PosNode* root = configuration->Find("root_module"); root != nullptr && root->IsObject())
    AddModule(*root, "", "", "", 0);
}

void ConfigIndex::AddModule(const PosNode& module, const std::string& path,
                            const std::string& parent, const std::string& call, int depth) {
  if (depth > kMaxHops || modules_.count(path) > 0) return;
  modules_[path] = Module{&module, parent, call};
  if (const PosNode* resources = module.Find("resources"); resources != nullptr)
    for (const PosNode& r : resources->items)
      if (const std::string_view address = r.StringAt("address"); !address.empty())
        resources_.emplace(path + "\n" + std::string(address), &r);
  const PosNode* calls = module.Find("module_calls");
  if (calls == nullptr || !calls->IsObject()) return;
  for (const PosNode& c : calls->items)
    if (const PosNode* child = c.Find("module"); child != nullptr && child->IsObject())
      AddModule(*child, path.empty() ? c.key : path + "." + c.key, path, c.key, depth + 1);
}

const ConfigIndex::Module* ConfigIndex::ModuleAt(std::string_view instance) const {
  auto it = modules_.find(ConfigPath(instance));
  return it == modules_.end() ? nullptr : &it->second;
}

const PosNode* ConfigIndex::Expressions(std::string_view module, std::string_view local) const {
  auto it = resources_.find(ConfigPath(module) + "\n" + std::string(local));
  return it == resources_.end() ? nullptr : it->second->Find("expressions");
}

bool ConfigIndex::IsExpression(const PosNode& node) {
  return node.IsObject() && (node.items.empty() || node.Find("references") != nullptr ||
                             node.Find("constant_value") != nullptr);
}

std::optional<ResourceRef> ConfigIndex::Resolve(const PosNode& expression,
                                                std::string_view module,
                                                const Instance& instance) const {
  if (!instance.key.empty() && !instance.attribute.empty())
    if (std::optional<ResourceRef> ref = ResolveByOwnKey(OwnReferences(expression), module, instance))
      return ref;
  return ResolveExpression(expression, module, 0);
}

std::optional<ResourceRef> ConfigIndex::ResolveByOwnKey(const std::vector<std::string_view>& own,
                                                        std::string_view module,
                                                        const Instance& instance) const {
  const bool by_count = instance.key.front() != '"';
  const std::string_view self = by_count ? "count.index" : "each.key";
  if (own.size() != 2 || (own[0] != self && own[1] != self)) return std::nullopt;
  std::optional<ResourceRef> ref = ResolveText(own[0] == self ? own[1] : own[0], module, 0);
  // Only a whole resource named without an index can take the instance's key.
  if (!ref || !ref->attribute.empty() || ref->id.ends_with(']')) return std::nullopt;
  ref->id += "[" + std::string(instance.key) + "]";
  ref->attribute = std::string(instance.attribute);
  return ref;
}

std::optional<ResourceRef> ConfigIndex::ResolveExpression(const PosNode& expression,
                                                          std::string_view module,
                                                          int depth) const {
  const std::vector<std::string_view> own = OwnReferences(expression);
  if (own.size() != 1) return std::nullopt;
  return ResolveText(own.front(), module, depth);
}

std::optional<ResourceRef> ConfigIndex::ResolveText(std::string_view ref, std::string_view module,
                                                    int depth) const {
  const std::vector<RefStep> steps = SplitReference(ref);
  if (steps.size() < 2 || depth > kMaxHops) return std::nullopt;
  const std::string& first = steps[0].name;
  if (first == "var") {
    // An input of the module instance: what the calling module passed for it.
    const Module* mod = ModuleAt(module);
    if (module.empty() || mod == nullptr) return std::nullopt;
    auto parent = modules_.find(mod->parent);
    if (parent == modules_.end()) return std::nullopt;
    const PosNode* calls = parent->second.node->Find("module_calls");
    const PosNode* call = calls != nullptr ? calls->Find(mod->call) : nullptr;
    const PosNode* inputs = call != nullptr ? call->Find("expressions") : nullptr;
    const PosNode* input = inputs != nullptr ? inputs->Find(steps[1].name) : nullptr;
    if (input == nullptr || !IsExpression(*input)) return std::nullopt;
    return WithRest(ResolveExpression(*input, ParentInstance(module), depth + 1), steps, 2);
  }
  if (first == "module") {
    // An output of a called module: what its expression references, inside that module.
    if (steps.size() < 3) return std::nullopt;
    const std::string child = JoinAddress(module, "module." + Render(steps[1]));
    const Module* mod = ModuleAt(child);
    const PosNode* outputs = mod != nullptr ? mod->node->Find("outputs") : nullptr;
    const PosNode* output = outputs != nullptr ? outputs->Find(steps[2].name) : nullptr;
    const PosNode* expression = output != nullptr ? output->Find("expression") : nullptr;
    if (expression == nullptr || !IsExpression(*expression)) return std::nullopt;
    return WithRest(ResolveExpression(*expression, child, depth + 1), steps, 3);
  }
  if (first == "count" || first == "each" || first == "local" || first == "path" ||
      first == "terraform" || first == "self")
    return std::nullopt;
  // A resource or data source: `type.name[index].attribute...`.
  const bool data = first == "data";
  const std::size_t name_step = data ? 2 : 1;
  if (steps.size() <= name_step || steps[0].has_index) return std::nullopt;
  const std::string type = data ? "data." + steps[1].name : steps[0].name;
  if (resources_.count(ConfigPath(module) + "\n" + type + "." + steps[name_step].name) == 0)
    return std::nullopt;
  return ResourceRef{std::string(module),
                     JoinAddress(module, type + "." + Render(steps[name_step])),
                     RenderSteps(steps, name_step + 1)};
}

}  // namespace fd::predeploy::tf
