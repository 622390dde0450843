// CloudFormation's creation order as the mapper reads it: DependsOn and references, followed
// transitively, within one stack.
#include "predeploy/cfn/creation_order.h"

#include <gtest/gtest.h>

#include "testing/cfn_fixture.h"

namespace fd::predeploy::cfn {
namespace {

using fd::testing::CfnFiles;

Stack Read(const std::string& text) {
  CfnFiles files;
  files.Write("stack.yml", text);
  Options o;
  auto t = files.Read({"stack.yml"}, o);
  EXPECT_TRUE(t) << (t ? "" : t.error().message);
  return t ? t->stacks.front() : Stack{};
}

TEST(CfnCreationOrder, DependsOnAndReferencesOrderResourcesTransitively) {
  const Stack s = Read(R"(
Resources:
  Group: {Type: AWS::ElasticLoadBalancingV2::TargetGroup}
  Rule:
    Type: AWS::ElasticLoadBalancingV2::ListenerRule
    Properties: {Actions: [{Type: forward, TargetGroupArn: !Ref Group}]}
  Waiter:
    Type: AWS::SSM::Parameter
    DependsOn: Rule
    Properties: {Type: String, Value: x}
  Service:
    Type: AWS::ECS::Service
    Properties: {TargetGroupArn: !Ref Group, Tags: [{Key: k, Value: !Sub "${Waiter}-x"}]}
  Loner:
    Type: AWS::ECS::Service
    Properties: {TargetGroupArn: !Ref Group}
)");
  const CreationOrder order(s);
  EXPECT_TRUE(order.After("Rule", "Group"));       // a reference
  EXPECT_TRUE(order.After("Waiter", "Rule"));      // DependsOn
  EXPECT_TRUE(order.After("Service", "Rule"));     // through a Sub of Waiter, which waits for Rule
  EXPECT_FALSE(order.After("Loner", "Rule"));      // side by side
  EXPECT_FALSE(order.After("Rule", "Service"));
  EXPECT_FALSE(order.After("Unknown", "Rule"));
}

}  // namespace
}  // namespace fd::predeploy::cfn
