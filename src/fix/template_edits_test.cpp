// Every kind of step has a template form or says it has none, in both template languages. The
// renderers dispatch with one overload per kind and no catch-all, so a new kind of step does
// not compile until both give it a rendering; these tests enumerate every alternative of
// fix::Step and check each edit is a well-formed document (YAML; HCL when terraform is here).
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <set>
#include <utility>

#include "fix/cloudformation.h"
#include "fix/terraform.h"
#include "testing/shell.h"

namespace fd::fix {
namespace {

template <size_t... I>
std::vector<Step> EveryKind(std::index_sequence<I...>) {
  return {Step(std::in_place_index<I>)...};
}
const std::vector<Step>& Every() {
  static const std::vector<Step> every = EveryKind(std::make_index_sequence<std::variant_size_v<Step>>());
  return every;
}

/// Kinds that are no change of a template: a read, an action on the account (a quota, a
/// restore, an image's storage class, a standalone task), or a value that must stay out of
/// templates (a secret, upstream credentials), or a policy of the organization.
bool NoTemplateForm(const Step& s) {
  return std::holds_alternative<Read>(s) || std::holds_alternative<RunTask>(s) ||
         std::holds_alternative<ImageStorageClass>(s) || std::holds_alternative<PullThroughCacheCredential>(s) ||
         std::holds_alternative<Secret>(s) || std::holds_alternative<SecretRestore>(s) ||
         std::holds_alternative<QuotaIncrease>(s) || std::holds_alternative<OrganizationPolicy>(s);
}

TEST(FixTemplateEdits, EveryKindIsCloudFormationYamlOrSaysItHasNone) {
  ASSERT_EQ(Every().size(), std::variant_size_v<Step>);
  for (const Step& s : Every()) {
    const std::string text = CloudFormationEdits({}).Edit(s);
    SCOPED_TRACE("kind " + std::to_string(s.index()) + ":\n" + text);
    ASSERT_FALSE(text.empty());
    EXPECT_EQ(text.front(), '#');  // every edit says where it goes
    EXPECT_NO_THROW(YAML::Load(text));
    EXPECT_EQ(text.rfind("# no CloudFormation equivalent: run\n#   aws ", 0) == 0, NoTemplateForm(s));
  }
}

TEST(FixTemplateEdits, EveryKindIsTerraformOrSaysItHasNone) {
  for (const Step& s : Every()) {
    const std::string text = TerraformEdits({}).Edit(s);
    SCOPED_TRACE("kind " + std::to_string(s.index()) + ":\n" + text);
    ASSERT_FALSE(text.empty());
    EXPECT_EQ(text.front(), '#');
    EXPECT_EQ(text.rfind("# no Terraform equivalent: run\n#   aws ", 0) == 0, NoTemplateForm(s));
  }
}

TEST(FixTemplateEdits, EveryTerraformEditIsWhatTerraformFmtWrites) {
  if (testing::Shell("command -v terraform >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "SKIPPED LOUDLY: terraform is not on PATH, so the HCL of the edits is not parsed here";
  const std::string file = ::testing::TempDir() + "/fd-edit.tf";
  for (const Step& s : Every()) {
    const std::string text = TerraformEdits({}).Edit(s);
    std::ofstream(file) << text << "\n";
    std::string out;
    // fmt parses the file (exit 2 on a syntax error) and -check fails on any other layout.
    EXPECT_EQ(testing::Shell("terraform fmt -check -diff " + testing::Quote(file) + " 2>&1", &out), 0)
        << text << "\n" << out;
  }
}

TEST(FixTemplateEdits, NamesOfNewResourcesAreCamelOrSnakeWords) {
  EXPECT_EQ(CamelCase("fargate-vpc-endpoints"), "FargateVpcEndpoints");
  EXPECT_EQ(CamelCase("/ecs/api"), "EcsApi");
  EXPECT_EQ(SnakeCase("ecr.api"), "ecr_api");
  EXPECT_EQ(SnakeCase("PrivateSubnet 1"), "privatesubnet_1");
  EXPECT_EQ(EndpointService("com.amazonaws.eu-west-1.ecr.dkr"), "ecr.dkr");
  EXPECT_EQ(EndpointService("aws.sagemaker.eu-west-1.notebook"), "aws.sagemaker.eu-west-1.notebook");
}

TEST(FixTemplateEdits, ShorthandIsItemsOfPairs) {
  const auto items = ParseShorthand("capacityProvider=FARGATE,weight=1 capacityProvider=FARGATE_SPOT,base=2");
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0], (ShorthandItem{{"capacityProvider", "FARGATE"}, {"weight", "1"}}));
  EXPECT_EQ(items[1], (ShorthandItem{{"capacityProvider", "FARGATE_SPOT"}, {"base", "2"}}));
}

}  // namespace
}  // namespace fd::fix
