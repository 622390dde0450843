// The CloudFormation edits of steps: new resources under Resources, changes of declared ones at
// their line, references to declared resources and to the new resources of earlier steps. Each
// expected text was read as a user would paste it; each is also parsed with yaml-cpp, so a
// mistake in indentation or quoting fails here, not in the user's template.
#include "fix/cloudformation.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

namespace fd::fix {
namespace {

const Declarations kNet = {
    {"PrivateRouteTable", {"PrivateRouteTable", "", "AWS::EC2::RouteTable", "net", "net.yaml", 19}},
    {"PublicSubnet", {"PublicSubnet", "", "AWS::EC2::Subnet", "net", "net.yaml", 10}},
    {"PrivateSubnet", {"PrivateSubnet", "", "AWS::EC2::Subnet", "net", "net.yaml", 12}},
    {"Vpc", {"Vpc", "", "AWS::EC2::VPC", "net", "net.yaml", 5}},
    {"Vpc.DefaultSecurityGroup", {"Vpc", "DefaultSecurityGroup", "AWS::EC2::VPC", "net", "net.yaml", 5}},
    {"TaskSecurityGroup", {"TaskSecurityGroup", "", "AWS::EC2::SecurityGroup", "net", "net.yaml", 30}},
    {"EcrEndpoint", {"EcrEndpoint", "", "AWS::EC2::VPCEndpoint", "net", "net.yaml", 40}},
    {"api", {"Service", "", "AWS::ECS::Service", "app", "app.yaml", 70}},
    {"Service", {"Service", "", "AWS::ECS::Service", "app", "app.yaml", 70}},
    {"api-exec", {"ExecutionRole", "", "AWS::IAM::Role", "app", "app.yaml", 50}},
    {"api-family", {"TaskDefinition", "", "AWS::ECS::TaskDefinition", "app", "app.yaml", 60}},
};

/// The fragment of an edit: the YAML after its comment lines, parsed.
YAML::Node Fragment(const std::string& edit) {
  YAML::Node n = YAML::Load(edit);
  EXPECT_TRUE(n.IsMap()) << edit;
  return n;
}

TEST(FixCloudFormation, ANewNatGatewayIsAnEipANatGatewayAndARouteThatReferenceEachOther) {
  const std::vector<std::string> e =
      CloudFormation({ElasticIp{}, NatGateway{"PublicSubnet"},
                      Route{false, "PrivateRouteTable", "0.0.0.0/0", Route::Via::kNatGateway, "<nat-id>"}},
                     kNet);
  ASSERT_EQ(e.size(), 3u);
  EXPECT_EQ(e[0],
            "# new resource, under Resources:\n"
            "NatGatewayEip:\n  Type: AWS::EC2::EIP\n  Properties:\n    Domain: vpc");
  EXPECT_EQ(e[1],
            "# new resource, under Resources of net.yaml:\n"
            "NatGateway:\n  Type: AWS::EC2::NatGateway\n  Properties:\n"
            "    SubnetId: !Ref PublicSubnet\n    AllocationId: !GetAtt NatGatewayEip.AllocationId");
  EXPECT_EQ(e[2],
            "# new resource, under Resources of net.yaml:\n"
            "PrivateRouteTableDefaultRoute:\n  Type: AWS::EC2::Route\n  Properties:\n"
            "    RouteTableId: !Ref PrivateRouteTable\n    DestinationCidrBlock: \"0.0.0.0/0\"\n"
            "    NatGatewayId: !Ref NatGateway");
  const YAML::Node route = Fragment(e[2])["PrivateRouteTableDefaultRoute"]["Properties"];
  EXPECT_EQ(route["NatGatewayId"].Tag(), "!Ref");
  EXPECT_EQ(route["NatGatewayId"].as<std::string>(), "NatGateway");
  EXPECT_EQ(route["DestinationCidrBlock"].as<std::string>(), "0.0.0.0/0");
}

TEST(FixCloudFormation, TheEndpointGroupIsReferencedByItsGroupIdWhereverAStepNamesIt) {
  const std::vector<std::string> e = CloudFormation(
      {SecurityGroup{"Vpc", "fargate-vpc-endpoints", "Interface endpoints for ECS tasks"},
       SecurityGroupRule{"<endpoint-sg-id>", false, "tcp", {443, 443}, SecurityGroupRule::Peer::kGroup, "TaskSecurityGroup"},
       InterfaceEndpoint{"Vpc", "com.amazonaws.eu-west-1.ecr.api", {"PrivateSubnet"}, "<endpoint-sg-id>"}},
      kNet);
  ASSERT_EQ(e.size(), 3u);
  EXPECT_EQ(e[0],
            "# new resource, under Resources of net.yaml:\n"
            "FargateVpcEndpointsSecurityGroup:\n  Type: AWS::EC2::SecurityGroup\n  Properties:\n"
            "    GroupDescription: \"Interface endpoints for ECS tasks\"\n    VpcId: !Ref Vpc");
  EXPECT_EQ(e[1],
            "# new resource, under Resources of net.yaml:\n"
            "FargateVpcEndpointsSecurityGroupIngressTcp443:\n  Type: AWS::EC2::SecurityGroupIngress\n  Properties:\n"
            "    GroupId: !GetAtt FargateVpcEndpointsSecurityGroup.GroupId\n    IpProtocol: tcp\n"
            "    FromPort: 443\n    ToPort: 443\n    SourceSecurityGroupId: !GetAtt TaskSecurityGroup.GroupId");
  EXPECT_EQ(e[2],
            "# new resource, under Resources of net.yaml:\n"
            "EcrApiEndpoint:\n  Type: AWS::EC2::VPCEndpoint\n  Properties:\n"
            "    VpcEndpointType: Interface\n    ServiceName: !Sub \"com.amazonaws.${AWS::Region}.ecr.api\"\n"
            "    VpcId: !Ref Vpc\n    SubnetIds:\n      - !Ref PrivateSubnet\n"
            "    SecurityGroupIds:\n      - !GetAtt FargateVpcEndpointsSecurityGroup.GroupId\n"
            "    PrivateDnsEnabled: true");
  const YAML::Node ep = Fragment(e[2])["EcrApiEndpoint"]["Properties"];
  EXPECT_EQ(ep["SubnetIds"][0].as<std::string>(), "PrivateSubnet");
  EXPECT_EQ(ep["SecurityGroupIds"][0].Tag(), "!GetAtt");
  EXPECT_TRUE(ep["PrivateDnsEnabled"].as<bool>());
}

TEST(FixCloudFormation, AGatewayEndpointNamesItsRouteTables) {
  const std::string e =
      CloudFormationEdits(kNet).Edit(GatewayEndpoint{"Vpc", "com.amazonaws.eu-west-1.s3", {"PrivateRouteTable"}});
  EXPECT_EQ(e,
            "# new resource, under Resources of net.yaml:\n"
            "S3GatewayEndpoint:\n  Type: AWS::EC2::VPCEndpoint\n  Properties:\n"
            "    VpcEndpointType: Gateway\n    ServiceName: !Sub \"com.amazonaws.${AWS::Region}.s3\"\n"
            "    VpcId: !Ref Vpc\n    RouteTableIds:\n      - !Ref PrivateRouteTable");
}

TEST(FixCloudFormation, WhatAwsCreatesWithAVpcIsItsAttribute) {
  const std::string e = CloudFormationEdits(kNet).Edit(
      SecurityGroupRule{"Vpc.DefaultSecurityGroup", true, "tcp", {443, 443}, SecurityGroupRule::Peer::kCidr, "0.0.0.0/0"});
  EXPECT_NE(e.find("VpcDefaultSecurityGroupEgressTcp443:\n  Type: AWS::EC2::SecurityGroupEgress\n"), std::string::npos) << e;
  EXPECT_NE(e.find("    GroupId: !GetAtt Vpc.DefaultSecurityGroup\n"), std::string::npos) << e;
  EXPECT_NE(e.find("    CidrIp: \"0.0.0.0/0\""), std::string::npos) << e;
}

TEST(FixCloudFormation, AChangeOfADeclaredResourceNamesItsLineAndThePropertiesToSet) {
  EXPECT_EQ(CloudFormationEdits(kNet).Edit(EndpointPrivateDns{"EcrEndpoint"}),
            "# in EcrEndpoint (net.yaml:40), under Properties, set:\nPrivateDnsEnabled: true");
  ServiceUpdate u;
  u.cluster = "prod";
  u.service = "api";
  u.network = {NetworkConfiguration{{"PrivateSubnet"}, {"TaskSecurityGroup"}, "ENABLED"}};
  u.force_new_deployment = true;  // what a stack update does anyway
  const std::string e = CloudFormationEdits(kNet).Edit(u);
  // The service is in stack app, the network in stack net: imported, and exported there.
  EXPECT_EQ(e,
            "# in Service (app.yaml:70), under Properties, set:\n"
            "NetworkConfiguration:\n  AwsvpcConfiguration:\n    AssignPublicIp: ENABLED\n"
            "    Subnets:\n      - !ImportValue net-PrivateSubnet\n"
            "    SecurityGroups:\n      - !ImportValue net-TaskSecurityGroup\n"
            "# and under Outputs of net.yaml (stack net):\n"
            "PrivateSubnetExport:\n  Value: !Ref PrivateSubnet\n  Export:\n"
            "    Name: !Sub \"${AWS::StackName}-PrivateSubnet\"\n"
            "# and under Outputs of net.yaml (stack net):\n"
            "TaskSecurityGroupExport:\n  Value: !GetAtt TaskSecurityGroup.GroupId\n  Export:\n"
            "    Name: !Sub \"${AWS::StackName}-TaskSecurityGroup\"");
  EXPECT_EQ(Fragment(e)["NetworkConfiguration"]["AwsvpcConfiguration"]["AssignPublicIp"].as<std::string>(), "ENABLED");

  TaskDefinitionRevision t;
  t.family = "api-family";
  t.cpu = "512";
  t.memory = "1024";
  t.edit = "set cpu 512 and memory 1024 (a Fargate pair)";
  EXPECT_EQ(CloudFormationEdits(kNet).Edit(t),
            "# set cpu 512 and memory 1024 (a Fargate pair)\n"
            "# in TaskDefinition (app.yaml:60), under Properties, set:\nCpu: \"512\"\nMemory: \"1024\"");
}

TEST(FixCloudFormation, AChangeOfWhatTheTemplatesDoNotDeclareIsTheCliCommand) {
  EXPECT_EQ(CloudFormationEdits(kNet).Edit(EndpointPrivateDns{"vpce-0abc"}),
            "# vpce-0abc is not declared in the templates read: run\n"
            "#   aws ec2 modify-vpc-endpoint --vpc-endpoint-id vpce-0abc --private-dns-enabled");
}

TEST(FixCloudFormation, IdsFromOutsideTheTemplatesAndUnboundPlaceholdersStayLiteral) {
  const std::string e = CloudFormationEdits(kNet).Edit(NatGateway{"subnet-0abc", "<eipalloc-id>"});
  EXPECT_NE(e.find("    SubnetId: subnet-0abc\n    AllocationId: \"<eipalloc-id>\""), std::string::npos) << e;
  EXPECT_EQ(Fragment(e)["NatGateway"]["Properties"]["AllocationId"].as<std::string>(), "<eipalloc-id>");
  // Strings YAML would read as something else are quoted: a boolean word, a trailing colon.
  for (const std::string name : {"yes", "Off", "prefix:", "10.0.0.0/8", "a b"}) {
    const std::string log = CloudFormationEdits({}).Edit(LogGroup{name, ""});
    EXPECT_EQ(Fragment(log).begin()->second["Properties"]["LogGroupName"].as<std::string>(), name) << log;
  }
}

TEST(FixCloudFormation, NewNamesNeverClashWithDeclaredOrEarlierOnes) {
  const Declarations d = {{"Rt", {"Rt", "", "AWS::EC2::RouteTable", "s", "s.yaml", 3}},
                          {"RtDefaultRoute", {"RtDefaultRoute", "", "AWS::EC2::Route", "s", "s.yaml", 9}}};
  const auto e = CloudFormation({Route{false, "Rt", "0.0.0.0/0", Route::Via::kNatGateway, "nat-1"},
                                 Route{false, "Rt", "0.0.0.0/0", Route::Via::kNatGateway, "nat-2"}},
                                d);
  EXPECT_NE(e[0].find("\nRtDefaultRoute2:\n"), std::string::npos) << e[0];
  EXPECT_NE(e[1].find("\nRtDefaultRoute3:\n"), std::string::npos) << e[1];
}

TEST(FixCloudFormation, AReferenceToAnotherStackIsImportedAndExportedThere) {
  const std::string e = CloudFormationEdits(kNet).Edit(RouteTableAssociation{"PrivateRouteTable", "Service"});
  EXPECT_NE(e.find("    RouteTableId: !ImportValue net-PrivateRouteTable\n"), std::string::npos) << e;
  EXPECT_NE(e.find("\n# and under Outputs of net.yaml (stack net):\n"
                   "PrivateRouteTableExport:\n  Value: !Ref PrivateRouteTable\n  Export:\n"
                   "    Name: !Sub \"${AWS::StackName}-PrivateRouteTable\""),
            std::string::npos)
      << e;
  // Both fragments are YAML (each goes in its own file, as its comment says).
  const YAML::Node both = Fragment(e);
  EXPECT_EQ(both["PrivateRouteTableExport"]["Export"]["Name"].Tag(), "!Sub");
}

TEST(FixCloudFormation, AChangeInOneStackImportsWhatAnotherExportsAlready) {
  Declarations d = kNet;
  d.at("PrivateSubnet").export_name = "net:PrivateSubnet";
  const std::string e = CloudFormationEdits(d).Edit(
      ServiceUpdate{.cluster = "prod", .service = "Service",
                    .network = {NetworkConfiguration{{"PrivateSubnet", "PublicSubnet"}, {}, "DISABLED"}}});
  // The service's stack is where the change goes: the subnets are imported, the one exported
  // already by its export, the other by a new Output.
  EXPECT_EQ(e.rfind("# in Service (app.yaml:70), under Properties, set:\n", 0), 0u) << e;
  EXPECT_NE(e.find("- !ImportValue net:PrivateSubnet\n"), std::string::npos) << e;
  EXPECT_NE(e.find("- !ImportValue net-PublicSubnet\n"), std::string::npos) << e;
  EXPECT_NE(e.find("PublicSubnetExport:\n  Value: !Ref PublicSubnet\n"), std::string::npos) << e;
  EXPECT_EQ(e.find("PrivateSubnetExport"), std::string::npos) << e;
}

TEST(FixCloudFormation, AnIpTargetGroupReplacingADeclaredOneChangesItsType) {
  Declarations declared = kNet;
  declared.emplace("TargetGroup", Declared{"TargetGroup", "", "AWS::ElasticLoadBalancingV2::TargetGroup", "app",
                                           "app.yaml", 90});
  const TargetGroup group{"app-ip", "HTTP", 8080, "Vpc", "TargetGroup"};
  const std::string edit = CloudFormationEdits(declared).Edit(group);
  EXPECT_EQ(edit,
            "# in TargetGroup (app.yaml:90), under Properties, set:\nTargetType: ip\n"
            "# (a new TargetType replaces the group: one already deployed with a Name needs a new Name too)");
  EXPECT_EQ(Fragment(edit)["TargetType"].as<std::string>(), "ip");
  // A group the templates do not declare: a new one, in the VPC's file.
  TargetGroup existing = group;
  existing.replaces = "arn:aws:elasticloadbalancing:eu-west-3:1:targetgroup/app/0123";
  EXPECT_NE(CloudFormationEdits(declared).Edit(existing).find("AppIpTargetGroup:\n  Type: AWS::ElasticLoadBalancingV2::TargetGroup"),
            std::string::npos);
}

TEST(FixCloudFormation, PoliciesAreJsonDocumentsOnTheirKeysLine) {
  const std::string doc = R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ecr:GetAuthorizationToken","Resource":"*"}]})";
  const std::string e = CloudFormationEdits(kNet).Edit(InlinePolicy{false, "api-exec", "ecs-ecr-auth-token", doc});
  EXPECT_EQ(e,
            "# new resource, under Resources of app.yaml:\n"
            "EcsEcrAuthTokenPolicy:\n  Type: AWS::IAM::Policy\n  Properties:\n"
            "    PolicyName: ecs-ecr-auth-token\n    PolicyDocument: " + doc + "\n"
            "    Roles:\n      - !Ref ExecutionRole");
  const YAML::Node p = Fragment(e)["EcsEcrAuthTokenPolicy"]["Properties"];
  EXPECT_EQ(p["PolicyDocument"]["Statement"][0]["Action"].as<std::string>(), "ecr:GetAuthorizationToken");
}

TEST(FixCloudFormation, ALogGroupAndACapacityProviderStrategy) {
  EXPECT_EQ(CloudFormationEdits(kNet).Edit(LogGroup{"/ecs/api", "eu-west-1"}),
            "# new resource, under Resources:\n"
            "EcsApiLogGroup:\n  Type: AWS::Logs::LogGroup\n  Properties:\n    LogGroupName: \"/ecs/api\"");
  const Declarations d = {{"prod", {"Cluster", "", "AWS::ECS::Cluster", "app", "app.yaml", 20}}};
  const std::string e = CloudFormationEdits(d).Edit(
      ClusterCapacityProviders{"prod", {"FARGATE", "FARGATE_SPOT"}, "capacityProvider=FARGATE,weight=1", ""});
  EXPECT_EQ(e,
            "# in Cluster (app.yaml:20), under Properties, set:\n"
            "CapacityProviders:\n  - FARGATE\n  - FARGATE_SPOT\n"
            "DefaultCapacityProviderStrategy:\n  - CapacityProvider: FARGATE\n    Weight: 1");
  EXPECT_EQ(Fragment(e)["DefaultCapacityProviderStrategy"][0]["Weight"].as<int>(), 1);
}

TEST(FixCloudFormation, ATaskDefinitionIsNeverTheServiceItsFamilyIsNamedAfter) {
  const Declarations d = {{"api", {"Service", "", "AWS::ECS::Service", "app", "app.yaml", 70}},
                          {"api:1", {"TaskDefinition", "", "AWS::ECS::TaskDefinition", "app", "app.yaml", 60}}};
  TaskDefinitionRevision t;
  t.name = "api:1";
  t.family = "api";
  t.cpu = "1024";
  t.memory = "2048";
  EXPECT_EQ(CloudFormationEdits(d).Edit(t),
            "# in TaskDefinition (app.yaml:60), under Properties, set:\nCpu: \"1024\"\nMemory: \"2048\"");
  t.name.clear();  // a family alone that only a service is named after: the CLI, not the service
  EXPECT_EQ(CloudFormationEdits(d).Edit(t).rfind("# in Service", 0), std::string::npos);
}

}  // namespace
}  // namespace fd::fix
