// Run: one (subnet, need) trace from the pieces of this package (trace.h), in packet order,
// and the verdict over what they found.
#include <algorithm>

#include "analysis/analyze.h"
#include "analysis/trace/trace.h"

namespace fd::analysis {
namespace trace {
namespace {

using net::Tri;
using report::Severity;
using report::StepAction;

Leg UnknownSubnet(const std::string& subnet_id) {
  Leg leg;
  leg.Step("subnet " + subnet_id, subnet_id, "subnet", StepAction::kUnknown,
           subnet_id + " is not in the snapshot (ec2 describe-subnets)");
  leg.Gap({Code::kNet002, Code::kFw001, Code::kFw006}, subnet_id + " is not in the snapshot");
  leg.end = End::kUnknown;
  return leg;
}

/// IPv6-only: pulls need dual-stack ECR names, DNS64 and NAT64 (docs/design/causes.md#net011).
Leg Ipv6Only(const model::Model& m, const model::Subnet& subnet) {
  bool nat64 = false;
  if (const auto* rt = m.RouteTableForSubnet(subnet.id))
    for (const auto& r : rt->routes)
      if (r.destination_ipv6 && r.target == model::RouteTarget::kNatGateway) nat64 = true;
  const bool maybe = subnet.enable_dns64 && nat64;
  std::string claim = subnet.id + " is IPv6-only" +
                      (maybe ? "; DNS64 and a NAT64 route exist, so IPv4-only names may work: verify"
                             : " without DNS64 and a NAT64 route, so IPv4-only AWS endpoints are unreachable");
  Leg leg;
  leg.Step("subnet " + subnet.id + " (task)", subnet.id, "address family",
           maybe ? StepAction::kUnknown : StepAction::kDenied, claim);
  leg.routing.push_back(MakeFault(Code::kNet011, maybe ? Severity::kWarning : Severity::kBlocker, subnet.id, claim));
  leg.end = maybe ? End::kUnknown : End::kBlocked;
  return leg;
}

/// Through the endpoint that took the name. Blocked there, would the public way have worked?
/// Then the endpoint broke a working design (VPCE015, info).
Leg ViaEndpoint(const Context& cx, const model::VpcEndpoint& ep) {
  Leg leg = EndpointPath(cx, ep);
  if (leg.end != End::kBlocked) return leg;
  Leg alt = PublicPath(cx);
  if (alt.end == End::kReached && alt.filters.empty())
    leg.filters.push_back(MakeFault(Code::kVpce015, Severity::kInfo, ep.id,
                                    "without " + ep.id + ", " + cx.need.host + " would be reached via " + alt.via +
                                        "; its private DNS sends every task in " + cx.subnet.vpc_id +
                                        " to the endpoint instead"));
  return leg;
}

/// The public way; blocked on the way itself with an endpoint present, the cause is why that
/// endpoint did not take the name.
Leg ViaPublicAddress(const Context& cx, const Resolution& dns) {
  Leg leg = PublicPath(cx);
  if (leg.end == End::kBlocked && !leg.routing.empty() && dns.endpoint) leg.routing = {*dns.why_not};
  return leg;
}

/// Undecidable resolution: both ways are traced, and agreeing outcomes decide.
Leg EitherWay(const Context& cx, const Resolution& dns) {
  Leg leg = EndpointPath(cx, *dns.endpoint);
  Leg pub = PublicPath(cx);
  const End e1 = leg.end, e2 = pub.end;
  leg.Then(std::move(pub));
  if (e1 == e2 && e1 != End::kUnknown) return leg;
  leg.routing.clear();
  leg.filters.clear();
  leg.via.clear();
  if (dns.why_not->code == Code::kVpce008) leg.routing.push_back(*dns.why_not);
  else leg.Gap({Code::kVpce007}, dns.why_not->claim);
  return leg.Undecided();
}

/// The first things that stop the packet, and whether it arrives. The resolver's faults come
/// first; on a path with a routing blocker the filters are not reported (nothing reaches them).
PathResult Conclude(const std::string& subnet_id, std::vector<Fault> dns_faults, Leg leg) {
  PathResult out;
  out.subnet_id = subnet_id;
  out.trace = report::Trace(leg.steps);
  out.unchecked = std::move(leg.gaps);
  out.via = std::move(leg.via);
  out.faults = std::move(dns_faults);
  auto blocker = [](const Fault& f) { return f.severity == Severity::kBlocker; };
  const bool routed = std::none_of(leg.routing.begin(), leg.routing.end(), blocker);
  for (auto& f : leg.routing) out.faults.push_back(std::move(f));
  if (routed)
    for (auto& f : leg.filters) out.faults.push_back(std::move(f));
  const bool blocked = std::any_of(out.faults.begin(), out.faults.end(), blocker);
  // Warnings that leave the path unverified rather than at risk.
  const bool unverified = std::any_of(out.faults.begin(), out.faults.end(), [](const Fault& f) {
    return f.severity == Severity::kWarning && (f.code == Code::kNet009 || f.code == Code::kVpce008 || f.code == Code::kFw005);
  });
  if (blocked || leg.end == End::kBlocked) {
    out.reachable = false;
    if (leg.end != End::kReached) out.via.clear();
  } else if (leg.end == End::kUnknown || leg.unknown || unverified) {
    out.reachable = std::nullopt;
  } else {
    out.reachable = true;
  }
  return out;
}

}  // namespace

PathResult Run(const View& view, const Target& target, const Need& need, const std::string& subnet_id) {
  const model::Subnet* subnet = view.model().subnets().Find(subnet_id);
  if (!subnet) return Conclude(subnet_id, {}, UnknownSubnet(subnet_id));
  const bool nfs = need.kind == NeedKind::kEfs;
  if (nfs && !subnet->cidr) return Conclude(subnet_id, {}, NfsWithoutIpv4(*subnet, need));
  if (subnet->ipv6_native || !subnet->cidr) return Conclude(subnet_id, {}, Ipv6Only(view.model(), *subnet));

  const Placement task = PlaceTask(view, target, *subnet);
  const Context cx{view, target, need, *subnet, view.model().vpcs().Find(subnet->vpc_id), task};
  Leg path = PlacementGaps(cx);
  if (nfs) return Conclude(subnet_id, {}, std::move(path.Then(NfsPath(cx))));
  Resolution dns = Resolve(cx);
  path.Then(std::move(dns.leg));
  if (path.end == End::kBlocked) return Conclude(subnet_id, {}, std::move(path));  // nothing resolves

  switch (dns.takes) {
    case Tri::kYes: path.Then(ViaEndpoint(cx, *dns.endpoint)); break;
    case Tri::kNo: path.Then(ViaPublicAddress(cx, dns)); break;
    case Tri::kMaybe: path.Then(EitherWay(cx, dns)); break;
  }
  return Conclude(subnet_id, std::move(dns.faults), std::move(path));
}

}  // namespace trace

PathResult TracePathShared(const model::Model& model, const Target& target, const Need& need,
                           const std::string& subnet_id) {
  PathResult out = trace::Run(trace::View(model), target, need, subnet_id);
  out.need = &need;
  return out;
}

PathResult TracePathAssuming(const model::Model& model, const Target& target, const Need& need,
                             const std::string& subnet_id, const Assumptions& assume) {
  PathResult out = trace::Run(trace::View(model, &assume), target, need, subnet_id);
  out.need = &need;
  BindToTarget(out, target);
  return out;
}

void BindToTarget(PathResult& path, const Target& target) {
  for (auto& f : path.faults) {
    if (f.resource == kThisTarget) f.resource = target.Key();
    else if (f.resource == kThisTaskDefinition) f.resource = target.task_definition_ref;
  }
}

PathResult TracePath(const model::Model& model, const Target& target, const Need& need,
                     const std::string& subnet_id) {
  PathResult out = TracePathShared(model, target, need, subnet_id);
  BindToTarget(out, target);
  return out;
}

}  // namespace fd::analysis
