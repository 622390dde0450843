// TD012: the request that creates the task or service passes tags (service tags or
// propagateTags) while the caller lacks ecs:TagResource under tag-resource authorization. Only
// the AccessDenied text shows it: the caller's policy and the account setting are not evaluated.
#include "checks/svc/evidence_findings.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kTd012,
    .slug = "req-tag-authorization",
    .title = "tags on create without `ecs:TagResource`",
    .severity = report::Severity::kBlocker,
    .group = Group::kResources,
    .rationale = "With tag-resource authorization on, ECS checks ecs:TagResource whenever a create "
                 "call carries tags (service tags, propagateTags, RunTask tags); without it the "
                 "call is denied and no task is created at all.",
    .evidence = "describe-services events[].message and describe-tasks stoppedReason naming an "
                "AccessDenied on ecs:TagResource",
    .remediation = "Allow ecs:TagResource to the principal that creates the service or runs the "
                   "task (for services that propagate tags: the ECS service itself through the "
                   "caller), or stop passing tags.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/supported-iam-actions-tagging.html",
};

void Run(const CheckContext& ctx, FindingSink& sink) {
  ReportEvidenceFindings(
      ctx, sink, kInfo, /*raise_on_start_failure=*/false,
      [](const analysis::TargetAnalysis& ta, const auto&) {
        return "AWS denied ecs:TagResource while creating tasks of " + ta.target.name +
               ": the request carries tags the caller may not set";
      },
      [](const analysis::TargetAnalysis& ta) {
        std::vector<fix::Step> steps;
        if (ta.target.service) {
          fix::ServiceUpdate u;
          u.cluster = ta.target.cluster_arn;
          u.service = ta.target.service->name;
          u.propagate_tags = "NONE";
          u.region = ta.target.region;
          steps.push_back(u);
        }
        steps.push_back(fix::Read{"ecs", "list-account-settings",
                                  {"--effective-settings", "--name", "tagResourceAuthorization"}, ta.target.region});
        return report::Fix::Of("grant ecs:TagResource to the caller, or create the resources without tags",
                               std::move(steps));
      });
}

}  // namespace

const CheckDef kTd012{kInfo, &Run};

}  // namespace fd::checks
