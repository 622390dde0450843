#include "report/cli_requirements.h"

#include <gtest/gtest.h>

namespace fd::report {
namespace {

TEST(CliRequirementsTest, ReadsBothMajorVersionsAndRefusesOtherText) {
  auto v2 = ParseAwsCliVersion("aws-cli/2.9.19 Python/3.11.2 Linux/6.1.0 source/x86_64.debian.12 prompt/off\n");
  ASSERT_TRUE(v2);
  EXPECT_EQ(v2->Text(), "2.9.19");
  auto v1 = ParseAwsCliVersion("aws-cli/1.45.11 Python/3.11.7 Linux/6.18 botocore/1.43.11");
  ASSERT_TRUE(v1);
  EXPECT_EQ((CliVersion{1, 45, 11}), *v1);
  EXPECT_FALSE(ParseAwsCliVersion("Python/3.11"));
  EXPECT_FALSE(ParseAwsCliVersion("aws-cli/3.0.0"));
  EXPECT_FALSE(ParseAwsCliVersion("aws-cli/2.x.1"));
  EXPECT_LT((CliVersion{2, 9, 19}), (CliVersion{2, 15, 10}));  // numeric, not textual
}

TEST(CliRequirementsTest, AnOptionCountsOnlyAsAWholeWordOfItsOperation) {
  auto r = CliRequirementOf(
      "aws ecs update-service --cluster c --service s --volume-configurations '[{\"name\":\"v\"}]'");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->what, "aws ecs update-service --volume-configurations");
  EXPECT_EQ(r->v2, (CliVersion{2, 15, 10}));
  EXPECT_TRUE(CliRequirementOf("aws ecs update-service --volume-configurations=[]"));
  // The same update without the option, an option name inside a quoted value, another
  // operation: nothing new is needed.
  EXPECT_FALSE(CliRequirementOf("aws ecs update-service --cluster c --service s --force-new-deployment"));
  EXPECT_FALSE(CliRequirementOf("aws ecs update-service --service 's --volume-configurations'"));
  EXPECT_FALSE(CliRequirementOf("aws ecs describe-services --volume-configurations"));
  ASSERT_TRUE(CliRequirementOf("aws ecr update-image-storage-class --repository-name r"));
}

TEST(CliRequirementsTest, OnlyAnOlderCliOfTheSameMajorGetsTheNote) {
  const std::string cmd = "aws ecr update-image-storage-class --repository-name r --image-id imageTag=t "
                          "--target-storage-class STANDARD";
  auto note = NewerCliNeeded(cmd, {2, 9, 19});
  ASSERT_TRUE(note);
  EXPECT_EQ(*note, "needs AWS CLI 2.32.0 or later (v1: 1.43.0); this aws is 2.9.19");
  EXPECT_FALSE(NewerCliNeeded(cmd, {2, 32, 0}));
  EXPECT_FALSE(NewerCliNeeded(cmd, {1, 45, 11}));
  auto v1 = NewerCliNeeded(cmd, {1, 42, 9});
  ASSERT_TRUE(v1);
  EXPECT_NE(v1->find("needs AWS CLI 1.43.0 or later (v2: 2.32.0)"), std::string::npos);
}

TEST(CliRequirementsTest, MarksFixAndRemedyCommandsAsShellComments) {
  Report rep;
  Finding f;
  f.fix.commands = {"aws ecr update-image-storage-class --repository-name r",
                    "aws ecr describe-images --repository-name r"};
  rep.findings.push_back(f);
  Target t;
  t.remedies.push_back(Remedy{});
  t.remedies[0].changes.push_back(Change{"", {"aws ecs run-task --volume-configurations []"}, false});
  rep.targets.push_back(t);
  MarkCommandsNeedingNewerCli(rep, {2, 9, 19});
  EXPECT_EQ(rep.findings[0].fix.commands[0],
            "aws ecr update-image-storage-class --repository-name r  # needs AWS CLI 2.32.0 or later "
            "(v1: 1.43.0); this aws is 2.9.19");
  EXPECT_EQ(rep.findings[0].fix.commands[1], "aws ecr describe-images --repository-name r");
  EXPECT_NE(rep.targets[0].remedies[0].changes[0].commands[0].find("# needs AWS CLI 2.15.10"),
            std::string::npos);
}

}  // namespace
}  // namespace fd::report
