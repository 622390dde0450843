#include "predeploy/tf/values.h"

#include <algorithm>

namespace fd::predeploy::tf {

namespace {

bool IsTrue(const PosNode* n) { return n != nullptr && n->IsBool() && n->boolean; }

// A marker tree one step down: the member `key` of an object.
const PosNode* MemberOf(const PosNode* n, const std::string& key) {
  return n != nullptr && n->IsObject() ? n->Find(key) : nullptr;
}

const PosNode* ElementOf(const PosNode* n, std::size_t index) {
  return n != nullptr && n->IsArray() && index < n->items.size() ? &n->items[index] : nullptr;
}

// The attribute of a referenced resource that an attribute named `field` takes, by the AWS
// provider's naming: `subnet_id`, `route_table_id`, `security_groups` (ECS) take IDs,
// `execution_role_arn` and an ECS service's `task_definition` ARNs. "" when the name does not
// say.
std::string_view AttributeTaken(std::string_view field) {
  if (field.ends_with("_id") || field.ends_with("_ids") || field == "subnets" ||
      field == "security_groups")
    return "id";
  if (field.ends_with("_arn") || field.ends_with("_arns") || field == "task_definition")
    return "arn";
  return {};
}

}  // namespace

Overlay Overlay::Member(const std::string& key) const {
  Overlay o;
  o.field = key;
  o.unknown = MemberOf(unknown, key);
  for (int i = 0; i < 2; ++i)
    o.sensitive[i] = IsTrue(sensitive[i]) ? sensitive[i] : MemberOf(sensitive[i], key);
  if (expression != nullptr && ConfigIndex::IsExpression(*expression)) {
    // A member of a map written as one expression (`tags = {...}`): one reference in the whole
    // map does not say which member it fills, so it is never taken for the member's value.
    o.expression = expression;
    o.steps_into_expression = steps_into_expression + 1;
    o.sole_unknown = false;
  } else {
    o.expression = MemberOf(expression, key);  // a block's attribute or nested block
    o.in_configured_block = expression != nullptr && expression->IsObject();
  }
  return o;
}

Overlay Overlay::Element(std::size_t index) const {
  Overlay o;
  o.field = field;
  o.unknown = ElementOf(unknown, index);
  for (int i = 0; i < 2; ++i)
    o.sensitive[i] = IsTrue(sensitive[i]) ? sensitive[i] : ElementOf(sensitive[i], index);
  if (expression != nullptr && ConfigIndex::IsExpression(*expression)) {
    o.expression = expression;
    o.steps_into_expression = steps_into_expression + 1;
  } else {
    o.expression = ElementOf(expression, index);  // the index-th of a list of nested blocks
  }
  return o;
}

bool Overlay::IsUnknown() const { return IsTrue(unknown); }

bool Overlay::IsSensitive() const { return IsTrue(sensitive[0]) || IsTrue(sensitive[1]); }

Value ValueReader::ReadAttributes(const PosNode* values, const Overlay& overlay,
                                  SourcePos pos) const {
  return ReadMap(values != nullptr && values->IsObject() ? values : nullptr, overlay,
                 std::move(pos));
}

Value ValueReader::Read(const PosNode& node, const Overlay& overlay, SourcePos pos) const {
  if (overlay.IsSensitive()) return Value{Unknown{kSensitive}, std::move(pos)};
  if (overlay.IsUnknown()) return UnknownValue(overlay, std::move(pos));
  switch (node.kind) {
    case JsonKind::kNull:
      return Value{std::monostate{}, std::move(pos)};
    case JsonKind::kBool:
      return Value{node.boolean, std::move(pos)};
    case JsonKind::kInt:
      return Value{node.integer, std::move(pos)};
    case JsonKind::kFloat:
      return Value{node.number, std::move(pos)};
    case JsonKind::kString:
      return Value{node.text, std::move(pos)};
    case JsonKind::kArray:
      return ReadList(node, overlay, std::move(pos));
    case JsonKind::kObject:
      return ReadMap(&node, overlay, std::move(pos));
  }
  return Value{std::monostate{}, std::move(pos)};
}

Value ValueReader::ReadMap(const PosNode* node, const Overlay& overlay, SourcePos pos) const {
  Map map;
  if (node != nullptr)
    for (const PosNode& member : node->items)
      map.push_back({member.key, Read(member, overlay.Member(member.key), doc_.KeyPosOf(member))});
  // Members only apply will set: in after_unknown, absent from the values. Members in neither
  // are absent, which a provider may read differently from unknown
  // (docs/design/predeploy-terraform.md).
  if (overlay.unknown != nullptr && overlay.unknown->IsObject()) {
    for (const PosNode& marker : overlay.unknown->items) {
      if (!IsTrue(&marker) || (node != nullptr && node->Find(marker.key) != nullptr)) continue;
      const Overlay member = overlay.Member(marker.key);
      SourcePos at = doc_.KeyPosOf(marker);
      map.push_back({marker.key, member.IsSensitive() ? Value{Unknown{kSensitive}, std::move(at)}
                                                      : UnknownValue(member, std::move(at))});
    }
  }
  return Value{std::move(map), std::move(pos)};
}

Value ValueReader::ReadList(const PosNode& node, const Overlay& overlay, SourcePos pos) const {
  std::size_t unknowns = 0;
  if (overlay.unknown != nullptr && overlay.unknown->IsArray())
    unknowns = static_cast<std::size_t>(std::count_if(overlay.unknown->items.begin(),
                                                      overlay.unknown->items.end(),
                                                      [](const PosNode& m) { return IsTrue(&m); }));
  List list;
  list.reserve(node.items.size());
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    Overlay element = overlay.Element(i);
    element.sole_unknown = unknowns == 1;
    list.push_back(Read(node.items[i], element, doc_.PosOf(node.items[i])));
  }
  return Value{std::move(list), std::move(pos)};
}

Value ValueReader::UnknownValue(const Overlay& overlay, SourcePos pos) const {
  // The plain reference is the value itself only where the expression is the whole attribute,
  // or the one unknown element of a list it writes (`[aws_security_group.a.id, "sg-123"]`).
  const bool whole = overlay.steps_into_expression == 0 ||
                     (overlay.steps_into_expression == 1 && overlay.sole_unknown);
  if (whole && overlay.expression != nullptr && ConfigIndex::IsExpression(*overlay.expression))
    if (std::optional<ResourceRef> ref = config_.Resolve(
            *overlay.expression, module_, {instance_key_, AttributeTaken(overlay.field)}))
      return Value{std::move(*ref), std::move(pos)};
  if (overlay.in_configured_block && overlay.expression == nullptr)
    return Value{Unknown{kNotConfigured}, std::move(pos)};
  return Value{Unknown{kKnownAfterApply}, std::move(pos)};
}

}  // namespace fd::predeploy::tf
