// NET001: the subnet's default route goes to an attached internet gateway, but the task ENI has
// no public IP, so replies cannot come back. VPC Block Public Access is not modelled yet.
#include "checks/check_util.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kNet001,
    .slug = "net-public-subnet-no-public-ip",
    .title = "IGW route but no public IP on the task ENI",
    .severity = report::Severity::kBlocker,
    .group = Group::kNetwork,
    .rationale = "A task in a public subnet reaches the internet only with a public IPv4 on its ENI. Fargate uses the service's assignPublicIp (default DISABLED), never the subnet's MapPublicIpOnLaunch, so image pulls, auth-token, secret and log calls time out.",
    .evidence = "route table of each task subnet (0.0.0.0/0 -> igw-), describe-services networkConfiguration.awsvpcConfiguration.assignPublicIp, the task ENI's Association.PublicIp",
    .remediation = "Set assignPublicIp=ENABLED and redeploy, or move the tasks to private subnets with a NAT gateway or VPC endpoints.",
    .references = "https://repost.aws/knowledge-center/ecs-fargate-tasks-pending-state https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-task-networking.html",
};

std::string Message(const FaultGroup& g, const model::Model&) {
  return g.ta->target.name + " runs in public subnet" + (g.subnets.size() > 1 ? "s " : " ") +
         JoinList(g.subnets) + " without a public IP, so " + JoinList(g.services) +
         " cannot be reached through the internet gateway";
}

report::Fix Fix(const FaultGroup& g, const model::Model&) {
  return report::Fix::Of("turn on assignPublicIp for the tasks (a new deployment is needed), or place them in "
                         "private subnets that route to a NAT gateway",
                         {NetworkUpdate(g.ta->target, {}, {}, "ENABLED")});
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  ReportPathFaults(ctx, sink, kInfo, Message, Fix);
}

}  // namespace

const CheckDef kNet001{kInfo, &Run};

}  // namespace fd::checks
