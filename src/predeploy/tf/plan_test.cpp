#include "predeploy/tf/plan.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "predeploy/tf/values.h"
#include "testing/tf_plan.h"

namespace fd::predeploy::tf {
namespace {

using testing::DumpPlan;
using testing::FindIn;

// A plan in HashiCorp's documented format (terraform show -json, format 1.2): a VPC, two counted
// subnets, a module `net` with a for_each subnet whose VPC comes in through `var.vpc_id` and
// whose ID goes out through `output.subnet_id`, a service whose network_configuration is a nested
// block, a sensitive task definition, a destroyed and a replaced instance, and a data source the
// plan read.
constexpr const char* kPlan = R"json({
  "format_version": "1.2",
  "terraform_version": "1.9.5",
  "planned_values": {
    "root_module": {
      "resources": [
        {"address": "aws_vpc.main", "mode": "managed", "type": "aws_vpc", "name": "main",
         "values": {"cidr_block": "10.0.0.0/16", "enable_dns_support": true},
         "sensitive_values": {}},
        {"address": "aws_subnet.a[0]", "mode": "managed", "type": "aws_subnet", "name": "a",
         "index": 0, "values": {"cidr_block": "10.0.0.0/24", "map_public_ip_on_launch": false}},
        {"address": "aws_subnet.a[1]", "mode": "managed", "type": "aws_subnet", "name": "a",
         "index": 1, "values": {"cidr_block": "10.0.1.0/24", "map_public_ip_on_launch": false}},
        {"address": "aws_security_group.web", "mode": "managed", "type": "aws_security_group",
         "name": "web", "values": {"ingress": [{"from_port": 443, "to_port": 443, "protocol": "tcp",
         "cidr_blocks": ["10.0.0.0/16"]}], "egress": []}},
        {"address": "aws_ecs_service.app", "mode": "managed", "type": "aws_ecs_service",
         "name": "app", "values": {"network_configuration": [{"assign_public_ip": false}]}},
        {"address": "aws_ecs_task_definition.app", "mode": "managed",
         "type": "aws_ecs_task_definition", "name": "app",
         "values": {"family": "app", "container_definitions": "[{\"environment\":[{\"value\":\"hunter2-in-values\"}]}]",
                    "tags": {"Owner": "ops", "Token": "hunter2-in-tags"}},
         "sensitive_values": {"container_definitions": true, "tags": {}}},
        {"address": "aws_instance.replaced", "mode": "managed", "type": "aws_instance",
         "name": "replaced", "values": {"instance_type": "t3.micro"}},
        {"address": "aws_route_table_association.b", "mode": "managed",
         "type": "aws_route_table_association", "name": "b", "values": {}}
      ],
      "child_modules": [
        {"address": "module.net", "resources": [
          {"address": "module.net.aws_subnet.b[\"x\"]", "mode": "managed", "type": "aws_subnet",
           "name": "b", "index": "x", "values": {"cidr_block": "10.0.2.0/24"}}
        ]}
      ]
    }
  },
  "resource_changes": [
    {"address": "aws_vpc.main", "mode": "managed", "type": "aws_vpc", "name": "main",
     "change": {"actions": ["create"], "before": null, "after": {"cidr_block": "10.0.0.0/16"},
                "after_unknown": {"id": true, "arn": true}, "after_sensitive": {}}},
    {"address": "aws_subnet.a[0]", "mode": "managed", "type": "aws_subnet", "name": "a", "index": 0,
     "change": {"actions": ["create"], "after_unknown": {"id": true, "vpc_id": true,
                "availability_zone": true}}},
    {"address": "aws_subnet.a[1]", "mode": "managed", "type": "aws_subnet", "name": "a", "index": 1,
     "change": {"actions": ["create"], "after_unknown": {"id": true, "vpc_id": true}}},
    {"address": "aws_ecs_service.app", "mode": "managed", "type": "aws_ecs_service", "name": "app",
     "change": {"actions": ["create"], "after_unknown": {"id": true,
                "network_configuration": [{"security_groups": true, "subnets": true}]}}},
    {"address": "aws_ecs_task_definition.app", "mode": "managed",
     "type": "aws_ecs_task_definition", "name": "app",
     "change": {"actions": ["create"], "after_unknown": {"arn": true},
                "after_sensitive": {"container_definitions": true, "tags": {"Token": true}}}},
    {"address": "aws_instance.old", "mode": "managed", "type": "aws_instance", "name": "old",
     "change": {"actions": ["delete"], "before": {"id": "i-0123", "password": "hunter2-before"},
                "after": null, "before_sensitive": {"password": true}}},
    {"address": "aws_instance.replaced", "mode": "managed", "type": "aws_instance",
     "name": "replaced", "change": {"actions": ["delete", "create"], "after_unknown": {"id": true}}},
    {"address": "aws_route_table_association.b", "mode": "managed",
     "type": "aws_route_table_association", "name": "b",
     "change": {"actions": ["create"], "after_unknown": {"id": true, "subnet_id": true}}},
    {"address": "module.net.aws_subnet.b[\"x\"]", "module_address": "module.net",
     "mode": "managed", "type": "aws_subnet", "name": "b", "index": "x",
     "change": {"actions": ["create"], "after_unknown": {"id": true, "vpc_id": true}}}
  ],
  "prior_state": {
    "format_version": "1.0",
    "values": {"root_module": {"resources": [
      {"address": "data.aws_vpc.shared", "mode": "data", "type": "aws_vpc", "name": "shared",
       "values": {"id": "vpc-0abc", "cidr_block": "10.9.0.0/16"}, "sensitive_values": {}}
    ]}}
  },
  "configuration": {
    "root_module": {
      "resources": [
        {"address": "aws_vpc.main", "mode": "managed", "type": "aws_vpc", "name": "main",
         "expressions": {"cidr_block": {"constant_value": "10.0.0.0/16"}}},
        {"address": "aws_subnet.a", "mode": "managed", "type": "aws_subnet", "name": "a",
         "expressions": {
           "vpc_id": {"references": ["aws_vpc.main.id", "aws_vpc.main"]},
           "availability_zone": {"references": ["data.aws_availability_zones.all.names",
                                                "data.aws_availability_zones.all", "count.index"]}},
         "count_expression": {"constant_value": 2}},
        {"address": "aws_ecs_service.app", "mode": "managed", "type": "aws_ecs_service",
         "name": "app", "expressions": {"network_configuration": [{
           "security_groups": {"references": ["aws_security_group.web.id", "aws_security_group.web"]},
           "subnets": {"references": ["aws_subnet.a[0].id", "aws_subnet.a[0]", "aws_subnet.a",
                                      "aws_subnet.a[1].id", "aws_subnet.a[1]"]}}]}},
        {"address": "aws_security_group.web", "mode": "managed", "type": "aws_security_group",
         "name": "web", "expressions": {}},
        {"address": "aws_route_table_association.b", "mode": "managed",
         "type": "aws_route_table_association", "name": "b",
         "expressions": {"subnet_id": {"references": ["module.net.subnet_id", "module.net"]}}}
      ],
      "module_calls": {
        "net": {
          "source": "./net",
          "expressions": {"vpc_id": {"references": ["aws_vpc.main.id", "aws_vpc.main"]}},
          "module": {
            "outputs": {"subnet_id": {"expression": {"references": [
              "aws_subnet.b[\"x\"].id", "aws_subnet.b[\"x\"]", "aws_subnet.b"]}}},
            "resources": [
              {"address": "aws_subnet.b", "mode": "managed", "type": "aws_subnet", "name": "b",
               "expressions": {"vpc_id": {"references": ["var.vpc_id"]}},
               "for_each_expression": {"constant_value": {"x": "10.0.2.0/24"}}}
            ],
            "variables": {"vpc_id": {}}
          }
        }
      }
    }
  }
})json";

class PlanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto read = ReadPlan(kPlan, "plan.json");
    ASSERT_TRUE(read) << read.error().message;
    plan_ = std::move(*read);
  }
  const Resource& Get(std::string_view id) {
    const Resource* r = FindIn(plan_.resources, id);
    EXPECT_NE(r, nullptr) << id;
    static const Resource kNone;
    return r != nullptr ? *r : kNone;
  }
  Plan plan_;
};

TEST_F(PlanTest, ReadsVersionsAndEveryPlannedResourceInPlanOrder) {
  EXPECT_EQ(plan_.format_version, "1.2");
  EXPECT_EQ(plan_.terraform_version, "1.9.5");
  std::vector<std::string> ids;
  for (const Resource& r : plan_.resources) ids.push_back(r.id);
  EXPECT_EQ(ids, (std::vector<std::string>{
                     "aws_vpc.main", "aws_subnet.a[0]", "aws_subnet.a[1]", "aws_security_group.web",
                     "aws_ecs_service.app", "aws_ecs_task_definition.app", "aws_instance.replaced",
                     "aws_route_table_association.b", "module.net.aws_subnet.b[\"x\"]",
                     "data.aws_vpc.shared"}));
  EXPECT_TRUE(plan_.notes.empty());
}

TEST_F(PlanTest, AResourceIsPlacedAtItsEntryAndEachValueAtItsMember) {
  const Resource& vpc = Get("aws_vpc.main");
  EXPECT_EQ(ToString(vpc.pos), "plan.json:7:9");
  const Value* cidr = vpc.properties.Find("cidr_block");
  ASSERT_NE(cidr, nullptr);
  EXPECT_EQ(ToString(cidr->pos), "plan.json:8:21");
  // An attribute only apply sets is placed at its after_unknown member.
  EXPECT_EQ(ToString(vpc.properties.Find("arn")->pos), "plan.json:40:47");
}

TEST_F(PlanTest, CountAndForEachInstancesKeepTheirIndexAndModule) {
  EXPECT_EQ(Get("aws_subnet.a[1]").type, "aws_subnet");
  EXPECT_EQ(Get("aws_subnet.a[1]").source, "");
  const Resource& b = Get("module.net.aws_subnet.b[\"x\"]");
  EXPECT_EQ(b.source, "module.net");
  EXPECT_EQ(*b.properties.Find("cidr_block")->AsString(), "10.0.2.0/24");
}

TEST_F(PlanTest, AnUnknownThatReferencesOneResourceAttributeIsAReference) {
  const Value* vpc_id = Get("aws_subnet.a[0]").properties.Find("vpc_id");
  ASSERT_NE(vpc_id, nullptr);
  ASSERT_NE(vpc_id->AsRef(), nullptr);
  EXPECT_EQ(*vpc_id->AsRef(), (ResourceRef{"", "aws_vpc.main", "id"}));
}

TEST_F(PlanTest, AnUnknownComputedFromMoreThanOneReferenceStaysUnknown) {
  const Value* az = Get("aws_subnet.a[0]").properties.Find("availability_zone");
  ASSERT_NE(az, nullptr);
  EXPECT_EQ(std::get<Unknown>(az->data).reason, "known after apply");
  // Nothing in the configuration for `id`: unknown because the provider sets it, which the
  // mapper may read as the provider's default (an unwritten `egress` is none).
  const Value* id = Get("aws_subnet.a[0]").properties.Find("id");
  ASSERT_TRUE(id->IsUnknown());
  EXPECT_EQ(std::get<Unknown>(id->data).reason, kNotConfigured);
  // In neither values nor after_unknown: absent, not unknown.
  EXPECT_EQ(Get("aws_subnet.a[0]").properties.Find("ipv6_cidr_block"), nullptr);
}

TEST_F(PlanTest, ReferencesFollowModuleInputsAndOutputsToTheFullAddress) {
  // Inside module.net, `var.vpc_id` is what the root passed: aws_vpc.main.id.
  const Value* vpc_id = Get("module.net.aws_subnet.b[\"x\"]").properties.Find("vpc_id");
  ASSERT_NE(vpc_id, nullptr);
  ASSERT_NE(vpc_id->AsRef(), nullptr);
  EXPECT_EQ(*vpc_id->AsRef(), (ResourceRef{"", "aws_vpc.main", "id"}));
  // In the root, `module.net.subnet_id` is the module's output: its subnet b["x"].
  const Value* subnet = Get("aws_route_table_association.b").properties.Find("subnet_id");
  ASSERT_NE(subnet, nullptr);
  ASSERT_NE(subnet->AsRef(), nullptr);
  EXPECT_EQ(*subnet->AsRef(), (ResourceRef{"module.net", "module.net.aws_subnet.b[\"x\"]", "id"}));
}

TEST_F(PlanTest, NestedBlocksStayListsOfMapsAndResolveTheirOwnExpressions) {
  const Resource& sg = Get("aws_security_group.web");
  const List* ingress = sg.properties.Find("ingress")->AsList();
  ASSERT_NE(ingress, nullptr);
  ASSERT_EQ(ingress->size(), 1u);
  EXPECT_EQ(std::get<std::int64_t>((*ingress)[0].Find("from_port")->data), 443);
  EXPECT_EQ(*(*ingress)[0].Find("cidr_blocks")->AsList()->at(0).AsString(), "10.0.0.0/16");
  EXPECT_TRUE(sg.properties.Find("egress")->AsList()->empty());  // written empty: no egress

  const Value& network =
      Get("aws_ecs_service.app").properties.Find("network_configuration")->AsList()->at(0);
  EXPECT_EQ(std::get<bool>(network.Find("assign_public_ip")->data), false);
  ASSERT_NE(network.Find("security_groups")->AsRef(), nullptr);
  EXPECT_EQ(*network.Find("security_groups")->AsRef(),
            (ResourceRef{"", "aws_security_group.web", "id"}));
  // Two subnets referenced: which is which is not the plan's to say.
  EXPECT_TRUE(network.Find("subnets")->IsUnknown());
}

TEST_F(PlanTest, SensitiveValuesAreReplacedAndAppearNowhere) {
  const Resource& td = Get("aws_ecs_task_definition.app");
  EXPECT_EQ(std::get<Unknown>(td.properties.Find("container_definitions")->data).reason,
            "sensitive");
  const Value* tags = td.properties.Find("tags");
  EXPECT_EQ(*tags->Find("Owner")->AsString(), "ops");
  EXPECT_EQ(std::get<Unknown>(tags->Find("Token")->data).reason, "sensitive");
  EXPECT_EQ(std::get<Unknown>(
                FindIn(plan_.deleted, "aws_instance.old")->properties.Find("password")->data)
                .reason,
            "sensitive");
  const std::string all = DumpPlan(plan_);
  EXPECT_EQ(all.find("hunter2"), std::string::npos) << all;
}

TEST_F(PlanTest, ADeleteOnlyChangeRemovesTheResourceAndAReplacementKeepsIt) {
  EXPECT_EQ(FindIn(plan_.resources, "aws_instance.old"), nullptr);
  const Resource* old = FindIn(plan_.deleted, "aws_instance.old");
  ASSERT_NE(old, nullptr);
  EXPECT_EQ(*old->properties.Find("id")->AsString(), "i-0123");
  EXPECT_TRUE(old->existing);
  EXPECT_EQ(plan_.deleted.size(), 1u);
  EXPECT_EQ(*Get("aws_instance.replaced").properties.Find("instance_type")->AsString(), "t3.micro");
  EXPECT_FALSE(Get("aws_instance.replaced").existing);
}

TEST_F(PlanTest, DataSourcesOfThePriorStateAreExistingInfrastructure) {
  const Resource& shared = Get("data.aws_vpc.shared");
  EXPECT_TRUE(shared.existing);
  EXPECT_EQ(shared.type, "aws_vpc");
  EXPECT_EQ(*shared.properties.Find("id")->AsString(), "vpc-0abc");
  EXPECT_EQ(ToString(shared.pos), "plan.json:68:7");
}

TEST(PlanRegion, IsTheDefaultProvidersConstantRegionOnly) {
  auto region_of = [](const char* provider_config) {
    const std::string text = std::string(R"({"format_version": "1.2", "terraform_version": "1.9.5",
        "planned_values": {"root_module": {}}, "configuration": {"provider_config": )") +
                             provider_config + "}}";
    Expected<Plan> plan = ReadPlan(text, "plan.json");
    EXPECT_TRUE(plan);
    return plan ? plan->region : "?";
  };
  EXPECT_EQ(
      region_of(
          R"({"aws": {"name": "aws", "expressions": {"region": {"constant_value": "eu-west-3"}}}})"),
      "eu-west-3");
  // A variable is not a constant; an aliased provider is not the default one.
  EXPECT_EQ(
      region_of(
          R"({"aws": {"name": "aws", "expressions": {"region": {"references": ["var.region"]}}}})"),
      "");
  EXPECT_EQ(
      region_of(
          R"({"aws.east": {"name": "aws", "alias": "east", "expressions": {"region": {"constant_value": "us-east-1"}}}})"),
      "");
}

}  // namespace
}  // namespace fd::predeploy::tf
