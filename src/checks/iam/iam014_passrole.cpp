// IAM014: the caller of RunTask / CreateService cannot pass the execution or task role. Shown
// by a recorded "not authorized to perform: iam:PassRole" message (§1.3 pattern table), or, for
// a task definition not started yet, by the snapshot caller's (sts get-caller-identity) role
// policies when the snapshot holds them. Never guessed from anything else.
#include <regex>
#include <set>
#include "analysis/iam/wording.h"
#include "checks/check_util.h"
#include "checks/memo.h"


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
    const std::string& exec = t.task_definition->execution_role_arn;
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
    // A task definition not started yet: the snapshot's own caller is the likely starter. Its
    // role's identity policies are what is judged here (analysis::CallerRequests).
    if (from_evidence) continue;
    const analysis::TargetIam& ti = IamOf(ctx, ta);
    for (const auto& e : ti.caller_evals) {
      if (!e.evaluated) continue;
      const std::string& caller_role = e.request->principal;
      const std::string& role = e.request->resource;
      const analysis::LayerVerdict v = analysis::LayerOf(e, iam::PolicyType::kIdentity);
      if (v.decision == iam::LayerDecision::kAllow) continue;
      if (v.decision == iam::LayerDecision::kUnknown && v.keys.empty()) {  // only missing data
        sink.Unchecked(kInfo, "the policies of caller role " + caller_role +
                                  " are not all in the snapshot: iam:PassRole on " + role +
                                  " cannot be decided");
        continue;
      }
      const std::string& caller = m.caller()->arn;
      auto& f = sink.Report(kInfo, t, role,
                            "caller " + caller + " cannot pass role " + role + " to ECS");
      f.evidence.push_back({caller_role, "iam:PassRole by " + caller_role + ": " +
                                             analysis::RefusalText(v, "no identity policy allows it")});
      f.fix = FixFor(caller, role);
    }
  }
}

}  // namespace

const CheckDef kIam014{kInfo, &Run};

}  // namespace fd::checks
