// The layers a template declares beside the roles: a KMS key (its state and policy), a secret's
// and a repository's resource policies, an EFS access point. On a design where each admits the
// start (tests/predeploy/cloudformation/secret-key-efs.yaml), each edit that breaks one layer
// gets that layer's code, located at the logical ID to change.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "testing/cfn_model.h"

namespace fd::predeploy::cfn {
namespace {

using fd::testing::CfnFiles;
using fd::testing::Describe;
using fd::testing::DiagnoseCfn;
using fd::testing::Edit;
using fd::testing::FindingsOf;

std::string Design() {
  std::ifstream in(std::string(FD_SOURCE_DIR) + "/tests/predeploy/cloudformation/secret-key-efs.yaml");
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_FALSE(text.str().empty());
  return text.str();
}

fd::testing::CfnDiagnosis Diagnose(const std::string& text) {
  CfnFiles files;
  files.Write("app.yaml", text);
  return DiagnoseCfn(files, {"app.yaml"});
}

// The findings of `code`, each located at `logical_id`; at least one.
void ExpectAt(const fd::testing::CfnDiagnosis& d, const std::string& code, const std::string& logical_id) {
  auto found = FindingsOf(d.report, code);
  ASSERT_FALSE(found.empty()) << code << " expected\n" << Describe(d);
  for (const report::Finding* f : found) {
    ASSERT_TRUE(f->location.has_value()) << Describe(d);
    EXPECT_EQ(f->location->declared_id, logical_id) << Describe(d);
  }
}

void ExpectNone(const fd::testing::CfnDiagnosis& d, const std::string& code) {
  EXPECT_TRUE(FindingsOf(d.report, code).empty()) << code << " not expected\n" << Describe(d);
  for (const report::Unchecked& u : d.report.unchecked) EXPECT_NE(u.check, code) << u.reason;
}

TEST(CfnPolicies, EveryLayerTheDesignDeclaresAdmitsTheStart) {
  auto d = Diagnose(Design());
  ASSERT_EQ(d.report.targets.size(), 1u) << Describe(d);
  // STO002: the mount target is in its subnet's zone, the task subnet's.
  for (const char* code : {"IAM011", "IAM012", "IAM013", "STO002", "STO006", "SEC001"}) ExpectNone(d, code);
}

TEST(CfnPolicies, ADisabledKeyIsIam012AtTheKey) {
  auto d = Diagnose(Edit(Design(), "    Type: AWS::KMS::Key\n    Properties:\n",
                         "    Type: AWS::KMS::Key\n    Properties:\n      Enabled: false\n"));
  ExpectAt(d, "IAM012", "Key");
}

TEST(CfnPolicies, AKeyPolicyWithoutTheAccountOrTheRoleIsIam012) {
  auto d = Diagnose(Edit(Design(), R"(Principal: {AWS: !Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"})",
                         R"(Principal: {AWS: "arn:aws:iam::111122223333:role/admin"})"));
  ExpectAt(d, "IAM012", "Key");
}

TEST(CfnPolicies, AKeyWithoutAPolicyHasTheDefaultOneThatDefersToIam) {
  const std::string design = Design();
  const auto from = design.find("      KeyPolicy:");
  const auto to = design.find("  KeyAlias:");
  ASSERT_TRUE(from != std::string::npos && to != std::string::npos);
  auto d = Diagnose(design.substr(0, from) + "      Description: default policy\n" + design.substr(to));
  ExpectNone(d, "IAM012");
}

TEST(CfnPolicies, ASecretPolicyDenyingTheRoleIsIam013) {
  auto d = Diagnose(Edit(Design(), "          - Effect: Allow\n            Principal: {AWS: !GetAtt ExecutionRole.Arn}\n"
                                   "            Action: secretsmanager:GetSecretValue",
                         "          - Effect: Deny\n            Principal: {AWS: !GetAtt ExecutionRole.Arn}\n"
                         "            Action: secretsmanager:GetSecretValue"));
  ExpectAt(d, "IAM013", "Secret");
}

TEST(CfnPolicies, ARepositoryPolicyDenyingThePullIsIam011) {
  auto d = Diagnose(Edit(Design(), "          - Effect: Allow\n            Principal: {AWS: !GetAtt ExecutionRole.Arn}\n"
                                   "            Action: [ecr:BatchGetImage",
                         "          - Effect: Deny\n            Principal: {AWS: !GetAtt ExecutionRole.Arn}\n"
                         "            Action: [ecr:BatchGetImage"));
  ExpectAt(d, "IAM011", "Repository");
}

TEST(CfnPolicies, AnAccessPointRootWithoutCreationInfoIsSto006AtTheAccessPoint) {
  auto d = Diagnose(Edit(Design(), "        CreationInfo: {OwnerUid: \"1000\", OwnerGid: \"1000\", Permissions: \"0750\"}\n", ""));
  ExpectAt(d, "STO006", "AccessPoint");
}

TEST(CfnPolicies, AnAccessPointOfAnotherFileSystemIsSto006) {
  auto d = Diagnose(Edit(Design(), "      FileSystemId: !Ref FileSystem\n      RootDirectory:",
                         "      FileSystemId: fs-0123456789abcdef0\n      RootDirectory:"));
  EXPECT_FALSE(FindingsOf(d.report, "STO006").empty()) << Describe(d);
}

}  // namespace
}  // namespace fd::predeploy::cfn
