// The public way (docs/design/checks.md "Which code a blocked path reports", step 2): the
// task's filters towards the public address, the subnet's route table, then the next hop the
// route names: an internet gateway (with the task's public IP), a NAT gateway (its state, its
// own subnet's network ACL and its own route to an internet gateway), an S3 gateway endpoint,
// or a target whose far side the snapshot cannot show.
#include <algorithm>

#include "analysis/trace/filters.h"
#include "analysis/trace/trace.h"

namespace fd::analysis::trace {
namespace {

using net::Peer;
using net::Tri;
using report::Severity;
using report::StepAction;

/// The need's public address. S3 is reached through its prefix list: by the list's CIDRs when
/// the snapshot has them (describe-prefix-lists), else by the list's ID as gateway-endpoint
/// routes name it.
Peer PublicPeer(const Context& cx) {
  const Need& need = cx.need;
  if (need.kind != NeedKind::kS3) return Peer::PublicService("the public address of " + need.host);
  const std::string pl_name = "com.amazonaws." + need.region + ".s3";
  std::string pl_id;
  std::vector<Cidr4> cidrs;
  if (const auto* pl = cx.model().PrefixListByName(pl_name, cx.target.account)) {
    pl_id = pl->id;
    if (pl->cidrs_known) cidrs = pl->cidrs;
  }
  if (pl_id.empty()) {
    // The gateway endpoint's own route tables carry its prefix-list route.
    if (const auto* gw = cx.view.FindS3GatewayEndpoint(cx.subnet.vpc_id, need.region))
      for (const auto& rt_id : gw->route_table_ids)
        if (const auto* rt = cx.model().route_tables().Find(rt_id))
          for (const auto& r : rt->routes)
            if (r.target_id == gw->id && !r.destination_prefix_list_id.empty()) pl_id = r.destination_prefix_list_id;
  }
  if (pl_id.empty()) return Peer::PublicService("S3 in " + need.region + " (" + need.host + ")");
  Peer p = Peer::Cidrs(cidrs, "S3 (" + pl_id + ")");
  p.prefix_list_id = pl_id;
  return p;
}

/// No route takes the public address: the code names what is missing for this need
/// (docs/design/checks.md, step 2).
Fault NoRouteFault(const Context& cx, const model::RouteTable& rt, const Peer& peer) {
  const Need& need = cx.need;
  const std::string& vpc_id = cx.subnet.vpc_id;
  const std::string claim = "no route in " + rt.id + " matches " + peer.label;
  if (need.cross_region)
    return MakeFault(Code::kVpce012, Severity::kBlocker, std::string(kThisTaskDefinition),
                     need.service + " in " + need.region + " is in another Region than " + vpc_id + " (" +
                         cx.target.region + "): its endpoints cannot serve it and there is no internet path; " +
                         claim);
  const bool uses = cx.view.VpcUsesInterfaceEndpoints(vpc_id);
  if (need.kind == NeedKind::kS3) {
    if (const auto* gw = cx.view.FindS3GatewayEndpoint(vpc_id, need.region))
      return MakeFault(Code::kVpce003, Severity::kBlocker, gw->id,
                       "S3 gateway endpoint " + gw->id + " is not associated with " + rt.id +
                           ", which has no internet route either");
    if (uses)
      return MakeFault(Code::kVpce002, Severity::kBlocker, vpc_id,
                       vpc_id + " has no S3 gateway endpoint (com.amazonaws." + need.region + ".s3) and " + rt.id +
                           " has no internet route");
  } else if (need.kind == NeedKind::kRegistry) {
    // An endpoint design that cannot serve the registry (or a pull-through cache's first
    // pull) is VPCE013's; a subnet with no internet and no endpoints at all pulling a non-ECR
    // image is IMG006's (the image, not a missing endpoint, is what no endpoint can fix). A
    // first pull in a VPC without endpoints stays with NET002, which already names the ECR
    // destinations that fail there.
    if (uses)
      return MakeFault(Code::kVpce013, Severity::kBlocker, std::string(kThisTaskDefinition),
                       need.host + (need.first_pull ? " (the pull-through cache's upstream, reached on the first pull)"
                                                    : "") +
                           " is not served by any VPC endpoint and " + rt.id + " has no internet route");
    if (!need.first_pull)
      return MakeFault(Code::kImg006, Severity::kBlocker, std::string(kThisTaskDefinition),
                       need.host + " is a registry outside ECR, reached only over the internet, and " + rt.id +
                           " has no route to a NAT gateway or an internet gateway (" + vpc_id +
                           " has no VPC endpoints either)");
  } else if (uses) {
    const std::string missing = vpc_id + " has no interface endpoint com.amazonaws." + need.region + "." +
                                need.service + " and " + rt.id + " has no internet route";
    if (need.service.starts_with("ecr.")) return MakeFault(Code::kVpce001, Severity::kBlocker, vpc_id, missing);
    if (need.service == "logs") return MakeFault(Code::kVpce004, Severity::kBlocker, vpc_id, missing);
    if (need.service == "secretsmanager" || need.service == "ssm")
      return MakeFault(Code::kVpce005, Severity::kBlocker, vpc_id, missing);
  }
  return MakeFault(Code::kNet002, Severity::kBlocker, rt.id,
                   rt.id + " has no route to a NAT gateway or an internet gateway, and " + vpc_id +
                       " has no VPC endpoints");
}

/// The internet gateway `igw_id` of `vpc_id`, reached from a source that has a public address
/// (`public_ip`): `hop_of` says which.
Leg NextHopIgw(const Context& cx, const std::string& igw_id, const std::string& vpc_id, bool public_ip,
               const std::string& hop_of) {
  Leg leg;
  const model::InternetGateway* igw = cx.model().internet_gateways().Find(igw_id);
  if (!igw) {
    leg.Step(igw_id, igw_id, "internet gateway", StepAction::kUnknown,
             igw_id + " is not in the snapshot (ec2 describe-internet-gateways)");
    leg.Gap({Code::kNet004}, igw_id + " is not in the snapshot");
    return leg.Undecided();
  }
  if (!cx.view.IgwAttached(*igw, vpc_id)) {
    std::string claim = igw_id + " is not attached to " + vpc_id;
    leg.Step(igw_id, igw_id, "internet gateway", StepAction::kDenied, claim);
    leg.routing.push_back(MakeFault(Code::kNet004, Severity::kBlocker, igw_id, claim));
    leg.end = End::kBlocked;
    return leg;
  }
  const Target& t = cx.target;
  if (!public_ip && !t.public_ip_known) {
    leg.Step(igw_id, igw_id, "internet gateway", StepAction::kUnknown,
             "whether the task ENI had a public IP is not in the snapshot (its ENI is gone)");
    leg.Gap({Code::kNet001}, "the public IP of a task in " + cx.subnet.id + " is not in the snapshot");
    return leg.Undecided();
  }
  if (!public_ip) {
    std::string claim = "the task ENI gets no public IP (assignPublicIp " +
                        (t.assign_public_ip_raw.empty() ? std::string("absent, so DISABLED") : t.assign_public_ip_raw) +
                        "), so replies through " + igw_id + " cannot reach it" +
                        (cx.subnet.map_public_ip_on_launch
                             ? " (the subnet's MapPublicIpOnLaunch does not apply to Fargate)"
                             : "");
    leg.Step(igw_id, igw_id, "internet gateway", StepAction::kDenied, claim);
    leg.routing.push_back(MakeFault(Code::kNet001, Severity::kBlocker, std::string(kThisTarget), claim));
    leg.end = End::kBlocked;
    return leg;
  }
  leg.Step(igw_id, igw_id, "internet gateway", StepAction::kForwarded,
           igw_id + " is attached to " + vpc_id + "; " + hop_of);
  leg.via = igw_id;
  return leg;
}

/// Why the NAT gateway cannot forward at all ("" when it can).
std::string NatBroken(const Context& cx, const model::NatGateway& nat) {
  const std::string& id = nat.id;
  const std::string& az = cx.subnet.availability_zone_id;
  if (nat.state != "available")
    return id + " is " + nat.state + (nat.failure_message.empty() ? "" : ": " + nat.failure_message);
  if (nat.connectivity_type == "private") return id + " is a private NAT gateway, which cannot reach the internet";
  if (std::none_of(nat.addresses.begin(), nat.addresses.end(), [](const auto& a) { return !a.public_ip.empty(); }))
    return id + " has no Elastic IP address";
  if (nat.availability_mode == "regional" && !az.empty() &&
      std::none_of(nat.addresses.begin(), nat.addresses.end(), [&](const auto& a) {
        return a.availability_zone_id.empty() || a.availability_zone_id == az;
      }))
    return "regional " + id + " has no address in " + az;
  return "";
}

/// The NAT gateway's own subnet's network ACL sees the flow twice: task → NAT, and NAT →
/// internet, each with its replies (FW008).
Leg NatSubnetNacl(const Context& cx, const model::NatGateway& nat, const Peer& peer) {
  Leg leg;
  const model::Subnet* ns = cx.model().subnets().Find(nat.subnet_id);
  const model::NetworkAcl* acl = cx.view.NaclFor(nat.subnet_id);
  const std::string hop = "subnet " + nat.subnet_id + " (" + nat.id + ")";
  if (!ns || !ns->cidr || !acl) {
    leg.Step(hop, acl ? acl->id : "", "network-acl", StepAction::kUnknown,
             "the subnet or network ACL of " + nat.id + " is not in the snapshot");
    leg.Gap({Code::kFw008}, "no network ACL data for " + nat.subnet_id + " (subnet of " + nat.id + ")");
    leg.unknown = true;
    return leg;
  }
  const Peer tasks = SubnetPeer(cx.subnet);
  struct Check {
    bool egress;
    PortRange ports;
    const Peer* peer;
    const char* what;  ///< the same words for every task subnet, so one cause groups once
  };
  const Check checks[] = {{false, {443, 443}, &tasks, "inbound tcp 443 from the tasks"},
                          {true, kEphemeral, &tasks, "outbound replies (tcp 1024-65535) to the tasks"},
                          {true, {443, 443}, &peer, "outbound tcp 443 to the internet"},
                          {false, kEphemeral, &peer, "inbound replies (tcp 1024-65535) from the internet"}};
  for (const auto& c : checks) {
    Verdict v = NaclStep(*acl, hop, c.egress ? "network-acl egress" : "network-acl ingress", c.egress, kTcp, c.ports,
                         *c.peer);
    leg.steps.push_back(v.step);
    if (v.allowed == Tri::kMaybe) {
      leg.Gap({Code::kFw008}, v.detail());
      leg.unknown = true;
    } else if (v.allowed == Tri::kNo) {
      leg.filters.push_back(MakeFault(Code::kFw008, Severity::kBlocker, acl->id,
                                      "network ACL " + acl->id + " of " + nat.subnet_id + " (subnet of " + nat.id +
                                          ") denies " + c.what));
      leg.filters.back().opening = v.opening;
    }
  }
  return leg;
}

bool OpaqueTarget(model::RouteTarget t) {
  using model::RouteTarget;
  return t == RouteTarget::kTransitGateway || t == RouteTarget::kVpnGateway || t == RouteTarget::kGwlbEndpoint ||
         t == RouteTarget::kNetworkInterface || t == RouteTarget::kInstance || t == RouteTarget::kCoreNetwork;
}

/// The NAT gateway's own way out: its route table must send the public address to an
/// attached internet gateway (NET005 when it does not, NET003 for a blackhole).
Leg NatRoute(const Context& cx, const model::NatGateway& nat, const model::RouteTable& rt,
             const std::string& nat_where, const Peer& peer) {
  Leg leg;
  const std::string hop = "route table " + rt.id;
  net::RouteDecision rd = cx.view.Lookup(rt, peer, cx.need, cx.subnet.vpc_id);
  const model::Route* r = rd.route;
  if (r && !r->blackhole && rd.certain == Tri::kYes && r->target == model::RouteTarget::kInternetGateway) {
    leg.Step(hop, rt.id, "route lookup", StepAction::kForwarded, rd.detail);
    const model::InternetGateway* igw = cx.model().internet_gateways().Find(r->target_id);
    if (igw && !cx.view.IgwAttached(*igw, nat.vpc_id)) {
      std::string claim = r->target_id + ", the internet route of " + nat_where + ", is not attached to " + nat.vpc_id;
      leg.Step(r->target_id, r->target_id, "internet gateway", StepAction::kDenied, claim);
      leg.routing.push_back(MakeFault(Code::kNet004, Severity::kBlocker, r->target_id, claim));
      leg.end = End::kBlocked;
      return leg;
    }
    Leg out = NextHopIgw(cx, r->target_id, nat.vpc_id.empty() ? cx.subnet.vpc_id : nat.vpc_id, true,
                         "the NAT gateway's Elastic IP is the source");
    if (out.end == End::kReached) out.via = nat.id;
    return leg.Then(std::move(out));
  }
  if (r && rd.certain == Tri::kYes && !r->blackhole && OpaqueTarget(r->target)) {
    std::string claim = nat_where + " sends internet traffic to " + r->target_id + " via " + rt.id +
                        "; the path beyond it cannot be verified from the snapshot";
    leg.Step(hop, rt.id, "route lookup", StepAction::kUnknown, claim);
    leg.routing.push_back(MakeFault(Code::kNet009, Severity::kWarning, rt.id, claim));
    leg.end = End::kUnknown;
    return leg;
  }
  if (r && r->blackhole) {
    // The NAT's own internet route lost its target: replacing that route is the fix (NET003).
    std::string claim = net::DescribeRoutes(rd) + " in " + rt.id + ", the route table of " + nat_where +
                        ": the target no longer exists and the route drops traffic";
    leg.Step(hop, rt.id, "route lookup", StepAction::kDenied, claim);
    leg.routing.push_back(MakeFault(Code::kNet003, Severity::kBlocker, rt.id, claim));
    leg.end = End::kBlocked;
    return leg;
  }
  if (rd.certain == Tri::kMaybe) {
    leg.Step(hop, rt.id, "route lookup", StepAction::kUnknown, rd.detail);
    leg.Gap({Code::kNet005}, rd.detail);
    return leg.Undecided();
  }
  std::string claim = nat_where + " has no working route to an internet gateway: " +
                      (r ? net::DescribeRouteTarget(*r) + " in " + rt.id : rd.detail) +
                      " (a NAT gateway must sit in a public subnet)";
  leg.Step(hop, rt.id, "route lookup", r ? StepAction::kDenied : StepAction::kNoRoute, claim);
  leg.routing.push_back(MakeFault(Code::kNet005, Severity::kBlocker, nat.id, claim));
  leg.end = End::kBlocked;
  return leg;
}

/// The NAT gateway a route names: usable, its subnet's network ACL, then its own way out.
Leg NextHopNat(const Context& cx, const std::string& id, const Peer& peer) {
  Leg leg;
  const model::NatGateway* nat = cx.model().nat_gateways().Find(id);
  const Assumptions* a = cx.view.assumed();
  if (!nat && a && id == kPlannedNat && !a->planned_nat_subnet.empty()) {
    leg.Step(id, id, "nat gateway", StepAction::kForwarded,
             "a NAT gateway to be created in public subnet " + a->planned_nat_subnet + " (assumed)");
    leg.via = id;
    return leg;
  }
  if (!nat) {
    leg.Step(id, id, "nat gateway", StepAction::kUnknown, id + " is not in the snapshot (ec2 describe-nat-gateways)");
    leg.Gap({Code::kNet006, Code::kNet005}, id + " is not in the snapshot");
    return leg.Undecided();
  }
  if (std::string why = NatBroken(cx, *nat); !why.empty()) {
    leg.Step(id, id, "nat gateway", StepAction::kDenied, why);
    leg.routing.push_back(MakeFault(Code::kNet006, Severity::kBlocker, id, why));
    leg.end = End::kBlocked;
    return leg;
  }
  const bool regional = nat->availability_mode == "regional" || nat->subnet_id.empty();
  const model::RouteTable* nat_rt = regional ? cx.model().route_tables().Find(nat->route_table_id)
                                             : cx.model().RouteTableForSubnet(nat->subnet_id);
  const std::string nat_where = regional ? "regional " + id : id + " in " + nat->subnet_id;
  leg.Step(id, id, "nat gateway", StepAction::kForwarded,
           nat_where + " is " + nat->state + " (" + nat->connectivity_type + ")");
  if (!regional && nat->subnet_id != cx.subnet.id) leg.Then(NatSubnetNacl(cx, *nat, peer));
  if (!nat_rt) {
    leg.Step(id, nat->route_table_id, "route lookup", StepAction::kUnknown,
             "the route table of " + nat_where + " is not in the snapshot");
    leg.Gap({Code::kNet005}, "route table of " + nat_where + " is not in the snapshot");
    return leg.Undecided();
  }
  return leg.Then(NatRoute(cx, *nat, *nat_rt, nat_where, peer));
}

/// The hop the task subnet's route `r` leads to; the route lookup's step is the first of
/// the leg, and a route to where traffic cannot go on marks it so.
Leg NextHop(const Context& cx, const model::RouteTable& rt, const net::RouteDecision& rd, const std::string& hop,
            const Peer& peer) {
  Leg leg;
  leg.Step(hop, rt.id, "route lookup", StepAction::kForwarded, rd.detail);
  const model::Route& r = *rd.route;
  switch (r.target) {
    case model::RouteTarget::kInternetGateway: {
      const Assumptions* a = cx.view.assumed();
      return leg.Then(NextHopIgw(cx, r.target_id, cx.subnet.vpc_id, cx.target.assign_public_ip || (a && a->public_ip),
                                 "the task's public IP is the source"));
    }
    case model::RouteTarget::kNatGateway:
      return leg.Then(NextHopNat(cx, r.target_id, peer));
    case model::RouteTarget::kGatewayEndpoint: {
      const model::VpcEndpoint* ep = cx.model().vpc_endpoints().Find(r.target_id);
      if (ep && ep->state != "available") {
        std::string claim = "gateway endpoint " + ep->id + " is " + ep->state;
        leg.Step(ep->id, ep->id, "gateway endpoint", StepAction::kDenied, claim);
        leg.routing.push_back(MakeFault(Code::kVpce010, Severity::kBlocker, ep->id, claim));
        leg.end = End::kBlocked;
        return leg;
      }
      leg.Step(r.target_id, r.target_id, "gateway endpoint", StepAction::kForwarded,
               (ep ? ep->service_name : std::string("gateway endpoint")) + " on " + rt.id);
      leg.via = r.target_id;
      return leg;
    }
    case model::RouteTarget::kPeering: {
      std::string claim = rt.id + " sends " + peer.label + " to peering connection " + r.target_id +
                          ": peering does not carry traffic on to the peer's NAT or internet gateway";
      leg.routing.push_back(MakeFault(Code::kNet009, Severity::kBlocker, rt.id, claim));
      leg.steps.back().action = StepAction::kDenied;
      leg.steps.back().detail += "; " + claim;
      leg.end = End::kBlocked;
      return leg;
    }
    case model::RouteTarget::kLocal:
      // A 0.0.0.0/0 local route does not exist; reaching here means a prefix-list oddity.
      leg.via = "local";
      return leg;
    default: {
      std::string claim = rt.id + " sends " + peer.label + " to " + r.target_id + "; whether that path reaches " +
                          cx.need.host +
                          " cannot be verified from the snapshot (check the transit gateway "
                          "route tables, firewall allow-lists, or use VPC Reachability Analyzer)";
      leg.routing.push_back(MakeFault(Code::kNet009, Severity::kWarning, rt.id, claim));
      leg.steps.back().action = StepAction::kUnknown;
      leg.end = End::kUnknown;
      return leg;
    }
  }
}

/// An egress-only gateway serves IPv6 only (docs/design/causes.md#net010).
std::vector<Fault> EgressOnlyWarnings(const model::RouteTable& rt) {
  std::vector<Fault> out;
  for (const auto& r : rt.routes)
    if (r.target == model::RouteTarget::kEgressOnlyInternetGateway && r.destination_ipv6 &&
        r.destination_ipv6->len == 0)
      out.push_back(MakeFault(Code::kNet010, Severity::kWarning, rt.id,
                              rt.id + " has ::/0 -> " + r.target_id +
                                  ", but an egress-only internet gateway carries IPv6 only; "
                                  "the start's IPv4 traffic has no way out"));
  return out;
}

}  // namespace

Leg PublicPath(const Context& cx) {
  const Peer peer = PublicPeer(cx);
  const std::string& vpc_id = cx.subnet.vpc_id;
  const bool endpoint_design = (cx.need.kind == NeedKind::kS3 && cx.view.FindS3GatewayEndpoint(vpc_id, cx.need.region)) ||
                               cx.view.VpcUsesInterfaceEndpoints(vpc_id);
  Leg leg = TaskSgEgress(cx, peer, endpoint_design);
  leg.Then(TaskNacl(cx, peer));

  bool implicit = false;
  const model::RouteTable* rt = cx.model().RouteTableForSubnet(cx.subnet.id, &implicit);
  if (!rt) {
    leg.Step("subnet " + cx.subnet.id + " (task)", "", "route lookup", StepAction::kUnknown,
             "no route table for " + cx.subnet.id + " is in the snapshot (ec2 describe-route-tables)");
    leg.Gap({Code::kNet002}, "no route table data for " + cx.subnet.id);
    return leg.Undecided();
  }
  const std::string hop = "route table " + rt->id + (implicit ? " (main, implicit)" : "");
  net::RouteDecision rd = cx.view.Lookup(*rt, peer, cx.need, vpc_id);
  if (rd.certain == Tri::kMaybe) {
    leg.Step(hop, rt->id, "route lookup", StepAction::kUnknown, rd.detail);
    leg.Gap({Code::kNet002}, rd.detail);
    return leg.Undecided();
  }
  if (!rd.route) {
    leg.Step(hop, rt->id, "route lookup", StepAction::kNoRoute, rd.detail);
    leg.routing.push_back(NoRouteFault(cx, *rt, peer));
    for (Fault& f : EgressOnlyWarnings(*rt)) leg.routing.push_back(std::move(f));
    leg.end = End::kBlocked;
    return leg;
  }
  if (rd.route->blackhole) {
    std::string claim = net::DescribeRoutes(rd) + " in " + rt->id +
                        ": the target no longer exists, and a blackhole route drops traffic "
                        "instead of falling back to a less specific route";
    leg.Step(hop, rt->id, "route lookup", StepAction::kDenied, claim);
    leg.routing.push_back(MakeFault(Code::kNet003, Severity::kBlocker, rt->id, claim));
    leg.end = End::kBlocked;
    return leg;
  }
  return leg.Then(NextHop(cx, *rt, rd, hop, peer));
}

}  // namespace fd::analysis::trace
