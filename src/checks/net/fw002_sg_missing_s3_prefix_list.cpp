// FW002: an endpoint-only design whose task SG allows 443 to the endpoints but not to S3:
// the gateway endpoint carries layer downloads to S3's public addresses, not to an ENI.
#include "checks/check_util.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kFw002,
    .slug = "sg-missing-s3-prefix-list",
    .title = "endpoint-only design allows 443 to the endpoint SG/VPC CIDR but not to S3",
    .severity = report::Severity::kBlocker,
    .group = Group::kNetwork,
    .rationale = "Image layers come from S3 through the gateway endpoint, which routes to S3's public prefix-list addresses; a task SG that allows only the VPC CIDR or the endpoint SG lets the manifest through and times out on the layers.",
    .evidence = "describe-security-groups IpPermissionsEgress (PrefixListIds), describe-vpc-endpoints (the S3 gateway), describe-prefix-lists",
    .remediation = "Allow outbound TCP 443 to the S3 prefix list (pl-…) in the task security group.",
    .references = "https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html",
};

std::string Message(const FaultGroup& g, const model::Model&) {
  return "security group " + g.resource + " of " + g.ta->target.name +
         " allows tcp 443 inside the VPC but not to the S3 prefix list, so image layers cannot be "
         "downloaded through the gateway endpoint";
}

report::Fix Fix(const FaultGroup& g, const model::Model& m) {
  std::string pl = "<s3-prefix-list-id>";
  if (const auto* p = m.PrefixListByName("com.amazonaws." + g.ta->target.region + ".s3", g.ta->target.account)) pl = p->id;
  fix::SecurityGroupRule rule;
  rule.group = g.resource;
  rule.peer_kind = fix::SecurityGroupRule::Peer::kPrefixList;
  rule.peer = pl;
  return report::Fix::Of("allow outbound tcp 443 to the S3 prefix list", {rule});
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  ReportPathFaults(ctx, sink, kInfo, Message, Fix);
}

}  // namespace

const CheckDef kFw002{kInfo, &Run};

}  // namespace fd::checks
