// How the task subnets route, beyond one blocked hop: NET007 (the main table applies
// implicitly), NET008 (subnets that route differently), NET009 (egress the snapshot cannot
// follow), NET010 (only an egress-only IGW), NET011 (IPv6-only subnet).
// base-private-nat: shop-prod-private-a/b/c explicitly on shop-prod-private (0.0.0.0/0 -> NAT);
// the main table holds the local route only. base-private-nat-dualstack adds ::/0 -> eigw.
#include "testing/check_harness.h"
#include "testing/snapshot_edits.h"

namespace fd::testing {
namespace {

using report::Severity;

/// The main route table (the one associated as Main).
Json& MainTable(Snapshot& s) {
  for (auto& t : s.Doc("ec2-describe-route-tables.json")["RouteTables"])
    for (const auto& a : t["Associations"])
      if (a.value("Main", false)) return t;
  throw std::runtime_error("no main route table");
}

/// The main table of base-private-nat with the NAT route the private table has: a subnet that
/// falls back on it still works.
Snapshot MainTableRoutesToTheNat() {
  auto s = Snapshot::Base("base-private-nat");
  MainTable(s)["Routes"].push_back(DefaultRoute(s, "shop-prod-private"));
  return s;
}

// ---- NET007 -------------------------------------------------------------------------------

TEST(NET007, FiresWhenATaskSubnetFallsBackOnTheMainTable) {
  auto s = MainTableRoutesToTheNat();
  const std::string subnet = s.Id("Subnets", "shop-prod-private-c");
  EraseIf(s.Item("RouteTables", "shop-prod-private")["Associations"],
          [&](const Json& a) { return a.value("SubnetId", "") == subnet; });
  auto run = RunCheck(Def("NET007"), s);
  const std::string main = MainTable(s)["RouteTableId"].get<std::string>();
  EXPECT_TRUE(FiresOn(run, subnet, Severity::kInfo,
                      {"subnet " + subnet + " has no route table association", "main table " + main + " applies"}));
  EXPECT_EQ(run.findings.size(), 1u) << run.Dump();
}

TEST(NET007, SilentWhenEveryTaskSubnetIsAssociated) { EXPECT_TRUE(Silent(RunCheck(Def("NET007"), MainTableRoutesToTheNat()))); }

// ---- NET008 -------------------------------------------------------------------------------

TEST(NET008, FiresWhenAPublicAndAPrivateSubnetAreMixedWithoutPublicIp) {
  auto s = Snapshot::Base("base-private-nat");
  const std::string pub = s.Id("Subnets", "shop-prod-public-a"), priv = s.Id("Subnets", "shop-prod-private-b");
  SetSubnets(s, "api", {pub, priv});
  auto run = RunCheck(Def("NET008"), s);
  const std::string svc = s.Id("services", "api");
  ASSERT_TRUE(FiresOn(run, svc, Severity::kWarning,
                      {"api mixes subnets that route differently", "tasks placed in " + pub + " fail to start"}));
  std::string classes;
  for (const auto& e : run.On(svc)->evidence) classes += e.claim + "\n";
  EXPECT_NE(classes.find(pub + ": public (internet gateway)"), std::string::npos) << classes;
  EXPECT_NE(classes.find(priv + ": private (NAT gateway)"), std::string::npos) << classes;
}

// The twin: two subnets that route the same working way.
TEST(NET008, SilentWhenTheSubnetsRouteAlike) {
  auto s = Snapshot::Base("base-private-nat");
  SetSubnets(s, "api", {s.Id("Subnets", "shop-prod-private-a"), s.Id("Subnets", "shop-prod-private-b")});
  EXPECT_TRUE(Silent(RunCheck(Def("NET008"), s)));
}

// Mixed, but every placement fails: not a per-AZ lottery, NET001/NET002 say why.
TEST(NET008, SilentWhenEveryPlacementFails) {
  auto s = Snapshot::Base("base-private-nat");
  EraseIf(s.Item("RouteTables", "shop-prod-private")["Routes"], [](const Json& r) { return r.contains("NatGatewayId"); });
  SetSubnets(s, "api", {s.Id("Subnets", "shop-prod-public-a"), s.Id("Subnets", "shop-prod-private-b")});
  EXPECT_TRUE(Silent(RunCheck(Def("NET008"), s)));
}

// ---- NET009 -------------------------------------------------------------------------------

TEST(NET009, FiresAsAWarningWhenTheDefaultRouteGoesToATransitGateway) {
  auto s = Snapshot::Base("base-private-nat");
  Json& r = DefaultRoute(s, "shop-prod-private");
  r.erase("NatGatewayId");
  r["TransitGatewayId"] = "tgw-0000000000000e1f0";
  auto run = RunCheck(Def("NET009"), s);
  const std::string rtb = s.Id("RouteTables", "shop-prod-private");
  EXPECT_TRUE(FiresOn(run, rtb, Severity::kWarning, {"a path the snapshot cannot verify", "may be unreachable"}));
}

TEST(NET009, FiresAsABlockerWhenTheDefaultRouteGoesToAPeeringConnection) {
  auto s = Snapshot::Base("base-private-nat");
  Json& r = DefaultRoute(s, "shop-prod-private");
  r.erase("NatGatewayId");
  r["VpcPeeringConnectionId"] = "pcx-0000000000000e1f0";
  auto run = RunCheck(Def("NET009"), s);
  const std::string rtb = s.Id("RouteTables", "shop-prod-private");
  EXPECT_TRUE(FiresOn(run, rtb, Severity::kBlocker, {"VPC peering connection, which cannot reach the internet"}));
}

TEST(NET009, SilentWhenTheDefaultRouteGoesToANatGateway) {
  EXPECT_TRUE(Silent(RunCheck(Def("NET009"), Snapshot::Base("base-private-nat"))));
}

// ---- NET010 -------------------------------------------------------------------------------

TEST(NET010, FiresWhenOnlyTheEgressOnlyGatewayIsLeft) {
  auto s = Snapshot::Base("base-private-nat-dualstack");
  ASSERT_EQ(EraseIf(s.Item("RouteTables", "shop-prod-private")["Routes"],
                    [](const Json& r) { return r.contains("NatGatewayId"); }),
            1u);
  auto run = RunCheck(Def("NET010"), s);
  const std::string rtb = s.Id("RouteTables", "shop-prod-private");
  EXPECT_TRUE(FiresOn(run, rtb, Severity::kWarning,
                      {"leaves only through an egress-only internet gateway", "unreachable over IPv4"}));
}

// The twin: the same dual-stack table with its IPv4 NAT route.
TEST(NET010, SilentWithTheEgressOnlyGatewayNextToANatRoute) {
  EXPECT_TRUE(Silent(RunCheck(Def("NET010"), Snapshot::Base("base-private-nat-dualstack"))));
}

// ---- NET011 -------------------------------------------------------------------------------

/// base-private-nat-dualstack with shop-prod-private-a made IPv6-only, and the service in it.
Snapshot Ipv6OnlySubnet() {
  auto s = Snapshot::Base("base-private-nat-dualstack");
  Json& subnet = s.Item("Subnets", "shop-prod-private-a");
  subnet.erase("CidrBlock");
  subnet["Ipv6Native"] = true;
  subnet["EnableDns64"] = false;
  SetSubnets(s, "api", {subnet["SubnetId"].get<std::string>()});
  return s;
}

TEST(NET011, FiresOnAnIpv6OnlySubnetWithoutDns64) {
  auto s = Ipv6OnlySubnet();
  auto run = RunCheck(Def("NET011"), s);
  const std::string subnet = s.Id("Subnets", "shop-prod-private-a");
  EXPECT_TRUE(FiresOn(run, subnet, Severity::kBlocker, {"subnet " + subnet + " is IPv6-only without DNS64 and NAT64"}));
}

TEST(NET011, FiresAsAWarningWithDns64AndANat64Route) {
  auto s = Ipv6OnlySubnet();
  s.Item("Subnets", "shop-prod-private-a")["EnableDns64"] = true;
  s.Item("RouteTables", "shop-prod-private")["Routes"].push_back(
      {{"DestinationIpv6CidrBlock", "64:ff9b::/96"},
       {"NatGatewayId", s.Id("NatGateways", "shop-prod-nat-a")},
       {"Origin", "CreateRoute"},
       {"State", "active"}});
  auto run = RunCheck(Def("NET011"), s);
  EXPECT_TRUE(FiresOn(run, s.Id("Subnets", "shop-prod-private-a"), Severity::kWarning,
                      {"IPv6-only; DNS64/NAT64 exist but the start path is unverified"}));
}

// The twin: the same subnet dual-stack.
TEST(NET011, SilentOnADualStackSubnet) {
  auto s = Snapshot::Base("base-private-nat-dualstack");
  SetSubnets(s, "api", {s.Id("Subnets", "shop-prod-private-a")});
  EXPECT_TRUE(Silent(RunCheck(Def("NET011"), s)));
}

}  // namespace
}  // namespace fd::testing
