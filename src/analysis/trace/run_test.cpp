// Run (run.cpp): the pieces in packet order and the verdict over them: which faults a path
// reports, when it is undecided, and the cases that end before any hop.
#include "testing/trace_fixture.h"

namespace fd::analysis::trace_testing {
namespace {

TEST_F(TracerTest, TraceStepsComeInPacketOrder) {
  Base();
  PathResult p = Trace(kDkr, "subnet-priv");
  std::vector<std::string> steps;
  for (const auto& t : p.trace) steps.push_back(t.step);
  ASSERT_GE(steps.size(), 6u) << Dump(p);
  EXPECT_EQ(p.trace[0].hop, "dns") << Dump(p);
  EXPECT_EQ(std::vector<std::string>(steps.begin() + 1, steps.begin() + 5),
            (std::vector<std::string>{"security-group egress", "network-acl egress",
                                      "network-acl ingress (replies)", "route lookup"}))
      << Dump(p);
  EXPECT_EQ(p.trace[4].resource, "rtb-priv");
  EXPECT_EQ(p.trace[4].action, StepAction::kForwarded);
  // Then the next hop: the NAT gateway, and at last the internet gateway behind it.
  EXPECT_EQ(p.trace[5].resource, "nat-1") << Dump(p);
  EXPECT_EQ(p.trace.back().resource, "igw-1") << Dump(p);
  EXPECT_EQ(p.trace[1].resource, "sg-task");
  EXPECT_EQ(p.trace[2].resource, "acl-default");
  for (const auto& t : p.trace) EXPECT_NE(t.action, StepAction::kDenied) << Dump(p);
}

TEST_F(TracerTest, BrokenEndpointInANatDesignIsFw003WithVpce015) {
  // A NAT path exists, but the ecr.dkr endpoint's private DNS takes the name and its SG does
  // not admit the task: the endpoint broke a working design.
  f_.InterfaceEndpoint("vpce-ecr.dkr", "vpc-1", "ecr.dkr", {"subnet-vpce"}, {"sg-vpce"});
  f_.Sg("sg-vpce", "vpc-1", {}, {Tcp443({"192.168.0.0/16"})});
  Base();
  PathResult p = Trace(kDkr, "subnet-priv");
  ExpectBlocked(p, "FW003", "sg-vpce");
  const Fault* info = FaultOf(p, "VPCE015");
  ASSERT_NE(info, nullptr) << Dump(p);
  EXPECT_EQ(info->severity, Severity::kInfo);
  EXPECT_EQ(info->resource, "vpce-ecr.dkr");
}

TEST_F(TracerTest, MissingNaclDataLeavesAWorkingRouteUndecided) {
  Base(/*nacls=*/false);
  PathResult p = Trace(kDkr, "subnet-priv");
  EXPECT_EQ(p.reachable, std::nullopt) << Dump(p);
  EXPECT_EQ(FirstBlocker(p), nullptr) << Dump(p);
  EXPECT_TRUE(Unchecked(p, "FW006")) << Dump(p);
  EXPECT_TRUE(Unchecked(p, "FW007")) << Dump(p);
}

TEST_F(TracerTest, MissingNaclDataDoesNotHideARoutingBlocker) {
  Base(/*nacls=*/false);
  PathResult p = Trace(kDkr, "subnet-iso");
  ExpectBlocked(p, "NET002", "rtb-iso");
  EXPECT_TRUE(Unchecked(p, "FW006")) << Dump(p);
  EXPECT_TRUE(Unchecked(p, "FW007")) << Dump(p);
}

TEST_F(TracerTest, Ipv6OnlySubnetWithoutDns64IsNet011) {
  Base();
  model::Subnet s;
  s.id = "subnet-v6";
  s.vpc_id = "vpc-1";
  s.region = "eu-west-3";
  s.ipv6_native = true;
  s.ipv6_cidrs = {*Cidr6::Parse("2600:1f14:abc:de01::/64")};
  f_.builder().AddSubnet(s);
  ExpectBlocked(Trace(kDkr, "subnet-v6"), "NET011", "subnet-v6");
}

TEST_F(TracerTest, UnknownSubnetIsUndecided) {
  Base();
  PathResult p = Trace(kDkr, "subnet-missing");
  EXPECT_EQ(p.reachable, std::nullopt) << Dump(p);
  EXPECT_TRUE(p.faults.empty()) << Dump(p);
  EXPECT_FALSE(p.unchecked.empty()) << Dump(p);
}

}  // namespace
}  // namespace fd::analysis::trace_testing
