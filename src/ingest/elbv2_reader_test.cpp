// Readers for the shapes the service-attachment and storage checks read: elbv2 target groups and
// load balancers, EFS access points, and the service / task definition fields they join with.
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "ingest/snapshot.h"
#include "testing/load_files.h"

namespace fd::ingest {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

using fd::testing::Load;

TEST(IngestElbv2, TargetGroupsAndLoadBalancers) {
  const std::string tg = "arn:aws:elasticloadbalancing:eu-west-3:1:targetgroup/web/6d0e";
  const std::string lb = "arn:aws:elasticloadbalancing:eu-west-3:1:loadbalancer/app/shop/50dc";
  auto m = Load({{"tg.json", R"({"TargetGroups": [{"TargetGroupArn": ")" + tg + R"(",
                     "TargetGroupName": "web", "Protocol": "HTTP", "Port": 8080, "VpcId": "vpc-1",
                     "TargetType": "instance", "IpAddressType": "ipv4",
                     "LoadBalancerArns": [")" + lb + R"("]}]})"},
                 {"lb.json", R"({"LoadBalancers": [{"LoadBalancerArn": ")" + lb + R"(",
                     "LoadBalancerName": "shop", "Type": "application", "Scheme": "internal",
                     "VpcId": "vpc-1", "State": {"Code": "active"}, "IpAddressType": "ipv4",
                     "AvailabilityZones": [{"ZoneName": "eu-west-3a", "SubnetId": "subnet-a"}]}]})"}});
  EXPECT_THAT(m.notes(), IsEmpty());
  ASSERT_NE(m.target_groups().Find(tg), nullptr);
  const auto& g = *m.target_groups().Find(tg);
  EXPECT_EQ(g.target_type, "instance");
  EXPECT_EQ(g.region, "eu-west-3");
  EXPECT_EQ(g.port, 8080);
  EXPECT_THAT(g.load_balancer_arns, ElementsAre(lb));
  ASSERT_NE(m.load_balancers().Find(lb), nullptr);
  EXPECT_THAT(m.load_balancers().Find(lb)->zone_names, ElementsAre("eu-west-3a"));
  EXPECT_EQ(m.load_balancers().Find(lb)->state, "active");
  EXPECT_TRUE(m.Has("TargetGroups"));
  EXPECT_TRUE(m.Has("LoadBalancers"));
}

TEST(IngestElbv2, AccessPointsServiceAttachmentsAndTaskDefinitionFields) {
  auto m = Load(
      {{"ap.json", R"({"AccessPoints": [{"AccessPointId": "fsap-1", "FileSystemId": "fs-1",
           "AccessPointArn": "arn:aws:elasticfilesystem:eu-west-3:1:access-point/fsap-1",
           "LifeCycleState": "available", "RootDirectory": {"Path": "/data"}}]})"},
       {"svc.json", R"({"services": [{"serviceArn": "arn:aws:ecs:eu-west-3:1:service/prod/web",
           "serviceName": "web", "loadBalancers": [{"targetGroupArn": "tg", "containerName": "web",
           "containerPort": 80}], "serviceRegistries": [{"registryArn": "srv", "containerName": "web"}],
           "deployments": [{"id": "d", "status": "PRIMARY",
             "serviceConnectConfiguration": {"enabled": true, "services": [{"portName": "http"}]},
             "volumeConfigurations": [{"name": "scratch", "managedEBSVolume": {
               "roleArn": "arn:aws:iam::1:role/infra", "sizeInGiB": 30, "volumeType": "gp3"}}]}]}]})"},
       {"td.json", R"({"taskDefinition": {"family": "web", "revision": 1,
           "volumes": [{"name": "scratch", "configuredAtLaunch": true}],
           "containerDefinitions": [{"name": "log_router", "image": "fluent-bit",
             "firelensConfiguration": {"type": "fluentbit",
               "options": {"config-file-type": "s3", "config-file-value": "arn:aws:s3:::b/k"}},
             "portMappings": [{"containerPort": 80, "name": "http"}]}]}})"}});
  EXPECT_THAT(m.notes(), IsEmpty());
  const auto* ap = m.efs_access_points().Find("fsap-1");
  ASSERT_NE(ap, nullptr);
  EXPECT_EQ(ap->root_path, "/data");
  EXPECT_FALSE(ap->creation_info);
  const auto* s = m.services().Find("arn:aws:ecs:eu-west-3:1:service/prod/web");
  ASSERT_NE(s, nullptr);
  ASSERT_EQ(s->load_balancers.size(), 1u);
  EXPECT_EQ(s->load_balancers[0].container_port, 80);
  ASSERT_EQ(s->service_registries.size(), 1u);
  ASSERT_TRUE(s->service_connect.has_value());
  EXPECT_THAT(s->service_connect->port_names, ElementsAre("http"));
  ASSERT_EQ(s->volume_configurations.size(), 1u);
  EXPECT_EQ(s->volume_configurations[0].size_gib, 30);
  const auto* td = m.FindTaskDefinition("web:1");
  ASSERT_NE(td, nullptr);
  EXPECT_THAT(td->configured_at_launch, ElementsAre("scratch"));
  EXPECT_EQ(td->containers[0].firelens_options.at("config-file-type"), "s3");
  EXPECT_EQ(td->containers[0].port_mappings[0].name, "http");
}

}  // namespace
}  // namespace fd::ingest
