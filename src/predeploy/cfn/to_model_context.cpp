#include "predeploy/cfn/to_model_context.h"

#include <fmt/format.h>

#include <charconv>

#include <nlohmann/json.hpp>

#include "util/strings.h"

namespace fd::predeploy::cfn {

namespace {

std::string Key(const std::string& stack, const std::string& id) { return stack + "\n" + id; }

// GetAtt attributes that are the object's own ID (what the model knows it by).
bool IsIdAttribute(const std::string& attribute) {
  return attribute.empty() || attribute == "Id" || attribute == "GroupId" ||
         attribute == "SubnetId" || attribute == "VpcId" || attribute == "FileSystemId" ||
         attribute == "NetworkAclId" || attribute == "RouteTableId" ||
         attribute == "InternetGatewayId" || attribute == "NatGatewayId" ||
         attribute == "MountTargetId" || attribute == "TaskDefinitionArn" ||
         attribute == "ServiceArn" || attribute == "Name" || attribute == "KeyId" ||
         attribute == "AccessPointId" || attribute == "LoadBalancerArn" ||
         attribute == "TargetGroupArn" || attribute == "ListenerArn" || attribute == "RuleArn";
}

// The property whose value Ref of these types gives (a name, not an ID); a Ref of one without
// that property is a generated name, unknown before deployment.
const char* NameProperty(std::string_view type) {
  if (type == "AWS::Logs::LogGroup") return "LogGroupName";
  if (type == "AWS::ECR::Repository") return "RepositoryName";
  if (type == "AWS::SSM::Parameter") return "Name";
  if (type == "AWS::KMS::Alias") return "AliasName";
  return nullptr;
}

}  // namespace

MapContext::MapContext(const Templates& templates, const BuildOptions& options,
                       model::ModelBuilder& builder, DeclaredModel& out)
    : templates_(templates), options_(options), out_(out), builder_(builder) {
  for (const Stack& s : templates.stacks)
    for (const StackResource& d : s.resources) {
      Item it{&s, &d};
      if (!by_key_.emplace(Key(s.name, d.resource.id), it).second) continue;
      ++stacks_declaring_[d.resource.id];
      by_type_[d.resource.type].push_back(it);
    }
}

std::string MapContext::Region(const Item& it) const {
  return it.stack->region.empty() ? options_.region : it.stack->region;
}
std::string MapContext::Account(const Item& it) const {
  return it.stack->account.empty() ? options_.account : it.stack->account;
}

std::string MapContext::Partition(const std::string& region) {
  if (region.rfind("cn-", 0) == 0) return "aws-cn";
  if (region.rfind("us-gov-", 0) == 0) return "aws-us-gov";
  return "aws";
}

const std::vector<Item>& MapContext::OfType(std::string_view type) const {
  static const std::vector<Item> kNone;
  auto it = by_type_.find(type);
  return it == by_type_.end() ? kNone : it->second;
}

const Item* MapContext::Find(const std::string& stack, const std::string& logical_id) const {
  auto it = by_key_.find(Key(stack, logical_id));
  return it == by_key_.end() ? nullptr : &it->second;
}

std::string MapContext::IdOf(const Item& it) const {
  auto n = stacks_declaring_.find(it.id());
  return n != stacks_declaring_.end() && n->second > 1 ? it.stack->name + "." + it.id() : it.id();
}

std::string MapContext::RoleName(const Item& it) const {
  std::optional<std::string> name = Text(it, "RoleName");
  return name && !name->empty() ? *name : IdOf(it);
}

std::string MapContext::ArnOf(const Item& it) const {
  const std::string account = Account(it);
  // The partition follows the Region: without both, no ARN is written (never a guessed one).
  if (account.empty() || Region(it).empty()) return IdOf(it);
  std::string path = Text(it, "Path").value_or("");
  if (path.empty()) path = "/";
  const std::string partition = Partition(Region(it));
  if (it.type() == "AWS::IAM::Role")
    return fmt::format("arn:{}:iam::{}:role{}{}", partition, account, path, RoleName(it));
  if (it.type() == "AWS::SecretsManager::Secret") {
    // The real ARN ends in a suffix only creation draws; this one keeps what the analysis reads
    // (service, Region, account, name), and every Ref of the secret gives the same text.
    std::optional<std::string> name = Text(it, "Name");
    return model::MakeArn("secretsmanager", Region(it), account,
                          "secret:" + (name && !name->empty() ? *name : IdOf(it)));
  }
  if (it.type() == "AWS::KMS::Key")  // the key ID is drawn at creation: the model ID stands in
    return model::MakeArn("kms", Region(it), account, "key/" + IdOf(it));
  if (it.type() == "AWS::ECR::Repository") {
    std::optional<std::string> name = Text(it, "RepositoryName");
    if (name && !name->empty()) return model::MakeArn("ecr", Region(it), account, "repository/" + *name);
  }
  if (it.type() == "AWS::IAM::ManagedPolicy") {
    std::optional<std::string> name = Text(it, "ManagedPolicyName");
    return fmt::format("arn:{}:iam::{}:policy{}{}", partition, account, path,
                       name && !name->empty() ? *name : IdOf(it));
  }
  return IdOf(it);
}

// GetAtt LogGroup.Arn: the group's ARN with its ":*" suffix, as CloudFormation returns it;
// unknown when the name, Region or account is.
std::optional<std::string> MapContext::LogGroupArn(const Item& it) const {
  const std::optional<std::string> name = Text(it, "LogGroupName");
  const std::string region = Region(it);
  const std::string account = Account(it);
  if (!name || name->empty() || region.empty() || account.empty()) return std::nullopt;
  return model::MakeArn("logs", region, account, "log-group:" + *name + ":*");
}

std::optional<std::string> MapContext::ResolveRef(const ResourceRef& ref) const {
  const Item* t = Find(ref.source, ref.id);
  if (t == nullptr) return std::nullopt;
  if (ref.attribute.empty()) {
    if (t->type() == "AWS::IAM::Role") return RoleName(*t);
    if (t->type() == "AWS::SecretsManager::Secret") return ArnOf(*t);
    if (const char* name = NameProperty(t->type())) {
      std::optional<std::string> text = Text(*t, name);
      return text && !text->empty() ? text : std::nullopt;
    }
    return IdOf(*t);
  }
  if (ref.attribute == "Arn" && t->type() == "AWS::Logs::LogGroup") return LogGroupArn(*t);
  if (ref.attribute == "Arn") return ArnOf(*t);
  if (t->type() == "AWS::EC2::VPC" &&
      (ref.attribute == "DefaultSecurityGroup" || ref.attribute == "DefaultNetworkAcl"))
    return VpcDefault(*t, ref.attribute);
  if (IsIdAttribute(ref.attribute)) return IdOf(*t);
  return std::nullopt;
}

std::optional<std::string> MapContext::Text(const Value* v) const {
  if (v == nullptr || v->IsNull()) return std::string();
  if (const std::string* s = v->AsString()) return *s;
  if (const auto* b = std::get_if<bool>(&v->data)) return std::string(*b ? "true" : "false");
  if (const auto* i = std::get_if<std::int64_t>(&v->data)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&v->data)) return fmt::format("{}", *d);
  if (const ResourceRef* ref = v->AsRef()) return ResolveRef(*ref);
  if (const auto* text = std::get_if<predeploy::Text>(&v->data)) {
    std::string out;
    for (const auto& part : text->parts) {
      if (const std::string* s = std::get_if<std::string>(&part)) {
        out += *s;
      } else if (const ResourceRef* r = std::get_if<ResourceRef>(&part)) {
        std::optional<std::string> resolved = ResolveRef(*r);
        if (!resolved) return std::nullopt;
        out += *resolved;
      } else {
        return std::nullopt;
      }
    }
    return out;
  }
  return std::nullopt;
}

std::optional<std::vector<std::string>> MapContext::Texts(const Value* v) const {
  std::vector<std::string> out;
  if (v == nullptr || v->IsNull()) return out;
  const List* list = v->AsList();
  if (list == nullptr) return std::nullopt;
  for (const Value& e : *list) {
    std::optional<std::string> text = Text(&e);
    if (!text || e.AsList() || e.AsMap()) return std::nullopt;
    out.push_back(std::move(*text));
  }
  return out;
}

std::vector<std::string> MapContext::Ids(const Item& it, const Value* v, std::string_view what) {
  std::vector<std::string> out;
  if (v == nullptr || v->IsNull()) return out;
  const List* list = v->AsList();
  if (list == nullptr) {
    // Unknown as a whole (an import, a Split of one): some objects, not none, which would read
    // as a fault of its own (no subnet at all, the default security group).
    const std::string why = WhyUnknown(v);
    Note(it, fmt::format("{} of {} is {}: what needs it is unchecked", what, it.id(), why));
    network_incomplete = true;
    out.push_back(fmt::format("(unknown: {})", why));
    return out;
  }
  for (const Value& e : *list) {
    std::optional<std::string> text = Text(&e);
    if (text && !text->empty() && !e.AsList() && !e.AsMap()) {
      out.push_back(std::move(*text));
      continue;
    }
    const std::string why = WhyUnknown(&e);
    Note(it, fmt::format("an item of {} of {} is {}: what needs it is unchecked", what, it.id(), why));
    out.push_back(fmt::format("(unknown: {})", why));
    network_incomplete = true;
  }
  return out;
}

std::optional<bool> MapContext::Bool(const Value* v) const {
  if (v == nullptr) return std::nullopt;
  if (const auto* b = std::get_if<bool>(&v->data)) return *b;
  if (const std::string* s = v->AsString()) {
    if (util::IEquals(*s, "true")) return true;
    if (util::IEquals(*s, "false")) return false;
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

namespace {
std::optional<nlohmann::json> ToJson(const MapContext& cx, const Value& v) {
  if (const Map* m = v.AsMap()) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [k, item] : *m) {
      auto j = ToJson(cx, item);
      if (!j) return std::nullopt;
      out[k] = std::move(*j);
    }
    return out;
  }
  if (const List* l = v.AsList()) {
    nlohmann::json out = nlohmann::json::array();
    for (const Value& item : *l) {
      auto j = ToJson(cx, item);
      if (!j) return std::nullopt;
      out.push_back(std::move(*j));
    }
    return out;
  }
  if (const auto* b = std::get_if<bool>(&v.data)) return nlohmann::json(*b);
  if (const auto* i = std::get_if<std::int64_t>(&v.data)) return nlohmann::json(*i);
  std::optional<std::string> text = cx.Text(&v);
  if (!text) return std::nullopt;
  return nlohmann::json(*text);
}
}  // namespace

std::optional<std::string> MapContext::Json(const Value& v) const {
  if (const std::string* s = v.AsString()) return *s;  // CloudFormation accepts JSON text too
  std::optional<nlohmann::json> j = ToJson(*this, v);
  return j ? std::optional<std::string>(j->dump()) : std::nullopt;
}

namespace {

// One statement of PolicyJson.
std::optional<nlohmann::json> StatementJson(const MapContext& cx, const Value& s, const std::string& what) {
  const Map* m = s.AsMap();
  if (m == nullptr) return std::nullopt;
  nlohmann::json out = nlohmann::json::object();
  std::string why;
  for (const auto& [k, item] : *m) {
    if (auto j = ToJson(cx, item)) {
      out[k] = std::move(*j);
      continue;
    }
    if (k != "Resource" && k != "NotResource") return std::nullopt;
    why = cx.WhyUnknown(&item);
  }
  if (why.empty()) return out;
  out.erase("NotResource");
  out["Resource"] = "*";
  nlohmann::json& condition = out["Condition"];
  if (condition.is_null()) condition = nlohmann::json::object();
  if (!condition.is_object() || (condition.contains("Bool") && !condition["Bool"].is_object())) return std::nullopt;
  condition["Bool"][fmt::format("{}the Resource of {} is {}", model::kUnknownConditionKeyPrefix, what, why)] = "true";
  return out;
}

}  // namespace

std::optional<std::string> MapContext::PolicyJson(const Value& v, const std::string& what) const {
  if (auto whole = Json(v)) return whole;
  const Map* doc = v.AsMap();
  if (doc == nullptr) return std::nullopt;
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [k, item] : *doc) {
    if (k != "Statement") {
      auto j = ToJson(*this, item);
      if (!j) return std::nullopt;
      out[k] = std::move(*j);
      continue;
    }
    std::vector<const Value*> statements;
    if (item.AsMap()) statements.push_back(&item);
    else if (const List* list = item.AsList())
      for (const Value& s : *list) statements.push_back(&s);
    nlohmann::json list = nlohmann::json::array();
    for (std::size_t i = 0; i < statements.size(); ++i) {
      auto s = StatementJson(*this, *statements[i], fmt::format("statement {} of {}", i + 1, what));
      if (!s) return std::nullopt;
      list.push_back(std::move(*s));
    }
    out[k] = std::move(list);
  }
  return out.dump();
}

std::vector<const Value*> MapContext::Maps(const Value* v) const {
  std::vector<const Value*> out;
  if (const List* list = v ? v->AsList() : nullptr)
    for (const Value& e : *list)
      if (e.AsMap()) out.push_back(&e);
  return out;
}

bool MapContext::IsUnknown(const Value* v) {
  return v != nullptr && (v->IsUnknown() || std::holds_alternative<predeploy::Text>(v->data) ||
                          v->AsRef() != nullptr);
}

std::string MapContext::WhyUnknown(const Value* v) const {
  if (v == nullptr) return "absent";
  if (const Unknown* u = std::get_if<Unknown>(&v->data)) return u->reason;
  if (const ResourceRef* ref = v->AsRef()) {
    if (Find(ref->source, ref->id) == nullptr)
      return "a reference to " + ref->id + ", which no template read declares";
    return fmt::format("{} of {}, known only after deployment",
                       ref->attribute.empty() ? "the Ref" : ref->attribute, ref->id);
  }
  if (const auto* text = std::get_if<predeploy::Text>(&v->data))
    for (const auto& part : text->parts) {
      if (const Unknown* u = std::get_if<Unknown>(&part)) return u->reason;
      if (const ResourceRef* r = std::get_if<ResourceRef>(&part); r && !ResolveRef(*r))
        return fmt::format("a text with {} of {}, known only after deployment",
                           r->attribute.empty() ? "the Ref" : r->attribute, r->id);
    }
  if (const List* list = v->AsList())
    for (const Value& e : *list)
      if (!Text(&e)) return WhyUnknown(&e);
  return "not a single value";
}

const Item* MapContext::Referenced(const Value* v) const {
  const ResourceRef* ref = v ? v->AsRef() : nullptr;
  return ref == nullptr ? nullptr : Find(ref->source, ref->id);
}

void MapContext::Origin(const std::string& model_id, const Item& it) {
  out_.origins.emplace(model_id, predeploy::Origin{it.r().pos, it.id(), it.stack->name, it.r().type});
}

void MapContext::Note(const Item& it, std::string text) {
  InputNote note{it.r().pos.file, it.id(), std::move(text)};
  out_.notes.push_back(note);
  builder_.AddNote(std::move(note));
}

void MapContext::Note(const SourcePos& pos, std::string text) {
  InputNote note{pos.file, "", std::move(text)};
  out_.notes.push_back(note);
  builder_.AddNote(std::move(note));
}

}  // namespace fd::predeploy::cfn
