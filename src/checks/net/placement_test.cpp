// Where the tasks are placed, before any packet: CAP001 (a zone Fargate does not serve),
// CAP002 (no free address for the task ENI), TD008 (an invalid awsvpcConfiguration).
// base-uswest1-public: service api in storefront-public-a (usw1-az3) and -b (usw1-az1); the VPC
// also has storefront-public-c in usw1-az2, where Fargate is not offered.
// base-private-nat: service api in shop-prod-private-a/b/c, each with free addresses.
#include "testing/check_harness.h"
#include "testing/snapshot_edits.h"

namespace fd::testing {
namespace {

using report::Severity;

// ---- CAP001 -------------------------------------------------------------------------------

TEST(CAP001, FiresOnASubnetInAZoneWithoutFargate) {
  auto s = Snapshot::Base("base-uswest1-public");
  const std::string c = s.Id("Subnets", "storefront-public-c");
  SetSubnets(s, "api", {s.Id("Subnets", "storefront-public-a"), s.Id("Subnets", "storefront-public-b"), c});
  auto run = RunCheck(Def("CAP001"), s);
  ASSERT_TRUE(FiresOn(run, c, Severity::kBlocker, {"subnet " + c + " is in an Availability Zone where Fargate is not offered"}));
  EXPECT_TRUE(EvidenceOn(run, c, {"usw1-az2 (us-west-1c) is not a Fargate zone of us-west-1"}));
  EXPECT_EQ(run.findings.size(), 1u) << run.Dump();
  // The fix keeps the two good subnets.
  ASSERT_EQ(run.On(c)->fix.commands.size(), 1u);
  EXPECT_NE(run.On(c)->fix.commands[0].find(s.Id("Subnets", "storefront-public-a") + "," + s.Id("Subnets", "storefront-public-b")),
            std::string::npos) << run.On(c)->fix.commands[0];
}

TEST(CAP001, FiresOnASubnetInALocalZone) {
  auto s = Snapshot::Base("base-private-nat");
  for (auto& z : s.Doc("ec2-describe-availability-zones.json")["AvailabilityZones"])
    if (z["ZoneName"] == "eu-west-3a") z["ZoneType"] = "local-zone";
  const std::string a = s.Id("Subnets", "shop-prod-private-a");
  auto run = RunCheck(Def("CAP001"), s);
  ASSERT_TRUE(FiresOn(run, a, Severity::kBlocker, {"where Fargate is not offered"}));
  EXPECT_TRUE(EvidenceOn(run, a, {"eu-west-3a is a local-zone"}));
}

TEST(CAP001, FiresOnASubnetOnAnOutpost) {
  auto s = Snapshot::Base("base-private-nat");
  const std::string arn = "arn:aws:outposts:eu-west-3:111122223333:outpost/op-0000000000000e1f0";
  s.Item("Subnets", "shop-prod-private-b")["OutpostArn"] = arn;
  const std::string b = s.Id("Subnets", "shop-prod-private-b");
  auto run = RunCheck(Def("CAP001"), s);
  ASSERT_TRUE(FiresOn(run, b, Severity::kBlocker, {"where Fargate is not offered"}));
  EXPECT_TRUE(EvidenceOn(run, b, {"it is on an Outpost (" + arn + ")"}));
}

// The twin of the first case: the service in the two Fargate zones only.
TEST(CAP001, SilentInFargateZones) { EXPECT_TRUE(Silent(RunCheck(Def("CAP001"), Snapshot::Base("base-uswest1-public")))); }

TEST(CAP001, UncheckedWhenASubnetHasNoZoneId) {
  auto s = Snapshot::Base("base-uswest1-public");
  s.Item("Subnets", "storefront-public-b").erase("AvailabilityZoneId");
  EXPECT_TRUE(UncheckedBecause(RunCheck(Def("CAP001"), s),
                               {"subnet " + s.Id("Subnets", "storefront-public-b") + " has no AvailabilityZoneId"}));
}

// ---- CAP002 -------------------------------------------------------------------------------

TEST(CAP002, FiresOnASubnetWithNoFreeAddress) {
  auto s = Snapshot::Base("base-private-nat");
  s.Item("Subnets", "shop-prod-private-b")["AvailableIpAddressCount"] = 0;
  const std::string b = s.Id("Subnets", "shop-prod-private-b");
  auto run = RunCheck(Def("CAP002"), s);
  ASSERT_TRUE(FiresOn(run, b, Severity::kBlocker, {"subnet " + b + " has no free IPv4 address for a task ENI"}));
  EXPECT_EQ(run.On(b)->subnets, std::vector<std::string>{b});
}

// A deployment at maximumPercent 200% needs twice the desired count while the old tasks run.
TEST(CAP002, FiresAsAWarningWhenADeploymentWouldNotFit) {
  auto s = Snapshot::Base("base-private-nat");
  long free = 0;
  for (auto name : {"shop-prod-private-a", "shop-prod-private-b", "shop-prod-private-c"})
    free += s.Item("Subnets", name)["AvailableIpAddressCount"].get<long>();
  Json& svc = s.Item("services", "api");
  svc["desiredCount"] = free;  // 2 x free - 2 running > free
  auto run = RunCheck(Def("CAP002"), s);
  ASSERT_TRUE(FiresOn(run, s.Id("services", "api"), Severity::kWarning,
                      {"api may need " + std::to_string(2 * free - 2) + " new task addresses",
                       "its subnets have " + std::to_string(free) + " free"}));
}

// The twin: a deployment that just fits.
TEST(CAP002, SilentWhenADeploymentFits) {
  auto s = Snapshot::Base("base-private-nat");
  long free = 0;
  for (auto name : {"shop-prod-private-a", "shop-prod-private-b", "shop-prod-private-c"})
    free += s.Item("Subnets", name)["AvailableIpAddressCount"].get<long>();
  s.Item("services", "api")["desiredCount"] = (free + 2) / 2;  // 2 x desired - 2 running <= free
  EXPECT_TRUE(Silent(RunCheck(Def("CAP002"), s)));
}

TEST(CAP002, UncheckedWhenASubnetsFreeAddressesAreUnknown) {
  auto s = Snapshot::Base("base-private-nat");
  s.Item("Subnets", "shop-prod-private-c").erase("AvailableIpAddressCount");
  EXPECT_TRUE(UncheckedBecause(RunCheck(Def("CAP002"), s),
                               {"subnet " + s.Id("Subnets", "shop-prod-private-c") + " has no AvailableIpAddressCount"}));
}

// ---- TD008 --------------------------------------------------------------------------------

/// Expects TD008 on the service, its evidence naming `claim`.
void ExpectInvalid(Snapshot& s, std::string_view claim) {
  auto run = RunCheck(Def("TD008"), s);
  const std::string svc = s.Id("services", "api");
  ASSERT_TRUE(FiresOn(run, svc, Severity::kBlocker, {"the network configuration of api is invalid"}));
  EXPECT_TRUE(EvidenceOn(run, svc, {claim}));
}

TEST(TD008, FiresWhenTheSubnetsAreInTwoVpcs) {
  auto s = Snapshot::Base("base-private-nat");
  Json other = s.Item("Subnets", "shop-prod-private-c");
  other["SubnetId"] = "subnet-0000000000000e1f0";
  other["VpcId"] = "vpc-0000000000000e1f0";
  other["Tags"] = Json::array({{{"Key", "Name"}, {"Value", "legacy-batch-a"}}});
  other.erase("SubnetArn");
  s.Add("ec2-describe-subnets.json", "Subnets", other);
  SetSubnets(s, "api", {s.Id("Subnets", "shop-prod-private-a"), "subnet-0000000000000e1f0"});
  ExpectInvalid(s, "subnets belong to different VPCs");
}

TEST(TD008, FiresOnAnAssignPublicIpThatIsNeitherEnabledNorDisabled) {
  auto s = Snapshot::Base("base-private-nat");
  SetAwsVpc(s, "api", "assignPublicIp", "YES");
  ExpectInvalid(s, "assignPublicIp is 'YES' (ENABLED or DISABLED)");
}

TEST(TD008, FiresOnSixSecurityGroups) {
  auto s = Snapshot::Base("base-private-nat");
  SetAwsVpc(s, "api", "securityGroups", Json::array({"sg-01", "sg-02", "sg-03", "sg-04", "sg-05", "sg-06"}));
  ExpectInvalid(s, "6 security groups (at most 5)");
}

TEST(TD008, FiresOnASubnetThatIsNotAvailable) {
  auto s = Snapshot::Base("base-private-nat");
  s.Item("Subnets", "shop-prod-private-b")["State"] = "pending";
  ExpectInvalid(s, s.Id("Subnets", "shop-prod-private-b") + " is pending");
}

TEST(TD008, FiresOnASecurityGroupOfAnotherVpc) {
  auto s = Snapshot::Base("base-private-nat");
  s.Item("SecurityGroups", "api-tasks")["VpcId"] = "vpc-0000000000000e1f0";
  ExpectInvalid(s, s.Id("SecurityGroups", "api-tasks") + " belongs to vpc-0000000000000e1f0, not to the subnets'");
}

TEST(TD008, SilentOnAValidConfiguration) { EXPECT_TRUE(Silent(RunCheck(Def("TD008"), Snapshot::Base("base-private-nat")))); }

// The twin of the six groups: five is the limit, not over it.
TEST(TD008, SilentOnFiveSecurityGroups) {
  auto s = Snapshot::Base("base-private-nat");
  SetAwsVpc(s, "api", "securityGroups", Json::array({"sg-01", "sg-02", "sg-03", "sg-04", "sg-05"}));
  EXPECT_TRUE(Silent(RunCheck(Def("TD008"), s)));
}

}  // namespace
}  // namespace fd::testing
