#include "predeploy/cfn/values.h"

#include <charconv>
#include <nlohmann/json.hpp>
#include <type_traits>
#include <utility>

namespace fd::predeploy::cfn {

std::optional<std::string> ScalarText(const Value& v) {
  return std::visit(
      [](const auto& x) -> std::optional<std::string> {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, std::string>) {
          return x;
        } else if constexpr (std::is_same_v<T, bool>) {
          return x ? "true" : "false";
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
          return std::to_string(x);
        } else if constexpr (std::is_same_v<T, double>) {
          char buf[64];
          auto r = std::to_chars(buf, buf + sizeof buf, x);
          return std::string(buf, r.ptr);
        } else {
          return std::nullopt;
        }
      },
      v.data);
}

void AppendPart(Text& text, std::string s) {
  if (s.empty()) return;
  if (!text.parts.empty())
    if (auto* last = std::get_if<std::string>(&text.parts.back())) {
      *last += s;
      return;
    }
  text.parts.emplace_back(std::move(s));
}

bool AppendPart(Text& text, const Value& v) {
  if (auto s = ScalarText(v)) {
    AppendPart(text, std::move(*s));
    return true;
  }
  if (const auto* ref = std::get_if<ResourceRef>(&v.data)) {
    text.parts.emplace_back(*ref);
    return true;
  }
  if (const auto* unknown = std::get_if<Unknown>(&v.data)) {
    text.parts.emplace_back(*unknown);
    return true;
  }
  if (const auto* inner = std::get_if<Text>(&v.data)) {
    for (const Text::Part& part : inner->parts) {
      if (const auto* s = std::get_if<std::string>(&part))
        AppendPart(text, *s);
      else
        text.parts.push_back(part);
    }
    return true;
  }
  return false;
}

Value Collapse(Text text, SourcePos pos) {
  Value out;
  out.pos = std::move(pos);
  if (text.parts.empty()) {
    out.data = std::string();
  } else if (text.parts.size() == 1) {
    std::visit([&](auto&& part) { out.data = std::move(part); }, std::move(text.parts.front()));
  } else {
    out.data = std::move(text);
  }
  return out;
}

std::optional<List> SplitParts(const Value& v, const std::string& delimiter) {
  Text whole;
  if (const std::string* str = v.AsString())
    whole.parts.emplace_back(*str);
  else if (const auto* text = std::get_if<Text>(&v.data))
    whole = *text;
  else
    return std::nullopt;
  List out;
  Text segment;
  for (const Text::Part& part : whole.parts) {
    if (std::holds_alternative<Unknown>(part)) return std::nullopt;
    const auto* str = std::get_if<std::string>(&part);
    if (str == nullptr) {
      segment.parts.push_back(part);
      continue;
    }
    std::size_t begin = 0;
    for (std::size_t found; (found = str->find(delimiter, begin)) != std::string::npos;
         begin = found + delimiter.size()) {
      AppendPart(segment, str->substr(begin, found - begin));
      out.push_back(Collapse(std::move(segment), v.pos));
      segment = Text{};
    }
    AppendPart(segment, str->substr(begin));
  }
  out.push_back(Collapse(std::move(segment), v.pos));
  return out;
}

const Unknown* FirstUnknown(const Value& v) {
  if (const auto* u = std::get_if<Unknown>(&v.data)) return u;
  if (const auto* t = std::get_if<Text>(&v.data))
    for (const Text::Part& part : t->parts)
      if (const auto* u = std::get_if<Unknown>(&part)) return u;
  if (const List* l = v.AsList())
    for (const Value& item : *l)
      if (const Unknown* u = FirstUnknown(item)) return u;
  if (const Map* m = v.AsMap())
    for (const auto& member : *m)
      if (const Unknown* u = FirstUnknown(member.value)) return u;
  return nullptr;
}

bool IsFullyKnown(const Value& v) {
  if (std::holds_alternative<Unknown>(v.data) || std::holds_alternative<ResourceRef>(v.data) ||
      std::holds_alternative<Text>(v.data))
    return false;
  if (const List* l = v.AsList())
    for (const Value& item : *l)
      if (!IsFullyKnown(item)) return false;
  if (const Map* m = v.AsMap())
    for (const auto& member : *m)
      if (!IsFullyKnown(member.value)) return false;
  return true;
}

std::size_t CountValues(const Value& v) {
  std::size_t n = 1;
  if (const List* l = v.AsList())
    for (const Value& item : *l) n += CountValues(item);
  if (const Map* m = v.AsMap())
    for (const auto& member : *m) n += CountValues(member.value);
  return n;
}

namespace {

nlohmann::ordered_json Json(const Value& v) {
  if (const List* l = v.AsList()) {
    auto out = nlohmann::ordered_json::array();
    for (const Value& item : *l) out.push_back(Json(item));
    return out;
  }
  if (const Map* m = v.AsMap()) {
    auto out = nlohmann::ordered_json::object();
    for (const auto& [k, item] : *m) out[k] = Json(item);
    return out;
  }
  if (const auto* b = std::get_if<bool>(&v.data)) return *b;
  if (const auto* i = std::get_if<std::int64_t>(&v.data)) return *i;
  if (const auto* d = std::get_if<double>(&v.data)) return *d;
  if (const std::string* s = v.AsString()) return *s;
  return nullptr;
}

}  // namespace

std::optional<std::string> ToJson(const Value& v) {
  if (!IsFullyKnown(v)) return std::nullopt;
  // Replaced, not thrown on, if the text is not UTF-8: the value is only ever compared.
  return Json(v).dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string Base64Encode(const std::string& bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned n = (static_cast<unsigned char>(bytes[i]) << 16) |
                       (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
    out += {kAlphabet[n >> 18], kAlphabet[(n >> 12) & 63], kAlphabet[(n >> 6) & 63],
            kAlphabet[n & 63]};
  }
  const std::size_t rest = bytes.size() - i;
  if (rest > 0) {
    unsigned n = static_cast<unsigned char>(bytes[i]) << 16;
    if (rest == 2) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += kAlphabet[n >> 18];
    out += kAlphabet[(n >> 12) & 63];
    out += rest == 2 ? kAlphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

}  // namespace fd::predeploy::cfn
