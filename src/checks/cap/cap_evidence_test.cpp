// The capacity checks only AWS's own words can show (service events, stopped reasons): CAP003
// vCPU quota, CAP004 task-size limit, CAP005 Fargate capacity, CAP007 throttling, CAP008 ENI
// quota, CAP009 ENI provisioning timeout. From base-private-nat, whose events are all routine;
// each silent case is its firing twin with the message of a neighbouring cause, which the check
// must leave to that cause's check.
#include <gtest/gtest.h>

#include "testing/check_harness_ecs.h"

namespace fd::testing {
namespace {

using report::Severity;

constexpr std::string_view kBase = "base-private-nat";

const std::string kVcpuQuota =
    "(service api) was unable to place a task. Reason: You've reached the limit on the number of "
    "vCPUs you can run concurrently";
const std::string kSizeLimit =
    "(service api) was unable to place a task. Reason: The requested CPU configuration is above "
    "your limit.";
const std::string kNoCapacity =
    "(service api) was unable to place a task. Reason: Capacity is unavailable at this time. "
    "Please try again later or in a different availability zone.";
const std::string kThrottled =
    "(service api) operations are being throttled. Will try again later.";
const std::string kBackOff =
    "(service api) is unable to consistently start tasks successfully. For more information, see "
    "the Troubleshooting section of the Amazon ECS Developer Guide.";
const std::string kEniQuota =
    "(service api) failed to launch a task with (error NetworkInterfaceLimitExceeded: You have "
    "reached the limit on the number of network interfaces in this Region).";
const std::string kEniTimeout = "Timeout waiting for network interface provisioning to complete.";

// The check `code` over base-private-nat with one more service event.
CheckRun RunWithEvent(Code code, const std::string& message) {
  auto s = Snapshot::Base(kBase);
  AddEvent(Service(s), message);
  return RunCheck(Def(code), s.Load());
}

// The check `code` over base-private-nat with a task of api that failed to start for `reason`.
CheckRun RunWithFailedStart(Code code, const std::string& reason) {
  auto s = Snapshot::Base(kBase);
  AddStoppedTask(s, Service(s), "00000000000000000000000000000053", "TaskFailedToStart", reason);
  return RunCheck(Def(code), s.Load());
}

// ---- CAP003 ------------------------------------------------------------------------------------

TEST(CAP003, FiresWhenAnEventNamesTheVcpuLimit) {
  auto run = RunWithEvent(Code::kCap003, kVcpuQuota);
  ASSERT_TRUE(FiresOn(run, kApiService, Severity::kWarning,
                      {"aws reports that api could not be placed because the fargate vcpu quota of "
                       "eu-west-3 is reached"}));
  const auto* f = run.On(kApiService);
  EXPECT_EQ(f->evidence, EventEvidence(kVcpuQuota));
  EXPECT_EQ(f->fix.commands.at(0),
            "aws service-quotas get-service-quota --service-code fargate --quota-code L-3032A538 "
            "--region eu-west-3");
}

TEST(CAP003, FiresAsABlockerWhenATaskFailedToStartForIt) {
  auto run = RunWithFailedStart(Code::kCap003, "You've reached the limit on the number of tasks you can run concurrently");
  EXPECT_TRUE(FiresOn(run, kApiService, Severity::kBlocker,
                      {"fargate vcpu quota of eu-west-3 is reached"}));
}

TEST(CAP003, FiresWithTheSpotQuotaForAFargateSpotService) {
  auto s = Snapshot::Base(kBase);
  SetCapacityProviders(Service(s), {"FARGATE_SPOT"});
  AddEvent(Service(s), kVcpuQuota);
  auto run = RunCheck(Def(Code::kCap003), s.Load());
  ASSERT_TRUE(FiresOn(run, kApiService, Severity::kWarning, {"vcpu quota"}));
  EXPECT_NE(run.On(kApiService)->fix.commands.at(0).find("--quota-code L-36FBB829"),
            std::string::npos);
}

TEST(CAP003, SilentWhenThePlacementFailedForCapacity) {
  EXPECT_TRUE(Silent(RunWithEvent(Code::kCap003, kNoCapacity)));
}

// ---- CAP004 ------------------------------------------------------------------------------------

TEST(CAP004, FiresWhenAnEventSaysTheSizeIsAboveTheAccountsLimit) {
  auto run = RunWithEvent(Code::kCap004, kSizeLimit);
  ASSERT_TRUE(
      FiresOn(run, kApiService, Severity::kWarning,
              {"the task size of api (cpu 256, memory 512) is above what the account may run"}));
  EXPECT_EQ(run.On(kApiService)->evidence, EventEvidence(kSizeLimit));
}

TEST(CAP004, SilentWhenThePlacementFailedForTheVcpuQuota) {
  EXPECT_TRUE(Silent(RunWithEvent(Code::kCap004, kVcpuQuota)));
}

// ---- CAP005 ------------------------------------------------------------------------------------

TEST(CAP005, FiresWhenAnEventSaysCapacityIsUnavailable) {
  auto run = RunWithEvent(Code::kCap005, kNoCapacity);
  ASSERT_TRUE(
      FiresOn(run, kApiService, Severity::kWarning,
              {"aws reports no fargate capacity for api (its subnets span 3 availability zones)"}));
  EXPECT_EQ(run.On(kApiService)->evidence, EventEvidence(kNoCapacity));
}

TEST(CAP005, SilentWhenLaunchesAreThrottled) {
  EXPECT_TRUE(Silent(RunWithEvent(Code::kCap005, kThrottled)));
}

// ---- CAP007 ------------------------------------------------------------------------------------

TEST(CAP007, FiresWhenAnEventSaysOperationsAreThrottled) {
  auto run = RunWithEvent(Code::kCap007, kThrottled);
  ASSERT_TRUE(FiresOn(run, kApiService, Severity::kWarning,
                      {"aws reports that launches of api are being throttled"}));
  EXPECT_EQ(run.On(kApiService)->evidence, EventEvidence(kThrottled));
}

TEST(CAP007, SilentWhenTheSchedulerOnlyBacksOff) {
  EXPECT_TRUE(Silent(RunWithEvent(Code::kCap007, kBackOff)));
}

// ---- CAP008 ------------------------------------------------------------------------------------

TEST(CAP008, FiresWhenAnEventNamesTheNetworkInterfaceLimit) {
  auto run = RunWithEvent(Code::kCap008, kEniQuota);
  ASSERT_TRUE(
      FiresOn(run, kApiService, Severity::kWarning,
              {"the network-interface quota of eu-west-3 is reached, so api gets no task eni"}));
  const auto* f = run.On(kApiService);
  EXPECT_EQ(f->evidence, EventEvidence(kEniQuota));
  EXPECT_EQ(f->fix.commands.at(1),
            "aws service-quotas get-service-quota --service-code vpc --quota-code L-DF5E4CA3 "
            "--region eu-west-3");
}

TEST(CAP008, FiresAsABlockerWhenATaskFailedToStartForIt) {
  auto run = RunWithFailedStart(Code::kCap008,
      "ResourceInitializationError: failed to create the task network interface: "
      "NetworkInterfaceLimitExceeded: The maximum number of network interfaces has been reached.");
  EXPECT_TRUE(FiresOn(run, kApiService, Severity::kBlocker,
                      {"network-interface quota of eu-west-3 is reached"}));
}

TEST(CAP008, SilentOnABareProvisioningTimeout) {
  // The timeout row names CAP008 among its candidates; only a message naming the limit proves it.
  EXPECT_TRUE(Silent(RunWithFailedStart(Code::kCap008, kEniTimeout)));
}

// ---- CAP009 ------------------------------------------------------------------------------------

TEST(CAP009, FiresOnAProvisioningTimeoutNamingTheFreeAddresses) {
  auto run = RunWithFailedStart(Code::kCap009, kEniTimeout);
  // Usually transient: a warning even though the task failed to start.
  ASSERT_TRUE(FiresOn(run, kApiService, Severity::kWarning,
                      {"a task of api stopped waiting for its network interface",
                       "its subnets have 12255 free addresses"}));  // 3 x 4085
  EXPECT_EQ(run.On(kApiService)->evidence.at(0).resource,
            "arn:aws:ecs:eu-west-3:111122223333:task/prod/00000000000000000000000000000053");
}

TEST(CAP009, SilentWhenTheEventNamesTheNetworkInterfaceLimit) {
  EXPECT_TRUE(Silent(RunWithEvent(Code::kCap009, kEniQuota)));
}

}  // namespace
}  // namespace fd::testing
