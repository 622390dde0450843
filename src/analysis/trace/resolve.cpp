// Name resolution and the choice of an interface endpoint (docs/design/checks.md "Which code a
// blocked path reports", step 1): an interface endpoint takes the need's name only when it is
// available, has private DNS on, the VPC has DNS support and DNS hostnames, and the resolver
// is the Amazon one. Custom DNS servers are reached like any other host (FW005).
#include "analysis/trace/filters.h"
#include "analysis/trace/trace.h"

namespace fd::analysis::trace {
namespace {

using net::Peer;
using net::Tri;
using report::Severity;
using report::StepAction;

/// The VPC's resolver as its DHCP options name it.
struct Resolver {
  std::string dhcp_id;
  bool known = true;                ///< the DHCP options are in the snapshot
  std::vector<std::string> custom;  ///< servers other than the Amazon resolver
  bool amazon() const { return custom.empty(); }
};

Resolver ResolverOf(const Context& cx) {
  Resolver r;
  r.dhcp_id = cx.vpc ? cx.vpc->dhcp_options_id : "";
  std::vector<std::string> servers;
  if (!r.dhcp_id.empty() && r.dhcp_id != "default") {
    if (const auto* d = cx.model().dhcp_options().Find(r.dhcp_id)) servers = d->domain_name_servers;
    else r.known = false;
  }
  for (const auto& s : servers)
    if (s != "AmazonProvidedDNS" && s != "169.254.169.253") r.custom.push_back(s);
  return r;
}

/// Only the Amazon resolver is exempt from SGs and NACLs (VPC DNS docs); custom servers need
/// UDP and TCP 53 out and the replies in, and a route. The faults (FW005 warnings) are the
/// leg's filters.
Leg CheckCustomDns(const Context& cx, const std::vector<std::string>& servers) {
  Leg leg;
  const model::RouteTable* rt = cx.model().RouteTableForSubnet(cx.subnet.id);
  const model::NetworkAcl* acl = cx.view.NaclFor(cx.subnet.id);
  for (const auto& s : servers) {
    auto ip = Cidr4::Parse(s);
    if (!ip) continue;
    Peer peer = Peer::Cidrs({*ip}, "DNS server " + s);
    if (cx.task.groups_known())
      for (int proto : {kUdp, kTcp}) {
        Verdict v = SgEgress(cx.task, Flow{proto, 53, peer}, cx.model());
        if (v.allowed != Tri::kNo) continue;
        const std::string& sg = cx.task.groups.front()->id;
        leg.Step("eni (task)", sg, "security-group egress (dns)", StepAction::kDenied, v.detail());
        leg.filters.push_back(MakeFault(Code::kFw005, Severity::kWarning, sg, v.detail()));
        break;
      }
    const bool same = cx.subnet.cidr->Contains(*ip);
    if (acl && !same) {
      const std::string hop = "subnet " + cx.subnet.id + " (task)";
      for (const Verdict& v : {NaclStep(*acl, hop, "network-acl (dns)", true, kUdp, {53, 53}, peer),
                               NaclStep(*acl, hop, "network-acl (dns)", false, kUdp, kEphemeral, peer)})
        if (v.allowed == Tri::kNo) {
          leg.steps.push_back(v.step);
          leg.filters.push_back(MakeFault(Code::kFw005, Severity::kWarning, acl->id, v.detail()));
          break;
        }
    }
    if (rt && !same) {
      net::RouteDecision r = net::LookupRoute(*rt, peer, cx.model());
      if (!r.route || r.route->blackhole) {
        leg.Step("route table " + rt->id, rt->id, "route lookup (dns)", StepAction::kNoRoute, r.detail);
        leg.filters.push_back(MakeFault(Code::kFw005, Severity::kWarning, rt->id,
                                        "no usable route to DNS server " + s + ": " + r.detail));
      }
    }
  }
  return leg;
}

/// Whether interface endpoint `ep` takes the need's name, and when not surely, why.
struct Choice {
  Tri takes = Tri::kNo;
  std::optional<Fault> why_not;
};

/// `dns_hostnames`: -1 unknown, 0 false, 1 true.
Choice ChooseEndpoint(const Context& cx, const model::VpcEndpoint& ep, const Resolver& resolver,
                      int dns_hostnames) {
  Choice r;
  const std::string& host = cx.need.host;
  const std::string& vpc_id = cx.subnet.vpc_id;
  if (ep.state != "available") {
    r.why_not = MakeFault(Code::kVpce010, Severity::kBlocker, ep.id,
                          "interface endpoint " + ep.id + " (" + ep.service_name + ") is " + ep.state +
                              ", so it does not serve " + host);
  } else if (!ep.private_dns_enabled) {
    r.why_not = MakeFault(Code::kVpce006, Severity::kBlocker, ep.id,
                          "interface endpoint " + ep.id + " has private DNS off, so " + host +
                              " resolves to its public address");
  } else if (!resolver.amazon()) {
    r.takes = Tri::kMaybe;
    r.why_not = MakeFault(Code::kVpce008, Severity::kWarning, resolver.dhcp_id,
                          "DHCP options " + resolver.dhcp_id + " name DNS servers " + resolver.custom.front() +
                              (resolver.custom.size() > 1 ? ", …" : "") + ": the private DNS of " + ep.id +
                              " is answered only by the Amazon resolver, so " + host +
                              " resolves privately only if they forward to it");
  } else if (dns_hostnames == 0) {
    r.why_not = MakeFault(Code::kVpce007, Severity::kBlocker, vpc_id,
                          "enableDnsHostnames is false on " + vpc_id + ", so the private DNS of " + ep.id +
                              " does not take effect and " + host + " resolves to its public address");
  } else if (dns_hostnames < 0) {
    r.takes = Tri::kMaybe;
    r.why_not = MakeFault(Code::kVpce007, Severity::kWarning, vpc_id,
                          "enableDnsHostnames of " + vpc_id + " is not in the snapshot");
  } else {
    r.takes = Tri::kYes;
  }
  return r;
}

/// The "name resolution" step: where the name leads.
report::TraceStep ResolutionStep(const Context& cx, const Resolver& resolver, const Resolution& r) {
  const std::string what = resolver.amazon() ? "Amazon-provided DNS" : "DNS servers " + resolver.custom.front();
  if (!r.endpoint)
    return {"dns", resolver.dhcp_id, "name resolution", StepAction::kPermitted,
            cx.need.host + " resolves to its public address (" + what +
                (cx.need.kind == NeedKind::kInterfaceService
                     ? "; no interface endpoint for " + cx.need.service + " in " + cx.subnet.vpc_id + ")"
                     : ")")};
  if (r.takes == Tri::kYes)
    return {"dns", r.endpoint->id, "name resolution", StepAction::kForwarded,
            cx.need.host + " resolves to the private addresses of " + r.endpoint->id + " (private DNS)"};
  return {"dns", r.endpoint->id, "name resolution",
          r.takes == Tri::kNo ? StepAction::kPermitted : StepAction::kUnknown, r.why_not->claim};
}

}  // namespace

Resolution Resolve(const Context& cx) {
  Resolution r;
  const Resolver resolver = ResolverOf(cx);
  const std::string& vpc_id = cx.subnet.vpc_id;
  if (cx.need.kind == NeedKind::kInterfaceService) r.endpoint = cx.view.FindInterfaceEndpoint(vpc_id, cx.need);
  if (!resolver.known)
    r.leg.Gap({Code::kVpce008, Code::kFw005}, "DHCP options " + resolver.dhcp_id + " of " + vpc_id +
                                        " are not in the snapshot (ec2 describe-dhcp-options)");
  // -1 unknown, 0 false, 1 true (plain ints: GCC 12 misreports optional<bool> copies here).
  const Assumptions* a = cx.view.assumed();
  const bool dns_assumed = a && a->dns_enabled_vpcs.count(vpc_id) > 0;
  const model::Vpc* vpc = cx.vpc;
  const int dns_support = dns_assumed ? 1 : vpc && vpc->enable_dns_support ? *vpc->enable_dns_support : -1;
  const int dns_hostnames = dns_assumed ? 1 : vpc && vpc->enable_dns_hostnames ? *vpc->enable_dns_hostnames : -1;
  if (resolver.amazon() && dns_support == 0) {
    std::string claim = "enableDnsSupport is false on " + vpc_id +
                        ": the Amazon-provided resolver does not answer, so " + cx.need.host + " does not resolve";
    r.leg.Step("dns", vpc_id, "name resolution", StepAction::kDenied, claim);
    r.leg.routing.push_back(MakeFault(Code::kVpce007, Severity::kBlocker, vpc_id, claim));
    r.leg.end = End::kBlocked;
    return r;
  }
  if (resolver.amazon() && dns_support < 0)
    r.leg.Gap({Code::kVpce007}, "enableDnsSupport of " + vpc_id +
                               " is not in the snapshot (ec2 describe-vpc-attribute); AWS's default (true) assumed");
  if (!resolver.amazon()) {
    Leg dns = CheckCustomDns(cx, resolver.custom);
    r.faults = std::move(dns.filters);
    dns.filters.clear();
    r.leg.Then(std::move(dns));
  }
  if (r.endpoint) {
    Choice c = ChooseEndpoint(cx, *r.endpoint, resolver, dns_hostnames);
    r.takes = c.takes;
    r.why_not = std::move(c.why_not);
  }
  r.leg.steps.push_back(ResolutionStep(cx, resolver, r));
  return r;
}

}  // namespace fd::analysis::trace
