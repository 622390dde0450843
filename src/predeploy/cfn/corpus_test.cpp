// The third-party templates of ../shared/corpus/cloudformation (README section 1): every one
// reads, and each resolves to the facts its design implies.
#include <gtest/gtest.h>

#include <filesystem>

#include "predeploy/cfn/cdk.h"
#include "predeploy/cfn/stacks.h"
#include "testing/cfn_fixture.h"
#include "testing/shared_corpus.h"

namespace fd::predeploy::cfn {
namespace {

using fd::testing::CorpusPath;
using fd::testing::FindResource;
using fd::testing::Notes;
using fd::testing::Show;
using fd::testing::ShowProp;

constexpr const char* kDir = "cloudformation";
constexpr const char* kWhat = "reading the corpus CloudFormation templates and CDK assemblies";

Templates ReadCorpus(const std::vector<std::string>& args, const Options& options = {}) {
  std::vector<TemplateInput> inputs;
  for (const std::string& a : args) {
    TemplateInput in = ParseTemplateArgument(a);
    in.path = CorpusPath(std::string(kDir) + "/" + in.path);
    inputs.push_back(in);
  }
  auto t = ReadTemplates(inputs, options);
  EXPECT_TRUE(t.has_value()) << (t ? "" : t.error().message);
  return t ? std::move(*t) : Templates{};
}

std::size_t CountType(const Templates& t, const std::string& type) {
  std::size_t n = 0;
  for (const Stack& s : t.stacks)
    for (const StackResource& r : s.resources) n += r.resource.type == type ? 1 : 0;
  return n;
}

TEST(CfnCorpus, EveryTemplateReads) {
  FD_SKIP_WITHOUT_CORPUS(kDir, kWhat);
  int read = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(CorpusPath(kDir))) {
    const std::string ext = e.path().extension().string();
    if (!e.is_regular_file() || e.path().filename() == "manifest.json" ||
        (ext != ".yml" && ext != ".yaml" && ext != ".json"))
      continue;
    auto t = ReadTemplates({TemplateInput{"", e.path().string()}}, Options{});
    ASSERT_TRUE(t) << t.error().message;
    EXPECT_FALSE(t->stacks.empty() || t->stacks[0].resources.empty()) << e.path();
    ++read;
  }
  EXPECT_EQ(read, 16);  // README: 16 CloudFormation templates
}

TEST(CfnCorpus, IsolatedVpcHasItsEndpointsWithPrivateDns) {
  FD_SKIP_WITHOUT_CORPUS(kDir, kWhat);
  Options o;
  o.region = "eu-west-1";
  const Templates t =
      ReadCorpus({"container-patterns/ecs-cluster-isolated-vpc-no-nat-gateway/isolated-vpc.yml"}, o);
  const StackResource* dkr = FindResource(t, "isolated-vpc", "EcrDkrEndpoint");
  ASSERT_NE(dkr, nullptr);
  EXPECT_EQ(ShowProp(dkr, "PrivateDnsEnabled"), "true");
  EXPECT_EQ(ShowProp(dkr, "ServiceName"), "\"com.amazonaws.eu-west-1.ecr.dkr\"");
  EXPECT_EQ(ShowProp(dkr, "SubnetIds"),
            "[{isolated-vpc:PrivateSubnetOne}, {isolated-vpc:PrivateSubnetTwo}]");
  EXPECT_EQ(ShowProp(FindResource(t, "isolated-vpc", "PrivateSubnetOne"), "CidrBlock"),
            "\"10.0.128.0/18\"");
  // The ECS endpoints are for ECS on EC2: DeployingToEC2 defaults to false.
  EXPECT_EQ(CountType(t, "AWS::EC2::VPCEndpoint"), 7u);
  EXPECT_EQ(FindResource(t, "isolated-vpc", "EcsEndpoint"), nullptr);
}

TEST(CfnCorpus, PrivateVpcJsonHasTwoNatGateways) {
  FD_SKIP_WITHOUT_CORPUS(kDir, kWhat);
  const Templates t = ReadCorpus({"aws-cloudformation-templates/private-vpc.json"});
  EXPECT_EQ(CountType(t, "AWS::EC2::NatGateway"), 2u);
  EXPECT_TRUE(t.notes.empty()) << Notes(t);
}

TEST(CfnCorpus, SamParentLoadsItsChildren) {
  FD_SKIP_WITHOUT_CORPUS(kDir, kWhat);
  const Templates t =
      ReadCorpus({"container-patterns/ecs-cluster-isolated-vpc-no-nat-gateway/parent.yml"});
  ASSERT_EQ(t.stacks.size(), 4u);
  EXPECT_EQ(t.stacks[0].transforms, std::vector<std::string>{"AWS::Serverless-2016-10-31"});
  const StackResource* svc = FindResource(t, "parent/ServiceStack", "Service");
  ASSERT_NE(svc, nullptr);
  EXPECT_EQ(ShowProp(svc, "NetworkConfiguration.AwsvpcConfiguration.Subnets"),
            "[{parent/VpcStack:PrivateSubnetOne}, {parent/VpcStack:PrivateSubnetTwo}]");
  EXPECT_EQ(ShowProp(svc, "NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp"),
            "\"DISABLED\"");
  const StackResource* task = FindResource(t, "parent/ServiceStack", "TaskDefinition");
  // cluster.yml outputs the role's Ref (its name), which ECS accepts as an execution role.
  EXPECT_EQ(ShowProp(task, "ExecutionRoleArn"), "{parent/ClusterStack:ECSTaskExecutionRole}");
  EXPECT_EQ(ShowProp(task, "ContainerDefinitions.0.Image"),
            "<?parameter ImageUri has no value (give --parameter parent.ImageUri=VALUE)>");
}

TEST(CfnCorpus, ServiceStackImportsFromItsNetworkStack) {
  FD_SKIP_WITHOUT_CORPUS(kDir, kWhat);
  // The service templates import "${StackName}:Name" with StackName defaulting to production.
  const Templates t = ReadCorpus({"production=aws-cloudformation-fargate/public-vpc.yml",
                                  "aws-cloudformation-fargate/public-subnet-public-loadbalancer.yml"});
  const StackResource* svc = FindResource(t, "public-subnet-public-loadbalancer", "Service");
  ASSERT_NE(svc, nullptr);
  EXPECT_EQ(ShowProp(svc, "Cluster"), "{production:ECSCluster}");
  EXPECT_EQ(ShowProp(svc, "NetworkConfiguration.AwsvpcConfiguration.Subnets"),
            "[{production:PublicSubnetOne}, {production:PublicSubnetTwo}]");
  EXPECT_EQ(ShowProp(svc, "NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp"),
            "\"ENABLED\"");
  EXPECT_EQ(Notes(t).find("is not in the templates read"), std::string::npos) << Notes(t);
}

TEST(CfnCorpus, CdkAssembliesRead) {
  FD_SKIP_WITHOUT_CORPUS(kDir, kWhat);
  const std::string dir = CorpusPath(
      std::string(kDir) + "/aws-cdk/integ.queue-processing-fargate-service-isolated.js.snapshot");
  ASSERT_TRUE(IsCloudAssembly(dir));
  auto a = ReadCloudAssembly(dir);
  ASSERT_TRUE(a) << a.error().message;
  // The integ test's DeployAssert stack template was not copied into the corpus.
  ASSERT_EQ(a->stacks.size(), 1u);
  EXPECT_EQ(a->notes.size(), 1u);
  auto t = ReadTemplates(a->stacks, Options{});
  ASSERT_TRUE(t) << t.error().message;
  std::size_t private_dns = 0;
  for (const StackResource& r : t->stacks[0].resources) {
    if (r.resource.type != "AWS::EC2::VPCEndpoint") continue;
    EXPECT_FALSE(r.cdk_path.empty()) << r.resource.id;
    if (const Value* v = r.resource.properties.Find("PrivateDnsEnabled"); v && Show(*v) == "true")
      ++private_dns;
  }
  EXPECT_EQ(private_dns, 4u);  // sqs, ecr.api, ecr.dkr, logs
}

}  // namespace
}  // namespace fd::predeploy::cfn
