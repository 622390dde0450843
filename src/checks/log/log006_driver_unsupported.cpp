// LOG006: a container's log driver is not one Fargate offers (awslogs, splunk, awsfirelens;
// docs/design/causes.md#log006): registration or the launch fails.
#include "checks/check_util.h"
#include "checks/td/td_rules.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kLog006,
    .slug = "log-driver-unsupported",
    .title = "log driver not available on Fargate",
    .severity = report::Severity::kBlocker,
    .group = Group::kResources,
    .rationale = "Fargate ships only the awslogs, splunk and awsfirelens log drivers; a container "
                 "configured with another driver (json-file, syslog, fluentd, gelf, …) cannot be "
                 "launched there.",
    .evidence = "containerDefinitions[].logConfiguration.logDriver",
    .remediation = "Use awslogs, or awsfirelens with a FireLens router to reach other destinations.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/AWS_Fargate.html "
                  "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LogConfiguration.html",
};

void Run(const CheckContext& ctx, FindingSink& sink) {
  for (const auto& ta : ctx.targets) {
    const auto& t = ta.target;
    const model::TaskDefinition* td = t.task_definition;
    if (!td) continue;
    std::vector<std::string> claims;
    for (const auto& c : td->containers) {
      if (!c.log_configuration) continue;
      const std::string& d = c.log_configuration->log_driver;
      if (d.empty() || d == "awslogs" || d == "splunk" || d == "awsfirelens") continue;
      claims.push_back("container " + c.name + " uses log driver " + d);
    }
    if (claims.empty()) continue;
    const std::string resource = td::TaskDefinitionResource(*td);
    auto& f = sink.Report(kInfo, t, resource,
                          td->DisplayName() + " uses a log driver Fargate does not offer");
    for (auto& c : claims) f.evidence.push_back({resource, c});
    f.fix = report::Fix::Of("switch to awslogs (or awsfirelens) and register a new revision",
                            {td::NewRevision(t, "set logConfiguration.logDriver to \"awslogs\" with awslogs-group, "
                                                "awslogs-region and awslogs-stream-prefix options")});
  }
}

}  // namespace

const CheckDef kLog006{kInfo, &Run};

}  // namespace fd::checks
