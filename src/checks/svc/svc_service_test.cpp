// The service's own configuration: SVC004 capacity providers, SVC006 deployment configuration,
// SVC007 service discovery / Service Connect, SVC008 cluster state, SVC009 the failing
// deployment's network configuration. From base-private-nat (service api of cluster prod, which
// associates FARGATE and FARGATE_SPOT; two tasks, maximumPercent 200, minimumHealthyPercent 100)
// and services-lb-discovery-healthy (Cloud Map registry and Service Connect on api:8080).
#include <gtest/gtest.h>

#include <gmock/gmock.h>

#include "testing/check_harness_ecs.h"

namespace fd::testing {
namespace {

using report::Severity;

// ---- SVC004 ------------------------------------------------------------------------------------

TEST(SVC004, SilentWhenTheClusterAssociatesTheProvidersOfTheStrategy) {
  auto s = Snapshot::Base("base-private-nat");
  SetCapacityProviders(Service(s), {"FARGATE", "FARGATE_SPOT"});
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kSvc004), s.Load())));
}

TEST(SVC004, FiresWhenTheClusterHasNotAssociatedFargateSpot) {
  auto s = Snapshot::Base("base-private-nat");
  SetCapacityProviders(Service(s), {"FARGATE", "FARGATE_SPOT"});
  s.Item("clusters", "prod")["capacityProviders"] = Json::array({"FARGATE"});
  auto run = RunCheck(Def(Code::kSvc004), s.Load());
  ASSERT_TRUE(
      FiresOn(run, kProdCluster, Severity::kBlocker,
              {"the strategy of api names fargate_spot but cluster prod has not associated it"}));
  const auto* f = run.On(kProdCluster);
  EXPECT_EQ(f->evidence.at(0).claim, "capacityProviders of prod: FARGATE");
  EXPECT_EQ(f->fix.commands,
            std::vector<std::string>{
                "aws ecs put-cluster-capacity-providers --cluster prod --capacity-providers "
                "FARGATE FARGATE_SPOT --default-capacity-provider-strategy "
                "capacityProvider=FARGATE,weight=1 --region eu-west-3"});
}

TEST(SVC004, FiresWhenTheStrategyMixesFargateAndAnAutoScalingGroupProvider) {
  auto s = Snapshot::Base("base-private-nat");
  SetCapacityProviders(Service(s), {"FARGATE", "prod-asg-provider"});
  auto run = RunCheck(Def(Code::kSvc004), s.Load());
  ASSERT_TRUE(FiresOn(run, kApiService, Severity::kBlocker,
                      {"mixes fargate and auto scaling group providers"}));
  EXPECT_EQ(run.findings.size(), 1u) << "FARGATE itself is associated\n" << run.Dump();
}

TEST(SVC004, UncheckedWithoutDescribeClusters) {
  auto s = Snapshot::Base("base-private-nat");
  SetCapacityProviders(Service(s), {"FARGATE_SPOT"});
  s.Drop("ecs-describe-clusters.json");
  EXPECT_TRUE(
      UncheckedBecause(RunCheck(Def(Code::kSvc004), s.Load()),
                       {"cluster " + std::string(kProdCluster) + " of api is not in the snapshot",
                        "(save `aws ecs describe-clusters --clusters " + std::string(kProdCluster) +
                            "` output)"}));
}

// ---- SVC006 ------------------------------------------------------------------------------------

void SetDeploymentConfiguration(Snapshot& s, int maximum, int minimum) {
  Json& c = Service(s)["deploymentConfiguration"];
  c["maximumPercent"] = maximum;
  c["minimumHealthyPercent"] = minimum;
}

TEST(SVC006, FiresWhenNeitherAStopNorAnExtraTaskIsAllowed) {
  auto s = Snapshot::Base("base-private-nat");
  SetDeploymentConfiguration(s, 100, 100);
  auto run = RunCheck(Def(Code::kSvc006), s.Load());
  ASSERT_TRUE(FiresOn(run, kApiService, Severity::kWarning,
                      {"deployment configuration of api leaves no room to replace a task",
                       "minimumhealthypercent 100, maximumpercent 100, desiredcount 2"}));
  EXPECT_EQ(run.On(kApiService)->evidence.at(0).claim,
            "at least 2 task(s) must keep running and at most 2 may run, of 2 desired");
}

TEST(SVC006, SilentWhenOneExtraTaskFits) {
  auto s = Snapshot::Base("base-private-nat");
  SetDeploymentConfiguration(s, 150, 100);  // 2 desired: 2 must run, 3 may
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kSvc006), s.Load())));
}

TEST(SVC006, FiresWhenAwsReportsTheDeploymentConfigurationInAnEvent) {
  auto s = Snapshot::Base("base-private-nat");
  const std::string message =
      "(service api) was unable to stop or start tasks during a deployment because of the service "
      "deployment configuration. Update the minimumHealthyPercent or "
      "maximumPercent value and try again.";
  AddEvent(Service(s), message);
  auto run = RunCheck(Def(Code::kSvc006), s.Load());
  ASSERT_TRUE(
      FiresOn(run, kApiService, Severity::kWarning,
              {"aws reports that the deployment configuration of api keeps it from starting"}));
  EXPECT_EQ(run.On(kApiService)->evidence, EventEvidence(message));
}

// ---- SVC007 ------------------------------------------------------------------------------------

constexpr std::string_view kDiscoveryBase = "services-lb-discovery-healthy";

CheckRun RunSvc007(Snapshot& s) { return RunCheck(Def(Code::kSvc007), s.Load()); }

TEST(SVC007, SilentWhenRegistryAndServiceConnectNameMappedPorts) {
  auto s = Snapshot::Base(kDiscoveryBase);
  EXPECT_TRUE(Silent(RunSvc007(s)));
}

TEST(SVC007, FiresWhenServiceConnectPublishesAPortNameNoMappingHas) {
  auto s = Snapshot::Base(kDiscoveryBase);
  Deployment(Service(s))["serviceConnectConfiguration"]["services"][0]["portName"] = "api-http";
  auto run = RunSvc007(s);
  ASSERT_TRUE(
      FiresOn(run, kApiService, Severity::kWarning,
              {"service discovery / service connect of api names ports api:7 does not have"}));
  EXPECT_EQ(
      run.On(kApiService)->evidence.at(0).claim,
      "Service Connect publishes portName api-http, but no port mapping of api:7 has that name "
      "(named: api-8080-tcp)");
}

TEST(SVC007, SilentWhenServiceConnectIsDisabled) {
  auto s = Snapshot::Base(kDiscoveryBase);
  Json& sc = Deployment(Service(s))["serviceConnectConfiguration"];
  sc["services"][0]["portName"] = "api-http";
  sc["enabled"] = false;
  EXPECT_TRUE(Silent(RunSvc007(s)));
}

TEST(SVC007, FiresOnEachWrongServiceRegistry) {
  auto s = Snapshot::Base(kDiscoveryBase);
  Json& regs = Service(s)["serviceRegistries"];
  regs[0]["containerPort"] = 9090;
  regs.push_back({{"registryArn", "arn:aws:servicediscovery:eu-west-3:111122223333:service/srv-2"},
                  {"containerName", "web"},
                  {"containerPort", 8080}});
  regs.push_back({{"containerName", "api"}, {"containerPort", 8080}});
  auto run = RunSvc007(s);
  ASSERT_TRUE(FiresOn(run, kApiService, Severity::kWarning, {"names ports api:7 does not have"}));
  EXPECT_THAT(Claims(run, kApiService),
            ::testing::UnorderedElementsAreArray(std::vector<std::string>{
                "serviceRegistries names api:9090, a port that container does not map in api:7",
                "serviceRegistries names container web, which api:7 does not have",
                "a serviceRegistries entry has no registryArn",
            }));
}

// ---- SVC008 ------------------------------------------------------------------------------------

TEST(SVC008, SilentWhenTheClusterIsActive) {
  auto s = Snapshot::Base("base-private-nat");
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kSvc008), s.Load())));
}

TEST(SVC008, FiresWhenTheClusterIsInactive) {
  auto s = Snapshot::Base("base-private-nat");
  s.Item("clusters", "prod")["status"] = "INACTIVE";
  auto run = RunCheck(Def(Code::kSvc008), s.Load());
  ASSERT_TRUE(FiresOn(run, kProdCluster, Severity::kBlocker, {"cluster prod of api is inactive"}));
  EXPECT_EQ(
      run.On(kProdCluster)->fix.commands,
      std::vector<std::string>{"aws ecs create-cluster --cluster-name prod --region eu-west-3"});
}

TEST(SVC008, FiresWhenDescribeClustersOfTheRegionListsOnlyOtherClusters) {
  auto s = Snapshot::Base("base-private-nat");
  Json& cluster = s.Item("clusters", "prod");
  cluster["clusterArn"] = "arn:aws:ecs:eu-west-3:111122223333:cluster/staging";
  cluster["clusterName"] = "staging";
  auto run = RunCheck(Def(Code::kSvc008), s.Load());
  ASSERT_TRUE(FiresOn(run, kProdCluster, Severity::kBlocker,
                      {"cluster prod of api is not in the describe-clusters output of eu-west-3"}));
}

TEST(SVC008, SilentWhenDescribeClustersWasNotCollected) {
  // A cluster that was not collected is not a missing cluster.
  auto s = Snapshot::Base("base-private-nat");
  s.Drop("ecs-describe-clusters.json");
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kSvc008), s.Load())));
}

// ---- SVC009 ------------------------------------------------------------------------------------

constexpr std::string_view kDeployment = "ecs-svc/4412817165334523791";

// The PRIMARY deployment places tasks in the public subnet a only, with its public IP on.
Snapshot DeploymentInPublicSubnet(int failed_tasks, const std::string& rollout_state) {
  auto s = Snapshot::Base("base-private-nat");
  Json& d = Deployment(Service(s));
  d["networkConfiguration"]["awsvpcConfiguration"]["subnets"] =
      Json::array({s.Id("Subnets", "shop-prod-public-a")});
  d["networkConfiguration"]["awsvpcConfiguration"]["assignPublicIp"] = "ENABLED";
  d["failedTasks"] = failed_tasks;
  d["rolloutState"] = rollout_state;
  return s;
}

TEST(SVC009, FiresWhenTheFailingDeploymentUsesOtherSubnets) {
  auto s = DeploymentInPublicSubnet(3, "IN_PROGRESS");
  auto run = RunCheck(Def(Code::kSvc009), s.Load());
  ASSERT_TRUE(
      FiresOn(run, kDeployment, Severity::kBlocker,
              {"deployment ecs-svc/4412817165334523791 of api (3 failed tasks) uses a different "
               "network configuration than the service",
               "subnets only in deployment"}));
  EXPECT_THAT(Claims(run, kDeployment),
            ::testing::UnorderedElementsAreArray(std::vector<std::string>{
                "subnets only in deployment ecs-svc/4412817165334523791: subnet-0b62c9a97558a0334",
                "subnets only in the service: subnet-00675a05856e4a684, subnet-080b457310ddde48b, "
                "subnet-0938a53a4a322a710",
                "assignPublicIp ENABLED in deployment ecs-svc/4412817165334523791, "
                "DISABLED in the service",
            }));
}

TEST(SVC009, FiresWhenTheRolloutFailedEvenWithoutCountedFailures) {
  auto s = DeploymentInPublicSubnet(0, "FAILED");
  EXPECT_TRUE(FiresOn(RunCheck(Def(Code::kSvc009), s.Load()), kDeployment, Severity::kBlocker,
                      {"(0 failed tasks) uses a different network configuration"}));
}

TEST(SVC009, SilentWhenTheDifferentDeploymentHasNotFailed) {
  auto s = DeploymentInPublicSubnet(0, "IN_PROGRESS");
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kSvc009), s.Load())));
}

TEST(SVC009, SilentWhenTheFailingDeploymentUsesTheServicesNetwork) {
  auto s = Snapshot::Base("base-private-nat");
  Json& d = Deployment(Service(s));
  d["failedTasks"] = 3;
  d["rolloutState"] = "IN_PROGRESS";
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kSvc009), s.Load())));
}

}  // namespace
}  // namespace fd::testing
