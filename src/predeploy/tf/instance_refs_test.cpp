// References by the instance's own key: `aws_subnet.private[count.index].id`,
// `element(aws_subnet.private[*].id, count.index)` (terraform-aws-modules/vpc writes its route
// table associations and NAT routes so) and `aws_subnet.x[each.key].id`. Terraform lists such an
// expression's references as the resource without index or attribute plus `count.index` or
// `each.key`; each instance then reads the instance of its own key.
#include <gtest/gtest.h>

#include <string>

#include "predeploy/tf/plan.h"
#include "testing/tf_plan.h"

namespace fd::predeploy::tf {
namespace {

using testing::FindIn;

// Two counted private subnets and route tables, one NAT gateway, a counted association and NAT
// route per subnet, a for_each association keyed like its subnets, and a task definition whose
// role comes from a counted role.
constexpr const char* kPlan = R"json({
  "format_version": "1.2",
  "resource_changes": [
    {"address": "aws_subnet.private[0]", "type": "aws_subnet", "name": "private", "index": 0,
     "mode": "managed", "change": {"actions": ["create"], "after": {}, "after_unknown": {"id": true}}},
    {"address": "aws_subnet.private[1]", "type": "aws_subnet", "name": "private", "index": 1,
     "mode": "managed", "change": {"actions": ["create"], "after": {}, "after_unknown": {"id": true}}},
    {"address": "aws_route_table.private[0]", "type": "aws_route_table", "name": "private",
     "index": 0, "mode": "managed",
     "change": {"actions": ["create"], "after": {}, "after_unknown": {"id": true}}},
    {"address": "aws_route_table.private[1]", "type": "aws_route_table", "name": "private",
     "index": 1, "mode": "managed",
     "change": {"actions": ["create"], "after": {}, "after_unknown": {"id": true}}},
    {"address": "aws_nat_gateway.this[0]", "type": "aws_nat_gateway", "name": "this", "index": 0,
     "mode": "managed", "change": {"actions": ["create"], "after": {}, "after_unknown": {"id": true}}},
    {"address": "aws_route_table_association.private[1]", "type": "aws_route_table_association",
     "name": "private", "index": 1, "mode": "managed",
     "change": {"actions": ["create"], "after": {},
                "after_unknown": {"id": true, "subnet_id": true, "route_table_id": true}}},
    {"address": "aws_route.nat[1]", "type": "aws_route", "name": "nat", "index": 1,
     "mode": "managed", "change": {"actions": ["create"], "after": {},
                "after_unknown": {"nat_gateway_id": true, "route_table_id": true}}},
    {"address": "aws_subnet.keyed[\"a\"]", "type": "aws_subnet", "name": "keyed", "index": "a",
     "mode": "managed", "change": {"actions": ["create"], "after": {}, "after_unknown": {"id": true}}},
    {"address": "aws_route_table_association.keyed[\"a\"]", "type": "aws_route_table_association",
     "name": "keyed", "index": "a", "mode": "managed",
     "change": {"actions": ["create"], "after": {},
                "after_unknown": {"subnet_id": true, "route_table_id": true}}},
    {"address": "aws_iam_role.exec[0]", "type": "aws_iam_role", "name": "exec", "index": 0,
     "mode": "managed", "change": {"actions": ["create"], "after": {}, "after_unknown": {"arn": true}}},
    {"address": "aws_ecs_task_definition.app[0]", "type": "aws_ecs_task_definition", "name": "app",
     "index": 0, "mode": "managed", "change": {"actions": ["create"], "after": {},
                "after_unknown": {"execution_role_arn": true, "task_role_arn": true}}}
  ],
  "configuration": {"root_module": {"resources": [
    {"address": "aws_subnet.private", "type": "aws_subnet", "name": "private", "mode": "managed",
     "expressions": {}},
    {"address": "aws_route_table.private", "type": "aws_route_table", "name": "private",
     "mode": "managed", "expressions": {}},
    {"address": "aws_nat_gateway.this", "type": "aws_nat_gateway", "name": "this",
     "mode": "managed", "expressions": {}},
    {"address": "aws_route_table_association.private", "type": "aws_route_table_association",
     "name": "private", "mode": "managed", "expressions": {
       "subnet_id": {"references": ["aws_subnet.private", "count.index"]},
       "route_table_id": {"references": ["aws_route_table.private", "var.single_nat_gateway",
                                         "count.index"]}}},
    {"address": "aws_route.nat", "type": "aws_route", "name": "nat", "mode": "managed",
     "expressions": {
       "nat_gateway_id": {"references": ["aws_nat_gateway.this", "count.index"]},
       "route_table_id": {"references": ["aws_route_table.private[0].id",
                                         "aws_route_table.private[0]", "aws_route_table.private",
                                         "count.index"]}}},
    {"address": "aws_subnet.keyed", "type": "aws_subnet", "name": "keyed", "mode": "managed",
     "expressions": {}},
    {"address": "aws_route_table_association.keyed", "type": "aws_route_table_association",
     "name": "keyed", "mode": "managed", "expressions": {
       "subnet_id": {"references": ["aws_subnet.keyed", "each.key"]},
       "route_table_id": {"references": ["aws_route_table.private", "count.index"]}}},
    {"address": "aws_iam_role.exec", "type": "aws_iam_role", "name": "exec", "mode": "managed",
     "expressions": {}},
    {"address": "aws_ecs_task_definition.app", "type": "aws_ecs_task_definition", "name": "app",
     "mode": "managed", "expressions": {
       "execution_role_arn": {"references": ["aws_iam_role.exec", "count.index"]},
       "task_role_arn": {"references": ["aws_iam_role.exec", "each.key"]}}}
  ]}}
})json";

class InstanceRefs : public ::testing::Test {
 protected:
  void SetUp() override {
    auto read = ReadPlan(kPlan, "plan.json");
    ASSERT_TRUE(read) << read.error().message;
    plan_ = std::move(*read);
  }
  const Value* Attr(std::string_view id, const std::string& key) {
    const Resource* r = FindIn(plan_.resources, id);
    EXPECT_NE(r, nullptr) << id;
    return r != nullptr ? r->properties.Find(key) : nullptr;
  }
  static std::string Reason(const Value* v) {
    const Unknown* u = v != nullptr ? std::get_if<Unknown>(&v->data) : nullptr;
    return u != nullptr ? u->reason : "(not unknown)";
  }
  Plan plan_;
};

TEST_F(InstanceRefs, CountIndexReadsTheInstanceOfTheSameIndex) {
  const Value* subnet = Attr("aws_route_table_association.private[1]", "subnet_id");
  ASSERT_NE(subnet, nullptr);
  ASSERT_NE(subnet->AsRef(), nullptr);
  EXPECT_EQ(*subnet->AsRef(), (ResourceRef{"", "aws_subnet.private[1]", "id"}));
}

TEST_F(InstanceRefs, EachKeyReadsTheInstanceOfTheSameKey) {
  const Value* subnet = Attr("aws_route_table_association.keyed[\"a\"]", "subnet_id");
  ASSERT_NE(subnet, nullptr);
  ASSERT_NE(subnet->AsRef(), nullptr);
  EXPECT_EQ(*subnet->AsRef(), (ResourceRef{"", "aws_subnet.keyed[\"a\"]", "id"}));
}

TEST_F(InstanceRefs, TheAttributeTakenFollowsTheArgumentsName) {
  const Value* role = Attr("aws_ecs_task_definition.app[0]", "execution_role_arn");
  ASSERT_NE(role, nullptr);
  ASSERT_NE(role->AsRef(), nullptr);
  EXPECT_EQ(*role->AsRef(), (ResourceRef{"", "aws_iam_role.exec[0]", "arn"}));
}

TEST_F(InstanceRefs, AnIndexInstancesMayNotHaveIsNoInstance) {
  // element() wraps past the end, so aws_nat_gateway.this[1] is not "the same index": the
  // reference names an instance the plan does not declare, which the mapper reports as such.
  const Value* nat = Attr("aws_route.nat[1]", "nat_gateway_id");
  ASSERT_NE(nat, nullptr);
  ASSERT_NE(nat->AsRef(), nullptr);
  EXPECT_EQ(nat->AsRef()->id, "aws_nat_gateway.this[1]");
}

TEST_F(InstanceRefs, OtherFormsStayKnownAfterApply) {
  // A third reference (`var.single_nat_gateway ? 0 : count.index`) may pick another index.
  EXPECT_EQ(Reason(Attr("aws_route_table_association.private[1]", "route_table_id")),
            "known after apply");
  // A constant index beside count.index: the index is not the instance's key.
  EXPECT_EQ(Reason(Attr("aws_route.nat[1]", "route_table_id")), "known after apply");
  // count.index read by a for_each instance, each.key by a counted one: not its key.
  EXPECT_EQ(Reason(Attr("aws_route_table_association.keyed[\"a\"]", "route_table_id")),
            "known after apply");
  EXPECT_EQ(Reason(Attr("aws_ecs_task_definition.app[0]", "task_role_arn")), "known after apply");
}

}  // namespace
}  // namespace fd::predeploy::tf
