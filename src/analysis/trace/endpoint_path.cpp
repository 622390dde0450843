// The way through an interface endpoint whose private DNS took the need's name
// (docs/design/checks.md "Which code a blocked path reports", step 3): the task's security
// groups towards the endpoint's network interfaces, the task subnet's network ACL when they
// are in other subnets, the route to them, the endpoint subnets' network ACLs (FW008) and the
// endpoint's own security groups (FW003).
#include <algorithm>

#include "analysis/trace/filters.h"
#include "analysis/trace/trace.h"

namespace fd::analysis::trace {
namespace {

using net::Peer;
using net::Tri;
using report::Severity;
using report::StepAction;

/// Where the endpoint's network interfaces are, as the task sees them.
struct EndpointEnis {
  std::vector<const model::Subnet*> subnets;  ///< its subnets in the snapshot
  Peer all;    ///< every interface: what the task's security groups must admit
  Peer cross;  ///< those in other subnets than the task's: what NACLs and routes see
  bool cross_subnet() const { return !cross.cidrs.empty(); }
};

EndpointEnis EnisOf(const Context& cx, const model::VpcEndpoint& ep) {
  EndpointEnis e;
  std::vector<Cidr4> cross, all;
  for (const auto& sid : ep.subnet_ids) {
    const model::Subnet* s = cx.model().subnets().Find(sid);
    if (!s || !s->cidr) continue;
    e.subnets.push_back(s);
    if (sid != cx.subnet.id) cross.push_back(*s->cidr);
  }
  // Subnets unknown: the interfaces are somewhere in the VPC.
  if (e.subnets.empty() && cx.vpc && !cx.vpc->cidrs.empty()) cross = cx.vpc->cidrs;
  all = cross;
  for (const auto* s : e.subnets)
    if (s->id == cx.subnet.id) all.push_back(*s->cidr);
  e.all = Peer::Cidrs(all, ep.id + " network interfaces");
  e.all.group_ids = ep.group_ids;
  e.cross = Peer::Cidrs(cross, ep.id + " network interfaces in other subnets");
  e.cross.group_ids = ep.group_ids;
  return e;
}

/// The route to interfaces in other subnets: the VPC's local route, unless something more
/// specific wins (NET009, a warning: the path to the endpoint is not verified).
Leg RouteToEnis(const Context& cx, const model::VpcEndpoint& ep, const Peer& cross) {
  Leg leg;
  const model::RouteTable* rt = cx.model().RouteTableForSubnet(cx.subnet.id);
  if (!rt) return leg;
  net::RouteDecision rd = net::LookupRoute(*rt, cross, cx.model());
  if (rd.route && rd.route->target == model::RouteTarget::kLocal) {
    leg.Step("route table " + rt->id, rt->id, "route lookup", StepAction::kForwarded, rd.detail);
  } else if (rd.route) {
    leg.Step("route table " + rt->id, rt->id, "route lookup", StepAction::kUnknown,
             rd.detail + " (not the local route: the path to the endpoint is not verified)");
    leg.filters.push_back(MakeFault(Code::kNet009, Severity::kWarning, rt->id,
                                    rt->id + " sends traffic for " + ep.id + " to " + rd.route->target_id));
  }
  return leg;
}

/// The endpoint subnets' network ACLs: inbound 443 from the task, replies out to its ports.
Leg EndpointSubnetNacls(const Context& cx, const model::VpcEndpoint& ep, const EndpointEnis& enis) {
  Leg leg;
  for (const auto* s : enis.subnets) {
    if (s->id == cx.subnet.id) continue;
    const model::NetworkAcl* acl = cx.view.NaclFor(s->id);
    if (!acl) {
      leg.Step("subnet " + s->id + " (" + ep.id + ")", "", "network-acl", StepAction::kUnknown,
               "no network ACL data for " + s->id);
      leg.Gap({Code::kFw008}, "no network ACL data for " + s->id + " (subnet of " + ep.id + ")");
      leg.unknown = true;
      continue;
    }
    Placement at;
    at.subnet = s;
    at.name = ep.id;
    auto [in, out] = NaclAtDestination(*acl, at, Flow{kTcp, 443, enis.all}, cx.task);
    for (const Verdict* v : {&in, &out}) {
      leg.steps.push_back(v->step);
      if (v->allowed == Tri::kMaybe) {
        leg.Gap({Code::kFw008}, v->detail());
        leg.unknown = true;
      } else if (v->allowed == Tri::kNo) {
        leg.filters.push_back(MakeFault(Code::kFw008, Severity::kBlocker, acl->id,
                                        "network ACL " + acl->id + " of the interface endpoint subnets denies " +
                                            (v == &in ? "inbound tcp 443 from the tasks"
                                                      : "outbound replies (tcp 1024-65535) to the tasks")));
        leg.filters.back().opening = v->opening;
      }
    }
  }
  return leg;
}

/// The endpoint's own security groups must admit 443 from the task. Admitting part of the
/// task subnet is a warning: tasks on other addresses time out.
Leg EndpointSgIngress(const Context& cx, const model::VpcEndpoint& ep, const EndpointEnis& enis) {
  Leg leg;
  Placement at;
  at.name = ep.id;
  at.eni_hop = ep.id;
  bool known = !ep.group_ids.empty();
  for (const auto& g : ep.group_ids) {
    const auto* sg = cx.view.FindSg(g);
    if (!sg || !sg->rules_known) known = false;
    else at.groups.push_back(sg);
  }
  if (!known) {
    leg.Step(ep.id, "", "security-group ingress", StepAction::kUnknown,
             "the security groups of " + ep.id + " are not in the snapshot");
    leg.Gap({Code::kFw003}, "security groups of " + ep.id + " are not in the snapshot");
    leg.unknown = true;
    return leg;
  }
  Verdict v = SgIngress(at, Flow{kTcp, 443, enis.all}, cx.task, cx.model());
  leg.steps.push_back(v.step);
  if (v.allowed == Tri::kYes) return leg;
  leg.filters.push_back(v.allowed == Tri::kMaybe
                            ? MakeFault(Code::kFw003, Severity::kWarning, ep.group_ids.front(), v.detail())
                            : MakeFault(Code::kFw003, Severity::kBlocker, ep.group_ids.front(), v.detail()));
  leg.filters.back().opening = v.opening;
  return leg;
}

}  // namespace

Leg EndpointPath(const Context& cx, const model::VpcEndpoint& ep) {
  const EndpointEnis enis = EnisOf(cx, ep);
  // Security groups towards every interface; NACLs and routes only towards other subnets.
  Leg leg = TaskSgEgress(cx, enis.all, /*endpoint_design=*/true);
  if (enis.cross_subnet()) {
    leg.Then(TaskNacl(cx, enis.cross));
    leg.Then(RouteToEnis(cx, ep, enis.cross));
  }
  leg.Then(EndpointSubnetNacls(cx, ep, enis));
  leg.Then(EndpointSgIngress(cx, ep, enis));
  leg.via = ep.id;
  leg.end = leg.HasBlocker() ? End::kBlocked : leg.unknown ? End::kUnknown : End::kReached;
  return leg;
}

}  // namespace fd::analysis::trace
