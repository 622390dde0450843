// TD004: container-level cpu/memory do not fit the task: their sum exceeds the task's, or a
// memoryReservation exceeds its container's hard limit or the task (docs/design/causes.md#td004). Compared
// with the effective task size (a task's overrides beat its task definition).
#include "checks/check_util.h"
#include "checks/td/td_rules.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kTd004,
    .slug = "td-container-resources",
    .title = "container-level CPU/memory exceed the task",
    .severity = report::Severity::kBlocker,
    .group = Group::kResources,
    .rationale = "On Fargate the containers share the task's cpu and memory: ECS refuses a task "
                 "whose containers reserve more in total than the task has, or a container whose "
                 "soft limit is above its hard limit.",
    .evidence = "containerDefinitions[].cpu, memory, memoryReservation; task-level cpu/memory "
                "and describe-tasks overrides",
    .remediation = "Lower the container values or raise the task size to a valid Fargate pair.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_memory",
};

void Run(const CheckContext& ctx, FindingSink& sink) {
  for (const auto& ta : ctx.targets) {
    const auto& t = ta.target;
    const model::TaskDefinition* td = t.task_definition;
    if (!td) continue;
    auto task_cpu = td::ParseCpuUnits(td::EffectiveCpu(t));
    auto task_mem = td::ParseMemoryMiB(td::EffectiveMemory(t));
    const std::string resource = td::TaskDefinitionResource(*td);
    std::vector<std::string> claims;
    long cpu_sum = 0, mem_sum = 0;
    for (const auto& c : td->containers) {
      cpu_sum += c.cpu.value_or(0);
      mem_sum += c.memory.value_or(0);
      if (c.memory_reservation && c.memory && *c.memory_reservation > *c.memory)
        claims.push_back("container " + c.name + " reserves " + std::to_string(*c.memory_reservation) +
                         " MiB, above its own memory limit " + std::to_string(*c.memory) + " MiB");
      if (c.memory_reservation && task_mem && *c.memory_reservation > *task_mem)
        claims.push_back("container " + c.name + " reserves " + std::to_string(*c.memory_reservation) +
                         " MiB, above the task's " + std::to_string(*task_mem) + " MiB");
    }
    if (task_cpu && cpu_sum > *task_cpu)
      claims.push_back("the containers' cpu adds up to " + std::to_string(cpu_sum) +
                       " units, above the task's " + std::to_string(*task_cpu));
    if (task_mem && mem_sum > *task_mem)
      claims.push_back("the containers' memory limits add up to " + std::to_string(mem_sum) +
                       " MiB, above the task's " + std::to_string(*task_mem) + " MiB");
    if (claims.empty()) continue;
    auto& f = sink.Report(kInfo, t, resource,
                          "the containers of " + td->DisplayName() + " ask for more than the task has");
    for (auto& c : claims) f.evidence.push_back({resource, c});
    f.fix = report::Fix::Of("fit the container cpu/memory into the task size",
             {td::NewRevision(t, "lower containerDefinitions[].cpu/memory/memoryReservation, or "
                                        "raise the task-level cpu/memory to a larger valid pair")});
  }
}

}  // namespace

const CheckDef kTd004{kInfo, &Run};

}  // namespace fd::checks
