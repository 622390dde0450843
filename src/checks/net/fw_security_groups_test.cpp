// The task's and the endpoints' security groups on the way out: FW001 (no 443 egress), FW002
// (no S3 prefix list in an endpoint design), FW003 (endpoint group does not admit the task),
// FW004 (no group named, default group without egress), FW005 (custom DNS servers blocked).
// base-private-nat: api-tasks sends anything anywhere. base-endpoints: api-tasks sends 443 to
// the VPC CIDR and to the S3 prefix list; vpc-endpoints admits 443 from the VPC CIDR.
#include "testing/check_harness.h"
#include "testing/snapshot_edits.h"

namespace fd::testing {
namespace {

using report::Severity;

Json& Egress(Snapshot& s, std::string_view sg) { return s.Item("SecurityGroups", sg)["IpPermissionsEgress"]; }

// ---- FW001 --------------------------------------------------------------------------------

TEST(FW001, FiresWhenTheTaskGroupAllowsOnlyPostgresOut) {
  auto s = Snapshot::Base("base-private-nat");
  Egress(s, "api-tasks") = Json::array({SgPermission("tcp", 5432, 5432, {"10.20.0.0/16"})});
  auto run = RunCheck(Def("FW001"), s);
  const std::string sg = s.Id("SecurityGroups", "api-tasks");
  EXPECT_TRUE(FiresOn(run, sg, Severity::kBlocker,
                      {"security group " + sg + " of api does not allow outbound tcp 443 to", "ecr.dkr", "logs"}));
  EXPECT_EQ(run.findings.size(), 1u) << run.Dump();
}

// SG rules are a union: two halves of the address space cover every address.
TEST(FW001, SilentWhen443IsAllowedInTwoHalves) {
  auto s = Snapshot::Base("base-private-nat");
  Egress(s, "api-tasks") = Json::array({SgPermission("tcp", 443, 443, {"0.0.0.0/1", "128.0.0.0/1"})});
  EXPECT_TRUE(Silent(RunCheck(Def("FW001"), s)));
}

TEST(FW001, SilentWhenTheTaskGroupAllowsEverythingOut) {
  EXPECT_TRUE(Silent(RunCheck(Def("FW001"), Snapshot::Base("base-private-nat"))));
}

// One half only: whether an AWS service's address is in it is not in the snapshot.
TEST(FW001, UncheckedWhen443IsAllowedToHalfTheAddresses) {
  auto s = Snapshot::Base("base-private-nat");
  Egress(s, "api-tasks") = Json::array({SgPermission("tcp", 443, 443, {"0.0.0.0/1"})});
  EXPECT_TRUE(UncheckedBecause(RunCheck(Def("FW001"), s), {"0.0.0.0/1"}));
}

TEST(FW001, UncheckedWhenTheTaskGroupIsNotInTheSnapshot) {
  auto s = Snapshot::Base("base-private-nat");
  SetAwsVpc(s, "api", "securityGroups", Json::array({"sg-00000000000000e1f"}));
  EXPECT_TRUE(UncheckedBecause(RunCheck(Def("FW001"), s), {"security group sg-00000000000000e1f is not in the snapshot"}));
}

TEST(FW001, UncheckedWhenAStoppedTasksEniIsGone) {
  auto s = Snapshot::Base("base-private-nat");
  analysis::TargetQuery q;
  q.tasks = {AddStoppedTaskWithoutEni(s, "shop-prod-private-a")};
  EXPECT_TRUE(UncheckedBecause(RunCheck(Def("FW001"), s, q), {"the security groups of a task in", "not in the snapshot"}));
}

// ---- FW002 --------------------------------------------------------------------------------

TEST(FW002, FiresWhenTheTaskGroupLacksTheS3PrefixList) {
  auto s = Snapshot::Base("base-endpoints");
  ASSERT_EQ(EraseIf(Egress(s, "api-tasks"), [](const Json& p) { return !p["PrefixListIds"].empty(); }), 1u);
  auto run = RunCheck(Def("FW002"), s);
  const std::string sg = s.Id("SecurityGroups", "api-tasks");
  ASSERT_TRUE(FiresOn(run, sg, Severity::kBlocker, {"allows tcp 443 inside the VPC but not to the S3 prefix list"}));
  ASSERT_EQ(run.On(sg)->fix.commands.size(), 1u);
  EXPECT_NE(run.On(sg)->fix.commands[0].find("PrefixListId=pl-23ad484a"), std::string::npos);
}

TEST(FW002, SilentWhenTheTaskGroupListsTheS3PrefixList) {
  EXPECT_TRUE(Silent(RunCheck(Def("FW002"), Snapshot::Base("base-endpoints"))));
}

// ---- FW003 --------------------------------------------------------------------------------

TEST(FW003, FiresWhenTheEndpointGroupAdmitsOnlyAnotherGroup) {
  auto s = Snapshot::Base("base-endpoints");
  s.Item("SecurityGroups", "vpc-endpoints")["IpPermissions"] =
      Json::array({SgPermission("tcp", 443, 443, {}, {s.Id("SecurityGroups", "default")})});
  auto run = RunCheck(Def("FW003"), s);
  const std::string sg = s.Id("SecurityGroups", "vpc-endpoints");
  ASSERT_TRUE(FiresOn(run, sg, Severity::kBlocker, {"endpoint security group " + sg, "does not admit tcp 443 from api",
                                                    "ecr.api", "logs"}));
  EXPECT_EQ(run.findings.size(), 1u) << run.Dump();
}

// The twin: the same rule naming the task's group.
TEST(FW003, SilentWhenTheEndpointGroupAdmitsTheTaskGroup) {
  auto s = Snapshot::Base("base-endpoints");
  s.Item("SecurityGroups", "vpc-endpoints")["IpPermissions"] =
      Json::array({SgPermission("tcp", 443, 443, {}, {s.Id("SecurityGroups", "api-tasks")})});
  EXPECT_TRUE(Silent(RunCheck(Def("FW003"), s)));
}

TEST(FW003, UncheckedWhenTheEndpointGroupIsNotInTheSnapshot) {
  auto s = Snapshot::Base("base-endpoints");
  const std::string sg = s.Id("SecurityGroups", "vpc-endpoints");
  EraseIf(s.Doc("ec2-describe-security-groups.json")["SecurityGroups"], [&](const Json& g) { return g["GroupId"] == sg; });
  EXPECT_TRUE(UncheckedBecause(RunCheck(Def("FW003"), s),
                               {"security groups of " + s.Id("VpcEndpoints", "ecr.dkr"), "are not in the snapshot"}));
}

// ---- FW004 --------------------------------------------------------------------------------

/// base-private-nat whose service names no security group: the VPC default group applies.
Snapshot NoGroupNamed() {
  auto s = Snapshot::Base("base-private-nat");
  SetAwsVpc(s, "api", "securityGroups", Json::array());
  return s;
}

TEST(FW004, FiresWhenTheDefaultGroupHasNoEgress) {
  auto s = NoGroupNamed();
  Egress(s, "default") = Json::array();
  auto run = RunCheck(Def("FW004"), s);
  const std::string sg = s.Id("SecurityGroups", "default");
  EXPECT_TRUE(FiresOn(run, sg, Severity::kBlocker,
                      {"api names no security group, and the VPC default group " + sg, "allows no outbound traffic"}));
}

TEST(FW004, SilentWhenTheDefaultGroupKeepsItsEgress) { EXPECT_TRUE(Silent(RunCheck(Def("FW004"), NoGroupNamed()))); }

TEST(FW004, UncheckedWhenTheDefaultGroupIsNotInTheSnapshot) {
  auto s = NoGroupNamed();
  const std::string sg = s.Id("SecurityGroups", "default");
  EraseIf(s.Doc("ec2-describe-security-groups.json")["SecurityGroups"], [&](const Json& g) { return g["GroupId"] == sg; });
  EXPECT_TRUE(UncheckedBecause(RunCheck(Def("FW004"), s),
                               {"no security group is named and the default security group of", "not in the snapshot"}));
}

// ---- FW005 --------------------------------------------------------------------------------

TEST(FW005, FiresWhenTheTaskGroupBlocksDnsToCustomServers) {
  auto s = Snapshot::Base("base-private-nat");
  SetDnsServers(s, "shop-prod", {"10.20.0.2", "10.20.0.3"});
  Egress(s, "api-tasks") = Json::array({SgPermission("tcp", 443, 443, {"0.0.0.0/0"})});
  auto run = RunCheck(Def("FW005"), s);
  const std::string sg = s.Id("SecurityGroups", "api-tasks");
  EXPECT_TRUE(FiresOn(run, sg, Severity::kWarning, {sg + " blocks DNS from", "custom DNS servers"}));
}

TEST(FW005, FiresWhenTheTaskSubnetsNaclBlocksDns) {
  auto s = Snapshot::Base("base-private-nat");
  SetDnsServers(s, "shop-prod", {"10.20.0.2"});
  auto entries = OpenNaclEntries();
  entries.insert(entries.begin(), NaclEntry(90, true, "17", {{53, 53}}, "0.0.0.0/0", false));
  OwnNacl(s, {"shop-prod-private-a", "shop-prod-private-b", "shop-prod-private-c"}, "acl-0000000000000f005", entries);
  auto run = RunCheck(Def("FW005"), s);
  EXPECT_TRUE(FiresOn(run, "acl-0000000000000f005", Severity::kWarning, {"blocks DNS"}));
}

// A DNS server outside the VPC with no route to it (the isolated endpoint design).
TEST(FW005, FiresWhenNoRouteLeadsToTheDnsServer) {
  auto s = Snapshot::Base("base-endpoints");
  SetDnsServers(s, "payments-isolated", {"192.168.0.2"});
  Egress(s, "api-tasks").push_back(SgPermission("-1", 0, 0, {"192.168.0.0/16"}));
  auto run = RunCheck(Def("FW005"), s);
  const std::string rtb = s.Id("RouteTables", "payments-private");
  ASSERT_TRUE(FiresOn(run, rtb, Severity::kWarning, {"blocks DNS"}));
  EXPECT_TRUE(EvidenceOn(run, rtb, {"no usable route to DNS server 192.168.0.2"}));
}

// The twin of the first case: the same servers, the task group allowing everything out.
TEST(FW005, SilentWhenDnsToTheCustomServersIsAllowed) {
  auto s = Snapshot::Base("base-private-nat");
  SetDnsServers(s, "shop-prod", {"10.20.0.2", "10.20.0.3"});
  EXPECT_TRUE(Silent(RunCheck(Def("FW005"), s)));
}

TEST(FW005, UncheckedWhenTheDhcpOptionsAreNotInTheSnapshot) {
  auto s = Snapshot::Base("base-private-nat");
  s.Drop("ec2-describe-dhcp-options.json");
  EXPECT_TRUE(UncheckedBecause(RunCheck(Def("FW005"), s), {"DHCP options", "are not in the snapshot"}));
}

}  // namespace
}  // namespace fd::testing
