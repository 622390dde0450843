// VPCE002: ECR endpoints are used but the VPC has no S3 gateway endpoint for the image layers.
#include "checks/check_util.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kVpce002,
    .slug = "vpce-s3-gateway-missing",
    .title = "ECR endpoints present but no S3 gateway endpoint",
    .severity = report::Severity::kBlocker,
    .group = Group::kNetwork,
    .rationale = "ECR serves image layers from S3; without an internet route, only an S3 gateway endpoint on the task subnets' route table reaches them (S3 interface endpoints cannot be used with ECR).",
    .evidence = "describe-vpc-endpoints (ServiceName com.amazonaws.<region>.s3, VpcEndpointType Gateway), the task subnets' route tables",
    .remediation = "Create an S3 gateway endpoint associated with the task subnets' route tables.",
    .references = "https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html https://docs.aws.amazon.com/AmazonECS/latest/developerguide/vpc-endpoints.html",
};

std::string Message(const FaultGroup& g, const model::Model&) {
  return g.resource + " has no S3 gateway endpoint and " + JoinList(g.subnets) +
         " have no internet route: image layers cannot be downloaded";
}

report::Fix Fix(const FaultGroup& g, const model::Model& m) {
  std::string region = g.ta->target.region;
  for (const auto& [p, f] : g.hits) region = p->need->region;
  return report::Fix::Of("create an S3 gateway endpoint on the task subnets' route tables",
                         {fix::GatewayEndpoint{g.resource, "com.amazonaws." + region + ".s3",
                                               RouteTablesOf(m, g.ta->target)}});
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  ReportPathFaults(ctx, sink, kInfo, Message, Fix);
}

}  // namespace

const CheckDef kVpce002{kInfo, &Run};

}  // namespace fd::checks
