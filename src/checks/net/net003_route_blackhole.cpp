// NET003: the best-matching route is a blackhole (its NAT gateway, instance or ENI was
// deleted); AWS drops the traffic rather than falling back to a less specific route.
#include <algorithm>

#include "checks/check_util.h"
#include "net/match.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kNet003,
    .slug = "net-route-blackhole",
    .title = "default route points to a deleted/detached target",
    .severity = report::Severity::kBlocker,
    .group = Group::kNetwork,
    .rationale = "A route whose target was deleted stays in the table in state blackhole and still wins the longest-prefix match, so every packet it matches is dropped.",
    .evidence = "describe-route-tables Routes[].State == blackhole on the route that matches the destination",
    .remediation = "Replace the route with one to a working NAT gateway or internet gateway.",
    .references = "https://docs.aws.amazon.com/vpc/latest/userguide/route-table-options.html",
};

std::string Message(const FaultGroup& g, const model::Model&) {
  return "route table " + g.resource + " of " + JoinList(g.subnets) +
         " sends traffic to a target that no longer exists (blackhole): " + JoinList(g.services) +
         " unreachable";
}

report::Fix Fix(const FaultGroup& g, const model::Model& m) {
  const model::RouteTable* rt = m.route_tables().Find(g.resource);
  const std::string vpc = rt ? rt->vpc_id : "";
  const auto own = RouteTablesOf(m, g.ta->target);
  if (std::find(own.begin(), own.end(), g.resource) == own.end()) {
    // The blackhole is on the table of the NAT gateway's own subnet: it needs the IGW back.
    const auto igws = m.GatewaysAttachedTo(vpc);
    return report::Fix::Of("point the NAT gateway subnet's default route at an attached internet gateway",
                           {fix::Route{true, g.resource, "0.0.0.0/0", fix::Route::Via::kInternetGateway,
                                       igws.empty() ? std::string("<igw-id>") : igws.front()->id}});
  }
  const model::NatGateway* nat = vpc.empty() ? nullptr : UsableNatGateway(m, vpc);
  // Every blackhole route internet traffic may take: the default route, or the routes that
  // split the address space (0.0.0.0/1 and 128.0.0.0/1).
  std::vector<std::string> destinations;
  if (rt)
    for (const model::Route* r : net::BlackholeInternetRoutes(*rt))
      destinations.push_back(r->destination->ToString());
  if (destinations.empty()) destinations.push_back("0.0.0.0/0");
  std::vector<fix::Step> steps;
  for (const std::string& d : destinations)
    steps.push_back(NatRoute(true, g.resource, nat ? nat->id : std::string("<nat-id>"), d));
  return report::Fix::Of(destinations.size() == 1 ? "replace the blackhole route with one to a working NAT gateway"
                                                  : "replace the blackhole routes with routes to a working NAT gateway",
                         std::move(steps));
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  ReportPathFaults(ctx, sink, kInfo, Message, Fix);
}

}  // namespace

const CheckDef kNet003{kInfo, &Run};

}  // namespace fd::checks
