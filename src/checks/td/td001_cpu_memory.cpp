// TD001: the task-level cpu/memory the start uses (a task's overrides, else the task
// definition's) is missing or not a row of the Fargate table (docs/design/causes.md §1.5, #td001). The 8 and
// 16 vCPU platform-version condition is TD006's, so one root cause is one finding.
#include "checks/check_util.h"
#include "checks/td/td_rules.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kTd001,
    .slug = "td-cpu-memory",
    .title = "invalid CPU/memory pair or missing task-level values",
    .severity = report::Severity::kBlocker,
    .group = Group::kResources,
    .rationale = "Fargate sizes a task from its task-level cpu and memory, and only offers fixed "
                 "combinations of the two (fewer on Windows, which starts at 1 vCPU). A task "
                 "definition without them, or a pair outside the table, is rejected at "
                 "registration or at RunTask ('No Fargate configuration exists for given values').",
    .evidence = "task definition cpu and memory (units or \"1 vCPU\", MiB or \"2 GB\"), "
                "runtimePlatform.operatingSystemFamily, describe-tasks overrides.cpu/memory",
    .remediation = "Choose a cpu/memory pair from the Fargate table for the task's OS and "
                   "register a new revision (or pass valid overrides).",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size "
                  "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-cpu-memory-error.html",
};

std::string MemoryList(int cpu, bool windows) {
  std::vector<std::string> out;
  for (int m : td::ValidMemoriesFor(cpu, windows)) out.push_back(std::to_string(m));
  return out.empty() ? std::string() : JoinList(out, 32);
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  for (const auto& ta : ctx.targets) {
    const auto& t = ta.target;
    const model::TaskDefinition* td = t.task_definition;
    if (!td) {
      sink.Unchecked(kInfo, "task definition " + t.task_definition_ref + " of " + t.name +
                                " is not in the input, so none of its settings can be checked (save `" +
                                fix::Cli(fix::Read{"ecs", "describe-task-definition",
                                                   {"--task-definition", t.task_definition_ref}}).front() +
                                "` output)");
      continue;
    }
    const std::string cpu_text = td::EffectiveCpu(t);
    const std::string mem_text = td::EffectiveMemory(t);
    const bool overridden = t.task && (!t.task->cpu_override.empty() || !t.task->memory_override.empty());
    const std::string resource = overridden ? t.Key() : td::TaskDefinitionResource(*td);
    const std::string where = overridden ? "task " + t.name + " (overrides)" : td->DisplayName();
    std::string problem;
    std::string hint;
    if (cpu_text.empty() || mem_text.empty()) {
      problem = where + " has no task-level " +
                (cpu_text.empty() && mem_text.empty() ? std::string("cpu and memory")
                 : cpu_text.empty()                   ? std::string("cpu")
                                                      : std::string("memory")) +
                ", which Fargate requires";
    } else {
      auto cpu = td::ParseCpuUnits(cpu_text);
      auto mem = td::ParseMemoryMiB(mem_text);
      if (!cpu) {
        problem = where + " has cpu '" + cpu_text + "', which is neither CPU units nor a vCPU count";
      } else if (!mem) {
        problem = where + " has memory '" + mem_text + "', which is neither MiB nor a GB value";
      } else if (!td::IsValidFargatePair(*cpu, *mem, t.windows)) {
        problem = where + " asks for cpu " + std::to_string(*cpu) + " with memory " +
                  std::to_string(*mem) + " MiB, which is not a Fargate " +
                  (t.windows ? "Windows " : "") + "size";
        std::string list = MemoryList(*cpu, t.windows);
        hint = !list.empty() ? "with cpu " + std::to_string(*cpu) + " the memory must be one of " + list +
                                   " (MiB)"
               : t.windows ? std::string("Windows tasks take cpu 1024, 2048 or 4096")
                           : std::string("cpu must be 256, 512, 1024, 2048, 4096, 8192 or 16384");
      }
    }
    if (problem.empty()) continue;
    auto& f = sink.Report(kInfo, t, resource, problem);
    f.evidence.push_back({resource, problem});
    if (!hint.empty()) f.evidence.push_back({resource, hint});
    if (overridden) {
      // Only a task has overrides, so the relaunch is a RunTask.
      fix::Step run = NetworkUpdate(t, {}, {}, "");
      std::get<fix::RunTask>(run).overrides = "{\"cpu\":\"1024\",\"memory\":\"2048\"}";
      f.fix = report::Fix::Of("run the task with cpu/memory overrides that form a valid Fargate size", {run});
    } else {
      f.fix = report::Fix::Of("set a valid task-level cpu/memory pair and register a new revision",
               {td::NewRevision(t, "set \"cpu\" and \"memory\" to a valid pair, e.g. \"cpu\": \"1024\", "
                                          "\"memory\": \"2048\"")});
    }
  }
}

}  // namespace

const CheckDef kTd001{kInfo, &Run};

}  // namespace fd::checks
