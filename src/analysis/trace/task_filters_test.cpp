// The task's own filters (task_filters.cpp, placement.cpp): its security groups' egress as
// FW001, FW002 and FW004, its subnet's NACL as FW006 and FW007, and groups the snapshot lacks.
#include "testing/trace_fixture.h"

namespace fd::analysis::trace_testing {
namespace {

TEST_F(TracerTest, TaskSgWithout443IsFw001) {
  f_.Sg("sg-task", "vpc-1", {Rule({kTcp, 80, 80, {"0.0.0.0/0"}, {}, {}})});
  Base();
  PathResult p = Trace(kDkr, "subnet-priv");
  ExpectBlocked(p, "FW001", "sg-task");
}

TEST_F(TracerTest, NoSgAndAHardenedDefaultSgIsFw004) {
  f_.Sg("sg-default", "vpc-1", {}, {}, "default");
  Base();
  target_.security_groups.clear();
  PathResult p = Trace(kDkr, "subnet-priv");
  ExpectBlocked(p, "FW004", "sg-default");
}

TEST_F(TracerTest, NoSgUsesTheVpcDefaultSg) {
  Base();
  target_.security_groups.clear();
  PathResult p = Trace(kDkr, "subnet-priv");
  ExpectReached(p, "nat-1");
  ASSERT_GE(p.trace.size(), 2u);
  EXPECT_EQ(p.trace[1].resource, "sg-default") << Dump(p);
}

TEST_F(TracerTest, EndpointDesignWithoutS3PrefixListIsFw002) {
  f_.Sg("sg-task-ep", "vpc-1", {Tcp443({"10.0.0.0/16"}, {}, {"sg-vpce"})});
  EndpointDesign();
  Base();
  PathResult p = Trace(kS3, "subnet-iso");
  ExpectBlocked(p, "FW002", "sg-task-ep");
  // The ECR endpoints themselves are fine.
  ExpectReached(Trace(kDkr, "subnet-iso"), "vpce-ecr.dkr");
}

TEST_F(TracerTest, NaclDenying443OutIsFw006) {
  f_.Nacl("acl-priv", "vpc-1", {"subnet-priv"},
          {E(90, true, kTcp, PortRange{443, 443}, "0.0.0.0/0", false),
           E(100, true, -1, std::nullopt, "0.0.0.0/0", true),
           E(32767, true, -1, std::nullopt, "0.0.0.0/0", false),
           E(100, false, -1, std::nullopt, "0.0.0.0/0", true),
           E(32767, false, -1, std::nullopt, "0.0.0.0/0", false)});
  Base();
  PathResult p = Trace(kDkr, "subnet-priv");
  ExpectBlocked(p, "FW006", "acl-priv");
}

TEST_F(TracerTest, NaclWithoutEphemeralInboundIsAFw007Blocker) {
  // The literal ECS-page reading: inbound only TCP 443, so no reply port is open.
  f_.Nacl("acl-priv", "vpc-1", {"subnet-priv"},
          {E(100, true, -1, std::nullopt, "0.0.0.0/0", true),
           E(32767, true, -1, std::nullopt, "0.0.0.0/0", false),
           E(100, false, kTcp, PortRange{443, 443}, "0.0.0.0/0", true),
           E(32767, false, -1, std::nullopt, "0.0.0.0/0", false)});
  Base();
  PathResult p = Trace(kDkr, "subnet-priv");
  ExpectBlocked(p, "FW007", "acl-priv");
}

TEST_F(TracerTest, NaclOpeningOnlyTheLinuxEphemeralRangeIsAFw007Warning) {
  f_.Nacl("acl-priv", "vpc-1", {"subnet-priv"},
          {E(100, true, -1, std::nullopt, "0.0.0.0/0", true),
           E(32767, true, -1, std::nullopt, "0.0.0.0/0", false),
           E(100, false, kTcp, PortRange{32768, 60999}, "0.0.0.0/0", true),
           E(32767, false, -1, std::nullopt, "0.0.0.0/0", false)});
  Base();
  PathResult p = Trace(kDkr, "subnet-priv");
  const Fault* f = FaultOf(p, "FW007");
  ASSERT_NE(f, nullptr) << Dump(p);
  EXPECT_EQ(f->severity, Severity::kWarning) << Dump(p);
  EXPECT_EQ(f->resource, "acl-priv");
  EXPECT_EQ(FirstBlocker(p), nullptr) << Dump(p);
  // Works for Linux clients: the path is not blocked.
  EXPECT_NE(p.reachable, std::optional<bool>(false)) << Dump(p);
}

TEST_F(TracerTest, SecurityGroupMissingFromTheSnapshotIsUndecided) {
  Base();
  target_.security_groups = {"sg-not-saved"};
  PathResult p = Trace(kDkr, "subnet-priv");
  EXPECT_EQ(p.reachable, std::nullopt) << Dump(p);
  EXPECT_TRUE(Unchecked(p, "FW001")) << Dump(p);
}

TEST_F(TracerTest, SgRuleThatMayCoverTheServiceIsUndecided) {
  f_.Sg("sg-task", "vpc-1", {Tcp443({"52.0.0.0/8"})});
  Base();
  PathResult p = Trace(kDkr, "subnet-priv");
  EXPECT_EQ(p.reachable, std::nullopt) << Dump(p);
  EXPECT_EQ(FirstBlocker(p), nullptr) << Dump(p);
  EXPECT_TRUE(Unchecked(p, "FW001")) << Dump(p);
}

}  // namespace
}  // namespace fd::analysis::trace_testing
