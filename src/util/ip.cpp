#include "util/ip.h"

#include <charconv>
#include <cstdio>
#include <vector>

namespace fd {
namespace {

std::optional<int> ParseInt(std::string_view s, int max) {
  if (s.empty() || s.size() > 5) return std::nullopt;
  int v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v < 0 || v > max) return std::nullopt;
  return v;
}

std::optional<int> ParseHex16(std::string_view s) {
  if (s.empty() || s.size() > 4) return std::nullopt;
  int v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v, 16);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t pos = s.find(sep, start);
    if (pos == std::string_view::npos) {
      out.push_back(s.substr(start));
      return out;
    }
    out.push_back(s.substr(start, pos - start));
    start = pos + 1;
  }
}

}  // namespace

std::optional<std::uint32_t> ParseIpv4(std::string_view text) {
  auto parts = Split(text, '.');
  if (parts.size() != 4) return std::nullopt;
  std::uint32_t ip = 0;
  for (auto part : parts) {
    auto v = ParseInt(part, 255);
    if (!v || part.size() > 3) return std::nullopt;
    ip = (ip << 8) | static_cast<std::uint32_t>(*v);
  }
  return ip;
}

namespace {

/// Appends the decimal digits of 0..255 (traces format thousands of addresses: no snprintf).
char* PutOctet(char* out, unsigned v) {
  if (v >= 100) *out++ = static_cast<char>('0' + v / 100);
  if (v >= 10) *out++ = static_cast<char>('0' + v / 10 % 10);
  *out++ = static_cast<char>('0' + v % 10);
  return out;
}

/// "a.b.c.d" into `buf` (at least 15 bytes); returns the end.
char* PutIpv4(char* buf, std::uint32_t ip) {
  char* p = PutOctet(buf, ip >> 24);
  *p++ = '.';
  p = PutOctet(p, (ip >> 16) & 255);
  *p++ = '.';
  p = PutOctet(p, (ip >> 8) & 255);
  *p++ = '.';
  return PutOctet(p, ip & 255);
}

}  // namespace

std::string Ipv4ToString(std::uint32_t ip) {
  char buf[16];
  return std::string(buf, PutIpv4(buf, ip));
}

std::optional<Cidr4> Cidr4::Parse(std::string_view text) {
  size_t slash = text.find('/');
  int len = 32;
  if (slash != std::string_view::npos) {
    auto l = ParseInt(text.substr(slash + 1), 32);
    if (!l) return std::nullopt;
    len = *l;
    text = text.substr(0, slash);
  }
  auto ip = ParseIpv4(text);
  if (!ip) return std::nullopt;
  Cidr4 c{0, static_cast<std::uint8_t>(len)};
  c.addr = *ip & c.Mask();
  return c;
}

std::string Cidr4::ToString() const {
  char buf[20];
  char* p = PutIpv4(buf, addr);
  *p++ = '/';
  p = PutOctet(p, static_cast<unsigned>(len));  // 0..32
  return std::string(buf, p);
}

std::optional<Cidr6> Cidr6::Parse(std::string_view text) {
  size_t slash = text.find('/');
  int len = 128;
  if (slash != std::string_view::npos) {
    auto l = ParseInt(text.substr(slash + 1), 128);
    if (!l) return std::nullopt;
    len = *l;
    text = text.substr(0, slash);
  }
  // Expand "::" into the right number of zero groups.
  std::vector<std::uint16_t> head, tail;
  size_t dc = text.find("::");
  auto parse_groups = [](std::string_view s, std::vector<std::uint16_t>& out) {
    if (s.empty()) return true;
    for (auto g : Split(s, ':')) {
      auto v = ParseHex16(g);
      if (!v) return false;
      out.push_back(static_cast<std::uint16_t>(*v));
    }
    return true;
  };
  if (dc != std::string_view::npos) {
    if (!parse_groups(text.substr(0, dc), head) || !parse_groups(text.substr(dc + 2), tail))
      return std::nullopt;
    if (head.size() + tail.size() > 7) return std::nullopt;
  } else {
    if (!parse_groups(text, head) || head.size() != 8) return std::nullopt;
  }
  std::uint16_t groups[8] = {};
  for (size_t i = 0; i < head.size(); ++i) groups[i] = head[i];
  for (size_t i = 0; i < tail.size(); ++i) groups[8 - tail.size() + i] = tail[i];
  Cidr6 c;
  for (int i = 0; i < 4; ++i) c.hi = (c.hi << 16) | groups[i];
  for (int i = 4; i < 8; ++i) c.lo = (c.lo << 16) | groups[i];
  c.len = static_cast<std::uint8_t>(len);
  // Mask host bits.
  if (len < 64) {
    c.hi &= len == 0 ? 0 : ~0ull << (64 - len);
    c.lo = 0;
  } else if (len < 128) {
    c.lo &= len == 64 ? 0 : ~0ull << (128 - len);
  }
  return c;
}

bool Cidr6::Contains(const Cidr6& o) const {
  if (o.len < len) return false;
  if (len <= 64) {
    std::uint64_t m = len == 0 ? 0 : ~0ull << (64 - len);
    return (o.hi & m) == hi;
  }
  std::uint64_t m = len == 128 ? ~0ull : ~0ull << (128 - len);
  return o.hi == hi && (o.lo & m) == lo;
}

std::string Cidr6::ToString() const {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%llx:%llx:%llx:%llx:%llx:%llx:%llx:%llx/%u",
                (unsigned long long)(hi >> 48), (unsigned long long)((hi >> 32) & 0xffff),
                (unsigned long long)((hi >> 16) & 0xffff), (unsigned long long)(hi & 0xffff),
                (unsigned long long)(lo >> 48), (unsigned long long)((lo >> 32) & 0xffff),
                (unsigned long long)((lo >> 16) & 0xffff), (unsigned long long)(lo & 0xffff),
                static_cast<unsigned>(len));
  return buf;
}

bool IsPrivateIpv4(const Cidr4& c) {
  static const Cidr4 kPrivate[] = {
      *Cidr4::Parse("10.0.0.0/8"),     *Cidr4::Parse("172.16.0.0/12"),
      *Cidr4::Parse("192.168.0.0/16"), *Cidr4::Parse("100.64.0.0/10"),
      *Cidr4::Parse("127.0.0.0/8"),    *Cidr4::Parse("169.254.0.0/16"),
  };
  for (const auto& p : kPrivate)
    if (p.Contains(c)) return true;
  return false;
}

}  // namespace fd
