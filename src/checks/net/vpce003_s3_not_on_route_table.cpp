// VPCE003: the S3 gateway endpoint exists but is not associated with the task subnet's route table.
#include "checks/check_util.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kVpce003,
    .slug = "vpce-s3-not-on-route-table",
    .title = "S3 gateway endpoint not associated with the task subnet's route table",
    .severity = report::Severity::kBlocker,
    .group = Group::kNetwork,
    .rationale = "A gateway endpoint acts only through the prefix-list route it adds to the route tables it is associated with; a subnet on another table (often the main table, implicitly) gets no route to S3.",
    .evidence = "describe-vpc-endpoints RouteTableIds, describe-route-tables (explicit association or main) of the task subnets",
    .remediation = "Associate the gateway endpoint with the task subnets' route table.",
    .references = "https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html",
};

std::string Message(const FaultGroup& g, const model::Model& m) {
  return "S3 gateway endpoint " + g.resource + " is not associated with " +
         JoinList(RouteTablesOf(m, g.ta->target)) + ", the route table of " + JoinList(g.subnets) +
         ": image layers cannot be downloaded";
}

report::Fix Fix(const FaultGroup& g, const model::Model& m) {
  std::vector<std::string> rts;
  for (const auto& s : g.subnets)
    if (const auto* rt = m.RouteTableForSubnet(s))
      if (std::find(rts.begin(), rts.end(), rt->id) == rts.end()) rts.push_back(rt->id);
  return report::Fix::Of("associate the gateway endpoint with the tasks' route table",
                         {fix::EndpointRouteTables{g.resource, rts}});
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  ReportPathFaults(ctx, sink, kInfo, Message, Fix);
}

}  // namespace

const CheckDef kVpce003{kInfo, &Run};

}  // namespace fd::checks
