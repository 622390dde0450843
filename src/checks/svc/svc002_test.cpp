// SVC002 svc-lb-network: each way a service's load balancer can fail to reach or register its
// tasks, from the healthy design of services-lb-discovery-healthy (target group api-ip of type ip
// in the tasks' VPC, behind the application load balancer shop-prod enabled in the three zones of
// the three private task subnets). No scenario reaches the Classic Load Balancer, the detached
// target group, the IPv6 or the unchecked branches; these cases do.
#include <gtest/gtest.h>

#include "testing/check_harness_ecs.h"

namespace fd::testing {
namespace {

using report::Severity;

constexpr std::string_view kBase = "services-lb-discovery-healthy";
constexpr std::string_view kPrivateC =
    "subnet-080b457310ddde48b";  // shop-prod-private-c, eu-west-3c

CheckRun RunSvc002(const Snapshot& s) { return RunCheck(Def(Code::kSvc002), s.Load()); }

std::string TargetGroupArn(Snapshot& s) {
  return s.Item("TargetGroups", "api-ip")["TargetGroupArn"].get<std::string>();
}
std::string LoadBalancerArn(Snapshot& s) {
  return s.Item("LoadBalancers", "shop-prod")["LoadBalancerArn"].get<std::string>();
}

TEST(SVC002, SilentOnAnIpTargetGroupInTheTasksVpcBehindABalancerInEveryZone) {
  auto s = Snapshot::Base(kBase);
  EXPECT_TRUE(Silent(RunSvc002(s)));
}

TEST(SVC002, FiresOnAClassicLoadBalancer) {
  auto s = Snapshot::Base(kBase);
  Service(s)["loadBalancers"] = Json::array(
      {{{"loadBalancerName", "shop-classic"}, {"containerName", "api"}, {"containerPort", 8080}}});
  auto run = RunSvc002(s);
  ASSERT_TRUE(FiresOn(run, "shop-classic", Severity::kBlocker,
                      {"classic load balancer shop-classic of api", "cannot register awsvpc"}));
  EXPECT_EQ(run.findings.size(), 1u) << run.Dump();
  EXPECT_NE(run.On("shop-classic")->fix.summary.find("Application or Network Load Balancer"),
            std::string::npos);
}

TEST(SVC002, FiresWhenTheTargetGroupIsInAnotherVpc) {
  auto s = Snapshot::Base(kBase);
  s.Item("TargetGroups", "api-ip")["VpcId"] = "vpc-0aaaabbbbccccdddd";
  auto run = RunSvc002(s);
  const std::string tg = TargetGroupArn(s);
  ASSERT_TRUE(
      FiresOn(run, tg, Severity::kBlocker,
              {"target group api-ip of api is in vpc-0aaaabbbbccccdddd", "not in the tasks' vpc"}));
  const auto* f = run.On(tg);
  EXPECT_EQ(f->subnets.size(), 3u) << "every task subnet is in the other VPC";
  ASSERT_EQ(f->fix.commands.size(), 1u);
  EXPECT_EQ(f->fix.commands[0],
            "aws elbv2 create-target-group --name api-ip-vpc --protocol HTTP --port 8080 "
            "--vpc-id vpc-0fb430d8a8042f1c7 --target-type ip");
}

TEST(SVC002, FiresWhenTheTargetGroupBelongsToNoLoadBalancer) {
  auto s = Snapshot::Base(kBase);
  s.Item("TargetGroups", "api-ip")["LoadBalancerArns"] = Json::array();
  auto run = RunSvc002(s);
  ASSERT_TRUE(FiresOn(run, TargetGroupArn(s), Severity::kBlocker,
                      {"target group api-ip of api is not attached to a load balancer"}));
  EXPECT_EQ(run.On(TargetGroupArn(s))->fix.summary,
            "forward a listener (or listener rule) of the load balancer to api-ip");
}

TEST(SVC002, FiresWhenAnIpv6TargetGroupMeetsIpv4OnlySubnets) {
  auto s = Snapshot::Base(kBase);
  s.Item("TargetGroups", "api-ip")["IpAddressType"] = "ipv6";
  auto run = RunSvc002(s);
  ASSERT_TRUE(FiresOn(run, TargetGroupArn(s), Severity::kBlocker,
                      {"takes ipv6 targets", "task subnets have no ipv6 range"}));
  EXPECT_EQ(run.On(TargetGroupArn(s))->subnets.size(), 3u);
}

TEST(SVC002, SilentWhenAnIpv6TargetGroupMeetsDualStackSubnets) {
  auto s = Snapshot::Base(kBase);
  s.Item("TargetGroups", "api-ip")["IpAddressType"] = "ipv6";
  int n = 0;
  for (const char* name : {"shop-prod-private-a", "shop-prod-private-b", "shop-prod-private-c"})
    s.Item("Subnets", name)["Ipv6CidrBlockAssociationSet"] =
        Json::array({{{"AssociationId", "subnet-cidr-assoc-0" + std::to_string(++n)},
                      {"Ipv6CidrBlock", "2a05:d012:8f0:b30" + std::to_string(n) + "::/64"},
                      {"Ipv6CidrBlockState", {{"State", "associated"}}}}});
  EXPECT_TRUE(Silent(RunSvc002(s)));
}

TEST(SVC002, FiresAsAWarningWhenTheBalancerSkipsTheZoneOfATaskSubnet) {
  auto s = Snapshot::Base(kBase);
  EraseIf(s.Item("LoadBalancers", "shop-prod")["AvailabilityZones"],
          [](const Json& z) { return z["ZoneName"] == "eu-west-3c"; });
  auto run = RunSvc002(s);
  const std::string lb = LoadBalancerArn(s);
  // Placements in the other two zones still get traffic: a warning, on the one subnet.
  ASSERT_TRUE(FiresOn(run, lb, Severity::kWarning,
                      {"load balancer shop-prod of api", "not enabled in the availability zone"}));
  const auto* f = run.On(lb);
  EXPECT_EQ(f->subnets, std::vector<std::string>{std::string(kPrivateC)});
  ASSERT_EQ(f->evidence.size(), 1u);
  EXPECT_EQ(f->evidence[0].claim,
            "subnet " + std::string(kPrivateC) +
                " is in eu-west-3c; shop-prod is enabled only in eu-west-3a, eu-west-3b");
  // An internet-facing balancer needs public subnets only the user can pick: no command.
  EXPECT_TRUE(f->fix.commands.empty());
}

TEST(SVC002, FiresWithASetSubnetsCommandForAnInternalBalancerMissingAZone) {
  auto s = Snapshot::Base(kBase);
  Json& lb = s.Item("LoadBalancers", "shop-prod");
  lb["Scheme"] = "internal";
  EraseIf(lb["AvailabilityZones"], [](const Json& z) { return z["ZoneName"] == "eu-west-3c"; });
  auto run = RunSvc002(s);
  ASSERT_TRUE(FiresOn(run, LoadBalancerArn(s), Severity::kWarning,
                      {"not enabled in the availability zone"}));
  EXPECT_EQ(
      run.On(LoadBalancerArn(s))->fix.commands,
      std::vector<std::string>{"aws elbv2 set-subnets --load-balancer-arn " + LoadBalancerArn(s) +
                               " --subnets subnet-0b62c9a97558a0334 subnet-05e27234e8ec01097 " +
                               std::string(kPrivateC)});
}

TEST(SVC002, UncheckedWithoutDescribeTargetGroups) {
  auto s = Snapshot::Base(kBase);
  const std::string tg = TargetGroupArn(s);
  s.Drop("elbv2-describe-target-groups.json");
  EXPECT_TRUE(UncheckedBecause(
      RunSvc002(s), {"target group " + tg + " of api", "no elbv2 describe-target-groups"}));
}

TEST(SVC002, UncheckedWhenTheTargetGroupIsNotInDescribeTargetGroups) {
  auto s = Snapshot::Base(kBase);
  Json& tg = s.Item("TargetGroups", "api-ip");
  const std::string arn = tg["TargetGroupArn"].get<std::string>();
  tg["TargetGroupArn"] =
      "arn:aws:elasticloadbalancing:eu-west-3:111122223333:targetgroup/web-ip/0123456789abcdef";
  EXPECT_TRUE(
      UncheckedBecause(RunSvc002(s), {"target group " + arn + " of api",
                                      "is not in the snapshot's elbv2 describe-target-groups"}));
}

TEST(SVC002, UncheckedWithoutDescribeLoadBalancers) {
  auto s = Snapshot::Base(kBase);
  const std::string lb = LoadBalancerArn(s);
  s.Drop("elbv2-describe-load-balancers.json");
  EXPECT_TRUE(UncheckedBecause(
      RunSvc002(s), {"load balancer " + lb + " of api", "no elbv2 describe-load-balancers"}));
}

TEST(SVC002, UncheckedWhenTheBalancerIsNotInDescribeLoadBalancers) {
  auto s = Snapshot::Base(kBase);
  const std::string lb = LoadBalancerArn(s);
  s.Item("LoadBalancers", "shop-prod")["LoadBalancerArn"] =
      "arn:aws:elasticloadbalancing:eu-west-3:111122223333:loadbalancer/app/other/0123456789abcdef";
  EXPECT_TRUE(
      UncheckedBecause(RunSvc002(s), {"load balancer " + lb + " of api",
                                      "is not in the snapshot's elbv2 describe-load-balancers"}));
}

}  // namespace
}  // namespace fd::testing
