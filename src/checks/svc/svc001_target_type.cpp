// SVC001: a service's target group does not register IP addresses; awsvpc tasks (every Fargate
// task) can only be registered by IP, so ECS rejects the service (docs/design/causes.md#svc001). Needs
// elbv2 describe-target-groups; unchecked for services with target groups when it is absent.
#include <string>

#include "checks/check_util.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kSvc001,
    .slug = "svc-target-type",
    .title = "target group `TargetType` is `instance`",
    .severity = report::Severity::kBlocker,
    .group = Group::kResources,
    .rationale = "A task in awsvpc network mode has its own network interface and no instance ID "
                 "ECS could register; its target group must use the ip target type. With an "
                 "instance (or lambda, alb) target group the service cannot be created or updated.",
    .evidence = "describe-services loadBalancers[].targetGroupArn; elbv2 describe-target-groups "
                "TargetType, Protocol, Port, VpcId",
    .remediation = "Create a target group of type ip in the tasks' VPC, attach it to the listener "
                   "and point the service at it.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-load-balancing.html "
                  "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/AWS_Fargate.html",
};

void Run(const CheckContext& ctx, FindingSink& sink) {
  const model::Model& m = ctx.model;
  for (const auto& ta : ctx.targets) {
    const auto& t = ta.target;
    if (!t.service) continue;
    for (const auto& lb : t.service->load_balancers) {
      if (lb.target_group_arn.empty()) continue;  // a Classic Load Balancer: SVC002
      if (!m.Has("TargetGroups")) {
        sink.Unchecked(kInfo, "target group " + lb.target_group_arn + " of " + t.name +
                                  ": the snapshot has no elbv2 describe-target-groups");
        continue;
      }
      const model::TargetGroup* g = m.target_groups().Find(lb.target_group_arn);
      if (!g) {
        sink.Unchecked(kInfo, "target group " + lb.target_group_arn + " of " + t.name +
                                  " is not in the snapshot's elbv2 describe-target-groups");
        continue;
      }
      if (g->target_type.empty() || g->target_type == "ip") continue;
      auto& f = sink.Report(kInfo, t, g->arn,
                            "target group " + g->name + " of " + t.name + " has target type " +
                                g->target_type + ", but Fargate tasks register by IP");
      f.evidence.push_back({g->arn, "TargetType is " + g->target_type + "; awsvpc tasks need ip"});
      if (f.fix.summary.empty()) {
        std::vector<fix::Step> steps;
        if (!g->protocol.empty() && g->port && !g->vpc_id.empty()) {
          std::string name = g->name.size() > 29 ? g->name.substr(0, 29) : g->name;
          steps.push_back(fix::TargetGroup{name + "-ip", g->protocol, *g->port, g->vpc_id, g->arn});
        }
        f.fix = report::Fix::Of("create an ip target group, attach it to the listener, and point the service at it",
                                std::move(steps));
      }
    }
  }
}

}  // namespace

const CheckDef kSvc001{kInfo, &Run};

}  // namespace fd::checks
