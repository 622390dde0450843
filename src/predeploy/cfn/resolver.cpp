// The resolver's core: plain values, Ref (parameters, pseudo parameters, resources), Fn::GetAtt,
// outputs and exports. The other intrinsics are in intrinsics.cpp, conditions in conditions.cpp.
#include "predeploy/cfn/resolver.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <utility>

#include "predeploy/cfn/values.h"
#include "util/strings.h"

namespace fd::predeploy::cfn {

namespace {

// Values made or copied in one run. CloudFormation accepts templates up to 1 MB, about 100,000
// values; ten times that bounds memory (each value carries its position) when references
// multiply a large list.
constexpr std::size_t kMaxWork = 1'000'000;

bool IsPlainInteger(const std::string& t) {
  std::size_t i = (t[0] == '-' || t[0] == '+') ? 1 : 0;
  if (i == t.size()) return false;
  // "007" is text (an ID, a zone suffix), not 7.
  if (t[i] == '0' && t.size() > i + 1) return false;
  for (; i < t.size(); ++i)
    if (t[i] < '0' || t[i] > '9') return false;
  return true;
}

bool IsPlainFloat(const std::string& t) {
  std::size_t i = (t[0] == '-' || t[0] == '+') ? 1 : 0;
  bool digits = false, dot = false, exponent = false;
  for (; i < t.size(); ++i) {
    const char c = t[i];
    if (c >= '0' && c <= '9') {
      digits = true;
    } else if (c == '.' && !dot && !exponent) {
      dot = true;
    } else if ((c == 'e' || c == 'E') && digits && !exponent) {
      exponent = true;
      digits = false;
      if (i + 1 < t.size() && (t[i + 1] == '-' || t[i + 1] == '+')) ++i;
    } else {
      return false;
    }
  }
  return digits && (dot || exponent);
}

// A plain (unquoted) scalar as YAML 1.2's core schema reads it, which JSON agrees with.
Value::Data PlainScalar(const std::string& t) {
  if (t == "true" || t == "True" || t == "TRUE") return true;
  if (t == "false" || t == "False" || t == "FALSE") return false;
  if (t.empty()) return t;
  if (IsPlainInteger(t)) {
    std::int64_t i = 0;
    const char* begin = t.data() + (t[0] == '+' ? 1 : 0);
    auto r = std::from_chars(begin, t.data() + t.size(), i);
    if (r.ec == std::errc() && r.ptr == t.data() + t.size()) return i;
    return t;  // out of range: kept as written
  }
  if (IsPlainFloat(t)) {
    double d = 0;
    auto r = std::from_chars(t.data() + (t[0] == '+' ? 1 : 0), t.data() + t.size(), d);
    if (r.ec == std::errc()) return d;
  }
  return t;
}

bool IsListType(const std::string& type) {
  return type == "CommaDelimitedList" || type.rfind("List<", 0) == 0;
}

// The partition and URL suffix of a Region, from the Region's prefix (AWS documents them per
// partition; a new commercial Region is in `aws`).
std::pair<std::string, std::string> PartitionOf(const std::string& region) {
  if (region.rfind("cn-", 0) == 0) return {"aws-cn", "amazonaws.com.cn"};
  if (region.rfind("us-gov-", 0) == 0) return {"aws-us-gov", "amazonaws.com"};
  if (region.rfind("us-isob-", 0) == 0) return {"aws-iso-b", "sc2s.sgov.gov"};
  if (region.rfind("us-isof-", 0) == 0) return {"aws-iso-f", "csp.hci.ic.gov"};
  if (region.rfind("us-iso-", 0) == 0) return {"aws-iso", "c2s.ic.gov"};
  if (region.rfind("eu-isoe-", 0) == 0) return {"aws-iso-e", "cloud.adc-e.uk"};
  return {"aws", "amazonaws.com"};
}

// Fn::GetAtt attributes whose value is, by the resource type's definition, the property the
// template sets: resolved to that property so `!Cidr [!GetAtt Vpc.CidrBlock, ..]` is known.
const char* PassThroughProperty(const std::string& type, const std::string& attr) {
  struct Entry {
    const char* type;
    const char* attr;
    const char* property;
  };
  static constexpr Entry kEntries[] = {
      {"AWS::EC2::VPC", "CidrBlock", "CidrBlock"},
      {"AWS::EC2::Subnet", "AvailabilityZone", "AvailabilityZone"},
      {"AWS::EC2::Subnet", "CidrBlock", "CidrBlock"},
      {"AWS::EC2::Subnet", "VpcId", "VpcId"},
      {"AWS::EC2::SecurityGroup", "VpcId", "VpcId"},
  };
  for (const Entry& e : kEntries)
    if (type == e.type && attr == e.attr) return e.property;
  return nullptr;
}

// A cached value copied for a new site: the value, placed where it is used.
Value At(Value v, const SourcePos& pos) {
  v.pos = pos;
  return v;
}

}  // namespace

Resolver::Resolver(const std::vector<LoadedStack>& stacks, const ParameterValues& parameters,
                   std::vector<Note>& notes, const std::unordered_map<std::string, std::string>& deployed)
    : stacks_(stacks), parameters_(parameters), notes_(notes), deployed_(deployed) {}

SourcePos Resolver::Pos(int s, const Node& at) const { return PosOf(stacks_[s].tmpl.file(), at); }

Value Resolver::Known(int s, const Node& at, Value::Data data) const {
  return Value{std::move(data), Pos(s, at)};
}

Value Resolver::Bad(int s, const Node& at, const std::string& why) {
  notes_.push_back(Note{Pos(s, at), why});
  return Known(s, at, Unknown{why});
}

bool Resolver::Spend(std::size_t units, int s, const Node& at) {
  work_ += units;
  if (work_ <= kMaxWork) return true;
  if (!budget_noted_) {
    budget_noted_ = true;
    notes_.push_back(Note{Pos(s, at), "the templates make more than " +
                                          std::to_string(kMaxWork) +
                                          " values: the rest is left unknown"});
  }
  return false;
}

std::optional<Value> Resolver::Resolve(int s, const Node& n) {
  if (!Spend(1, s, n)) return Known(s, n, Unknown{kTooLarge});
  switch (n.kind) {
    case Node::Kind::kNull:
      return Known(s, n, std::monostate{});
    case Node::Kind::kScalar:
      return Known(s, n, n.quoted ? Value::Data(n.text) : PlainScalar(n.text));
    case Node::Kind::kList: {
      List items;
      items.reserve(n.items.size());
      for (const Node& item : n.items)
        if (auto v = Resolve(s, item)) items.push_back(std::move(*v));
      return Known(s, n, std::move(items));
    }
    case Node::Kind::kMap:
      break;
  }
  if (n.members.size() == 1) {
    const std::string& key = n.members.front().key;
    if (key == "Ref" || key.rfind("Fn::", 0) == 0) {
      if (depth_ >= kMaxDepth)
        return Bad(s, n, "references nest deeper than " + std::to_string(kMaxDepth));
      ++depth_;
      auto v = Intrinsic(s, key, n.members.front().value, n);
      --depth_;
      return v;
    }
  }
  Map members;
  members.reserve(n.members.size());
  for (const auto& [key, member] : n.members)
    if (auto v = Resolve(s, member)) members.push_back({key, std::move(*v)});
  return Known(s, n, std::move(members));
}

std::optional<Value> Resolver::Intrinsic(int s, const std::string& fn, const Node& arg,
                                         const Node& at) {
  if (fn == "Ref") return Ref(s, arg, at);
  if (fn == "Fn::If") return If(s, arg, at);
  if (fn == "Fn::GetAtt") return GetAtt(s, arg, at);
  if (fn == "Fn::Sub") return Sub(s, arg, at);
  if (fn == "Fn::Join") return Join(s, arg, at);
  if (fn == "Fn::Select") return Select(s, arg, at);
  if (fn == "Fn::Split") return Split(s, arg, at);
  if (fn == "Fn::FindInMap") return FindInMap(s, arg, at);
  if (fn == "Fn::GetAZs") return GetAZs(s, arg, at);
  if (fn == "Fn::ImportValue") return ImportValue(s, arg, at);
  if (fn == "Fn::Base64") return Base64(s, arg, at);
  if (fn == "Fn::Cidr") return Cidr(s, arg, at);
  if (fn == "Fn::Length") return Length(s, arg, at);
  if (fn == "Fn::ToJsonString") return ToJsonString(s, arg, at);
  if (fn == "Fn::Transform") {
    const Node* name = arg.Find("Name");
    return Bad(s, at, "Fn::Transform runs macro " + (name != nullptr ? name->text : "?") +
                          " at deployment: its result is not known before");
  }
  if (fn == "Fn::Equals" || fn == "Fn::And" || fn == "Fn::Or" || fn == "Fn::Not") {
    const Truth t = Evaluate(s, at);
    if (t.kind == Truth::Kind::kUnknown) return Known(s, at, Unknown{t.reason});
    return Known(s, at, t.kind == Truth::Kind::kTrue);
  }
  return Bad(s, at, "unknown intrinsic function " + fn);
}

std::optional<std::string> Resolver::TextOf(int s, const Node& n, Value& unknown_out) {
  auto v = Resolve(s, n);
  if (!v) {
    unknown_out = Bad(s, n, "AWS::NoValue where a value is required");
    return std::nullopt;
  }
  if (auto text = ScalarText(*v)) return text;
  if (const Unknown* u = FirstUnknown(*v)) {
    unknown_out = Known(s, n, *u);
  } else if (v->AsRef() != nullptr || std::holds_alternative<Text>(v->data)) {
    unknown_out = Known(s, n, Unknown{"a name or key made from a resource's ID, known only "
                                      "after deployment"});
  } else {
    unknown_out = Bad(s, n, "expected a string here");
  }
  return std::nullopt;
}

std::optional<Value> Resolver::Ref(int s, const Node& arg, const Node& at) {
  Value unknown;
  auto name = TextOf(s, arg, unknown);
  if (!name) return unknown;
  if (*name == "AWS::NoValue") return std::nullopt;
  return RefName(s, *name, at);
}

Value Resolver::RefName(int s, const std::string& name, const Node& at) {
  const LoadedStack& stack = stacks_[s];
  if (name.rfind("AWS::", 0) == 0) return Pseudo(s, name, at);
  if (stack.tmpl.FindParameter(name) != nullptr) return Parameter(s, name, at);
  if (stack.tmpl.FindResource(name) != nullptr)
    return Known(s, at, ResourceRef{stack.name, name, ""});
  return Bad(s, at, "Ref to " + name + ", which the template does not declare");
}

Value Resolver::Pseudo(int s, const std::string& name, const Node& at) {
  const LoadedStack& stack = stacks_[s];
  const auto unknown = [&](std::string why) { return Known(s, at, Unknown{std::move(why)}); };
  const std::string& region = stack.region;
  if (name == "AWS::Region")
    return region.empty() ? unknown("AWS::Region is not given (--region)") : Known(s, at, region);
  if (name == "AWS::AccountId")
    return stack.account.empty() ? unknown("AWS::AccountId is not given (--account)")
                                 : Known(s, at, stack.account);
  if (name == "AWS::Partition" || name == "AWS::URLSuffix") {
    if (region.empty()) return unknown(name + " follows the Region, which is not given (--region)");
    auto [partition, suffix] = PartitionOf(region);
    return Known(s, at, name == "AWS::Partition" ? partition : suffix);
  }
  if (name == "AWS::StackName")
    return stack.name_known ? Known(s, at, stack.name)
                            : unknown("CloudFormation names nested stack " + stack.name +
                                      " at deployment");
  if (name == "AWS::StackId")
    return unknown("AWS::StackId of " + stack.name + " exists once the stack is created");
  if (name == "AWS::NotificationARNs")
    return unknown("AWS::NotificationARNs are given at deployment");
  return Bad(s, at, "Ref to " + name + ", which is not a pseudo parameter");
}

Value Resolver::Parameter(int s, const std::string& name, const Node& at) {
  const std::string key = Key(s, name);
  auto [it, inserted] = parameter_cache_.try_emplace(key);
  if (!inserted) {
    if (!it->second) return Bad(s, at, "parameter " + name + " depends on itself");
    if (!Spend(CountValues(*it->second), s, at)) return Known(s, at, Unknown{kTooLarge});
    return At(*it->second, Pos(s, at));
  }
  Value v = ParameterUncached(s, *stacks_[s].tmpl.FindParameter(name));
  parameter_cache_[key] = v;
  return At(std::move(v), Pos(s, at));
}

Value Resolver::ParameterUncached(int s, const ParameterDecl& decl) {
  const LoadedStack& stack = stacks_[s];
  const Node& at = *decl.node;
  const auto unknown = [&](std::string why) { return Known(s, at, Unknown{std::move(why)}); };
  std::optional<Value> v;
  const Node* passed =
      stack.parent_parameters != nullptr ? stack.parent_parameters->Find(decl.name) : nullptr;
  if (passed != nullptr) {
    v = Resolve(stack.parent, *passed);
  } else if (const std::string* given = parameters_.Find(stack.name, decl.name)) {
    v = Known(s, at, *given);
  } else if (const std::string* kept = parameters_.FindDeployed(stack.name, decl.name)) {
    v = Known(s, at, *kept);
    notes_.push_back(Note{Pos(s, at), "parameter " + decl.name + " keeps the value stack " +
                                          stack.name + " was deployed with (describe-stacks), as "
                                          "`aws cloudformation deploy` does"});
  } else if (decl.default_value != nullptr) {
    v = Resolve(s, *decl.default_value);
  }
  if (!v) {
    if (stack.parent >= 0)
      return unknown("parameter " + decl.name + " of nested stack " + stack.name +
                     " is not passed and has no default");
    return unknown("parameter " + decl.name + " has no value (give --parameter " + stack.name +
                   "." + decl.name + "=VALUE)");
  }
  if (decl.type.rfind("AWS::SSM::Parameter::Value<", 0) == 0) {
    const auto ssm_name = ScalarText(*v);
    return unknown("parameter " + decl.name + " is read from SSM parameter " +
                   ssm_name.value_or("?") + " at deployment");
  }
  // Ref of a parameter is text, whatever type its default is written in.
  if (auto scalar = ScalarText(*v); scalar && v->AsString() == nullptr) v->data = std::move(*scalar);
  const bool known = IsFullyKnown(*v);
  if (known && decl.no_echo)
    return unknown("parameter " + decl.name + " is NoEcho: fargate-doctor does not read it");
  const auto text = ScalarText(*v);
  if (known && text && !decl.allowed.empty() &&
      std::find(decl.allowed.begin(), decl.allowed.end(), *text) == decl.allowed.end())
    notes_.push_back(Note{Pos(s, at), "parameter " + decl.name + " is " + *text +
                                          ", not one of its AllowedValues: CloudFormation "
                                          "refuses the stack"});
  if (IsListType(decl.type) && v->AsList() == nullptr) {
    // A list parameter is given as comma-joined text (a nested stack's too, often a Fn::Join
    // of subnet references); CloudFormation trims the spaces around each member.
    auto items = SplitParts(*v, ",");
    if (!items) return *v;
    if (text && text->empty()) items->clear();
    for (Value& item : *items)
      if (const std::string* str = item.AsString()) item.data = std::string(util::Trim(*str));
    if (!Spend(items->size(), s, at)) return unknown(kTooLarge);
    return Known(s, at, std::move(*items));
  }
  return *v;
}

Value Resolver::GetAtt(int s, const Node& arg, const Node& at) {
  Value unknown;
  std::string id, attr;
  if (arg.IsScalar()) {
    const std::size_t dot = arg.text.find('.');
    if (dot == std::string::npos) return Bad(s, at, "Fn::GetAtt needs RESOURCE.ATTRIBUTE");
    id = arg.text.substr(0, dot);
    attr = arg.text.substr(dot + 1);
  } else if (arg.IsList() && arg.items.size() == 2 && arg.items[0].IsScalar()) {
    id = arg.items[0].text;
    auto a = TextOf(s, arg.items[1], unknown);
    if (!a) return unknown;
    attr = *a;
  } else {
    return Bad(s, at, "Fn::GetAtt needs [RESOURCE, ATTRIBUTE]");
  }
  return Attribute(s, id, attr, at);
}

Value Resolver::Attribute(int s, const std::string& id, const std::string& attr,
                          const Node& at) {
  const LoadedStack& stack = stacks_[s];
  const ResourceDecl* r = stack.tmpl.FindResource(id);
  if (r == nullptr) return Bad(s, at, "Fn::GetAtt of " + id + ", which the template does not declare");
  if (attr.rfind("Outputs.", 0) == 0) {
    if (auto child = stack.children.find(id); child != stack.children.end()) {
      const std::string output = attr.substr(8);
      if (auto v = Output(child->second, output, Pos(s, at))) return *v;
      return Bad(s, at, "nested stack " + id + " has no output " + output);
    }
  }
  const char* property = PassThroughProperty(r->type, attr);
  const Node* node = property != nullptr && r->properties != nullptr
                         ? r->properties->Find(property)
                         : nullptr;
  if (node == nullptr) return Known(s, at, ResourceRef{stack.name, id, attr});
  auto [it, inserted] = property_cache_.try_emplace(node);
  if (!inserted) {
    if (!it->second) return Bad(s, at, "Fn::GetAtt " + id + "." + attr + " depends on itself");
    if (!Spend(CountValues(*it->second), s, at)) return Known(s, at, Unknown{kTooLarge});
    return At(*it->second, Pos(s, at));
  }
  auto v = Resolve(s, *node);
  Value resolved = v ? std::move(*v) : Known(s, at, ResourceRef{stack.name, id, attr});
  property_cache_[node] = resolved;
  return At(std::move(resolved), Pos(s, at));
}

void Resolver::IndexExports() {
  for (int s = 0; s < static_cast<int>(stacks_.size()); ++s) {
    for (const OutputDecl& o : stacks_[s].tmpl.outputs) {
      if (o.export_name == nullptr) continue;
      if (!o.condition.empty() && Condition(s, o.condition).kind == Truth::Kind::kFalse) continue;
      Value unknown;
      auto name = TextOf(s, *o.export_name, unknown);
      if (!name) {
        // Said where it matters, by an import that finds no export, not once per output.
        if (const Unknown* why = FirstUnknown(unknown); why != nullptr && unknown_exports_.empty())
          unknown_exports_ = why->reason;
        ++unknown_export_count_;
        continue;
      }
      auto [it, inserted] = exports_.try_emplace(*name, ExportSite{s, o.name});
      if (!inserted)
        notes_.push_back(Note{Pos(s, *o.export_name),
                              "export " + *name + " is also exported by stack " +
                                  stacks_[it->second.stack].name + ": CloudFormation refuses "
                                  "the second"});
    }
  }
}

std::optional<Value> Resolver::Output(int s, const std::string& name, const SourcePos& site) {
  const OutputDecl* decl = stacks_[s].tmpl.FindOutput(name);
  if (decl == nullptr) return std::nullopt;
  const std::string key = Key(s, name);
  auto [it, inserted] = output_cache_.try_emplace(key);
  if (!inserted) {
    if (!it->second)
      return Value{Unknown{"output " + name + " of stack " + stacks_[s].name +
                           " depends on itself"},
                   site};
    if (!Spend(CountValues(*it->second), s, *decl->value))
      return Value{Unknown{kTooLarge}, site};
    return At(*it->second, site);
  }
  auto v = Resolve(s, *decl->value);
  Value resolved = v ? std::move(*v) : Known(s, *decl->value, Unknown{"AWS::NoValue"});
  output_cache_[key] = resolved;
  return At(std::move(resolved), site);
}

}  // namespace fd::predeploy::cfn
