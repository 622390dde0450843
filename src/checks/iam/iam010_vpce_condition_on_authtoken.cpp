// IAM010: aws:SourceVpc / aws:SourceVpce conditions on ecr:GetAuthorizationToken in the execution
// role's policies or boundary (the token call never carries them on Fargate), and such conditions
// on the pull actions when the task reaches ECR through NAT or the internet, not the endpoint.
#include "analysis/iam/policies.h"
#include "analysis/iam/roles.h"
#include "analysis/iam/target_iam.h"
#include "analysis/iam/wording.h"
#include "checks/check_util.h"
#include "checks/memo.h"
#include "util/strings.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kIam010,
    .slug = "iam-vpce-condition-on-authtoken",
    .title = "VPC/endpoint conditions on `ecr:GetAuthorizationToken`",
    .severity = report::Severity::kBlocker,
    .group = Group::kIam,
    .rationale = "On Fargate the registry token is fetched outside the task's network, so "
                 "aws:SourceVpc and aws:SourceVpce are never present on "
                 "ecr:GetAuthorizationToken: an Allow that requires them never matches, and a "
                 "Deny on their absence always does. The same conditions on the pull actions "
                 "hold only when the task really reaches ECR through that endpoint.",
    .evidence = "the execution role's identity policies and permissions boundary (statements "
                "for ECR actions with aws:SourceVpc / aws:SourceVpce conditions); the traced "
                "path to ecr.dkr",
    .remediation = "Split the statement: allow ecr:GetAuthorizationToken without conditions, "
                   "and keep VPC or endpoint conditions only on the pull actions of tasks that "
                   "use the endpoint.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html",
};

void Run(const CheckContext& ctx, FindingSink& sink) {
  if (!analysis::HasIamData(ctx.model)) return;
  for (const auto& ta : ctx.targets) {
    if (!ta.target.task_definition) continue;
    const analysis::TargetIam& ti = IamOf(ctx, ta);
    for (const auto& e : ti.evals) {
      const auto& r = *e.request;
      if (!e.evaluated || r.principal_kind != analysis::IamPrincipalKind::kExecutionRole) continue;
      if (r.action.rfind("ecr:", 0) != 0) continue;
      if (e.result.decision == iam::Decision::kAllowed) continue;
      const model::IamRole* role = ctx.model.iam_roles().Find(r.principal);
      if (!role) continue;
      auto stmts = analysis::VpcConditioned(ctx.model, *role, r.action);
      if (stmts.empty()) continue;
      const bool token = r.action == "ecr:GetAuthorizationToken";
      // Pull actions: only when the call provably does not go through an endpoint.
      if (!token && !(r.via_known && r.via_endpoint.empty())) continue;
      if (e.result.decision == iam::Decision::kUnknown) continue;
      auto& f = sink.Report(kInfo, ta.target, role->arn,
                            "execution role " + role->name + " conditions ECR access on "
                            "aws:SourceVpc/aws:SourceVpce, which " +
                                (token ? std::string("ecr:GetAuthorizationToken never carries on Fargate")
                                       : std::string("the pull does not carry: the task reaches ECR without the endpoint")));
      for (const auto& s : stmts)
        f.evidence.push_back({s.policy, "statement " + s.label + " (" +
                                            (s.effect == iam::Effect::kAllow ? "Allow" : "Deny") +
                                            ") requires " + s.op + " " + s.key + " for " + r.action});
      f.evidence.push_back({role->arn, analysis::DescribeEval(e)});
      const std::string doc =
          "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"EcrToken\",\"Effect\":\"Allow\","
          "\"Action\":\"ecr:GetAuthorizationToken\",\"Resource\":\"*\"}]}";
      f.fix = report::Fix::Of("allow ecr:GetAuthorizationToken without VPC conditions (and exempt it from "
                              "Deny statements keyed on aws:SourceVpce); keep endpoint conditions only on pull "
                              "actions of tasks that use the endpoint",
                              {fix::InlinePolicy{false, role->name, "ecs-ecr-auth-token", doc}});
    }
  }
}

}  // namespace

const CheckDef kIam010{kInfo, &Run};

}  // namespace fd::checks
