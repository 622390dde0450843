#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "ingest/snapshot.h"
#include "testing/load_files.h"

namespace fd::ingest {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

using fd::testing::Load;

constexpr const char* kServices = R"({"services": [{
    "serviceArn": "arn:aws:ecs:eu-west-3:111122223333:service/prod/web",
    "serviceName": "web", "clusterArn": "arn:aws:ecs:eu-west-3:111122223333:cluster/prod",
    "status": "ACTIVE", "taskDefinition": "arn:aws:ecs:eu-west-3:111122223333:task-definition/web:7",
    "desiredCount": 2, "runningCount": 0, "pendingCount": 2, "launchType": "FARGATE",
    "platformVersion": "LATEST", "platformFamily": "Linux",
    "deploymentConfiguration": {"maximumPercent": 200, "minimumHealthyPercent": 100},
    "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-a", "subnet-b"],
        "securityGroups": ["sg-1"], "assignPublicIp": "DISABLED"}},
    "deployments": [{"id": "ecs-svc/1", "status": "PRIMARY",
        "taskDefinition": "arn:aws:ecs:eu-west-3:111122223333:task-definition/web:7",
        "desiredCount": 2, "pendingCount": 2, "runningCount": 0, "failedTasks": 3,
        "launchType": "FARGATE", "platformVersion": "1.4.0", "rolloutState": "IN_PROGRESS",
        "rolloutStateReason": "ECS deployment ecs-svc/1 in progress.",
        "serviceConnectConfiguration": {"enabled": true, "namespace": "ns"},
        "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-a"],
            "securityGroups": ["sg-1"], "assignPublicIp": "ENABLED"}}}],
    "events": [{"id": "e1", "createdAt": 1466801812.435,
                "message": "(service web) was unable to place a task."},
               {"id": "e2", "createdAt": "2024-01-02T03:04:05Z", "message": "(service web) started 1 task."}]},
  {"serviceArn": "arn:aws:ecs:eu-west-3:111122223333:service/prod/worker", "serviceName": "worker",
   "capacityProviderStrategy": [{"capacityProvider": "FARGATE_SPOT", "weight": 3, "base": 1},
                                {"capacityProvider": "FARGATE", "weight": 1}]}],
  "failures": []})";

TEST(IngestEcs, Services) {
  auto m = Load({{"services.json", kServices}});
  const model::EcsService* s =
      m.services().Find("arn:aws:ecs:eu-west-3:111122223333:service/prod/web");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->name, "web");
  EXPECT_EQ(s->region, "eu-west-3");
  EXPECT_EQ(s->account, "111122223333");
  EXPECT_EQ(s->cluster_arn, "arn:aws:ecs:eu-west-3:111122223333:cluster/prod");
  EXPECT_EQ(s->launch_type, "FARGATE");
  EXPECT_EQ(s->platform_version, "LATEST");
  EXPECT_EQ(s->desired_count, 2);
  EXPECT_EQ(s->pending_count, 2);
  EXPECT_EQ(s->maximum_percent, 200);
  EXPECT_EQ(s->minimum_healthy_percent, 100);
  EXPECT_TRUE(s->network.present);
  EXPECT_THAT(s->network.subnets, ElementsAre("subnet-a", "subnet-b"));
  EXPECT_THAT(s->network.security_groups, ElementsAre("sg-1"));
  EXPECT_EQ(s->network.assign_public_ip, false);
  EXPECT_EQ(s->network.assign_public_ip_raw, "DISABLED");
  EXPECT_TRUE(s->service_connect_enabled);
  ASSERT_EQ(s->deployments.size(), 1u);
  const model::Deployment& d = s->deployments[0];
  EXPECT_EQ(d.status, "PRIMARY");
  EXPECT_EQ(d.platform_version, "1.4.0");
  EXPECT_EQ(d.rollout_state, "IN_PROGRESS");
  EXPECT_EQ(d.failed_tasks, 3);
  EXPECT_EQ(d.network.assign_public_ip, true);
  EXPECT_THAT(d.network.subnets, ElementsAre("subnet-a"));
  EXPECT_EQ(d.source.pointer, "/services/0/deployments/0");
  ASSERT_EQ(s->events.size(), 2u);
  EXPECT_EQ(s->events[0].message, "(service web) was unable to place a task.");
  EXPECT_EQ(s->events[0].created_at, "1466801812.435");
  EXPECT_EQ(s->events[1].created_at, "2024-01-02T03:04:05Z");
  EXPECT_EQ(s->source.pointer, "/services/0");

  const model::EcsService* w =
      m.services().Find("arn:aws:ecs:eu-west-3:111122223333:service/prod/worker");
  ASSERT_NE(w, nullptr);
  EXPECT_FALSE(w->network.present);
  EXPECT_FALSE(w->network.assign_public_ip.has_value());  // not an awsvpc service
  ASSERT_EQ(w->capacity_provider_strategy.size(), 2u);
  EXPECT_EQ(w->capacity_provider_strategy[0].capacity_provider, "FARGATE_SPOT");
  EXPECT_EQ(w->capacity_provider_strategy[0].weight, 3);
  EXPECT_EQ(w->capacity_provider_strategy[0].base, 1);
  EXPECT_FALSE(w->maximum_percent.has_value());
  EXPECT_TRUE(m.Has("services"));
  EXPECT_THAT(m.notes(), IsEmpty());
}

TEST(IngestEcs, SingularServiceOfCreateService) {
  auto m = Load({{"create.json",
                  R"({"service": {"serviceArn": "arn:aws:ecs:us-west-2:123456789012:service/c/s",
      "serviceName": "s", "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-1"],
      "assignPublicIp": "enabled"}}}})"}});
  const model::EcsService* s = m.services().Find("arn:aws:ecs:us-west-2:123456789012:service/c/s");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->source.pointer, "/service");
  EXPECT_EQ(s->network.assign_public_ip_raw, "enabled");  // kept as written for TD008
  EXPECT_EQ(s->network.assign_public_ip, false);
  EXPECT_TRUE(m.Has("service"));
}

TEST(IngestEcs, Tasks) {
  auto m = Load({{"tasks.json", R"({"tasks": [{
      "taskArn": "arn:aws:ecs:us-east-1:123456789012:task/MyCluster/74de",
      "clusterArn": "arn:aws:ecs:us-east-1:123456789012:cluster/MyCluster",
      "taskDefinitionArn": "arn:aws:ecs:us-east-1:123456789012:task-definition/webserver:2",
      "lastStatus": "STOPPED", "desiredStatus": "STOPPED", "stopCode": "TaskFailedToStart",
      "stoppedReason": "ResourceInitializationError: unable to pull secrets",
      "launchType": "FARGATE", "platformVersion": "1.4.0", "platformFamily": "Linux",
      "group": "service:web", "availabilityZone": "us-east-1b",
      "overrides": {"containerOverrides": [{"name": "web", "environment": [{"name": "K", "value": "hidden"}]}],
                    "executionRoleArn": "arn:aws:iam::123456789012:role/exec", "cpu": "512", "memory": 1024},
      "attachments": [{"id": "a1", "type": "ElasticNetworkInterface", "status": "DELETED", "details": [
          {"name": "subnetId", "value": "subnet-0d0e"}, {"name": "networkInterfaceId", "value": "eni-0fa4"},
          {"name": "macAddress", "value": "0e:89"}, {"name": "privateIPv4Address", "value": "10.0.1.184"}]},
          {"id": "a2", "type": "Service Connect", "details": []}],
      "containers": [{"name": "web", "image": "nginx", "lastStatus": "STOPPED", "exitCode": 1,
                      "reason": "CannotPullContainerError: pull image manifest"},
                     {"name": "side", "image": "busybox", "lastStatus": "PENDING"}]}], "failures": []})"}});
  const model::EcsTask* t =
      m.tasks().Find("arn:aws:ecs:us-east-1:123456789012:task/MyCluster/74de");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->region, "us-east-1");
  EXPECT_EQ(t->account, "123456789012");
  EXPECT_EQ(t->stop_code, "TaskFailedToStart");
  EXPECT_EQ(t->stopped_reason, "ResourceInitializationError: unable to pull secrets");
  EXPECT_EQ(t->group, "service:web");
  EXPECT_EQ(t->availability_zone, "us-east-1b");
  EXPECT_EQ(t->execution_role_override, "arn:aws:iam::123456789012:role/exec");
  EXPECT_EQ(t->cpu_override, "512");
  EXPECT_EQ(t->memory_override, "1024");
  ASSERT_EQ(t->enis.size(), 1u);
  EXPECT_EQ(t->enis[0].eni_id, "eni-0fa4");
  EXPECT_EQ(t->enis[0].subnet_id, "subnet-0d0e");
  EXPECT_EQ(t->enis[0].private_ipv4, "10.0.1.184");
  EXPECT_EQ(t->enis[0].status, "DELETED");
  ASSERT_EQ(t->containers.size(), 2u);
  EXPECT_EQ(t->containers[0].exit_code, 1);
  EXPECT_EQ(t->containers[0].reason, "CannotPullContainerError: pull image manifest");
  EXPECT_FALSE(t->containers[1].exit_code.has_value());
  EXPECT_THAT(m.notes(), IsEmpty());
}

constexpr const char* kTaskDefinition = R"({"taskDefinition": {
    "taskDefinitionArn": "arn:aws:ecs:eu-west-3:111122223333:task-definition/web:7",
    "family": "web", "revision": 7, "status": "ACTIVE", "networkMode": "awsvpc",
    "requiresCompatibilities": ["FARGATE"], "compatibilities": ["EC2", "FARGATE"],
    "cpu": "256", "memory": "512",
    "executionRoleArn": "arn:aws:iam::111122223333:role/exec", "taskRoleArn": "arn:aws:iam::111122223333:role/task",
    "runtimePlatform": {"cpuArchitecture": "ARM64", "operatingSystemFamily": "LINUX"},
    "ephemeralStorage": {"sizeInGiB": 30},
    "containerDefinitions": [{
      "name": "app", "image": "111122223333.dkr.ecr.eu-west-3.amazonaws.com/app:1", "essential": true,
      "cpu": 128, "memory": 256, "memoryReservation": 128,
      "environment": [{"name": "DB_PASSWORD", "value": "hunter2-plaintext"}],
      "secrets": [{"name": "API_KEY", "valueFrom": "arn:aws:secretsmanager:eu-west-3:111122223333:secret:api-AbCd"}],
      "environmentFiles": [{"value": "arn:aws:s3:::bucket/app.env", "type": "s3"}],
      "repositoryCredentials": {"credentialsParameter": "arn:aws:secretsmanager:eu-west-3:111122223333:secret:hub"},
      "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/web",
          "awslogs-region": "eu-west-3", "awslogs-create-group": "true"},
          "secretOptions": [{"name": "token", "valueFrom": "arn:aws:ssm:eu-west-3:111122223333:parameter/t"}]}},
     {"name": "log_router", "image": "amazon/aws-for-fluent-bit", "essential": false,
      "firelensConfiguration": {"type": "fluentbit"}}],
    "volumes": [{"name": "data", "efsVolumeConfiguration": {"fileSystemId": "fs-1", "rootDirectory": "/",
        "transitEncryption": "ENABLED", "authorizationConfig": {"accessPointId": "fsap-1", "iam": "ENABLED"}}},
                {"name": "scratch", "host": {}}]},
  "tags": []})";

TEST(IngestEcs, TaskDefinition) {
  auto m = Load({{"td.json", kTaskDefinition}});
  const model::TaskDefinition* td = m.FindTaskDefinition("web:7");
  ASSERT_NE(td, nullptr);
  EXPECT_EQ(td->arn, "arn:aws:ecs:eu-west-3:111122223333:task-definition/web:7");
  EXPECT_EQ(td->region, "eu-west-3");
  EXPECT_EQ(td->account, "111122223333");
  EXPECT_EQ(td->revision, 7);
  EXPECT_THAT(td->requires_compatibilities, ElementsAre("FARGATE"));
  EXPECT_THAT(td->compatibilities, ElementsAre("EC2", "FARGATE"));
  EXPECT_EQ(td->network_mode, "awsvpc");
  EXPECT_EQ(td->cpu, "256");
  EXPECT_EQ(td->memory, "512");
  EXPECT_EQ(td->task_role_arn, "arn:aws:iam::111122223333:role/task");
  EXPECT_EQ(td->cpu_architecture, "ARM64");
  EXPECT_EQ(td->operating_system_family, "LINUX");
  EXPECT_EQ(td->ephemeral_storage_gib, 30);
  ASSERT_EQ(td->containers.size(), 2u);
  const model::ContainerDefinition& app = td->containers[0];
  EXPECT_EQ(app.cpu, 128);
  EXPECT_EQ(app.memory, 256);
  EXPECT_EQ(app.memory_reservation, 128);
  ASSERT_EQ(app.secrets.size(), 1u);
  EXPECT_EQ(app.secrets[0].name, "API_KEY");
  EXPECT_EQ(app.secrets[0].value_from,
            "arn:aws:secretsmanager:eu-west-3:111122223333:secret:api-AbCd");
  ASSERT_EQ(app.environment_files.size(), 1u);
  EXPECT_EQ(app.environment_files[0].type, "s3");
  EXPECT_EQ(app.repository_credentials, "arn:aws:secretsmanager:eu-west-3:111122223333:secret:hub");
  ASSERT_TRUE(app.log_configuration.has_value());
  EXPECT_EQ(app.log_configuration->log_driver, "awslogs");
  EXPECT_EQ(app.log_configuration->options.at("awslogs-group"), "/ecs/web");
  EXPECT_EQ(app.log_configuration->secret_options.size(), 1u);
  EXPECT_EQ(app.log_configuration->source.pointer,
            "/taskDefinition/containerDefinitions/0/logConfiguration");
  EXPECT_FALSE(app.firelens);
  EXPECT_EQ(app.source.pointer, "/taskDefinition/containerDefinitions/0");
  EXPECT_FALSE(td->containers[1].essential);
  EXPECT_TRUE(td->containers[1].firelens);
  ASSERT_EQ(td->efs_volumes.size(), 1u);
  EXPECT_EQ(td->efs_volumes[0].name, "data");
  EXPECT_EQ(td->efs_volumes[0].file_system_id, "fs-1");
  EXPECT_EQ(td->efs_volumes[0].access_point_id, "fsap-1");
  EXPECT_TRUE(td->efs_volumes[0].iam_authorization);
  EXPECT_EQ(td->efs_volumes[0].transit_encryption, "ENABLED");
  EXPECT_TRUE(m.Has("taskDefinition"));
}

/// Every string the model holds about task definitions and tasks.
std::string AllText(const model::Model& m) {
  std::string all;
  for (const auto& td : m.task_definitions()) {
    for (const auto& c : td.containers) {
      all += c.name + c.image + c.repository_credentials;
      for (const auto& s : c.secrets) all += s.name + s.value_from;
      for (const auto& f : c.environment_files) all += f.value + f.type;
      if (c.log_configuration)
        for (const auto& [k, v] : c.log_configuration->options) all += k + v;
    }
  }
  for (const auto& n : m.notes()) all += n.note + n.pointer;
  return all;
}

TEST(IngestEcs, SecretValuesAreNeverStored) {
  auto m = Load({{"td.json", kTaskDefinition}});
  std::string all = AllText(m);
  EXPECT_THAT(all, HasSubstr("API_KEY"));
  EXPECT_THAT(all, Not(HasSubstr("hunter2")));
  EXPECT_THAT(all, Not(HasSubstr("DB_PASSWORD")));
}

TEST(IngestEcs, BareTaskDefinitionFile) {
  auto m = Load({{"us-east-2/taskdef.json", R"({"family": "api", "networkMode": "awsvpc",
      "requiresCompatibilities": ["FARGATE"], "cpu": 1024, "memory": "2 GB",
      "containerDefinitions": [{"name": "api", "image": "public.ecr.aws/nginx/nginx:1",
          "memory": "512", "environment": [{"name": "TOKEN", "value": "s3cr3t"}]}]})"}});
  const model::TaskDefinition* td = m.FindTaskDefinition("api");
  ASSERT_NE(td, nullptr);
  EXPECT_EQ(td->arn, "");
  EXPECT_EQ(td->revision, 0);
  EXPECT_EQ(td->cpu, "1024");  // a JSON number becomes text
  EXPECT_EQ(td->memory, "2 GB");
  EXPECT_EQ(td->region, "us-east-2");
  EXPECT_EQ(td->source.pointer, "");
  ASSERT_EQ(td->containers.size(), 1u);
  EXPECT_TRUE(td->containers[0].essential);  // the ECS default
  EXPECT_EQ(td->containers[0].memory, 512);
  EXPECT_TRUE(m.Has("containerDefinitions"));
  EXPECT_THAT(AllText(m), Not(HasSubstr("s3cr3t")));
  EXPECT_THAT(m.notes(), IsEmpty());
}

TEST(IngestEcs, Clusters) {
  auto m =
      Load({{"clusters.json",
             R"({"clusters": [{"clusterArn": "arn:aws:ecs:us-west-2:123456789012:cluster/default",
      "clusterName": "default", "status": "ACTIVE", "capacityProviders": ["FARGATE", "FARGATE_SPOT"]}],
      "failures": []})"}});
  const model::Cluster* c = m.clusters().Find("arn:aws:ecs:us-west-2:123456789012:cluster/default");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->name, "default");
  EXPECT_EQ(c->region, "us-west-2");
  EXPECT_THAT(c->capacity_providers, ElementsAre("FARGATE", "FARGATE_SPOT"));
}

TEST(IngestEcs, WrongTypesBecomeNotes) {
  auto m = Load({{"s.json", R"({"services": [{"serviceArn": "arn:aws:ecs:us-west-2:1:service/c/s",
      "desiredCount": "many", "networkConfiguration": {"awsvpcConfiguration": {"subnets": "subnet-a"}},
      "deployments": {"not": "a list"}}, {"serviceName": "no-arn"}]})"}});
  const model::EcsService* s = m.services().Find("arn:aws:ecs:us-west-2:1:service/c/s");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->desired_count, 0);
  EXPECT_TRUE(s->network.present);
  EXPECT_THAT(s->network.subnets, IsEmpty());
  std::vector<std::string> pointers;
  for (const auto& n : m.notes()) pointers.push_back(n.pointer);
  EXPECT_THAT(pointers, ElementsAre("/services/0/deployments", "/services/0/desiredCount",
                                    "/services/0/networkConfiguration/awsvpcConfiguration/subnets",
                                    "/services/1"));
}

class IngestTaskDefinitionFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("fd_ingest_td_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_ / "eu-central-1");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Write(const std::string& rel, const std::string& text) {
    std::ofstream(dir_ / rel) << text;
    return (dir_ / rel).string();
  }
  std::filesystem::path dir_;
};

TEST_F(IngestTaskDefinitionFile, ReadsBareDescribeAndEnvelopedForms) {
  auto bare = LoadTaskDefinitionFile(
      Write("eu-central-1/td.json",
            R"({"family": "x", "containerDefinitions": [{"name": "c", "image": "i"}]})"));
  ASSERT_TRUE(bare.has_value()) << bare.error().message;
  EXPECT_EQ(bare->family, "x");
  EXPECT_EQ(bare->region, "eu-central-1");
  EXPECT_EQ(bare->source.file, "td.json");

  auto described = LoadTaskDefinitionFile(Write("d.json", kTaskDefinition));
  ASSERT_TRUE(described.has_value());
  EXPECT_EQ(described->DisplayName(), "web:7");

  auto enveloped = LoadTaskDefinitionFile(Write(
      "e.json",
      R"({"fargateDoctorEnvelope": 1, "command": ["ecs", "describe-task-definition"], "region": "sa-east-1",
          "output": {"taskDefinition": {"family": "y", "containerDefinitions": []}}})"));
  ASSERT_TRUE(enveloped.has_value());
  EXPECT_EQ(enveloped->family, "y");
  EXPECT_EQ(enveloped->region, "sa-east-1");
  EXPECT_EQ(enveloped->source.pointer, "/output/taskDefinition");
}

TEST_F(IngestTaskDefinitionFile, Errors) {
  auto missing = LoadTaskDefinitionFile((dir_ / "nope.json").string());
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::kIo);

  auto not_td = LoadTaskDefinitionFile(Write("v.json", R"({"Vpcs": []})"));
  ASSERT_FALSE(not_td.has_value());
  EXPECT_EQ(not_td.error().code, ErrorCode::kInvalidInput);
  EXPECT_THAT(not_td.error().message, HasSubstr("v.json: not a task definition"));

  auto bad = LoadTaskDefinitionFile(Write("bad.json", "{\"family\": }"));
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidJson);
  EXPECT_THAT(bad.error().message, HasSubstr("bad.json: invalid JSON at byte 12"));
}

}  // namespace
}  // namespace fd::ingest
