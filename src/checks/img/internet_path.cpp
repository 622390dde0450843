#include "checks/img/internet_path.h"

namespace fd::checks {

Egress SubnetEgress(const model::Model& m, const analysis::Target& t, const std::string& subnet_id) {
  const model::RouteTable* rt = m.RouteTableForSubnet(subnet_id);
  if (!rt) return Egress::kUnknown;
  const model::Route* best = nullptr;
  for (const auto& r : rt->routes)
    if (r.destination && r.destination->len == 0) best = &r;
  if (!best || best->blackhole) return Egress::kNone;
  switch (best->target) {
    case model::RouteTarget::kNatGateway: {
      const model::NatGateway* nat = m.nat_gateways().Find(best->target_id);
      if (!nat) return Egress::kUnknown;
      return nat->state == "available" && nat->connectivity_type == "public" ? Egress::kNat : Egress::kNone;
    }
    case model::RouteTarget::kInternetGateway:
      if (!t.public_ip_known) return Egress::kUnknown;
      return t.assign_public_ip ? Egress::kIgw : Egress::kNone;
    case model::RouteTarget::kLocal:
      return Egress::kNone;
    default:
      return Egress::kUnknown;
  }
}

EgressSummary SummarizeEgress(const model::Model& m, const analysis::Target& t) {
  EgressSummary out;
  for (const auto& s : t.subnets) {
    switch (SubnetEgress(m, t, s)) {
      case Egress::kNat: out.any_nat = out.any_internet = true; break;
      case Egress::kIgw: out.any_internet = true; break;
      case Egress::kNone: out.without.push_back(s); break;
      case Egress::kUnknown: out.unknown = true; break;
    }
  }
  return out;
}

}  // namespace fd::checks
