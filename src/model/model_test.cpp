// Model lookups that encode AWS association rules: a subnet without an explicit route-table
// association uses the VPC's main table, one without an explicit NACL the default NACL; a
// service with no SGs uses the VPC's "default" group; a task definition is named by ARN,
// family:revision, or a bare family (the latest ACTIVE revision).
#include "model/model.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "model/recording.h"
#include "testing/model_fixture.h"

namespace fd::model {
namespace {

using testing::E;
using testing::Fixture;
using testing::R;

TEST(ModelTest, RouteTableExplicitAssociationThenMainTable) {
  Fixture f;
  f.Vpc("vpc-1", "10.0.0.0/16");
  f.Subnet("subnet-a", "vpc-1", "10.0.1.0/24");
  f.Subnet("subnet-b", "vpc-1", "10.0.2.0/24");
  f.RouteTable("rtb-main", "vpc-1", {}, {}, /*main=*/true);
  f.RouteTable("rtb-a", "vpc-1", {"subnet-a"}, {R("0.0.0.0/0", "nat-1")});
  Model m = f.Build();

  bool implicit = true;
  const RouteTable* a = m.RouteTableForSubnet("subnet-a", &implicit);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->id, "rtb-a");
  EXPECT_FALSE(implicit);

  const RouteTable* b = m.RouteTableForSubnet("subnet-b", &implicit);
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->id, "rtb-main");
  EXPECT_TRUE(implicit);

  EXPECT_EQ(m.RouteTableForSubnet("subnet-unknown", &implicit), nullptr);
  EXPECT_EQ(m.RouteTableForSubnet("subnet-a"), a);  // the out-parameter is optional
}

TEST(ModelTest, MainTableIsPerVpc) {
  Fixture f;
  f.Vpc("vpc-1", "10.0.0.0/16");
  f.Vpc("vpc-2", "10.1.0.0/16");
  f.Subnet("subnet-1", "vpc-1", "10.0.1.0/24");
  f.Subnet("subnet-2", "vpc-2", "10.1.1.0/24");
  f.Subnet("subnet-3", "vpc-3", "10.2.1.0/24");
  f.RouteTable("rtb-main-1", "vpc-1", {}, {}, true);
  f.RouteTable("rtb-main-2", "vpc-2", {}, {}, true);
  Model m = f.Build();
  EXPECT_EQ(m.RouteTableForSubnet("subnet-1")->id, "rtb-main-1");
  EXPECT_EQ(m.RouteTableForSubnet("subnet-2")->id, "rtb-main-2");
  // A VPC whose tables are not in the snapshot: no table, never another VPC's.
  EXPECT_EQ(m.RouteTableForSubnet("subnet-3"), nullptr);
}

TEST(ModelTest, MainTableThatIsAlsoExplicitlyAssociated) {
  Fixture f;
  f.Vpc("vpc-1", "10.0.0.0/16");
  f.Subnet("subnet-a", "vpc-1", "10.0.1.0/24");
  f.RouteTable("rtb-main", "vpc-1", {"subnet-a"}, {}, true);
  Model m = f.Build();
  bool implicit = true;
  EXPECT_EQ(m.RouteTableForSubnet("subnet-a", &implicit)->id, "rtb-main");
  EXPECT_FALSE(implicit);
}

TEST(ModelTest, NaclExplicitAssociationThenDefault) {
  Fixture f;
  f.Vpc("vpc-1", "10.0.0.0/16");
  f.Subnet("subnet-a", "vpc-1", "10.0.1.0/24");
  f.Subnet("subnet-b", "vpc-1", "10.0.2.0/24");
  f.Nacl("acl-default", "vpc-1", {}, testing::OpenEntries(), /*is_default=*/true);
  f.Nacl("acl-a", "vpc-1", {"subnet-a"}, testing::OpenEntries());
  Model m = f.Build();
  bool implicit = true;
  EXPECT_EQ(m.NaclForSubnet("subnet-a", &implicit)->id, "acl-a");
  EXPECT_FALSE(implicit);
  EXPECT_EQ(m.NaclForSubnet("subnet-b", &implicit)->id, "acl-default");
  EXPECT_TRUE(implicit);
  EXPECT_EQ(m.NaclForSubnet("subnet-x"), nullptr);
}

TEST(ModelTest, NaclEntriesAreInEvaluationOrderAfterBuild) {
  Fixture f;
  f.Vpc("vpc-1", "10.0.0.0/16");
  f.Nacl("acl-1", "vpc-1", {},
         {E(32767, false, -1, std::nullopt, "0.0.0.0/0", false),
          E(200, true, -1, std::nullopt, "0.0.0.0/0", true),
          E(100, false, 6, PortRange{443, 443}, "0.0.0.0/0", true),
          E(32767, true, -1, std::nullopt, "0.0.0.0/0", false),
          E(50, true, 6, PortRange{22, 22}, "0.0.0.0/0", false)});
  Model m = f.Build();
  const NetworkAcl* acl = m.network_acls().Find("acl-1");
  ASSERT_NE(acl, nullptr);
  std::vector<std::pair<bool, int>> order;
  for (const auto& e : acl->entries) order.emplace_back(e.egress, e.rule_number);
  EXPECT_EQ(order, (std::vector<std::pair<bool, int>>{
                       {false, 100}, {false, 32767}, {true, 50}, {true, 200}, {true, 32767}}));
}

TEST(ModelTest, DefaultSecurityGroupIsTheOneNamedDefaultInThatVpc) {
  Fixture f;
  f.Vpc("vpc-1", "10.0.0.0/16");
  f.Vpc("vpc-2", "10.1.0.0/16");
  f.Sg("sg-app", "vpc-1", {testing::AllOut()}, {}, "app");
  f.Sg("sg-def1", "vpc-1", {}, {}, "default");
  f.Sg("sg-def2", "vpc-2", {testing::AllOut()}, {}, "default");
  Model m = f.Build();
  ASSERT_NE(m.DefaultSecurityGroup("vpc-1"), nullptr);
  EXPECT_EQ(m.DefaultSecurityGroup("vpc-1")->id, "sg-def1");
  EXPECT_EQ(m.DefaultSecurityGroup("vpc-2")->id, "sg-def2");
  EXPECT_EQ(m.DefaultSecurityGroup("vpc-3"), nullptr);
}

TaskDefinition Td(std::string family, int revision, std::string status = "ACTIVE") {
  TaskDefinition td;
  td.family = std::move(family);
  td.revision = revision;
  td.status = std::move(status);
  td.arn = "arn:aws:ecs:eu-west-3:123456789012:task-definition/" + td.family + ":" +
           std::to_string(revision);
  td.region = "eu-west-3";
  return td;
}

TEST(ModelTest, FindTaskDefinitionByArnFamilyRevisionAndFamily) {
  ModelBuilder b;
  b.AddTaskDefinition(Td("web", 3));
  b.AddTaskDefinition(Td("web", 5));
  b.AddTaskDefinition(Td("web", 7, "INACTIVE"));
  b.AddTaskDefinition(Td("worker", 1));
  Model m = std::move(b).Build();

  const TaskDefinition* by_arn =
      m.FindTaskDefinition("arn:aws:ecs:eu-west-3:123456789012:task-definition/web:3");
  ASSERT_NE(by_arn, nullptr);
  EXPECT_EQ(by_arn->revision, 3);

  const TaskDefinition* by_rev = m.FindTaskDefinition("web:7");
  ASSERT_NE(by_rev, nullptr);
  EXPECT_EQ(by_rev->revision, 7);  // an explicit revision is taken even when INACTIVE

  // A bare family is the latest ACTIVE revision (as RunTask resolves it).
  const TaskDefinition* by_family = m.FindTaskDefinition("web");
  ASSERT_NE(by_family, nullptr);
  EXPECT_EQ(by_family->revision, 5);

  EXPECT_EQ(m.FindTaskDefinition("worker")->revision, 1);
  EXPECT_EQ(m.FindTaskDefinition("web:9"), nullptr);
  EXPECT_EQ(m.FindTaskDefinition("api"), nullptr);
  EXPECT_EQ(m.FindTaskDefinition(""), nullptr);
}

TEST(ModelTest, FindTaskDefinitionByArnOfAFileWithoutArn) {
  // A task definition file (not yet registered) has no ARN; a service's ARN reference still
  // finds it through family:revision.
  ModelBuilder b;
  TaskDefinition td;
  td.family = "web";
  td.revision = 4;
  b.AddTaskDefinition(td);
  Model m = std::move(b).Build();
  const TaskDefinition* found =
      m.FindTaskDefinition("arn:aws:ecs:eu-west-3:123456789012:task-definition/web:4");
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->revision, 4);
}

TEST(ModelTest, EndpointsAndGatewaysByVpc) {
  Fixture f;
  f.Vpc("vpc-1", "10.0.0.0/16");
  f.InterfaceEndpoint("vpce-api", "vpc-1", "ecr.api", {}, {});
  f.GatewayEndpoint("vpce-s3", "vpc-1", {});
  f.InterfaceEndpoint("vpce-other", "vpc-2", "ecr.api", {}, {}, "PendingAcceptance");
  f.Igw("igw-1", "vpc-1");
  f.Igw("igw-loose", "");
  Model m = f.Build();
  EXPECT_EQ(m.EndpointsInVpc("vpc-1").size(), 2u);
  EXPECT_EQ(m.EndpointsInVpc("vpc-9").size(), 0u);
  ASSERT_EQ(m.GatewaysAttachedTo("vpc-1").size(), 1u);
  EXPECT_EQ(m.GatewaysAttachedTo("vpc-1")[0]->id, "igw-1");
  // Endpoint states are compared case-insensitively (the API model capitalises them).
  EXPECT_EQ(m.vpc_endpoints().Find("vpce-other")->state, "pendingacceptance");
}

TEST(ModelTest, PrefixListByName) {
  Fixture f;
  f.PrefixList("pl-s3", "com.amazonaws.eu-west-3.s3", {"52.95.128.0/21"});
  Model m = f.Build();
  ASSERT_NE(m.PrefixListByName("com.amazonaws.eu-west-3.s3"), nullptr);
  EXPECT_EQ(m.PrefixListByName("com.amazonaws.eu-west-3.s3")->id, "pl-s3");
  EXPECT_EQ(m.PrefixListByName("com.amazonaws.us-east-1.s3"), nullptr);
}

// AWS gives its own lists one ID per Region in every account; a snapshot of several accounts
// from an emulator (moto numbers them per account) must still give each account its own.
TEST(ModelTest, PrefixListByNamePrefersTheAccountsOwn) {
  Fixture f;
  f.PrefixList("pl-a", "com.amazonaws.eu-west-3.s3", {"52.95.128.0/21"}, "111122223333");
  f.PrefixList("pl-b", "com.amazonaws.eu-west-3.s3", {"52.95.128.0/21"}, "444455556666");
  Model m = f.Build();
  EXPECT_EQ(m.PrefixListByName("com.amazonaws.eu-west-3.s3", "444455556666")->id, "pl-b");
  EXPECT_EQ(m.PrefixListByName("com.amazonaws.eu-west-3.s3", "111122223333")->id, "pl-a");
  EXPECT_NE(m.PrefixListByName("com.amazonaws.eu-west-3.s3", "999999999999"), nullptr);  // any
}

TEST(ModelTest, ArnAndRegionHelpers) {
  EXPECT_EQ(RegionOfArn("arn:aws:ecs:eu-west-3:123456789012:service/prod/web"), "eu-west-3");
  EXPECT_EQ(AccountOfArn("arn:aws:ecs:eu-west-3:123456789012:service/prod/web"), "123456789012");
  EXPECT_EQ(PartitionOfArn("arn:aws-cn:ecs:cn-north-1:123456789012:service/web"), "aws-cn");
  EXPECT_EQ(RegionOfArn("arn:aws:s3:::bucket/key"), "");
  EXPECT_EQ(RegionOfArn("app-name"), "");
  EXPECT_EQ(RegionOfZoneName("eu-west-3a"), "eu-west-3");
  EXPECT_EQ(RegionOfZoneName("us-west-2-lax-1a"), "us-west-2");
  EXPECT_EQ(PartitionOfRegion("cn-northwest-1"), "aws-cn");
  EXPECT_EQ(PartitionOfRegion("us-gov-west-1"), "aws-us-gov");
  EXPECT_EQ(PartitionOfRegion("eu-west-3"), "aws");
  EXPECT_EQ(DnsSuffixOfRegion("cn-north-1"), "amazonaws.com.cn");
  EXPECT_EQ(DnsSuffixOfRegion("us-gov-east-1"), "amazonaws.com");
  EXPECT_EQ(DnsSuffixOfRegion("eu-west-3"), "amazonaws.com");
}

// Index is an open-addressed table over the entities' keys: thousands of entities (the table
// grows and probes past collisions), absent keys, and the first copy winning both while the
// builder adds and after Build() sorts.
TEST(ModelTest, IndexFindsEveryEntityAmongThousandsAndNothingElse) {
  ModelBuilder b;
  constexpr int kN = 5000;
  for (int i = kN - 1; i >= 0; --i) {  // reverse order: Build() must sort them
    Vpc v;
    v.id = "vpc-" + std::to_string(i);
    v.owner_id = "first";
    b.AddVpc(std::move(v));
  }
  Vpc again;
  again.id = "vpc-42";
  again.owner_id = "second";
  b.AddVpc(std::move(again));  // a second copy: the first wins
  Vpc unnamed;
  b.AddVpc(std::move(unnamed));  // no id: not indexed
  Model m = std::move(b).Build();

  ASSERT_EQ(m.vpcs().size(), static_cast<size_t>(kN));
  for (int i = 0; i < kN; ++i) {
    const Vpc* v = m.vpcs().Find("vpc-" + std::to_string(i));
    ASSERT_NE(v, nullptr) << i;
    EXPECT_EQ(v->id, "vpc-" + std::to_string(i));
  }
  EXPECT_EQ(m.vpcs().Find("vpc-42")->owner_id, "first");
  for (const char* absent : {"", "vpc-", "vpc-5000", "vpc-00", "vpc-42 ", "VPC-42"})
    EXPECT_EQ(m.vpcs().Find(absent), nullptr) << absent;
  EXPECT_TRUE(std::is_sorted(m.vpcs().begin(), m.vpcs().end(),
                             [](const Vpc& a, const Vpc& b) { return a.id < b.id; }));
  EXPECT_EQ(Model().vpcs().Find("vpc-1"), nullptr);  // an empty index
}

TEST(ModelTest, IndexUsesTheKeyBuildSortsBy) {
  // Log groups are keyed by region and name; a group whose region the builder only learns in
  // Build() (here: none, so the key keeps its empty region) is still found by its final key.
  ModelBuilder b;
  LogGroup g;
  g.name = "/ecs/api";
  g.region = "eu-west-3";
  b.AddLogGroup(g);
  g.region = "us-east-1";
  b.AddLogGroup(g);
  Model m = std::move(b).Build();
  ASSERT_NE(m.log_groups().Find("eu-west-3 /ecs/api"), nullptr);
  EXPECT_EQ(m.log_groups().Find("eu-west-3 /ecs/api")->region, "eu-west-3");
  EXPECT_EQ(m.log_groups().Find("us-east-1 /ecs/api")->region, "us-east-1");
  EXPECT_EQ(m.log_groups().Find("/ecs/api"), nullptr);
}

// Ingest types files into recordings on several threads and applies them in order: applying a
// recording must do exactly what the same calls made directly do, merges and notes included.
TEST(ModelTest, RecordingAppliesItsCallsInOrderAsIfMadeDirectly) {
  auto calls = [](ModelSink& sink) {
    Vpc v;
    v.id = "vpc-1";
    v.owner_id = "111122223333";
    sink.SetVpcAttribute("vpc-1", "enableDnsSupport", false, {"attr.json", ""});  // a stub first
    sink.AddVpc(v);  // then the listing: merged into the stub
    sink.AddSecurityGroupRule("sg-1", /*egress=*/true, SgRule{}, "eu-west-3");
    sink.MarkDataset("Vpcs");
    sink.AddNote({"x.json", "/a", "a note"});
    sink.AddKmsAlias("eu-west-3", "111122223333", "alias/k", "key-1");
  };
  ModelBuilder direct;
  calls(direct);
  ModelBuilder replayed;
  ModelRecording recording;
  calls(recording);
  std::move(recording).ReplayInto(replayed);
  Model a = std::move(direct).Build();
  Model b = std::move(replayed).Build();
  ASSERT_NE(b.vpcs().Find("vpc-1"), nullptr);
  EXPECT_EQ(b.vpcs().Find("vpc-1")->owner_id, a.vpcs().Find("vpc-1")->owner_id);
  EXPECT_EQ(b.vpcs().Find("vpc-1")->enable_dns_support, a.vpcs().Find("vpc-1")->enable_dns_support);
  ASSERT_NE(b.security_groups().Find("sg-1"), nullptr);
  EXPECT_EQ(b.security_groups().Find("sg-1")->egress.size(), 1u);
  EXPECT_EQ(b.Has("Vpcs"), a.Has("Vpcs"));
  EXPECT_EQ(b.notes(), a.notes());
  EXPECT_EQ(b.notes().size(), 1u);
}

}  // namespace
}  // namespace fd::model
