// The calls of a start through the endpoints on its traced paths, judged by their policies.

#include "analysis/iam/endpoint_calls.h"

#include <algorithm>
#include <map>
#include <set>

#include "analysis/iam/policies.h"
#include "model/image_ref.h"

namespace fd::analysis {
namespace {

/// Endpoint ID → the subnets whose traced paths go through it.
using EndpointSubnets = std::map<std::string, std::vector<std::string>>;

/// The endpoints each (service, region)'s calls go through on the target's traced paths: only
/// those endpoints' policies gate the start.
std::map<std::pair<std::string, std::string>, EndpointSubnets> EndpointsOnPaths(
    const model::Model& m, const TargetAnalysis& ta) {
  std::map<std::pair<std::string, std::string>, EndpointSubnets> via;
  for (const auto& p : ta.paths) {
    if (!p.need || !m.vpc_endpoints().Find(p.via)) continue;
    via[{p.need->service, p.need->region}][p.via].push_back(p.subnet_id);
  }
  return via;
}

/// The endpoint policy's verdict on `r` sent through `e`: the endpoint layer of the request's
/// whole evaluation when that went through `e`, else the policy evaluated alone.
LayerVerdict Judge(const model::Model& m, const IamRequest& r, const IamEval* eval,
                   const model::VpcEndpoint& e) {
  if (eval && eval->evaluated && r.via_endpoint == e.id)
    return LayerOf(eval->result, iam::PolicyType::kEndpoint);
  const BuiltRequest b = BuildEndpointRequest(m, r, e);
  return LayerOf(iam::Evaluate(b.request, b.policies), iam::PolicyType::kEndpoint);
}

}  // namespace

std::string ServiceOf(const IamRequest& r) {
  if (r.action == "ecr:GetAuthorizationToken") return "ecr.api";
  const std::string svc = r.action.substr(0, r.action.find(':'));
  if (svc == "ecr") return "ecr.dkr";
  if (svc == "logs" || svc == "secretsmanager" || svc == "ssm" || svc == "s3") return svc;
  return "";
}

std::vector<IamRequest> LayerReads(const std::vector<IamRequest>& requests) {
  std::set<std::string> layer_regions;
  std::vector<IamRequest> layer_reads;
  for (const auto& r : requests) {
    if (r.action != "ecr:BatchGetImage" || r.principal.empty()) continue;
    if (!layer_regions.insert(r.resource_region).second) continue;
    IamRequest s = r;
    s.action = "s3:GetObject";
    s.resource = "arn:" + model::PartitionOfRegion(r.resource_region) + ":s3:::prod-" +
                 r.resource_region + "-starport-layer-bucket/*";
    s.resource_account = "";
    s.feature = "image layers of " + r.feature.substr(r.feature.find(' ') + 1);
    layer_reads.push_back(std::move(s));
  }
  return layer_reads;
}

std::vector<EndpointCall> JudgeEndpointCalls(const model::Model& m, const TargetIam& ti) {
  std::vector<EndpointCall> calls;
  const auto via = EndpointsOnPaths(m, *ti.ta);
  if (via.empty()) return calls;
  const std::string& region = ti.ta->target.region;
  auto judge_all = [&](const IamRequest& r, const IamEval* eval) {
    if (r.principal_kind != IamPrincipalKind::kExecutionRole || r.principal.empty()) return;
    auto it = via.find({ServiceOf(r), r.resource_region.empty() ? region : r.resource_region});
    if (it == via.end()) return;
    for (const auto& [endpoint_id, subnets] : it->second) {
      const model::VpcEndpoint* e = m.vpc_endpoints().Find(endpoint_id);
      if (!e || e->policy_document.empty()) continue;  // no document: the full-access default
      EndpointCall& c = calls.emplace_back();
      c.request = &r;
      c.endpoint = e;
      c.subnets = subnets;
      std::sort(c.subnets.begin(), c.subnets.end());
      c.subnets.erase(std::unique(c.subnets.begin(), c.subnets.end()), c.subnets.end());
      const ParsedPolicy parsed = ParseCached(e->policy_document);
      if (!parsed.policy) c.error = parsed.error;
      else c.verdict = Judge(m, r, eval, *e);
    }
  };
  for (std::size_t i = 0; i < ti.requests.size(); ++i) judge_all(ti.requests[i], &ti.evals[i]);
  for (const auto& r : ti.layer_reads) judge_all(r, nullptr);
  return calls;
}

}  // namespace fd::analysis
