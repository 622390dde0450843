// SVC001 svc-target-type and SVC003 svc-lb-container: the service's target group and the
// container port it sends traffic to, from services-lb-discovery-healthy (target group api-ip of
// type ip, loadBalancers[] naming container api, port 8080, which api:7 maps).
#include <gtest/gtest.h>

#include "testing/check_harness_ecs.h"

namespace fd::testing {
namespace {

using report::Severity;

constexpr std::string_view kBase = "services-lb-discovery-healthy";

std::string TargetGroupArn(Snapshot& s) {
  return s.Item("TargetGroups", "api-ip")["TargetGroupArn"].get<std::string>();
}

// ---- SVC001 ------------------------------------------------------------------------------------

TEST(SVC001, SilentOnAnIpTargetGroup) {
  auto s = Snapshot::Base(kBase);
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kSvc001), s.Load())));
}

TEST(SVC001, FiresOnAnInstanceTargetGroup) {
  auto s = Snapshot::Base(kBase);
  s.Item("TargetGroups", "api-ip")["TargetType"] = "instance";
  auto run = RunCheck(Def(Code::kSvc001), s.Load());
  ASSERT_TRUE(FiresOn(run, TargetGroupArn(s), Severity::kBlocker,
                      {"target group api-ip of api has target type instance", "register by ip"}));
  EXPECT_EQ(run.On(TargetGroupArn(s))->fix.commands,
            std::vector<std::string>{
                "aws elbv2 create-target-group --name api-ip-ip --protocol HTTP --port 8080 "
                "--vpc-id vpc-0fb430d8a8042f1c7 --target-type ip"});
}

TEST(SVC001, SilentOnAClassicLoadBalancerWhichIsSvc002s) {
  auto s = Snapshot::Base(kBase);
  s.Item("TargetGroups", "api-ip")["TargetType"] = "instance";  // no longer named by the service
  Service(s)["loadBalancers"] = Json::array(
      {{{"loadBalancerName", "shop-classic"}, {"containerName", "api"}, {"containerPort", 8080}}});
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kSvc001), s.Load())));
}

TEST(SVC001, UncheckedWithoutDescribeTargetGroups) {
  auto s = Snapshot::Base(kBase);
  const std::string tg = TargetGroupArn(s);
  s.Drop("elbv2-describe-target-groups.json");
  EXPECT_TRUE(
      UncheckedBecause(RunCheck(Def(Code::kSvc001), s.Load()),
                       {"target group " + tg + " of api", "no elbv2 describe-target-groups"}));
}

TEST(SVC001, UncheckedWhenTheTargetGroupIsNotInDescribeTargetGroups) {
  auto s = Snapshot::Base(kBase);
  const std::string tg = TargetGroupArn(s);
  s.Item("TargetGroups", "api-ip")["TargetGroupArn"] =
      "arn:aws:elasticloadbalancing:eu-west-3:111122223333:targetgroup/web-ip/0123456789abcdef";
  EXPECT_TRUE(UncheckedBecause(
      RunCheck(Def(Code::kSvc001), s.Load()),
      {"target group " + tg, "is not in the snapshot's elbv2 describe-target-groups"}));
}

// ---- SVC003 ------------------------------------------------------------------------------------

TEST(SVC003, SilentWhenTheServiceNamesAMappedContainerPort) {
  auto s = Snapshot::Base(kBase);
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kSvc003), s.Load())));
}

TEST(SVC003, FiresWhenTheServiceNamesAContainerTheTaskDefinitionLacks) {
  auto s = Snapshot::Base(kBase);
  Service(s)["loadBalancers"][0]["containerName"] = "web";
  auto run = RunCheck(Def(Code::kSvc003), s.Load());
  ASSERT_TRUE(FiresOn(run, kApiTaskDefinition, Severity::kBlocker,
                      {"load balancer container web:8080 of api is not in api:7"}));
  const auto* f = run.On(kApiTaskDefinition);
  ASSERT_EQ(f->evidence.size(), 1u);
  EXPECT_EQ(f->evidence[0].claim,
            "the service sends " + TargetGroupArn(s) + " to container web, but api:7 has only api");
  EXPECT_TRUE(f->fix.commands.empty()) << "which container is meant is the user's call";
}

TEST(SVC003, FiresWhenTheContainerDoesNotMapThePort) {
  auto s = Snapshot::Base(kBase);
  Service(s)["loadBalancers"][0]["containerPort"] = 9090;
  auto run = RunCheck(Def(Code::kSvc003), s.Load());
  ASSERT_TRUE(FiresOn(run, kApiTaskDefinition, Severity::kBlocker,
                      {"load balancer container api:9090 of api is not in api:7"}));
  const auto* f = run.On(kApiTaskDefinition);
  EXPECT_NE(f->evidence.at(0).claim.find("that container in api:7 has ports 8080"),
            std::string::npos)
      << f->evidence.at(0).claim;
  // The one mapped port is the obvious correction.
  ASSERT_EQ(f->fix.commands.size(), 1u);
  EXPECT_NE(f->fix.commands[0].find("--load-balancers targetGroupArn=" + TargetGroupArn(s) +
                                    ",containerName=api,containerPort=8080"),
            std::string::npos)
      << f->fix.commands[0];
}

TEST(SVC003, SilentWhenTheNamedPortIsOneOfSeveralMappings) {
  auto s = Snapshot::Base(kBase);
  Service(s)["loadBalancers"][0]["containerPort"] = 9090;
  Container(s, "api")["portMappings"].push_back({{"containerPort", 9090}, {"protocol", "tcp"}});
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kSvc003), s.Load())));
}

}  // namespace
}  // namespace fd::testing
