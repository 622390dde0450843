// STO005: an EFS volume with IAM authorization needs transit encryption, a task role, and that
// role allowed elasticfilesystem:ClientMount (and ClientWrite for a read-write mount).
// The healthy twin: efs-mount-targets-healthy's volume with IAM authorization, transit
// encryption on, and task role api-task allowed both actions on the file system.
#include "testing/check_harness.h"
#include "testing/snapshot_edits.h"

namespace fd::testing {
namespace {

using report::Severity;

constexpr const char* kFs = "fs-0b7d31c9e2a4f6058";
constexpr const char* kFsArn = "arn:aws:elasticfilesystem:eu-west-3:111122223333:file-system/fs-0b7d31c9e2a4f6058";
constexpr const char* kRoleArn = "arn:aws:iam::111122223333:role/api-task";

CheckRun Check(const Snapshot& s) { return RunCheck(Def("STO005"), s); }

/// The uploads volume with IAM authorization, mounted by task role api-task whose one inline
/// policy allows `actions` on the file system (and `attached` managed policies).
Snapshot IamMount(std::vector<std::string> actions, std::vector<std::string> attached = {}) {
  auto s = Snapshot::Base("efs-mount-targets-healthy");
  EfsVolumeConfiguration(s)["authorizationConfig"] = {{"iam", "ENABLED"}};
  s.TaskDefinition()["taskRoleArn"] = kRoleArn;
  s.Add("iam-get-account-authorization-details.json", "RoleDetailList",
        IamRole("api-task", "ecs-tasks.amazonaws.com", {{"efs-client", AllowPolicy(actions, kFsArn)}}, attached));
  return s;
}

const std::vector<std::string> kMountAndWrite = {"elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"};

TEST(STO005, FiresWithoutTransitEncryption) {
  auto s = IamMount(kMountAndWrite);
  EfsVolumeConfiguration(s)["transitEncryption"] = "DISABLED";
  auto run = Check(s);
  EXPECT_TRUE(FiresOn(run, kFs, Severity::kBlocker, {"uses IAM authorization without transit encryption"}));
  EXPECT_EQ(run.findings.size(), 1u) << run.Dump();
}

TEST(STO005, FiresWithoutATaskRole) {
  auto s = IamMount(kMountAndWrite);
  s.TaskDefinition().erase("taskRoleArn");
  EXPECT_TRUE(FiresOn(Check(s), kFs, Severity::kBlocker, {"uses IAM authorization without a task role"}));
}

TEST(STO005, FiresWhenTheTaskRoleMayNotMount) {
  auto run = Check(IamMount({"s3:GetObject"}));
  ASSERT_TRUE(FiresOn(run, kFs, Severity::kBlocker, {"task role " + std::string(kRoleArn), "may not mount"}));
  ASSERT_EQ(run.On(kFs)->evidence.size(), 2u) << run.Dump();
  EXPECT_TRUE(EvidenceOn(run, kFs, {"elasticfilesystem:ClientMount on " + std::string(kFsArn)}));
}

// ClientWrite is needed only by a read-write mount: its absence alone is a warning.
TEST(STO005, FiresAsAWarningWhenTheTaskRoleMayMountButNotWrite) {
  auto run = Check(IamMount({"elasticfilesystem:ClientMount"}));
  ASSERT_TRUE(FiresOn(run, kFs, Severity::kWarning, {"may not mount"}));
  EXPECT_TRUE(EvidenceOn(run, kFs, {"elasticfilesystem:ClientWrite"}));
}

TEST(STO005, SilentWhenTheTaskRoleMayMountAndWrite) { EXPECT_TRUE(Silent(Check(IamMount(kMountAndWrite)))); }

TEST(STO005, UncheckedWhenAPolicyOfTheTaskRoleIsNotInTheSnapshot) {
  auto run = Check(IamMount({"s3:GetObject"}, {"arn:aws:iam::111122223333:policy/efs-access"}));
  EXPECT_TRUE(UncheckedBecause(run, {"the policies of task role " + std::string(kRoleArn),
                                     "elasticfilesystem:ClientMount", "cannot be decided"}));
}

}  // namespace
}  // namespace fd::testing
