// VPCE011: a call a start makes goes through a VPC endpoint (per the traced path of its
// service in that subnet) whose endpoint policy denies it or allows nothing that matches: the
// execution role's ECR, logs, Secrets Manager and SSM calls, and the S3 reads of image layers
// and environment files. A default full-access policy (or none) is silent.
#include <algorithm>
#include <map>
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

void Run(const CheckContext& ctx, FindingSink& sink) {
  const model::Model& m = ctx.model;
  for (const auto& ta : ctx.targets) {
    const analysis::Target& t = ta.target;
    if (!t.task_definition) continue;
    // The endpoints each service's calls use, with the subnets that use them.
    std::map<std::pair<std::string, std::string>, std::map<std::string, std::vector<std::string>>> via;
    for (const auto& p : ta.paths) {
      if (!p.need || p.via.rfind("vpce-", 0) != 0) continue;
      via[{p.need->service, p.need->region}][p.via].push_back(p.subnet_id);
    }
    if (via.empty()) continue;
    std::vector<analysis::IamRequest> requests = IamOf(ctx, ta).requests;
    // Image layers are read from ECR's S3 bucket with the execution role's session.
    // Collected apart and appended after the loop: a push_back into `requests` while iterating
    // it reallocates the vector under the loop (a use-after-free ASan found).
    std::set<std::string> layer_regions;
    std::vector<analysis::IamRequest> layer_reads;
    for (const auto& r : requests)
      if (r.action == "ecr:BatchGetImage" && !r.principal.empty()) {
        if (!layer_regions.insert(r.resource_region).second) continue;
        analysis::IamRequest s = r;
        s.action = "s3:GetObject";
        s.resource = "arn:" + model::PartitionOfRegion(r.resource_region) + ":s3:::prod-" +
                     r.resource_region + "-starport-layer-bucket/*";
        s.resource_account = "";
        s.feature = "image layers of " + r.feature.substr(r.feature.find(' ') + 1);
        layer_reads.push_back(std::move(s));
      }
    requests.insert(requests.end(), std::make_move_iterator(layer_reads.begin()),
                    std::make_move_iterator(layer_reads.end()));
    for (const auto& r : requests) {
      if (r.principal_kind != analysis::IamPrincipalKind::kExecutionRole || r.principal.empty())
        continue;
      const std::string service = ServiceOf(r);
      auto it = via.find({service, r.resource_region.empty() ? t.region : r.resource_region});
      if (it == via.end()) continue;
      for (const auto& [endpoint_id, subnets] : it->second) {
        const model::VpcEndpoint* e = m.vpc_endpoints().Find(endpoint_id);
        if (!e || e->policy_document.empty()) continue;  // no document: full access
        analysis::ParsedPolicy parsed = analysis::ParseCached(e->policy_document);
        if (!parsed.policy) {
          sink.Unchecked(kInfo, "policy of endpoint " + endpoint_id + " does not parse: " + parsed.error);
          continue;
        }
        iam::PolicySet set;
        set.endpoint = iam::NamedPolicy{"endpoint policy of " + endpoint_id, parsed.policy};
        iam::Request q = analysis::ToRequest(r);
        q.context.Set("aws:SourceVpce", endpoint_id);
        q.context.Set("aws:SourceVpc", e->vpc_id);
        iam::Result res = iam::Evaluate(q, set);
        if (res.endpoint == iam::LayerDecision::kAllow ||
            res.endpoint == iam::LayerDecision::kNotApplicable)
          continue;
        auto& f = sink.Report(kInfo, t, endpoint_id,
                              "the policy of endpoint " + endpoint_id + " (" + e->service_name +
                                  ") does not let execution role " + r.principal + " make the "
                                  "calls of the start");
        std::string claim = r.action + " on " + r.resource + " (" + r.feature + "): ";
        if (res.endpoint == iam::LayerDecision::kExplicitDeny)
          claim += "explicitly denied by " + analysis::DecidingText(res);
        else if (res.endpoint == iam::LayerDecision::kUnknown)
          claim += "undecided, hangs on " + JoinList(res.missing_context_values);
        else
          claim += "no statement of the endpoint policy allows it";
        f.evidence.push_back({endpoint_id, claim});
        if (res.endpoint == iam::LayerDecision::kUnknown && f.evidence.size() == 1)
          f.severity = report::Severity::kWarning;
        else if (res.endpoint != iam::LayerDecision::kUnknown)
          f.severity = report::Severity::kBlocker;
        for (const auto& s : subnets)
          if (std::find(f.subnets.begin(), f.subnets.end(), s) == f.subnets.end())
            f.subnets.push_back(s);
        std::sort(f.subnets.begin(), f.subnets.end());
        f.fix = report::Fix::Of("allow the start's calls in the endpoint policy (keep it scoped to your "
                                "principals or resources if you must)",
                                {fix::EndpointPolicy{endpoint_id, e->region}});
      }
    }
  }
}

}  // namespace

const CheckDef kVpce011{kInfo, &Run};

}  // namespace fd::checks
