// What the task definition asks of the platform: TD006 platform version, TD007 runtime
// platform, TD009 linuxParameters, TD011 ephemeral storage. From base-private-nat (service api
// on LATEST, i.e. 1.4.0, running api:7: Linux, no runtimePlatform, one container api with one
// Secrets Manager secret).
#include <gtest/gtest.h>

#include <gmock/gmock.h>

#include "testing/check_harness_ecs.h"

namespace fd::testing {
namespace {

using report::Severity;

constexpr std::string_view kBase = "base-private-nat";

CheckRun RunTd(Code code, const Snapshot& s) { return RunCheck(Def(code), s.Load()); }

void SetRuntimePlatform(Snapshot& s, const std::string& family, const std::string& arch) {
  s.TaskDefinition()["runtimePlatform"] = {{"operatingSystemFamily", family},
                                           {"cpuArchitecture", arch}};
}

// ---- TD006 -------------------------------------------------------------------------------------

TEST(TD006, SilentOnPlatform130WithPlainSecrets) {
  // Secrets as environment variables came with 1.3.0.
  auto s = Snapshot::Base(kBase);
  SetPlatformVersion(s, "api", "1.3.0");
  EXPECT_TRUE(Silent(RunTd(Code::kTd006, s)));
}

TEST(TD006, FiresOnPlatform120WithSecrets) {
  auto s = Snapshot::Base(kBase);
  SetPlatformVersion(s, "api", "1.2.0");
  auto run = RunTd(Code::kTd006, s);
  ASSERT_TRUE(FiresOn(run, kApiService, Severity::kBlocker,
                      {"api runs on a platform version that lacks a feature api:7 uses"}));
  EXPECT_EQ(
      Claims(run, kApiService),
      std::vector<std::string>{
          "secrets (container api) needs platform version 1.3.0 or later; the task runs on 1.2.0"});
  EXPECT_EQ(run.On(kApiService)->fix.commands,
            std::vector<std::string>{"aws ecs update-service --cluster prod --service api "
                                     "--platform-version LATEST --force-new-deployment"});
}

TEST(TD006, FiresOnPlatform130WithEnvironmentFilesAndASecretJsonKey) {
  auto s = Snapshot::Base(kBase);
  SetPlatformVersion(s, "api", "1.3.0");
  Json& api = Container(s, "api");
  api["environmentFiles"] =
      Json::array({{{"value", "arn:aws:s3:::shop-prod-config/api.env"}, {"type", "s3"}}});
  api["secrets"][0]["valueFrom"] =
      "arn:aws:secretsmanager:eu-west-3:111122223333:secret:prod/api/db-password-Xa9kQ2:password::";
  auto run = RunTd(Code::kTd006, s);
  ASSERT_TRUE(FiresOn(run, kApiService, Severity::kBlocker, {"lacks a feature api:7 uses"}));
  EXPECT_EQ(Claims(run, kApiService),
            (std::vector<std::string>{"environmentFiles (container api) needs platform version "
                                      "1.4.0 or later; the task runs on 1.3.0",
                                      "secret DB_PASSWORD naming a JSON key or version (container "
                                      "api) needs platform version 1.4.0 "
                                      "or later; the task runs on 1.3.0"}));
}

TEST(TD006, SilentOnPlatform140WithEnvironmentFilesAndASecretJsonKey) {
  auto s = Snapshot::Base(kBase);
  SetPlatformVersion(s, "api", "1.4.0");
  Json& api = Container(s, "api");
  api["environmentFiles"] =
      Json::array({{{"value", "arn:aws:s3:::shop-prod-config/api.env"}, {"type", "s3"}}});
  api["secrets"][0]["valueFrom"] =
      "arn:aws:secretsmanager:eu-west-3:111122223333:secret:prod/api/db-password-Xa9kQ2:password::";
  EXPECT_TRUE(Silent(RunTd(Code::kTd006, s)));
}

TEST(TD006, FiresOnAPlatformVersionFargateDoesNotKnow) {
  auto s = Snapshot::Base(kBase);
  SetPlatformVersion(s, "api", "1.5.0");
  auto run = RunTd(Code::kTd006, s);
  ASSERT_TRUE(FiresOn(run, kApiService, Severity::kBlocker,
                      {"api runs on a platform version that fargate does not know"}));
  EXPECT_EQ(
      Claims(run, kApiService),
      std::vector<std::string>{"platform version '1.5.0' is not a Fargate Linux platform version"});
}

// ---- TD007 -------------------------------------------------------------------------------------

TEST(TD007, SilentOnLinuxArm64) {
  auto s = Snapshot::Base(kBase);
  SetRuntimePlatform(s, "LINUX", "ARM64");
  EXPECT_TRUE(Silent(RunTd(Code::kTd007, s)));
}

TEST(TD007, SilentOnWindowsX86) {
  auto s = Snapshot::Base(kBase);
  SetRuntimePlatform(s, "WINDOWS_SERVER_2022_CORE", "X86_64");
  EXPECT_TRUE(Silent(RunTd(Code::kTd007, s)));
}

TEST(TD007, FiresOnAnUnknownCpuArchitecture) {
  auto s = Snapshot::Base(kBase);
  SetRuntimePlatform(s, "LINUX", "ARM");
  EXPECT_TRUE(FiresOn(RunTd(Code::kTd007, s), kApiTaskDefinition, Severity::kBlocker,
                      {"the runtime platform of api:7 cannot run on fargate",
                       "cpuarchitecture arm is neither x86_64 nor arm64"}));
}

TEST(TD007, FiresOnWindowsArm64) {
  auto s = Snapshot::Base(kBase);
  SetRuntimePlatform(s, "WINDOWS_SERVER_2022_CORE", "ARM64");
  auto run = RunTd(Code::kTd007, s);
  ASSERT_TRUE(FiresOn(run, kApiTaskDefinition, Severity::kBlocker,
                      {"windows (windows_server_2022_core) runs on x86_64 only, not arm64"}));
  // The corrected runtime platform keeps Windows.
  EXPECT_NE(run.On(kApiTaskDefinition)->fix.commands.at(1).find("WINDOWS_SERVER_2022_CORE"),
            std::string::npos);
}

TEST(TD007, FiresOnAWindowsVersionFargateDoesNotOffer) {
  auto s = Snapshot::Base(kBase);
  SetRuntimePlatform(s, "WINDOWS_SERVER_2016_FULL", "X86_64");
  EXPECT_TRUE(
      FiresOn(RunTd(Code::kTd007, s), kApiTaskDefinition, Severity::kBlocker,
              {"operatingsystemfamily windows_server_2016_full is not offered on fargate"}));
}

TEST(TD007, FiresOnFireLensOnWindows) {
  auto s = Snapshot::Base(kBase);
  SetRuntimePlatform(s, "WINDOWS_SERVER_2022_CORE", "X86_64");
  AddContainer(s, "log-router")["firelensConfiguration"] = {{"type", "fluentbit"}};
  EXPECT_TRUE(FiresOn(RunTd(Code::kTd007, s), kApiTaskDefinition, Severity::kBlocker,
                      {"container log-router is a firelens router; windows has no firelens"}));
}

// ---- TD009 -------------------------------------------------------------------------------------

TEST(TD009, SilentOnSysPtraceOnPlatform140) {
  auto s = Snapshot::Base(kBase);
  Container(s, "api")["linuxParameters"] = {
      {"capabilities", {{"add", Json::array({"SYS_PTRACE"})}, {"drop", Json::array({"ALL"})}}},
      {"initProcessEnabled", true}};
  EXPECT_TRUE(Silent(RunTd(Code::kTd009, s)));
}

TEST(TD009, FiresOnSysPtraceBelowPlatform140) {
  auto s = Snapshot::Base(kBase);
  SetPlatformVersion(s, "api", "1.3.0");
  Container(s,
            "api")["linuxParameters"] = {{"capabilities", {{"add", Json::array({"SYS_PTRACE"})}}}};
  auto run = RunTd(Code::kTd009, s);
  ASSERT_TRUE(FiresOn(run, kApiTaskDefinition, Severity::kBlocker,
                      {"api:7 uses linuxparameters fargate does not support"}));
  EXPECT_EQ(Claims(run, kApiTaskDefinition),
            std::vector<std::string>{"container api: adds SYS_PTRACE, which needs platform version "
                                     "1.4.0 (task runs on 1.3.0)"});
}

TEST(TD009, FiresOnAnyOtherAddedCapability) {
  auto s = Snapshot::Base(kBase);
  Container(s, "api")["linuxParameters"] = {
      {"capabilities", {{"add", Json::array({"SYS_PTRACE", "NET_ADMIN"})}}}};
  auto run = RunTd(Code::kTd009, s);
  ASSERT_TRUE(FiresOn(run, kApiTaskDefinition, Severity::kBlocker,
                      {"uses linuxparameters fargate does not support"}));
  EXPECT_EQ(Claims(run, kApiTaskDefinition),
            std::vector<std::string>{
                "container api: adds capability NET_ADMIN (Fargate allows only SYS_PTRACE)"});
}

TEST(TD009, FiresOnEachHostParameter) {
  auto s = Snapshot::Base(kBase);
  Container(s, "api")["linuxParameters"] = {
      {"devices", Json::array({{{"hostPath", "/dev/fuse"}}})},
      {"sharedMemorySize", 256},
      {"tmpfs", Json::array({{{"containerPath", "/scratch"}, {"size", 64}}})},
      {"maxSwap", 512},
      {"swappiness", 10}};
  auto run = RunTd(Code::kTd009, s);
  ASSERT_TRUE(FiresOn(run, kApiTaskDefinition, Severity::kBlocker,
                      {"uses linuxparameters fargate does not support"}));
  EXPECT_THAT(Claims(run, kApiTaskDefinition),
            ::testing::UnorderedElementsAreArray(std::vector<std::string>{"container api: maps host devices",
                                      "container api: sets sharedMemorySize",
                                      "container api: mounts tmpfs", "container api: sets maxSwap",
                                      "container api: sets swappiness"}));
}

// ---- TD011 -------------------------------------------------------------------------------------

void SetEphemeralStorage(Snapshot& s, int gib) {
  s.TaskDefinition()["ephemeralStorage"] = {{"sizeInGiB", gib}};
}

TEST(TD011, SilentOnTheBoundsOfTheRange) {
  for (int gib : {21, 200}) {
    auto s = Snapshot::Base(kBase);
    SetEphemeralStorage(s, gib);
    EXPECT_TRUE(Silent(RunTd(Code::kTd011, s))) << gib << " GiB";
  }
}

TEST(TD011, FiresOnTheDefaultSizeWrittenOut) {
  auto s = Snapshot::Base(kBase);
  SetEphemeralStorage(s, 20);
  auto run = RunTd(Code::kTd011, s);
  ASSERT_TRUE(FiresOn(run, kApiTaskDefinition, Severity::kBlocker,
                      {"api:7 asks for 20 gib of ephemeral storage, outside 21"}));
  EXPECT_EQ(Claims(run, kApiTaskDefinition),
            std::vector<std::string>{"ephemeralStorage.sizeInGiB is 20"});
  EXPECT_NE(run.On(kApiTaskDefinition)->fix.commands.at(1).find("remove \"ephemeralStorage\""),
            std::string::npos);
}

TEST(TD011, FiresAboveTheMaximum) {
  auto s = Snapshot::Base(kBase);
  SetEphemeralStorage(s, 201);
  auto run = RunTd(Code::kTd011, s);
  ASSERT_TRUE(FiresOn(run, kApiTaskDefinition, Severity::kBlocker,
                      {"asks for 201 gib of ephemeral storage"}));
  EXPECT_NE(run.On(kApiTaskDefinition)->fix.commands.at(1).find("\"sizeInGiB\": 200"),
            std::string::npos);
}

}  // namespace
}  // namespace fd::testing
