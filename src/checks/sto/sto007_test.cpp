// STO007: dual-stack mount target and task subnet, but TCP 2049 open only over IPv4.
// efs-dualstack-healthy: dual-stack subnets and mount targets; group efs-media admits 2049 from
// the api-tasks group (a group reference covers both families); api-tasks sends anything to
// 0.0.0.0/0 and ::/0.
#include "testing/check_harness.h"
#include "testing/snapshot_edits.h"

namespace fd::testing {
namespace {

using report::Severity;

constexpr const char* kBase = "efs-dualstack-healthy";
constexpr const char* kMountTargetA = "fsmt-09209ccb9b10c2081";  // euw3-az1, IPv6 2a05:d012:4c1:7e10::e:f5

CheckRun Check(const Snapshot& s) { return RunCheck(Def("STO007"), s); }

TEST(STO007, FiresWhenTheMountTargetGroupAdmitsNfsOnlyFromIpv4) {
  auto s = Snapshot::Base(kBase);
  s.Item("SecurityGroups", "efs-media")["IpPermissions"] = Json::array({SgPermission("tcp", 2049, 2049, {"10.20.0.0/16"})});
  auto run = Check(s);
  ASSERT_TRUE(FiresOn(run, kMountTargetA, Severity::kWarning, {"is dual-stack but NFS is open only over IPv4"}));
  EXPECT_TRUE(EvidenceOn(run, kMountTargetA, {"admit TCP 2049 only from IPv4 ranges"}));
  EXPECT_EQ(run.On(kMountTargetA)->subnets, std::vector<std::string>{s.Id("Subnets", "shop-prod-private-a")});
  EXPECT_EQ(run.findings.size(), 3u) << run.Dump();  // one mount target per zone
}

TEST(STO007, FiresWhenTheTaskGroupSendsNfsOnlyToIpv4) {
  auto s = Snapshot::Base(kBase);
  s.Item("SecurityGroups", "api-tasks")["IpPermissionsEgress"] = Json::array({AllTraffic()});
  auto run = Check(s);
  ASSERT_TRUE(FiresOn(run, kMountTargetA, Severity::kWarning, {"NFS is open only over IPv4"}));
  EXPECT_TRUE(EvidenceOn(run, kMountTargetA, {"allow outbound TCP 2049 only to IPv4 ranges"}));
}

TEST(STO007, SilentInTheHealthyDesign) { EXPECT_TRUE(Silent(Check(Snapshot::Base(kBase)))); }

// The twin of the first case: the same IPv4 range, and the VPC's IPv6 range too.
TEST(STO007, SilentWhenTheMountTargetGroupAdmitsNfsFromBothFamilies) {
  auto s = Snapshot::Base(kBase);
  s.Item("SecurityGroups", "efs-media")["IpPermissions"] =
      Json::array({SgPermission("tcp", 2049, 2049, {"10.20.0.0/16"}, {}, {}, {"2a05:d012:4c1:7e00::/56"})});
  EXPECT_TRUE(Silent(Check(s)));
}

TEST(STO007, UncheckedWithoutTheMountTargetsGroups) {
  auto s = Snapshot::Base(kBase);
  s.Drop("efs-describe-mount-target-security-groups-a.json");
  EXPECT_TRUE(UncheckedBecause(Check(s), {"security groups of mount target " + std::string(kMountTargetA),
                                          "no describe-mount-target-security-groups"}));
}

}  // namespace
}  // namespace fd::testing
