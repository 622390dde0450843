// The real plans of ../shared/corpus/terraform (README.md there says what each holds): every one
// reads without error, and the facts their designs hold come out of the reader.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "predeploy/tf/plan.h"
#include "testing/shared_corpus.h"
#include "testing/tf_plan.h"

namespace fd::predeploy::tf {
namespace {

using fd::testing::CorpusPath;
using fd::testing::ReadCorpus;
using testing::DumpPlan;
using testing::FindIn;

constexpr const char* kWhat = "reading the corpus Terraform plans";

Plan Read(const std::string& rel) {
  auto plan = ReadPlan(ReadCorpus(rel), rel);
  EXPECT_TRUE(plan) << plan.error().message;
  return plan ? std::move(*plan) : Plan{};
}

const Value* Attr(const Plan& plan, std::string_view id, const std::string& attribute) {
  const Resource* r = FindIn(plan.resources, id);
  EXPECT_NE(r, nullptr) << id;
  return r != nullptr ? r->properties.Find(attribute) : nullptr;
}

ResourceRef RefAt(const Plan& plan, std::string_view id, const std::string& attribute) {
  const Value* v = Attr(plan, id, attribute);
  EXPECT_TRUE(v != nullptr && v->AsRef() != nullptr) << id << " " << attribute;
  return v != nullptr && v->AsRef() != nullptr ? *v->AsRef() : ResourceRef{};
}

TEST(TerraformCorpus, EveryPlanReadsWithoutErrorAndIsRecognised) {
  FD_SKIP_WITHOUT_CORPUS("terraform", kWhat);
  int plans = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(CorpusPath("terraform"))) {
    if (entry.path().extension() != ".json") continue;
    const std::string rel =
        "terraform" + entry.path().string().substr(CorpusPath("terraform").size());
    const std::string text = ReadCorpus(rel);
    auto plan = ReadPlan(text, rel);
    ASSERT_TRUE(plan) << plan.error().message;
    EXPECT_FALSE(plan->resources.empty()) << rel;
    // checkov's hand-trimmed plan names no versions, so it is not recognised as a plan by content.
    EXPECT_EQ(IsTerraformPlan(std::string_view(text)), !plan->format_version.empty()) << rel;
    ++plans;
  }
  EXPECT_EQ(plans, 6);
}

TEST(TerraformCorpus, TheVpcModulePlanResolvesRoutesToTheirGatewaysInsideTheModule) {
  FD_SKIP_WITHOUT_CORPUS("terraform/terraform-compliance/test_issue-158", kWhat);
  const Plan plan = Read("terraform/terraform-compliance/test_issue-158/plan.out.json");
  EXPECT_EQ(plan.format_version, "0.1");
  EXPECT_EQ(plan.terraform_version, "0.12.8");
  EXPECT_EQ(plan.resources.size(), 29u);
  for (const Resource& r : plan.resources) EXPECT_EQ(r.source, "module.vpc") << r.id;
  EXPECT_EQ(*Attr(plan, "module.vpc.aws_subnet.public[1]", "cidr_block")->AsString(),
            "10.0.102.0/24");
  EXPECT_EQ(std::get<bool>(
                Attr(plan, "module.vpc.aws_subnet.public[1]", "map_public_ip_on_launch")->data),
            true);
  // Terraform 0.12 lists the resource referenced, not its attribute: the attribute stays "".
  EXPECT_EQ(RefAt(plan, "module.vpc.aws_route.public_internet_gateway[0]", "gateway_id"),
            (ResourceRef{"module.vpc", "module.vpc.aws_internet_gateway.this[0]", ""}));
  EXPECT_EQ(RefAt(plan, "module.vpc.aws_route.public_internet_gateway[0]", "route_table_id"),
            (ResourceRef{"module.vpc", "module.vpc.aws_route_table.public[0]", ""}));
  // `element(aws_nat_gateway.this.*.id, count.index)`: listed as the NAT gateways and
  // count.index, so each route reads the gateway and table of its own index, by ID.
  EXPECT_EQ(RefAt(plan, "module.vpc.aws_route.private_nat_gateway[0]", "nat_gateway_id"),
            (ResourceRef{"module.vpc", "module.vpc.aws_nat_gateway.this[0]", "id"}));
  EXPECT_EQ(RefAt(plan, "module.vpc.aws_route.private_nat_gateway[0]", "route_table_id"),
            (ResourceRef{"module.vpc", "module.vpc.aws_route_table.private[0]", "id"}));
  EXPECT_EQ(RefAt(plan, "module.vpc.aws_route_table_association.private[2]", "subnet_id"),
            (ResourceRef{"module.vpc", "module.vpc.aws_subnet.private[2]", "id"}));
  // `element(aws_route_table.private.*.id, var.single_nat_gateway ? 0 : count.index)`: the
  // index depends on a variable too, so it stays unknown.
  EXPECT_TRUE(
      Attr(plan, "module.vpc.aws_route_table_association.private[2]", "route_table_id")->IsUnknown());
}

TEST(TerraformCorpus, TheNetworkAclPlanReferencesItsCountedSubnetsAsAWhole) {
  FD_SKIP_WITHOUT_CORPUS("terraform/terraform-compliance/test_issue-514", kWhat);
  const Plan plan = Read("terraform/terraform-compliance/test_issue-514/plan.out.json");
  EXPECT_EQ(plan.resources.size(), 4u);
  const std::string acl = "module.vpc_module.aws_network_acl.vpc_subnet_acl";
  EXPECT_EQ(RefAt(plan, acl, "subnet_ids"),
            (ResourceRef{"module.vpc_module", "module.vpc_module.aws_subnet.vpc_subnet", ""}));
  EXPECT_EQ(RefAt(plan, acl, "vpc_id"),
            (ResourceRef{"module.vpc_module", "module.vpc_module.aws_vpc.vpc", ""}));
  EXPECT_TRUE(Attr(plan, acl, "ingress")->IsUnknown());
  EXPECT_EQ(*Attr(plan, "module.vpc_module.aws_vpc.vpc", "cidr_block")->AsString(),
            "172.16.0.0/24");
}

TEST(TerraformCorpus, TheTerraGoatPlanKeepsItsDataSourcesAndRouteReferences) {
  FD_SKIP_WITHOUT_CORPUS("terraform/checkov/runner-plan", kWhat);
  const Plan plan = Read("terraform/checkov/runner-plan/tfplan.json");
  const Resource* caller = FindIn(plan.resources, "data.aws_caller_identity.current");
  ASSERT_NE(caller, nullptr);
  EXPECT_TRUE(caller->existing);
  EXPECT_EQ(*caller->properties.Find("account_id")->AsString(), "123456789123");
  EXPECT_EQ(RefAt(plan, "aws_route.public_internet_gateway", "gateway_id"),
            (ResourceRef{"", "aws_internet_gateway.web_igw", ""}));
  EXPECT_EQ(RefAt(plan, "aws_route_table_association.rtbassoc2", "subnet_id"),
            (ResourceRef{"", "aws_subnet.web_subnet2", ""}));
  EXPECT_EQ(RefAt(plan, "aws_subnet.eks_subnet1", "vpc_id"),
            (ResourceRef{"", "aws_vpc.eks_vpc", ""}));
  EXPECT_EQ(*Attr(plan, "aws_subnet.eks_subnet1", "cidr_block")->AsString(), "10.10.10.0/24");
  // Inline rules stay a list of maps: web-node's ingress on 22 and 80.
  const List* ingress = Attr(plan, "aws_security_group.web-node", "ingress")->AsList();
  ASSERT_NE(ingress, nullptr);
  EXPECT_EQ(ingress->size(), 2u);
  EXPECT_FALSE(FindIn(plan.resources, "aws_instance.web_host")->existing);
}

TEST(TerraformCorpus, AValueMarkedSensitiveInARealPlanIsNowhereInTheResult) {
  FD_SKIP_WITHOUT_CORPUS("terraform/checkov/runner-plan", kWhat);
  nlohmann::json doc =
      nlohmann::json::parse(ReadCorpus("terraform/checkov/runner-plan/tfplan.json"));
  std::string secret;
  for (auto& r : doc["planned_values"]["root_module"]["resources"])
    if (r["address"] == "aws_instance.web_host") {
      secret = r["values"]["user_data"].get<std::string>();
      r["sensitive_values"] = {{"user_data", true}};
    }
  ASSERT_EQ(secret.size(), 40u);  // the SHA-1 Terraform keeps of user_data
  ASSERT_NE(DumpPlan(Read("terraform/checkov/runner-plan/tfplan.json")).find(secret),
            std::string::npos)
      << "the value is read when not marked";
  auto plan = ReadPlan(doc.dump(1), "marked.json");
  ASSERT_TRUE(plan);
  EXPECT_EQ(DumpPlan(*plan).find(secret), std::string::npos);
}

TEST(TerraformCorpus, HashiCorpsFixtureReadsModulesCountAndAReferenceToAnAttribute) {
  FD_SKIP_WITHOUT_CORPUS("terraform/terraform-json/120_basic", kWhat);
  const Plan plan = Read("terraform/terraform-json/120_basic/plan.json");
  EXPECT_EQ(plan.format_version, "1.1");
  EXPECT_NE(FindIn(plan.resources, "null_resource.baz[2]"), nullptr);
  EXPECT_EQ(FindIn(plan.resources, "module.foo.null_resource.aliased")->source, "module.foo");
  EXPECT_EQ(RefAt(plan, "null_resource.bar", "triggers"),
            (ResourceRef{"", "null_resource.foo", "id"}));
  EXPECT_EQ(plan.resources.size(), 7u);
}

TEST(TerraformCorpus, TheTrimmedPlansReadWithWhatTheyHold) {
  FD_SKIP_WITHOUT_CORPUS("terraform/checkov", kWhat);
  const Plan ecs = Read("terraform/checkov/image_referencer-ecs/ecs_tfplan.json");
  const Value* defs = Attr(ecs, "aws_ecs_task_definition.service", "container_definitions");
  ASSERT_NE(defs, nullptr);
  ASSERT_NE(defs->AsString(), nullptr);  // a JSON string, read as written
  EXPECT_NE(defs->AsString()->find("python:3.9-alpine"), std::string::npos);
  EXPECT_TRUE(Attr(ecs, "aws_ecs_task_definition.service", "execution_role_arn")->IsNull());

  const Plan endpoint = Read("terraform/checkov/plan_vpc_endpoint/tfplan.json");
  ASSERT_EQ(endpoint.notes.size(), 1u);  // no format_version
  EXPECT_NE(Attr(endpoint, "aws_vpc_endpoint.test", "policy")->AsString(), nullptr);
}

}  // namespace
}  // namespace fd::predeploy::tf
