// One finding per (target, role) for the permission checks, with the deciding statement of each
// denied request and a least-privilege inline policy for exactly the missing grants.

#include "checks/iam/iam_report.h"
#include "checks/iam/iam_fixes.h"
#include "util/strings.h"

#include <algorithm>
#include <map>
#include <set>

#include "analysis/iam/roles.h"
#include "analysis/iam/target_iam.h"
#include "analysis/iam/wording.h"
#include "checks/memo.h"

namespace fd::checks {

bool DecidedByIdentity(const analysis::IamEval& e) {
  if (!e.evaluated || !e.result.deciding_layer) return false;
  const auto& r = e.result;
  if (r.decision == iam::Decision::kExplicitDeny) return *r.deciding_layer == iam::PolicyType::kIdentity;
  if (r.decision != iam::Decision::kImplicitDeny) return false;
  // KMS and cross-account: the engine names the resource layer; the role side is at fault
  // when its own identity policies do not allow, and a role without any allows nothing.
  return r.identity == iam::LayerDecision::kImplicitDeny ||
         r.identity == iam::LayerDecision::kExplicitDeny ||
         r.identity == iam::LayerDecision::kNotApplicable;
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

/// A request's denials and open questions, per role.
struct RoleGroup {
  std::vector<const analysis::IamEval*> denied;
  std::vector<const analysis::IamEval*> undecided;
};

/// The requests `pc` owns that are not allowed, by role. An undecided request that hangs on
/// data the snapshot lacks is an unchecked entry, not a warning.
std::map<std::string, RoleGroup> GroupByRole(const CheckContext& ctx, FindingSink& sink,
                                             const CheckInfo& info, const PermissionCheck& pc,
                                             const analysis::TargetIam& ti) {
  std::map<std::string, RoleGroup> by_role;
  for (const auto& e : ti.evals) {
    if (!pc.owns(*e.request) || !e.evaluated) continue;  // not evaluated: IAM001/IAM002's
    if (e.result.decision == iam::Decision::kAllowed) continue;
    if (e.result.decision == iam::Decision::kUnknown) {
      if (e.data_gap) {
        sink.Unchecked(info, ti.ta->target.Key() + ": " + analysis::DescribeEval(e));
        continue;
      }
      if (OpenOnlyInGuardrails(e.result)) continue;  // IAM009 names the SCP/RCP and the key
      by_role[e.request->principal].undecided.push_back(&e);
      continue;
    }
    if (pc.mine(e, ctx.model)) by_role[e.request->principal].denied.push_back(&e);
  }
  return by_role;
}

/// The resource a least-privilege grant names for a request: a secret's unknown random suffix
/// as "-*", a log stream as its group's streams (the stream name holds the task ID).
std::string GrantResource(const analysis::IamRequest& r) {
  std::string resource = r.resource;
  const std::string suffix = "-<suffix>";
  if (resource.size() > suffix.size() &&
      resource.compare(resource.size() - suffix.size(), suffix.size(), suffix) == 0)
    resource = resource.substr(0, resource.size() - suffix.size()) + "-*";
  if (r.action.rfind("logs:", 0) == 0) {
    auto pos = resource.find(":log-stream:");
    if (pos != std::string::npos) resource = resource.substr(0, pos) + ":*";
  }
  return resource;
}

/// The fix of one role's finding: the exact grants (or the boundary's), the managed policy as
/// an alternative where `pc` offers it, and a word on an explicit Deny that would win anyway.
report::Fix PermissionFix(const CheckContext& ctx, const PermissionCheck& pc, const std::string& role,
                          const std::string& role_name, const std::string& action_list,
                          const std::vector<const analysis::IamEval*>& list,
                          const std::map<std::string, std::vector<std::string>>& grants) {
  if (pc.boundary_fix) {
    const model::IamRole* r = ctx.model.iam_roles().Find(role);
    const std::string boundary = r ? r->permissions_boundary_arn : "";
    return report::Fix::Of("add a statement allowing " + action_list + " to the permissions boundary " +
                               boundary + " (a new default version holding its current statements plus " +
                               LeastPrivilegeDocument(grants) + "), or remove the boundary from " + role_name,
                           {fix::PolicyVersion{boundary, "boundary.json"},
                            fix::PermissionsBoundaryRemoval{role_name}});
  }
  std::string summary = "grant " + role_name + " exactly " + action_list + " on the resources the start uses";
  std::vector<fix::Step> steps;
  if (pc.offer_managed) {
    summary += " (or attach the managed AmazonECSTaskExecutionRolePolicy)";
    steps.push_back(AttachExecutionPolicy(role));
  }
  auto deny = std::find_if(list.begin(), list.end(), [](const analysis::IamEval* e) {
    return e->result.decision == iam::Decision::kExplicitDeny && !e->result.deciding.empty();
  });
  if (deny != list.end())
    summary += "; the explicit Deny (" + analysis::DecidingStatements((*deny)->result) +
               ") wins over any Allow: narrow or remove it first";
  if (!pc.extra_fix.empty()) summary += "; " + pc.extra_fix;
  steps.push_back(fix::InlinePolicy{false, role_name, pc.policy_name, LeastPrivilegeDocument(grants)});
  return report::Fix::Of(summary, std::move(steps));
}

/// One finding for a role: denied (a blocker) or, when nothing is denied outright, possibly
/// denied depending on the request context (a warning); one evidence line per request.
void ReportRole(const CheckContext& ctx, FindingSink& sink, const CheckInfo& info,
                const PermissionCheck& pc, const analysis::Target& target, const std::string& role,
                const RoleGroup& g) {
  const std::string role_name = analysis::RoleNameOfArn(role).empty() ? role : analysis::RoleNameOfArn(role);
  const bool blocked = !g.denied.empty();
  const auto& list = blocked ? g.denied : g.undecided;
  std::set<std::string> actions;
  for (const auto* e : list) actions.insert(e->request->action);
  const std::string action_list = util::Join(actions, ", ");
  const char* kind = list.front()->request->principal_kind == analysis::IamPrincipalKind::kTaskRole
                         ? "task role " : "execution role ";
  auto& f = sink.Report(info, target, role,
                        std::string(kind) + role_name + " " + pc.what + ": " + action_list +
                            (blocked ? " denied" : " may be denied (depends on the request context)"));
  if (!blocked) f.severity = report::Severity::kWarning;
  std::map<std::string, std::vector<std::string>> grants;
  for (const auto* e : list) {
    std::string where = e->request->feature;
    if (!e->request->container.empty()) where += " (container " + e->request->container + ")";
    f.evidence.push_back({role, analysis::DescribeEval(*e) + " — needed for " + where});
    if (!e->request->note.empty()) f.evidence.push_back({role, "note: " + e->request->note});
    grants[e->request->action].push_back(GrantResource(*e->request));
  }
  for (const auto* e : list)
    for (const auto& c : e->caveats) f.evidence.push_back({role, "caveat: " + c});
  f.fix = PermissionFix(ctx, pc, role, role_name, action_list, list, grants);
}

}  // namespace

void ReportPermissionCheck(const CheckContext& ctx, FindingSink& sink, const CheckInfo& info,
                           const PermissionCheck& pc) {
  if (!analysis::HasIamData(ctx.model)) return;  // IAM002 says what to collect, once per target
  for (const auto& ta : ctx.targets) {
    if (!ta.target.task_definition) continue;
    const analysis::TargetIam& ti = IamOf(ctx, ta);
    for (const auto& [role, g] : GroupByRole(ctx, sink, info, pc, ti))
      ReportRole(ctx, sink, info, pc, ta.target, role, g);
  }
}

}  // namespace fd::checks
