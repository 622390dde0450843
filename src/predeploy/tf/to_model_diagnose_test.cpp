// Plans diagnosed end to end: the model BuildModel makes of tests/predeploy/terraform/
// fargate_private.plan.json goes through engine::Diagnose like a snapshot's. The healthy design
// gets no blocker; each edit a reviewer could miss gets the code a deployed account would get,
// on the object the plan declares.
#include <gtest/gtest.h>

#include "analysis/analyze.h"
#include "analysis/iam/target_iam.h"
#include "engine/diagnose.h"
#include "predeploy/tf/to_model.h"
#include "testing/tf_plan_edits.h"

namespace fd::predeploy::tf {
namespace {

using namespace testing;  // NOLINT: the plan edit helpers

class TfDiagnoseTest : public ::testing::Test {
 protected:
  void SetUp() override { plan_ = LoadTestPlan("fargate_private.plan.json"); }

  // The findings of `code` (all blockers and warnings when empty) for the edited plan.
  std::vector<report::Finding> Findings(const std::string& code = "") {
    Expected<DeclaredModel> built = BuildModel({ReadEdited(plan_)}, {"", "111122223333"});
    EXPECT_TRUE(built) << (built ? "" : built.error().message);
    if (!built) return {};
    declared_ = std::move(*built);
    Expected<report::Report> r = engine::Diagnose(declared_.model, {});
    EXPECT_TRUE(r) << (r ? "" : r.error().message);
    if (!r) return {};
    Locate(*r, declared_.origins);
    report_ = std::move(*r);
    std::vector<report::Finding> out;
    for (const report::Finding& f : report_.findings)
      if (code.empty() ? f.severity == report::Severity::kBlocker : f.code == code) out.push_back(f);
    return out;
  }

  static std::string Dump(const std::vector<report::Finding>& fs) {
    std::string s;
    for (const report::Finding& f : fs) s += f.code + " " + f.resource + ": " + f.message + "\n";
    return s;
  }

  nlohmann::json plan_;
  DeclaredModel declared_;
  report::Report report_;
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

TEST_F(TfDiagnoseTest, ATaskGroupWrittenWithoutEgressBlocksTheStart) {
  Unwrite(plan_, "aws_security_group.task", "egress");
  const std::vector<report::Finding> fs = Findings("FW001");
  ASSERT_FALSE(fs.empty()) << Dump(Findings());
  EXPECT_EQ(fs[0].resource, "aws_security_group.task");
}

TEST_F(TfDiagnoseTest, APublicSubnetWithoutAPublicIpCannotReachTheRegistry) {
  Reference(plan_, "aws_ecs_service.app", "/network_configuration/0/subnets", {"aws_subnet.public"});
  const std::vector<report::Finding> fs = Findings("NET001");
  ASSERT_FALSE(fs.empty()) << Dump(Findings());
}

TEST_F(TfDiagnoseTest, APublicNatGatewayWithoutElasticIpCannotForward) {
  Unwrite(plan_, "aws_nat_gateway.main", "allocation_id");
  const std::vector<report::Finding> fs = Findings("NET006");
  ASSERT_FALSE(fs.empty()) << Dump(Findings());
  EXPECT_EQ(fs[0].resource, "aws_nat_gateway.main");
}

// The IAM analysis of the plan's execution role: the ECR token call, as the analysis decides it.
// IAM004 itself reports nothing on this model yet (see the branch report): this pins down that
// the model the plan gives is one the analysis denies, and the healthy one is not denied.
iam::Decision EcrTokenDecision(const nlohmann::json& plan) {
  Expected<DeclaredModel> d = BuildModel({ReadEdited(plan)}, {"", "111122223333"});
  if (!d) return iam::Decision::kUnknown;
  auto targets = analysis::ResolveTargets(d->model, {}, nullptr);
  if (!targets) return iam::Decision::kUnknown;
  const analysis::Analysis an = analysis::Analyze(d->model, *targets);
  for (const analysis::TargetAnalysis& ta : an.targets)
    for (const analysis::IamEval& e : analysis::EvaluateTarget(d->model, ta).evals)
      if (e.request->action == "ecr:GetAuthorizationToken" &&
          e.request->principal == "arn:aws:iam::111122223333:role/app-execution")
        return e.evaluated ? e.result.decision : iam::Decision::kUnknown;
  return iam::Decision::kAllowed;  // no such request: not what any case expects
}

TEST_F(TfDiagnoseTest, AnExecutionRoleWithoutEcrPullIsDeniedTheRegistryToken) {
  // Attached: AmazonECSTaskExecutionRolePolicy, whose document no plan holds: not decided.
  EXPECT_EQ(EcrTokenDecision(plan_), iam::Decision::kUnknown);
  RemoveResource(plan_, "aws_iam_role_policy_attachment.execution");
  EXPECT_EQ(EcrTokenDecision(plan_), iam::Decision::kImplicitDeny);
}

}  // namespace
}  // namespace fd::predeploy::tf
