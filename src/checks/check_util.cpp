#include "checks/check_util.h"

#include <algorithm>
#include <map>
#include <set>

namespace fd::checks {

std::vector<FaultGroup> GroupFaults(std::span<const analysis::TargetAnalysis> targets,
                                    Code code) {
  std::vector<FaultGroup> out;
  for (const auto& ta : targets) {
    std::map<std::string, size_t> by_resource;
    for (const auto& p : ta.paths) {
      for (const auto& f : p.faults) {
        if (f.code != code) continue;
        auto [it, inserted] = by_resource.emplace(f.resource, out.size());
        if (inserted) {
          FaultGroup g;
          g.ta = &ta;
          g.resource = f.resource;
          out.push_back(std::move(g));
        }
        FaultGroup& g = out[it->second];
        g.hits.emplace_back(&p, &f);
        if (f.severity > g.severity) g.severity = f.severity;
        g.subnets.push_back(p.subnet_id);
        g.services.push_back(p.need->service);
      }
    }
  }
  for (auto& g : out) {
    for (auto* v : {&g.subnets, &g.services}) {
      std::sort(v->begin(), v->end());
      v->erase(std::unique(v->begin(), v->end()), v->end());
    }
  }
  return out;
}

void ReportPathFaults(const CheckContext& ctx, FindingSink& sink, const CheckInfo& info,
                      const MessageFn& message, const FixFn& fix) {
  for (const FaultGroup& g : GroupFaults(ctx.targets, info.code)) {
    report::Finding& f = sink.Report(info, g.ta->target, g.resource, message(g, ctx.model));
    f.severity = g.severity;
    // One evidence line per claim, naming the services and subnets it breaks.
    std::map<std::string, std::pair<std::set<std::string>, std::set<std::string>>> lines;
    std::map<std::string, std::string> resource_of;
    for (const auto& [path, fault] : g.hits) {
      auto& [services, subnets] = lines[fault->claim];
      services.insert(path->need->service);
      subnets.insert(path->subnet_id);
      resource_of.emplace(fault->claim, fault->resource);
      f.paths.push_back({path->need->service, path->subnet_id});
      f.subnets.push_back(path->subnet_id);
    }
    for (const auto& [claim, sets] : lines) {
      std::vector<std::string> sv(sets.first.begin(), sets.first.end());
      std::vector<std::string> sn(sets.second.begin(), sets.second.end());
      f.evidence.push_back({resource_of[claim], claim + " (breaks " + JoinList(sv, 10) + " from " +
                                                     JoinList(sn, 16) + ")"});
    }
    f.fix = fix(g, ctx.model);
  }
}

std::string MissingEndpointMessage(const FaultGroup& g, const model::Model&) {
  return g.resource + " has no internet route from " + JoinList(g.subnets) +
         " and no interface endpoint for " + JoinList(g.services) + ", which " +
         g.ta->target.name + " needs";
}

report::Fix MissingEndpointFix(const FaultGroup& g, const model::Model& m) {
  const auto& t = g.ta->target;
  // Reuse the security group the VPC's other interface endpoints already use.
  std::string sg = "<endpoint-sg-id>";
  for (const auto* e : m.EndpointsInVpc(g.resource))
    if (e->type == model::EndpointType::kInterface && !e->group_ids.empty()) {
      sg = e->group_ids.front();
      break;
    }
  std::vector<fix::Step> steps;
  for (const auto& svc : g.services) {
    std::string region = t.region;
    for (const auto& [p, f] : g.hits)
      if (p->need->service == svc) region = p->need->region;
    steps.push_back(fix::InterfaceEndpoint{g.resource, EndpointServiceName(region, svc), t.subnets, sg});
  }
  return report::Fix::Of("create the missing interface endpoint(s) with private DNS (or give the subnets a NAT "
                         "gateway route)",
                         std::move(steps));
}

const model::Subnet* PublicSubnet(const model::Model& model, const std::string& vpc_id) {
  for (const auto& s : model.subnets()) {
    if (s.vpc_id != vpc_id) continue;
    const model::RouteTable* rt = model.RouteTableForSubnet(s.id);
    if (!rt) continue;
    for (const auto& r : rt->routes) {
      if (!r.destination || r.destination->len != 0 || r.blackhole ||
          r.target != model::RouteTarget::kInternetGateway)
        continue;
      for (const auto* g : model.GatewaysAttachedTo(vpc_id))
        if (g->id == r.target_id) return &s;
    }
  }
  return nullptr;
}

const model::NatGateway* UsableNatGateway(const model::Model& model, const std::string& vpc_id) {
  for (const auto& n : model.nat_gateways()) {
    if (n.vpc_id != vpc_id || n.state != "available" || n.connectivity_type == "private") continue;
    const model::RouteTable* rt = n.subnet_id.empty() ? model.route_tables().Find(n.route_table_id)
                                                      : model.RouteTableForSubnet(n.subnet_id);
    if (!rt) continue;
    for (const auto& r : rt->routes)
      if (r.destination && r.destination->len == 0 && !r.blackhole &&
          r.target == model::RouteTarget::kInternetGateway)
        return &n;
  }
  return nullptr;
}

int FreeRuleNumber(const model::NetworkAcl* acl, bool egress, int below) {
  if (!acl) return 100;
  std::set<int> used;
  for (const auto& e : acl->entries)
    if (e.egress == egress) used.insert(e.rule_number);
  for (int n = std::min(below - 1, 32766); n >= 1; --n)
    if (!used.count(n) && n % 10 == 0) return n;
  for (int n = std::min(below - 1, 32766); n >= 1; --n)
    if (!used.count(n)) return n;
  return 1;
}

std::string EndpointServiceName(const std::string& region, const std::string& service) {
  if (region.rfind("cn-", 0) == 0 && service.rfind("ecr.", 0) == 0)
    return "cn.com.amazonaws." + region + "." + service;
  return "com.amazonaws." + region + "." + service;
}

std::vector<std::string> RouteTablesOf(const model::Model& model, const analysis::Target& t) {
  std::vector<std::string> out;
  for (const auto& s : t.subnets)
    if (const auto* rt = model.RouteTableForSubnet(s))
      if (std::find(out.begin(), out.end(), rt->id) == out.end()) out.push_back(rt->id);
  return out;
}

fix::Step NatRoute(bool replace, const std::string& route_table, const std::string& nat,
                   const std::string& destination) {
  return fix::Route{replace, route_table, destination, fix::Route::Via::kNatGateway, nat};
}

fix::Step NetworkUpdate(const analysis::Target& t, const std::vector<std::string>& subnets,
                        const std::vector<std::string>& security_groups, const std::string& assign_public_ip) {
  fix::NetworkConfiguration n;
  n.subnets = subnets.empty() ? t.subnets : subnets;
  n.security_groups = security_groups.empty() ? t.security_groups : security_groups;
  n.assign_public_ip = !assign_public_ip.empty() ? assign_public_ip : (t.assign_public_ip ? "ENABLED" : "DISABLED");
  if (t.kind == analysis::TargetKind::kService) {
    fix::ServiceUpdate u;
    u.cluster = LastPart(t.cluster_arn);
    u.service = t.name;
    u.network = {std::move(n)};
    u.force_new_deployment = true;
    return u;
  }
  return fix::RunTask{t.task_definition_ref, LastPart(t.cluster_arn), "", std::move(n)};
}

fix::Read EniQuota(const std::string& region) {
  return {"service-quotas", "get-service-quota", {"--service-code", "vpc", "--quota-code", "L-DF5E4CA3"}, region};
}

}  // namespace fd::checks
