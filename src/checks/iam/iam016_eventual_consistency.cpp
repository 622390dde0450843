// IAM016: a start failed with "unable to assume the role" only minutes after the execution or
// task role (or a policy attached to it) was created or last changed: most likely IAM's
// eventual consistency, which clears by itself, rather than a broken trust policy.
#include <ctime>
#include <optional>

#include "checks/check_util.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kIam016,
    .slug = "iam-eventual-consistency",
    .title = "role/policy just created or changed",
    .severity = report::Severity::kWarning,
    .group = Group::kIam,
    .rationale = "IAM changes take a while to reach every Region and service. A task started "
                 "seconds after its role or policy was created can fail with \"unable to assume "
                 "the role\" although the configuration is right; later starts succeed.",
    .evidence = "iam Role CreateDate and attached policy UpdateDate against the time of the "
                "first failed start whose message says ECS was unable to assume the role",
    .remediation = "Start the task again; in automation, wait for the role (aws iam wait "
                   "role-exists) and allow a short delay before the first start.",
    .references = "https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_general.html#troubleshoot_general_eventual-consistency",
};

constexpr double kWindowSeconds = 15 * 60;

/// Seconds since the epoch of "2025-03-11T09:12:01.5+01:00", "…Z" or "1741684321.5".
std::optional<double> ParseTime(const std::string& s) {
  if (s.empty()) return std::nullopt;
  if (s.find('-') == std::string::npos) {
    char* end = nullptr;
    double v = std::strtod(s.c_str(), &end);
    if (end == s.c_str()) return std::nullopt;
    return v;
  }
  std::tm tm{};
  int Y, M, D, h, mi;
  double sec;
  if (std::sscanf(s.c_str(), "%d-%d-%dT%d:%d:%lf", &Y, &M, &D, &h, &mi, &sec) != 6)
    return std::nullopt;
  tm.tm_year = Y - 1900;
  tm.tm_mon = M - 1;
  tm.tm_mday = D;
  tm.tm_hour = h;
  tm.tm_min = mi;
  double t = static_cast<double>(timegm(&tm)) + sec;
  size_t tpos = s.find('T');
  size_t zpos = s.find_first_of("+-Z", tpos);
  if (zpos != std::string::npos && s[zpos] != 'Z') {
    int oh = 0, om = 0;
    if (std::sscanf(s.c_str() + zpos + 1, "%d:%d", &oh, &om) >= 1) {
      double off = oh * 3600.0 + om * 60.0;
      t += s[zpos] == '+' ? -off : off;
    }
  }
  return t;
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  const model::Model& m = ctx.model;
  for (const auto& ta : ctx.targets) {
    const analysis::Target& t = ta.target;
    if (!t.task_definition) continue;
    // The earliest failure that says ECS could not assume a role.
    const analysis::RuntimeEvidence* first = nullptr;
    std::optional<double> first_time;
    for (const auto& ev : ta.evidence) {
      if (!ev.Names(Code::kIam016)) continue;
      auto when = ParseTime(ev.time);
      if (!when) continue;
      if (!first_time || *when < *first_time) first = &ev, first_time = when;
    }
    if (!first) continue;
    std::string exec = t.task_definition->execution_role_arn, task = t.task_definition->task_role_arn;
    if (t.task && !t.task->execution_role_override.empty()) exec = t.task->execution_role_override;
    if (t.task && !t.task->task_role_override.empty()) task = t.task->task_role_override;
    for (const std::string& arn : {exec, task}) {
      if (arn.empty()) continue;
      const model::IamRole* role = m.iam_roles().Find(arn);
      if (!role) continue;
      std::string changed = "role CreateDate " + role->create_date;
      std::optional<double> when = ParseTime(role->create_date);
      for (const auto& p : role->attached_policy_arns) {
        const model::IamManagedPolicy* mp = m.iam_policies().Find(p);
        if (!mp || mp->aws_managed) continue;
        auto u = ParseTime(mp->update_date.empty() ? mp->create_date : mp->update_date);
        if (u && (!when || *u > *when) && *u <= *first_time)
          when = u, changed = "policy " + p + " updated " + mp->update_date;
      }
      if (!when || *when > *first_time || *first_time - *when > kWindowSeconds) continue;
      auto& f = sink.Report(kInfo, t, role->arn,
                            "ECS could not assume role " + role->name + " " +
                                std::to_string(static_cast<long>((*first_time - *when) / 60)) +
                                " minute(s) after it was created or changed: likely IAM "
                                "propagation delay");
      f.evidence.push_back({role->arn, changed});
      f.evidence.push_back({first->resource, first->time + ": " + first->message});
      if (t.service) {
        fix::ServiceUpdate u;
        u.cluster = t.cluster_arn;
        u.service = t.name;
        u.force_new_deployment = true;
        u.region = t.region;
        f.fix = report::Fix::Of("start again once the change has propagated", {u});
      } else {
        f.fix = report::Fix::Of("start the task again once the change has propagated", {});
      }
    }
  }
}

}  // namespace

const CheckDef kIam016{kInfo, &Run};

}  // namespace fd::checks
