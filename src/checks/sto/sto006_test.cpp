// STO006: an EFS access point or root directory that cannot be mounted as configured.
// efs-access-point-healthy mounts fs-05c2e8a1d4b7f9036 through access point fsap-0a4f1c7e9b2d3e581
// (path /uploads with CreationInfo, available), transit encryption on, no rootDirectory.
#include "testing/check_harness.h"
#include "testing/snapshot_edits.h"

namespace fd::testing {
namespace {

using report::Severity;

constexpr const char* kBase = "efs-access-point-healthy";
constexpr const char* kAp = "fsap-0a4f1c7e9b2d3e581";

CheckRun Check(const Snapshot& s) { return RunCheck(Def("STO006"), s); }

TEST(STO006, FiresWhenARootDirectoryIsSetNextToTheAccessPoint) {
  auto s = Snapshot::Base(kBase);
  EfsVolumeConfiguration(s)["rootDirectory"] = "/data";
  auto run = Check(s);
  const std::string td = TaskDefinitionArn(s);
  ASSERT_TRUE(FiresOn(run, td, Severity::kBlocker, {kAp, "cannot be mounted as configured"}));
  EXPECT_TRUE(EvidenceOn(run, td, {"sets rootDirectory /data next to an access point"}));
}

TEST(STO006, FiresWithoutTransitEncryption) {
  auto s = Snapshot::Base(kBase);
  EfsVolumeConfiguration(s)["transitEncryption"] = "DISABLED";
  auto run = Check(s);
  const std::string td = TaskDefinitionArn(s);
  ASSERT_TRUE(FiresOn(run, td, Severity::kBlocker, {"cannot be mounted"}));
  EXPECT_TRUE(EvidenceOn(run, td, {"transitEncryption DISABLED; access points require ENABLED"}));
}

TEST(STO006, FiresWhenTheAccessPointBelongsToAnotherFileSystem) {
  auto s = Snapshot::Base(kBase);
  s.Item("AccessPoints", kAp)["FileSystemId"] = "fs-0000000000000e1f0";
  auto run = Check(s);
  const std::string td = TaskDefinitionArn(s);
  ASSERT_TRUE(FiresOn(run, td, Severity::kBlocker, {"cannot be mounted"}));
  EXPECT_TRUE(EvidenceOn(run, td, {"belongs to fs-0000000000000e1f0, not to the volume's"}));
}

TEST(STO006, FiresWhenTheAccessPointIsBeingDeleted) {
  auto s = Snapshot::Base(kBase);
  s.Item("AccessPoints", kAp)["LifeCycleState"] = "deleting";
  auto run = Check(s);
  ASSERT_TRUE(FiresOn(run, kAp, Severity::kBlocker, {"cannot be mounted"}));
  EXPECT_TRUE(EvidenceOn(run, kAp, {"is deleting, not available"}));
}

// Without CreationInfo the directory must already exist, which the API cannot tell.
TEST(STO006, FiresAsAWarningWhenTheRootPathHasNoCreationInfo) {
  auto s = Snapshot::Base(kBase);
  s.Item("AccessPoints", kAp)["RootDirectory"].erase("CreationInfo");
  auto run = Check(s);
  ASSERT_TRUE(FiresOn(run, kAp, Severity::kWarning, {"cannot be mounted"}));
  EXPECT_TRUE(EvidenceOn(run, kAp, {"roots clients at /uploads without CreationInfo"}));
}

TEST(STO006, SilentInTheHealthyDesign) { EXPECT_TRUE(Silent(Check(Snapshot::Base(kBase)))); }

// "/" next to an access point is allowed: the access point's path applies.
TEST(STO006, SilentWithRootDirectorySlash) {
  auto s = Snapshot::Base(kBase);
  EfsVolumeConfiguration(s)["rootDirectory"] = "/";
  EXPECT_TRUE(Silent(Check(s)));
}

TEST(STO006, UncheckedWithoutDescribeAccessPoints) {
  auto s = Snapshot::Base(kBase);
  s.Drop("efs-describe-access-points.json");
  EXPECT_TRUE(UncheckedBecause(Check(s), {"access point " + std::string(kAp), "no efs describe-access-points"}));
}

TEST(STO006, UncheckedWhenTheAccessPointIsNotListed) {
  auto s = Snapshot::Base(kBase);
  EfsVolumeConfiguration(s)["authorizationConfig"]["accessPointId"] = "fsap-00000000000000e1f";
  EXPECT_TRUE(UncheckedBecause(Check(s), {"access point fsap-00000000000000e1f",
                                          "is not in the snapshot's efs describe-access-points"}));
}

}  // namespace
}  // namespace fd::testing
