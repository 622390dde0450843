// The checks on where the image comes from and how it is named: IMG006 a registry outside ECR
// from subnets without internet, IMG007 Docker Hub's anonymous rate limit, IMG008 registry
// credentials, IMG012 Windows images, IMG013 a reference no client can pull. Over
// base-private-nat (private subnets behind a NAT gateway), base-public (public IPs behind an
// internet gateway) and base-endpoints (isolated subnets with VPC endpoints).
#include "testing/check_harness_iam.h"

namespace fd::testing {
namespace {

using report::Severity;

bool IsNatRoute(const Json& r) { return r.contains("NatGatewayId"); }

// ---- IMG006 -------------------------------------------------------------------------------------

TEST(IMG006, FiresWhenADockerHubImageIsPulledFromSubnetsWithoutInternet) {
  auto s = Snapshot::Base("base-private-nat");
  Container(s)["image"] = "nginx:1.27";
  ASSERT_EQ(EraseIf(s.Item("RouteTables", "shop-prod-private")["Routes"], IsNatRoute), 1u);
  auto run = RunCheck(Def(Code::kImg006), s.Load());
  ASSERT_TRUE(FiresOn(
      run, kTdArn, Severity::kBlocker,
      {"api pulls from registry-1.docker.io, reached only over the internet, and subnet-",
       s.Id("Subnets", "shop-prod-private-a"), s.Id("Subnets", "shop-prod-private-b"),
       s.Id("Subnets", "shop-prod-private-c"), " have no internet path and no VPC endpoints"}));
  // The NAT gateway is still there, in its public subnet: the fix routes to it.
  const std::string nat = s.Doc("ec2-describe-nat-gateways.json")["NatGateways"][0]["NatGatewayId"];
  const auto& fix = run.findings[0].fix;
  EXPECT_EQ(fix.summary.rfind("route the subnets' internet traffic to " + nat, 0), 0u)
      << fix.summary;
  EXPECT_EQ(
      fix.commands,
      (std::vector<std::string>{"aws ec2 create-route --route-table-id " +
                                s.Id("RouteTables", "shop-prod-private") +
                                " --destination-cidr-block 0.0.0.0/0 --nat-gateway-id " + nat}));
}

TEST(IMG006, SilentWhenTheSubnetsRouteToTheNatGateway) {
  auto s = Snapshot::Base("base-private-nat");
  Container(s)["image"] = "nginx:1.27";
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kImg006), s.Load())));
}

// In a VPC that uses endpoints, the missing way to the registry is VPCE013's.
TEST(IMG006, SilentInAnEndpointDesign) {
  auto s = Snapshot::Base("base-endpoints");
  Container(s)["image"] = "nginx:1.27";
  const model::Model m = s.Load();
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kImg006), m)));
  EXPECT_FALSE(RunCheck(Def(Code::kVpce013), m).findings.empty());
}

// ---- IMG007 -------------------------------------------------------------------------------------

TEST(IMG007, FiresAsInfoOnAnAnonymousDockerHubPullThroughANat) {
  auto s = Snapshot::Base("base-private-nat");
  Container(s)["image"] = "nginx:1.27";
  auto run = RunCheck(Def(Code::kImg007), s.Load());
  ASSERT_TRUE(FiresOn(run, "nginx:1.27", Severity::kInfo,
                      {"image nginx:1.27 (container api) is pulled from Docker Hub anonymously, "
                       "through a NAT gateway address every task shares"}));
  EXPECT_EQ(run.findings[0].fix.commands,
            (std::vector<std::string>{"aws ecr create-repository --repository-name library/nginx "
                                      "--region eu-west-3"}));
}

TEST(IMG007, FiresAsWarningWhenAwsRecordedTheRateLimit) {
  auto s = Snapshot::Base("base-private-nat");
  Container(s)["image"] = "nginx:1.27";
  AddServiceEvent(
      s, "2025-03-11T09:47:02.000000+01:00",
      "(service api) failed to launch a task: CannotPullContainerError: toomanyrequests: "
      "You have reached your pull rate limit.");
  auto run = RunCheck(Def(Code::kImg007), s.Load());
  EXPECT_TRUE(FiresOn(
      run, "nginx:1.27", Severity::kWarning,
      {"is pulled from Docker Hub anonymously, and AWS reports the pull rate limit was hit"}));
}

// Each task pulls from its own public address: no shared limit to name.
TEST(IMG007, SilentWhenEachTaskHasItsOwnPublicAddress) {
  auto s = Snapshot::Base("base-public");
  Container(s)["image"] = "nginx:1.27";
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kImg007), s.Load())));
}

TEST(IMG007, SilentWhenThePullIsAuthenticated) {
  auto s = Snapshot::Base("base-private-nat");
  Container(s)["image"] = "nginx:1.27";
  Container(s)["repositoryCredentials"] = {
      {"credentialsParameter",
       "arn:aws:secretsmanager:eu-west-3:111122223333:secret:dockerhub-AbCdEf"}};
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kImg007), s.Load())));
}

// ---- IMG008 -------------------------------------------------------------------------------------

const std::string kPrivateImage = "registry.example.com/shop/api:1.4";

TEST(IMG008, FiresWhenTheCredentialsAreAnSsmParameter) {
  auto s = Snapshot::Base("base-private-nat");
  const std::string param =
      "arn:aws:ssm:eu-west-3:111122223333:parameter/prod/registry-credentials";
  Container(s)["image"] = kPrivateImage;
  Container(s)["repositoryCredentials"] = {{"credentialsParameter", param}};
  auto run = RunCheck(Def(Code::kImg008), s.Load());
  EXPECT_TRUE(FiresOn(run, param, Severity::kBlocker,
                      {"repositoryCredentials of container api is an SSM parameter; registry "
                       "credentials must be a Secrets Manager secret"}));
}

TEST(IMG008, SilentWhenTheCredentialsAreASecret) {
  auto s = Snapshot::Base("base-private-nat");
  Container(s)["image"] = kPrivateImage;
  Container(s)["repositoryCredentials"] = {
      {"credentialsParameter",
       "arn:aws:secretsmanager:eu-west-3:111122223333:secret:registry-AbCdEf"}};
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kImg008), s.Load())));
}

TEST(IMG008, FiresWhenTheRegistryRefusedAPullWithoutCredentials) {
  auto s = Snapshot::Base("base-private-nat");
  Container(s)["image"] = kPrivateImage;
  AddServiceEvent(s, "2025-03-11T09:47:02.000000+01:00",
                  "(service api) failed to launch a task: CannotPullContainerError: pull image "
                  "manifest: 401 Unauthorized");
  auto run = RunCheck(Def(Code::kImg008), s.Load());
  EXPECT_TRUE(FiresOn(run, kPrivateImage, Severity::kBlocker,
                      {"registry registry.example.com refused image " + kPrivateImage +
                       " (container api) and the container has no repositoryCredentials"}));
}

// Without credentials, only a registry that answered 401 proves they are needed.
TEST(IMG008, SilentWhenNothingSaysTheRegistryRefusedThePull) {
  auto s = Snapshot::Base("base-private-nat");
  Container(s)["image"] = kPrivateImage;
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kImg008), s.Load())));
}

// ---- IMG012 -------------------------------------------------------------------------------------

void WindowsServer2019(Snapshot& s, const std::string& image) {
  s.TaskDefinition()["runtimePlatform"] = {{"operatingSystemFamily", "WINDOWS_SERVER_2019_CORE"},
                                           {"cpuArchitecture", "X86_64"}};
  s.TaskDefinition()["cpu"] = "1024";
  s.TaskDefinition()["memory"] = "2048";
  Container(s)["image"] = image;
}

TEST(IMG012, FiresWhenTheImageIsBuiltForAnotherWindowsServer) {
  auto s = Snapshot::Base("base-private-nat");
  WindowsServer2019(s, "mcr.microsoft.com/windows/servercore:ltsc2022");
  auto run = RunCheck(Def(Code::kImg012), s.Load());
  EXPECT_TRUE(
      FiresOn(run, "mcr.microsoft.com/windows/servercore:ltsc2022", Severity::kBlocker,
              {"image mcr.microsoft.com/windows/servercore:ltsc2022 (container api) is built "
               "for Windows Server 2022 but the task runs WINDOWS_SERVER_2019_CORE"}));
}

TEST(IMG012, SilentWhenTheImageMatchesTheWindowsServer) {
  auto s = Snapshot::Base("base-private-nat");
  WindowsServer2019(s, "mcr.microsoft.com/windows/servercore:ltsc2019");
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kImg012), s.Load())));
}

// A Windows image in ECR still pulls its base layers from Microsoft.
TEST(IMG012, FiresAsWarningOnAWindowsEcrImageInSubnetsWithoutInternet) {
  auto s = Snapshot::Base("base-endpoints");
  const std::string image = "111122223333.dkr.ecr.eu-west-3.amazonaws.com/api:ltsc2019";
  WindowsServer2019(s, image);
  auto run = RunCheck(Def(Code::kImg012), s.Load());
  ASSERT_TRUE(
      FiresOn(run, image, Severity::kWarning,
              {"Windows image " + image + " (container api) likely has foreign base layers that " +
                   s.Id("Subnets", "payments-private-a"),
               "cannot download without an internet path"}));
  EXPECT_EQ(run.findings[0].subnets.size(), 3u);
}

TEST(IMG012, SilentOnAWindowsEcrImageBehindANat) {
  auto s = Snapshot::Base("base-private-nat");
  WindowsServer2019(s, "111122223333.dkr.ecr.eu-west-3.amazonaws.com/api:ltsc2019");
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kImg012), s.Load())));
}

// ---- IMG013 -------------------------------------------------------------------------------------

TEST(IMG013, FiresOnAnUpperCaseRepository) {
  auto s = Snapshot::Base("base-private-nat");
  Container(s)["image"] = "111122223333.dkr.ecr.eu-west-3.amazonaws.com/Api:1.4";
  auto run = RunCheck(Def(Code::kImg013), s.Load());
  ASSERT_TRUE(
      FiresOn(run, kTdArn, Severity::kBlocker, {"an image of api:7 cannot be pulled as written"}));
  EXPECT_EQ(
      run.findings[0].evidence.at(0).claim,
      "container api: image '111122223333.dkr.ecr.eu-west-3.amazonaws.com/Api:1.4' is not a valid "
      "image reference (lower-case repository, valid tag or digest)");
}

TEST(IMG013, FiresOnAChinaRegistryWithTheGlobalSuffix) {
  auto s = Snapshot::Base("base-private-nat");
  Container(s)["image"] = "111122223333.dkr.ecr.cn-north-1.amazonaws.com/api:1.4";
  auto run = RunCheck(Def(Code::kImg013), s.Load());
  ASSERT_TRUE(FiresOn(run, kTdArn, Severity::kBlocker, {"cannot be pulled as written"}));
  EXPECT_EQ(run.findings[0].evidence.at(0).claim,
            "container api: registry 111122223333.dkr.ecr.cn-north-1.amazonaws.com names "
            "cn-north-1, whose "
            "ECR host ends in amazonaws.com.cn (111122223333.dkr.ecr.cn-north-1.amazonaws.com.cn)");
}

TEST(IMG013, SilentOnAValidReference) {
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kImg013), Snapshot::Base("base-private-nat").Load())));
}

}  // namespace
}  // namespace fd::testing
