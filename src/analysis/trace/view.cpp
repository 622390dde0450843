#include "analysis/trace/view.h"

#include <algorithm>

namespace fd::analysis::trace {
namespace {

bool ServiceNameIs(const std::string& service_name, const std::string& region, const std::string& service) {
  return service_name.ends_with("." + region + "." + service);
}

}  // namespace

const model::SecurityGroup* View::FindSg(const std::string& id) const {
  if (a_)
    if (auto it = a_->groups.find(id); it != a_->groups.end()) return &it->second;
  return m_.security_groups().Find(id);
}

const model::NetworkAcl* View::NaclFor(const std::string& subnet_id) const {
  const model::NetworkAcl* acl = m_.NaclForSubnet(subnet_id);
  if (acl && a_)
    if (auto it = a_->acls.find(acl->id); it != a_->acls.end()) return &it->second;
  return acl;
}

const model::VpcEndpoint* View::AsAssumed(const model::VpcEndpoint* e) const {
  if (e && a_)
    if (auto it = a_->endpoints.find(e->id); it != a_->endpoints.end()) return &it->second;
  return e;
}

bool View::IgwAttached(const model::InternetGateway& igw, const std::string& vpc_id) const {
  if (a_ && a_->attached_igws.count(igw.id) > 0) return true;
  return std::any_of(igw.attachments.begin(), igw.attachments.end(), [&](const auto& a) {
    return a.vpc_id == vpc_id && (a.state == "available" || a.state == "attached");
  });
}

const model::EfsMountTarget* View::MountTargetFor(const std::string& fs_id, const model::Subnet& s) const {
  const model::EfsMountTarget* by_name = nullptr;
  auto consider = [&](const model::EfsMountTarget* mt) {
    if (!mt->vpc_id.empty() && mt->vpc_id != s.vpc_id) return false;
    if (!mt->life_cycle_state.empty() && mt->life_cycle_state != "available") return false;
    if (!s.availability_zone_id.empty() && mt->availability_zone_id == s.availability_zone_id) return true;
    // Zone names map to zones per account; the IDs decide where both sides have one.
    const bool ids = !s.availability_zone_id.empty() && !mt->availability_zone_id.empty();
    if (!by_name && !ids && !s.availability_zone.empty() && mt->availability_zone_name == s.availability_zone)
      by_name = mt;
    return false;
  };
  for (const auto* mt : m_.MountTargetsOf(fs_id))
    if (consider(mt)) return mt;
  if (a_)
    if (auto it = a_->mount_targets.find(fs_id); it != a_->mount_targets.end())
      for (const auto& mt : it->second)
        if (consider(&mt)) return &mt;
  return by_name;
}

bool View::VpcUsesInterfaceEndpoints(const std::string& vpc_id) const {
  for (const auto* e : m_.EndpointsInVpc(vpc_id))
    if (e->type == model::EndpointType::kInterface) return true;
  if (a_)
    for (const auto& [id, e] : a_->endpoints)
      if (e.vpc_id == vpc_id && e.type == model::EndpointType::kInterface) return true;
  return false;
}

const model::VpcEndpoint* View::FindInterfaceEndpoint(const std::string& vpc_id, const Need& need) const {
  const model::VpcEndpoint* best = nullptr;
  for (const auto* e0 : m_.EndpointsInVpc(vpc_id)) {
    const model::VpcEndpoint* e = AsAssumed(e0);
    if (e->type != model::EndpointType::kInterface) continue;
    if (!ServiceNameIs(e->service_name, need.region, need.service)) continue;
    if (!best || (e->state == "available" && best->state != "available")) best = e;
  }
  if (!best && a_)
    for (const auto& [id, e] : a_->endpoints)
      if (e.vpc_id == vpc_id && e.type == model::EndpointType::kInterface &&
          ServiceNameIs(e.service_name, need.region, need.service))
        best = &e;
  return best;
}

const model::VpcEndpoint* View::FindS3GatewayEndpoint(const std::string& vpc_id, const std::string& region) const {
  for (const auto* e : m_.EndpointsInVpc(vpc_id))
    if (e->type == model::EndpointType::kGateway && ServiceNameIs(e->service_name, region, "s3"))
      return AsAssumed(e);
  if (a_)
    for (const auto& [id, e] : a_->endpoints)
      if (e.vpc_id == vpc_id && e.type == model::EndpointType::kGateway &&
          ServiceNameIs(e.service_name, region, "s3"))
        return &e;
  return nullptr;
}

net::RouteDecision View::Lookup(const model::RouteTable& rt, const net::Peer& peer, const Need& need,
                                const std::string& vpc_id) const {
  net::RouteDecision rd = net::LookupRoute(rt, peer, m_);
  if (!a_ || rd.certain != net::Tri::kYes) return rd;
  // The assumed default route replaces the table's own and its blackhole routes (the remedy
  // replaces those too: engine/remedies.cpp); a working more specific route still wins.
  const bool beatable = !rd.route || net::IsBlackholeInternetRoute(*rd.route) ||
                        (rd.route->destination && rd.route->destination->len == 0);
  if (!beatable) return rd;
  if (need.kind == NeedKind::kS3)
    if (const model::VpcEndpoint* gw = FindS3GatewayEndpoint(vpc_id, need.region);
        gw && std::find(gw->route_table_ids.begin(), gw->route_table_ids.end(), rt.id) != gw->route_table_ids.end()) {
      model::Route r;
      r.destination_prefix_list_id = peer.prefix_list_id;
      r.target = model::RouteTarget::kGatewayEndpoint;
      r.target_id = gw->id;
      rd.route = &assumed_routes_.emplace_back(std::move(r));
      rd.parts.clear();  // the assumed route takes every address
      rd.detail = "the S3 prefix-list route -> " + gw->id + " (assumed)";
      return rd;
    }
  if (auto it = a_->default_routes.find(rt.id); it != a_->default_routes.end()) {
    rd.route = &assumed_routes_.emplace_back(it->second);
    rd.parts.clear();
    rd.detail = "0.0.0.0/0 -> " + it->second.target_id + " (assumed)";
  }
  return rd;
}

}  // namespace fd::analysis::trace
