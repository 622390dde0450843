// CIDR parsing and containment as AWS writes prefixes (describe-route-tables,
// describe-security-groups, describe-network-acls): "a.b.c.d/n", "::/0".
#include "util/ip.h"

#include <gtest/gtest.h>

namespace fd {
namespace {

Cidr4 P4(std::string_view s) {
  auto c = Cidr4::Parse(s);
  EXPECT_TRUE(c.has_value()) << s;
  return c.value_or(Cidr4{});
}

Cidr6 P6(std::string_view s) {
  auto c = Cidr6::Parse(s);
  EXPECT_TRUE(c.has_value()) << s;
  return c.value_or(Cidr6{});
}

TEST(Cidr4Test, ParsesPrefixAndLength) {
  Cidr4 c = P4("10.0.1.0/24");
  EXPECT_EQ(c.addr, 0x0A000100u);
  EXPECT_EQ(c.len, 24);
  EXPECT_EQ(c.ToString(), "10.0.1.0/24");
}

TEST(Cidr4Test, BareAddressIsSlash32) {
  Cidr4 c = P4("52.95.110.1");
  EXPECT_EQ(c.len, 32);
  EXPECT_EQ(c.ToString(), "52.95.110.1/32");
}

TEST(Cidr4Test, HostBitsAreMaskedSoEqualPrefixesCompareEqual) {
  EXPECT_EQ(P4("10.0.1.77/24"), P4("10.0.1.0/24"));
  EXPECT_EQ(P4("10.0.1.77/24").ToString(), "10.0.1.0/24");
  EXPECT_EQ(P4("255.255.255.255/0"), Cidr4::Any());
}

TEST(Cidr4Test, MaskAndLast) {
  EXPECT_EQ(P4("0.0.0.0/0").Mask(), 0u);
  EXPECT_EQ(P4("10.0.0.0/8").Mask(), 0xFF000000u);
  EXPECT_EQ(P4("10.0.0.5/32").Mask(), 0xFFFFFFFFu);
  EXPECT_EQ(P4("10.0.0.0/16").Last(), 0x0A00FFFFu);
  EXPECT_EQ(P4("10.0.1.128/25").Last(), 0x0A0001FFu);
}

TEST(Cidr4Test, ContainsAddressesAndPrefixes) {
  Cidr4 vpc = P4("10.0.0.0/16");
  EXPECT_TRUE(vpc.Contains(P4("10.0.1.0/24")));
  EXPECT_TRUE(vpc.Contains(P4("10.0.255.255")));
  EXPECT_TRUE(vpc.Contains(vpc));
  EXPECT_FALSE(vpc.Contains(P4("10.1.0.0/24")));
  // A shorter prefix is never inside a longer one, even when it starts at the same address.
  EXPECT_FALSE(vpc.Contains(P4("10.0.0.0/8")));
  EXPECT_TRUE(P4("10.0.0.0/8").Contains(vpc));
  EXPECT_TRUE(vpc.Contains(std::uint32_t{0x0A00AB01}));
  EXPECT_FALSE(vpc.Contains(std::uint32_t{0x0A01AB01}));
}

TEST(Cidr4Test, AnyContainsEverything) {
  Cidr4 any = P4("0.0.0.0/0");
  EXPECT_TRUE(any.Contains(P4("52.95.110.1")));
  EXPECT_TRUE(any.Contains(P4("10.0.0.0/8")));
  EXPECT_TRUE(any.Contains(any));
  EXPECT_TRUE(any.Contains(P4("255.255.255.255")));
}

TEST(Cidr4Test, Overlaps) {
  EXPECT_TRUE(P4("10.0.0.0/16").Overlaps(P4("10.0.3.0/24")));
  EXPECT_TRUE(P4("10.0.3.0/24").Overlaps(P4("10.0.0.0/16")));
  EXPECT_FALSE(P4("10.0.0.0/24").Overlaps(P4("10.0.1.0/24")));
}

TEST(Cidr4Test, BadInputIsNullopt) {
  for (const char* bad : {"", "10.0.0", "10.0.0.0.0", "10.0.0.256", "10.0.0.0/33", "10.0.0.0/",
                          "/24", "10.0.0.0/-1", "10.0.0.0/a", "a.b.c.d", "10..0.0", "10.0.0.0/24x",
                          " 10.0.0.0/24", "1000.0.0.0", "::/0", "10.0.0.-1"}) {
    EXPECT_FALSE(Cidr4::Parse(bad).has_value()) << '"' << bad << '"';
  }
}

TEST(Ipv4Test, ParseAndPrint) {
  EXPECT_EQ(ParseIpv4("169.254.169.253"), std::optional<std::uint32_t>(0xA9FEA9FDu));
  EXPECT_FALSE(ParseIpv4("169.254.169").has_value());
  EXPECT_FALSE(ParseIpv4("169.254.169.253/32").has_value());
  EXPECT_EQ(Ipv4ToString(0x0A000102u), "10.0.1.2");
  // Every digit count of an octet, and the extremes.
  EXPECT_EQ(Ipv4ToString(0u), "0.0.0.0");
  EXPECT_EQ(Ipv4ToString(0xFFFFFFFFu), "255.255.255.255");
  EXPECT_EQ(Ipv4ToString(0x64090A63u), "100.9.10.99");
  EXPECT_EQ(P4("0.0.0.0/0").ToString(), "0.0.0.0/0");
  EXPECT_EQ(P4("255.255.255.255/32").ToString(), "255.255.255.255/32");
  EXPECT_EQ(P4("100.64.0.0/10").ToString(), "100.64.0.0/10");
}

TEST(Cidr4Test, PrivateSpace) {
  EXPECT_TRUE(IsPrivateIpv4(P4("10.1.0.0/16")));
  EXPECT_TRUE(IsPrivateIpv4(P4("172.31.0.0/20")));
  EXPECT_TRUE(IsPrivateIpv4(P4("192.168.2.16/28")));
  EXPECT_TRUE(IsPrivateIpv4(P4("100.64.0.0/10")));
  EXPECT_TRUE(IsPrivateIpv4(P4("169.254.169.253")));
  EXPECT_FALSE(IsPrivateIpv4(P4("52.0.0.0/8")));
  EXPECT_FALSE(IsPrivateIpv4(P4("172.32.0.0/16")));
  // A prefix that only partly lies in private space is not private.
  EXPECT_FALSE(IsPrivateIpv4(P4("0.0.0.0/0")));
  EXPECT_FALSE(IsPrivateIpv4(P4("8.0.0.0/6")));
}

TEST(Cidr6Test, AnyContainsEverything) {
  Cidr6 any = P6("::/0");
  EXPECT_EQ(any.len, 0);
  EXPECT_EQ(any.hi, 0u);
  EXPECT_EQ(any.lo, 0u);
  EXPECT_TRUE(any.Contains(P6("2600:1f14:abc:de00::/56")));
  EXPECT_TRUE(any.Contains(P6("::1")));
  EXPECT_TRUE(any.Contains(any));
}

TEST(Cidr6Test, ParsesCompressedForms) {
  Cidr6 c = P6("2600:1f14:abc:de00::/56");
  EXPECT_EQ(c.len, 56);
  EXPECT_EQ(c.hi, 0x26001f140abcde00ull);
  EXPECT_EQ(c.lo, 0u);
  Cidr6 full = P6("2001:db8:0:0:0:0:0:1/128");
  EXPECT_EQ(full.hi, 0x20010db800000000ull);
  EXPECT_EQ(full.lo, 1u);
  EXPECT_EQ(P6("2001:db8::1"), full);
  EXPECT_EQ(P6("::1").lo, 1u);
  EXPECT_EQ(P6("fe80::").hi, 0xfe80000000000000ull);
}

TEST(Cidr6Test, HostBitsMasked) {
  EXPECT_EQ(P6("2600:1f14:abc:de12::5/56"), P6("2600:1f14:abc:de00::/56"));
  EXPECT_EQ(P6("2001:db8::ffff/120"), P6("2001:db8::ff00/120"));
}

TEST(Cidr6Test, Containment) {
  Cidr6 vpc = P6("2600:1f14:abc:de00::/56");
  EXPECT_TRUE(vpc.Contains(P6("2600:1f14:abc:de01::/64")));
  EXPECT_TRUE(vpc.Contains(P6("2600:1f14:abc:deff::1")));
  EXPECT_FALSE(vpc.Contains(P6("2600:1f14:abc:df00::/64")));
  EXPECT_FALSE(vpc.Contains(P6("2600:1f14:abc:de00::/48")));
  Cidr6 sub = P6("2001:db8::/120");
  EXPECT_TRUE(sub.Contains(P6("2001:db8::42")));
  EXPECT_FALSE(sub.Contains(P6("2001:db8::142")));
}

TEST(Cidr6Test, BadInputIsNullopt) {
  for (const char* bad : {"", "10.0.0.0/8", "1::2::3", "12345::", "::/129", "::/", "g::1",
                          "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8::", ":::",
                          "2001:db8::/-1"}) {
    EXPECT_FALSE(Cidr6::Parse(bad).has_value()) << '"' << bad << '"';
  }
}

TEST(PortRangeTest, InclusiveBounds) {
  PortRange r{1024, 65535};
  EXPECT_TRUE(r.Contains(1024));
  EXPECT_TRUE(r.Contains(65535));
  EXPECT_FALSE(r.Contains(1023));
  EXPECT_TRUE(PortRange{}.Covers(r));
  EXPECT_FALSE((PortRange{32768, 60999}.Covers(r)));
  EXPECT_TRUE(r.Covers(PortRange{32768, 60999}));
}

}  // namespace
}  // namespace fd
