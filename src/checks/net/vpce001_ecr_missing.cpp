// VPCE001: the VPC relies on endpoints (no internet route) but has no ecr.api/ecr.dkr endpoint.
#include "checks/check_util.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kVpce001,
    .slug = "vpce-ecr-missing",
    .title = "no internet path and ECR interface endpoints incomplete",
    .severity = report::Severity::kBlocker,
    .group = Group::kNetwork,
    .rationale = "Without a NAT gateway or internet gateway route, a start reaches ECR (ecr.dkr for the image manifest; ecr.api for the auth token on platform 1.4.0 and Windows) only through an interface endpoint in the VPC; with it missing the call times out.",
    .evidence = "describe-vpc-endpoints ServiceName/VpcEndpointType/State in the task VPC, the task subnets' route tables, the resolved platform version",
    .remediation = "Create the interface endpoint with private DNS in the task subnets, with a security group admitting TCP 443 from the tasks, or add a NAT gateway route.",
    .references = "https://repost.aws/knowledge-center/ecs-fargate-tasks-pending-state https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html https://docs.aws.amazon.com/AmazonECS/latest/developerguide/vpc-endpoints.html",
};

void Run(const CheckContext& ctx, FindingSink& sink) {
  ReportPathFaults(ctx, sink, kInfo, MissingEndpointMessage, MissingEndpointFix);
}

}  // namespace

const CheckDef kVpce001{kInfo, &Run};

}  // namespace fd::checks
