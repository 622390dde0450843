// IAM009: an organizations guardrail (a service control policy on the role's account path, or a
// resource control policy on the resource's) is what denies a request the start makes, or leaves
// it hanging on a context key the snapshot cannot tell. Without organizations data the guardrail
// layers are not evaluated and this check stays silent (the data is optional; evidence says so).
#include <algorithm>
#include <map>
#include <set>

#include "analysis/iam/roles.h"
#include "analysis/iam/target_iam.h"
#include "analysis/iam/wording.h"
#include "checks/check_util.h"
#include "checks/memo.h"

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

/// The organizations target whose level holds `policy_name` (or, for an implicit deny, the
/// failing level), as the analysis evaluated them.
std::string LevelOf(const analysis::IamEval& e, iam::PolicyType layer, const std::string& policy_name) {
  const auto& levels = layer == iam::PolicyType::kScp ? e.scp_levels : e.rcp_levels;
  if (!policy_name.empty())
    for (const auto& l : levels)
      if (std::find(l.policies.begin(), l.policies.end(), policy_name) != l.policies.end()) return l.target;
  const auto& failing = layer == iam::PolicyType::kScp ? e.result.failing_scp_level
                                                        : e.result.failing_rcp_level;
  if (failing && *failing < levels.size()) return levels[*failing].target;
  return "";
}

/// What one guardrail policy (or level) does to a target's start: the calls it denies or may
/// deny, by which roles, on which unknown keys.
struct Group {
  bool blocked = false;
  std::string layer_name;  // "SCP" / "RCP"
  std::string level;
  std::string policy_id;
  std::set<std::string> actions;
  std::set<std::string> keys;
  std::vector<report::Evidence> evidence;
  std::set<std::string> roles;
};
using Groups = std::map<std::string, Group>;  // by policy id, or level target

/// The group of the guardrail `pname` at its level: its key is the policy's ID, else the level,
/// else `fallback`.
Group& GroupOf(Groups& groups, const analysis::IamEval& e, iam::PolicyType layer,
               const std::string& pname, const std::string& fallback, std::string* key) {
  const std::string level = LevelOf(e, layer, pname);
  const std::string id = PolicyIdOf(pname);
  *key = !id.empty() ? id : !level.empty() ? level : fallback;
  Group& g = groups[*key];
  g.layer_name = layer == iam::PolicyType::kScp ? "SCP" : "RCP";
  g.level = level;
  g.policy_id = id;
  g.actions.insert(e.request->action);
  g.roles.insert(e.request->principal);
  return g;
}

/// A request a guardrail denies: one evidence line per deciding statement of that layer.
void AddDenied(Groups& groups, const analysis::IamEval& e) {
  const auto& r = e.result;
  if (!r.deciding_layer || !IsGuardrail(*r.deciding_layer)) return;
  const iam::PolicyType layer = *r.deciding_layer;
  const std::string lname = layer == iam::PolicyType::kScp ? "SCP" : "RCP";
  std::vector<std::pair<std::string, std::string>> stmts;  // policy name, label
  for (const auto& st : r.deciding)
    if (st.policy_type == layer) stmts.emplace_back(st.policy_name, st.Label());
  if (stmts.empty()) stmts.emplace_back("", "");
  for (const auto& [pname, label] : stmts) {
    std::string key;
    Group& g = GroupOf(groups, e, layer, pname, lname, &key);
    g.blocked = true;
    const std::string where = g.level.empty() ? "" : " attached to " + LevelName(g.level);
    const std::string why = pname.empty() ? "no " + lname + " at " +
                                                (g.level.empty() ? std::string("one level") : LevelName(g.level)) +
                                                " allows it"
                                          : "explicit Deny in " + pname + where + " statement " + label;
    g.evidence.push_back({key, e.request->action + " on " + e.request->resource + " by " +
                                   e.request->principal + ": " + why + " — needed for " + e.request->feature});
  }
}

/// A request left undecided by a guardrail's condition on a context key a real start may or may
/// not carry (data gaps are the permission checks' unchecked entries).
void AddUndecided(Groups& groups, const analysis::IamEval& e) {
  const auto& r = e.result;
  if (r.organizations_scp != iam::LayerDecision::kUnknown &&
      r.resource_control_policy != iam::LayerDecision::kUnknown)
    return;
  std::vector<std::string> keys;
  for (size_t i = 0; i < r.missing_context_values.size() && i < e.unknowns.size(); ++i)
    if (e.unknowns[i].rfind("context key ", 0) == 0) keys.push_back(r.missing_context_values[i]);
  if (keys.empty()) return;
  auto st = std::find_if(r.deciding.begin(), r.deciding.end(),
                         [](const iam::MatchedStatement& m) { return IsGuardrail(m.policy_type); });
  if (st == r.deciding.end() || st->policy_name.empty()) return;  // the open question is not the guardrail's
  std::string key;
  Group& g = GroupOf(groups, e, st->policy_type, st->policy_name, st->policy_name, &key);
  g.keys.insert(keys.begin(), keys.end());
  g.evidence.push_back({key, analysis::DescribeEval(e) + " — needed for " + e.request->feature});
}

/// The fix: read the policy (or the level's list) and add an exception for the roles, from the
/// organization's management account.
report::Fix GuardrailFix(const std::string& key, const Group& g, const std::string& action_list) {
  std::string exception;
  for (const auto& role : g.roles) exception += std::string(exception.empty() ? "" : ", ") + "\"" + role + "\"";
  const std::string summary =
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
  return report::Fix::Of(summary, std::move(steps));
}

void Report(FindingSink& sink, const analysis::Target& target, const std::string& key, const Group& g) {
  const std::string action_list = util::Join(g.actions, ", ");
  const std::string at = g.level.empty() ? "" : " at " + LevelName(g.level);
  const std::string what = g.layer_name + " " + key + at;
  auto& f = sink.Report(kInfo, target, key,
                        g.blocked ? what + " denies " + action_list
                                  : what + " may deny " + action_list + " (depends on " +
                                        util::Join(g.keys, ", ") + ", which the snapshot cannot tell)");
  if (!g.blocked) f.severity = report::Severity::kWarning;
  f.evidence.insert(f.evidence.end(), g.evidence.begin(), g.evidence.end());
  f.fix = GuardrailFix(key, g, action_list);
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  if (!analysis::HasIamData(ctx.model)) return;  // IAM002 says what to collect, once per target
  if (ctx.model.org_policies().size() == 0) return;  // organizations data is optional
  for (const auto& ta : ctx.targets) {
    if (!ta.target.task_definition) continue;
    Groups groups;
    for (const auto& e : IamOf(ctx, ta).evals) {
      if (!e.evaluated || e.request->principal_kind == analysis::IamPrincipalKind::kService) continue;
      const iam::Decision d = e.result.decision;
      if (d == iam::Decision::kExplicitDeny || d == iam::Decision::kImplicitDeny) AddDenied(groups, e);
      else if (d == iam::Decision::kUnknown) AddUndecided(groups, e);
    }
    for (const auto& [key, g] : groups) Report(sink, ta.target, key, g);
  }
}

}  // namespace

const CheckDef kIam009{kInfo, &Run};

}  // namespace fd::checks
