// VPCE011: a call a start makes goes through a VPC endpoint (per the traced path of its
// service in that subnet) whose endpoint policy denies it or allows nothing that matches: the
// execution role's ECR, logs, Secrets Manager and SSM calls, and the S3 reads of image layers
// and environment files. A default full-access policy (or none) is silent. The analysis judges
// each call through each endpoint (analysis/iam/endpoint_calls.h); this reads its verdicts.
#include <algorithm>

#include "analysis/iam/wording.h"
#include "checks/check_util.h"
#include "checks/memo.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kVpce011,
    .slug = "vpce-policy-deny",
    .title = "endpoint policy blocks the needed call",
    .severity = report::Severity::kBlocker,
    .group = Group::kIam,
    .rationale = "An endpoint policy is a further gate on every request through the endpoint: "
                 "when it denies the execution role's pull, log, secret or parameter call, or the "
                 "S3 read of image layers, the call fails although the role's own policies allow "
                 "it, and the task never starts.",
    .evidence = "ec2 describe-vpc-endpoints PolicyDocument of the endpoints the traced paths use, "
                "evaluated for each call of the start (principal: the execution role's session)",
    .remediation = "Allow the calls in the endpoint policy: the ECR actions, s3:GetObject on "
                   "arn:aws:s3:::prod-<region>-starport-layer-bucket/*, logs:CreateLogStream and "
                   "logs:PutLogEvents, secretsmanager:GetSecretValue, ssm:GetParameters.",
    .references = "https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html "
                  "https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html",
};

/// Adds call `c`, which the policy of its endpoint does not allow, to the endpoint's one finding
/// for the target. The finding is a blocker once any call is denied outright; a call whose
/// decision hangs on a context value only warns, and only while it is the sole evidence.
void ReportRefusedCall(FindingSink& sink, const analysis::Target& t, const analysis::EndpointCall& c) {
  const model::VpcEndpoint& e = *c.endpoint;
  const analysis::IamRequest& r = *c.request;
  const iam::LayerDecision d = c.verdict.decision;
  auto& f = sink.Report(kInfo, t, e.id,
                        "the policy of endpoint " + e.id + " (" + e.service_name +
                            ") does not let execution role " + r.principal + " make the "
                            "calls of the start");
  f.evidence.push_back({e.id, r.action + " on " + r.resource + " (" + r.feature + "): " +
                                 analysis::RefusalText(c.verdict,
                                                       "no statement of the endpoint policy allows it")});
  if (d == iam::LayerDecision::kUnknown && f.evidence.size() == 1)
    f.severity = report::Severity::kWarning;
  else if (d != iam::LayerDecision::kUnknown)
    f.severity = report::Severity::kBlocker;
  for (const auto& s : c.subnets)
    if (std::find(f.subnets.begin(), f.subnets.end(), s) == f.subnets.end()) f.subnets.push_back(s);
  std::sort(f.subnets.begin(), f.subnets.end());
  f.fix = report::Fix::Of("allow the start's calls in the endpoint policy (keep it scoped to your "
                          "principals or resources if you must)",
                          {fix::EndpointPolicy{e.id, e.region}});
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  for (const auto& ta : ctx.targets) {
    const analysis::Target& t = ta.target;
    if (!t.task_definition) continue;
    for (const auto& c : IamOf(ctx, ta).endpoint_calls) {
      if (!c.error.empty()) {
        sink.Unchecked(kInfo, "policy of endpoint " + c.endpoint->id + " does not parse: " + c.error);
        continue;
      }
      const iam::LayerDecision d = c.verdict.decision;
      if (d == iam::LayerDecision::kAllow || d == iam::LayerDecision::kNotApplicable) continue;
      ReportRefusedCall(sink, t, c);
    }
  }
}

}  // namespace

const CheckDef kVpce011{kInfo, &Run};

}  // namespace fd::checks
