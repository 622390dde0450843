// Plans diagnosed end to end: the model BuildModel makes of tests/predeploy/terraform/
// fargate_private.plan.json goes through engine::Diagnose like a snapshot's. The healthy design
// gets no blocker; each edit a reviewer could miss gets the code a deployed account would get,
// on the object the plan declares.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "testing/tf_model.h"

namespace fd::predeploy::tf {
namespace {

using namespace testing;  // NOLINT: the plan edit helpers

class TfDiagnoseTest : public ::testing::Test {
 protected:
  void SetUp() override { plan_ = LoadTestPlan("fargate_private.plan.json"); }

  // The findings of `code` (all blockers and warnings when empty) for the edited plan.
  std::vector<report::Finding> Findings(const std::string& code = "") {
    d_ = DiagnosePlan(plan_);
    std::vector<report::Finding> out;
    for (const report::Finding& f : d_.report.findings)
      if (code.empty() ? f.severity == report::Severity::kBlocker : f.code == code)
        out.push_back(f);
    return out;
  }

  static std::string Dump(const std::vector<report::Finding>& fs) {
    std::string s;
    for (const report::Finding& f : fs) s += f.code + " " + f.resource + ": " + f.message + "\n";
    return s;
  }

  nlohmann::json plan_;
  PlanDiagnosis d_;
};

TEST_F(TfDiagnoseTest, TheHealthyPlanHasNoBlocker) {
  const std::vector<report::Finding> blockers = Findings();
  EXPECT_TRUE(blockers.empty()) << Dump(blockers);
  EXPECT_TRUE(Findings("NET002").empty());
  EXPECT_TRUE(Findings("NET001").empty());
  EXPECT_TRUE(Findings("FW001").empty());
  EXPECT_TRUE(Findings("IAM004").empty());
  EXPECT_TRUE(Findings("NET006").empty());
}

TEST_F(TfDiagnoseTest, WithoutTheNatRouteThePrivateTableHasNoPathOut) {
  RemoveResource(plan_, "aws_route.private_nat");
  const std::vector<report::Finding> fs = Findings("NET002");
  ASSERT_FALSE(fs.empty()) << Dump(Findings());
  EXPECT_EQ(fs[0].resource, "aws_route_table.private");
  // Located at the table's entry in the plan.
  ASSERT_TRUE(fs[0].location.has_value());
  EXPECT_EQ(fs[0].location->file, "plan.json");
  EXPECT_GT(fs[0].location->line, 0);
}

// The two private associations written as one counted resource, the way modules write them:
// `subnet_id = element(aws_subnet.private[*].id, count.index)`.
void CountThePrivateAssociations(nlohmann::json& plan) {
  const std::string counted = "aws_route_table_association.private";
  for (auto* list : {&plan["planned_values"]["root_module"]["resources"], &plan["resource_changes"]})
    for (auto& e : *list)
      for (int i : {0, 1})
        if (e.value("address", "") == counted + "_" + std::to_string(i)) {
          e["address"] = counted + "[" + std::to_string(i) + "]";
          e["name"] = "private";
          e["index"] = i;
        }
  auto& config = plan["configuration"]["root_module"]["resources"];
  for (auto& e : config)
    if (e.value("address", "") == counted + "_0") {
      e["address"] = counted;
      e["name"] = "private";
      e["expressions"]["subnet_id"]["references"] = {"aws_subnet.private", "count.index"};
      e["count_expression"] = {{"constant_value", 2}};
    }
  config.erase(std::remove_if(config.begin(), config.end(),
                              [&](const nlohmann::json& e) {
                                return e.value("address", "") == counted + "_1";
                              }),
               config.end());
}

TEST_F(TfDiagnoseTest, CountedAssociationsJoinEachSubnetToItsTable) {
  CountThePrivateAssociations(plan_);
  const std::vector<report::Finding> healthy = Findings();
  EXPECT_TRUE(healthy.empty()) << Dump(healthy);
  // Each subnet reaches aws_route_table.private through its own instance of the association:
  // without the NAT route, that table is the one without a way out.
  RemoveResource(plan_, "aws_route.private_nat");
  const std::vector<report::Finding> fs = Findings("NET002");
  ASSERT_FALSE(fs.empty()) << Dump(Findings());
  EXPECT_EQ(fs[0].resource, "aws_route_table.private");
}

TEST_F(TfDiagnoseTest, ATaskGroupWrittenWithoutEgressBlocksTheStart) {
  Unwrite(plan_, "aws_security_group.task", "egress");
  const std::vector<report::Finding> fs = Findings("FW001");
  ASSERT_FALSE(fs.empty()) << Dump(Findings());
  EXPECT_EQ(fs[0].resource, "aws_security_group.task");
}

TEST_F(TfDiagnoseTest, APublicSubnetWithoutAPublicIpCannotReachTheRegistry) {
  Reference(plan_, "aws_ecs_service.app", "/network_configuration/0/subnets",
            {"aws_subnet.public"});
  const std::vector<report::Finding> fs = Findings("NET001");
  ASSERT_FALSE(fs.empty()) << Dump(Findings());
}

TEST_F(TfDiagnoseTest, APublicNatGatewayWithoutElasticIpCannotForward) {
  Unwrite(plan_, "aws_nat_gateway.main", "allocation_id");
  const std::vector<report::Finding> fs = Findings("NET006");
  ASSERT_FALSE(fs.empty()) << Dump(Findings());
  EXPECT_EQ(fs[0].resource, "aws_nat_gateway.main");
}

TEST_F(TfDiagnoseTest, AnExecutionRoleWithoutEcrPullCannotPullTheImage) {
  // The managed policy replaced by an inline one that grants the log calls alone.
  RemoveResource(plan_, "aws_iam_role_policy_attachment.execution");
  AddResource(
      plan_, "aws_iam_role_policy", "execution_logs",
      {{"role", "app-execution"},
       {"name", "logs"},
       {"policy", R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow",)"
                  R"("Action":["logs:CreateLogStream","logs:PutLogEvents"],"Resource":"*"}]})"}});
  const std::vector<report::Finding> fs = Findings("IAM004");
  ASSERT_FALSE(fs.empty()) << Dump(Findings());
  EXPECT_EQ(fs[0].resource, "arn:aws:iam::111122223333:role/app-execution");
  EXPECT_TRUE(Findings("IAM005").empty());  // the log calls are allowed
}

}  // namespace
}  // namespace fd::predeploy::tf
