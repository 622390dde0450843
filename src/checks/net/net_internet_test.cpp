// The internet way out of a subnet, hop by hop (docs/design/checks.md "Which code a blocked
// path reports"): NET001 (public subnet, no public IP), NET003 (blackhole route), NET004 (IGW
// not attached), NET005 (NAT gateway not in a public subnet), NET006 (NAT gateway unusable).
// base-public: tasks with public IPs in storefront-public-a/b/c, 0.0.0.0/0 -> storefront-igw.
// base-private-nat: tasks in shop-prod-private-a/b/c, 0.0.0.0/0 -> shop-prod-nat-a, which sits
// in shop-prod-public-a whose table routes to shop-prod-igw.
#include "testing/check_harness.h"
#include "testing/snapshot_edits.h"

namespace fd::testing {
namespace {

using report::Severity;

constexpr const char* kDeadNat = "nat-0000000000000dead";

// ---- NET001 -------------------------------------------------------------------------------

TEST(NET001, FiresWhenPublicSubnetTasksGetNoPublicIp) {
  auto s = Snapshot::Base("base-public");
  SetAwsVpc(s, "api", "assignPublicIp", "DISABLED");
  auto run = RunCheck(Def("NET001"), s);
  EXPECT_TRUE(FiresOn(run, s.Id("services", "api"), Severity::kBlocker,
                      {"api runs in public subnets", s.Id("Subnets", "storefront-public-c"), "without a public IP",
                       "through the internet gateway"}));
  EXPECT_EQ(run.findings.size(), 1u) << run.Dump();
}

TEST(NET001, SilentWhenTheTasksGetAPublicIp) { EXPECT_TRUE(Silent(RunCheck(Def("NET001"), Snapshot::Base("base-public")))); }

TEST(NET001, UncheckedWhenAStoppedTasksEniIsGone) {
  auto s = Snapshot::Base("base-public");
  analysis::TargetQuery q;
  q.tasks = {AddStoppedTaskWithoutEni(s, "storefront-public-a")};
  EXPECT_TRUE(UncheckedBecause(RunCheck(Def("NET001"), s, q),
                               {"the public IP of a task in " + s.Id("Subnets", "storefront-public-a"),
                                "not in the snapshot"}));
}

// ---- NET003 -------------------------------------------------------------------------------

TEST(NET003, FiresWhenTheDefaultRoutesNatGatewayWasDeleted) {
  auto s = Snapshot::Base("base-private-nat");
  Json& r = DefaultRoute(s, "shop-prod-private");
  r["NatGatewayId"] = kDeadNat;
  r["State"] = "blackhole";
  auto run = RunCheck(Def("NET003"), s);
  const std::string rtb = s.Id("RouteTables", "shop-prod-private");
  ASSERT_TRUE(FiresOn(run, rtb, Severity::kBlocker, {"route table " + rtb, "no longer exists (blackhole)"}));
  ASSERT_EQ(run.On(rtb)->fix.commands.size(), 1u);
  EXPECT_NE(run.On(rtb)->fix.commands[0].find("replace-route --route-table-id " + rtb), std::string::npos)
      << run.On(rtb)->fix.commands[0];
}

// A blackhole on the NAT gateway's own subnet: the fix points that table back at the IGW.
TEST(NET003, FiresWhenTheNatSubnetsDefaultRouteIsABlackhole) {
  auto s = Snapshot::Base("base-private-nat");
  Json& r = DefaultRoute(s, "shop-prod-public");
  r["State"] = "blackhole";
  auto run = RunCheck(Def("NET003"), s);
  const std::string rtb = s.Id("RouteTables", "shop-prod-public");
  ASSERT_TRUE(FiresOn(run, rtb, Severity::kBlocker, {"blackhole"}));
  ASSERT_EQ(run.On(rtb)->fix.commands.size(), 1u);
  EXPECT_NE(run.On(rtb)->fix.commands[0].find("--gateway-id " + s.Id("InternetGateways", "shop-prod-igw")),
            std::string::npos) << run.On(rtb)->fix.commands[0];
}

// The twin: the same table with its route active.
TEST(NET003, SilentWhenTheDefaultRouteIsActive) {
  EXPECT_TRUE(Silent(RunCheck(Def("NET003"), Snapshot::Base("base-private-nat"))));
}

// ---- NET004 -------------------------------------------------------------------------------

TEST(NET004, FiresWhenTheInternetGatewayIsDetached) {
  auto s = Snapshot::Base("base-public");
  const std::string igw = s.Id("InternetGateways", "storefront-igw");
  s.Item("InternetGateways", "storefront-igw")["Attachments"] = Json::array();
  auto run = RunCheck(Def("NET004"), s);
  EXPECT_TRUE(FiresOn(run, igw, Severity::kBlocker, {"internet gateway " + igw, "is not attached to the VPC"}));
  ASSERT_EQ(run.On(igw)->fix.commands.size(), 1u);
  EXPECT_NE(run.On(igw)->fix.commands[0].find("attach-internet-gateway --internet-gateway-id " + igw + " --vpc-id " +
                                              s.Id("Vpcs", "storefront")),
            std::string::npos);
}

TEST(NET004, SilentWhenTheInternetGatewayIsAttached) {
  EXPECT_TRUE(Silent(RunCheck(Def("NET004"), Snapshot::Base("base-public"))));
}

TEST(NET004, UncheckedWhenTheInternetGatewaysAreNotInTheSnapshot) {
  auto s = Snapshot::Base("base-public");
  const std::string igw = s.Id("InternetGateways", "storefront-igw");
  s.Drop("ec2-describe-internet-gateways.json");
  EXPECT_TRUE(UncheckedBecause(RunCheck(Def("NET004"), s), {igw + " is not in the snapshot"}));
}

// ---- NET005 -------------------------------------------------------------------------------

TEST(NET005, FiresWhenTheNatGatewaySitsInAPrivateSubnet) {
  auto s = Snapshot::Base("base-private-nat");
  s.Item("NatGateways", "shop-prod-nat-a")["SubnetId"] = s.Id("Subnets", "shop-prod-private-a");
  auto run = RunCheck(Def("NET005"), s);
  const std::string nat = s.Id("NatGateways", "shop-prod-nat-a");
  ASSERT_TRUE(FiresOn(run, nat, Severity::kBlocker, {"NAT gateway " + nat, "has no route to an internet gateway from its own subnet"}));
  EXPECT_TRUE(EvidenceOn(run, nat, {"a NAT gateway must sit in a public subnet"}));
}

TEST(NET005, SilentWhenTheNatGatewaySitsInAPublicSubnet) {
  EXPECT_TRUE(Silent(RunCheck(Def("NET005"), Snapshot::Base("base-private-nat"))));
}

TEST(NET005, UncheckedWhenTheNatGatewaysAreNotInTheSnapshot) {
  auto s = Snapshot::Base("base-private-nat");
  const std::string nat = s.Id("NatGateways", "shop-prod-nat-a");
  s.Drop("ec2-describe-nat-gateways.json");
  EXPECT_TRUE(UncheckedBecause(RunCheck(Def("NET005"), s), {nat + " is not in the snapshot"}));
}

// The NAT gateway's subnet has no table: no explicit association and no main table.
TEST(NET005, UncheckedWhenTheNatGatewaysSubnetHasNoRouteTable) {
  auto s = Snapshot::Base("base-private-nat");
  const std::string nat_subnet = s.Id("Subnets", "shop-prod-public-a");
  EraseIf(s.Doc("ec2-describe-route-tables.json")["RouteTables"],
          [](const Json& t) { return t["Associations"].size() == 1 && t["Associations"][0].value("Main", false); });
  EraseIf(s.Item("RouteTables", "shop-prod-public")["Associations"],
          [&](const Json& a) { return a.value("SubnetId", "") == nat_subnet; });
  EXPECT_TRUE(UncheckedBecause(RunCheck(Def("NET005"), s), {"route table of", nat_subnet, "is not in the snapshot"}));
}

// ---- NET006 -------------------------------------------------------------------------------

TEST(NET006, FiresWhenTheNatGatewayIsPrivate) {
  auto s = Snapshot::Base("base-private-nat");
  s.Item("NatGateways", "shop-prod-nat-a")["ConnectivityType"] = "private";
  auto run = RunCheck(Def("NET006"), s);
  const std::string nat = s.Id("NatGateways", "shop-prod-nat-a");
  EXPECT_TRUE(FiresOn(run, nat, Severity::kBlocker,
                      {"NAT gateway " + nat, "cannot forward to the internet", "private NAT gateway"}));
}

TEST(NET006, FiresWhenTheNatGatewayFailed) {
  auto s = Snapshot::Base("base-private-nat");
  s.Item("NatGateways", "shop-prod-nat-a")["State"] = "failed";
  const std::string nat = s.Id("NatGateways", "shop-prod-nat-a");
  EXPECT_TRUE(FiresOn(RunCheck(Def("NET006"), s), nat, Severity::kBlocker, {nat + " is failed"}));
}

TEST(NET006, FiresWhenTheNatGatewayHasNoElasticIp) {
  auto s = Snapshot::Base("base-private-nat");
  for (auto& a : s.Item("NatGateways", "shop-prod-nat-a")["NatGatewayAddresses"]) a.erase("PublicIp");
  const std::string nat = s.Id("NatGateways", "shop-prod-nat-a");
  EXPECT_TRUE(FiresOn(RunCheck(Def("NET006"), s), nat, Severity::kBlocker, {"has no Elastic IP address"}));
}

TEST(NET006, SilentWhenTheNatGatewayIsAvailableAndPublic) {
  EXPECT_TRUE(Silent(RunCheck(Def("NET006"), Snapshot::Base("base-private-nat"))));
}

TEST(NET006, UncheckedWhenTheNatGatewaysAreNotInTheSnapshot) {
  auto s = Snapshot::Base("base-private-nat");
  const std::string nat = s.Id("NatGateways", "shop-prod-nat-a");
  s.Drop("ec2-describe-nat-gateways.json");
  EXPECT_TRUE(UncheckedBecause(RunCheck(Def("NET006"), s), {nat + " is not in the snapshot"}));
}

}  // namespace
}  // namespace fd::testing
