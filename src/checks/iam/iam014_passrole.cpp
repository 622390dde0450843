// IAM014: the caller of RunTask / CreateService cannot pass the execution or task role. Shown
// by a recorded "not authorized to perform: iam:PassRole" message (§1.3 pattern table), or, for
// a task definition not started yet, by the snapshot caller's (sts get-caller-identity) role
// policies when the snapshot holds them. Never guessed from anything else.
#include <regex>
#include <set>
#include "analysis/iam/policies.h"
#include "analysis/iam/wording.h"
#include "checks/check_util.h"


namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kIam014,
    .slug = "iam-passrole",
    .title = "the caller can't pass the roles",
    .severity = report::Severity::kWarning,
    .group = Group::kIam,
    .rationale = "Whoever calls RunTask or CreateService (a user, a pipeline role, an EventBridge "
                 "or Step Functions role) hands the execution and task roles to ECS, which needs "
                 "iam:PassRole on both. Without it the call is refused and no task appears at all.",
    .evidence = "stopped reasons and service events saying \"not authorized to perform: "
                "iam:PassRole\"; the policies of the role of sts get-caller-identity, evaluated "
                "for iam:PassRole with iam:PassedToService ecs-tasks.amazonaws.com",
    .remediation = "Allow iam:PassRole on the two roles to the caller, with the condition "
                   "iam:PassedToService ecs-tasks.amazonaws.com.",
    .references = "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html "
                  "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html",
};

std::string PassPolicy(const std::string& role) {
  return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
         "\"iam:PassRole\",\"Resource\":\"" + role + "\",\"Condition\":{\"StringEquals\":"
         "{\"iam:PassedToService\":\"ecs-tasks.amazonaws.com\"}}}]}";
}

/// The fix for a caller ARN: an inline policy on its role or user.
report::Fix FixFor(const std::string& caller, const std::string& role) {
  static const std::regex assumed(R"(^arn:[^:]+:sts::\d{12}:assumed-role/([^/]+)/)");
  static const std::regex user(R"(^arn:[^:]+:iam::\d{12}:user/(?:.*/)?([^/]+)$)");
  std::vector<fix::Step> steps;
  std::smatch mt;
  if (std::regex_search(caller, mt, assumed))
    steps.push_back(fix::InlinePolicy{false, mt[1].str(), "pass-ecs-task-roles", PassPolicy(role)});
  else if (std::regex_search(caller, mt, user))
    steps.push_back(fix::InlinePolicy{true, mt[1].str(), "pass-ecs-task-roles", PassPolicy(role)});
  return report::Fix::Of("allow iam:PassRole on the role to the caller", std::move(steps));
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  const model::Model& m = ctx.model;
  static const std::regex on_resource(R"(iam:PassRole on resource: (arn:[^\s"',]+))",
                                      std::regex::icase);
  static const std::regex who(R"(User: (arn:[^\s"',]+))");
  for (const auto& ta : ctx.targets) {
    const analysis::Target& t = ta.target;
    if (!t.task_definition) continue;
    std::string exec = t.task_definition->execution_role_arn, task = t.task_definition->task_role_arn;
    bool from_evidence = false;
    for (const auto& ev : ta.evidence) {
      if (!ev.Names(Code::kIam014)) continue;
      std::smatch mt;
      std::string role = std::regex_search(ev.message, mt, on_resource) ? mt[1].str() : exec;
      if (role.empty()) continue;
      std::string caller = std::regex_search(ev.message, mt, who) ? mt[1].str() : "";
      auto& f = sink.Report(kInfo, t, role,
                            "the caller" + (caller.empty() ? std::string() : " " + caller) +
                                " could not pass role " + role + " to ECS");
      f.evidence.push_back({ev.resource, (ev.time.empty() ? "" : ev.time + ": ") + ev.message});
      f.fix = FixFor(caller, role);
      from_evidence = true;
    }
    // A task definition not started yet: the snapshot's own caller is the likely starter.
    if (from_evidence || t.kind != analysis::TargetKind::kTaskDefinition || !m.caller()) continue;
    const std::string& caller = m.caller()->arn;
    static const std::regex assumed(R"(^arn:([^:]+):sts::(\d{12}):assumed-role/([^/]+)/)");
    std::smatch mt;
    if (!std::regex_search(caller, mt, assumed)) continue;
    const model::IamRole* caller_role = m.RoleByName(mt[2].str(), mt[3].str());
    if (!caller_role) continue;
    bool complete = false;
    iam::PolicySet set;
    set.identity = analysis::IdentityPolicies(m, caller_role->arn, &complete);
    for (const std::string& role : {exec, task}) {
      if (role.empty()) continue;
      iam::Request q;
      q.principal_type = iam::PrincipalType::kRoleSession;
      q.principal_arn = caller;
      q.role_arn = caller_role->arn;
      q.action = "iam:PassRole";
      q.resource_arn = role;
      q.context.Set("iam:PassedToService", "ecs-tasks.amazonaws.com");
      q.context.SetUnknown("aws:PrincipalOrgID");
      iam::Result res = iam::Evaluate(q, set);
      if (res.decision == iam::Decision::kAllowed) continue;
      if (res.decision == iam::Decision::kImplicitDeny && !complete) {
        sink.Unchecked(kInfo, "the policies of caller role " + caller_role->arn +
                                  " are not all in the snapshot: iam:PassRole on " + role +
                                  " cannot be decided");
        continue;
      }
      auto& f = sink.Report(kInfo, t, role,
                            "caller " + caller + " cannot pass role " + role + " to ECS");
      f.evidence.push_back({caller_role->arn, "iam:PassRole by " + caller_role->arn + ": " +
                                                  analysis::RefusalText(res.decision, res,
                                                                        "no identity policy allows it")});
      f.fix = FixFor(caller, role);
    }
  }
}

}  // namespace

const CheckDef kIam014{kInfo, &Run};

}  // namespace fd::checks
