// The VPC maps are built once per report from the targets' subnets: a whole account has
// thousands of targets in a few dozen VPCs, so the per-VPC work is small and done once.
#include "engine/vpc_map.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>

namespace fd::engine {
namespace {

report::MapRouteTable ToMap(const model::RouteTable& rt) {
  report::MapRouteTable out{rt.id, rt.main, {}};
  for (const auto& r : rt.routes) {
    report::MapRoute m;
    if (r.destination)
      m.destination = r.destination->ToString();
    else if (r.destination_ipv6)
      m.destination = r.destination_ipv6->ToString();
    else
      m.destination = r.destination_prefix_list_id;
    m.target = r.target_id;
    m.blackhole = r.blackhole;
    out.routes.push_back(std::move(m));
  }
  return out;
}

/// The gateways of one VPC: NAT gateways, internet gateways attached to it, endpoints.
std::vector<report::MapGateway> GatewaysOf(const model::Model& m, const std::string& vpc) {
  std::vector<report::MapGateway> out;
  for (const model::NatGateway& n : m.nat_gateways())
    if (n.vpc_id == vpc) {
      std::vector<std::string> subnets;
      if (!n.subnet_id.empty()) subnets.push_back(n.subnet_id);
      out.push_back({n.id, "nat", n.connectivity_type, n.state, std::move(subnets)});
    }
  for (const model::InternetGateway* g : m.GatewaysAttachedTo(vpc)) {
    std::string state;
    for (const auto& a : g->attachments)
      if (a.vpc_id == vpc) state = a.state;
    out.push_back({g->id, g->egress_only ? "eigw" : "igw", "", state, {}});
  }
  for (const model::VpcEndpoint* e : m.EndpointsInVpc(vpc)) {
    std::vector<std::string> subnets = e->subnet_ids;
    std::sort(subnets.begin(), subnets.end());
    out.push_back({e->id, "endpoint", e->service_name, e->state, std::move(subnets)});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::tie(a.kind, a.id) < std::tie(b.kind, b.id);
  });
  return out;
}

report::VpcMap BuildOne(const model::Model& m, const std::string& vpc_id,
                        std::set<std::string> subnet_ids) {
  report::VpcMap map;
  map.id = vpc_id;
  if (const model::Vpc* v = m.vpcs().Find(vpc_id); v && !v->cidrs.empty())
    map.cidr = v->cidrs.front().ToString();
  map.gateways = GatewaysOf(m, vpc_id);
  for (const auto& g : map.gateways) subnet_ids.insert(g.subnets.begin(), g.subnets.end());

  std::set<std::string> tables;
  for (const std::string& id : subnet_ids) {
    report::MapSubnet s{id, "", "", "", ""};
    if (const model::Subnet* sn = m.subnets().Find(id)) {
      s.availability_zone = sn->availability_zone;
      if (sn->cidr) s.cidr = sn->cidr->ToString();
    }
    if (const model::RouteTable* rt = m.RouteTableForSubnet(id)) {
      s.route_table = rt->id;
      tables.insert(rt->id);
    }
    if (const model::NetworkAcl* acl = m.NaclForSubnet(id)) s.network_acl = acl->id;
    map.subnets.push_back(std::move(s));
  }
  std::sort(map.subnets.begin(), map.subnets.end(), [](const auto& a, const auto& b) {
    return std::tie(a.availability_zone, a.id) < std::tie(b.availability_zone, b.id);
  });
  for (const std::string& id : tables)
    if (const model::RouteTable* rt = m.route_tables().Find(id))
      map.route_tables.push_back(ToMap(*rt));
  return map;
}

}  // namespace

std::vector<report::VpcMap> BuildVpcMaps(const model::Model& model,
                                         const std::vector<report::Target>& targets) {
  std::map<std::string, std::set<std::string>> by_vpc;  // ordered: the maps come out by ID
  for (const auto& t : targets)
    for (const std::string& id : t.launch.subnets)
      if (const model::Subnet* s = model.subnets().Find(id); s && !s->vpc_id.empty())
        by_vpc[s->vpc_id].insert(id);
  std::vector<report::VpcMap> out;
  out.reserve(by_vpc.size());
  for (auto& [vpc, subnets] : by_vpc) out.push_back(BuildOne(model, vpc, std::move(subnets)));
  return out;
}

}  // namespace fd::engine
