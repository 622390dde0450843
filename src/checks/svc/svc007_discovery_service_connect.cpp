// SVC007: service discovery or Service Connect configured in a way the task definition cannot
// satisfy, so tasks wait in ACTIVATING (docs/design/causes.md#svc007): a registry without ARN, a registry or
// Service Connect port naming a container or port the task definition lacks. Configuration only:
// the Cloud Map registries and namespaces themselves are not in the snapshot.
#include <set>
#include <string>

#include "checks/check_util.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kSvc007,
    .slug = "svc-discovery-service-connect",
    .title = "ACTIVATING never completes",
    .severity = report::Severity::kWarning,
    .group = Group::kResources,
    .rationale = "Before a task is RUNNING, ECS registers it with Cloud Map (serviceRegistries) "
                 "and sets up Service Connect. A registry entry naming a container or port the "
                 "task definition lacks, or a Service Connect service whose portName is no named "
                 "port mapping, leaves nothing to register and the task never leaves ACTIVATING.",
    .evidence = "describe-services serviceRegistries[] (registryArn, containerName, containerPort) "
                "and serviceConnectConfiguration.services[].portName (also on the PRIMARY "
                "deployment); the task definition's portMappings[] containerPort and name",
    .remediation = "Make serviceRegistries name a container and port of the task definition, and "
                   "give each Service Connect portName a port mapping of that name.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-discovery.html "
                  "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-connect.html "
                  "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-lifecycle-explanation.html",
};

const model::ContainerDefinition* Container(const model::TaskDefinition& td, const std::string& name) {
  for (const auto& c : td.containers)
    if (c.name == name) return &c;
  return nullptr;
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  for (const auto& ta : ctx.targets) {
    const auto& t = ta.target;
    const model::TaskDefinition* td = t.task_definition;
    if (!t.service || !td) continue;
    std::vector<std::string> claims;
    for (const auto& r : t.service->service_registries) {
      if (r.registry_arn.empty()) claims.push_back("a serviceRegistries entry has no registryArn");
      if (r.container_name.empty()) continue;
      const auto* c = Container(*td, r.container_name);
      if (!c) {
        claims.push_back("serviceRegistries names container " + r.container_name + ", which " +
                         td->DisplayName() + " does not have");
        continue;
      }
      if (!r.container_port) continue;
      bool mapped = false;
      for (const auto& p : c->port_mappings) mapped = mapped || p.container_port == r.container_port;
      if (!mapped)
        claims.push_back("serviceRegistries names " + r.container_name + ":" + std::to_string(*r.container_port) +
                         ", a port that container does not map in " + td->DisplayName());
    }
    const auto& sc = t.service->service_connect;
    if (sc && sc->enabled) {
      std::set<std::string> names;
      for (const auto& c : td->containers)
        for (const auto& p : c.port_mappings)
          if (!p.name.empty()) names.insert(p.name);
      for (const auto& port : sc->port_names)
        if (!port.empty() && !names.count(port))
          claims.push_back("Service Connect publishes portName " + port + ", but no port mapping of " +
                           td->DisplayName() + " has that name" +
                           (names.empty() ? std::string(" (none is named)")
                                          : " (named: " + JoinList({names.begin(), names.end()}) + ")"));
    }
    if (claims.empty()) continue;
    auto& f = sink.Report(kInfo, t, t.service->arn,
                          "service discovery / Service Connect of " + t.name + " names ports " +
                              td->DisplayName() + " does not have");
    for (auto& c : claims) f.evidence.push_back({t.service->arn, c});
    if (f.fix.summary.empty())
      f.fix = report::Fix::Of("align serviceRegistries and serviceConnectConfiguration with the container names "
                              "and port mappings (and their names) of " + td->DisplayName(),
                              {});
  }
}

}  // namespace

const CheckDef kSvc007{kInfo, &Run};

}  // namespace fd::checks
