#include "ingest/policy_text.h"

namespace fd::ingest {
namespace {

std::string_view TrimLeft(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
  return s.substr(i);
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<std::string> DecodePolicyString(std::string_view text) {
  std::string_view t = TrimLeft(text);
  if (!t.empty() && t.front() == '{') return std::string(text);
  if (t.find('%') == std::string_view::npos) return std::nullopt;
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;
    int hi = HexDigit(text[i + 1]), lo = HexDigit(text[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  std::string_view decoded = TrimLeft(out);
  if (decoded.empty() || decoded.front() != '{') return std::nullopt;
  return out;
}

std::optional<std::string> PolicyText(const Node& owner, std::string_view key) {
  auto member = owner.Get(key);
  if (!member) return std::nullopt;
  JsonValue v = member->value();
  if (v.IsObject()) return v.Dump();
  if (v.IsString()) {
    if (auto text = DecodePolicyString(v.String())) return text;
    member->Note("policy document is neither JSON nor URL-encoded JSON, ignored");
    return std::nullopt;
  }
  member->Note(std::string("policy document is ") + v.KindName() + ", ignored");
  return std::nullopt;
}

}  // namespace fd::ingest
