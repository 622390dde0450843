// IAM008: a permissions boundary on the execution (or task) role is what denies a request the
// start makes: the identity policies allow it, the boundary does not (or denies explicitly).
#include "analysis/iam/target_iam.h"
#include "checks/check_util.h"
#include "checks/iam/iam_report.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kIam008,
    .slug = "iam-permissions-boundary",
    .title = "boundary on the execution role omits needed actions",
    .severity = report::Severity::kBlocker,
    .group = Group::kIam,
    .rationale = "A permissions boundary caps what a role's own policies can grant: the role "
                 "may do only what both its policies and the boundary allow. A boundary written "
                 "for application roles often leaves out ECR, CloudWatch Logs or Secrets "
                 "Manager, so the agent's calls are denied although the role's policies allow them.",
    .evidence = "the role's PermissionsBoundary and the boundary policy's default version; the "
                "requests the start makes",
    .remediation = "Extend the boundary with the actions and resources the start needs, or "
                   "remove the boundary from the execution role.",
    .references = "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html",
};

void Run(const CheckContext& ctx, FindingSink& sink) {
  PermissionCheck pc;
  pc.owns = [](const analysis::IamRequest& r) {
    return r.principal_kind != analysis::IamPrincipalKind::kService;
  };
  pc.mine = [](const analysis::IamEval& e, const model::Model&) {
    return e.result.deciding_layer == iam::PolicyType::kPermissionsBoundary;
  };
  pc.what = "is capped by its permissions boundary";
  pc.boundary_fix = true;
  ReportPermissionCheck(ctx, sink, kInfo, pc);
}

}  // namespace

const CheckDef kIam008{kInfo, &Run};

}  // namespace fd::checks
