// TD010 td-depends-on: container dependencies that can never be satisfied, from base-private-nat
// (api:7 with one container api) plus the containers each case adds. Reported as warnings.
#include <gtest/gtest.h>

#include "testing/check_harness_ecs.h"

namespace fd::testing {
namespace {

using report::Severity;

void DependsOn(Json& container, const std::string& on, const std::string& condition) {
  container["dependsOn"].push_back({{"containerName", on}, {"condition", condition}});
}

CheckRun RunTd010(const Snapshot& s) { return RunCheck(Def(Code::kTd010), s.Load()); }

TEST(TD010, FiresWhenAContainerWaitsForOneTheTaskDefinitionLacks) {
  auto s = Snapshot::Base("base-private-nat");
  DependsOn(Container(s, "api"), "migrate", "SUCCESS");
  auto run = RunTd010(s);
  ASSERT_TRUE(FiresOn(run, kApiTaskDefinition, Severity::kWarning,
                      {"a container dependency of api:7 can never be satisfied"}));
  EXPECT_EQ(Claims(run, kApiTaskDefinition),
            std::vector<std::string>{
                "container api waits for migrate, which the task definition does not define"});
}

TEST(TD010, FiresWhenWaitingForHealthyWithoutAHealthCheck) {
  auto s = Snapshot::Base("base-private-nat");
  AddContainer(s, "proxy");
  DependsOn(Container(s, "api"), "proxy", "HEALTHY");
  auto run = RunTd010(s);
  ASSERT_TRUE(FiresOn(run, kApiTaskDefinition, Severity::kWarning, {"can never be satisfied"}));
  EXPECT_EQ(Claims(run, kApiTaskDefinition),
            std::vector<std::string>{
                "container api waits for proxy to be HEALTHY, but proxy has no healthCheck"});
}

TEST(TD010, SilentWhenTheAwaitedContainerHasAHealthCheck) {
  auto s = Snapshot::Base("base-private-nat");
  AddContainer(s, "proxy")["healthCheck"] = {
      {"command", Json::array({"CMD-SHELL", "curl -f http://localhost:9901/ready"})},
      {"interval", 10}};
  DependsOn(Container(s, "api"), "proxy", "HEALTHY");
  EXPECT_TRUE(Silent(RunTd010(s)));
}

TEST(TD010, FiresWhenWaitingForAnEssentialContainerToComplete) {
  auto s = Snapshot::Base("base-private-nat");
  AddContainer(s, "migrate", /*essential=*/true);
  DependsOn(Container(s, "api"), "migrate", "COMPLETE");
  auto run = RunTd010(s);
  ASSERT_TRUE(FiresOn(run, kApiTaskDefinition, Severity::kWarning, {"can never be satisfied"}));
  EXPECT_EQ(Claims(run, kApiTaskDefinition),
            std::vector<std::string>{"container api waits for migrate to COMPLETE, but migrate is "
                                     "essential (its exit stops the task)"});
}

TEST(TD010, SilentWhenTheContainerToCompleteIsNotEssential) {
  auto s = Snapshot::Base("base-private-nat");
  AddContainer(s, "migrate", /*essential=*/false);
  DependsOn(Container(s, "api"), "migrate", "SUCCESS");
  EXPECT_TRUE(Silent(RunTd010(s)));
}

TEST(TD010, FiresOnADependencyCycle) {
  auto s = Snapshot::Base("base-private-nat");
  AddContainer(s, "proxy");
  AddContainer(s, "agent", /*essential=*/false);
  DependsOn(Container(s, "api"), "proxy", "START");
  DependsOn(Container(s, "proxy"), "agent", "START");
  DependsOn(Container(s, "agent"), "api", "START");
  auto run = RunTd010(s);
  ASSERT_TRUE(FiresOn(run, kApiTaskDefinition, Severity::kWarning, {"can never be satisfied"}));
  EXPECT_EQ(Claims(run, kApiTaskDefinition),
            std::vector<std::string>{"dependsOn forms a cycle: api -> proxy -> agent -> api"});
}

TEST(TD010, SilentOnAChainWithoutACycle) {
  auto s = Snapshot::Base("base-private-nat");
  AddContainer(s, "proxy");
  AddContainer(s, "agent", /*essential=*/false);
  DependsOn(Container(s, "api"), "proxy", "START");
  DependsOn(Container(s, "proxy"), "agent", "START");
  DependsOn(Container(s, "api"), "agent", "START");
  EXPECT_TRUE(Silent(RunTd010(s)));
}

}  // namespace
}  // namespace fd::testing
