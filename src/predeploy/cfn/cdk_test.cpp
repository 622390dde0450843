#include "predeploy/cfn/cdk.h"

#include <gtest/gtest.h>

#include "testing/cfn_fixture.h"

namespace fd::predeploy::cfn {
namespace {

using fd::testing::CfnFiles;

TEST(CfnCdk, ReadsStacksEnvironmentsDependenciesAndConstructPaths) {
  CfnFiles files;
  files.Write("cdk.out/manifest.json", R"({
  "version": "38.0.1",
  "artifacts": {
    "Net.assets": {"type": "cdk:asset-manifest", "properties": {"file": "Net.assets.json"}},
    "Net": {
      "type": "aws:cloudformation:stack",
      "environment": "aws://123456789012/eu-west-1",
      "properties": {"templateFile": "Net.template.json", "stackName": "prod-net"},
      "dependencies": ["Net.assets"],
      "metadata": {"/Net/Vpc/Resource": [{"type": "aws:cdk:logicalId", "data": "Vpc8378EB38"}]}
    },
    "App": {
      "type": "aws:cloudformation:stack",
      "environment": "aws://unknown-account/unknown-region",
      "properties": {"templateFile": "App.template.json"},
      "dependencies": ["Net"]
    },
    "Gone": {"type": "aws:cloudformation:stack", "properties": {"templateFile": "Gone.template.json"}},
    "Stage": {"type": "cdk:cloud-assembly", "properties": {"directoryName": "assembly-Stage"}}
  }
})");
  files.Write("cdk.out/Net.template.json",
              R"({"Resources": {"Vpc8378EB38": {"Type": "AWS::EC2::VPC"}}})");
  files.Write("cdk.out/App.template.json",
              R"({"Resources": {"Svc": {"Type": "AWS::ECS::Service",
                  "Metadata": {"aws:cdk:path": "App/Svc/Resource"}}}})");
  files.Write("cdk.out/assembly-Stage/manifest.json", R"({"artifacts": {"S": {
      "type": "aws:cloudformation:stack", "properties": {"templateFile": "S.template.json"}}}})");
  files.Write("cdk.out/assembly-Stage/S.template.json", R"({"Resources": {"Q": {"Type": "T"}}})");

  EXPECT_TRUE(IsCloudAssembly(files.Path("cdk.out")));
  EXPECT_TRUE(IsCloudAssembly(files.Path("cdk.out/manifest.json")));
  EXPECT_FALSE(IsCloudAssembly(files.Path("cdk.out/Net.template.json")));
  auto a = ReadCloudAssembly(files.Path("cdk.out"));
  ASSERT_TRUE(a) << a.error().message;
  ASSERT_EQ(a->stacks.size(), 3u);
  const TemplateInput& net = a->stacks[0];
  EXPECT_EQ(net.stack, "prod-net");
  EXPECT_EQ(net.account, "123456789012");
  EXPECT_EQ(net.region, "eu-west-1");
  EXPECT_TRUE(net.dependencies.empty());  // an asset manifest is not a stack
  EXPECT_EQ(net.cdk_paths.at("Vpc8378EB38"), "Net/Vpc/Resource");
  const TemplateInput& app = a->stacks[1];
  EXPECT_EQ(app.stack, "App");
  EXPECT_EQ(app.region, "");
  EXPECT_EQ(app.dependencies, std::vector<std::string>{"prod-net"});
  EXPECT_EQ(a->stacks[2].stack, "S");
  ASSERT_EQ(a->notes.size(), 1u);
  EXPECT_NE(a->notes[0].message.find("stack Gone: its template"), std::string::npos);

  Options o;
  o.region = "us-east-1";  // the assembly's own environment wins for Net
  auto t = ReadTemplates(a->stacks, o);
  ASSERT_TRUE(t) << t.error().message;
  EXPECT_EQ(t->stacks[0].region, "eu-west-1");
  EXPECT_EQ(t->stacks[1].region, "us-east-1");
  EXPECT_EQ(t->stacks[0].resources[0].cdk_path, "Net/Vpc/Resource");
  EXPECT_EQ(t->stacks[1].resources[0].cdk_path, "App/Svc/Resource");
  EXPECT_EQ(t->stacks[1].dependencies, std::vector<std::string>{"prod-net"});
}

TEST(CfnCdk, AManifestWithoutArtifactsIsAnError) {
  CfnFiles files;
  files.Write("m/manifest.json", R"({"version": "1"})");
  auto a = ReadCloudAssembly(files.Path("m"));
  ASSERT_FALSE(a);
  EXPECT_NE(a.error().message.find("has an artifacts map"), std::string::npos);
}

}  // namespace
}  // namespace fd::predeploy::cfn
