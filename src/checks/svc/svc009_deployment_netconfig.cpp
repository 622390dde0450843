// SVC009: the PRIMARY deployment (the one ECS is starting) failed tasks and carries a network
// configuration that differs from the service's, which is what the path checks evaluated: the
// difference is named so the engineer looks at the right subnets and security groups.
#include <algorithm>
#include <set>

#include "checks/check_util.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kSvc009,
    .slug = "svc-deployment-netconfig",
    .title = "the failing deployment uses a different network configuration",
    .severity = report::Severity::kBlocker,
    .group = Group::kResources,
    .rationale = "Each deployment carries its own network configuration; tasks of the deployment "
                 "being started use it, not what the service shows elsewhere, so the subnets and "
                 "security groups that fail may not be the ones an engineer inspects.",
    .evidence = "describe-services deployments[].networkConfiguration, status, failedTasks and "
                "rolloutState against the service's networkConfiguration",
    .remediation = "Diagnose the failing deployment's subnets and security groups, or update the "
                   "service so its deployment uses the intended ones.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Deployment.html",
};

std::vector<std::string> Minus(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::set<std::string> sb(b.begin(), b.end());
  std::set<std::string> out;
  for (const auto& x : a)
    if (!sb.count(x)) out.insert(x);
  return {out.begin(), out.end()};
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  for (const auto& ta : ctx.targets) {
    const model::EcsService* s = ta.target.service;
    if (!s || !s->network.present) continue;
    for (const auto& d : s->deployments) {
      if (d.status != "PRIMARY" || !d.network.present) continue;
      if (d.failed_tasks == 0 && d.rollout_state != "FAILED") continue;
      const auto& a = s->network;
      const auto& b = d.network;
      std::vector<report::Evidence> diffs;
      auto add = [&](const char* what, const std::vector<std::string>& only_dep, const std::vector<std::string>& only_svc) {
        if (!only_dep.empty()) diffs.push_back({only_dep.front(), std::string(what) + " only in deployment " + d.id + ": " + JoinList(only_dep)});
        if (!only_svc.empty()) diffs.push_back({only_svc.front(), std::string(what) + " only in the service: " + JoinList(only_svc)});
      };
      add("subnets", Minus(b.subnets, a.subnets), Minus(a.subnets, b.subnets));
      add("security groups", Minus(b.security_groups, a.security_groups), Minus(a.security_groups, b.security_groups));
      if (a.assign_public_ip.value_or(false) != b.assign_public_ip.value_or(false))
        diffs.push_back({s->arn, std::string("assignPublicIp ") + (b.assign_public_ip.value_or(false) ? "ENABLED" : "DISABLED") +
                                     " in deployment " + d.id + ", " +
                                     (a.assign_public_ip.value_or(false) ? "ENABLED" : "DISABLED") + " in the service"});
      if (diffs.empty()) continue;
      auto& f = sink.Report(kInfo, ta.target, d.id.empty() ? s->arn : d.id,
                            "deployment " + d.id + " of " + s->name + " (" + std::to_string(d.failed_tasks) +
                                " failed tasks) uses a different network configuration than the service: " + diffs.front().claim);
      for (auto& e : diffs) f.evidence.push_back(std::move(e));
      f.fix = report::Fix::Of(
          "diagnose the deployment's own subnets and security groups, or redeploy with the intended ones",
          {NetworkUpdate(ta.target, a.subnets, a.security_groups, "")});
    }
  }
}

}  // namespace

const CheckDef kSvc009{kInfo, &Run};

}  // namespace fd::checks
