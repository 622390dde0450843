// Each intrinsic, known and unknown. Templates are read whole (stacks.h), as the CLI will.
#include "predeploy/cfn/resolver.h"

#include <gtest/gtest.h>

#include "testing/cfn_fixture.h"

namespace fd::predeploy::cfn {
namespace {

using fd::testing::CfnFiles;
using fd::testing::FindResource;
using fd::testing::Notes;
using fd::testing::ShowProp;

// One template "s.yml" (stack s) with `resources` under Resources and `rest` before them.
class CfnResolve : public ::testing::Test {
 protected:
  Templates Read(const std::string& rest, const std::string& resources, Options options = {}) {
    files_.Write("s.yml", rest + "Resources:\n" + resources);
    auto t = files_.Read({"s.yml"}, options);
    EXPECT_TRUE(t.has_value()) << (t ? "" : t.error().message);
    return t ? std::move(*t) : Templates{};
  }
  // The properties of resource R of a template with one resource R of type T.
  std::string One(const std::string& props, const std::string& rest = "", Options options = {}) {
    t_ = Read(rest, "  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.1.0.0/16}}\n"
                    "  R:\n    Type: T\n    Properties:\n" + props, std::move(options));
    return fd::testing::Show(FindResource(t_, "s", "R")->resource.properties);
  }
  CfnFiles files_;
  Templates t_;
};

Options Region(const std::string& region, const std::string& account = "") {
  Options o;
  o.region = region;
  o.account = account;
  return o;
}

TEST_F(CfnResolve, PlainValuesKeepTheirTypes) {
  EXPECT_EQ(One("      A: 80\n      B: '80'\n      C: true\n      D: 0.5\n      E: 007\n"
                "      F: [x, 'y']\n      G: ~\n"),
            "{A: 80, B: \"80\", C: true, D: 0.500000, E: \"007\", F: [\"x\", \"y\"], G: null}");
}

TEST_F(CfnResolve, RefOfResourceAndGetAtt) {
  EXPECT_EQ(One("      A: !Ref Vpc\n      B: !GetAtt Vpc.DefaultSecurityGroup\n"
                "      C: {'Fn::GetAtt': [Vpc, VpcId]}\n"),
            "{A: {s:Vpc}, B: {s:Vpc.DefaultSecurityGroup}, C: {s:Vpc.VpcId}}");
}

TEST_F(CfnResolve, GetAttOfAPropertyCopyIsTheProperty) {
  // A VPC's CidrBlock attribute is the CidrBlock it is given: Fn::Cidr can compute from it.
  EXPECT_EQ(One("      A: !GetAtt Vpc.CidrBlock\n      B: !Select [1, !Cidr [!GetAtt Vpc.CidrBlock, 3, 8]]\n"),
            "{A: \"10.1.0.0/16\", B: \"10.1.1.0/24\"}");
}

TEST_F(CfnResolve, PseudoParametersAreUnknownUnlessGiven) {
  const std::string props =
      "      R: !Ref AWS::Region\n      A: !Ref AWS::AccountId\n      P: !Ref AWS::Partition\n"
      "      U: !Ref AWS::URLSuffix\n      N: !Ref AWS::StackName\n      I: !Ref AWS::StackId\n"
      "      X: !Ref AWS::NotificationARNs\n";
  EXPECT_EQ(One(props),
            "{R: <?AWS::Region is not given (--region)>, A: <?AWS::AccountId is not given "
            "(--account)>, P: <?AWS::Partition follows the Region, which is not given "
            "(--region)>, U: <?AWS::URLSuffix follows the Region, which is not given "
            "(--region)>, N: \"s\", I: <?AWS::StackId of s exists once the stack is created>, "
            "X: <?AWS::NotificationARNs are given at deployment>}");
  const std::string known = One(props, "", Region("cn-north-1", "123456789012"));
  EXPECT_NE(known.find("R: \"cn-north-1\", A: \"123456789012\", P: \"aws-cn\", "
                       "U: \"amazonaws.com.cn\""),
            std::string::npos)
      << known;
  EXPECT_NE(One("      P: !Ref AWS::Partition\n", "", Region("us-gov-west-1")).find("aws-us-gov"),
            std::string::npos);
  EXPECT_NE(One("      P: !Ref AWS::Partition\n", "", Region("eu-west-1")).find("\"aws\""),
            std::string::npos);
}

TEST_F(CfnResolve, SubBothFormsAndLiterals) {
  EXPECT_EQ(One("      A: !Sub 'arn:${AWS::Partition}:s3:::${Vpc}-${Vpc.CidrBlock}/${!Literal}'\n"
                "      B: !Sub ['${X}-${Y}', {X: !Ref Vpc, Y: lit}]\n      C: !Sub plain\n"
                "      D: !Sub '${Vpc}'\n",
                "", Region("us-east-1")),
            "{A: `arn:aws:s3:::{s:Vpc}-10.1.0.0/16/${Literal}`, B: `{s:Vpc}-lit`, C: \"plain\", "
            "D: {s:Vpc}}");
  EXPECT_EQ(One("      A: !Sub 'com.amazonaws.${AWS::Region}.ecr.dkr'\n"),
            "{A: `com.amazonaws.<?AWS::Region is not given (--region)>.ecr.dkr`}");
}

TEST_F(CfnResolve, JoinSelectSplit) {
  EXPECT_EQ(One("      A: !Join ['', [a, !Ref Vpc, b]]\n      B: !Join [',', [x, y]]\n"
                "      C: !Select [1, [x, y, z]]\n      D: !Select ['0', !Split [',', 'p,q']]\n"
                "      E: !Split [',', !Join [',', [!Ref Vpc, !GetAtt Vpc.Ipv6CidrBlocks]]]\n"),
            "{A: `a{s:Vpc}b`, B: \"x,y\", C: \"y\", D: \"p\", E: [{s:Vpc}, {s:Vpc.Ipv6CidrBlocks}]}");
}

TEST_F(CfnResolve, SelectOfAnUnknownListNamesTheItem) {
  EXPECT_EQ(One("      A: !Select [0, !GetAZs '']\n      B: !Select [1, !GetAZs {Ref: AWS::Region}]\n",
                "", Region("eu-west-1")),
            "{A: <?item 0 of the Availability Zones of eu-west-1 (Fn::GetAZs: known to the "
            "account at deployment)>, B: <?item 1 of the Availability Zones of eu-west-1 "
            "(Fn::GetAZs: known to the account at deployment)>}");
  EXPECT_EQ(One("      A: !Select [5, [x]]\n"),
            "{A: <?Fn::Select index 5 is outside a list of 1>}");
  EXPECT_NE(Notes(t_).find("Fn::Select index 5 is outside a list of 1"), std::string::npos);
}

TEST_F(CfnResolve, FindInMapWithDefaultValue) {
  const std::string maps =
      "Mappings:\n  Net:\n    Vpc: {Cidr: 10.0.0.0/16}\n    us-east-1: {Ami: ami-1}\n";
  EXPECT_EQ(One("      A: !FindInMap [Net, Vpc, Cidr]\n"
                "      B: !FindInMap [Net, !Ref AWS::Region, Ami]\n"
                "      C: !FindInMap [Net, Vpc, Nope, {DefaultValue: fallback}]\n",
                maps, Region("us-east-1")),
            "{A: \"10.0.0.0/16\", B: \"ami-1\", C: \"fallback\"}");
  EXPECT_EQ(One("      B: !FindInMap [Net, !Ref AWS::Region, Ami]\n", maps),
            "{B: <?Fn::FindInMap key: AWS::Region is not given (--region)>}");
  EXPECT_EQ(One("      A: !FindInMap [Net, Vpc, Nope]\n", maps),
            "{A: <?Fn::FindInMap: mapping Net has no Vpc.Nope>}");
}

TEST_F(CfnResolve, NoValueRemovesTheMember) {
  EXPECT_EQ(One("      A: !Ref AWS::NoValue\n      B: [x, !Ref AWS::NoValue, y]\n"
                "      C: !If [Yes, !Ref AWS::NoValue, kept]\n      D: !If [No, !Ref AWS::NoValue, kept]\n",
                "Conditions:\n  Yes: !Equals [a, a]\n  No: !Equals [a, b]\n"),
            "{B: [\"x\", \"y\"], D: \"kept\"}");
}

TEST_F(CfnResolve, Base64AndCidr) {
  EXPECT_EQ(One("      A: !Base64 'hi!'\n      B: !Base64 ab\n      C: !Cidr [10.0.0.0/16, 2, 12]\n"
                "      D: !Cidr ['2600:1f18::/56', 2, 64]\n      E: !Base64 {Ref: AWS::Region}\n"),
            "{A: \"aGkh\", B: \"YWI=\", C: [\"10.0.0.0/20\", \"10.0.16.0/20\"], "
            "D: [\"2600:1f18:0:0:0:0:0:0/64\", \"2600:1f18:0:1:0:0:0:0/64\"], "
            "E: <?Fn::Base64 of AWS::Region is not given (--region)>}");
  EXPECT_EQ(One("      A: !Cidr [10.0.0.0/24, 3, 7]\n"),
            "{A: <?Fn::Cidr cannot fit 3 /25 blocks in 10.0.0.0/24>}");
}

TEST_F(CfnResolve, UnknownArgumentsGiveUnknownResultsThatSayWhy) {
  const std::string params = "Parameters:\n  L: {Type: CommaDelimitedList}\n  S: {Type: String}\n";
  const std::string why = "parameter L has no value (give --parameter s.L=VALUE)";
  const std::string s_why = "parameter S has no value (give --parameter s.S=VALUE)";
  EXPECT_EQ(One("      A: !Join [',', !Ref L]\n      B: !Split [',', !Ref S]\n"
                "      C: !Select [!Ref S, [x, y]]\n      D: !Cidr [!Ref S, 2, 8]\n"
                "      E: !Length {Ref: L}\n      F: !Sub '${S}-x'\n      G: !Join ['-', [a, !Ref S]]\n"
                "      H: !Cidr [10.0.0.0/16, !Ref S, 8]\n",
                params),
            "{A: <?" + why + ">, B: <?Fn::Split of " + s_why + ">, C: <?" + s_why +
                ">, D: <?Fn::Cidr of " + s_why + ">, E: <?Fn::Length of " + why + ">, F: `<?" +
                s_why + ">-x`, G: `a-<?" + s_why + ">`, H: <?" + s_why + ">}");
}

TEST_F(CfnResolve, EqualsOutsideConditionsIsABoolean) {
  EXPECT_EQ(One("      A: !Equals [a, a]\n      B: !Not [!Equals [a, a]]\n"
                "      C: !Equals [!Ref AWS::Region, us-east-1]\n"),
            "{A: true, B: false, C: <?AWS::Region is not given (--region)>}");
}

TEST_F(CfnResolve, ImportValueOfAnExportNotReadIsUnknown) {
  EXPECT_EQ(One("      A: !ImportValue other-VpcId\n"),
            "{A: <?export other-VpcId is not in the templates read (give the template that "
            "exports it, or a snapshot with `aws cloudformation list-exports`)>}");
}

TEST_F(CfnResolve, ADeployedStacksValueComesAfterTheArgumentsAndBeforeTheDefault) {
  const std::string params =
      "Parameters:\n  A: {Type: String, Default: from-default}\n"
      "  B: {Type: String, Default: from-default}\n  C: {Type: String, Default: from-default}\n";
  Options o;
  o.parameters.AddDeployed("s", "A", "from-stack");
  o.parameters.AddDeployed("s", "B", "from-stack");
  o.parameters.AddDeployed("other", "C", "from-other-stack");
  ASSERT_TRUE(o.parameters.AddArgument("B=from-argument"));
  EXPECT_EQ(One("      A: !Ref A\n      B: !Ref B\n      C: !Ref C\n", params, std::move(o)),
            "{A: \"from-stack\", B: \"from-argument\", C: \"from-default\"}");
  const std::string notes = Notes(t_);
  EXPECT_NE(notes.find("parameter A keeps the value stack s was deployed with"), std::string::npos)
      << notes;
  EXPECT_EQ(notes.find("parameter B keeps"), std::string::npos) << notes;
}

TEST_F(CfnResolve, LanguageExtensions) {
  EXPECT_EQ(One("      A: !Length [a, b, c]\n      B: !ToJsonString {k: [1, 'x']}\n"
                "      C: !ToJsonString {k: !Ref Vpc}\n",
                "Transform: AWS::LanguageExtensions\n"),
            "{A: 3, B: \"{\"k\":[1,\"x\"]}\", C: <?Fn::ToJsonString of a resource's ID "
            "or attribute, known only after deployment>}");
}

TEST_F(CfnResolve, UndeclaredNamesAreNotedAndUnknown) {
  EXPECT_EQ(One("      A: !Ref Nope\n      B: !GetAtt Nope.Arn\n      C: {'Fn::Bogus': x}\n"),
            "{A: <?Ref to Nope, which the template does not declare>, B: <?Fn::GetAtt of Nope, "
            "which the template does not declare>, C: <?unknown intrinsic function Fn::Bogus>}");
  const std::string notes = Notes(t_);
  EXPECT_NE(notes.find("s.yml:6:10: Ref to Nope"), std::string::npos) << notes;
}

TEST_F(CfnResolve, ValuesArePlacedWhereWritten) {
  One("      A: !Ref Vpc\n");
  const Value* a = fd::testing::Prop(FindResource(t_, "s", "R"), "A");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->pos.line, 6);
  EXPECT_EQ(a->pos.column, 10);
  EXPECT_EQ(FindResource(t_, "s", "R")->resource.pos.line, 4);
}

TEST_F(CfnResolve, TransformMacrosAreUnknownAndNoted) {
  EXPECT_EQ(One("      A: {'Fn::Transform': {Name: AWS::Include, Parameters: {Location: s3://b/k}}}\n",
                "Transform: [AWS::Serverless-2016-10-31, MyMacro]\n"),
            "{A: <?Fn::Transform runs macro AWS::Include at deployment: its result is not known "
            "before>}");
  EXPECT_NE(Notes(t_).find("transform MyMacro runs at deployment"), std::string::npos);
  EXPECT_EQ(t_.stacks[0].transforms,
            (std::vector<std::string>{"AWS::Serverless-2016-10-31", "MyMacro"}));
}

TEST_F(CfnResolve, ReferenceCyclesEndAsUnknown) {
  // Two subnets whose VpcId is each other's VpcId attribute (pass-through): a cycle.
  t_ = Read("", "  A: {Type: AWS::EC2::Subnet, Properties: {VpcId: !GetAtt B.VpcId}}\n"
                "  B: {Type: AWS::EC2::Subnet, Properties: {VpcId: !GetAtt A.VpcId}}\n");
  EXPECT_NE(ShowProp(FindResource(t_, "s", "A"), "VpcId").find("depends on itself"),
            std::string::npos)
      << ShowProp(FindResource(t_, "s", "A"), "VpcId");
}

}  // namespace
}  // namespace fd::predeploy::cfn
