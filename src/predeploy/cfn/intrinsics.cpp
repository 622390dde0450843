// The intrinsic functions that compute from their arguments: Fn::Sub, Fn::Join, Fn::Select,
// Fn::Split, Fn::FindInMap, Fn::If, Fn::GetAZs, Fn::ImportValue, Fn::Base64, Fn::Cidr, and
// AWS::LanguageExtensions' Fn::Length and Fn::ToJsonString. Each gives a known value when its
// arguments are known, and otherwise an Unknown that carries the reason of the argument.
#include <cstdint>
#include <utility>

#include "predeploy/cfn/resolver.h"
#include "predeploy/cfn/values.h"
#include "util/ip.h"

namespace fd::predeploy::cfn {

namespace {

std::string ReasonOf(const Value& v) {
  if (const Unknown* u = FirstUnknown(v)) return u->reason;
  return "a resource's ID or attribute, known only after deployment";
}

// An index or count: an integer, or a string of digits (parameters are strings).
std::optional<std::int64_t> IntegerOf(const Value& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v.data)) return *i;
  if (const std::string* s = v.AsString()) {
    if (s->empty() || s->size() > 18) return std::nullopt;
    std::int64_t n = 0;
    for (char c : *s) {
      if (c < '0' || c > '9') return std::nullopt;
      n = n * 10 + (c - '0');
    }
    return n;
  }
  return std::nullopt;
}

}  // namespace

Value Resolver::Sub(int s, const Node& arg, const Node& at) {
  const Node* pattern = &arg;
  const Node* vars = nullptr;
  if (arg.IsList()) {
    if (arg.items.empty() || arg.items.size() > 2)
      return Bad(s, at, "Fn::Sub needs STRING or [STRING, VARIABLES]");
    pattern = &arg.items[0];
    if (arg.items.size() == 2) vars = &arg.items[1];
  }
  if (!pattern->IsScalar()) return Bad(s, at, "Fn::Sub needs a string");
  const std::string& text = pattern->text;
  Text out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t open = text.find("${", pos);
    const std::size_t close = open == std::string::npos ? open : text.find('}', open + 2);
    if (close == std::string::npos) {
      AppendPart(out, text.substr(pos));
      break;
    }
    AppendPart(out, text.substr(pos, open - pos));
    const std::string name = text.substr(open + 2, close - open - 2);
    if (!name.empty() && name[0] == '!') {
      AppendPart(out, "${" + name.substr(1) + "}");  // ${!Literal} writes ${Literal}
    } else if (!AppendPart(out, SubVariable(s, name, vars, at))) {
      AppendPart(out, Bad(s, at, "${" + name + "} in Fn::Sub is a list or map, not a string"));
    }
    pos = close + 1;
  }
  return Collapse(std::move(out), Pos(s, at));
}

Value Resolver::SubVariable(int s, const std::string& name, const Node* vars, const Node& at) {
  if (vars != nullptr)
    if (const Node* v = vars->Find(name)) {
      auto resolved = Resolve(s, *v);
      return resolved ? std::move(*resolved) : Bad(s, *v, "AWS::NoValue in Fn::Sub");
    }
  // ${Resource.Attribute} is Fn::GetAtt; pseudo parameters hold "::", never a dot.
  const std::size_t dot = name.find('.');
  if (dot != std::string::npos && name.rfind("AWS::", 0) != 0)
    return Attribute(s, name.substr(0, dot), name.substr(dot + 1), at);
  return RefName(s, name, at);
}

Value Resolver::Join(int s, const Node& arg, const Node& at) {
  if (!arg.IsList() || arg.items.size() != 2)
    return Bad(s, at, "Fn::Join needs [DELIMITER, LIST]");
  Value unknown;
  auto delimiter = TextOf(s, arg.items[0], unknown);
  if (!delimiter) return unknown;
  auto list = Resolve(s, arg.items[1]);
  if (!list) return Bad(s, at, "AWS::NoValue as the list of Fn::Join");
  const List* items = list->AsList();
  if (items == nullptr) {
    if (list->IsUnknown()) return Known(s, at, Unknown{ReasonOf(*list)});
    return Bad(s, at, "Fn::Join of something that is not a list");
  }
  Text out;
  for (std::size_t i = 0; i < items->size(); ++i) {
    if (i > 0) AppendPart(out, *delimiter);
    if (!AppendPart(out, (*items)[i]))
      AppendPart(out, Bad(s, at, "Fn::Join of a list holding a list or map"));
  }
  return Collapse(std::move(out), Pos(s, at));
}

Value Resolver::Select(int s, const Node& arg, const Node& at) {
  if (!arg.IsList() || arg.items.size() != 2)
    return Bad(s, at, "Fn::Select needs [INDEX, LIST]");
  auto index_value = Resolve(s, arg.items[0]);
  auto list = Resolve(s, arg.items[1]);
  if (!index_value || !list) return Bad(s, at, "AWS::NoValue in Fn::Select");
  const auto index = IntegerOf(*index_value);
  if (!index) {
    if (!IsFullyKnown(*index_value)) return Known(s, at, Unknown{ReasonOf(*index_value)});
    return Bad(s, at, "Fn::Select needs an integer index");
  }
  const List* items = list->AsList();
  if (items == nullptr) {
    // Item 0 and item 1 of an unknown list differ: the reason says which item this is.
    if (!IsFullyKnown(*list))
      return Known(s, at, Unknown{"item " + std::to_string(*index) + " of " + ReasonOf(*list)});
    return Bad(s, at, "Fn::Select from something that is not a list");
  }
  if (*index < 0 || *index >= static_cast<std::int64_t>(items->size()))
    return Bad(s, at, "Fn::Select index " + std::to_string(*index) + " is outside a list of " +
                          std::to_string(items->size()));
  return (*items)[*index];
}

Value Resolver::Split(int s, const Node& arg, const Node& at) {
  if (!arg.IsList() || arg.items.size() != 2)
    return Bad(s, at, "Fn::Split needs [DELIMITER, STRING]");
  Value unknown;
  auto delimiter = TextOf(s, arg.items[0], unknown);
  if (!delimiter) return unknown;
  if (delimiter->empty()) return Bad(s, at, "Fn::Split with an empty delimiter");
  auto text = Resolve(s, arg.items[1]);
  if (!text) return Bad(s, at, "AWS::NoValue in Fn::Split");
  auto items = SplitParts(*text, *delimiter);
  if (!items) {
    if (!IsFullyKnown(*text)) return Known(s, at, Unknown{"Fn::Split of " + ReasonOf(*text)});
    return Bad(s, at, "Fn::Split of something that is not a string");
  }
  if (!Spend(items->size(), s, at)) return Known(s, at, Unknown{kTooLarge});
  return Value{std::move(*items), Pos(s, at)};
}

Value Resolver::FindInMap(int s, const Node& arg, const Node& at) {
  if (!arg.IsList() || arg.items.size() < 3 || arg.items.size() > 4)
    return Bad(s, at, "Fn::FindInMap needs [MAP, KEY, KEY] (and a {DefaultValue: ..})");
  std::string keys[3];
  for (int i = 0; i < 3; ++i) {
    Value unknown;
    auto key = TextOf(s, arg.items[i], unknown);
    if (!key) return Known(s, at, Unknown{"Fn::FindInMap key: " + ReasonOf(unknown)});
    keys[i] = std::move(*key);
  }
  const auto& mappings = stacks_[s].tmpl.mappings;
  const auto map = mappings.find(keys[0]);
  const Node* top = map != mappings.end() ? map->second->Find(keys[1]) : nullptr;
  const Node* found = top != nullptr ? top->Find(keys[2]) : nullptr;
  // AWS::LanguageExtensions' DefaultValue stands for a missing key.
  if (found == nullptr && arg.items.size() == 4) found = arg.items[3].Find("DefaultValue");
  if (found == nullptr)
    return Bad(s, at, "Fn::FindInMap: mapping " + keys[0] + " has no " + keys[1] + "." + keys[2]);
  auto v = Resolve(s, *found);
  return v ? std::move(*v) : Bad(s, at, "AWS::NoValue in a mapping");
}

std::optional<Value> Resolver::If(int s, const Node& arg, const Node& at) {
  if (!arg.IsList() || arg.items.size() != 3 || !arg.items[0].IsScalar())
    return Bad(s, at, "Fn::If needs [CONDITION, VALUE_IF_TRUE, VALUE_IF_FALSE]");
  const Truth t = Condition(s, arg.items[0].text);
  if (t.kind == Truth::Kind::kTrue) return Resolve(s, arg.items[1]);
  if (t.kind == Truth::Kind::kFalse) return Resolve(s, arg.items[2]);
  return Known(s, at, Unknown{"condition " + arg.items[0].text + " is unknown: " + t.reason});
}

Value Resolver::GetAZs(int s, const Node& arg, const Node& at) {
  Value unknown;
  auto region = TextOf(s, arg, unknown);
  if (!region)
    return Known(s, at, Unknown{"the Availability Zones of a Region not known: " + ReasonOf(unknown)});
  if (region->empty()) region = stacks_[s].region;
  if (region->empty())
    return Known(s, at, Unknown{"the Availability Zones of the Region, which is not given "
                                "(--region)"});
  // The zones an account sees in a Region are the account's: no template tells them.
  return Known(s, at, Unknown{"the Availability Zones of " + *region +
                              " (Fn::GetAZs: known to the account at deployment)"});
}

Value Resolver::ImportValue(int s, const Node& arg, const Node& at) {
  Value unknown;
  auto name = TextOf(s, arg, unknown);
  if (!name) return Known(s, at, Unknown{"Fn::ImportValue of a name not known: " + ReasonOf(unknown)});
  auto it = exports_.find(*name);
  if (it == exports_.end()) {
    if (auto d = deployed_.find(*name); d != deployed_.end()) return Known(s, at, d->second);
    std::string why = "export " + *name + " is not in the templates read (give the template "
                      "that exports it, or a snapshot with `aws cloudformation list-exports`)";
    if (unknown_export_count_ > 0)
      why += "; " + std::to_string(unknown_export_count_) + " export names are not known: " +
             unknown_exports_;
    return Known(s, at, Unknown{why});
  }
  if (auto v = Output(it->second.stack, it->second.output, Pos(s, at))) return *v;
  return Known(s, at, Unknown{"export " + *name + " has no value"});
}

Value Resolver::Base64(int s, const Node& arg, const Node& at) {
  Value unknown;
  auto text = TextOf(s, arg, unknown);
  if (!text) return Known(s, at, Unknown{"Fn::Base64 of " + ReasonOf(unknown)});
  return Known(s, at, Base64Encode(*text));
}

Value Resolver::Cidr(int s, const Node& arg, const Node& at) {
  if (!arg.IsList() || arg.items.size() != 3)
    return Bad(s, at, "Fn::Cidr needs [IP_BLOCK, COUNT, CIDR_BITS]");
  Value unknown;
  auto block = TextOf(s, arg.items[0], unknown);
  if (!block) return Known(s, at, Unknown{"Fn::Cidr of " + ReasonOf(unknown)});
  auto count_v = Resolve(s, arg.items[1]);
  auto bits_v = Resolve(s, arg.items[2]);
  const auto count = count_v ? IntegerOf(*count_v) : std::nullopt;
  const auto bits = bits_v ? IntegerOf(*bits_v) : std::nullopt;
  if (!count || !bits) {
    if (count_v && !IsFullyKnown(*count_v)) return Known(s, at, Unknown{ReasonOf(*count_v)});
    if (bits_v && !IsFullyKnown(*bits_v)) return Known(s, at, Unknown{ReasonOf(*bits_v)});
    return Bad(s, at, "Fn::Cidr needs an integer count and CIDR bits");
  }
  // CloudFormation's limits: 1 to 256 blocks.
  if (*count < 1 || *count > 256) return Bad(s, at, "Fn::Cidr count must be 1 to 256");
  if (*bits < 0 || *bits > 128) return Bad(s, at, "Fn::Cidr CIDR bits must be 0 to 128");
  if (auto v4 = Cidr4::Parse(*block); v4 && block->find(':') == std::string::npos) {
    const int len = 32 - static_cast<int>(*bits);
    if (*bits < 0 || len < v4->len || len > 32 ||
        (len - v4->len < 63 && *count > (std::int64_t{1} << (len - v4->len))))
      return Bad(s, at, "Fn::Cidr cannot fit " + std::to_string(*count) + " /" +
                            std::to_string(len) + " blocks in " + *block);
    List out;
    for (std::int64_t i = 0; i < *count; ++i) {
      const std::uint64_t step = *bits >= 32 ? 0 : std::uint64_t{1} << *bits;
      Cidr4 c{static_cast<std::uint32_t>(v4->addr + i * step), static_cast<std::uint8_t>(len)};
      out.push_back(Known(s, at, c.ToString()));
    }
    return Known(s, at, std::move(out));
  }
  if (auto v6 = Cidr6::Parse(*block)) {
    const int len = 128 - static_cast<int>(*bits);
    if (*bits < 0 || len < v6->len || len > 128 ||
        (len - v6->len < 63 && *count > (std::int64_t{1} << (len - v6->len))))
      return Bad(s, at, "Fn::Cidr cannot fit " + std::to_string(*count) + " /" +
                            std::to_string(len) + " blocks in " + *block);
    List out;
    for (std::int64_t i = 0; i < *count; ++i) {
      Cidr6 c = *v6;
      c.len = static_cast<std::uint8_t>(len);
      // Adds i << bits to the 128-bit address held as two halves.
      const std::uint64_t add_lo = *bits >= 64 ? 0 : static_cast<std::uint64_t>(i) << *bits;
      const std::uint64_t add_hi =
          *bits >= 64 ? static_cast<std::uint64_t>(i) << (*bits - 64)
                      : (*bits == 0 ? 0 : static_cast<std::uint64_t>(i) >> (64 - *bits));
      c.lo += add_lo;
      c.hi += add_hi + (c.lo < add_lo ? 1 : 0);
      out.push_back(Known(s, at, c.ToString()));
    }
    return Known(s, at, std::move(out));
  }
  return Bad(s, at, "Fn::Cidr of " + *block + ", which is not a CIDR block");
}

Value Resolver::Length(int s, const Node& arg, const Node& at) {
  auto list = Resolve(s, arg);
  if (!list) return Bad(s, at, "AWS::NoValue in Fn::Length");
  if (const List* items = list->AsList())
    return Known(s, at, static_cast<std::int64_t>(items->size()));
  if (!IsFullyKnown(*list)) return Known(s, at, Unknown{"Fn::Length of " + ReasonOf(*list)});
  return Bad(s, at, "Fn::Length of something that is not a list");
}

Value Resolver::ToJsonString(int s, const Node& arg, const Node& at) {
  auto v = Resolve(s, arg);
  if (!v) return Bad(s, at, "AWS::NoValue in Fn::ToJsonString");
  if (auto json = ToJson(*v)) return Known(s, at, std::move(*json));
  return Known(s, at, Unknown{"Fn::ToJsonString of " + ReasonOf(*v)});
}

}  // namespace fd::predeploy::cfn
