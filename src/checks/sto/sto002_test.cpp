// STO002: a task subnet in a zone where the EFS file system has no available mount target of
// the task's VPC. efs-mount-targets-healthy has one mount target per zone of the three task
// subnets (shop-prod-private-a/b/c in euw3-az1/2/3).
#include "testing/check_harness.h"

namespace fd::testing {
namespace {

using report::Severity;

constexpr const char* kBase = "efs-mount-targets-healthy";
constexpr const char* kFs = "fs-0b7d31c9e2a4f6058";
constexpr const char* kMountTargetC = "fsmt-0a42795e70a666ca2";  // euw3-az3

CheckRun Check(const Snapshot& s) { return RunCheck(Def("STO002"), s); }

TEST(STO002, FiresWhenAZoneHasNoMountTarget) {
  auto s = Snapshot::Base(kBase);
  EraseIf(s.Doc("efs-describe-mount-targets.json")["MountTargets"],
          [](const Json& mt) { return mt["MountTargetId"] == kMountTargetC; });
  auto run = Check(s);
  ASSERT_TRUE(FiresOn(run, kFs, Severity::kBlocker, {"no available mount target", "api"}));
  const auto* f = run.On(kFs);
  EXPECT_EQ(f->subnets, std::vector<std::string>{s.Id("Subnets", "shop-prod-private-c")});
  EXPECT_TRUE(EvidenceOn(run, kFs, {"has no mount target in euw3-az3"}));
  ASSERT_EQ(f->fix.commands.size(), 1u);
  EXPECT_NE(f->fix.commands[0].find("create-mount-target --file-system-id " + std::string(kFs) + " --subnet-id " +
                                    s.Id("Subnets", "shop-prod-private-c")),
            std::string::npos) << f->fix.commands[0];
}

TEST(STO002, FiresWhenTheZonesMountTargetIsStillBeingCreated) {
  auto s = Snapshot::Base(kBase);
  s.Item("MountTargets", kMountTargetC)["LifeCycleState"] = "creating";
  auto run = Check(s);
  ASSERT_TRUE(FiresOn(run, kFs, Severity::kBlocker, {"no available mount target"}));
  EXPECT_TRUE(EvidenceOn(run, kFs, {std::string(kMountTargetC) + " is creating"}));
}

TEST(STO002, FiresWhenTheZonesMountTargetIsInAnotherVpc) {
  auto s = Snapshot::Base(kBase);
  s.Item("MountTargets", kMountTargetC)["VpcId"] = "vpc-00000000000000e1f";
  auto run = Check(s);
  ASSERT_TRUE(FiresOn(run, kFs, Severity::kBlocker, {"no available mount target"}));
  EXPECT_TRUE(EvidenceOn(run, kFs, {"is in vpc-00000000000000e1f, not in the task's"}));
}

TEST(STO002, SilentWithAMountTargetInEveryZone) { EXPECT_TRUE(Silent(Check(Snapshot::Base(kBase)))); }

TEST(STO002, UncheckedWithoutDescribeMountTargets) {
  auto s = Snapshot::Base(kBase);
  s.Drop("efs-describe-mount-targets.json");
  EXPECT_TRUE(UncheckedBecause(Check(s), {"EFS file system " + std::string(kFs), "no describe-mount-targets"}));
}

TEST(STO002, UncheckedWhenATaskSubnetHasNoZone) {
  auto s = Snapshot::Base(kBase);
  Json& subnet = s.Item("Subnets", "shop-prod-private-c");
  subnet.erase("AvailabilityZone");
  subnet.erase("AvailabilityZoneId");
  subnet.erase("SubnetArn");  // its ARN would give the region only, but keep the subnet zone-less
  EXPECT_TRUE(UncheckedBecause(Check(s), {"subnet " + s.Id("Subnets", "shop-prod-private-c"),
                                          "has no Availability Zone"}));
}

}  // namespace
}  // namespace fd::testing
