// Ingests the third-party corpus of real AWS CLI outputs (awscli documentation examples and
// Batfish snapshots, ../shared/corpus; skipped without it) and checks facts read by hand from
// those files.

#include <filesystem>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "ingest/snapshot.h"
#include "testing/shared_corpus.h"

namespace fd::ingest {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

const std::string kCorpus = fd::testing::CorpusPath("aws-json");
constexpr const char* kWhat = "ingest of the real AWS CLI corpus";

model::Model LoadOk(const std::string& path) {
  auto m = LoadPaths({path});
  EXPECT_TRUE(m.has_value()) << path << ": " << (m ? "" : m.error().message);
  return m ? std::move(*m) : model::ModelBuilder().Build();
}

TEST(IngestCorpus, WholeCorpusIngestsWithoutError) {
  FD_SKIP_WITHOUT_CORPUS("aws-json", kWhat);
  model::Model m = LoadOk(kCorpus);
  EXPECT_GT(m.subnets().size(), 15u);
  EXPECT_GT(m.services().size(), 3u);
  for (const InputNote& n : m.notes()) {
    EXPECT_FALSE(std::filesystem::path(n.file).is_absolute()) << n.file;
    // Only outputs we do not read may be noted; nothing that we do read may be malformed.
    bool unread = n.note.rfind("not an AWS CLI output fargate-doctor reads", 0) == 0;
    bool known_gap = n.note.find("which the snapshot lacks") != std::string::npos;
    // Outputs that do not say what they describe (which role or policy), read alone; and
    // outputs that name no Region in a corpus that spans several, which names the choices.
    bool needs_context =
        n.note.find("save it in an envelope") != std::string::npos ||
        n.note.find("names no Region and the snapshot spans several Regions (") != std::string::npos;
    // The awscli get-role example prints "<URL-encoded-JSON>" in place of the trust policy.
    bool doc_placeholder = n.file == "awscli-examples/iam-get-role.json" &&
                           n.pointer == "/Role/AssumeRolePolicyDocument";
    EXPECT_TRUE(unread || known_gap || needs_context || doc_placeholder)
        << n.file << " " << n.pointer << ": " << n.note;
  }
}

TEST(IngestCorpus, EveryBatfishSnapshotIngests) {
  FD_SKIP_WITHOUT_CORPUS("aws-json", kWhat);
  for (const char* snap : {"hybrid-cloud-aws", "test-nat-gateway", "test-public-private-subnet",
                           "test-vpc-endpoint-gateway", "test-vpc-endpoint-interface"}) {
    model::Model m = LoadOk(kCorpus + "/batfish/" + snap);
    EXPECT_GE(m.vpcs().size(), 1u) << snap;
    EXPECT_GE(m.subnets().size(), 2u) << snap;
    EXPECT_TRUE(m.Has("RouteTables")) << snap;
  }
}

TEST(IngestCorpus, EveryAwscliExampleIngestsAlone) {
  FD_SKIP_WITHOUT_CORPUS("aws-json", kWhat);
  for (const auto& entry : std::filesystem::directory_iterator(kCorpus + "/awscli-examples")) {
    auto m = LoadPaths({entry.path().string()});
    ASSERT_TRUE(m.has_value()) << entry.path() << ": " << m.error().message;
    for (const InputNote& n : m->notes())
      EXPECT_EQ(n.file, entry.path().filename().string()) << n.note;
  }
}

TEST(IngestCorpus, RepositoryPolicyWithoutRegionTakesTheSnapshotsOne) {
  FD_SKIP_WITHOUT_CORPUS("aws-json", kWhat);
  // get-repository-policy names no Region. Alone nothing settles it; beside outputs of one
  // Region (the awscli subnet listing, us-east-1) it is in that one.
  const std::string policy = kCorpus + "/awscli-examples/ecr-get-repository-policy.json";
  auto alone = LoadPaths({policy});
  ASSERT_TRUE(alone.has_value());
  ASSERT_EQ(alone->notes().size(), 1u);
  EXPECT_THAT(alone->notes()[0].note, HasSubstr("no file of the snapshot names a Region"));
  EXPECT_EQ(alone->ecr_repository_policies().size(), 0u);

  auto with = LoadPaths({policy, kCorpus + "/awscli-examples/ec2-describe-subnets.json"});
  ASSERT_TRUE(with.has_value());
  EXPECT_NE(with->ecr_repository_policies().Find(
                "arn:aws:ecr:us-east-1:012345678910:repository/cluster-autoscaler"),
            nullptr);
}

TEST(IngestCorpus, NatGatewaySnapshot) {
  FD_SKIP_WITHOUT_CORPUS("aws-json", kWhat);
  model::Model m = LoadOk(kCorpus + "/batfish/test-nat-gateway");
  const model::NatGateway* nat = m.nat_gateways().Find("nat-07ab4846da51f4612");
  ASSERT_NE(nat, nullptr);
  EXPECT_EQ(nat->subnet_id, "subnet-0428892a357fa1f94");
  EXPECT_EQ(nat->vpc_id, "vpc-0008a7b45e3ddf1dd");
  EXPECT_EQ(nat->connectivity_type, "public");
  ASSERT_EQ(nat->addresses.size(), 1u);
  EXPECT_EQ(nat->addresses[0].public_ip, "3.135.127.225");
  EXPECT_EQ(nat->source, (SourceRef{"NatGateways.json", "/NatGateways/0"}));
  // No region folder: the region comes from the subnets' ARNs and zones (us-east-2b).
  EXPECT_EQ(nat->region, "us-east-2");

  bool implicit = true;
  const model::RouteTable* private_rt =
      m.RouteTableForSubnet("subnet-06f469bcee42e408e", &implicit);
  ASSERT_NE(private_rt, nullptr);
  EXPECT_FALSE(implicit);
  EXPECT_EQ(private_rt->id, "rtb-02fe228b42de92a7c");
  ASSERT_EQ(private_rt->routes.size(), 2u);
  EXPECT_EQ(private_rt->routes[1].target, model::RouteTarget::kNatGateway);
  EXPECT_EQ(private_rt->routes[1].target_id, "nat-07ab4846da51f4612");
  EXPECT_EQ(private_rt->routes[1].source.pointer, "/RouteTables/1/Routes/1");

  const model::NetworkAcl* acl = m.NaclForSubnet("subnet-0428892a357fa1f94");
  ASSERT_NE(acl, nullptr);
  EXPECT_EQ(acl->id, "acl-0792adae678b88f85");
  ASSERT_EQ(acl->entries.size(), 5u);
  EXPECT_FALSE(acl->entries[0].egress);
  EXPECT_EQ(acl->entries[0].rule_number, 100);
  EXPECT_EQ(acl->entries[0].protocol, 1);  // ingress 100 allows ICMP only
  EXPECT_EQ(acl->entries[1].rule_number, 200);
  EXPECT_EQ(acl->entries[1].protocol, -1);

  const model::SecurityGroup* ssh = m.security_groups().Find("sg-0253af84ae6485905");
  ASSERT_NE(ssh, nullptr);
  ASSERT_EQ(ssh->ingress.size(), 2u);
  EXPECT_EQ(ssh->ingress[0].ports, (PortRange{22, 22}));
  EXPECT_EQ(ssh->ingress[1].protocol, 1);
  EXPECT_EQ(m.DefaultSecurityGroup("vpc-0008a7b45e3ddf1dd")->id, "sg-0010bf850022667c2");
  EXPECT_EQ(m.notes().size(), 1u);  // Reservations.json
}

TEST(IngestCorpus, HybridCloudBlackholeAndRegionFolder) {
  FD_SKIP_WITHOUT_CORPUS("aws-json", kWhat);
  model::Model m = LoadOk(kCorpus + "/batfish/hybrid-cloud-aws");
  EXPECT_EQ(m.vpcs().size(), 4u);
  EXPECT_EQ(m.subnets().size(), 10u);
  EXPECT_EQ(m.security_groups().size(), 11u);
  EXPECT_EQ(m.internet_gateways().size(), 3u);
  EXPECT_TRUE(m.Has("NatGateways"));
  EXPECT_EQ(m.nat_gateways().size(), 0u);

  const model::RouteTable* rt = m.route_tables().Find("rtb-f28e418b");
  ASSERT_NE(rt, nullptr);
  EXPECT_TRUE(rt->main);
  EXPECT_EQ(rt->vpc_id, "vpc-925131f4");
  EXPECT_EQ(rt->region, "us-west-2");
  ASSERT_EQ(rt->routes.size(), 2u);
  EXPECT_EQ(rt->routes[1].target, model::RouteTarget::kNatGateway);
  EXPECT_EQ(rt->routes[1].target_id, "nat-055c00735cace0ec4");
  EXPECT_TRUE(rt->routes[1].blackhole);
  EXPECT_EQ(rt->routes[1].destination, Cidr4::Any());
  EXPECT_EQ(rt->source.file, "us-west-2/RouteTables.json");

  // subnet-8d0cbdeb has no explicit association: the VPC's main table (the blackhole) applies.
  bool implicit = false;
  EXPECT_EQ(m.RouteTableForSubnet("subnet-8d0cbdeb", &implicit), rt);
  EXPECT_TRUE(implicit);

  const model::RouteTable* vgw = m.route_tables().Find("rtb-296bf350");
  ASSERT_NE(vgw, nullptr);
  EXPECT_EQ(vgw->routes.back().target, model::RouteTarget::kVpnGateway);
  EXPECT_EQ(vgw->routes.back().target_id, "vgw-81fd279f");

  const model::DhcpOptions* dhcp = m.dhcp_options().Find("dopt-5870b93d");
  ASSERT_NE(dhcp, nullptr);
  EXPECT_THAT(dhcp->domain_name_servers, ElementsAre("AmazonProvidedDNS"));
  EXPECT_EQ(dhcp->region, "us-west-2");
  const model::PrefixList* s3 = m.PrefixListByName("com.amazonaws.us-west-2.s3");
  ASSERT_NE(s3, nullptr);
  EXPECT_EQ(s3->id, "pl-68a54001");
  EXPECT_EQ(s3->cidrs.size(), 3u);
  EXPECT_THAT(m.endpoint_services(),
              ElementsAre("com.amazonaws.us-west-2.dynamodb", "com.amazonaws.us-west-2.s3"));
  for (const auto& v : m.vpcs()) EXPECT_EQ(v.region, "us-west-2") << v.id;
  for (const auto& z : m.availability_zones()) EXPECT_EQ(z.region, "us-west-2") << z.name;
}

TEST(IngestCorpus, VpcEndpointSnapshots) {
  FD_SKIP_WITHOUT_CORPUS("aws-json", kWhat);
  model::Model gw = LoadOk(kCorpus + "/batfish/test-vpc-endpoint-gateway");
  const model::VpcEndpoint* s3 = gw.vpc_endpoints().Find("vpce-0b7357542bb7b83ec");
  ASSERT_NE(s3, nullptr);
  EXPECT_EQ(s3->type, model::EndpointType::kGateway);
  EXPECT_EQ(s3->service_name, "com.amazonaws.us-east-1.s3");
  EXPECT_THAT(s3->route_table_ids, ElementsAre("rtb-04f71fc2caa8d94cf", "rtb-0efde4139784b75b0"));
  EXPECT_EQ(s3->region, "us-east-1");
  EXPECT_THAT(s3->policy_document, HasSubstr("\"Version\":\"2008-10-17\""));
  const model::RouteTable* rt = gw.route_tables().Find("rtb-04f71fc2caa8d94cf");
  ASSERT_NE(rt, nullptr);
  EXPECT_EQ(rt->routes[1].target, model::RouteTarget::kGatewayEndpoint);
  EXPECT_EQ(rt->routes[1].destination_prefix_list_id, "pl-63a5400a");
  ASSERT_NE(gw.prefix_lists().Find("pl-63a5400a"), nullptr);
  EXPECT_TRUE(gw.prefix_lists().Find("pl-63a5400a")->cidrs_known);

  model::Model itf = LoadOk(kCorpus + "/batfish/test-vpc-endpoint-interface/us-east-1");
  const model::VpcEndpoint* ct = itf.vpc_endpoints().Find("vpce-083c683a6be29b889");
  ASSERT_NE(ct, nullptr);
  EXPECT_EQ(ct->type, model::EndpointType::kInterface);
  EXPECT_TRUE(ct->private_dns_enabled);
  EXPECT_THAT(ct->subnet_ids, ElementsAre("subnet-0bb8615d8368ece31"));
  EXPECT_THAT(ct->group_ids, ElementsAre("sg-0973207c61f3466e1"));
  EXPECT_THAT(ct->network_interface_ids, ElementsAre("eni-0084b734451ba23ca"));
  EXPECT_EQ(ct->source.file, "VpcEndpoints.json");  // names are relative to the folder given
  EXPECT_EQ(ct->region, "us-east-1");               // the folder given is itself a region
}

TEST(IngestCorpus, PublicPrivateSubnetVpnDefaultRoute) {
  FD_SKIP_WITHOUT_CORPUS("aws-json", kWhat);
  model::Model m = LoadOk(kCorpus + "/batfish/test-public-private-subnet");
  const model::RouteTable* main = m.route_tables().Find("rtb-002f0eabf583bf991");
  ASSERT_NE(main, nullptr);
  EXPECT_TRUE(main->main);
  EXPECT_EQ(main->routes[1].target, model::RouteTarget::kVpnGateway);
  EXPECT_EQ(main->routes[1].target_id, "vgw-070087240d6fa2989");
  EXPECT_TRUE(m.Has("VpcEndpoints"));
  EXPECT_EQ(m.vpc_endpoints().size(), 0u);
}

TEST(IngestCorpus, AwscliEcsExamples) {
  FD_SKIP_WITHOUT_CORPUS("aws-json", kWhat);
  const std::string dir = kCorpus + "/awscli-examples/";
  model::Model svc = LoadOk(dir + "ecs-create-service.json");
  const model::EcsService* s =
      svc.services().Find("arn:aws:ecs:us-west-2:123456789012:service/MyCluster/MyService");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->launch_type, "FARGATE");
  EXPECT_EQ(s->network.assign_public_ip, true);
  EXPECT_THAT(s->network.subnets, ElementsAre("subnet-12344321"));
  EXPECT_EQ(s->deployments[0].platform_version, "1.3.0");

  model::Model tasks = LoadOk(dir + "ecs-describe-tasks-2.json");
  const model::EcsTask* t = tasks.tasks().Find(
      "arn:aws:ecs:us-east-1:123456789012:task/MyCluster/74de0355a10a4f979ac495c14EXAMPLE");
  ASSERT_NE(t, nullptr);
  ASSERT_EQ(t->enis.size(), 1u);
  EXPECT_EQ(t->enis[0].eni_id, "eni-0fa40520aeEXAMPLE");
  EXPECT_EQ(t->enis[0].private_ipv4, "10.0.1.184");
  EXPECT_EQ(t->platform_version, "1.4.0");

  model::Model td = LoadOk(dir + "ecs-describe-task-definition.json");
  const model::TaskDefinition* hw = td.FindTaskDefinition("hello_world");
  ASSERT_NE(hw, nullptr);
  EXPECT_EQ(hw->revision, 8);
  EXPECT_EQ(hw->account, "012345678910");
  ASSERT_EQ(hw->containers.size(), 2u);
  EXPECT_EQ(hw->containers[0].memory, 500);
  EXPECT_THAT(hw->containers[1].secrets, IsEmpty());  // the MYSQL_ROOT_PASSWORD value is not kept

  model::Model rules = LoadOk(dir + "ec2-describe-security-group-rules.json");
  const model::SecurityGroup* g = rules.security_groups().Find("sg-1234567890abcdef0");
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(g->ingress.size(), 1u);
  EXPECT_EQ(g->egress.size(), 2u);

  model::Model rt = LoadOk(dir + "ec2-describe-route-tables.json");
  const model::RouteTable* blackhole = rt.route_tables().Find("rtb-09ba434c1bEXAMPLE");
  ASSERT_NE(blackhole, nullptr);
  EXPECT_TRUE(blackhole->routes[1].blackhole);
}

}  // namespace
}  // namespace fd::ingest
