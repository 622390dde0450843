// The task definition's size, compatibility, network mode and status: TD001 cpu/memory, TD002
// Fargate compatibility, TD003 network mode, TD004 container resources, TD005 status. From
// base-private-nat, whose service api runs api:7 (cpu 256, memory 512, awsvpc, FARGATE, one
// container api with cpu 0 and no memory limit).
#include <gtest/gtest.h>

#include "testing/check_harness_ecs.h"

namespace fd::testing {
namespace {

using report::Severity;

constexpr std::string_view kBase = "base-private-nat";
constexpr std::string_view kTaskId = "3f1c9e0a8b7d4c2e9f6a5b4c3d2e1f0a";
constexpr std::string_view kTask =
    "arn:aws:ecs:eu-west-3:111122223333:task/prod/3f1c9e0a8b7d4c2e9f6a5b4c3d2e1f0a";

CheckRun RunTd(Code code, const Snapshot& s) { return RunCheck(Def(code), s.Load()); }

// A task of api run with task-level overrides, diagnosed as the target (`--task`).
CheckRun RunOnTaskWithOverrides(Code code, Snapshot& s, const Json& overrides) {
  Json& task = AddStoppedTask(s, Service(s), std::string(kTaskId), "TaskFailedToStart", "");
  task["overrides"] = overrides;
  analysis::TargetQuery q;
  q.tasks = {std::string(kTask)};
  return RunCheck(Def(code), s.Load(), q);
}

// ---- TD001 -------------------------------------------------------------------------------------

TEST(TD001, SilentOnAValidPairWrittenWithUnits) {
  auto s = Snapshot::Base(kBase);
  s.TaskDefinition()["cpu"] = "1 vCPU";
  s.TaskDefinition()["memory"] = "2 GB";
  EXPECT_TRUE(Silent(RunTd(Code::kTd001, s)));
}

TEST(TD001, FiresOnAPairThatIsNotAFargateSize) {
  auto s = Snapshot::Base(kBase);
  s.TaskDefinition()["memory"] = "4096";
  auto run = RunTd(Code::kTd001, s);
  ASSERT_TRUE(
      FiresOn(run, kApiTaskDefinition, Severity::kBlocker,
              {"api:7 asks for cpu 256 with memory 4096 mib, which is not a fargate size"}));
  const auto* f = run.On(kApiTaskDefinition);
  ASSERT_EQ(f->evidence.size(), 2u);
  EXPECT_EQ(f->evidence[1].claim, "with cpu 256 the memory must be one of 512, 1024, 2048 (MiB)");
  EXPECT_EQ(f->fix.commands.back(),
            "aws ecs update-service --cluster prod --service api --task-definition api");
}

TEST(TD001, FiresWhenTaskLevelMemoryIsMissing) {
  auto s = Snapshot::Base(kBase);
  s.TaskDefinition().erase("memory");
  EXPECT_TRUE(FiresOn(RunTd(Code::kTd001, s), kApiTaskDefinition, Severity::kBlocker,
                      {"api:7 has no task-level memory, which fargate requires"}));
}

TEST(TD001, FiresOnCpuTextThatIsNeitherUnitsNorVcpus) {
  auto s = Snapshot::Base(kBase);
  s.TaskDefinition()["cpu"] = "two vCPU";
  EXPECT_TRUE(FiresOn(RunTd(Code::kTd001, s), kApiTaskDefinition, Severity::kBlocker,
                      {"api:7 has cpu 'two vcpu', which is neither cpu units nor a vcpu count"}));
}

TEST(TD001, FiresOnTheTaskWhenItsOverridesAreNotAFargateSize) {
  auto s = Snapshot::Base(kBase);
  auto run = RunOnTaskWithOverrides(Code::kTd001, s, {{"memory", "3072"}});
  ASSERT_TRUE(FiresOn(
      run, kTask, Severity::kBlocker,
      {"task " + std::string(kTaskId) + " (overrides) asks for cpu 256 with memory 3072 mib"}));
  EXPECT_EQ(run.On(kApiTaskDefinition), nullptr) << "the task definition itself is valid";
}

TEST(TD001, SilentWhenTheTasksOverridesAreAFargateSize) {
  auto s = Snapshot::Base(kBase);
  EXPECT_TRUE(Silent(RunOnTaskWithOverrides(Code::kTd001, s, {{"cpu", "512"}, {"memory", "3072"}})));
}

TEST(TD001, UncheckedWhenTheTaskDefinitionIsNotInTheSnapshot) {
  auto s = Snapshot::Base(kBase);
  s.Drop("ecs-describe-task-definition.json");
  EXPECT_TRUE(UncheckedBecause(
      RunTd(Code::kTd001, s),
      {"task definition " + std::string(kApiTaskDefinition) + " of api is not in the input",
       "(save `aws ecs describe-task-definition --task-definition " + std::string(kApiTaskDefinition) +
           "` output)"}));
}

// ---- TD002 -------------------------------------------------------------------------------------

TEST(TD002, SilentWhenOnlyTheComputedCompatibilitiesAreGiven) {
  auto s = Snapshot::Base(kBase);
  s.TaskDefinition().erase("requiresCompatibilities");
  EXPECT_TRUE(Silent(RunTd(Code::kTd002, s)));
}

TEST(TD002, FiresWhenRequiresCompatibilitiesLacksFargate) {
  auto s = Snapshot::Base(kBase);
  s.TaskDefinition()["requiresCompatibilities"] = Json::array({"EC2"});
  auto run = RunTd(Code::kTd002, s);
  ASSERT_TRUE(FiresOn(run, kApiTaskDefinition, Severity::kBlocker,
                      {"api:7 is not registered as fargate-compatible"}));
  EXPECT_EQ(run.On(kApiTaskDefinition)->evidence,
            (std::vector<report::Evidence>{{std::string(kApiTaskDefinition),
                                            "requiresCompatibilities is [EC2], without FARGATE"}}));
}

TEST(TD002, FiresWhenTheComputedCompatibilitiesLackFargate) {
  auto s = Snapshot::Base(kBase);
  s.TaskDefinition().erase("requiresCompatibilities");
  s.TaskDefinition()["compatibilities"] = Json::array({"EC2", "EXTERNAL"});
  auto run = RunTd(Code::kTd002, s);
  ASSERT_TRUE(FiresOn(run, kApiTaskDefinition, Severity::kBlocker,
                      {"not registered as fargate-compatible"}));
  EXPECT_EQ(run.On(kApiTaskDefinition)->evidence.at(0).claim,
            "ECS computed compatibilities [EC2, EXTERNAL], without FARGATE");
}

// ---- TD003 -------------------------------------------------------------------------------------

TEST(TD003, SilentOnAwsvpc) {
  auto s = Snapshot::Base(kBase);
  EXPECT_TRUE(Silent(RunTd(Code::kTd003, s)));
}

TEST(TD003, FiresOnBridge) {
  auto s = Snapshot::Base(kBase);
  s.TaskDefinition()["networkMode"] = "bridge";
  auto run = RunTd(Code::kTd003, s);
  ASSERT_TRUE(FiresOn(run, kApiTaskDefinition, Severity::kBlocker,
                      {"api:7 does not use the awsvpc network mode fargate requires"}));
  EXPECT_EQ(run.On(kApiTaskDefinition)->evidence.at(0).claim, "networkMode is bridge");
}

TEST(TD003, FiresWhenNoNetworkModeIsSetSoEcsUsesBridge) {
  auto s = Snapshot::Base(kBase);
  s.TaskDefinition().erase("networkMode");
  auto run = RunTd(Code::kTd003, s);
  ASSERT_TRUE(FiresOn(run, kApiTaskDefinition, Severity::kBlocker,
                      {"does not use the awsvpc network mode"}));
  EXPECT_EQ(run.On(kApiTaskDefinition)->evidence.at(0).claim,
            "networkMode is not set, so ECS uses bridge");
}

// ---- TD004 -------------------------------------------------------------------------------------

// api and a sidecar, with the given container cpu and memory (0: not set).
Snapshot TwoContainers(int cpu_each, int memory_each) {
  auto s = Snapshot::Base(kBase);
  Json& side = AddContainer(s, "sidecar");
  for (Json* c : {&Container(s, "api"), &side}) {
    (*c)["cpu"] = cpu_each;
    if (memory_each) (*c)["memory"] = memory_each;
  }
  return s;
}

TEST(TD004, SilentWhenTheContainersFillTheTaskExactly) {
  EXPECT_TRUE(Silent(RunTd(Code::kTd004, TwoContainers(128, 256))));
}

TEST(TD004, FiresWhenTheContainersMemoryLimitsExceedTheTask) {
  auto run = RunTd(Code::kTd004, TwoContainers(128, 384));
  ASSERT_TRUE(FiresOn(run, kApiTaskDefinition, Severity::kBlocker,
                      {"the containers of api:7 ask for more than the task has"}));
  EXPECT_EQ(run.On(kApiTaskDefinition)->evidence,
            (std::vector<report::Evidence>{
                {std::string(kApiTaskDefinition),
                 "the containers' memory limits add up to 768 MiB, above the task's 512 MiB"}}));
}

TEST(TD004, FiresWhenTheContainersCpuExceedsTheTask) {
  auto run = RunTd(Code::kTd004, TwoContainers(256, 256));
  ASSERT_TRUE(
      FiresOn(run, kApiTaskDefinition, Severity::kBlocker, {"ask for more than the task has"}));
  EXPECT_EQ(run.On(kApiTaskDefinition)->evidence.at(0).claim,
            "the containers' cpu adds up to 512 units, above the task's 256");
}

TEST(TD004, FiresWhenAReservationExceedsItsContainersLimit) {
  auto s = TwoContainers(128, 256);
  Container(s, "api")["memoryReservation"] = 384;
  auto run = RunTd(Code::kTd004, s);
  ASSERT_TRUE(
      FiresOn(run, kApiTaskDefinition, Severity::kBlocker, {"ask for more than the task has"}));
  EXPECT_EQ(run.On(kApiTaskDefinition)->evidence.at(0).claim,
            "container api reserves 384 MiB, above its own memory limit 256 MiB");
}

TEST(TD004, SilentWhenTheTasksMemoryOverrideMakesRoom) {
  // The containers ask for 768 MiB; the task definition's 512 would not hold them, the task's
  // override of 1024 does.
  auto s = TwoContainers(128, 384);
  EXPECT_TRUE(Silent(RunOnTaskWithOverrides(Code::kTd004, s, {{"memory", "1024"}})));
}

// ---- TD005 -------------------------------------------------------------------------------------

TEST(TD005, FiresWhenTheRevisionIsBeingDeleted) {
  auto s = Snapshot::Base(kBase);
  s.TaskDefinition()["status"] = "DELETE_IN_PROGRESS";
  auto run = RunTd(Code::kTd005, s);
  ASSERT_TRUE(FiresOn(run, kApiTaskDefinition, Severity::kBlocker, {"api:7 is being deleted"}));
  EXPECT_EQ(run.On(kApiTaskDefinition)->evidence.at(0).claim, "status is DELETE_IN_PROGRESS");
}

TEST(TD005, SilentForAServiceOnAnInactiveRevision) {
  // Services already on a deregistered revision keep scaling it.
  auto s = Snapshot::Base(kBase);
  s.TaskDefinition()["status"] = "INACTIVE";
  EXPECT_TRUE(Silent(RunTd(Code::kTd005, s)));
}

TEST(TD005, FiresWhenAnInactiveRevisionIsToBeRun) {
  auto s = Snapshot::Base(kBase);
  s.TaskDefinition()["status"] = "INACTIVE";
  analysis::TargetQuery q;
  q.task_definition_ref = std::string(kApiTaskDefinition);
  q.subnets = {s.Id("Subnets", "shop-prod-private-a")};
  auto run = RunCheck(Def(Code::kTd005), s.Load(), q);
  ASSERT_TRUE(
      FiresOn(run, kApiTaskDefinition, Severity::kBlocker, {"api:7 is deregistered (inactive)"}));
  for (const auto& cmd : run.On(kApiTaskDefinition)->fix.commands)
    EXPECT_EQ(cmd.find("update-service"), std::string::npos) << "no service to update: " << cmd;
}

}  // namespace
}  // namespace fd::testing
