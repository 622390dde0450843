// Conditions, three-valued: Fn::Equals of two known values is true or false; of anything
// unknown it is unknown, with the reason of the unknown operand (usually "parameter X has no
// value"). Fn::And, Fn::Or and Fn::Not follow Kleene's logic, so `And [false, unknown]` is
// still false and a resource that is off whatever the unknown is stays off.
#include <algorithm>
#include <set>
#include <unordered_set>

#include "predeploy/cfn/resolver.h"
#include "predeploy/cfn/values.h"

namespace fd::predeploy::cfn {

Truth Resolver::Condition(int s, const std::string& name) {
  const std::string key = Key(s, name);
  auto [it, inserted] = condition_cache_.try_emplace(key);
  if (!inserted) {
    if (it->second) return *it->second;
    return Truth{Truth::Kind::kUnknown, "condition " + name + " depends on itself"};
  }
  const auto& conditions = stacks_[s].tmpl.conditions;
  const auto found = conditions.find(name);
  Truth t;
  if (found == conditions.end()) {
    const Node& root = stacks_[s].tmpl.doc->root;
    notes_.push_back(Note{Pos(s, root), "condition " + name + " is not declared"});
    t = Truth{Truth::Kind::kUnknown, "condition " + name + " is not declared"};
  } else if (depth_ >= kMaxDepth) {
    t = Truth{Truth::Kind::kUnknown, "conditions nest too deep"};
  } else {
    ++depth_;
    t = Evaluate(s, *found->second);
    --depth_;
  }
  condition_cache_[key] = t;
  return t;
}

Truth Resolver::Evaluate(int s, const Node& n) {
  if (!n.IsMap() || n.members.size() != 1) {
    Bad(s, n, "a condition must be Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition");
    return Truth{Truth::Kind::kUnknown, "a condition that is not a condition function"};
  }
  const auto& [fn, arg] = n.members.front();
  if (fn == "Condition" && arg.IsScalar()) return Condition(s, arg.text);
  if (fn == "Fn::Equals") return Equals(s, arg, n);
  const bool is_and = fn == "Fn::And";
  if (is_and || fn == "Fn::Or") {
    if (!arg.IsList() || arg.items.empty()) {
      Bad(s, n, fn + " needs a list of conditions");
      return Truth{Truth::Kind::kUnknown, fn + " needs a list of conditions"};
    }
    // And: any false decides; Or: any true decides. Else unknown if any operand is.
    const Truth::Kind decisive = is_and ? Truth::Kind::kFalse : Truth::Kind::kTrue;
    std::optional<Truth> unknown;
    for (const Node& item : arg.items) {
      Truth t = Evaluate(s, item);
      if (t.kind == decisive) return t;
      if (t.kind == Truth::Kind::kUnknown && !unknown) unknown = std::move(t);
    }
    return unknown ? *unknown : Truth::Of(is_and);
  }
  if (fn == "Fn::Not") {
    if (!arg.IsList() || arg.items.size() != 1) {
      Bad(s, n, "Fn::Not needs a list of one condition");
      return Truth{Truth::Kind::kUnknown, "Fn::Not needs a list of one condition"};
    }
    Truth t = Evaluate(s, arg.items[0]);
    if (t.kind != Truth::Kind::kUnknown) t.kind = t.kind == Truth::Kind::kTrue ? Truth::Kind::kFalse : Truth::Kind::kTrue;
    return t;
  }
  Bad(s, n, fn + " is not a condition function");
  return Truth{Truth::Kind::kUnknown, fn + " is not a condition function"};
}

Truth Resolver::Equals(int s, const Node& arg, const Node& at) {
  if (!arg.IsList() || arg.items.size() != 2) {
    Bad(s, at, "Fn::Equals needs [VALUE, VALUE]");
    return Truth{Truth::Kind::kUnknown, "Fn::Equals needs [VALUE, VALUE]"};
  }
  auto a = Resolve(s, arg.items[0]);
  auto b = Resolve(s, arg.items[1]);
  for (const auto* v : {&a, &b}) {
    if (!*v) return Truth{Truth::Kind::kUnknown, "AWS::NoValue in Fn::Equals"};
    if (const Unknown* u = FirstUnknown(**v)) return Truth{Truth::Kind::kUnknown, u->reason};
    if (!IsFullyKnown(**v))
      return Truth{Truth::Kind::kUnknown, "it compares a resource's ID, known after deployment"};
  }
  // CloudFormation compares values as text: "1" equals 1, "true" equals true.
  const auto ta = ScalarText(*a);
  const auto tb = ScalarText(*b);
  if (ta && tb) return Truth::Of(*ta == *tb);
  return Truth::Of(ToJson(*a) == ToJson(*b));
}

namespace {

void CollectRefs(const Template& t, const Node& n, std::set<std::string>& out,
                 std::unordered_set<std::string>& seen_conditions) {
  if (n.IsMap() && n.members.size() == 1) {
    const auto& [fn, arg] = n.members.front();
    if (fn == "Ref" && arg.IsScalar()) {
      if (t.FindParameter(arg.text) != nullptr || arg.text.rfind("AWS::", 0) == 0)
        out.insert(arg.text);
      return;
    }
    if (fn == "Condition" && arg.IsScalar()) {
      if (!seen_conditions.insert(arg.text).second) return;
      if (auto c = t.conditions.find(arg.text); c != t.conditions.end())
        CollectRefs(t, *c->second, out, seen_conditions);
      return;
    }
    if (fn == "Fn::Sub" && (arg.IsScalar() || (arg.IsList() && !arg.items.empty()))) {
      // Names written inside the Sub string.
      const std::string& text = arg.IsScalar() ? arg.text : arg.items[0].text;
      for (std::size_t open = text.find("${"); open != std::string::npos;
           open = text.find("${", open + 2)) {
        const std::size_t close = text.find('}', open);
        if (close == std::string::npos) break;
        const std::string name = text.substr(open + 2, close - open - 2);
        if (t.FindParameter(name) != nullptr || name.rfind("AWS::", 0) == 0) out.insert(name);
      }
    }
  }
  for (const Node& item : n.items) CollectRefs(t, item, out, seen_conditions);
  for (const auto& member : n.members) CollectRefs(t, member.value, out, seen_conditions);
}

bool IsRefTo(const Node& n, const std::string& name) {
  return n.IsMap() && n.members.size() == 1 && n.members[0].key == "Ref" && n.members[0].value.IsScalar() &&
         n.members[0].value.text == name;
}

// Depth-bounded by the document reader's limits (Limits::max_depth).
void CollectCompared(const Node& n, const std::string& name, std::set<std::string>& out) {
  if (n.IsMap() && n.members.size() == 1 && n.members[0].key == "Fn::Equals") {
    const Node& arg = n.members[0].value;
    if (arg.IsList() && arg.items.size() == 2)
      for (int i = 0; i < 2; ++i)
        if (IsRefTo(arg.items[i], name) && arg.items[1 - i].IsScalar()) out.insert(arg.items[1 - i].text);
  }
  for (const Node& item : n.items) CollectCompared(item, name, out);
  for (const auto& member : n.members) CollectCompared(member.value, name, out);
}

}  // namespace

std::vector<std::string> ComparedValues(const Template& t, const std::string& name) {
  std::set<std::string> out;
  for (const auto& [condition, node] : t.conditions) CollectCompared(*node, name, out);
  return {out.begin(), out.end()};
}

std::vector<std::string> ConditionParameters(const Template& t, const std::string& name) {
  std::set<std::string> out;
  std::unordered_set<std::string> seen{name};
  if (auto c = t.conditions.find(name); c != t.conditions.end())
    CollectRefs(t, *c->second, out, seen);
  return {out.begin(), out.end()};
}

}  // namespace fd::predeploy::cfn
