#pragma once
/// IPv4 and IPv6 prefixes as AWS writes them ("10.0.0.0/16", "::/0"). Route lookup, security
/// group and network ACL matching all reduce to "does this prefix contain that one", so the
/// types are small values with cheap containment tests.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fd {

/// An IPv4 prefix. The address is stored masked, so equal prefixes compare equal.
struct Cidr4 {
  std::uint32_t addr = 0;
  std::uint8_t len = 0;

  /// Parses "a.b.c.d/n" or a bare "a.b.c.d" (taken as /32). Host bits are masked off.
  static std::optional<Cidr4> Parse(std::string_view text);
  static Cidr4 Any() { return Cidr4{0, 0}; }

  std::uint32_t Mask() const { return len == 0 ? 0u : ~0u << (32 - len); }
  std::uint32_t Last() const { return addr | ~Mask(); }
  bool Contains(std::uint32_t ip) const { return (ip & Mask()) == addr; }
  /// True when every address of `other` is inside this prefix.
  bool Contains(const Cidr4& other) const { return other.len >= len && Contains(other.addr); }
  bool Overlaps(const Cidr4& other) const { return Contains(other) || other.Contains(*this); }
  std::string ToString() const;
  auto operator<=>(const Cidr4&) const = default;
};

/// Parses a dotted IPv4 address.
std::optional<std::uint32_t> ParseIpv4(std::string_view text);
std::string Ipv4ToString(std::uint32_t ip);

/// An IPv6 prefix (128 bits as two halves). Only containment is needed: IPv6 matters for
/// egress-only gateways and IPv6-only subnets, never for the IPv4 paths a start takes.
struct Cidr6 {
  std::uint64_t hi = 0;
  std::uint64_t lo = 0;
  std::uint8_t len = 0;

  static std::optional<Cidr6> Parse(std::string_view text);
  bool Contains(const Cidr6& other) const;
  std::string ToString() const;
  auto operator<=>(const Cidr6&) const = default;
};

/// True for RFC 1918, carrier-grade NAT (100.64/10), loopback and link-local space: addresses
/// that are never the public address of an AWS service endpoint.
bool IsPrivateIpv4(const Cidr4& cidr);

/// An inclusive port range; {0, 65535} means every port.
struct PortRange {
  int from = 0;
  int to = 65535;
  bool Contains(int port) const { return from <= port && port <= to; }
  bool Covers(const PortRange& r) const { return from <= r.from && r.to <= to; }
  auto operator<=>(const PortRange&) const = default;
};

}  // namespace fd
