// The endpoints an isolated design relies on (docs/design/checks.md, "no route matches: a VPC
// that uses endpoints but lacks this one"): VPCE001 (ecr.api, ecr.dkr), VPCE002 (no S3 gateway),
// VPCE003 (S3 gateway not on the task table), VPCE004 (logs), VPCE005 (secretsmanager),
// VPCE010 (endpoint not available), VPCE012 (a resource in another Region), VPCE013 (a registry
// no endpoint serves).
// base-endpoints: tasks in payments-private-a/b/c (VPC payments-isolated, no internet route),
// interface endpoints ecr.api, ecr.dkr, logs, secretsmanager, and the S3 gateway on
// payments-private. base-private-nat is the twin that reaches everything through a NAT gateway.
#include "testing/check_harness.h"
#include "testing/snapshot_edits.h"

namespace fd::testing {
namespace {

using report::Severity;

constexpr const char* kBase = "base-endpoints";

/// base-endpoints without the endpoint named `name` (its Name tag is its service).
Snapshot Without(std::string_view name) {
  auto s = Snapshot::Base(kBase);
  const std::string id = s.Id("VpcEndpoints", name);
  EraseIf(s.Doc("ec2-describe-vpc-endpoints.json")["VpcEndpoints"], [&](const Json& e) { return e["VpcEndpointId"] == id; });
  return s;
}

/// Removes the S3 prefix-list route from route table `rtb_ref`.
void DropS3Route(Snapshot& s, std::string_view rtb_ref) {
  ASSERT_EQ(EraseIf(s.Item("RouteTables", rtb_ref)["Routes"], [](const Json& r) { return r.contains("DestinationPrefixListId"); }),
            1u);
}

std::string Vpc(Snapshot& s) { return s.Id("Vpcs", "payments-isolated"); }

/// The first container's log configuration options.
Json& LogOptions(Snapshot& s) { return s.TaskDefinition()["containerDefinitions"][0]["logConfiguration"]["options"]; }

// ---- VPCE001 ------------------------------------------------------------------------------

TEST(VPCE001, FiresWithoutTheEcrDkrEndpoint) {
  auto s = Without("ecr.dkr");
  auto run = RunCheck(Def("VPCE001"), s);
  EXPECT_TRUE(FiresOn(run, Vpc(s), Severity::kBlocker,
                      {"has no internet route from", "no interface endpoint for ecr.dkr", "which api needs"}));
}

TEST(VPCE001, FiresWithoutTheEcrApiEndpointOnPlatform140) {
  auto s = Without("ecr.api");
  EXPECT_TRUE(FiresOn(RunCheck(Def("VPCE001"), s), Vpc(s), Severity::kBlocker, {"no interface endpoint for ecr.api"}));
}

TEST(VPCE001, SilentWithBothEcrEndpoints) { EXPECT_TRUE(Silent(RunCheck(Def("VPCE001"), Snapshot::Base(kBase)))); }

// Platform 1.3.0 fetches the ECR auth token over the Fargate-owned ENI: no ecr.api needed.
TEST(VPCE001, SilentWithoutTheEcrApiEndpointOnPlatform130) {
  auto s = Without("ecr.api");
  SetPlatformVersion(s, "api", "1.3.0");
  EXPECT_TRUE(Silent(RunCheck(Def("VPCE001"), s)));
}

// ---- VPCE002 ------------------------------------------------------------------------------

TEST(VPCE002, FiresWithoutTheS3GatewayEndpoint) {
  auto s = Without("s3");
  DropS3Route(s, "payments-private");
  auto run = RunCheck(Def("VPCE002"), s);
  EXPECT_TRUE(FiresOn(run, Vpc(s), Severity::kBlocker, {"has no S3 gateway endpoint", "image layers cannot be downloaded"}));
}

TEST(VPCE002, SilentWithTheS3GatewayEndpoint) { EXPECT_TRUE(Silent(RunCheck(Def("VPCE002"), Snapshot::Base(kBase)))); }

// ---- VPCE003 ------------------------------------------------------------------------------

TEST(VPCE003, FiresWhenTheS3GatewayIsOnAnotherRouteTable) {
  auto s = Snapshot::Base(kBase);
  std::string main;
  for (const auto& t : s.Doc("ec2-describe-route-tables.json")["RouteTables"])
    if (t["RouteTableId"] != s.Id("RouteTables", "payments-private")) main = t["RouteTableId"];
  s.Item("VpcEndpoints", "s3")["RouteTableIds"] = Json::array({main});
  DropS3Route(s, "payments-private");
  auto run = RunCheck(Def("VPCE003"), s);
  const std::string ep = s.Id("VpcEndpoints", "s3");
  EXPECT_TRUE(FiresOn(run, ep, Severity::kBlocker, {"S3 gateway endpoint " + ep,
                                                    "is not associated with " + s.Id("RouteTables", "payments-private")}));
}

TEST(VPCE003, SilentWhenTheS3GatewayIsOnTheTaskTable) { EXPECT_TRUE(Silent(RunCheck(Def("VPCE003"), Snapshot::Base(kBase)))); }

// ---- VPCE004 ------------------------------------------------------------------------------

TEST(VPCE004, FiresWithoutTheLogsEndpoint) {
  auto s = Without("logs");
  EXPECT_TRUE(FiresOn(RunCheck(Def("VPCE004"), s), Vpc(s), Severity::kBlocker, {"no interface endpoint for logs"}));
}

TEST(VPCE004, SilentWithTheLogsEndpoint) { EXPECT_TRUE(Silent(RunCheck(Def("VPCE004"), Snapshot::Base(kBase)))); }

// A task that logs nothing through awslogs needs no logs endpoint.
TEST(VPCE004, SilentWithoutTheLogsEndpointWhenNothingLogsToCloudWatch) {
  auto s = Without("logs");
  s.TaskDefinition()["containerDefinitions"][0].erase("logConfiguration");
  EXPECT_TRUE(Silent(RunCheck(Def("VPCE004"), s)));
}

// ---- VPCE005 ------------------------------------------------------------------------------

TEST(VPCE005, FiresWithoutTheSecretsManagerEndpoint) {
  auto s = Without("secretsmanager");
  EXPECT_TRUE(FiresOn(RunCheck(Def("VPCE005"), s), Vpc(s), Severity::kBlocker,
                      {"no interface endpoint for secretsmanager"}));
}

TEST(VPCE005, SilentWithTheSecretsManagerEndpoint) { EXPECT_TRUE(Silent(RunCheck(Def("VPCE005"), Snapshot::Base(kBase)))); }

// ---- VPCE010 ------------------------------------------------------------------------------

TEST(VPCE010, FiresWhenTheLogsEndpointAwaitsAcceptance) {
  auto s = Snapshot::Base(kBase);
  s.Item("VpcEndpoints", "logs")["State"] = "pendingAcceptance";
  const std::string ep = s.Id("VpcEndpoints", "logs");
  EXPECT_TRUE(FiresOn(RunCheck(Def("VPCE010"), s), ep, Severity::kBlocker,
                      {"endpoint " + ep + " is pendingAcceptance", "logs are unreachable"}));
}

TEST(VPCE010, SilentWhenEveryEndpointIsAvailable) { EXPECT_TRUE(Silent(RunCheck(Def("VPCE010"), Snapshot::Base(kBase)))); }

// ---- VPCE012 ------------------------------------------------------------------------------

TEST(VPCE012, FiresWhenTheLogsGoToAnotherRegionWithoutInternet) {
  auto s = Snapshot::Base(kBase);
  LogOptions(s)["awslogs-region"] = "eu-west-1";
  auto run = RunCheck(Def("VPCE012"), s);
  EXPECT_TRUE(FiresOn(run, TaskDefinitionArn(s), Severity::kBlocker,
                      {"api needs logs in eu-west-1, another Region than its VPC", "have no internet path"}));
}

// The twin: the same cross-Region log group reached through a NAT gateway.
TEST(VPCE012, SilentWhenTheOtherRegionIsReachedThroughANatGateway) {
  auto s = Snapshot::Base("base-private-nat");
  LogOptions(s)["awslogs-region"] = "eu-west-1";
  EXPECT_TRUE(Silent(RunCheck(Def("VPCE012"), s)));
}

// ---- VPCE013 ------------------------------------------------------------------------------

TEST(VPCE013, FiresWhenTheImageComesFromDockerHubWithoutInternet) {
  auto s = Snapshot::Base(kBase);
  s.TaskDefinition()["containerDefinitions"][0]["image"] = "nginx:1.25";
  auto run = RunCheck(Def("VPCE013"), s);
  EXPECT_TRUE(FiresOn(run, TaskDefinitionArn(s), Severity::kBlocker,
                      {"api pulls from registry-1.docker.io, which no VPC endpoint serves"}));
}

TEST(VPCE013, SilentWhenDockerHubIsReachedThroughANatGateway) {
  auto s = Snapshot::Base("base-private-nat");
  s.TaskDefinition()["containerDefinitions"][0]["image"] = "nginx:1.25";
  EXPECT_TRUE(Silent(RunCheck(Def("VPCE013"), s)));
}

}  // namespace
}  // namespace fd::testing
