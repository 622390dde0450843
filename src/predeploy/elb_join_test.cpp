#include "predeploy/elb_join.h"

#include <gtest/gtest.h>

namespace fd::predeploy {
namespace {

using Strings = std::vector<std::string>;

TEST(ElbJoin, AListenerArnNamesItsLoadBalancer) {
  EXPECT_EQ(LoadBalancerOfListener("arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/"
                                   "app/web/50dc6c495c0c9188/f2f7dc8efc522ab2"),
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188");
  EXPECT_EQ(LoadBalancerOfListener("PublicListener"), "");
  EXPECT_EQ(LoadBalancerOfListener("arn:aws:elasticloadbalancing:eu-west-1:1:listener/"), "");
}

TEST(ElbJoin, DefaultActionsAndRulesJoinTargetGroupsToBalancers) {
  ListenerJoin join;
  join.AddRule("Http", {"Api"});  // before its listener: the order of a template is free
  join.AddListener("Http", "PublicLb", {"Web"});
  join.AddListener("Https", "PublicLb", {"Web"});
  join.AddListener("Internal", "PrivateLb", {"Web"});
  EXPECT_EQ(join.LoadBalancersOf("Web"), (Strings{"PrivateLb", "PublicLb"}));
  EXPECT_EQ(join.LoadBalancersOf("Api"), (Strings{"PublicLb"}));
  EXPECT_TRUE(join.LoadBalancersOf("Orphan").empty());
}

TEST(ElbJoin, ARuleOfAListenerNotDeclaredKeepsABalancerUnknownOrNamed) {
  ListenerJoin join;
  join.AddRule("(unknown: an import of vpc:PublicListener)", {"Api"});
  join.AddRule("arn:aws:elasticloadbalancing:us-east-1:1:listener/net/nlb/abc/def", {"Tcp"});
  EXPECT_EQ(join.LoadBalancersOf("Api"),
            (Strings{"(load balancer of listener (unknown: an import of vpc:PublicListener))"}));
  EXPECT_EQ(join.LoadBalancersOf("Tcp"),
            (Strings{"arn:aws:elasticloadbalancing:us-east-1:1:loadbalancer/net/nlb/abc"}));
}

}  // namespace
}  // namespace fd::predeploy
