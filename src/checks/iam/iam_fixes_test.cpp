// The IAM changes the checks share: a least-privilege inline policy for exactly the missing
// grants, and the managed execution policy in the role's own partition.
#include "checks/iam/iam_fixes.h"

#include <gtest/gtest.h>

#include "fix/step.h"

namespace fd::checks {
namespace {

TEST(IamFixes, LeastPrivilegeDocumentGroupsActionsThatShareResources) {
  EXPECT_EQ(
      LeastPrivilegeDocument({{"a:X", {"r2", "r1", "r1"}}, {"a:Y", {"r1", "r2"}}, {"b:Z", {"*"}}}),
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"b:Z\","
      "\"Resource\":\"*\"},"
      "{\"Effect\":\"Allow\",\"Action\":[\"a:X\",\"a:Y\"],\"Resource\":[\"r1\",\"r2\"]}]}");
  EXPECT_EQ(LeastPrivilegeDocument({{"s3:GetObject", {"arn:aws:s3:::b/a\"b\\c"}}}),
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:"
            "GetObject\","
            "\"Resource\":\"arn:aws:s3:::b/a\\\"b\\\\c\"}]}");
}

TEST(IamFixes, TheManagedPolicyCommandFollowsTheRolesPartition) {
  EXPECT_EQ(fix::Cli(AttachExecutionPolicy("arn:aws-cn:iam::111122223333:role/team/exec")).front(),
            "aws iam attach-role-policy --role-name exec --policy-arn "
            "arn:aws-cn:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy");
  EXPECT_EQ(fix::Cli(AttachExecutionPolicy("ecsTaskExecutionRole")).front(),
            "aws iam attach-role-policy --role-name ecsTaskExecutionRole --policy-arn "
            "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy");
}

}  // namespace
}  // namespace fd::checks
