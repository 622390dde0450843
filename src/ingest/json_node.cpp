#include "ingest/json_node.h"

#include <charconv>

#include <fmt/format.h>

namespace fd::ingest {
namespace {

void AppendEscaped(std::string& out, std::string_view key) {
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
}

std::optional<int> IntOfText(std::string_view s) {
  int v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

/// Integral numbers, and decimal strings ("256") as repository task definition files write them.
std::optional<int> IntOf(JsonValue v) {
  if (v.IsString()) return IntOfText(v.String());
  return v.AsInt();
}

}  // namespace

void FileContext::Named(const std::string& region) const {
  if (region.empty() || !regions_named) return;
  // A file names one Region or a few: a linear search beats a set.
  for (const std::string& r : *regions_named)
    if (r == region) return;
  regions_named->push_back(region);
}

std::string FileContext::Region(const std::string& arn, const std::string& zone) const {
  if (!arn.empty()) {
    if (std::string r = model::RegionOfArn(arn); !r.empty()) {
      Named(r);
      return r;
    }
  }
  if (!zone.empty()) {
    if (std::string r = model::RegionOfZoneName(zone); !r.empty()) {
      Named(r);
      return r;
    }
  }
  return region_hint;
}

std::string FileContext::Account(const std::string& owner_id, const std::string& arn) const {
  if (!owner_id.empty()) return owner_id;
  if (!arn.empty()) {
    if (std::string a = model::AccountOfArn(arn); !a.empty()) return a;
  }
  return account_hint;
}

std::string Node::Pointer() const {
  // Segments are found leaf first; write them root first.
  std::vector<const Node*> chain;
  for (const Node* n = this; n->parent_; n = n->parent_) chain.push_back(n);
  std::string out;
  out.reserve(chain.size() * 12);
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    const Node* n = *it;
    out += '/';
    if (n->is_index_) {
      out += std::to_string(n->index_);
    } else {
      AppendEscaped(out, n->key_);
    }
  }
  return out;
}

void Node::NoteAt(std::string_view key, std::string text) const {
  std::string pointer = Pointer();
  pointer += '/';
  AppendEscaped(pointer, key);
  ctx_->Note(std::move(pointer), std::move(text));
}

std::optional<Node> Node::Get(std::string_view key) const {
  auto member = value_.Find(key);
  if (!member || member->IsNull()) return std::nullopt;
  return Node(*member, *this, member->Key());
}

std::optional<Node> Node::Object(std::string_view key) const {
  auto member = Get(key);
  if (member && !member->value().IsObject()) {
    member->Note(fmt::format("{} is {}, expected an object", key, member->value().KindName()));
    return std::nullopt;
  }
  return member;
}

std::string Node::Str(std::string_view key) const {
  auto v = value_.Find(key);
  if (!v || v->IsNull()) return {};
  if (v->IsString()) return std::string(v->String());
  NoteAt(key, fmt::format("{} is {}, expected a string", key, v->KindName()));
  return {};
}

std::optional<bool> Node::Bool(std::string_view key) const {
  auto v = value_.Find(key);
  if (!v || v->IsNull()) return std::nullopt;
  if (v->IsBool()) return v->Bool();
  // Repository task definition files sometimes quote booleans.
  if (v->String() == "true") return true;
  if (v->String() == "false") return false;
  NoteAt(key, fmt::format("{} is {}, expected a boolean", key, v->KindName()));
  return std::nullopt;
}

std::optional<int> Node::Int(std::string_view key) const {
  auto v = value_.Find(key);
  if (!v || v->IsNull()) return std::nullopt;
  if (auto i = IntOf(*v)) return i;
  NoteAt(key, fmt::format("{} is {}, expected an integer", key, v->KindName()));
  return std::nullopt;
}

std::string Node::StrOrNumber(std::string_view key) const {
  auto v = value_.Find(key);
  if (!v || v->IsNull()) return {};
  if (v->IsString()) return std::string(v->String());
  if (auto i = v->AsInt()) return std::to_string(*i);
  NoteAt(key, fmt::format("{} is {}, expected a string or an integer", key, v->KindName()));
  return {};
}

std::vector<std::string> Node::Strings(std::string_view key) const {
  std::vector<std::string> out;
  auto member = Get(key);
  if (!member) return out;
  if (!member->value().IsArray()) {
    member->Note(fmt::format("{} is {}, expected an array", key, member->value().KindName()));
    return out;
  }
  out.reserve(member->value().Size());
  member->Items([&](const Node& item) {
    if (item.value().IsString()) {
      out.emplace_back(item.value().String());
    } else {
      item.Note(fmt::format("{} item is {}, expected a string", key, item.value().KindName()));
    }
  });
  return out;
}

std::vector<std::string> Node::Plucked(std::string_view key, std::string_view field) const {
  std::vector<std::string> out;
  auto member = Get(key);
  if (!member) return out;
  if (!member->value().IsArray()) {
    member->Note(fmt::format("{} is {}, expected an array", key, member->value().KindName()));
    return out;
  }
  out.reserve(member->value().Size());
  member->Items([&](const Node& item) {
    std::string v = item.Str(field);
    if (!v.empty()) out.push_back(std::move(v));
  });
  return out;
}

bool LooksLikeRegion(std::string_view s) {
  auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (s.size() < 6 || !lower(s[0]) || !lower(s[1]) || s[2] != '-') return false;
  size_t last_dash = s.rfind('-');
  if (last_dash == 2 || last_dash + 1 == s.size()) return false;
  for (size_t i = last_dash + 1; i < s.size(); ++i)
    if (!digit(s[i])) return false;
  // Between the two-letter prefix and the number: one or more "-letters" groups.
  bool group_has_letter = false;
  for (size_t i = 3; i < last_dash; ++i) {
    if (s[i] == '-') {
      if (!group_has_letter) return false;
      group_has_letter = false;
    } else if (lower(s[i])) {
      group_has_letter = true;
    } else {
      return false;
    }
  }
  return group_has_letter;
}

std::optional<int> ParseProtocol(JsonValue value) {
  if (value.IsNumber()) {
    auto v = value.AsInt();
    if (v && *v >= -1 && *v <= 255) return v;
    return std::nullopt;
  }
  if (!value.IsString()) return std::nullopt;
  return ParseProtocolText(value.String());
}

std::optional<int> ParseProtocolText(std::string_view s) {
  // Security groups use names for the common protocols, NACLs use numbers (EC2 API Reference,
  // IpPermission.IpProtocol and NetworkAclEntry.Protocol).
  if (s == "-1" || s == "all") return -1;
  if (s == "tcp") return 6;
  if (s == "udp") return 17;
  if (s == "icmp") return 1;
  if (s == "icmpv6") return 58;
  auto v = IntOfText(s);
  if (v && *v >= -1 && *v <= 255) return v;
  return std::nullopt;
}

bool IsObjectItem(const Node& item, std::string_view what) {
  if (item.value().IsObject()) return true;
  item.Note(fmt::format("{} item is not an object, skipped", what));
  return false;
}

std::string TimeText(const Node& owner, std::string_view key) {
  auto t = owner.Get(key);
  if (!t) return {};
  if (t->value().IsString()) return std::string(t->value().String());
  return t->value().NumberText();
}

}  // namespace fd::ingest
