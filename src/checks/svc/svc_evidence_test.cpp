// The service checks that read what AWS recorded (describe-services events, describe-tasks stop
// reasons): SVC005 back-off and rollback, SVC010 the health-check boundary, SVC011 the GuardDuty
// sidecar, and SVC012, which the engine reports for every message no finding explains. From
// base-private-nat, whose events are all routine (steady state at 09:58:40).
#include <gtest/gtest.h>

#include "testing/check_harness_ecs.h"

namespace fd::testing {
namespace {

using report::Severity;

constexpr std::string_view kBase = "base-private-nat";

// ---- SVC005 ------------------------------------------------------------------------------------

TEST(SVC005, FiresAsContextWhenEcsBacksOffRelaunches) {
  auto s = Snapshot::Base(kBase);
  const std::string message =
      "(service api) is unable to consistently start tasks successfully. For more information, see "
      "the Troubleshooting section of the Amazon ECS Developer Guide.";
  AddEvent(Service(s), message);
  auto run = RunCheck(Def(Code::kSvc005), s.Load());
  ASSERT_TRUE(FiresOn(run, kApiService, Severity::kInfo,
                      {"ecs is backing off relaunches of api", "this is a symptom"}));
  EXPECT_EQ(run.On(kApiService)->evidence, EventEvidence(message));
}

TEST(SVC005, FiresWhenADeploymentRolledBack) {
  auto s = Snapshot::Base(kBase);
  Json& d = Deployment(Service(s));
  d["rolloutState"] = "FAILED";
  d["rolloutStateReason"] = "ECS deployment circuit breaker: tasks failed to start.";
  auto run = RunCheck(Def(Code::kSvc005), s.Load());
  ASSERT_TRUE(FiresOn(run, kApiService, Severity::kInfo,
                      {"a deployment of api failed and was rolled back"}));
  EXPECT_EQ(run.On(kApiService)->evidence.at(0).claim,
            "deployment ecs-svc/4412817165334523791 "
            "(arn:aws:ecs:eu-west-3:111122223333:task-definition/api:7) "
            "rolloutState FAILED: ECS deployment circuit breaker: tasks failed to start.");
}

TEST(SVC005, SilentWhileTheDeploymentIsInProgressWithRoutineEvents) {
  auto s = Snapshot::Base(kBase);
  Deployment(Service(s))["rolloutState"] = "IN_PROGRESS";
  AddEvent(Service(s),
           "(service api) has started 1 tasks: (task 0123456789abcdef0123456789abcdef).");
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kSvc005), s.Load())));
}

// ---- SVC010 ------------------------------------------------------------------------------------

TEST(SVC010, FiresWhenATaskWasStoppedForFailedElbHealthChecks) {
  auto s = Snapshot::Base(kBase);
  AddStoppedTask(
      s, Service(s), "0a1b2c3d4e5f60718293a4b5c6d7e8f9", "ServiceSchedulerInitiated",
      "Task failed ELB health checks in (target-group "
      "arn:aws:elasticloadbalancing:eu-west-3:111122223333:targetgroup/api/0123456789abcdef)");
  auto run = RunCheck(Def(Code::kSvc010), s.Load());
  ASSERT_TRUE(FiresOn(run, kApiService, Severity::kInfo,
                      {"tasks of api started and were stopped later", "not a start failure"}));
  EXPECT_EQ(run.On(kApiService)->evidence.at(0).resource,
            "arn:aws:ecs:eu-west-3:111122223333:task/prod/0a1b2c3d4e5f60718293a4b5c6d7e8f9");
}

TEST(SVC010, SilentWhenTheTaskWasStoppedByTheScheduler) {
  auto s = Snapshot::Base(kBase);
  AddStoppedTask(s, Service(s), "0a1b2c3d4e5f60718293a4b5c6d7e8f9", "ServiceSchedulerInitiated",
                 "Scaling activity initiated by (deployment ecs-svc/4412817165334523791)");
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kSvc010), s.Load())));
}

// ---- SVC011 ------------------------------------------------------------------------------------

constexpr std::string_view kSidecarPull =
    "CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve "
    "ref 593207742271.dkr.ecr.eu-west-3.amazonaws.com/aws-guardduty-agent-fargate:v1.5.0: "
    "unexpected status from HEAD request: 403 Forbidden";

// A task of api that stopped with `reason` on a second container named `container`.
void AddTaskWithContainerReason(Snapshot& s, const std::string& container,
                                std::string_view reason) {
  Json& task = AddStoppedTask(s, Service(s), "5e2d8c1a9b7f4e3d8c6b5a4f3e2d1c0b",
                              "EssentialContainerExited", "Essential container in task exited");
  task["containers"].push_back(
      {{"name", container},
       {"image", "593207742271.dkr.ecr.eu-west-3.amazonaws.com/aws-guardduty-agent-fargate:v1.5.0"},
       {"lastStatus", "STOPPED"},
       {"reason", reason}});
}

TEST(SVC011, FiresWhenTheGuardDutySidecarCouldNotBePulled) {
  auto s = Snapshot::Base(kBase);
  AddTaskWithContainerReason(s, "aws-guardduty-agent-nm3vQk", kSidecarPull);
  auto run = RunCheck(Def(Code::kSvc011), s.Load());
  ASSERT_TRUE(FiresOn(
      run, kApiService, Severity::kWarning,
      {"guardduty runtime monitoring sidecar of api could not be pulled", "runs unmonitored"}));
  EXPECT_EQ(run.On(kApiService)->evidence.at(0).claim, Quoted(std::string(kSidecarPull)));
}

TEST(SVC011, SilentWhenTheSamePullErrorIsAnApplicationContainers) {
  auto s = Snapshot::Base(kBase);
  AddTaskWithContainerReason(s, "worker", kSidecarPull);
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kSvc011), s.Load())));
}

// ---- SVC012 ------------------------------------------------------------------------------------

constexpr std::string_view kEniTimeout =
    "Timeout waiting for network interface provisioning to complete.";
constexpr std::string_view kTask =
    "arn:aws:ecs:eu-west-3:111122223333:task/prod/00000000000000000000000000000053";

TEST(SVC012, FiresWhenNoFindingExplainsAFailedStart) {
  auto s = Snapshot::Base(kBase);
  AddStoppedTask(s, Service(s), "00000000000000000000000000000053", "TaskFailedToStart",
                 std::string(kEniTimeout));
  auto run = RunEvidenceAttachment(s.Load(), {});
  // A failed start after the last steady state: a warning on the task.
  ASSERT_TRUE(FiresOn(run.svc012, kTask, Severity::kWarning,
                      {"task " + std::string(kTask) + " stopped with", std::string(kEniTimeout),
                       "no finding of cap002, cap008, cap009 shows such a fault"}));
}

TEST(SVC012, FiresAsInfoForAFailureTheServiceRecoveredFrom) {
  auto s = Snapshot::Base(kBase);
  AddStoppedTask(s, Service(s), "00000000000000000000000000000053", "TaskFailedToStart",
                 std::string(kEniTimeout),
                 "2025-03-11T09:47:02.511000+01:00");  // before the steady state of 09:58:40
  auto run = RunEvidenceAttachment(s.Load(), {});
  EXPECT_TRUE(FiresOn(run.svc012, kTask, Severity::kInfo, {std::string(kEniTimeout)}));
}

TEST(SVC012, SilentWhenAFindingOfACodeTheMessageNamesExplainsIt) {
  auto s = Snapshot::Base(kBase);
  AddStoppedTask(s, Service(s), "00000000000000000000000000000053", "TaskFailedToStart",
                 std::string(kEniTimeout));
  auto run = RunEvidenceAttachment(s.Load(), {Code::kCap009});
  EXPECT_TRUE(Silent(run.svc012));
  ASSERT_EQ(run.others.size(), 1u);
  EXPECT_EQ(run.others[0].code, "CAP009");
}

TEST(SVC012, SilentWhenACheckTheMessageNamesWasLeftOut) {
  // --ignore CAP009: its absence proves nothing about the message.
  auto s = Snapshot::Base(kBase);
  AddStoppedTask(s, Service(s), "00000000000000000000000000000053", "TaskFailedToStart",
                 std::string(kEniTimeout));
  auto run =
      RunEvidenceAttachment(s.Load(), {}, [](Code code) { return code != Code::kCap009; });
  EXPECT_TRUE(Silent(run.svc012));
}

}  // namespace
}  // namespace fd::testing
