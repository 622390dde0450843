// IAM009: an organizations guardrail (a service control policy on the role's account path, or a
// resource control policy on the resource's) is what denies a request the start makes, or leaves
// it hanging on a context key the snapshot cannot tell. Without organizations data the guardrail
// layers are not evaluated and this check stays silent (the data is optional; evidence says so).
#include <map>
#include <set>

#include "checks/check_util.h"
#include "checks/iam/iam_eval.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kIam009,
    .slug = "iam-guardrail-scp-rcp",
    .title = "organization policies deny",
    .severity = report::Severity::kBlocker,
    .group = Group::kIam,
    .rationale = "Service control policies cap what any role of an account may do, and resource "
                 "control policies cap what may be done to a resource, whatever the role's own "
                 "policies say. A Deny written for people (on ECR, Logs or Secrets Manager, a "
                 "Region restriction, a VPC or endpoint perimeter) also hits the Fargate agent's "
                 "calls with the execution role, and the task stops before it starts.",
    .evidence = "organizations describe-policy (SCP and RCP texts) and the targets they are "
                "attached to (root, OUs, account); the requests the start makes",
    .remediation = "Add an exception for the execution role (a condition on aws:PrincipalArn) "
                   "to the denying statement, or narrow it so the calls the start makes no "
                   "longer match.",
    .references = "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html",
};

bool IsGuardrail(iam::PolicyType t) {
  return t == iam::PolicyType::kScp || t == iam::PolicyType::kRcp;
}

/// "root r-1", "OU ou-1", "account 1".
std::string LevelName(const std::string& target) {
  if (target.rfind("r-", 0) == 0) return "root " + target;
  if (target.rfind("ou-", 0) == 0) return "OU " + target;
  return "account " + target;
}

/// The policy id at the end of an evaluation name "SCP name (p-1)"; "" when there is none.
std::string PolicyIdOf(const std::string& name) {
  auto open = name.rfind(" (");
  if (open == std::string::npos || name.empty() || name.back() != ')') return "";
  std::string id = name.substr(open + 2, name.size() - open - 3);
  return id.rfind("p-", 0) == 0 ? id : "";
}

/// The organizations target whose levels hold `policy_name` (or, for an implicit deny, the
/// failing level), rebuilt from the same policy set EvaluateTarget evaluated.
std::string LevelOf(const model::Model& m, const IamEval& e, iam::PolicyType layer,
                    const std::string& policy_name) {
  const model::IamRole* role = m.iam_roles().Find(e.request->principal);
  if (!role) return "";
  BuiltRequest b = BuildRoleRequest(m, *role, e.request->action, e.request->resource,
                                    e.request->resource_account, e.request->via_endpoint);
  const auto& levels = layer == iam::PolicyType::kScp ? b.policies.scps : b.policies.rcps;
  if (!policy_name.empty())
    for (const auto& l : levels)
      for (const auto& p : l.policies)
        if (p.name == policy_name) return l.target;
  const auto& failing = layer == iam::PolicyType::kScp ? e.result.failing_scp_level
                                                        : e.result.failing_rcp_level;
  if (failing && *failing < levels.size()) return levels[*failing].target;
  return "";
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  if (!HasIamData(ctx.model)) return;  // IAM002 says what to collect, once per target
  if (ctx.model.org_policies().size() == 0) return;  // organizations data is optional
  for (const auto& ta : ctx.targets) {
    if (!ta.target.task_definition) continue;
    const TargetIam& ti = EvaluateTarget(ctx, ta);
    struct Group {
      bool blocked = false;
      std::string layer_name;  // "SCP" / "RCP"
      std::string level;
      std::string policy_id;
      std::set<std::string> actions;
      std::set<std::string> keys;
      std::vector<std::pair<std::string, std::string>> evidence;
      std::set<std::string> roles;
    };
    std::map<std::string, Group> by_policy;  // resource: policy id, or level target
    for (const auto& e : ti.evals) {
      if (!e.evaluated || e.request->principal_kind == analysis::IamPrincipalKind::kService) continue;
      // A push-side call a pull never makes (see IAM004): its denial stops nothing.
      if (e.request->action == "ecr:BatchCheckLayerAvailability") continue;
      const auto& r = e.result;
      const bool denied = r.decision == iam::Decision::kExplicitDeny ||
                          r.decision == iam::Decision::kImplicitDeny;
      if (denied) {
        if (!r.deciding_layer || !IsGuardrail(*r.deciding_layer)) continue;
        const iam::PolicyType layer = *r.deciding_layer;
        const char* lname = layer == iam::PolicyType::kScp ? "SCP" : "RCP";
        std::vector<std::pair<std::string, std::string>> stmts;  // policy name, label
        for (const auto& s : r.deciding)
          if (s.policy_type == layer) stmts.emplace_back(s.policy_name, s.Label());
        if (stmts.empty()) stmts.emplace_back("", "");
        for (const auto& [pname, label] : stmts) {
          const std::string level = LevelOf(ctx.model, e, layer, pname);
          const std::string id = PolicyIdOf(pname);
          const std::string key = !id.empty() ? id : !level.empty() ? level : lname;
          Group& g = by_policy[key];
          g.blocked = true;
          g.layer_name = lname;
          g.level = level;
          g.policy_id = id;
          g.actions.insert(e.request->action);
          g.roles.insert(e.request->principal);
          std::string where = level.empty() ? "" : " attached to " + LevelName(level);
          std::string why = pname.empty()
                                ? "no " + std::string(lname) + " at " +
                                      (level.empty() ? std::string("one level") : LevelName(level)) +
                                      " allows it"
                                : "explicit Deny in " + pname + where + " statement " + label;
          g.evidence.push_back({key, e.request->action + " on " + e.request->resource + " by " +
                                         e.request->principal + ": " + why + " — needed for " +
                                         e.request->feature});
        }
        continue;
      }
      if (r.decision != iam::Decision::kUnknown) continue;
      if (r.organizations_scp != iam::LayerDecision::kUnknown &&
          r.resource_control_policy != iam::LayerDecision::kUnknown)
        continue;
      // Only context keys a real start may or may not carry: data gaps are the permission
      // checks' unchecked entries.
      std::vector<std::string> keys;
      for (size_t i = 0; i < r.missing_context_values.size() && i < e.unknowns.size(); ++i)
        if (e.unknowns[i].rfind("context key ", 0) == 0) keys.push_back(r.missing_context_values[i]);
      if (keys.empty()) continue;
      std::string pname;
      iam::PolicyType layer = iam::PolicyType::kScp;
      for (const auto& s : r.deciding)
        if (IsGuardrail(s.policy_type)) {
          pname = s.policy_name;
          layer = s.policy_type;
          break;
        }
      if (pname.empty()) continue;  // the open question is not the guardrail's
      const std::string level = LevelOf(ctx.model, e, layer, pname);
      const std::string id = PolicyIdOf(pname);
      const std::string key = !id.empty() ? id : !level.empty() ? level : pname;
      Group& g = by_policy[key];
      g.layer_name = layer == iam::PolicyType::kScp ? "SCP" : "RCP";
      g.level = level;
      g.policy_id = id;
      g.actions.insert(e.request->action);
      g.roles.insert(e.request->principal);
      for (const auto& k : keys) g.keys.insert(k);
      g.evidence.push_back({key, DescribeEval(e) + " — needed for " + e.request->feature});
    }
    for (const auto& [key, g] : by_policy) {
      std::string action_list;
      for (const auto& a : g.actions) action_list += (action_list.empty() ? "" : ", ") + a;
      std::string key_list;
      for (const auto& k : g.keys) key_list += (key_list.empty() ? "" : ", ") + k;
      const std::string at = g.level.empty() ? "" : " at " + LevelName(g.level);
      const std::string what = g.layer_name + " " + key + at;
      auto& f = sink.Report(
          kInfo, ta.target, key,
          g.blocked ? what + " denies " + action_list
                    : what + " may deny " + action_list + " (depends on " + key_list +
                          ", which the snapshot cannot tell)");
      if (!g.blocked) f.severity = report::Severity::kWarning;
      for (const auto& ev : g.evidence) f.evidence.push_back({ev.first, ev.second});
      std::string exception;
      for (const auto& role : g.roles)
        exception += std::string(exception.empty() ? "" : ", ") + "\"" + role + "\"";
      std::string summary =
          "read " + g.layer_name + " " + key +
          " and add an exception for the execution role to the statement that denies (condition "
          "{\"ArnNotLike\":{\"aws:PrincipalArn\":[" + exception +
          "]}}), or narrow the statement so " + action_list +
          " no longer match; guardrails are managed from the organization's management account";
      std::vector<fix::Step> steps;
      if (!g.policy_id.empty()) {
        steps.push_back(fix::Read{"organizations", "describe-policy", {"--policy-id", g.policy_id}});
        steps.push_back(fix::OrganizationPolicy{g.policy_id});
      } else if (!g.level.empty()) {
        steps.push_back(fix::Read{"organizations", "list-policies-for-target",
                                  {"--target-id", g.level, "--filter",
                                   g.layer_name == "SCP" ? "SERVICE_CONTROL_POLICY" : "RESOURCE_CONTROL_POLICY"}});
      }
      f.fix = report::Fix::Of(summary, std::move(steps));
    }
  }
}

}  // namespace

const CheckDef kIam009{kInfo, &Run};

}  // namespace fd::checks
