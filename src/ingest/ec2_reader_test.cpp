#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "ingest/snapshot.h"
#include "testing/load_files.h"

namespace fd::ingest {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

using fd::testing::Load;

bool HasNote(const model::Model& m, const std::string& file, const std::string& pointer,
             const std::string& fragment) {
  for (const auto& n : m.notes())
    if (n.file == file && n.pointer == pointer && n.note.find(fragment) != std::string::npos)
      return true;
  return false;
}

Cidr4 C4(const char* text) { return *Cidr4::Parse(text); }

TEST(IngestEc2, VpcCidrsPrimaryFirstAssociatedOnly) {
  auto m = Load({{"us-east-1/vpcs.json", R"({"Vpcs": [{
      "VpcId": "vpc-1", "OwnerId": "111122223333", "CidrBlock": "10.0.0.0/16",
      "DhcpOptionsId": "dopt-1", "IsDefault": true,
      "CidrBlockAssociationSet": [
        {"CidrBlock": "10.0.0.0/16", "CidrBlockState": {"State": "associated"}},
        {"CidrBlock": "10.1.0.0/16", "CidrBlockState": {"State": "associated"}},
        {"CidrBlock": "10.2.0.0/16", "CidrBlockState": {"State": "disassociated"}}],
      "Ipv6CidrBlockAssociationSet": [
        {"Ipv6CidrBlock": "2600:1f18::/56", "Ipv6CidrBlockState": {"State": "associated"}}]}]})"}});
  const model::Vpc* v = m.vpcs().Find("vpc-1");
  ASSERT_NE(v, nullptr);
  EXPECT_THAT(v->cidrs, ElementsAre(C4("10.0.0.0/16"), C4("10.1.0.0/16")));
  ASSERT_EQ(v->ipv6_cidrs.size(), 1u);
  EXPECT_EQ(v->ipv6_cidrs[0], *Cidr6::Parse("2600:1f18::/56"));
  EXPECT_EQ(v->owner_id, "111122223333");
  EXPECT_EQ(v->region, "us-east-1");  // from the folder
  EXPECT_EQ(v->dhcp_options_id, "dopt-1");
  EXPECT_TRUE(v->is_default);
  EXPECT_EQ(v->source.file, "us-east-1/vpcs.json");
  EXPECT_EQ(v->source.pointer, "/Vpcs/0");
  EXPECT_TRUE(m.Has("Vpcs"));
}

TEST(IngestEc2, VpcAttributeMergesIntoVpc) {
  auto m = Load({{"a.json", R"({"VpcId": "vpc-1", "EnableDnsSupport": {"Value": true}})"},
                 {"b.json", R"({"VpcId": "vpc-1", "EnableDnsHostnames": {"Value": false}})"},
                 {"c.json", R"({"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}]})"}});
  const model::Vpc* v = m.vpcs().Find("vpc-1");
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->enable_dns_support, true);
  EXPECT_EQ(v->enable_dns_hostnames, false);
  EXPECT_EQ(v->cidrs.size(), 1u);
  EXPECT_EQ(v->source.file, "c.json");
  EXPECT_TRUE(m.Has("EnableDnsSupport"));
  EXPECT_TRUE(m.Has("EnableDnsHostnames"));
  EXPECT_THAT(m.notes(), IsEmpty());
}

TEST(IngestEc2, SubnetFieldsAndRegionFromArnBeforeFolder) {
  auto m = Load({{"eu-west-1/subnets.json", R"({"Subnets": [{
      "SubnetId": "subnet-1", "VpcId": "vpc-1", "AvailabilityZone": "us-east-1d",
      "AvailabilityZoneId": "use1-az2", "CidrBlock": "172.31.80.0/20",
      "AvailableIpAddressCount": 4089, "MapPublicIpOnLaunch": true, "State": "available",
      "OwnerId": "111122223333", "Ipv6Native": false, "EnableDns64": true,
      "SubnetArn": "arn:aws:ec2:us-west-2:111122223333:subnet/subnet-1"},
     {"SubnetId": "subnet-2", "VpcId": "vpc-1", "AvailabilityZone": "ap-south-1a"}]})"}});
  const model::Subnet* s = m.subnets().Find("subnet-1");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->region, "us-west-2");  // the ARN outranks the zone and the folder
  EXPECT_EQ(s->availability_zone, "us-east-1d");
  EXPECT_EQ(s->availability_zone_id, "use1-az2");
  EXPECT_EQ(s->cidr, C4("172.31.80.0/20"));
  EXPECT_EQ(s->available_ip_address_count, 4089);
  EXPECT_TRUE(s->map_public_ip_on_launch);
  EXPECT_TRUE(s->enable_dns64);
  EXPECT_EQ(s->state, "available");
  const model::Subnet* s2 = m.subnets().Find("subnet-2");
  ASSERT_NE(s2, nullptr);
  EXPECT_EQ(s2->region, "ap-south-1");  // the zone outranks the folder
  EXPECT_EQ(s2->source.pointer, "/Subnets/1");
}

TEST(IngestEc2, RouteTargetsAreClassified) {
  auto m = Load({{"rt.json", R"({"RouteTables": [{
      "RouteTableId": "rtb-1", "VpcId": "vpc-1",
      "Associations": [{"Main": true}, {"Main": false, "SubnetId": "subnet-a"},
                       {"Main": false, "SubnetId": "subnet-old",
                        "AssociationState": {"State": "disassociated"}}],
      "Routes": [
        {"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "Origin": "CreateRouteTable", "State": "active"},
        {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-1", "State": "active"},
        {"DestinationPrefixListId": "pl-63a5400a", "GatewayId": "vpce-s3", "State": "active"},
        {"DestinationCidrBlock": "10.9.0.0/16", "GatewayId": "vpce-gwlb", "State": "active"},
        {"DestinationCidrBlock": "10.10.0.0/16", "NatGatewayId": "nat-1", "State": "blackhole"},
        {"DestinationCidrBlock": "10.11.0.0/16", "TransitGatewayId": "tgw-1"},
        {"DestinationCidrBlock": "10.12.0.0/16", "VpcPeeringConnectionId": "pcx-1"},
        {"DestinationCidrBlock": "10.13.0.0/16", "InstanceId": "i-1", "NetworkInterfaceId": "eni-1"},
        {"DestinationCidrBlock": "10.14.0.0/16", "InstanceId": "i-2"},
        {"DestinationIpv6CidrBlock": "::/0", "EgressOnlyInternetGatewayId": "eigw-1"},
        {"DestinationCidrBlock": "10.15.0.0/16", "CoreNetworkArn": "arn:aws:networkmanager::1:core-network/cn-1"},
        {"DestinationCidrBlock": "10.16.0.0/16", "LocalGatewayId": "lgw-1"},
        {"DestinationCidrBlock": "10.17.0.0/16", "CarrierGatewayId": "cagw-1"},
        {"DestinationCidrBlock": "10.18.0.0/16", "GatewayId": "vgw-1", "Origin": "EnableVgwRoutePropagation"}]}]})"}});
  const model::RouteTable* t = m.route_tables().Find("rtb-1");
  ASSERT_NE(t, nullptr);
  EXPECT_TRUE(t->main);
  EXPECT_THAT(t->subnet_ids, ElementsAre("subnet-a"));
  using RT = model::RouteTarget;
  std::vector<std::pair<RT, std::string>> got;
  for (const auto& r : t->routes) got.emplace_back(r.target, r.target_id);
  EXPECT_THAT(got,
              ElementsAre(std::pair{RT::kLocal, std::string("local")},
                          std::pair{RT::kInternetGateway, std::string("igw-1")},
                          std::pair{RT::kGatewayEndpoint, std::string("vpce-s3")},
                          std::pair{RT::kGwlbEndpoint, std::string("vpce-gwlb")},
                          std::pair{RT::kNatGateway, std::string("nat-1")},
                          std::pair{RT::kTransitGateway, std::string("tgw-1")},
                          std::pair{RT::kPeering, std::string("pcx-1")},
                          std::pair{RT::kNetworkInterface, std::string("eni-1")},
                          std::pair{RT::kInstance, std::string("i-2")},
                          std::pair{RT::kEgressOnlyInternetGateway, std::string("eigw-1")},
                          std::pair{RT::kCoreNetwork,
                                    std::string("arn:aws:networkmanager::1:core-network/cn-1")},
                          std::pair{RT::kLocalGateway, std::string("lgw-1")},
                          std::pair{RT::kCarrierGateway, std::string("cagw-1")},
                          std::pair{RT::kVpnGateway, std::string("vgw-1")}));
  EXPECT_EQ(t->routes[0].destination, C4("10.0.0.0/16"));
  EXPECT_EQ(t->routes[0].origin, "CreateRouteTable");
  EXPECT_EQ(t->routes[2].destination_prefix_list_id, "pl-63a5400a");
  EXPECT_FALSE(t->routes[2].destination.has_value());
  EXPECT_TRUE(t->routes[4].blackhole);
  EXPECT_FALSE(t->routes[1].blackhole);
  ASSERT_TRUE(t->routes[9].destination_ipv6.has_value());
  EXPECT_EQ(*t->routes[9].destination_ipv6, *Cidr6::Parse("::/0"));
  EXPECT_EQ(t->routes[4].source.pointer, "/RouteTables/0/Routes/4");
  EXPECT_EQ(m.RouteTableForSubnet("subnet-a"), t);
}

TEST(IngestEc2, BadRouteDataBecomesNotes) {
  auto m = Load({{"rt.json", R"({"RouteTables": [
      {"RouteTableId": "rtb-1", "VpcId": "vpc-1", "Routes": [
        {"DestinationCidrBlock": "10.0.0/16", "GatewayId": "local"},
        {"DestinationCidrBlock": "10.1.0.0/16", "GatewayId": 7},
        {"DestinationCidrBlock": "10.2.0.0/16", "GatewayId": "igw-ok"}]},
      {"VpcId": "vpc-1"},
      "rtb-string"]})"}});
  const model::RouteTable* t = m.route_tables().Find("rtb-1");
  ASSERT_NE(t, nullptr);
  ASSERT_EQ(t->routes.size(), 2u);
  EXPECT_EQ(t->routes[1].target_id, "igw-ok");
  EXPECT_TRUE(HasNote(m, "rt.json", "/RouteTables/0/Routes/0/DestinationCidrBlock", "10.0.0/16"));
  EXPECT_TRUE(HasNote(m, "rt.json", "/RouteTables/0/Routes/1/GatewayId", "expected a string"));
  EXPECT_TRUE(HasNote(m, "rt.json", "/RouteTables/1", "no RouteTableId"));
  EXPECT_TRUE(HasNote(m, "rt.json", "/RouteTables/2", "not an object"));
}

TEST(IngestEc2, NaclEntriesParsedAndSortedForEvaluation) {
  auto m = Load({{"acl.json", R"({"NetworkAcls": [{
      "NetworkAclId": "acl-1", "VpcId": "vpc-1", "IsDefault": false,
      "Associations": [{"SubnetId": "subnet-a"}, {"SubnetId": "subnet-b"}],
      "Entries": [
        {"CidrBlock": "0.0.0.0/0", "Egress": false, "Protocol": "-1", "RuleAction": "deny", "RuleNumber": 32767},
        {"CidrBlock": "10.1.1.0/24", "Egress": false, "Protocol": "1", "IcmpTypeCode": {"Code": -1, "Type": -1},
         "RuleAction": "allow", "RuleNumber": 100},
        {"CidrBlock": "0.0.0.0/0", "Egress": true, "Protocol": "6", "PortRange": {"From": 1024, "To": 65535},
         "RuleAction": "allow", "RuleNumber": 200},
        {"Ipv6CidrBlock": "::/0", "Egress": true, "Protocol": "-1", "RuleAction": "deny", "RuleNumber": 32768},
        {"CidrBlock": "0.0.0.0/0", "Egress": false, "Protocol": "17", "PortRange": {"From": 53, "To": 53},
         "RuleAction": "allow", "RuleNumber": 90},
        {"CidrBlock": "0.0.0.0/0", "Egress": false, "Protocol": "6", "RuleAction": "maybe", "RuleNumber": 95}]}]})"}});
  const model::NetworkAcl* acl = m.network_acls().Find("acl-1");
  ASSERT_NE(acl, nullptr);
  EXPECT_THAT(acl->subnet_ids, ElementsAre("subnet-a", "subnet-b"));
  ASSERT_EQ(acl->entries.size(), 5u);
  std::vector<std::pair<bool, int>> order;
  for (const auto& e : acl->entries) order.emplace_back(e.egress, e.rule_number);
  EXPECT_THAT(order,
              ElementsAre(std::pair{false, 90}, std::pair{false, 100}, std::pair{false, 32767},
                          std::pair{true, 200}, std::pair{true, 32768}));
  const auto& udp = acl->entries[0];
  EXPECT_EQ(udp.protocol, 17);
  EXPECT_EQ(udp.ports, (PortRange{53, 53}));
  EXPECT_TRUE(udp.allow);
  EXPECT_EQ(udp.source.pointer, "/NetworkAcls/0/Entries/4");
  const auto& icmp = acl->entries[1];
  EXPECT_EQ(icmp.protocol, 1);
  EXPECT_FALSE(icmp.ports.has_value());
  EXPECT_EQ(icmp.cidr, C4("10.1.1.0/24"));
  EXPECT_FALSE(acl->entries[2].allow);
  EXPECT_EQ(acl->entries[3].ports, (PortRange{1024, 65535}));
  EXPECT_EQ(*acl->entries[4].ipv6_cidr, *Cidr6::Parse("::/0"));
  EXPECT_FALSE(acl->entries[4].cidr.has_value());
  EXPECT_TRUE(HasNote(m, "acl.json", "/NetworkAcls/0/Entries/5", "RuleAction"));
  EXPECT_EQ(m.NaclForSubnet("subnet-b"), acl);
}

TEST(IngestEc2, SecurityGroupPermissions) {
  auto m = Load({{"sg.json", R"({"SecurityGroups": [{
      "GroupId": "sg-1", "GroupName": "default", "VpcId": "vpc-1", "OwnerId": "111122223333",
      "IpPermissions": [
        {"IpProtocol": "-1", "UserIdGroupPairs": [{"GroupId": "sg-1", "UserId": "111122223333"}]},
        {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
         "IpRanges": [{"CidrIp": "10.0.0.0/16", "Description": "vpc"}, {"CidrIp": "bogus"}],
         "Ipv6Ranges": [{"CidrIpv6": "2600::/64"}],
         "PrefixListIds": [{"PrefixListId": "pl-63a5400a"}]},
        {"IpProtocol": "icmp", "FromPort": 8, "ToPort": 0, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]},
        {"IpProtocol": "50", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]},
        {"IpProtocol": "udp", "FromPort": 70000, "ToPort": 5},
        {"IpProtocol": "gre"}],
      "IpPermissionsEgress": [{"IpProtocol": "-1", "FromPort": -1, "ToPort": -1,
                               "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]}]})"}});
  const model::SecurityGroup* g = m.security_groups().Find("sg-1");
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(g->name, "default");
  EXPECT_EQ(g->owner_id, "111122223333");
  EXPECT_TRUE(g->rules_known);
  EXPECT_EQ(m.DefaultSecurityGroup("vpc-1"), g);
  ASSERT_EQ(g->ingress.size(), 4u);
  EXPECT_EQ(g->ingress[0].protocol, -1);
  EXPECT_EQ(g->ingress[0].ports, PortRange{});
  EXPECT_THAT(g->ingress[0].group_ids, ElementsAre("sg-1"));
  const model::SgRule& https = g->ingress[1];
  EXPECT_EQ(https.protocol, 6);
  EXPECT_EQ(https.ports, (PortRange{443, 443}));
  EXPECT_THAT(https.cidrs, ElementsAre(C4("10.0.0.0/16")));
  ASSERT_EQ(https.ipv6_cidrs.size(), 1u);
  EXPECT_THAT(https.prefix_list_ids, ElementsAre("pl-63a5400a"));
  EXPECT_EQ(https.source.pointer, "/SecurityGroups/0/IpPermissions/1");
  EXPECT_EQ(g->ingress[2].protocol, 1);
  EXPECT_EQ(g->ingress[2].ports, PortRange{});  // ICMP type/code are not ports
  EXPECT_EQ(g->ingress[3].protocol, 50);
  ASSERT_EQ(g->egress.size(), 1u);
  EXPECT_EQ(g->egress[0].ports, PortRange{});
  EXPECT_EQ(g->egress[0].source.pointer, "/SecurityGroups/0/IpPermissionsEgress/0");
  EXPECT_TRUE(
      HasNote(m, "sg.json", "/SecurityGroups/0/IpPermissions/1/IpRanges/1/CidrIp", "bogus"));
  EXPECT_TRUE(HasNote(m, "sg.json", "/SecurityGroups/0/IpPermissions/4", "port range"));
  EXPECT_TRUE(
      HasNote(m, "sg.json", "/SecurityGroups/0/IpPermissions/5/IpProtocol", "not an IP protocol"));
}

constexpr const char* kRules = R"({"SecurityGroupRules": [
    {"SecurityGroupRuleId": "sgr-1", "GroupId": "sg-1", "IsEgress": false, "IpProtocol": "-1",
     "FromPort": -1, "ToPort": -1, "ReferencedGroupInfo": {"GroupId": "sg-2", "UserId": "1"}},
    {"SecurityGroupRuleId": "sgr-2", "GroupId": "sg-1", "IsEgress": true, "IpProtocol": "tcp",
     "FromPort": 443, "ToPort": 443, "CidrIpv4": "0.0.0.0/0"},
    {"SecurityGroupRuleId": "sgr-3", "GroupId": "sg-1", "IsEgress": true, "IpProtocol": "-1",
     "FromPort": -1, "ToPort": -1, "CidrIpv6": "::/0"},
    {"SecurityGroupRuleId": "sgr-4", "GroupId": "sg-1", "IsEgress": true, "IpProtocol": "tcp",
     "FromPort": 443, "ToPort": 443, "PrefixListId": "pl-1"}]})";

TEST(IngestEc2, SecurityGroupRulesRows) {
  auto m = Load({{"eu-west-3/rules.json", kRules}});
  const model::SecurityGroup* g = m.security_groups().Find("sg-1");
  ASSERT_NE(g, nullptr);
  EXPECT_TRUE(g->rules_known);
  EXPECT_EQ(g->region, "eu-west-3");
  ASSERT_EQ(g->ingress.size(), 1u);
  EXPECT_THAT(g->ingress[0].group_ids, ElementsAre("sg-2"));
  EXPECT_EQ(g->ingress[0].protocol, -1);
  ASSERT_EQ(g->egress.size(), 3u);
  EXPECT_EQ(g->egress[0].protocol, 6);
  EXPECT_EQ(g->egress[0].ports, (PortRange{443, 443}));
  EXPECT_THAT(g->egress[0].cidrs, ElementsAre(Cidr4::Any()));
  EXPECT_EQ(g->egress[0].source.pointer, "/SecurityGroupRules/1");
  EXPECT_EQ(g->egress[1].ipv6_cidrs.size(), 1u);
  EXPECT_THAT(g->egress[2].prefix_list_ids, ElementsAre("pl-1"));
  EXPECT_TRUE(m.Has("SecurityGroupRules"));
}

TEST(IngestEc2, SecurityGroupListingWinsOverRuleRowsInEitherOrder) {
  const char* groups =
      R"({"SecurityGroups": [{"GroupId": "sg-1", "GroupName": "web", "VpcId": "vpc-1",
      "IpPermissions": [], "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]}]})";
  for (bool rules_first : {true, false}) {
    std::vector<InputFile> files = {{"g.json", groups}, {"r.json", kRules}};
    if (rules_first) std::swap(files[0], files[1]);
    auto m = Load(files);
    const model::SecurityGroup* g = m.security_groups().Find("sg-1");
    ASSERT_NE(g, nullptr);
    EXPECT_EQ(g->name, "web");
    EXPECT_EQ(g->vpc_id, "vpc-1");
    EXPECT_THAT(g->ingress, IsEmpty());
    EXPECT_EQ(g->egress.size(), 1u) << "rules_first=" << rules_first;
    EXPECT_EQ(g->source.file, "g.json");
  }
}

TEST(IngestEc2, VpcEndpoints) {
  auto m = Load({{"vpce.json", R"({"VpcEndpoints": [
      {"VpcEndpointId": "vpce-if", "VpcEndpointType": "Interface", "VpcId": "vpc-1",
       "ServiceName": "com.amazonaws.eu-west-3.ecr.dkr", "State": "Available", "PrivateDnsEnabled": true,
       "SubnetIds": ["subnet-a", "subnet-b"], "Groups": [{"GroupId": "sg-1", "GroupName": "x"}],
       "NetworkInterfaceIds": ["eni-1"], "RouteTableIds": [],
       "PolicyDocument": "{\"Statement\":[]}"},
      {"VpcEndpointId": "vpce-gw", "VpcEndpointType": "Gateway", "VpcId": "vpc-1",
       "ServiceName": "com.amazonaws.eu-west-3.s3", "State": "available", "RouteTableIds": ["rtb-1"],
       "PolicyDocument": {"Statement": [{"Effect": "Allow"}]}},
      {"VpcEndpointId": "vpce-gwlb", "VpcEndpointType": "GatewayLoadBalancer", "VpcId": "vpc-2",
       "ServiceName": "com.amazonaws.vpce.us-east-1.vpce-svc-123", "State": "available"},
      {"VpcEndpointId": "vpce-x", "VpcEndpointType": "Resource", "VpcId": "vpc-2",
       "ServiceName": "com.amazonaws.us-east-1.ecr.api", "ServiceRegion": "us-west-2"}]})"}});
  const model::VpcEndpoint* e = m.vpc_endpoints().Find("vpce-if");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->type, model::EndpointType::kInterface);
  EXPECT_EQ(e->state, "available");
  EXPECT_TRUE(e->private_dns_enabled);
  EXPECT_THAT(e->subnet_ids, ElementsAre("subnet-a", "subnet-b"));
  EXPECT_THAT(e->group_ids, ElementsAre("sg-1"));
  EXPECT_THAT(e->network_interface_ids, ElementsAre("eni-1"));
  EXPECT_EQ(e->policy_document, R"({"Statement":[]})");
  EXPECT_EQ(e->region, "eu-west-3");  // no hint: from the service name
  const model::VpcEndpoint* gw = m.vpc_endpoints().Find("vpce-gw");
  ASSERT_NE(gw, nullptr);
  EXPECT_EQ(gw->type, model::EndpointType::kGateway);
  EXPECT_THAT(gw->route_table_ids, ElementsAre("rtb-1"));
  EXPECT_EQ(gw->policy_document, R"({"Statement":[{"Effect":"Allow"}]})");
  EXPECT_EQ(m.vpc_endpoints().Find("vpce-gwlb")->type, model::EndpointType::kGatewayLoadBalancer);
  EXPECT_EQ(m.vpc_endpoints().Find("vpce-gwlb")->region, "us-east-1");
  const model::VpcEndpoint* x = m.vpc_endpoints().Find("vpce-x");
  EXPECT_EQ(x->type, model::EndpointType::kOther);
  EXPECT_EQ(x->service_region, "us-west-2");
  EXPECT_EQ(x->region, "");  // cross-Region: the service name does not name the endpoint's region
  EXPECT_EQ(m.EndpointsInVpc("vpc-1").size(), 2u);
}

TEST(IngestEc2, NatGatewaysAndGateways) {
  auto m = Load(
      {{"ap-southeast-2/nat.json", R"({"NatGateways": [
      {"NatGatewayId": "nat-1", "VpcId": "vpc-1", "SubnetId": "subnet-a", "State": "available",
       "NatGatewayAddresses": [{"PublicIp": "54.85.121.213", "PrivateIp": "10.0.0.211"}]},
      {"NatGatewayId": "nat-2", "VpcId": "vpc-1", "State": "failed", "ConnectivityType": "private",
       "FailureMessage": "Subnet has insufficient free addresses", "AvailabilityMode": "regional",
       "RouteTableId": "rtb-9",
       "NatGatewayAddresses": [{"PrivateIp": "10.0.20.240", "AvailabilityZoneId": "apse2-az1"}]}]})"},
       {"igw.json", R"({"InternetGateways": [{"InternetGatewayId": "igw-1",
                     "Attachments": [{"State": "available", "VpcId": "vpc-1"}]}]})"},
       {"eigw.json", R"({"EgressOnlyInternetGateways": [{"EgressOnlyInternetGatewayId": "eigw-1",
                     "Attachments": [{"State": "attached", "VpcId": "vpc-1"}]}]})"},
       {"ap-southeast-2/vpcs.json", R"({"Vpcs": [{"VpcId": "vpc-1"}]})"}});
  const model::NatGateway* n1 = m.nat_gateways().Find("nat-1");
  ASSERT_NE(n1, nullptr);
  EXPECT_EQ(n1->connectivity_type, "public");
  EXPECT_EQ(n1->subnet_id, "subnet-a");
  EXPECT_EQ(n1->region, "ap-southeast-2");
  ASSERT_EQ(n1->addresses.size(), 1u);
  EXPECT_EQ(n1->addresses[0].public_ip, "54.85.121.213");
  const model::NatGateway* n2 = m.nat_gateways().Find("nat-2");
  EXPECT_EQ(n2->connectivity_type, "private");
  EXPECT_EQ(n2->failure_message, "Subnet has insufficient free addresses");
  EXPECT_EQ(n2->availability_mode, "regional");
  EXPECT_EQ(n2->route_table_id, "rtb-9");
  EXPECT_EQ(n2->addresses[0].availability_zone_id, "apse2-az1");
  const model::InternetGateway* igw = m.internet_gateways().Find("igw-1");
  ASSERT_NE(igw, nullptr);
  EXPECT_FALSE(igw->egress_only);
  EXPECT_EQ(igw->region, "ap-southeast-2");  // from the VPC it is attached to
  const model::InternetGateway* eigw = m.internet_gateways().Find("eigw-1");
  ASSERT_NE(eigw, nullptr);
  EXPECT_TRUE(eigw->egress_only);
  EXPECT_EQ(eigw->attachments[0].state, "attached");
  EXPECT_EQ(m.GatewaysAttachedTo("vpc-1").size(), 2u);
}

TEST(IngestEc2, DhcpPrefixListsInterfacesZonesServicesCaller) {
  auto m = Load(
      {{"dhcp.json", R"({"DhcpOptions": [{"DhcpOptionsId": "dopt-1", "DhcpConfigurations": [
          {"Key": "domain-name", "Values": [{"Value": "ec2.internal"}]},
          {"Key": "domain-name-servers", "Values": [{"Value": "10.0.0.2"}, {"Value": "AmazonProvidedDNS"}]}]}]})"},
       {"pl.json",
        R"({"PrefixLists": [{"PrefixListId": "pl-s3", "PrefixListName": "com.amazonaws.us-east-1.s3",
          "Cidrs": ["54.231.0.0/17", "2600:1fa0::/40"]}]})"},
       {"mpl.json", R"({"PrefixLists": [{"PrefixListId": "pl-mine", "PrefixListName": "vpc-cidrs",
          "PrefixListArn": "arn:aws:ec2:us-west-2:123456789012:prefix-list/pl-mine", "OwnerId": "123456789012"}]})"},
       {"eni.json",
        R"({"NetworkInterfaces": [{"NetworkInterfaceId": "eni-1", "SubnetId": "subnet-a",
          "VpcId": "vpc-1", "AvailabilityZone": "us-east-1d", "InterfaceType": "interface", "Status": "in-use",
          "PrivateIpAddress": "10.0.1.17", "Association": {"PublicIp": "203.0.113.12"},
          "Groups": [{"GroupId": "sg-1", "GroupName": "default"}], "Description": "my eni"}]})"},
       {"az.json",
        R"({"AvailabilityZones": [{"ZoneName": "us-west-2-lax-1a", "ZoneId": "usw2-lax1-az1",
          "ZoneType": "local-zone", "State": "available"}]})"},
       {"svc.json",
        R"({"ServiceNames": ["com.amazonaws.us-east-1.s3", "com.amazonaws.us-east-1.ecr.dkr"],
          "ServiceDetails": [{"ServiceName": "com.amazonaws.us-east-1.logs"}]})"},
       {"who.json",
        R"({"UserId": "AIDA", "Account": "123456789012", "Arn": "arn:aws:iam::123456789012:user/me"})"}});
  const model::DhcpOptions* d = m.dhcp_options().Find("dopt-1");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->domain_name, "ec2.internal");
  EXPECT_THAT(d->domain_name_servers, ElementsAre("10.0.0.2", "AmazonProvidedDNS"));
  const model::PrefixList* s3 = m.PrefixListByName("com.amazonaws.us-east-1.s3");
  ASSERT_NE(s3, nullptr);
  EXPECT_TRUE(s3->cidrs_known);
  EXPECT_THAT(s3->cidrs, ElementsAre(C4("54.231.0.0/17")));
  EXPECT_EQ(s3->ipv6_cidrs.size(), 1u);
  EXPECT_EQ(s3->region, "us-east-1");
  const model::PrefixList* mine = m.prefix_lists().Find("pl-mine");
  ASSERT_NE(mine, nullptr);
  EXPECT_FALSE(mine->cidrs_known);
  EXPECT_EQ(mine->region, "us-west-2");
  const model::NetworkInterface* eni = m.network_interfaces().Find("eni-1");
  ASSERT_NE(eni, nullptr);
  EXPECT_EQ(eni->public_ip, "203.0.113.12");
  EXPECT_EQ(eni->private_ip, "10.0.1.17");
  EXPECT_THAT(eni->group_ids, ElementsAre("sg-1"));
  EXPECT_EQ(eni->region, "us-east-1");
  EXPECT_EQ(eni->interface_type, "interface");
  const model::AvailabilityZone* z = m.ZoneByName("us-west-2-lax-1a");
  ASSERT_NE(z, nullptr);
  EXPECT_EQ(z->region, "us-west-2");
  EXPECT_EQ(z->zone_type, "local-zone");
  EXPECT_THAT(m.endpoint_services(),
              ElementsAre("com.amazonaws.us-east-1.ecr.dkr", "com.amazonaws.us-east-1.logs",
                          "com.amazonaws.us-east-1.s3"));
  ASSERT_TRUE(m.caller().has_value());
  EXPECT_EQ(m.caller()->account, "123456789012");
  EXPECT_EQ(m.caller()->arn, "arn:aws:iam::123456789012:user/me");
  EXPECT_TRUE(m.Has("Account"));
  EXPECT_THAT(m.notes(), IsEmpty());
}

TEST(IngestEc2, RegionFillsFromVpcSubnets) {
  // Batfish test-nat-gateway has no region folder: the region comes from subnet ARNs.
  auto m = Load(
      {{"Vpcs.json", R"({"Vpcs": [{"VpcId": "vpc-1"}]})"},
       {"Subnets.json", R"({"Subnets": [{"SubnetId": "subnet-1", "VpcId": "vpc-1",
                     "AvailabilityZone": "us-east-2b"}]})"},
       {"RouteTables.json", R"({"RouteTables": [{"RouteTableId": "rtb-1", "VpcId": "vpc-1"}]})"}});
  EXPECT_EQ(m.vpcs().Find("vpc-1")->region, "us-east-2");
  EXPECT_EQ(m.route_tables().Find("rtb-1")->region, "us-east-2");
}

TEST(IngestEc2, EmptyDatasetsAreStillMarked) {
  auto m = Load({{"nat.json", R"({"NatGateways": []})"}, {"vpce.json", R"({"VpcEndpoints": []})"}});
  EXPECT_TRUE(m.Has("NatGateways"));
  EXPECT_TRUE(m.Has("VpcEndpoints"));
  EXPECT_FALSE(m.Has("Subnets"));
  EXPECT_THAT(m.notes(), IsEmpty());
}

}  // namespace
}  // namespace fd::ingest
