// A target's IAM requests evaluated: each request gets the policy set of its kind (a role's
// call, ECS assuming a role, a service using a key) and one verdict, with every unknown the
// verdict hangs on said in words.

#include "analysis/iam/target_iam.h"

#include <unordered_map>

#include "analysis/iam/endpoint_calls.h"
#include "analysis/iam/policies.h"
#include "analysis/iam/roles.h"
#include "util/strings.h"

namespace fd::analysis {
namespace {

const char* KindName(IamPrincipalKind k) {
  switch (k) {
    case IamPrincipalKind::kExecutionRole: return "execution role";
    case IamPrincipalKind::kTaskRole: return "task role";
    case IamPrincipalKind::kService: return "service";
    case IamPrincipalKind::kCaller: return "caller";
  }
  return "";
}

/// Evaluates `b` into `e`: the verdict, and for each unknown key what it stands for (a piece
/// of data the snapshot lacks, or a context key no snapshot can tell).
void Decide(const BuiltRequest& b, IamEval& e) {
  e.result = iam::Evaluate(b.request, b.policies);
  e.evaluated = true;
  for (const auto& k : e.result.missing_context_values) {
    auto it = b.synthetic.find(util::Lower(k));
    if (it != b.synthetic.end()) e.data_gap = true;
    e.unknowns.push_back(it != b.synthetic.end() ? it->second
                                                 : "context key " + k + " cannot be told from the snapshot");
  }
}

/// Why a request whose role does not resolve is not evaluated.
std::string Unresolved(const RoleLookup& role, const std::string& arn) {
  return role.state == RoleLookup::State::kUnknown
             ? role.proof + " (collect it with: " + role.collect + ")"
             : "role " + arn + " does not resolve (IAM002)";
}

std::vector<GuardrailLevelNames> Names(const std::vector<iam::GuardrailLevel>& levels) {
  std::vector<GuardrailLevelNames> out;
  out.reserve(levels.size());
  for (const auto& l : levels) {
    GuardrailLevelNames& n = out.emplace_back();
    n.target = l.target;
    for (const auto& p : l.policies) n.policies.push_back(p.name);
  }
  return out;
}

/// Resolves each role once per target (a start names the same role in many requests).
class Roles {
 public:
  Roles(const model::Model& m, const std::string& account) : m_(m), account_(account) {}
  const RoleLookup& operator()(const std::string& arn) {
    auto it = cache_.find(arn);
    if (it == cache_.end()) it = cache_.emplace(arn, LookUpRole(m_, arn, account_)).first;
    return it->second;
  }

 private:
  const model::Model& m_;
  const std::string& account_;
  std::unordered_map<std::string, RoleLookup> cache_;
};

/// Evaluates a role's call with the role's whole policy set; `session` is the caller's session
/// ARN when it is not a task's (TaskSessionArn).
void DecideRoleCall(const model::Model& m, const IamRequest& r, const model::IamRole& role,
                    IamEval& e, const std::string& session = "") {
  BuiltRequest b = BuildRoleRequest(m, role, r.action, r.resource, r.resource_account,
                                    r.via_endpoint);
  if (!session.empty()) b.request.principal_arn = session;
  SetContext(r, b.request.context);
  Decide(b, e);
  e.caveats = std::move(b.caveats);
  e.scp_levels = Names(b.policies.scps);
  e.rcp_levels = Names(b.policies.rcps);
}

IamEval Evaluate(const model::Model& m, const IamRequest& r, Roles& roles) {
  IamEval e;
  e.request = &r;
  if (r.principal_kind == IamPrincipalKind::kService) {
    if (r.action != "sts:AssumeRole") {
      Decide(BuildServiceRequest(m, r), e);
      return e;
    }
    const RoleLookup& role = roles(r.role_assumed);
    if (role.state != RoleLookup::State::kFound) e.unchecked = Unresolved(role, r.role_assumed);
    else Decide(BuildTrustRequest(r, *role.role), e);
    return e;
  }
  if (r.principal.empty()) {
    e.unchecked = std::string("the task definition names no ") + KindName(r.principal_kind);
    return e;
  }
  const RoleLookup& role = roles(r.principal);
  if (role.state != RoleLookup::State::kFound) {
    e.unchecked = Unresolved(role, r.principal);
    const BuiltRequest b = BuildWithoutRole(m, r);
    e.without_role = iam::Evaluate(b.request, b.policies);
    return e;
  }
  DecideRoleCall(m, r, *role.role, e);
  return e;
}

/// The caller's iam:PassRole requests, evaluated with its role's policy set as the caller's
/// own session (the snapshot's caller ARN).
void EvaluateCaller(const model::Model& m, TargetIam& out) {
  out.caller_requests = CallerRequests(m, out.ta->target);
  out.caller_evals.reserve(out.caller_requests.size());
  for (const auto& r : out.caller_requests) {
    IamEval& e = out.caller_evals.emplace_back();
    e.request = &r;
    const model::IamRole* role = LookUpRole(m, r.principal).role;
    if (role) DecideRoleCall(m, r, *role, e, m.caller()->arn);
  }
}

}  // namespace

LayerVerdict LayerOf(const IamEval& e, iam::PolicyType layer) {
  if (e.evaluated) return LayerOf(e.result, layer);
  if (e.without_role) return LayerOf(*e.without_role, layer);
  return {};
}

TargetIam EvaluateTarget(const model::Model& m, const TargetAnalysis& ta) {
  TargetIam out;
  out.ta = &ta;
  out.requests = DeriveIamRequests(m, ta.target, &ta.paths);
  out.evals.reserve(out.requests.size());
  Roles roles(m, ta.target.account);
  for (const auto& r : out.requests) out.evals.push_back(Evaluate(m, r, roles));
  out.layer_reads = LayerReads(out.requests);
  out.endpoint_calls = JudgeEndpointCalls(m, out);
  EvaluateCaller(m, out);
  return out;
}

}  // namespace fd::analysis
