// LOG005: FireLens set-ups that keep a Fargate task from starting (docs/design/causes.md#log005): a config file
// from S3 (Fargate reads only files in the image), FireLens on Windows, awsfirelens logging with
// no log router container, several routers, or an unknown router type.
#include <string>
#include <vector>

#include "checks/check_util.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kLog005,
    .slug = "log-firelens",
    .title = "FireLens-specific start blockers",
    .severity = report::Severity::kBlocker,
    .group = Group::kResources,
    .rationale = "With FireLens, a log router container (Fluent Bit or Fluentd) receives the logs "
                 "of the containers that use the awsfirelens driver, and those containers wait for "
                 "it. On Fargate the router can read its configuration only from a file in its "
                 "image, not from S3; Windows tasks do not support FireLens; and awsfirelens needs "
                 "exactly one container with a firelensConfiguration. Otherwise the task is "
                 "rejected or its containers never start.",
    .evidence = "containerDefinitions[].firelensConfiguration (type, options config-file-type and "
                "config-file-value), logConfiguration.logDriver awsfirelens, "
                "runtimePlatform.operatingSystemFamily",
    .remediation = "Bake the custom configuration into the log router image and use "
                   "config-file-type file, keep exactly one fluentbit or fluentd router container "
                   "in the task, and use awslogs on Windows.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_firelens.html "
                  "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/firelens-taskdef.html",
};

void Run(const CheckContext& ctx, FindingSink& sink) {
  for (const auto& ta : ctx.targets) {
    const auto& t = ta.target;
    const model::TaskDefinition* td = t.task_definition;
    if (!td) continue;
    const std::string resource = td->arn.empty() ? td->DisplayName() : td->arn;
    std::vector<const model::ContainerDefinition*> routers;
    std::vector<std::string> users;
    for (const auto& c : td->containers) {
      if (c.firelens) routers.push_back(&c);
      if (c.log_configuration && c.log_configuration->log_driver == "awsfirelens") users.push_back(c.name);
    }
    if (routers.empty() && users.empty()) continue;
    std::vector<std::string> claims;
    std::string fix;
    if (t.windows && !routers.empty()) {
      claims.push_back("container " + routers.front()->name +
                       " has a firelensConfiguration, but the task runs on Windows, which has no FireLens");
      fix = "use the awslogs driver on Windows";
    }
    if (routers.empty()) {
      claims.push_back("container" + std::string(users.size() == 1 ? " " : "s ") + JoinList(users) +
                       " log with awsfirelens, but no container has a firelensConfiguration");
      fix = "add a log router container with firelensConfiguration (type fluentbit)";
    }
    if (routers.size() > 1) {
      std::vector<std::string> names;
      for (const auto* r : routers) names.push_back(r->name);
      claims.push_back("containers " + JoinList(names) + " each have a firelensConfiguration; a task "
                       "may have only one log router");
      fix = "keep a single log router container";
    }
    for (const auto* r : routers) {
      if (!r->firelens_type.empty() && r->firelens_type != "fluentbit" && r->firelens_type != "fluentd") {
        claims.push_back("firelensConfiguration.type of " + r->name + " is " + r->firelens_type +
                         "; only fluentbit and fluentd exist");
        fix = "set firelensConfiguration.type to fluentbit";
      }
      auto type = r->firelens_options.find("config-file-type");
      auto value = r->firelens_options.find("config-file-value");
      if (type != r->firelens_options.end() && type->second == "s3") {
        claims.push_back("the log router " + r->name + " reads its configuration from S3 (" +
                         (value == r->firelens_options.end() ? std::string("no config-file-value") : value->second) +
                         "); on Fargate only config-file-type file is supported");
        fix = "copy the configuration file into the log router image and set config-file-type to file "
              "with its path";
      } else if (type != r->firelens_options.end() && value == r->firelens_options.end()) {
        claims.push_back("the log router " + r->name + " sets config-file-type " + type->second +
                         " without config-file-value");
        fix = "give config-file-value the path of the configuration file in the image";
      }
    }
    if (claims.empty()) continue;
    auto& f = sink.Report(kInfo, t, resource,
                          "the FireLens set-up of " + td->DisplayName() + " keeps " + t.name + " from starting");
    for (auto& c : claims) f.evidence.push_back({resource, c});
    if (f.fix.summary.empty())
      f.fix = report::Fix::Of(fix + ", then register a new revision of " + td->family + " and deploy it", {});
  }
}

}  // namespace

const CheckDef kLog005{kInfo, &Run};

}  // namespace fd::checks
