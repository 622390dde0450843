// One finding per (target, role) for the permission checks, with the deciding statement of each
// denied request and a least-privilege inline policy for exactly the missing grants.

#include "checks/iam/iam_report.h"
#include "util/strings.h"

#include <map>
#include <set>

namespace fd::checks {

bool DecidedByIdentity(const IamEval& e) {
  if (!e.evaluated || !e.result.deciding_layer) return false;
  const auto& r = e.result;
  if (r.decision == iam::Decision::kExplicitDeny) return *r.deciding_layer == iam::PolicyType::kIdentity;
  if (r.decision != iam::Decision::kImplicitDeny) return false;
  // KMS and cross-account: the engine names the resource layer; the role side is at fault
  // when its own identity policies do not allow.
  return r.identity == iam::LayerDecision::kImplicitDeny ||
         r.identity == iam::LayerDecision::kExplicitDeny;
}

namespace {

/// An undecided request whose every other layer is decided and whose open question is an SCP or
/// RCP condition: IAM009's warning, not a missing grant of the role.
bool OpenOnlyInGuardrails(const iam::Result& r) {
  using L = iam::LayerDecision;
  const bool guardrail_open = r.organizations_scp == L::kUnknown || r.resource_control_policy == L::kUnknown;
  return guardrail_open && r.identity != L::kUnknown && r.resource != L::kUnknown &&
         r.permissions_boundary != L::kUnknown && r.endpoint != L::kUnknown &&
         r.session != L::kUnknown;
}

}  // namespace

void ReportPermissionCheck(const CheckContext& ctx, FindingSink& sink, const CheckInfo& info,
                           const PermissionCheck& pc) {
  if (!HasIamData(ctx.model)) return;  // IAM002 says what to collect, once per target
  for (const auto& ta : ctx.targets) {
    if (!ta.target.task_definition) continue;
    const TargetIam& ti = EvaluateTarget(ctx, ta);
    struct Group {
      std::vector<const IamEval*> denied;
      std::vector<const IamEval*> undecided;
    };
    std::map<std::string, Group> by_role;
    for (const auto& e : ti.evals) {
      if (!pc.owns(*e.request) || !e.evaluated) continue;  // not evaluated: IAM001/IAM002's
      if (e.result.decision == iam::Decision::kAllowed) continue;
      if (e.result.decision == iam::Decision::kUnknown) {
        if (e.data_gap) {
          sink.Unchecked(info, ta.target.Key() + ": " + DescribeEval(e));
          continue;
        }
        if (OpenOnlyInGuardrails(e.result)) continue;  // IAM009 names the SCP/RCP and the key
        by_role[e.request->principal].undecided.push_back(&e);
        continue;
      }
      if (pc.mine(e, ctx.model)) by_role[e.request->principal].denied.push_back(&e);
    }
    for (const auto& [role, g] : by_role) {
      const std::string role_name = RoleNameOfArn(role).empty() ? role : RoleNameOfArn(role);
      const bool blocked = !g.denied.empty();
      const auto& list = blocked ? g.denied : g.undecided;
      std::set<std::string> actions;
      for (const auto* e : list) actions.insert(e->request->action);
      std::string action_list;
      for (const auto& a : actions) action_list += (action_list.empty() ? "" : ", ") + a;
      const char* kind = list.front()->request->principal_kind == analysis::IamPrincipalKind::kTaskRole
                             ? "task role " : "execution role ";
      auto& f = sink.Report(info, ta.target, role,
                            std::string(kind) + role_name + " " + pc.what + ": " + action_list +
                                (blocked ? " denied" : " may be denied (depends on the request context)"));
      if (!blocked) f.severity = report::Severity::kWarning;
      std::map<std::string, std::vector<std::string>> grants;
      for (const auto* e : g.denied.empty() ? g.undecided : g.denied) {
        std::string where = e->request->feature;
        if (!e->request->container.empty()) where += " (container " + e->request->container + ")";
        f.evidence.push_back({role, DescribeEval(*e) + " — needed for " + where});
        if (!e->request->note.empty()) f.evidence.push_back({role, "note: " + e->request->note});
        std::string resource = e->request->resource;
        // Secret ARNs end in a random suffix; grant the name with "-*" when it is not known.
        const std::string suffix = "-<suffix>";
        if (resource.size() > suffix.size() &&
            resource.compare(resource.size() - suffix.size(), suffix.size(), suffix) == 0)
          resource = resource.substr(0, resource.size() - suffix.size()) + "-*";
        if (e->request->action.rfind("logs:", 0) == 0) {
          auto pos = resource.find(":log-stream:");
          if (pos != std::string::npos) resource = resource.substr(0, pos) + ":*";
        }
        grants[e->request->action].push_back(resource);
      }
      for (const auto* e : list)
        for (const auto& c : e->caveats) f.evidence.push_back({role, "caveat: " + c});
      std::string summary = "grant " + role_name + " exactly " + action_list +
                            " on the resources the start uses";
      std::vector<fix::Step> steps;
      if (pc.offer_managed) {
        summary += " (or attach the managed AmazonECSTaskExecutionRolePolicy)";
        steps.push_back(AttachExecutionPolicy(role));
      }
      for (const auto* e : list)
        if (e->result.decision == iam::Decision::kExplicitDeny && !e->result.deciding.empty()) {
          summary += "; the explicit Deny (" + DecidingStatements(e->result) +
                     ") wins over any Allow: narrow or remove it first";
          break;
        }
      if (!pc.extra_fix.empty()) summary += "; " + pc.extra_fix;
      if (pc.boundary_fix) {
        const model::IamRole* r = ctx.model.iam_roles().Find(role);
        const std::string boundary = r ? r->permissions_boundary_arn : "";
        f.fix = report::Fix::Of("add a statement allowing " + action_list + " to the permissions boundary " +
                                    boundary + " (a new default version holding its current statements plus " +
                                    LeastPrivilegeDocument(grants) + "), or remove the boundary from " + role_name,
                                {fix::PolicyVersion{boundary, "boundary.json"},
                                 fix::PermissionsBoundaryRemoval{role_name}});
        continue;
      }
      steps.push_back(fix::InlinePolicy{false, role_name, pc.policy_name, LeastPrivilegeDocument(grants)});
      f.fix = report::Fix::Of(summary, std::move(steps));
    }
  }
}

}  // namespace fd::checks
