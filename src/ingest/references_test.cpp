// What the live collector learns from an answer (ingest/references.h): the IDs its next calls
// need, read where ingest reads everything else.
#include <string>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "ingest/references.h"

namespace fd::ingest {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Pair;

TEST(ReferencesOf, ServicesNameTaskDefinitionsOnceAndTheirNetworks) {
  AnswerRefs r = ReferencesOf("ecs", "describe-services", R"({
    "services": [{
      "serviceArn": "arn:aws:ecs:eu-west-3:111122223333:service/prod/api", "serviceName": "api",
      "taskDefinition": "td:3",
      "deployments": [
        {"taskDefinition": "td:2", "networkConfiguration": {"awsvpcConfiguration":
            {"subnets": ["subnet-2", 7], "securityGroups": ["sg-dep"]}}},
        {"taskDefinition": "td:3"}],
      "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-1"]}}}],
    "failures": [{"arn": "arn:aws:ecs:eu-west-3:111122223333:service/prod/gone", "reason": "MISSING"}]})");
  EXPECT_THAT(r.task_definitions, ElementsAre("td:3", "td:2"));  // first seen, once
  EXPECT_THAT(r.subnets, ElementsAre("subnet-2", "subnet-1"));   // the number is skipped
  EXPECT_THAT(r.security_groups, ElementsAre("sg-dep"));
  EXPECT_THAT(r.service_names, ElementsAre("api"));
  EXPECT_THAT(r.arns, ElementsAre("arn:aws:ecs:eu-west-3:111122223333:service/prod/api"));
  ASSERT_EQ(r.failures.size(), 1u);
  EXPECT_EQ(r.failures[0].reason, "MISSING");
}

TEST(ReferencesOf, TasksNameTheirEniAttachment) {
  AnswerRefs r = ReferencesOf("ecs", "describe-tasks", R"({"tasks": [{
    "taskArn": "arn:aws:ecs:eu-west-3:111122223333:task/prod/abc", "taskDefinitionArn": "td:3",
    "attachments": [{"details": [{"name": "subnetId", "value": "subnet-1"},
                                 {"name": "networkInterfaceId", "value": "eni-1"},
                                 {"name": "privateIPv4Address", "value": "10.0.0.5"}]}]}]})");
  EXPECT_THAT(r.task_definitions, ElementsAre("td:3"));
  EXPECT_THAT(r.subnets, ElementsAre("subnet-1"));
  EXPECT_THAT(r.network_interfaces, ElementsAre("eni-1"));
}

TEST(ReferencesOf, TaskDefinitionRolesImagesLogsSecretsAndFileSystems) {
  AnswerRefs r = ReferencesOf("ecs", "describe-task-definition", R"({"taskDefinition": {
    "executionRoleArn": "arn:aws:iam::111122223333:role/exec",
    "containerDefinitions": [
      {"image": "111122223333.dkr.ecr.eu-west-3.amazonaws.com/api:1",
       "secrets": [{"name": "A", "valueFrom": "arn:aws:ssm:eu-west-3:111122223333:parameter/a"}],
       "repositoryCredentials": {"credentialsParameter": "hub"},
       "logConfiguration": {"logDriver": "awslogs",
                            "options": {"awslogs-group": "/ecs/api", "awslogs-region": "eu-west-1"},
                            "secretOptions": [{"name": "t", "valueFrom": "token"}]}},
      {"image": "nginx", "logConfiguration": {"logDriver": "splunk", "options": {"awslogs-group": "/no"}}}],
    "volumes": [{"name": "data", "efsVolumeConfiguration": {"fileSystemId": "fs-1"}}, {"name": "tmp"}]}})");
  EXPECT_THAT(r.role_arns, ElementsAre("arn:aws:iam::111122223333:role/exec"));
  EXPECT_THAT(r.images, ElementsAre("111122223333.dkr.ecr.eu-west-3.amazonaws.com/api:1", "nginx"));
  ASSERT_EQ(r.log_groups.size(), 1u);  // only the awslogs driver writes to CloudWatch Logs
  EXPECT_EQ(r.log_groups[0].group, "/ecs/api");
  EXPECT_EQ(r.log_groups[0].region, "eu-west-1");
  EXPECT_THAT(r.secret_refs,
              ElementsAre("arn:aws:ssm:eu-west-3:111122223333:parameter/a", "token", "hub"));
  EXPECT_THAT(r.file_systems, ElementsAre("fs-1"));
}

TEST(ReferencesOf, OnlyCustomerKeysAndDefaultPolicyVersions) {
  EXPECT_THAT(ReferencesOf("kms", "describe-key",
                           R"({"KeyMetadata": {"Arn": "arn:k1", "KeyManager": "CUSTOMER"}})")
                  .customer_key_arns,
              ElementsAre("arn:k1"));
  EXPECT_THAT(ReferencesOf("kms", "describe-key",
                           R"({"KeyMetadata": {"Arn": "arn:k2", "KeyManager": "AWS"}})")
                  .customer_key_arns,
              IsEmpty());
  EXPECT_THAT(ReferencesOf("iam", "get-policy", R"({"Policy": {"Arn": "arn:p", "DefaultVersionId": "v3"}})")
                  .policy_versions,
              ElementsAre(Pair("arn:p", "v3")));
  EXPECT_THAT(ReferencesOf("iam", "get-policy", R"({"Policy": {"Arn": "arn:p"}})").policy_versions,
              IsEmpty());
}

TEST(ReferencesOf, SecurityGroupRulesNamePrefixListsBothWays) {
  AnswerRefs r = ReferencesOf("ec2", "describe-security-groups", R"({"SecurityGroups": [{
    "IpPermissions": [{"PrefixListIds": [{"PrefixListId": "pl-in"}]}],
    "IpPermissionsEgress": [{"PrefixListIds": [{"PrefixListId": "pl-out"}]}]}]})");
  EXPECT_THAT(r.prefix_lists, ElementsAre("pl-in", "pl-out"));
}

TEST(ReferencesOf, NothingFromOtherOperationsOrBadAnswers) {
  const std::string subnets = R"({"Subnets": [{"SubnetId": "subnet-1", "VpcId": "vpc-1"}]})";
  EXPECT_THAT(ReferencesOf("ec2", "describe-subnets", subnets).vpcs, ElementsAre("vpc-1"));
  EXPECT_THAT(ReferencesOf("ec2", "describe-route-tables", subnets).vpcs, IsEmpty());
  EXPECT_THAT(ReferencesOf("ec2", "describe-availability-zones", subnets).vpcs, IsEmpty());
  EXPECT_THAT(ReferencesOf("ec2", "describe-subnets", "not json").vpcs, IsEmpty());
  EXPECT_THAT(ReferencesOf("ec2", "describe-subnets", R"(["Subnets"])").vpcs, IsEmpty());
}

}  // namespace
}  // namespace fd::ingest
