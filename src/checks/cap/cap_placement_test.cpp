// Where a task may be placed: CAP006 Fargate Spot with what Spot does not run (from
// base-private-nat, service api launched through capacity providers instead), and CAP010 ARM64
// in an Availability Zone or Region AWS listed without Graviton Fargate (in-memory designs: no
// base scenario lies in such a Region).
#include <gtest/gtest.h>

#include "testing/check_harness_ecs.h"
#include "testing/model_fixture.h"

namespace fd::testing {
namespace {

using report::Severity;

// ---- CAP006 ------------------------------------------------------------------------------------

// base-private-nat on FARGATE_SPOT (or FARGATE) at `platform`, Linux on `arch`.
Snapshot OnCapacity(const std::string& provider, const std::string& platform,
                    const std::string& arch = "X86_64") {
  auto s = Snapshot::Base("base-private-nat");
  Json& svc = Service(s);
  SetCapacityProviders(svc, {provider});
  SetPlatformVersion(s, "api", platform);
  s.TaskDefinition()["runtimePlatform"] = {{"operatingSystemFamily", "LINUX"},
                                           {"cpuArchitecture", arch}};
  return s;
}

CheckRun Run006(const Snapshot& s) { return RunCheck(Def(Code::kCap006), s.Load()); }

TEST(CAP006, FiresOnSpotBelowPlatform130) {
  auto run = Run006(OnCapacity("FARGATE_SPOT", "1.2.0"));
  ASSERT_TRUE(FiresOn(run, kApiService, Severity::kBlocker,
                      {"api uses fargate spot in a configuration spot does not run"}));
  const auto* f = run.On(kApiService);
  EXPECT_EQ(f->evidence.at(0).claim,
            "FARGATE_SPOT needs platform version 1.3.0 or later; the task runs on 1.2.0");
  EXPECT_EQ(f->fix.commands,
            std::vector<std::string>{"aws ecs update-service --cluster prod --service api "
                                     "--platform-version LATEST --force-new-deployment"});
}

TEST(CAP006, SilentOnFargateBelowPlatform130) {
  EXPECT_TRUE(Silent(Run006(OnCapacity("FARGATE", "1.2.0"))));
}

TEST(CAP006, FiresOnSpotArm64BelowPlatform140) {
  auto run = Run006(OnCapacity("FARGATE_SPOT", "1.3.0", "ARM64"));
  ASSERT_TRUE(FiresOn(run, kApiService, Severity::kBlocker, {"uses fargate spot"}));
  EXPECT_EQ(
      run.On(kApiService)->evidence.at(0).claim,
      "ARM64 tasks run on FARGATE_SPOT only on platform version 1.4.0; the task runs on 1.3.0");
}

TEST(CAP006, SilentOnSpotArm64OnPlatform140) {
  EXPECT_TRUE(Silent(Run006(OnCapacity("FARGATE_SPOT", "1.4.0", "ARM64"))));
}

TEST(CAP006, SilentOnSpotX86OnPlatform130) {
  EXPECT_TRUE(Silent(Run006(OnCapacity("FARGATE_SPOT", "1.3.0"))));
}

TEST(CAP006, FiresOnSpotForWindows) {
  auto s = OnCapacity("FARGATE_SPOT", "LATEST");
  s.TaskDefinition()["runtimePlatform"]["operatingSystemFamily"] = "WINDOWS_SERVER_2022_CORE";
  auto run = Run006(s);
  ASSERT_TRUE(FiresOn(run, kApiService, Severity::kBlocker, {"uses fargate spot"}));
  const auto* f = run.On(kApiService);
  EXPECT_EQ(f->evidence.at(0).claim, "Windows tasks cannot run on FARGATE_SPOT");
  EXPECT_EQ(f->fix.commands, std::vector<std::string>{
                                 "aws ecs update-service --cluster prod --service api "
                                 "--capacity-provider-strategy capacityProvider=FARGATE,weight=1 "
                                 "--force-new-deployment"});
}

TEST(CAP006, SilentWhenSpotHasNeitherWeightNorBase) {
  auto s = OnCapacity("FARGATE_SPOT", "1.2.0");
  Json& strategy = Service(s)["capacityProviderStrategy"];
  strategy[0]["weight"] = 0;
  strategy.push_back({{"capacityProvider", "FARGATE"}, {"weight", 1}, {"base", 0}});
  EXPECT_TRUE(Silent(Run006(s)));
}

// ---- CAP010 ------------------------------------------------------------------------------------

// An ARM64 (or X86_64) task definition to be run in two subnets of one VPC of `region`, in the
// zones `az_a` and `az_b`.
struct Arm64Design {
  model::Model model;
  analysis::TargetQuery query;
};

Arm64Design Design(const std::string& region, const std::string& az_a, const std::string& az_b,
                   const std::string& arch = "ARM64") {
  Fixture f;
  f.region = region;
  f.Vpc("vpc-1", "10.0.0.0/16");
  f.Subnet("subnet-a", "vpc-1", "10.0.1.0/24", az_a);
  f.Subnet("subnet-b", "vpc-1", "10.0.2.0/24", az_b);
  model::TaskDefinition td;
  td.arn = "arn:aws:ecs:" + region + ":111122223333:task-definition/api:7";
  td.family = "api";
  td.revision = 7;
  td.region = region;
  td.status = "ACTIVE";
  td.network_mode = "awsvpc";
  td.requires_compatibilities = {"FARGATE"};
  td.cpu = "256";
  td.memory = "512";
  td.cpu_architecture = arch;
  td.operating_system_family = "LINUX";
  model::ContainerDefinition c;
  c.name = "api";
  c.image = "111122223333.dkr.ecr." + region + ".amazonaws.com/api:1.4";
  td.containers.push_back(c);
  f.builder().AddTaskDefinition(td);
  Arm64Design d{f.Build(), {}};
  d.query.task_definition_ref = td.arn;
  d.query.subnets = {"subnet-a", "subnet-b"};
  return d;
}

TEST(CAP010, FiresAsAWarningOnTheSubnetInAListedZone) {
  auto d = Design("us-east-1", "use1-az3", "use1-az1");
  auto run = RunCheck(Def(Code::kCap010), d.model, d.query);
  ASSERT_TRUE(FiresOn(run, "subnet-a", Severity::kWarning,
                      {"subnet subnet-a may be where arm64 fargate is not offered"}));
  EXPECT_EQ(run.findings.size(), 1u) << run.Dump();
  const auto* f = run.On("subnet-a");
  EXPECT_EQ(f->evidence.at(0).claim, "AWS listed use1-az3 (us-east-1a) without ARM64 Fargate");
  EXPECT_EQ(f->subnets, std::vector<std::string>{"subnet-a"});
  // The other subnet works: keep only it.
  EXPECT_EQ(f->fix.commands,
            std::vector<std::string>{
                "aws ecs run-task --launch-type FARGATE --task-definition "
                "arn:aws:ecs:us-east-1:111122223333:task-definition/api:7 --network-configuration "
                "\"awsvpcConfiguration={subnets=[subnet-b],assignPublicIp=DISABLED}\""});
}

TEST(CAP010, SilentOnX86InTheSameZones) {
  auto d = Design("us-east-1", "use1-az3", "use1-az1", "X86_64");
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kCap010), d.model, d.query)));
}

TEST(CAP010, SilentOnArm64InZonesThatOfferIt) {
  auto d = Design("us-east-1", "use1-az1", "use1-az2");
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kCap010), d.model, d.query)));
}

TEST(CAP010, FiresOnEverySubnetOfAListedRegion) {
  auto d = Design("me-south-1", "mes1-az1", "mes1-az2");
  auto run = RunCheck(Def(Code::kCap010), d.model, d.query);
  for (const char* subnet : {"subnet-a", "subnet-b"}) {
    ASSERT_TRUE(
        FiresOn(run, subnet, Severity::kWarning, {"may be where arm64 fargate is not offered"}));
    const auto* f = run.On(subnet);
    EXPECT_EQ(f->evidence.at(0).claim, "AWS listed Region me-south-1 without ARM64 Fargate");
    // No subnet is left: the architecture is what must change.
    EXPECT_EQ(f->fix.summary, "run the task on X86_64 (set runtimePlatform.cpuArchitecture to X86_64 with an x86 image), or in a "
                                 "Region with ARM64 Fargate");
  }
}

}  // namespace
}  // namespace fd::testing
