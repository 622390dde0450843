// Classify: what a `diagnose` argument holds is told by its content (a Terraform plan, a
// CloudFormation template in YAML or JSON, a CDK assembly), never by its name; everything else
// is a snapshot, which ingest reads (and rejects with its own error when it is not one).
#include "predeploy/load.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace fd::predeploy {
namespace {

const std::string kSource = FD_SOURCE_DIR;

std::string Write(const std::string& name, const std::string& text) {
  const std::string path = ::testing::TempDir() + "/fd-classify-" + name;
  std::ofstream(path) << text;
  return path;
}

TEST(ClassifyTest, APlanIsToldByItsContentWhateverItsName) {
  EXPECT_EQ(Classify(kSource + "/tests/predeploy/terraform/fargate_private.plan.json"), InputKind::kTerraformPlan);
  std::ifstream in(kSource + "/tests/predeploy/terraform/fargate_private.plan.json");
  const std::string text((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(Classify(Write("plan.txt", text)), InputKind::kTerraformPlan);
}

TEST(ClassifyTest, TemplatesInYamlAndJsonAreCloudFormation) {
  EXPECT_EQ(Classify(Write("t.txt", "Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: !Ref Cidr\n")),
            InputKind::kCloudFormation);
  EXPECT_EQ(Classify(Write("t.json", R"({"Resources": {"Vpc": {"Type": "AWS::EC2::VPC"}}})")),
            InputKind::kCloudFormation);
  EXPECT_EQ(Classify(Write("v.json", R"({"AWSTemplateFormatVersion": "2010-09-09"})")), InputKind::kCloudFormation);
  // A stack name makes an argument a template even when its content does not say so yet.
  EXPECT_EQ(Classify("network=" + Write("n.yaml", "Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n")),
            InputKind::kCloudFormation);
}

TEST(ClassifyTest, SnapshotsStaySnapshots) {
  EXPECT_EQ(Classify(kSource + "/examples/demo"), InputKind::kSnapshot);
  EXPECT_EQ(Classify(Write("s.json", R"({"Subnets": [{"SubnetId": "subnet-1", "VpcId": "vpc-1"}]})")),
            InputKind::kSnapshot);
  // A JSON object with a Resources member that is not a template's (Batfish, other tools).
  EXPECT_EQ(Classify(Write("r.json", R"({"Resources": [{"Type": "x"}]})")), InputKind::kSnapshot);
  EXPECT_EQ(Classify(Write("bad.json", "{ not json")), InputKind::kSnapshot);  // ingest says where
  EXPECT_EQ(Classify(kSource + "/no/such/file.json"), InputKind::kSnapshot);
}

TEST(ClassifyTest, AFolderWithAManifestIsACdkAssembly) {
  const std::string dir = ::testing::TempDir() + "/fd-classify-cdk.out";
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/manifest.json") << R"({"version": "38.0.1", "artifacts": {}})";
  EXPECT_EQ(Classify(dir), InputKind::kCdkAssembly);
}

// `collect` writes a manifest.json of its own into a snapshot folder: that folder stays a snapshot.
TEST(ClassifyTest, ASnapshotFolderWithItsOwnManifestStaysASnapshot) {
  const std::string dir = ::testing::TempDir() + "/fd-classify-snapshot";
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/manifest.json") << R"({"schema": "fargate-doctor/snapshot/v1", "calls": []})";
  EXPECT_EQ(Classify(dir), InputKind::kSnapshot);
}

}  // namespace
}  // namespace fd::predeploy
