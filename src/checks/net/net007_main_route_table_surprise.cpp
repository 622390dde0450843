// NET007: a task subnet has no explicit route-table association, so the VPC's main table
// applies, while the VPC also has custom tables: the table engineers inspect may not be it.
#include <set>

#include "checks/check_util.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kNet007,
    .slug = "net-main-route-table-surprise",
    .title = "subnet silently uses the main route table",
    .severity = report::Severity::kInfo,
    .group = Group::kNetwork,
    .rationale = "A subnet without an explicit association uses the VPC's main route table. When "
                 "the VPC also has custom tables, the routes (and gateway endpoints) people "
                 "expect may be on a table the subnet does not use.",
    .evidence = "describe-route-tables Associations[].SubnetId and Associations[].Main",
    .remediation = "Associate the subnet with the intended route table explicitly.",
    .references = "https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Route_Tables.html",
};

void Run(const CheckContext& ctx, FindingSink& sink) {
  const model::Model& m = ctx.model;
  // VPCs that have custom tables with explicit associations: built once, looked up per subnet.
  std::set<std::string> vpcs_with_custom;
  for (const auto& rt : m.route_tables())
    if (!rt.main && !rt.subnet_ids.empty()) vpcs_with_custom.insert(rt.vpc_id);
  for (const auto& ta : ctx.targets) {
    for (const auto& sid : ta.target.subnets) {
      bool implicit = false;
      const model::RouteTable* rt = m.RouteTableForSubnet(sid, &implicit);
      const model::Subnet* s = m.subnets().Find(sid);
      if (!rt || !implicit || !s) continue;
      if (!vpcs_with_custom.count(s->vpc_id)) continue;
      auto& f = sink.Report(kInfo, ta.target, sid,
                            "subnet " + sid + " has no route table association, so the main table " +
                                rt->id + " applies, not one of the VPC's custom tables");
      f.evidence.push_back({rt->id, rt->id + " is the main route table of " + s->vpc_id});
      f.fix = report::Fix::Of("associate the subnet with the route table it is meant to use",
                              {fix::RouteTableAssociation{"<rtb-id>", sid}});
    }
  }
}

}  // namespace

const CheckDef kNet007{kInfo, &Run};

}  // namespace fd::checks
