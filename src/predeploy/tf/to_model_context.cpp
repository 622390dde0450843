#include "predeploy/tf/to_model_context.h"

#include <fmt/format.h>

#include <charconv>
#include <set>

#include "predeploy/tf/values.h"
#include "util/strings.h"

namespace fd::predeploy::tf {

namespace {

// `aws_subnet.a[0]` → `aws_subnet.a`; `module.m["x"].aws_subnet.a` stays as it is.
std::string WithoutIndex(const std::string& address) {
  if (address.empty() || address.back() != ']') return address;
  const auto open = address.rfind('[');
  return open == std::string::npos ? address : address.substr(0, open);
}

// Types whose Terraform `id` is the ARN, and those whose `id` is the name.
bool IdIsArn(std::string_view type) {
  static const std::set<std::string_view> kTypes = {
      "aws_ecs_cluster", "aws_ecs_service", "aws_iam_policy", "aws_ecs_task_definition",
      "aws_secretsmanager_secret", "aws_lb", "aws_alb", "aws_lb_target_group",
      "aws_alb_target_group", "aws_lb_listener", "aws_alb_listener", "aws_lb_listener_rule",
      "aws_alb_listener_rule"};
  return kTypes.count(type) > 0;
}
bool IdIsName(std::string_view type) {
  return type == "aws_iam_role" || type == "aws_cloudwatch_log_group" ||
         type == "aws_ecr_repository" || type == "aws_ssm_parameter";
}

}  // namespace

MapContext::MapContext(const std::vector<Plan>& plans, BuildOptions options,
                       model::ModelBuilder& builder, DeclaredModel& out)
    : options_(std::move(options)), out_(out), builder_(builder) {
  for (const Plan& plan : plans)
    for (const Resource& r : plan.resources) {
      if (!by_address_.emplace(r.id, &r).second) continue;  // a second plan's copy: the first wins
      by_base_[WithoutIndex(r.id)].push_back(&r);
      by_type_[r.existing ? "data." + r.type : r.type].push_back(&r);
    }
}

std::string MapContext::Partition() const {
  if (region().rfind("cn-", 0) == 0) return "aws-cn";
  if (region().rfind("us-gov-", 0) == 0) return "aws-us-gov";
  return "aws";
}

const std::vector<const Resource*>& MapContext::OfType(std::string_view type) const {
  static const std::vector<const Resource*> kNone;
  auto it = by_type_.find(type);
  return it == by_type_.end() ? kNone : it->second;
}

const Resource* MapContext::Find(const std::string& address) const {
  auto it = by_address_.find(address);
  return it == by_address_.end() ? nullptr : it->second;
}

std::vector<const Resource*> MapContext::Instances(const std::string& address) const {
  if (const Resource* r = Find(address)) return {r};
  auto it = by_base_.find(address);
  return it == by_base_.end() ? std::vector<const Resource*>{} : it->second;
}

const Value* MapContext::Attr(const Resource& r, std::string_view key) const {
  return r.properties.Find(std::string(key));
}

std::string MapContext::IdOf(const Resource& r) const {
  if (IdIsArn(r.type)) return ArnOf(r);
  if (const std::string* id = Attr(r, "id") ? Attr(r, "id")->AsString() : nullptr;
      id && !id->empty())
    return *id;
  if (IdIsName(r.type))
    if (const std::string* name = Attr(r, "name") ? Attr(r, "name")->AsString() : nullptr;
        name && !name->empty())
      return *name;
  return r.id;
}

std::string MapContext::ArnOf(const Resource& r) const {
  if (const Value* arn = Attr(r, "arn"); arn && arn->AsString() && !arn->AsString()->empty())
    return *arn->AsString();
  const Value* name_value = Attr(r, "name");
  const std::string* name = name_value ? name_value->AsString() : nullptr;
  if (name != nullptr && !name->empty() && !account().empty()) {
    std::string path = Text(r, "path").value_or("");
    if (path.empty()) path = "/";
    if (r.type == "aws_iam_role" || r.type == "aws_iam_policy")
      return fmt::format("arn:{}:iam::{}:{}{}{}", Partition(), account(),
                         r.type == "aws_iam_role" ? "role" : "policy", path, *name);
    if (r.type == "aws_ecs_cluster" && !region().empty())
      return model::MakeArn("ecs", region(), account(), "cluster/" + *name);
    if (r.type == "aws_ecr_repository" && !region().empty()) return RepositoryArn(*name);
    // The real ARN ends in a suffix only creation draws; this one keeps service, Region,
    // account and name, and every reference to the secret gives the same text.
    if (r.type == "aws_secretsmanager_secret" && !region().empty())
      return model::MakeArn("secretsmanager", region(), account(), "secret:" + *name);
  }
  // A key's ID is drawn at creation: its address stands in.
  if (r.type == "aws_kms_key" && !account().empty() && !region().empty())
    return model::MakeArn("kms", region(), account(), "key/" + IdOf(r));
  return r.id;
}

std::string MapContext::RepositoryArn(const std::string& name) const {
  if (account().empty() || region().empty()) return name;
  return model::MakeArn("ecr", region(), account(), "repository/" + name);
}

std::string MapContext::VpcDefault(const Resource& vpc, std::string_view attribute) const {
  // A new VPC's main route table is its default one: one object, one ID.
  if (attribute == "main_route_table_id") attribute = "default_route_table_id";
  if (const Value* v = Attr(vpc, attribute); v && v->AsString() && !v->AsString()->empty())
    return *v->AsString();
  return IdOf(vpc) + "." + std::string(attribute);
}

std::optional<std::string> MapContext::ResolveRef(const ResourceRef& ref) const {
  std::vector<const Resource*> targets = Instances(ref.id);
  if (targets.size() != 1) return std::nullopt;
  const Resource& t = *targets.front();
  if (ref.attribute.empty() || ref.attribute == "id") return IdOf(t);
  if (ref.attribute == "arn") return ArnOf(t);
  if (ref.attribute == "key_id" && t.type == "aws_kms_key") return IdOf(t);
  if (t.type == "aws_vpc" && !t.existing &&
      (ref.attribute == "default_route_table_id" || ref.attribute == "main_route_table_id" ||
       ref.attribute == "default_network_acl_id" || ref.attribute == "default_security_group_id"))
    return VpcDefault(t, ref.attribute);
  const Value* v = Attr(t, ref.attribute);
  if (v != nullptr && v->AsRef() != nullptr && *v->AsRef() == ref) return std::nullopt;
  return v != nullptr && !v->IsNull() ? Text(v) : std::nullopt;
}

const Value* MapContext::RefTarget(const ResourceRef& ref) const {
  const Resource* t = Find(ref.id);
  return t == nullptr || ref.attribute.empty() ? nullptr : Attr(*t, ref.attribute);
}

std::optional<std::string> MapContext::Text(const Value* v) const {
  if (v == nullptr || v->IsNull()) return std::string();
  if (const std::string* s = v->AsString()) return *s;
  if (const auto* b = std::get_if<bool>(&v->data)) return std::string(*b ? "true" : "false");
  if (const auto* i = std::get_if<std::int64_t>(&v->data)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&v->data)) return fmt::format("{}", *d);
  if (const ResourceRef* ref = v->AsRef()) return ResolveRef(*ref);
  return std::nullopt;
}

std::optional<std::vector<std::string>> MapContext::Texts(const Value* v) const {
  std::vector<std::string> out;
  if (v == nullptr || v->IsNull()) return out;
  auto add_ref = [&](const ResourceRef& ref) {
    // A list-valued attribute (`data.aws_subnets.x.ids`) is that list.
    if (const Value* target = RefTarget(ref); target && target->AsList()) {
      std::optional<std::vector<std::string>> list = Texts(target);
      if (!list) return false;
      out.insert(out.end(), list->begin(), list->end());
      return true;
    }
    const std::vector<const Resource*> instances = Instances(ref.id);
    if (instances.empty()) return false;
    for (const Resource* r : instances) {
      std::optional<std::string> text = ResolveRef(ResourceRef{r->source, r->id, ref.attribute});
      if (!text) return false;
      out.push_back(std::move(*text));
    }
    return true;
  };
  if (const ResourceRef* ref = v->AsRef()) {
    if (!add_ref(*ref)) return std::nullopt;
    return out;
  }
  const List* list = v->AsList();
  if (list == nullptr) return std::nullopt;
  for (const Value& e : *list) {
    if (const ResourceRef* ref = e.AsRef()) {
      if (!add_ref(*ref)) return std::nullopt;
      continue;
    }
    std::optional<std::string> text = Text(&e);
    if (!text || e.AsList() || e.AsMap()) return std::nullopt;
    out.push_back(std::move(*text));
  }
  return out;
}

std::optional<bool> MapContext::Bool(const Value* v) const {
  if (v == nullptr) return std::nullopt;
  if (const auto* b = std::get_if<bool>(&v->data)) return *b;
  if (const std::string* s = v->AsString()) {
    if (*s == "true") return true;
    if (*s == "false") return false;
  }
  return std::nullopt;
}

std::optional<std::int64_t> MapContext::Int(const Value* v) const {
  if (v == nullptr) return std::nullopt;
  if (const auto* i = std::get_if<std::int64_t>(&v->data)) return *i;
  if (const auto* d = std::get_if<double>(&v->data)) return static_cast<std::int64_t>(*d);
  if (const std::string* s = v->AsString(); s && !s->empty()) {
    std::int64_t n = 0;
    const auto [end, ec] = std::from_chars(s->data(), s->data() + s->size(), n);
    if (ec == std::errc() && end == s->data() + s->size()) return n;
  }
  return std::nullopt;
}

std::vector<const Value*> MapContext::Blocks(const Value* v) const {
  std::vector<const Value*> out;
  if (const List* list = v ? v->AsList() : nullptr)
    for (const Value& e : *list)
      if (e.AsMap()) out.push_back(&e);
  return out;
}

const Value* MapContext::Block(const Value* v) const {
  std::vector<const Value*> blocks = Blocks(v);
  return blocks.empty() ? nullptr : blocks.front();
}

bool MapContext::IsNotConfigured(const Value* v) {
  const Unknown* u = v ? std::get_if<Unknown>(&v->data) : nullptr;
  return u != nullptr && u->reason == kNotConfigured;
}

std::string MapContext::WhyUnknown(const Value* v) const {
  if (v == nullptr) return "absent";
  if (const Unknown* u = std::get_if<Unknown>(&v->data)) return u->reason;
  if (const ResourceRef* ref = v->AsRef()) {
    std::vector<const Resource*> targets = Instances(ref->id);
    if (targets.empty()) return "a reference to " + ref->id + ", which no plan read declares";
    if (targets.size() > 1) return "a reference to all instances of " + ref->id;
    return "a reference to " + ref->id + "." + ref->attribute + ", which is known after apply";
  }
  if (const List* list = v->AsList())
    for (const Value& e : *list)
      if (!Text(&e)) return WhyUnknown(&e);
  return "not a single value";
}

const Resource* MapContext::Referenced(const Value* v) const {
  const ResourceRef* ref = v ? v->AsRef() : nullptr;
  if (ref == nullptr) return nullptr;
  std::vector<const Resource*> targets = Instances(ref->id);
  return targets.size() == 1 ? targets.front() : nullptr;
}

void MapContext::Origin(const std::string& model_id, const Resource& r) {
  out_.origins.emplace(model_id, predeploy::Origin{r.pos, r.id, r.source, r.type});
}

void MapContext::Note(const Resource& r, std::string text) {
  InputNote note{r.pos.file, r.id, std::move(text)};
  out_.notes.push_back(note);
  builder_.AddNote(std::move(note));
}

}  // namespace fd::predeploy::tf
