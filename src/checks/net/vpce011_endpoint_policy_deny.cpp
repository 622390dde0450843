// VPCE011: a call a start makes goes through a VPC endpoint (per the traced path of its
// service in that subnet) whose endpoint policy denies it or allows nothing that matches: the
// execution role's ECR, logs, Secrets Manager and SSM calls, and the S3 reads of image layers
// and environment files. A default full-access policy (or none) is silent.
#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "analysis/iam/policies.h"
#include "analysis/iam/wording.h"
#include "checks/check_util.h"
#include "checks/memo.h"
#include "model/image_ref.h"

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

/// The traced service a call travels to.
std::string ServiceOf(const analysis::IamRequest& r) {
  if (r.action == "ecr:GetAuthorizationToken") return "ecr.api";
  const std::string svc = r.action.substr(0, r.action.find(':'));
  if (svc == "ecr") return "ecr.dkr";
  if (svc == "logs" || svc == "secretsmanager" || svc == "ssm" || svc == "s3") return svc;
  return "";
}

/// Endpoint ID → the subnets whose traced paths go through it.
using EndpointSubnets = std::map<std::string, std::vector<std::string>>;

/// The endpoints each (service, region)'s calls go through on the target's traced paths: only
/// those endpoints' policies gate the start.
std::map<std::pair<std::string, std::string>, EndpointSubnets> EndpointsOnPaths(
    const analysis::TargetAnalysis& ta) {
  std::map<std::pair<std::string, std::string>, EndpointSubnets> via;
  for (const auto& p : ta.paths) {
    if (!p.need || p.via.rfind("vpce-", 0) != 0) continue;
    via[{p.need->service, p.need->region}][p.via].push_back(p.subnet_id);
  }
  return via;
}

/// The S3 reads of image layers, one per Region: ECR serves layers from its S3 bucket, read with
/// the execution role's session, so an S3 endpoint's policy gates the pull too.
std::vector<analysis::IamRequest> LayerReads(const std::vector<analysis::IamRequest>& requests) {
  std::set<std::string> layer_regions;
  std::vector<analysis::IamRequest> layer_reads;
  for (const auto& r : requests) {
    if (r.action != "ecr:BatchGetImage" || r.principal.empty()) continue;
    if (!layer_regions.insert(r.resource_region).second) continue;
    analysis::IamRequest s = r;
    s.action = "s3:GetObject";
    s.resource = "arn:" + model::PartitionOfRegion(r.resource_region) + ":s3:::prod-" +
                 r.resource_region + "-starport-layer-bucket/*";
    s.resource_account = "";
    s.feature = "image layers of " + r.feature.substr(r.feature.find(' ') + 1);
    layer_reads.push_back(std::move(s));
  }
  return layer_reads;
}

/// The endpoint policy's decision on `r` sent through `e`, as AWS sees it (the request carries
/// aws:SourceVpce and aws:SourceVpc); nullopt when there is nothing to evaluate (no document:
/// full access) or the document does not parse (then the check is unchecked, not silent).
std::optional<iam::Result> EvaluateEndpointPolicy(const model::VpcEndpoint& e,
                                                  const analysis::IamRequest& r,
                                                  FindingSink& sink) {
  if (e.policy_document.empty()) return std::nullopt;
  analysis::ParsedPolicy parsed = analysis::ParseCached(e.policy_document);
  if (!parsed.policy) {
    sink.Unchecked(kInfo, "policy of endpoint " + e.id + " does not parse: " + parsed.error);
    return std::nullopt;
  }
  iam::PolicySet set;
  set.endpoint = iam::NamedPolicy{"endpoint policy of " + e.id, parsed.policy};
  iam::Request q = analysis::ToRequest(r);
  q.context.Set("aws:SourceVpce", e.id);
  q.context.Set("aws:SourceVpc", e.vpc_id);
  return iam::Evaluate(q, set);
}

/// Adds call `r`, which the policy of endpoint `e` does not allow, to the endpoint's one finding
/// for the target. The finding is a blocker once any call is denied outright; a call whose
/// decision hangs on a context value only warns, and only while it is the sole evidence.
void ReportRefusedCall(FindingSink& sink, const analysis::Target& t, const model::VpcEndpoint& e,
                       const analysis::IamRequest& r, const iam::Result& res,
                       const std::vector<std::string>& subnets) {
  auto& f = sink.Report(kInfo, t, e.id,
                        "the policy of endpoint " + e.id + " (" + e.service_name +
                            ") does not let execution role " + r.principal + " make the "
                            "calls of the start");
  f.evidence.push_back({e.id, r.action + " on " + r.resource + " (" + r.feature + "): " +
                                 analysis::RefusalText(res.endpoint, res,
                                                       "no statement of the endpoint policy allows it")});
  if (res.endpoint == iam::LayerDecision::kUnknown && f.evidence.size() == 1)
    f.severity = report::Severity::kWarning;
  else if (res.endpoint != iam::LayerDecision::kUnknown)
    f.severity = report::Severity::kBlocker;
  for (const auto& s : subnets)
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
    const auto via = EndpointsOnPaths(ta);
    if (via.empty()) continue;
    std::vector<analysis::IamRequest> requests = IamOf(ctx, ta).requests;
    // Computed from a const view and appended whole: a push_back into `requests` while iterating
    // it reallocates the vector under the loop (a use-after-free ASan found).
    std::vector<analysis::IamRequest> layer_reads = LayerReads(requests);
    requests.insert(requests.end(), std::make_move_iterator(layer_reads.begin()),
                    std::make_move_iterator(layer_reads.end()));
    for (const auto& r : requests) {
      if (r.principal_kind != analysis::IamPrincipalKind::kExecutionRole || r.principal.empty())
        continue;
      auto it = via.find({ServiceOf(r), r.resource_region.empty() ? t.region : r.resource_region});
      if (it == via.end()) continue;
      for (const auto& [endpoint_id, subnets] : it->second) {
        const model::VpcEndpoint* e = ctx.model.vpc_endpoints().Find(endpoint_id);
        if (!e) continue;
        const auto res = EvaluateEndpointPolicy(*e, r, sink);
        if (!res || res->endpoint == iam::LayerDecision::kAllow ||
            res->endpoint == iam::LayerDecision::kNotApplicable)
          continue;
        ReportRefusedCall(sink, t, *e, r, *res, subnets);
      }
    }
  }
}

}  // namespace

const CheckDef kVpce011{kInfo, &Run};

}  // namespace fd::checks
