// LOG003: awslogs options the driver cannot start with: no awslogs-group, no awslogs-region
// (both required: "awslogs-region is required"), a Region value that is not a Region name, or
// an unsubstituted template such as ${AWS_REGION} (docs/design/causes.md#log003).
#include <regex>

#include "checks/check_util.h"
#include "checks/td/td_rules.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kLog003,
    .slug = "log-options-invalid",
    .title = "required awslogs options missing or wrong",
    .severity = report::Severity::kBlocker,
    .group = Group::kResources,
    .rationale = "The awslogs driver is set up before the container starts and fails the task "
                 "('unable to get awslogs driver arguments: awslogs-region is required') when "
                 "awslogs-group or awslogs-region is missing or unusable.",
    .evidence = "containerDefinitions[].logConfiguration (logDriver awslogs, options)",
    .remediation = "Give every awslogs container awslogs-group and a literal awslogs-region "
                   "(and awslogs-stream-prefix, which Fargate documents as expected).",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html",
};

void Run(const CheckContext& ctx, FindingSink& sink) {
  static const std::regex kRegion(R"(^[a-z]{2}(-[a-z]+)+-[0-9]+$)");
  for (const auto& ta : ctx.targets) {
    const auto& t = ta.target;
    const model::TaskDefinition* td = t.task_definition;
    if (!td) continue;
    std::vector<std::string> claims;
    for (const auto& c : td->containers) {
      if (!c.log_configuration || c.log_configuration->log_driver != "awslogs") continue;
      const auto& o = c.log_configuration->options;
      const std::string who = "container " + c.name + ": ";
      auto group = o.find("awslogs-group");
      auto region = o.find("awslogs-region");
      if (group == o.end() || group->second.empty()) claims.push_back(who + "awslogs-group is missing");
      if (region == o.end() || region->second.empty()) {
        claims.push_back(who + "awslogs-region is missing");
      } else if (!std::regex_match(region->second, kRegion)) {
        claims.push_back(who + "awslogs-region '" + region->second + "' is not a Region name");
      }
      for (const auto& [k, v] : o)
        if (k.rfind("awslogs-", 0) == 0 && k != "awslogs-region" && v.find("${") != std::string::npos)
          claims.push_back(who + k + " holds an unsubstituted template '" + v + "'");
    }
    if (claims.empty()) continue;
    const std::string resource = td::TaskDefinitionResource(*td);
    auto& f = sink.Report(kInfo, t, resource,
                          "the awslogs options of " + td->DisplayName() + " are incomplete or invalid");
    for (auto& c : claims) f.evidence.push_back({resource, c});
    const std::string region = !t.region.empty() ? t.region : "<region>";
    f.fix = report::Fix::Of("set awslogs-group and awslogs-region and register a new revision",
                            {td::NewRevision(t, "in logConfiguration.options set \"awslogs-group\": \"/ecs/" +
                                                    (td->family.empty() ? std::string("app") : td->family) +
                                                    "\", \"awslogs-region\": \"" + region +
                                                    "\", \"awslogs-stream-prefix\": \"ecs\"")});
  }
}

}  // namespace

const CheckDef kLog003{kInfo, &Run};

}  // namespace fd::checks
