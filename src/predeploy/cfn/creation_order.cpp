#include "predeploy/cfn/creation_order.h"

namespace fd::predeploy::cfn {

void ReferencesOf(const Value& v, const std::string& stack, std::set<std::string>& out) {
  if (const ResourceRef* r = v.AsRef()) {
    if (r->source == stack) out.insert(r->id);
  } else if (const auto* text = std::get_if<Text>(&v.data)) {
    for (const auto& part : text->parts)
      if (const auto* r = std::get_if<ResourceRef>(&part); r && r->source == stack) out.insert(r->id);
  } else if (const List* list = v.AsList()) {
    for (const Value& e : *list) ReferencesOf(e, stack, out);
  } else if (const Map* map = v.AsMap()) {
    for (const Member& m : *map) ReferencesOf(m.value, stack, out);
  }
}

CreationOrder::CreationOrder(const Stack& stack) {
  for (const StackResource& r : stack.resources) {
    std::set<std::string> deps(r.depends_on.begin(), r.depends_on.end());
    ReferencesOf(r.resource.properties, stack.name, deps);
    deps.erase(r.resource.id);
    waits_for_[r.resource.id].assign(deps.begin(), deps.end());
  }
}

bool CreationOrder::After(const std::string& resource, const std::string& earlier) const {
  std::set<std::string> seen;
  std::vector<std::string> todo{resource};
  while (!todo.empty()) {
    const std::string id = std::move(todo.back());
    todo.pop_back();
    auto it = waits_for_.find(id);
    if (it == waits_for_.end()) continue;
    for (const std::string& dep : it->second) {
      if (dep == earlier) return true;
      if (seen.insert(dep).second) todo.push_back(dep);
    }
  }
  return false;
}

}  // namespace fd::predeploy::cfn
