// SVC003: a service's loadBalancers[] names a container, or a container port, that the task
// definition does not have; ECS refuses the deployment (docs/design/causes.md#svc003). Needs only the service
// and its task definition.
#include <string>

#include "checks/check_util.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kSvc003,
    .slug = "svc-lb-container",
    .title = "`loadBalancers[].containerName` / `containerPort` not in the task definition",
    .severity = report::Severity::kBlocker,
    .group = Group::kResources,
    .rationale = "ECS registers one container port of each task with the target group. When the "
                 "container named by the service is not in the task definition, or does not map "
                 "that port, ECS rejects the deployment and no task of the new revision starts.",
    .evidence = "describe-services loadBalancers[].containerName and containerPort; the task "
                "definition's containerDefinitions[].name and portMappings[].containerPort",
    .remediation = "Point the service at a container and port the task definition maps, or add "
                   "the port mapping to the container in a new task definition revision.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/troubleshoot-service-load-balancers.html",
};

std::string Ports(const model::ContainerDefinition& c) {
  std::vector<std::string> out;
  for (const auto& p : c.port_mappings)
    if (p.container_port) out.push_back(std::to_string(*p.container_port));
  return out.empty() ? "no port mappings" : "ports " + JoinList(out);
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  for (const auto& ta : ctx.targets) {
    const auto& t = ta.target;
    const model::TaskDefinition* td = t.task_definition;
    if (!t.service || !td) continue;  // no task definition: reported as a target-level gap
    for (const auto& lb : t.service->load_balancers) {
      if (lb.container_name.empty()) continue;  // the API itself requires it
      const model::ContainerDefinition* c = nullptr;
      for (const auto& cd : td->containers)
        if (cd.name == lb.container_name) c = &cd;
      const std::string where = lb.target_group_arn.empty() ? lb.load_balancer_name : lb.target_group_arn;
      const std::string port = lb.container_port ? std::to_string(*lb.container_port) : "";
      std::string claim;
      if (!c) {
        std::vector<std::string> names;
        for (const auto& cd : td->containers) names.push_back(cd.name);
        claim = "the service sends " + where + " to container " + lb.container_name + ", but " +
                td->DisplayName() + " has only " + JoinList(names);
      } else if (lb.container_port) {
        bool mapped = false;
        for (const auto& p : c->port_mappings) mapped = mapped || p.container_port == lb.container_port;
        if (mapped) continue;
        claim = "the service sends " + where + " to " + lb.container_name + ":" + port +
                ", but that container in " + td->DisplayName() + " has " + Ports(*c);
      } else {
        continue;
      }
      auto& f = sink.Report(kInfo, t, td->arn.empty() ? td->DisplayName() : td->arn,
                            "load balancer container " + lb.container_name + (port.empty() ? "" : ":" + port) +
                                " of " + t.name + " is not in " + td->DisplayName());
      f.evidence.push_back({t.service->arn, claim});
      if (f.fix.summary.empty()) {
        std::vector<fix::Step> steps;
        if (c && c->port_mappings.size() == 1 && c->port_mappings[0].container_port &&
            !lb.target_group_arn.empty()) {
          fix::ServiceUpdate u;
          u.cluster = t.cluster_arn;
          u.service = t.service->name;
          u.load_balancers = "targetGroupArn=" + lb.target_group_arn + ",containerName=" + c->name +
                             ",containerPort=" + std::to_string(*c->port_mappings[0].container_port);
          steps.push_back(u);
        }
        f.fix = report::Fix::Of("map the container port in a new task definition revision, or point the "
                                "service at a container and port the task definition maps",
                                std::move(steps));
      }
    }
  }
}

}  // namespace

const CheckDef kSvc003{kInfo, &Run};

}  // namespace fd::checks
