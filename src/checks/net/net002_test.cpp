// NET002: a private subnet with no way out (no NAT, no IGW) in a VPC without endpoints.
#include "testing/check_harness.h"

namespace fd::testing {
namespace {

using report::Severity;

bool IsNatRoute(const Json& r) { return r.contains("NatGatewayId"); }

TEST(NET002, FiresWhenThePrivateRouteTableLosesItsNatRoute) {
  auto s = Snapshot::Base("base-private-nat");
  ASSERT_EQ(EraseIf(s.Item("RouteTables", "shop-prod-private")["Routes"], IsNatRoute), 1u);
  auto run = RunCheck(Def(Code::kNet002), s.Load());
  EXPECT_TRUE(FiresOn(run, s.Id("RouteTables", "shop-prod-private"), Severity::kBlocker,
                      {s.Id("Subnets", "shop-prod-private-a"), "no route to a NAT gateway",
                       "no endpoints", "ecr.dkr"}));
  EXPECT_EQ(run.findings.size(), 1u) << run.Dump();
}

TEST(NET002, SilentWhenThePrivateRouteTableRoutesToTheNat) {
  auto s = Snapshot::Base("base-private-nat");
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kNet002), s.Load())));
}

// With endpoints in the VPC, a missing route is a missing endpoint (VPCE001…), not NET002.
TEST(NET002, SilentWhenTheIsolatedSubnetHasEndpoints) {
  auto s = Snapshot::Base("base-endpoints");
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kNet002), s.Load())));
}

TEST(NET002, UncheckedWhenTheRouteTablesAreNotInTheSnapshot) {
  auto s = Snapshot::Base("base-private-nat");
  s.Drop("ec2-describe-route-tables.json");
  auto run = RunCheck(Def(Code::kNet002), s.Load());
  EXPECT_TRUE(UncheckedBecause(run, {"no route table data for", s.Id("Subnets", "shop-prod-private-b")}));
}

TEST(NET002, UncheckedWhenTheTaskDefinitionIsNotInTheSnapshot) {
  auto s = Snapshot::Base("base-private-nat");
  s.Drop("ecs-describe-task-definition.json");
  auto run = RunCheck(Def(Code::kNet002), s.Load());
  EXPECT_TRUE(UncheckedBecause(run, {"task definition", "is not in the input"}));
}

}  // namespace
}  // namespace fd::testing
