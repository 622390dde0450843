// STO009: an ECS-managed EBS volume (configuredAtLaunch) that cannot be created or attached as
// configured. ebs-volume-healthy: volume scratch, and the PRIMARY deployment gives it 40 GiB of
// gp3, ext4, with infrastructure role ecsInfrastructureRole, on platform LATEST.
#include "testing/check_harness.h"
#include "testing/snapshot_edits.h"

namespace fd::testing {
namespace {

using report::Severity;

constexpr const char* kBase = "ebs-volume-healthy";

CheckRun Check(const Snapshot& s) { return RunCheck(Def("STO009"), s); }

/// The managedEBSVolume the PRIMARY deployment gives volume scratch.
Json& Ebs(Snapshot& s) {
  for (auto& d : s.Item("services", "api")["deployments"])
    if (d["status"] == "PRIMARY") return d["volumeConfigurations"][0]["managedEBSVolume"];
  throw std::runtime_error("no PRIMARY deployment");
}

/// Expects one STO009 finding on the service whose evidence holds `claim`.
void ExpectClaim(Snapshot& s, const std::string& claim) {
  auto run = Check(s);
  const std::string svc = s.Id("services", "api");
  ASSERT_TRUE(FiresOn(run, svc, Severity::kBlocker, {"ECS cannot create or attach the EBS volume scratch of api"}));
  bool found = false;
  for (const auto& e : run.On(svc)->evidence) found |= e.claim.find(claim) != std::string::npos;
  EXPECT_TRUE(found) << "no claim \"" << claim << "\"\n" << run.Dump();
}

TEST(STO009, FiresWithoutAnInfrastructureRole) {
  auto s = Snapshot::Base(kBase);
  Ebs(s).erase("roleArn");
  ExpectClaim(s, "volume scratch has no roleArn");
}

TEST(STO009, FiresWhenTheSizeExceedsTheVolumeType) {
  auto s = Snapshot::Base(kBase);
  Ebs(s)["sizeInGiB"] = 20000;
  ExpectClaim(s, "asks for 20000 GiB of gp3; gp3 allows 1-16384 GiB");
}

TEST(STO009, FiresWhenIo2HasNoIops) {
  auto s = Snapshot::Base(kBase);
  Ebs(s)["volumeType"] = "io2";
  ExpectClaim(s, "is io2 without iops");
}

TEST(STO009, FiresWhenThroughputIsSetOnGp2) {
  auto s = Snapshot::Base(kBase);
  Ebs(s)["volumeType"] = "gp2";
  Ebs(s)["throughput"] = 250;
  ExpectClaim(s, "sets throughput on gp2; only gp3 takes a throughput");
}

TEST(STO009, FiresOnAnUnknownFilesystemType) {
  auto s = Snapshot::Base(kBase);
  Ebs(s)["filesystemType"] = "ntfs";
  ExpectClaim(s, "has filesystemType ntfs");
}

TEST(STO009, FiresOnPlatformVersion130) {
  auto s = Snapshot::Base(kBase);
  SetPlatformVersion(s, "api", "1.3.0");
  ExpectClaim(s, "platform version 1.3.0; EBS volumes need 1.4.0");
}

TEST(STO009, FiresWhenTheServiceGivesNoVolumeConfiguration) {
  auto s = Snapshot::Base(kBase);
  for (auto& d : s.Item("services", "api")["deployments"]) d.erase("volumeConfigurations");
  ExpectClaim(s, "the service gives no volumeConfigurations for it");
}

TEST(STO009, SilentInTheHealthyDesign) { EXPECT_TRUE(Silent(Check(Snapshot::Base(kBase)))); }

// The twin of the size case: the largest gp3 volume there is.
TEST(STO009, SilentAtTheLargestGp3Size) {
  auto s = Snapshot::Base(kBase);
  Ebs(s)["sizeInGiB"] = 16384;
  EXPECT_TRUE(Silent(Check(s)));
}

// A task definition about to be run: RunTask's volume configuration is not in any snapshot.
TEST(STO009, UncheckedForATaskDefinitionTarget) {
  auto s = Snapshot::Base(kBase);
  analysis::TargetQuery q;
  q.task_definition_ref = TaskDefinitionArn(s);
  q.subnets = {s.Id("Subnets", "shop-prod-private-a")};
  EXPECT_TRUE(UncheckedBecause(RunCheck(Def("STO009"), s, q),
                               {"EBS volumes configured at launch of api:7", "volumeConfigurations are not in the snapshot"}));
}

}  // namespace
}  // namespace fd::testing
