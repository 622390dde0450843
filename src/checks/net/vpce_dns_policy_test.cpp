// When an endpoint exists but does not serve: VPCE006 (private DNS off), VPCE007 (the VPC's DNS
// attributes), VPCE008 (custom DNS servers), VPCE011 (the endpoint policy), VPCE015 (a broken
// endpoint's private DNS captures a name a working internet path would have served).
// base-endpoints: every interface endpoint with private DNS on, both DNS attributes true,
// AmazonProvidedDNS, full-access endpoint policies.
#include "testing/check_harness.h"
#include "testing/snapshot_edits.h"

namespace fd::testing {
namespace {

using report::Severity;

constexpr const char* kBase = "base-endpoints";

std::string Vpc(Snapshot& s) { return s.Id("Vpcs", "payments-isolated"); }

// ---- VPCE006 ------------------------------------------------------------------------------

TEST(VPCE006, FiresWhenTheEcrDkrEndpointHasPrivateDnsOff) {
  auto s = Snapshot::Base(kBase);
  s.Item("VpcEndpoints", "ecr.dkr")["PrivateDnsEnabled"] = false;
  const std::string ep = s.Id("VpcEndpoints", "ecr.dkr");
  auto run = RunCheck(Def("VPCE006"), s);
  EXPECT_TRUE(FiresOn(run, ep, Severity::kBlocker, {"interface endpoint " + ep + " has private DNS off", "ecr.dkr"}));
  EXPECT_EQ(run.findings.size(), 1u) << run.Dump();
}

TEST(VPCE006, SilentWithPrivateDnsOn) { EXPECT_TRUE(Silent(RunCheck(Def("VPCE006"), Snapshot::Base(kBase)))); }

// ---- VPCE007 ------------------------------------------------------------------------------

TEST(VPCE007, FiresWhenDnsHostnamesAreOff) {
  auto s = Snapshot::Base(kBase);
  s.Doc("ec2-describe-vpc-attribute-enableDnsHostnames.json")["EnableDnsHostnames"]["Value"] = false;
  auto run = RunCheck(Def("VPCE007"), s);
  ASSERT_TRUE(FiresOn(run, Vpc(s), Severity::kBlocker, {"the DNS attributes of " + Vpc(s), "from resolving"}));
  EXPECT_TRUE(EvidenceOn(run, Vpc(s), {"enableDnsHostnames"}));
}

TEST(VPCE007, FiresWhenDnsSupportIsOff) {
  auto s = Snapshot::Base(kBase);
  s.Doc("ec2-describe-vpc-attribute-enableDnsSupport.json")["EnableDnsSupport"]["Value"] = false;
  auto run = RunCheck(Def("VPCE007"), s);
  ASSERT_TRUE(FiresOn(run, Vpc(s), Severity::kBlocker, {"the DNS attributes of"}));
  EXPECT_TRUE(EvidenceOn(run, Vpc(s), {"enableDnsSupport is false", "Amazon-provided resolver does not answer"}));
}

TEST(VPCE007, SilentWithBothAttributesOn) { EXPECT_TRUE(Silent(RunCheck(Def("VPCE007"), Snapshot::Base(kBase)))); }

TEST(VPCE007, UncheckedWithoutTheDnsSupportAttribute) {
  auto s = Snapshot::Base(kBase);
  s.Drop("ec2-describe-vpc-attribute-enableDnsSupport.json");
  EXPECT_TRUE(UncheckedBecause(RunCheck(Def("VPCE007"), s),
                               {"enableDnsSupport of " + Vpc(s), "is not in the snapshot"}));
}

// ---- VPCE008 ------------------------------------------------------------------------------

TEST(VPCE008, FiresWhenCustomDnsServersStandBetweenTheTasksAndTheEndpoints) {
  auto s = Snapshot::Base(kBase);
  const std::string dopt = SetDnsServers(s, "payments-isolated", {"10.30.0.53", "10.30.16.53"});
  auto run = RunCheck(Def("VPCE008"), s);
  EXPECT_TRUE(FiresOn(run, dopt, Severity::kWarning,
                      {"DHCP options " + dopt + " name custom DNS servers", "only if those servers forward"}));
}

TEST(VPCE008, SilentWithTheAmazonResolver) { EXPECT_TRUE(Silent(RunCheck(Def("VPCE008"), Snapshot::Base(kBase)))); }

TEST(VPCE008, UncheckedWithoutTheDhcpOptions) {
  auto s = Snapshot::Base(kBase);
  s.Drop("ec2-describe-dhcp-options.json");
  EXPECT_TRUE(UncheckedBecause(RunCheck(Def("VPCE008"), s), {"DHCP options", "are not in the snapshot"}));
}

// ---- VPCE011 ------------------------------------------------------------------------------

TEST(VPCE011, FiresWhenTheS3EndpointPolicyOmitsTheLayerBucket) {
  auto s = Snapshot::Base(kBase);
  s.Item("VpcEndpoints", "s3")["PolicyDocument"] =
      AllowPolicy({"s3:GetObject"}, "arn:aws:s3:::acme-config/*").dump();
  auto run = RunCheck(Def("VPCE011"), s);
  const std::string ep = s.Id("VpcEndpoints", "s3");
  ASSERT_TRUE(FiresOn(run, ep, Severity::kBlocker, {"the policy of endpoint " + ep, "does not let execution role"}));
  EXPECT_TRUE(EvidenceOn(run, ep, {"s3:GetObject on arn:aws:s3:::prod-eu-west-3-starport-layer-bucket/*",
                                   "no statement of the endpoint policy allows it"}));
}

// The twin: the same policy naming the layer bucket too.
TEST(VPCE011, SilentWhenTheS3EndpointPolicyAllowsTheLayerBucket) {
  auto s = Snapshot::Base(kBase);
  Json policy = AllowPolicy({"s3:GetObject"}, "arn:aws:s3:::acme-config/*");
  policy["Statement"][0]["Resource"] = Json::array({"arn:aws:s3:::acme-config/*", "arn:aws:s3:::prod-eu-west-3-starport-layer-bucket/*"});
  s.Item("VpcEndpoints", "s3")["PolicyDocument"] = policy.dump();
  EXPECT_TRUE(Silent(RunCheck(Def("VPCE011"), s)));
}

TEST(VPCE011, UncheckedWhenTheEndpointPolicyDoesNotParse) {
  auto s = Snapshot::Base(kBase);
  s.Item("VpcEndpoints", "logs")["PolicyDocument"] = "{\"Statement\": [";
  EXPECT_TRUE(UncheckedBecause(RunCheck(Def("VPCE011"), s),
                               {"policy of endpoint " + s.Id("VpcEndpoints", "logs"), "does not parse"}));
}

// ---- VPCE015 ------------------------------------------------------------------------------

/// base-public (tasks reach ECR through the IGW) plus an ecr.dkr endpoint with private DNS for
/// CI runners, whose group admits 443 from `admitted`.
Snapshot PublicDesignWithAnEcrDkrEndpoint(const Json& admitted) {
  auto s = Snapshot::Base("base-public");
  const std::string vpc = s.Id("Vpcs", "storefront");
  s.Add("ec2-describe-security-groups.json", "SecurityGroups",
        {{"GroupId", "sg-0000000000000ec5e"}, {"GroupName", "ecr-endpoint"}, {"VpcId", vpc}, {"OwnerId", "111122223333"},
         {"Description", "ecr.dkr endpoint"}, {"IpPermissions", Json::array({admitted})},
         {"IpPermissionsEgress", Json::array({AllTraffic()})}});
  Json subnets = Json::array();
  for (auto name : {"storefront-public-a", "storefront-public-b", "storefront-public-c"}) subnets.push_back(s.Id("Subnets", name));
  s.Add("ec2-describe-vpc-endpoints.json", "VpcEndpoints",
        {{"VpcEndpointId", "vpce-0000000000000ec5e"}, {"VpcEndpointType", "Interface"}, {"VpcId", vpc},
         {"ServiceName", "com.amazonaws.eu-west-3.ecr.dkr"}, {"State", "available"}, {"RouteTableIds", Json::array()},
         {"SubnetIds", subnets}, {"Groups", Json::array({{{"GroupId", "sg-0000000000000ec5e"}, {"GroupName", "ecr-endpoint"}}})},
         {"PrivateDnsEnabled", true}, {"OwnerId", "111122223333"}});
  return s;
}

TEST(VPCE015, FiresWhenABrokenEndpointCapturesAWorkingInternetPath) {
  auto s = PublicDesignWithAnEcrDkrEndpoint(SgPermission("tcp", 443, 443, {}, {"sg-0000000000000c1c1"}));
  auto run = RunCheck(Def("VPCE015"), s);
  ASSERT_TRUE(FiresOn(run, "vpce-0000000000000ec5e", Severity::kInfo,
                      {"takes ecr.dkr away from a working internet path", "through its private DNS"}));
  EXPECT_TRUE(EvidenceOn(run, "vpce-0000000000000ec5e", {"would be reached via " + s.Id("InternetGateways", "storefront-igw")}));
}

// The twin: the same endpoint admitting the tasks serves them.
TEST(VPCE015, SilentWhenTheEndpointAdmitsTheTasks) {
  auto s = PublicDesignWithAnEcrDkrEndpoint(SgPermission("tcp", 443, 443, {"10.10.0.0/16"}));
  EXPECT_TRUE(Silent(RunCheck(Def("VPCE015"), s)));
}

}  // namespace
}  // namespace fd::testing
