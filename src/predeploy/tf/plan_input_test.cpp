// What the plan reader does with plans of other versions and with input of the wrong shape, and
// how a plan is told from other JSON.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "predeploy/tf/plan.h"
#include "testing/tf_plan.h"

namespace fd::predeploy::tf {
namespace {

using testing::FindIn;

std::string WithVersion(const std::string& version) {
  return R"({"format_version": )" + version + R"(, "terraform_version": "0.12.8",
    "planned_values": {"root_module": {"resources": [
      {"address": "aws_vpc.v", "mode": "managed", "type": "aws_vpc", "name": "v",
       "values": {"cidr_block": "10.1.0.0/16"}}]}}})";
}

TEST(PlanVersion, FormatsZeroAndOneAreRead) {
  for (const char* v : {R"("0.1")", R"("0.2")", R"("1.0")", R"("1.2")", R"("1")"}) {
    auto plan = ReadPlan(WithVersion(v), "v.json");
    ASSERT_TRUE(plan) << v << ": " << plan.error().message;
    EXPECT_EQ(plan->resources.size(), 1u) << v;
    EXPECT_TRUE(plan->notes.empty()) << v;
  }
}

TEST(PlanVersion, AnUnknownMajorVersionIsRefusedNamingIt) {
  auto plan = ReadPlan(WithVersion(R"("2.0")"), "v.json");
  ASSERT_FALSE(plan);
  EXPECT_EQ(plan.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(plan.error().message,
            "v.json:1:20: format_version \"2.0\" is not a plan format this version reads (0.x and "
            "1.x): read the plan with a newer fargate-doctor");
  for (const char* v : {R"("x.1")", R"(1.0)", R"("")"})
    EXPECT_FALSE(ReadPlan(WithVersion(v), "v.json")) << v;
}

TEST(PlanVersion, APlanNamingNoVersionIsReadAsOneXWithANote) {
  auto plan = ReadPlan(R"({"planned_values": {"root_module": {}}})", "trimmed.json");
  ASSERT_TRUE(plan);
  ASSERT_EQ(plan->notes.size(), 1u);
  EXPECT_EQ(plan->notes[0].pointer, "/format_version");
}

TEST(PlanInput, InvalidJsonIsAnErrorWithFileLineAndColumn) {
  auto plan = ReadPlan("{\"format_version\": \"1.0\",\n \"planned_values\": {,}}", "broken.json");
  ASSERT_FALSE(plan);
  EXPECT_EQ(plan.error().code, ErrorCode::kInvalidJson);
  EXPECT_EQ(plan.error().message.rfind("broken.json:2:21: invalid JSON: ", 0), 0u)
      << plan.error().message;
}

TEST(PlanInput, ADocumentThatIsNotAnObjectIsRefused) {
  auto plan = ReadPlan("[1, 2]", "list.json");
  ASSERT_FALSE(plan);
  EXPECT_EQ(plan.error().message, "list.json: a Terraform plan is a JSON object; this is a list");
}

TEST(PlanInput, WrongShapesAreNotedAndSkippedWithoutStoppingTheRead) {
  auto plan = ReadPlan(R"({"format_version": "1.0", "terraform_version": "1.5.0",
    "planned_values": {"root_module": {
      "resources": [
        7,
        {"mode": "managed", "type": "aws_vpc", "name": "noaddress"},
        {"address": "aws_vpc.ok", "mode": "managed", "type": "aws_vpc", "name": "ok",
         "values": {"cidr_block": "10.2.0.0/16"}},
        {"address": "aws_vpc.list", "mode": "managed", "type": "aws_vpc", "name": "list",
         "values": ["not", "a", "map"]}
      ],
      "child_modules": [{"resources": "nope"}, {"address": "module.m", "resources": {"a": 1}}]}},
    "resource_changes": {"not": "a list"},
    "prior_state": []})",
                       "shapes.json");
  ASSERT_TRUE(plan) << plan.error().message;
  ASSERT_EQ(plan->resources.size(), 2u);
  EXPECT_NE(FindIn(plan->resources, "aws_vpc.ok"), nullptr);
  const Resource* list = FindIn(plan->resources, "aws_vpc.list");
  ASSERT_NE(list, nullptr);
  ASSERT_NE(list->properties.AsMap(), nullptr);
  EXPECT_TRUE(list->properties.AsMap()->empty());
  std::vector<std::string> pointers;
  for (const InputNote& n : plan->notes) pointers.push_back(n.pointer);
  EXPECT_EQ(pointers, (std::vector<std::string>{
                          "/resource_changes", "/planned_values/root_module/resources/0",
                          "/planned_values/root_module/resources/1",
                          "/planned_values/root_module/resources/3",
                          "/planned_values/root_module/child_modules/0",
                          "/planned_values/root_module/child_modules/1", "/prior_state"}));
  EXPECT_EQ(plan->notes[0].note, "resource_changes is an object, not a list: not read");
  EXPECT_EQ(plan->notes[0].file, "shapes.json");
}

TEST(PlanInput, APlanWithoutPlannedValuesIsReadFromItsChanges) {
  auto plan = ReadPlan(R"({"format_version": "1.1", "terraform_version": "1.3.0",
    "resource_changes": [
      {"address": "module.m[0].aws_subnet.s", "module_address": "module.m[0]", "mode": "managed",
       "type": "aws_subnet", "name": "s",
       "change": {"actions": ["update"], "after": {"cidr_block": "10.3.0.0/24"},
                  "after_unknown": {"vpc_id": true}}}]})",
                       "changes.json");
  ASSERT_TRUE(plan) << plan.error().message;
  ASSERT_EQ(plan->resources.size(), 1u);
  const Resource& s = plan->resources[0];
  EXPECT_EQ(s.source, "module.m[0]");
  EXPECT_EQ(*s.properties.Find("cidr_block")->AsString(), "10.3.0.0/24");
  EXPECT_TRUE(s.properties.Find("vpc_id")->IsUnknown());  // no configuration: no reference
}

TEST(PlanInput, AForgottenResourceIsNeitherPlannedNorDeleted) {
  auto plan = ReadPlan(R"({"format_version": "1.2", "terraform_version": "1.7.0",
    "resource_changes": [
      {"address": "aws_vpc.kept", "mode": "managed", "type": "aws_vpc", "name": "kept",
       "change": {"actions": ["forget"], "before": {"id": "vpc-1"}, "after": null}}]})",
                       "forget.json");
  ASSERT_TRUE(plan) << plan.error().message;
  EXPECT_TRUE(plan->resources.empty());
  EXPECT_TRUE(plan->deleted.empty());
}

TEST(PlanRecognition, APlanHasBothVersionsAndPlannedValuesOrChanges) {
  const std::string plan = WithVersion(R"("1.0")");
  EXPECT_TRUE(IsTerraformPlan(nlohmann::json::parse(plan)));
  EXPECT_TRUE(IsTerraformPlan(std::string_view(plan)));
  const std::string changes_only =
      R"({"resource_changes": [], "terraform_version": "1.0.0", "format_version": "1.0"})";
  EXPECT_TRUE(IsTerraformPlan(std::string_view(changes_only)));
  for (const char* other :
       {R"({"format_version": "1.0", "terraform_version": "1.0.0", "values": {}})",  // state
        R"({"format_version": "1.0", "planned_values": {}})",
        R"({"Subnets": [{"SubnetId": "subnet-1"}]})",  // a snapshot file
        R"({"a": {"format_version": "1", "terraform_version": "1", "planned_values": {}}})",
        R"([{"format_version": "1.0"}])", "{not json"}) {
    EXPECT_FALSE(IsTerraformPlan(std::string_view(other))) << other;
    EXPECT_FALSE(IsTerraformPlan(nlohmann::json::parse(other, nullptr, false))) << other;
  }
}

}  // namespace
}  // namespace fd::predeploy::tf
