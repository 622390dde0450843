#include "net/addr_set.h"

#include <gtest/gtest.h>

namespace fd::net {
namespace {

Cidr4 C(const char* text) { return *Cidr4::Parse(text); }
AddrSet4 S(std::initializer_list<const char*> cidrs) {
  std::vector<Cidr4> v;
  for (const char* c : cidrs) v.push_back(C(c));
  return AddrSet4::Of(v);
}

TEST(AddrSet4, HalvesMakeTheWholeSpace) {
  AddrSet4 halves = S({"128.0.0.0/1", "0.0.0.0/1"});
  EXPECT_EQ(halves, AddrSet4::All());
  EXPECT_EQ(halves.ranges().size(), 1u);  // adjacent ranges merge
  EXPECT_EQ(halves.ToString(), "0.0.0.0/0");
  EXPECT_EQ(S({"0.0.0.0/1"}).Union(S({"128.0.0.0/1"})), AddrSet4::All());
}

TEST(AddrSet4, IntersectAndMinus) {
  AddrSet4 a = S({"10.0.0.0/8", "52.0.0.0/8"});
  AddrSet4 b = S({"10.1.0.0/16", "52.0.0.0/7"});
  EXPECT_EQ(a.Intersect(b), S({"10.1.0.0/16", "52.0.0.0/8"}));
  EXPECT_EQ(b.Minus(a), S({"53.0.0.0/8"}));
  EXPECT_EQ(a.Minus(b).ToString(), "10.0.0.0/16, 10.2.0.0/15, 10.4.0.0/14, 10.8.0.0/13 and 4 more");
  EXPECT_TRUE(a.Minus(a).empty());
  EXPECT_EQ(a.Intersect(C("52.1.0.0/16")), S({"52.1.0.0/16"}));  // with one prefix
  EXPECT_EQ(a.Intersect(C("0.0.0.0/0")), a);
  EXPECT_TRUE(a.Intersect(C("11.0.0.0/8")).empty());
  EXPECT_TRUE(AddrSet4().Intersect(a).empty());
  EXPECT_EQ(AddrSet4().Union(a), a);
}

TEST(AddrSet4, ContainsAndOverlaps) {
  AddrSet4 all = AddrSet4::All();
  EXPECT_TRUE(all.Contains(AddrSet4::Public()));
  EXPECT_FALSE(AddrSet4::Public().Contains(all));
  EXPECT_TRUE(S({"0.0.0.0/1", "128.0.0.0/1"}).Contains(AddrSet4::Public()));
  EXPECT_FALSE(S({"0.0.0.0/1"}).Contains(AddrSet4::Public()));
  EXPECT_TRUE(S({"0.0.0.0/1"}).Overlaps(AddrSet4::Public()));
  EXPECT_FALSE(S({"10.0.0.0/8", "192.168.0.0/16"}).Overlaps(AddrSet4::Public()));
  EXPECT_TRUE(AddrSet4::Public().Contains(AddrSet4()));  // the empty set is in every set
}

TEST(AddrSet4, PublicSpaceLeavesOutPrivateRanges) {
  AddrSet4 p = AddrSet4::Public();
  EXPECT_FALSE(p.Overlaps(S({"10.0.0.0/8"})));
  EXPECT_FALSE(p.Overlaps(S({"100.64.0.0/10"})));
  EXPECT_TRUE(p.Contains(S({"52.95.0.0/16", "11.0.0.0/8", "255.255.255.255/32"})));
  EXPECT_TRUE(p.Contains(S({"0.0.0.0/32"})));
}

TEST(AddrSet4, ToCidrsIsMinimalAtTheEdges) {
  EXPECT_EQ(S({"255.255.255.255/32"}).ToString(), "255.255.255.255/32");
  EXPECT_EQ(AddrSet4::All().Minus(S({"0.0.0.0/32"})).ToCidrs().size(), 32u);
  EXPECT_EQ(AddrSet4().ToString(), "no address");
  // An unaligned range: 10.0.0.1-10.0.0.6.
  AddrSet4 odd = S({"10.0.0.0/29"}).Minus(S({"10.0.0.0/32", "10.0.0.7/32"}));
  EXPECT_EQ(odd.ToString(), "10.0.0.1/32, 10.0.0.2/31, 10.0.0.4/31, 10.0.0.6/32");
}

}  // namespace
}  // namespace fd::net
