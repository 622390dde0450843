// NfsPath (nfs_path.cpp): NFS from the task to the mount target of its zone, in packet order,
// without route tables or name resolution; STO002 when the zone has none, STO003 for a filter,
// and gaps (never a silent pass) for what the snapshot lacks. The wording of the findings and
// the planner's changes are tested with STO003 (checks/sto/sto003_efs_nfs_blocked_test.cpp).
#include "testing/trace_fixture.h"

namespace fd::analysis::trace_testing {
namespace {

const Need kEfs = MakeNeed(Need::EfsService("fs-1"), NeedKind::kEfs, "fs-1.efs.eu-west-3.amazonaws.com");

class NfsPathTest : public TracerTest {
 protected:
  /// fs-1's mount target fsmt-1 (10.0.2.10) in subnet-iso, zone euw3-az1, behind sg-efs, which
  /// admits 2049 from sg-task. Call before Base().
  void MountTarget(bool groups_known = true, std::string subnet = "subnet-iso", std::string ip = "10.0.2.10") {
    f_.Sg("sg-efs", "vpc-1", {}, {Rule({6, 2049, 2049, {}, {}, {"sg-task"}})});
    model::EfsMountTarget mt;
    mt.id = "fsmt-1";
    mt.file_system_id = "fs-1";
    mt.subnet_id = std::move(subnet);
    mt.vpc_id = "vpc-1";
    mt.availability_zone_id = "euw3-az1";
    mt.ip_address = std::move(ip);
    mt.life_cycle_state = "available";
    mt.security_groups = {"sg-efs"};
    mt.security_groups_known = groups_known;
    f_.builder().AddEfsMountTarget(mt);
    f_.builder().MarkCoverage("efs-mount-targets fs-1");
  }

  static std::vector<std::string> Steps(const PathResult& p) {
    std::vector<std::string> out;
    for (const auto& t : p.trace) out.push_back(t.step);
    return out;
  }
};

TEST_F(NfsPathTest, AcrossSubnetsItCrossesBothNetworkAclsInPacketOrder) {
  MountTarget();
  Base();
  PathResult p = Trace(kEfs, "subnet-priv");
  ExpectReached(p, "fsmt-1");
  EXPECT_EQ(Steps(p), (std::vector<std::string>{"mount target", "security-group egress", "network-acl egress",
                                                "network-acl ingress (replies)", "network-acl ingress",
                                                "network-acl egress (replies)", "security-group ingress"}))
      << Dump(p);
}

TEST_F(NfsPathTest, InItsOwnSubnetNoNetworkAclApplies) {
  MountTarget(true, "subnet-priv", "10.0.1.10");
  Base();
  PathResult p = Trace(kEfs, "subnet-priv");
  ExpectReached(p, "fsmt-1");
  EXPECT_EQ(Steps(p), (std::vector<std::string>{"mount target", "security-group egress", "security-group ingress"}))
      << Dump(p);
}

TEST_F(NfsPathTest, AGroupThatAdmitsOnlyHttpsIsSto003WithTheNfsOpening) {
  f_.Sg("sg-efs", "vpc-1", {}, {Tcp443({}, {}, {"sg-task"})});
  MountTarget();
  Base();
  PathResult p = Trace(kEfs, "subnet-priv");
  ExpectBlocked(p, "STO003", "sg-efs");
  const Fault* f = FirstBlocker(p);
  ASSERT_TRUE(f && f->opening) << Dump(p);
  EXPECT_FALSE(f->opening->egress);
  EXPECT_EQ(f->opening->ports.from, 2049);
  EXPECT_EQ(f->opening->group, "sg-task");
}

TEST_F(NfsPathTest, AZoneWithoutAMountTargetIsSto002) {
  MountTarget();
  f_.Subnet("subnet-b", "vpc-1", "10.0.5.0/24", "euw3-az2");
  Base();
  ExpectBlocked(Trace(kEfs, "subnet-b"), "STO002", "fs-1");
}

TEST_F(NfsPathTest, MountTargetsNotCollectedLeaveThePathUndecided) {
  Base();  // no describe-mount-targets for fs-1
  PathResult p = Trace(kEfs, "subnet-priv");
  EXPECT_EQ(p.reachable, std::nullopt) << Dump(p);
  EXPECT_TRUE(p.faults.empty()) << Dump(p);
  EXPECT_TRUE(Unchecked(p, "STO003")) << Dump(p);
}

TEST_F(NfsPathTest, UnknownMountTargetGroupsStillJudgeTheTasksSideButDecideNothing) {
  f_.Sg("sg-task", "vpc-1", {Tcp443({"0.0.0.0/0"})});  // no 2049 out at all
  MountTarget(/*groups_known=*/false);
  Base();
  PathResult p = Trace(kEfs, "subnet-priv");
  ExpectBlocked(p, "STO003", "sg-task");
  EXPECT_TRUE(Unchecked(p, "STO003")) << Dump(p);
}

TEST_F(NfsPathTest, ASubnetWithoutIpv4IsNotEvaluated) {
  MountTarget();
  Base();
  model::Subnet s;
  s.id = "subnet-v6";
  s.vpc_id = "vpc-1";
  s.ipv6_native = true;
  f_.builder().AddSubnet(s);
  PathResult p = Trace(kEfs, "subnet-v6");
  EXPECT_EQ(p.reachable, std::nullopt) << Dump(p);
  EXPECT_TRUE(p.faults.empty()) << Dump(p);
  EXPECT_TRUE(Unchecked(p, "STO003")) << Dump(p);
}

}  // namespace
}  // namespace fd::analysis::trace_testing
