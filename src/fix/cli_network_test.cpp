// The AWS CLI rendering of the network and ECS steps, exactly as a user pastes them, and their
// cost class and touched resources.
#include <gtest/gtest.h>

#include "fix/step.h"

namespace fd::fix {
namespace {

std::string One(const Step& s) {
  const std::vector<std::string> c = Cli(s);
  EXPECT_EQ(c.size(), 1u);
  return c.empty() ? "" : c.front();
}

TEST(FixCli, RoutesNameTheirTargetOption) {
  EXPECT_EQ(One(Route{false, "rtb-1", "0.0.0.0/0", Route::Via::kNatGateway, "nat-1"}),
            "aws ec2 create-route --route-table-id rtb-1 --destination-cidr-block 0.0.0.0/0 --nat-gateway-id nat-1");
  EXPECT_EQ(One(Route{true, "rtb-1", "0.0.0.0/1", Route::Via::kInternetGateway, "igw-1"}),
            "aws ec2 replace-route --route-table-id rtb-1 --destination-cidr-block 0.0.0.0/1 --gateway-id igw-1");
}

TEST(FixCli, SecurityGroupRulesRenderEachKindOfPeer) {
  using P = SecurityGroupRule::Peer;
  EXPECT_EQ(One(SecurityGroupRule{"sg-1", true, "tcp", {443, 443}, P::kCidr, "0.0.0.0/0"}),
            "aws ec2 authorize-security-group-egress --group-id sg-1 --ip-permissions "
            "'IpProtocol=tcp,FromPort=443,ToPort=443,IpRanges=[{CidrIp=0.0.0.0/0}]'");
  EXPECT_EQ(One(SecurityGroupRule{"sg-1", true, "tcp", {443, 443}, P::kPrefixList, "pl-1"}),
            "aws ec2 authorize-security-group-egress --group-id sg-1 --ip-permissions "
            "'IpProtocol=tcp,FromPort=443,ToPort=443,PrefixListIds=[{PrefixListId=pl-1}]'");
  EXPECT_EQ(One(SecurityGroupRule{"sg-e", false, "tcp", {2049, 2049}, P::kGroup, "sg-t"}),
            "aws ec2 authorize-security-group-ingress --group-id sg-e --ip-permissions "
            "'IpProtocol=tcp,FromPort=2049,ToPort=2049,UserIdGroupPairs=[{GroupId=sg-t}]'");
  EXPECT_EQ(One(SecurityGroupRule{"sg-e", false, "udp", {53, 53}, P::kCidr6, "2600::/56"}),
            "aws ec2 authorize-security-group-ingress --group-id sg-e --ip-permissions "
            "'IpProtocol=udp,FromPort=53,ToPort=53,Ipv6Ranges=[{CidrIpv6=2600::/56}]'");
}

TEST(FixCli, NaclEntriesAndVpcAttributes) {
  EXPECT_EQ(One(NetworkAclEntry{"acl-1", false, 99, {1024, 65535}, "10.0.0.0/16"}),
            "aws ec2 create-network-acl-entry --network-acl-id acl-1 --ingress --rule-number 99 --protocol 6 "
            "--port-range From=1024,To=65535 --cidr-block 10.0.0.0/16 --rule-action allow");
  EXPECT_EQ(One(VpcDnsAttribute{"vpc-1", VpcDnsAttribute::Which::kHostnames}),
            "aws ec2 modify-vpc-attribute --vpc-id vpc-1 --enable-dns-hostnames '{\"Value\":true}'");
  EXPECT_EQ(One(SecurityGroup{"vpc-1", "api-tasks", "it's ours"}),
            "aws ec2 create-security-group --vpc-id vpc-1 --group-name api-tasks --description 'it'\\''s ours'");
}

TEST(FixCli, EndpointsJoinListsWithSpaces) {
  EXPECT_EQ(One(InterfaceEndpoint{"vpc-1", "com.amazonaws.eu-west-3.ecr.dkr", {"subnet-a", "subnet-b"}, "sg-e"}),
            "aws ec2 create-vpc-endpoint --vpc-id vpc-1 --vpc-endpoint-type Interface --service-name "
            "com.amazonaws.eu-west-3.ecr.dkr --subnet-ids subnet-a subnet-b --security-group-ids sg-e "
            "--private-dns-enabled");
  EXPECT_EQ(One(GatewayEndpoint{"vpc-1", "com.amazonaws.eu-west-3.s3", {"rtb-a", "rtb-b"}}),
            "aws ec2 create-vpc-endpoint --vpc-id vpc-1 --vpc-endpoint-type Gateway --service-name "
            "com.amazonaws.eu-west-3.s3 --route-table-ids rtb-a rtb-b");
}

TEST(FixCli, ServiceUpdatesKeepTheCliOptionOrder) {
  ServiceUpdate u;
  u.cluster = "prod";
  u.service = "api";
  u.network = {{{"subnet-a", "subnet-b"}, {"sg-1"}, "ENABLED"}};
  u.platform_version = "1.4.0";
  u.force_new_deployment = true;
  u.region = "eu-west-3";
  EXPECT_EQ(One(u), "aws ecs update-service --cluster prod --service api --network-configuration "
                    "\"awsvpcConfiguration={subnets=[subnet-a,subnet-b],securityGroups=[sg-1],"
                    "assignPublicIp=ENABLED}\" --platform-version 1.4.0 --force-new-deployment --region eu-west-3");
  RunTask r{"web:3", "", "LATEST", {{"subnet-a"}, {}, "DISABLED"}};
  EXPECT_EQ(One(r), "aws ecs run-task --launch-type FARGATE --platform-version LATEST --task-definition web:3 "
                    "--network-configuration \"awsvpcConfiguration={subnets=[subnet-a],assignPublicIp=DISABLED}\"");
}

TEST(FixCli, TaskDefinitionRevisionExportsOnlyWhatIsRegistered) {
  TaskDefinitionRevision t{"web:3", "set \"cpu\"", "web", "", "", "prod", "api"};
  const std::vector<std::string> c = Cli(t);
  ASSERT_EQ(c.size(), 4u);
  EXPECT_EQ(c[0].rfind("aws ecs describe-task-definition --task-definition web:3 --query taskDefinition | jq ", 0), 0u);
  EXPECT_EQ(c[1], "# in taskdef.json: set \"cpu\"");
  EXPECT_EQ(c[3], "aws ecs update-service --cluster prod --service api --task-definition web");
  const std::vector<std::string> local = Cli(TaskDefinitionRevision{"", "x", "web", "", "", "", ""});
  EXPECT_EQ(local, (std::vector<std::string>{"# in taskdef.json: x",
                                              "aws ecs register-task-definition --cli-input-json file://taskdef.json"}));
}

TEST(FixSteps, CostAndTouchedResourcesFollowTheKind) {
  EXPECT_EQ(CostOf(NatGateway{"subnet-pub"}), Cost::kBillable);
  EXPECT_EQ(CostOf(ElasticIp{}), Cost::kBillable);
  EXPECT_EQ(CostOf(InterfaceEndpoint{}), Cost::kBillable);
  EXPECT_EQ(CostOf(GatewayEndpoint{}), Cost::kFree);
  EXPECT_EQ(CostOf(Read{"ec2", "describe-vpcs", {}}), Cost::kFree);
  const auto t = Touches(Route{false, "rtb-1", "0.0.0.0/0", Route::Via::kNatGateway, "nat-1"});
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0].type, "AWS::EC2::RouteTable");
  EXPECT_EQ(t[0].id, "rtb-1");
  EXPECT_TRUE(Touches(Read{"ec2", "describe-vpcs", {}}).empty());
}

}  // namespace
}  // namespace fd::fix
