// LOG001: an awslogs container names a log group that the snapshot's describe-log-groups of
// that region does not list, and awslogs-create-group is not "true": the log stream cannot be
// created and the task stops in PROVISIONING/PENDING with ResourceInitializationError.
#include "checks/check_util.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kLog001,
    .slug = "log-group-missing",
    .title = "log group doesn't exist and isn't auto-created",
    .severity = report::Severity::kBlocker,
    .group = Group::kResources,
    .rationale = "Before the containers start, the awslogs driver creates a log stream in the "
                 "configured group. When the group does not exist and the task definition does "
                 "not ask for it to be created, that call fails and the task never starts.",
    .evidence = "task definition logConfiguration.options awslogs-group, awslogs-region, "
                "awslogs-create-group; logs describe-log-groups of that region",
    .remediation = "Create the log group in the awslogs-region, or set awslogs-create-group to "
                   "\"true\" (the execution role then needs logs:CreateLogGroup).",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html",
};

void Run(const CheckContext& ctx, FindingSink& sink) {
  for (const auto& ta : ctx.targets) {
    const auto* td = ta.target.task_definition;
    if (!td) continue;
    for (const auto& c : td->containers) {
      if (!c.log_configuration || c.log_configuration->log_driver != "awslogs") continue;
      const auto& opts = c.log_configuration->options;
      auto group = opts.find("awslogs-group");
      if (group == opts.end() || group->second.empty()) continue;  // LOG003's business
      auto create = opts.find("awslogs-create-group");
      if (create != opts.end() && create->second == "true") continue;
      auto region_it = opts.find("awslogs-region");
      std::string region = region_it != opts.end() ? region_it->second : ta.target.region;
      if (ctx.model.log_groups().Find(region + " " + group->second)) continue;
      if (!ctx.model.Covers("logs " + region)) {
        sink.Unchecked(kInfo, "log group " + group->second + " (" + region +
                                  "): the snapshot has no describe-log-groups of " + region);
        continue;
      }
      auto& f = sink.Report(kInfo, ta.target, group->second,
                            "log group " + group->second + " does not exist in " + region +
                                " and container " + c.name + " does not create it");
      f.evidence.push_back({group->second, "describe-log-groups of " + region + " lists no group " +
                                               group->second + "; awslogs-create-group is not \"true\""});
      f.fix = report::Fix::Of("create the log group (or set awslogs-create-group to \"true\")",
                              {fix::LogGroup{group->second, region}});
    }
  }
}

}  // namespace

const CheckDef kLog001{kInfo, &Run};

}  // namespace fd::checks
