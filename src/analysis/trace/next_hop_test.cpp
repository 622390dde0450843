// The public way (next_hop.cpp): the route table, internet and NAT gateways, the code a
// missing route reports for each need, and the NAT gateway's own subnet.
#include "testing/trace_fixture.h"

namespace fd::analysis::trace_testing {
namespace {

TEST_F(TracerTest, PublicSubnetWithPublicIpReachesThroughTheIgw) {
  Base();
  target_.assign_public_ip = true;
  target_.assign_public_ip_raw = "ENABLED";
  for (const Need* n : {&kApi, &kDkr, &kS3, &kLogs, &kHub}) {
    SCOPED_TRACE(n->service);
    ExpectReached(Trace(*n, "subnet-pub"), "igw-1");
  }
}

TEST_F(TracerTest, PublicSubnetWithoutPublicIpIsNet001) {
  Base();
  PathResult p = Trace(kDkr, "subnet-pub");
  ExpectBlocked(p, "NET001", target_.Key());
}

TEST_F(TracerTest, PrivateSubnetReachesThroughNatInAPublicSubnet) {
  Base();
  for (const Need* n : {&kApi, &kDkr, &kS3, &kLogs, &kHub}) {
    SCOPED_TRACE(n->service);
    PathResult p = Trace(*n, "subnet-priv");
    ExpectReached(p, "nat-1");
    EXPECT_TRUE(p.faults.empty()) << Dump(p);
  }
}

TEST_F(TracerTest, NatInAPrivateSubnetIsNet005) {
  // nat-2 sits in subnet-iso, whose table has no route to an internet gateway.
  f_.Nat("nat-2", "vpc-1", "subnet-iso");
  f_.RouteTable("rtb-priv", "vpc-1", {"subnet-priv"}, {R("0.0.0.0/0", "nat-2")});
  Base();
  ExpectBlocked(Trace(kDkr, "subnet-priv"), "NET005", "nat-2");
}

TEST_F(TracerTest, NatWhoseSubnetRoutesBackToItselfIsNet005) {
  f_.Nat("nat-2", "vpc-1", "subnet-priv");
  f_.RouteTable("rtb-priv", "vpc-1", {"subnet-priv"}, {R("0.0.0.0/0", "nat-2")});
  Base();
  ExpectBlocked(Trace(kDkr, "subnet-priv"), "NET005", "nat-2");
}

TEST_F(TracerTest, BlackholeRouteInTheNatsSubnetIsNet003OnThatTable) {
  // The NAT gateway sits in a public subnet whose internet gateway was deleted: its table's
  // 0.0.0.0/0 -> igw-gone is a blackhole. The first thing that stops the packet is that
  // blackhole route, and the fix is to replace it (NET003), not to move the NAT (NET005).
  f_.RouteTable("rtb-pub", "vpc-1", {"subnet-pub"}, {R("0.0.0.0/0", "igw-gone", /*blackhole=*/true)});
  Base();
  PathResult p = Trace(kDkr, "subnet-priv");
  ExpectBlocked(p, "NET003", "rtb-pub");
}

TEST_F(TracerTest, FailedNatIsNet006) {
  f_.Nat("nat-1", "vpc-1", "subnet-pub", "failed");
  Base();
  ExpectBlocked(Trace(kDkr, "subnet-priv"), "NET006", "nat-1");
}

TEST_F(TracerTest, PrivateNatOrNatWithoutElasticIpIsNet006) {
  f_.Nat("nat-p", "vpc-1", "subnet-pub", "available", "", "private");
  f_.Nat("nat-noip", "vpc-1", "subnet-pub", "available", "");
  f_.RouteTable("rtb-priv", "vpc-1", {"subnet-priv"}, {R("0.0.0.0/0", "nat-p")});
  f_.RouteTable("rtb-iso", "vpc-1", {"subnet-iso"}, {R("0.0.0.0/0", "nat-noip")});
  Base();
  ExpectBlocked(Trace(kDkr, "subnet-priv"), "NET006", "nat-p");
  ExpectBlocked(Trace(kDkr, "subnet-iso"), "NET006", "nat-noip");
}

TEST_F(TracerTest, BlackholeDefaultRouteIsNet003) {
  f_.RouteTable("rtb-priv", "vpc-1", {"subnet-priv"},
                {R("0.0.0.0/0", "nat-deleted", /*blackhole=*/true)});
  Base();
  PathResult p = Trace(kDkr, "subnet-priv");
  ExpectBlocked(p, "NET003", "rtb-priv");
}

TEST_F(TracerTest, DetachedIgwIsNet004) {
  f_.Igw("igw-1", "");  // exists, attached to nothing
  Base();
  target_.assign_public_ip = true;
  target_.assign_public_ip_raw = "ENABLED";
  ExpectBlocked(Trace(kDkr, "subnet-pub"), "NET004", "igw-1");
  // The NAT gateway's way out goes through the same detached gateway.
  ExpectBlocked(Trace(kDkr, "subnet-priv"), "NET004", "igw-1");
}

TEST_F(TracerTest, IgwAttachedToAnotherVpcIsNet004) {
  f_.Igw("igw-1", "vpc-other");
  Base();
  target_.assign_public_ip = true;
  ExpectBlocked(Trace(kDkr, "subnet-pub"), "NET004", "igw-1");
}

TEST_F(TracerTest, IsolatedSubnetWithoutEndpointsIsNet002OnTheRouteTable) {
  Base();
  for (const Need* n : {&kApi, &kDkr, &kS3, &kLogs}) {
    SCOPED_TRACE(n->service);
    ExpectBlocked(Trace(*n, "subnet-iso"), "NET002", "rtb-iso");
  }
}

TEST_F(TracerTest, SubnetOnTheMainTableUsesItsRoutes) {
  // subnet-vpce has no explicit association: the main table (local only) applies.
  Base();
  PathResult p = Trace(kDkr, "subnet-vpce");
  ExpectBlocked(p, "NET002", "rtb-main");
}

TEST_F(TracerTest, TransitGatewayDefaultRouteIsAnUnverifiableWarning) {
  f_.RouteTable("rtb-priv", "vpc-1", {"subnet-priv"}, {R("0.0.0.0/0", "tgw-1")});
  Base();
  PathResult p = Trace(kDkr, "subnet-priv");
  EXPECT_EQ(p.reachable, std::nullopt) << Dump(p);
  const Fault* f = FaultOf(p, "NET009");
  ASSERT_NE(f, nullptr) << Dump(p);
  EXPECT_EQ(f->severity, Severity::kWarning);
  EXPECT_EQ(f->resource, "rtb-priv");
  EXPECT_EQ(FirstBlocker(p), nullptr) << Dump(p);
}

TEST_F(TracerTest, VpnGatewayDefaultRouteIsAnUnverifiableWarning) {
  f_.RouteTable("rtb-priv", "vpc-1", {"subnet-priv"},
                {R("0.0.0.0/0", "vgw-1", false, "EnableVgwRoutePropagation")});
  Base();
  PathResult p = Trace(kDkr, "subnet-priv");
  EXPECT_EQ(p.reachable, std::nullopt) << Dump(p);
  ASSERT_NE(FaultOf(p, "NET009"), nullptr) << Dump(p);
  EXPECT_EQ(FaultOf(p, "NET009")->severity, Severity::kWarning);
}

TEST_F(TracerTest, PeeringDefaultRouteIsANet009Blocker) {
  // Peering never carries traffic on to the peer's NAT or internet gateway.
  f_.RouteTable("rtb-priv", "vpc-1", {"subnet-priv"}, {R("0.0.0.0/0", "pcx-1")});
  Base();
  PathResult p = Trace(kDkr, "subnet-priv");
  ExpectBlocked(p, "NET009", "rtb-priv");
}

TEST_F(TracerTest, EgressOnlyGatewayAloneIsNet010) {
  f_.RouteTable("rtb-iso", "vpc-1", {"subnet-iso"}, {testing::R6("::/0", "eigw-1")});
  Base();
  PathResult p = Trace(kDkr, "subnet-iso");
  EXPECT_EQ(p.reachable, std::optional<bool>(false)) << Dump(p);
  EXPECT_NE(FaultOf(p, "NET010"), nullptr) << Dump(p);
}

TEST_F(TracerTest, EndpointDesignWithoutPrefixListDataStillReachesS3) {
  // No describe-prefix-lists in the snapshot: the S3 list is known only by the id that the
  // gateway endpoint's route and the task SG rule name.
  EndpointDesign();
  Base(/*nacls=*/true, /*s3_prefix_list=*/false);
  ExpectReached(Trace(kS3, "subnet-iso"), "vpce-s3");
}

TEST_F(TracerTest, CrossRegionNeedWithoutInternetIsVpce012) {
  // awslogs-region us-east-1 from an endpoint-only VPC in eu-west-3: the local logs endpoint
  // serves eu-west-3 only, and CloudWatch Logs has no cross-Region endpoints.
  EndpointDesign();
  Base();
  Need logs = MakeNeed("logs", NeedKind::kInterfaceService, "logs.us-east-1.amazonaws.com");
  logs.region = "us-east-1";
  logs.cross_region = true;
  PathResult p = Trace(logs, "subnet-iso");
  EXPECT_EQ(p.reachable, std::optional<bool>(false)) << Dump(p);
  ASSERT_NE(FirstBlocker(p), nullptr) << Dump(p);
  EXPECT_EQ(FirstBlocker(p)->code, Code::kVpce012) << Dump(p);
  // With internet (and a task SG that allows it) it is fine.
  target_.security_groups = {"sg-task"};
  ExpectReached(Trace(logs, "subnet-priv"), "nat-1");
}

TEST_F(TracerTest, MissingEcrApiEndpointIsVpce001) {
  EndpointDesign({"ecr.dkr", "logs"});
  Base();
  PathResult p = Trace(kApi, "subnet-iso");
  ExpectBlocked(p, "VPCE001", "vpc-1");
  // The missing endpoint is the cause; the task SG (which allows only the endpoints) is not.
  EXPECT_EQ(FaultOf(p, "FW001"), nullptr) << Dump(p);
  ExpectReached(Trace(kDkr, "subnet-iso"), "vpce-ecr.dkr");
}

TEST_F(TracerTest, MissingLogsEndpointIsVpce004AndRegistryIsVpce013) {
  EndpointDesign({"ecr.api", "ecr.dkr"});
  Base();
  ExpectBlocked(Trace(kLogs, "subnet-iso"), "VPCE004", "vpc-1");
  PathResult hub = Trace(kHub, "subnet-iso");
  EXPECT_EQ(hub.reachable, std::optional<bool>(false)) << Dump(hub);
  ASSERT_NE(FirstBlocker(hub), nullptr) << Dump(hub);
  EXPECT_EQ(FirstBlocker(hub)->code, Code::kVpce013) << Dump(hub);
}

TEST_F(TracerTest, MissingS3GatewayIsVpce002) {
  EndpointDesign({"ecr.api", "ecr.dkr", "logs"}, /*s3_gateway=*/false);
  Base();
  PathResult p = Trace(kS3, "subnet-iso");
  ExpectBlocked(p, "VPCE002", "vpc-1");
}

TEST_F(TracerTest, S3GatewayOnAnotherRouteTableIsVpce003) {
  f_.RouteTable("rtb-iso", "vpc-1", {"subnet-iso"}, {});
  f_.RouteTable("rtb-other", "vpc-1", {}, {PlRoute("pl-s3", "vpce-s3")});
  f_.GatewayEndpoint("vpce-s3", "vpc-1", {"rtb-other"});
  EndpointDesign();
  Base();
  PathResult p = Trace(kS3, "subnet-iso");
  ExpectBlocked(p, "VPCE003", "vpce-s3");
}

TEST_F(TracerTest, S3GatewayNotOnTheImplicitMainTableIsVpce003) {
  // subnet-vpce uses the main table, which the gateway endpoint was not associated with.
  EndpointDesign();
  Base();
  target_.security_groups = {"sg-task-ep"};
  PathResult p = Trace(kS3, "subnet-vpce");
  ExpectBlocked(p, "VPCE003", "vpce-s3");
}

TEST_F(TracerTest, NatSubnetNaclBlockingIsFw008) {
  // The NAT's subnet refuses 443 from the task subnet.
  f_.Nacl("acl-pub", "vpc-1", {"subnet-pub"},
          {E(100, true, -1, std::nullopt, "0.0.0.0/0", true),
           E(32767, true, -1, std::nullopt, "0.0.0.0/0", false),
           E(90, false, kTcp, PortRange{443, 443}, "10.0.1.0/24", false),
           E(100, false, -1, std::nullopt, "0.0.0.0/0", true),
           E(32767, false, -1, std::nullopt, "0.0.0.0/0", false)});
  Base();
  PathResult p = Trace(kDkr, "subnet-priv");
  ExpectBlocked(p, "FW008", "acl-pub");
}

}  // namespace
}  // namespace fd::analysis::trace_testing
