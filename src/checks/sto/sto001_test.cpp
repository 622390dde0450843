// STO001: EFS volumes where Fargate cannot mount them: a Linux platform version below 1.4.0,
// or a Windows task. efs-mount-targets-healthy runs service api on LATEST (1.4.0), Linux.
#include "testing/check_harness.h"
#include "testing/snapshot_edits.h"

namespace fd::testing {
namespace {

using report::Severity;

constexpr const char* kBase = "efs-mount-targets-healthy";

CheckRun Check(const Snapshot& s) { return RunCheck(Def("STO001"), s); }

TEST(STO001, FiresOnPlatformVersion130) {
  auto s = Snapshot::Base(kBase);
  SetPlatformVersion(s, "api", "1.3.0");
  auto run = Check(s);
  EXPECT_TRUE(FiresOn(run, s.Id("services", "api"), Severity::kBlocker,
                      {"api mounts EFS on platform version 1.3.0", "no EFS support"}));
  ASSERT_EQ(run.findings.size(), 1u) << run.Dump();
  EXPECT_TRUE(EvidenceOn(run, s.Id("services", "api"), {"uploads (fs-0b7d31c9e2a4f6058)", "need platform version 1.4.0"}));
}

TEST(STO001, FiresOnAWindowsTaskDefinition) {
  auto s = Snapshot::Base(kBase);
  s.TaskDefinition()["runtimePlatform"] = {{"operatingSystemFamily", "WINDOWS_SERVER_2022_CORE"},
                                           {"cpuArchitecture", "X86_64"}};
  auto run = Check(s);
  EXPECT_TRUE(FiresOn(run, TaskDefinitionArn(s), Severity::kBlocker,
                      {"mounts EFS", "Windows"}));
}

TEST(STO001, SilentOnPlatformVersion140) {
  auto s = Snapshot::Base(kBase);
  SetPlatformVersion(s, "api", "1.4.0");
  EXPECT_TRUE(Silent(Check(s)));
}

// Platform 1.3.0 without EFS volumes: nothing to mount.
TEST(STO001, SilentOnPlatformVersion130WithoutEfsVolumes) {
  auto s = Snapshot::Base(kBase);
  SetPlatformVersion(s, "api", "1.3.0");
  s.TaskDefinition()["volumes"] = Json::array();
  EXPECT_TRUE(Silent(Check(s)));
}

}  // namespace
}  // namespace fd::testing
