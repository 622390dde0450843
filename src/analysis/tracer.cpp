// Evaluates one need from one subnet the way a packet goes (docs/design/causes.md §1.9, docs/design/checks.md "Which
// code a blocked path reports"): name resolution, the task SG egress, the task subnet NACL both
// ways, the route table, then the next hop (IGW, NAT and its own subnet, interface or gateway
// endpoint, or an opaque target). Every step lands in the trace; the faults name the first thing
// that stops the packet, with routing faults taking precedence over filters on a path that has
// no route, and the reason an endpoint did not serve taking precedence over both.
#include <algorithm>
#include <deque>

#include "analysis/analyze.h"
#include "analysis/assumptions.h"
#include "net/match.h"

namespace fd::analysis {
namespace {

using net::Peer;
using net::Tri;
using report::Severity;
using report::StepAction;

constexpr int kTcp = 6;
constexpr int kUdp = 17;
constexpr PortRange kEphemeral{1024, 65535};
constexpr PortRange kLinuxEphemeral{32768, 60999};


bool ServiceNameIs(const std::string& service_name, const std::string& region,
                   const std::string& service) {
  return service_name.ends_with("." + region + "." + service);
}

// Where a path ended: reached, blocked by a fault, or undecided.
enum class End { kReached, kBlocked, kUnknown };

class Tracer {
 public:
  Tracer(const model::Model& m, const Target& t, const Need& need, PathResult& out,
         const Assumptions* assume = nullptr)
      : m_(m), t_(t), need_(need), out_(out), a_(assume && !assume->empty() ? assume : nullptr) {}

  void Run(const std::string& subnet_id);
  /// Freezes the recorded steps into the path's shared trace.
  void Finish() { out_.trace = report::Trace(std::move(steps_)); }

 private:
  // ---- recording ----
  void Step(std::string hop, std::string resource, std::string step, StepAction action,
            std::string detail) {
    steps_.push_back({std::move(hop), std::move(resource), std::move(step), action,
                      std::move(detail)});
  }
  void Gap(std::initializer_list<Code> codes, const std::string& reason) {
    for (Code c : codes) out_.unchecked.push_back({c, reason});
  }
  Fault MakeFault(Code code, Severity sev, std::string resource, std::string claim) {
    return Fault{code, sev, std::move(resource), std::move(claim)};
  }

  // ---- the model as assumed (a_ == nullptr: as it is) ----
  const model::SecurityGroup* FindSg(const std::string& id) const {
    if (a_)
      if (auto it = a_->groups.find(id); it != a_->groups.end()) return &it->second;
    return m_.security_groups().Find(id);
  }
  const model::NetworkAcl* NaclFor(const std::string& subnet_id, bool* implicit = nullptr) const {
    const model::NetworkAcl* acl = m_.NaclForSubnet(subnet_id, implicit);
    if (acl && a_)
      if (auto it = a_->acls.find(acl->id); it != a_->acls.end()) return &it->second;
    return acl;
  }
  const model::VpcEndpoint* AsAssumed(const model::VpcEndpoint* e) const {
    if (e && a_)
      if (auto it = a_->endpoints.find(e->id); it != a_->endpoints.end()) return &it->second;
    return e;
  }
  bool IgwAssumedAttached(const std::string& igw_id) const {
    return a_ && a_->attached_igws.count(igw_id) > 0;
  }
  /// LookupRoute, then the assumed routes: an S3 gateway endpoint's prefix-list route, and the
  /// assumed default route, each only where no more specific route matches.
  net::RouteDecision Lookup(const model::RouteTable& rt, const Peer& peer);
  /// The addresses a NACL rule must name to cover `peer`.
  static std::string NaclCidr(const Peer& peer) {
    if (peer.kind == Peer::Kind::kCidrs && peer.prefix_list_id.empty() && peer.cidrs.size() == 1)
      return peer.cidrs.front().ToString();
    return "0.0.0.0/0";
  }

  // ---- pieces ----
  bool ResolveSecurityGroups();
  const model::SecurityGroup* DefaultSg() const {
    const model::SecurityGroup* d = subnet_ ? m_.DefaultSecurityGroup(subnet_->vpc_id) : nullptr;
    return d ? FindSg(d->id) : nullptr;
  }
  bool VpcUsesInterfaceEndpoints() const;
  const model::VpcEndpoint* FindInterfaceEndpoint() const;
  const model::VpcEndpoint* FindS3GatewayEndpoint() const;
  Peer PublicPeer();
  std::string TaskSgResource() const {
    if (!sgs_.empty()) return sgs_.front()->id;
    return t_.security_groups.empty() ? "" : t_.security_groups.front();
  }

  /// SG egress then the task subnet NACL both ways. Adds filter faults and sets `unknown`
  /// when something was undecided.
  void TaskFilters(const Peer& peer, bool same_subnet, bool endpoint_design,
                   std::vector<Fault>& filter_faults, bool& unknown) {
    TaskSgEgress(peer, endpoint_design, filter_faults, unknown);
    if (!same_subnet) TaskNacl(peer, filter_faults, unknown);
  }
  void TaskSgEgress(const Peer& peer, bool endpoint_design, std::vector<Fault>& filters,
                    bool& unknown);
  void TaskNacl(const Peer& peer, std::vector<Fault>& filters, bool& unknown);
  void CheckCustomDns(const std::vector<std::string>& servers, std::vector<Fault>& faults);
  End PublicPath(std::vector<Fault>& routing, std::vector<Fault>& filters, bool& unknown);
  End EndpointPath(const model::VpcEndpoint& ep, std::vector<Fault>& filters, bool& unknown);
  End NextHopNat(const model::Route& route, const Peer& peer, std::vector<Fault>& routing,
                 std::vector<Fault>& filters, bool& unknown);
  End NextHopIgw(const std::string& igw_id, const std::string& vpc_id, bool public_ip,
                 const std::string& hop_of, std::vector<Fault>& routing, bool& unknown);
  Fault NoRouteFault(const model::RouteTable& rt, const Peer& peer);

  const model::Model& m_;
  const Target& t_;
  const Need& need_;
  PathResult& out_;
  const Assumptions* a_ = nullptr;
  std::deque<model::Route> assumed_routes_;  ///< routes Lookup() returned (stable addresses)
  std::vector<report::TraceStep> steps_;  ///< becomes out_.trace when the run ends
  const model::Subnet* subnet_ = nullptr;
  const model::Vpc* vpc_ = nullptr;
  std::vector<const model::SecurityGroup*> sgs_;
  bool sgs_known_ = true;
  bool sgs_default_ = false;
};

net::RouteDecision Tracer::Lookup(const model::RouteTable& rt, const Peer& peer) {
  net::RouteDecision rd = net::LookupRoute(rt, peer, m_);
  if (!a_ || rd.certain != Tri::kYes) return rd;
  // The assumed default route replaces the table's own and its blackhole routes (the remedy
  // replaces those too: remedies.cpp); a working more specific route still wins.
  const bool beatable = !rd.route || net::IsBlackholeInternetRoute(*rd.route) ||
                        (rd.route->destination && rd.route->destination->len == 0);
  if (!beatable) return rd;
  if (need_.kind == NeedKind::kS3)
    if (const model::VpcEndpoint* gw = FindS3GatewayEndpoint();
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

bool Tracer::ResolveSecurityGroups() {
  if (!t_.security_groups_known) {
    Step("eni (task)", "", "security groups", StepAction::kUnknown,
         "the task's security groups are not in the snapshot (save `aws ec2 "
         "describe-network-interfaces` for its ENI while it exists)");
    Gap({Code::kFw001}, "the security groups of a task in " + subnet_->id + " are not in the snapshot");
    sgs_known_ = false;
    return false;
  }
  if (t_.security_groups.empty()) {
    if (t_.kind == TargetKind::kTask && !t_.network_configuration_present) {
      Step("eni (task)", "", "security groups", StepAction::kUnknown,
           "the task's security groups are not in the snapshot (save `aws ec2 "
           "describe-network-interfaces` for its ENI while it exists)");
      Gap({Code::kFw001}, "the security groups of a task in " + subnet_->id + " are not in the snapshot");
      sgs_known_ = false;
      return false;
    }
    sgs_default_ = true;
    if (const auto* d = DefaultSg()) {
      sgs_.push_back(d);
    } else {
      Gap({Code::kFw004, Code::kFw001}, "no security group is named and the default "
                              "security group of " + subnet_->vpc_id + " is not in the snapshot");
      sgs_known_ = false;
    }
    return sgs_known_;
  }
  for (const auto& id : t_.security_groups) {
    const auto* g = FindSg(id);
    if (!g || !g->rules_known) {
      Gap({Code::kFw001}, "security group " + id + " is not in the snapshot (ec2 describe-security-groups)");
      sgs_known_ = false;
    } else {
      sgs_.push_back(g);
    }
  }
  return sgs_known_;
}

bool Tracer::VpcUsesInterfaceEndpoints() const {
  for (const auto* e : m_.EndpointsInVpc(subnet_->vpc_id))
    if (e->type == model::EndpointType::kInterface) return true;
  if (a_)
    for (const auto& [id, e] : a_->endpoints)
      if (e.vpc_id == subnet_->vpc_id && e.type == model::EndpointType::kInterface) return true;
  return false;
}

const model::VpcEndpoint* Tracer::FindInterfaceEndpoint() const {
  const model::VpcEndpoint* best = nullptr;
  for (const auto* e0 : m_.EndpointsInVpc(subnet_->vpc_id)) {
    const model::VpcEndpoint* e = AsAssumed(e0);
    if (e->type != model::EndpointType::kInterface) continue;
    if (!ServiceNameIs(e->service_name, need_.region, need_.service)) continue;
    if (!best || (e->state == "available" && best->state != "available")) best = e;
  }
  if (!best && a_)
    for (const auto& [id, e] : a_->endpoints)
      if (e.vpc_id == subnet_->vpc_id && e.type == model::EndpointType::kInterface &&
          ServiceNameIs(e.service_name, need_.region, need_.service))
        best = &e;
  return best;
}

const model::VpcEndpoint* Tracer::FindS3GatewayEndpoint() const {
  for (const auto* e : m_.EndpointsInVpc(subnet_->vpc_id))
    if (e->type == model::EndpointType::kGateway && ServiceNameIs(e->service_name, need_.region, "s3"))
      return AsAssumed(e);
  if (a_)
    for (const auto& [id, e] : a_->endpoints)
      if (e.vpc_id == subnet_->vpc_id && e.type == model::EndpointType::kGateway &&
          ServiceNameIs(e.service_name, need_.region, "s3"))
        return &e;
  return nullptr;
}

Peer Tracer::PublicPeer() {
  if (need_.kind != NeedKind::kS3)
    return Peer::PublicService("the public address of " + need_.host);
  // S3 is reached through its prefix list: by the list's CIDRs when the snapshot has them
  // (describe-prefix-lists), else by the list's ID as gateway-endpoint routes name it.
  const std::string pl_name = "com.amazonaws." + need_.region + ".s3";
  std::string pl_id;
  std::vector<Cidr4> cidrs;
  if (const auto* pl = m_.PrefixListByName(pl_name)) {
    pl_id = pl->id;
    if (pl->cidrs_known) cidrs = pl->cidrs;
  }
  if (pl_id.empty()) {
    // The gateway endpoint's own route tables carry its prefix-list route.
    if (const auto* gw = FindS3GatewayEndpoint())
      for (const auto& rt_id : gw->route_table_ids)
        if (const auto* rt = m_.route_tables().Find(rt_id))
          for (const auto& r : rt->routes)
            if (r.target_id == gw->id && !r.destination_prefix_list_id.empty())
              pl_id = r.destination_prefix_list_id;
  }
  if (pl_id.empty()) return Peer::PublicService("S3 in " + need_.region + " (" + need_.host + ")");
  Peer p = Peer::Cidrs(cidrs, "S3 (" + pl_id + ")");
  p.prefix_list_id = pl_id;
  return p;
}

void Tracer::TaskSgEgress(const Peer& peer, bool endpoint_design, std::vector<Fault>& filters,
                          bool& unknown) {
  // Security groups: stateful, so only the egress rules of the task ENI matter here.
  if (!sgs_known_) {
    Step("eni (task)", "", "security-group egress", StepAction::kUnknown,
         "the task's security groups are not all in the snapshot");
    unknown = true;
  } else {
    net::Decision d = net::EvaluateSgEgress(sgs_, kTcp, 443, peer, m_);
    std::string ids;
    for (const auto* g : sgs_) ids += (ids.empty() ? "" : ",") + g->id;
    if (d.allowed == Tri::kYes) {
      Step("eni (task)", ids, "security-group egress", StepAction::kPermitted, d.detail);
    } else if (d.allowed == Tri::kMaybe) {
      Step("eni (task)", ids, "security-group egress", StepAction::kUnknown, d.detail);
      Gap({Code::kFw001}, d.detail);
      unknown = true;
    } else {
      Step("eni (task)", ids, "security-group egress", StepAction::kDenied, d.detail);
      bool default_empty = sgs_default_ && sgs_.size() == 1 && sgs_.front()->egress.empty();
      bool some_443 = false;
      for (const auto* g : sgs_)
        for (const auto& r : g->egress)
          if (r.protocol == -1 || (r.protocol == kTcp && r.ports.Contains(443))) some_443 = true;
      const Code code = default_empty ? Code::kFw004
                         : (need_.kind == NeedKind::kS3 && endpoint_design && some_443) ? Code::kFw002
                                                                                          : Code::kFw001;
      std::string claim = default_empty
                              ? "no security group is named, and the VPC default group " +
                                    sgs_.front()->id + " has no egress rule"
                              : d.detail;
      Fault f = MakeFault(code, Severity::kBlocker, TaskSgResource(), claim);
      Fault::Opening o;
      if (peer.kind == Peer::Kind::kPublicService) o.cidr = "0.0.0.0/0";
      else if (!peer.prefix_list_id.empty()) o.prefix_list = peer.prefix_list_id;
      else if (!peer.group_ids.empty()) o.group = peer.group_ids.front();
      else if (vpc_ && !vpc_->cidrs.empty()) o.cidr = vpc_->cidrs.front().ToString();
      else if (!peer.cidrs.empty()) o.cidr = peer.cidrs.front().ToString();
      f.opening = std::move(o);
      filters.push_back(std::move(f));
    }
  }
}

// NACLs apply only where traffic crosses a subnet boundary (VPC User Guide).
void Tracer::TaskNacl(const Peer& peer, std::vector<Fault>& filters, bool& unknown) {
  bool implicit = false;
  const model::NetworkAcl* acl = NaclFor(subnet_->id, &implicit);
  const std::string hop = "subnet " + subnet_->id + " (task)";
  if (!acl) {
    Step(hop, "", "network-acl egress", StepAction::kUnknown,
         "the network ACL of " + subnet_->id + " is not in the snapshot (ec2 describe-network-acls)");
    Gap({Code::kFw006, Code::kFw007}, "no network ACL data for " + subnet_->id);
    unknown = true;
    return;
  }
  net::NaclDecision out = net::EvaluateNacl(*acl, true, kTcp, {443, 443}, peer);
  Step(hop, acl->id, "network-acl egress",
       out.allowed == Tri::kYes ? StepAction::kPermitted
       : out.allowed == Tri::kNo ? StepAction::kDenied
                                 : StepAction::kUnknown,
       out.detail);
  if (out.allowed == Tri::kNo) {
    filters.push_back(MakeFault(Code::kFw006, Severity::kBlocker, acl->id, out.detail));
    filters.back().opening = Fault::Opening{true, {443, 443}, NaclCidr(peer), "", ""};
  }
  if (out.allowed == Tri::kMaybe) {
    Gap({Code::kFw006}, out.detail);
    unknown = true;
  }
  // Replies come back to the task's ephemeral port: stateless, so inbound must allow them.
  net::NaclDecision in = net::EvaluateNacl(*acl, false, kTcp, kEphemeral, peer);
  if (in.allowed == Tri::kYes) {
    Step(hop, acl->id, "network-acl ingress (replies)", StepAction::kPermitted, in.detail);
  } else if (in.allowed == Tri::kMaybe) {
    Step(hop, acl->id, "network-acl ingress (replies)", StepAction::kUnknown, in.detail);
    Gap({Code::kFw007}, in.detail);
    unknown = true;
  } else {
    // Linux clients pick source ports from 32768-60999: a NACL opening just that works for
    // most tasks, but AWS's guidance is 1024-65535 (docs/design/causes.md#fw007), so it is a warning.
    net::NaclDecision linux_range = net::EvaluateNacl(*acl, false, kTcp, kLinuxEphemeral, peer);
    bool narrow = linux_range.allowed == Tri::kYes;
    Step(hop, acl->id, "network-acl ingress (replies)",
         narrow ? StepAction::kPermitted : StepAction::kDenied, in.detail);
    filters.push_back(MakeFault(Code::kFw007, narrow ? Severity::kWarning : Severity::kBlocker, acl->id,
                                narrow ? in.detail + "; only the Linux range 32768-60999 is open"
                                       : in.detail));
    filters.back().opening = Fault::Opening{false, kEphemeral, NaclCidr(peer), "", ""};
  }
}

void Tracer::CheckCustomDns(const std::vector<std::string>& servers, std::vector<Fault>& faults) {
  // Only the Amazon resolver is exempt from SGs and NACLs (VPC DNS docs); custom servers need
  // UDP and TCP 53 out and the replies in.
  const model::RouteTable* rt = m_.RouteTableForSubnet(subnet_->id);
  const model::NetworkAcl* acl = NaclFor(subnet_->id);
  for (const auto& s : servers) {
    auto ip = Cidr4::Parse(s);
    if (!ip) continue;
    Peer peer = Peer::Cidrs({*ip}, "DNS server " + s);
    if (sgs_known_) {
      for (int proto : {kUdp, kTcp}) {
        net::Decision d = net::EvaluateSgEgress(sgs_, proto, 53, peer, m_);
        if (d.allowed == Tri::kNo) {
          Step("eni (task)", TaskSgResource(), "security-group egress (dns)", StepAction::kDenied, d.detail);
          faults.push_back(MakeFault(Code::kFw005, Severity::kWarning, TaskSgResource(), d.detail));
          break;
        }
      }
    }
    bool same = subnet_->cidr && subnet_->cidr->Contains(*ip);
    if (acl && !same) {
      net::NaclDecision o = net::EvaluateNacl(*acl, true, kUdp, {53, 53}, peer);
      net::NaclDecision i = net::EvaluateNacl(*acl, false, kUdp, kEphemeral, peer);
      for (const auto* d : {&o, &i})
        if (d->allowed == Tri::kNo) {
          Step("subnet " + subnet_->id + " (task)", acl->id, "network-acl (dns)", StepAction::kDenied, d->detail);
          faults.push_back(MakeFault(Code::kFw005, Severity::kWarning, acl->id, d->detail));
          break;
        }
    }
    if (rt && !same) {
      net::RouteDecision r = net::LookupRoute(*rt, peer, m_);
      if (!r.route || r.route->blackhole) {
        Step("route table " + rt->id, rt->id, "route lookup (dns)", StepAction::kNoRoute, r.detail);
        faults.push_back(MakeFault(Code::kFw005, Severity::kWarning, rt->id,
                                   "no usable route to DNS server " + s + ": " + r.detail));
      }
    }
  }
}

Fault Tracer::NoRouteFault(const model::RouteTable& rt, const Peer& peer) {
  const std::string claim = "no route in " + rt.id + " matches " + peer.label;
  if (need_.cross_region)
    return MakeFault(Code::kVpce012, Severity::kBlocker, std::string(kThisTaskDefinition),
                     need_.service + " in " + need_.region + " is in another Region than " +
                         subnet_->vpc_id + " (" + t_.region +
                         "): its endpoints cannot serve it and there is no internet path; " + claim);
  const bool uses = VpcUsesInterfaceEndpoints();
  if (need_.kind == NeedKind::kS3) {
    if (const auto* gw = FindS3GatewayEndpoint())
      return MakeFault(Code::kVpce003, Severity::kBlocker, gw->id,
                       "S3 gateway endpoint " + gw->id + " is not associated with " + rt.id +
                           ", which has no internet route either");
    if (uses)
      return MakeFault(Code::kVpce002, Severity::kBlocker, subnet_->vpc_id,
                       subnet_->vpc_id + " has no S3 gateway endpoint (com.amazonaws." +
                           need_.region + ".s3) and " + rt.id + " has no internet route");
  } else if (need_.kind == NeedKind::kRegistry) {
    // An endpoint design that cannot serve the registry (or a pull-through cache's first
    // pull) is VPCE013's; a subnet with no internet and no endpoints at all pulling a non-ECR
    // image is IMG006's (the image, not a missing endpoint, is what no endpoint can fix). A
    // first pull in a VPC without endpoints stays with NET002, which already names the ECR
    // destinations that fail there.
    if (uses)
      return MakeFault(Code::kVpce013, Severity::kBlocker, std::string(kThisTaskDefinition),
                       need_.host + (need_.first_pull ? " (the pull-through cache's upstream, "
                                                        "reached on the first pull)"
                                                      : "") +
                           " is not served by any VPC endpoint and " + rt.id +
                           " has no internet route");
    if (!need_.first_pull)
      return MakeFault(Code::kImg006, Severity::kBlocker, std::string(kThisTaskDefinition),
                       need_.host + " is a registry outside ECR, reached only over the internet, and " +
                           rt.id + " has no route to a NAT gateway or an internet gateway (" +
                           subnet_->vpc_id + " has no VPC endpoints either)");
  } else if (uses) {
    const Code code = need_.service.starts_with("ecr.")  ? Code::kVpce001
                       : need_.service == "logs"          ? Code::kVpce004
                       : (need_.service == "secretsmanager" || need_.service == "ssm") ? Code::kVpce005
                                                                                       : Code::kNet002;
    if (code != Code::kNet002)
      return MakeFault(code, Severity::kBlocker, subnet_->vpc_id,
                       subnet_->vpc_id + " has no interface endpoint com.amazonaws." +
                           need_.region + "." + need_.service + " and " + rt.id +
                           " has no internet route");
  }
  return MakeFault(Code::kNet002, Severity::kBlocker, rt.id,
                   rt.id + " has no route to a NAT gateway or an internet gateway, and " +
                       subnet_->vpc_id + " has no VPC endpoints");
}

End Tracer::NextHopIgw(const std::string& igw_id, const std::string& vpc_id, bool public_ip,
                       const std::string& hop_of, std::vector<Fault>& routing, bool& unknown) {
  const model::InternetGateway* igw = m_.internet_gateways().Find(igw_id);
  if (!igw) {
    Step(igw_id, igw_id, "internet gateway", StepAction::kUnknown,
         igw_id + " is not in the snapshot (ec2 describe-internet-gateways)");
    Gap({Code::kNet004}, igw_id + " is not in the snapshot");
    unknown = true;
    return End::kUnknown;
  }
  bool attached = IgwAssumedAttached(igw_id) ||
                  std::any_of(igw->attachments.begin(), igw->attachments.end(), [&](const auto& a) {
                    return a.vpc_id == vpc_id && (a.state == "available" || a.state == "attached");
                  });
  if (!attached) {
    std::string claim = igw_id + " is not attached to " + vpc_id;
    Step(igw_id, igw_id, "internet gateway", StepAction::kDenied, claim);
    routing.push_back(MakeFault(Code::kNet004, Severity::kBlocker, igw_id, claim));
    return End::kBlocked;
  }
  if (!public_ip && !t_.public_ip_known) {
    Step(igw_id, igw_id, "internet gateway", StepAction::kUnknown,
         "whether the task ENI had a public IP is not in the snapshot (its ENI is gone)");
    Gap({Code::kNet001}, "the public IP of a task in " + subnet_->id + " is not in the snapshot");
    unknown = true;
    return End::kUnknown;
  }
  if (!public_ip) {
    std::string claim = "the task ENI gets no public IP (assignPublicIp " +
                        (t_.assign_public_ip_raw.empty() ? std::string("absent, so DISABLED")
                                                         : t_.assign_public_ip_raw) +
                        "), so replies through " + igw_id + " cannot reach it" +
                        (subnet_->map_public_ip_on_launch
                             ? " (the subnet's MapPublicIpOnLaunch does not apply to Fargate)"
                             : "");
    Step(igw_id, igw_id, "internet gateway", StepAction::kDenied, claim);
    routing.push_back(MakeFault(Code::kNet001, Severity::kBlocker, std::string(kThisTarget), claim));
    return End::kBlocked;
  }
  Step(igw_id, igw_id, "internet gateway", StepAction::kForwarded,
       igw_id + " is attached to " + vpc_id + "; " + hop_of);
  out_.via = igw_id;
  return End::kReached;
}

End Tracer::NextHopNat(const model::Route& route, const Peer& peer, std::vector<Fault>& routing,
                       std::vector<Fault>& filters, bool& unknown) {
  const std::string& id = route.target_id;
  const model::NatGateway* nat = m_.nat_gateways().Find(id);
  if (!nat && a_ && id == kPlannedNat && !a_->planned_nat_subnet.empty()) {
    Step(id, id, "nat gateway", StepAction::kForwarded,
         "a NAT gateway to be created in public subnet " + a_->planned_nat_subnet + " (assumed)");
    out_.via = id;
    return End::kReached;
  }
  if (!nat) {
    Step(id, id, "nat gateway", StepAction::kUnknown,
         id + " is not in the snapshot (ec2 describe-nat-gateways)");
    Gap({Code::kNet006, Code::kNet005}, id + " is not in the snapshot");
    unknown = true;
    return End::kUnknown;
  }
  std::string why;
  if (nat->state != "available")
    why = id + " is " + nat->state + (nat->failure_message.empty() ? "" : ": " + nat->failure_message);
  else if (nat->connectivity_type == "private")
    why = id + " is a private NAT gateway, which cannot reach the internet";
  else if (std::none_of(nat->addresses.begin(), nat->addresses.end(),
                        [](const auto& a) { return !a.public_ip.empty(); }))
    why = id + " has no Elastic IP address";
  else if (nat->availability_mode == "regional" && !subnet_->availability_zone_id.empty() &&
           std::none_of(nat->addresses.begin(), nat->addresses.end(), [&](const auto& a) {
             return a.availability_zone_id.empty() || a.availability_zone_id == subnet_->availability_zone_id;
           }))
    why = "regional " + id + " has no address in " + subnet_->availability_zone_id;
  if (!why.empty()) {
    Step(id, id, "nat gateway", StepAction::kDenied, why);
    routing.push_back(MakeFault(Code::kNet006, Severity::kBlocker, id, why));
    return End::kBlocked;
  }
  const bool regional = nat->availability_mode == "regional" || nat->subnet_id.empty();
  const model::RouteTable* nat_rt = nullptr;
  std::string nat_where;
  if (regional) {
    nat_rt = m_.route_tables().Find(nat->route_table_id);
    nat_where = "regional " + id;
  } else {
    nat_rt = m_.RouteTableForSubnet(nat->subnet_id);
    nat_where = id + " in " + nat->subnet_id;
  }
  Step(id, id, "nat gateway", StepAction::kForwarded,
       nat_where + " is " + nat->state + " (" + nat->connectivity_type + ")");
  // The NAT's own subnet NACL sees the flow twice: task → NAT, and NAT → internet.
  if (!regional && nat->subnet_id != subnet_->id) {
    const model::Subnet* ns = m_.subnets().Find(nat->subnet_id);
    const model::NetworkAcl* acl = NaclFor(nat->subnet_id);
    const std::string hop = "subnet " + nat->subnet_id + " (" + id + ")";
    if (!ns || !ns->cidr || !acl) {
      Step(hop, acl ? acl->id : "", "network-acl", StepAction::kUnknown,
           "the subnet or network ACL of " + id + " is not in the snapshot");
      Gap({Code::kFw008}, "no network ACL data for " + nat->subnet_id + " (subnet of " + id + ")");
      unknown = true;
    } else {
      Peer task_side = Peer::Cidrs({*subnet_->cidr}, subnet_->id + " " + subnet_->cidr->ToString());
      struct Check {
        bool egress;
        PortRange ports;
        const Peer* peer;
        const char* what;  ///< the same words for every task subnet, so one cause groups once
      };
      const Check checks[] = {{false, {443, 443}, &task_side, "inbound tcp 443 from the tasks"},
                              {true, kEphemeral, &task_side, "outbound replies (tcp 1024-65535) to the tasks"},
                              {true, {443, 443}, &peer, "outbound tcp 443 to the internet"},
                              {false, kEphemeral, &peer, "inbound replies (tcp 1024-65535) from the internet"}};
      for (const auto& c : checks) {
        net::NaclDecision d = net::EvaluateNacl(*acl, c.egress, kTcp, c.ports, *c.peer);
        std::string step = c.egress ? "network-acl egress" : "network-acl ingress";
        if (d.allowed == Tri::kYes) {
          Step(hop, acl->id, step, StepAction::kPermitted, d.detail);
        } else if (d.allowed == Tri::kMaybe) {
          Step(hop, acl->id, step, StepAction::kUnknown, d.detail);
          Gap({Code::kFw008}, d.detail);
          unknown = true;
        } else {
          Step(hop, acl->id, step, StepAction::kDenied, d.detail);
          filters.push_back(MakeFault(Code::kFw008, Severity::kBlocker, acl->id,
                                      "network ACL " + acl->id + " of " + nat->subnet_id +
                                          " (subnet of " + id + ") denies " + c.what));
          filters.back().opening = Fault::Opening{c.egress, c.ports, NaclCidr(*c.peer), "", ""};
        }
      }
    }
  }
  if (!nat_rt) {
    Step(id, nat->route_table_id, "route lookup", StepAction::kUnknown,
         "the route table of " + nat_where + " is not in the snapshot");
    Gap({Code::kNet005}, "route table of " + nat_where + " is not in the snapshot");
    unknown = true;
    return End::kUnknown;
  }
  net::RouteDecision rd = Lookup(*nat_rt, peer);
  const model::Route* r = rd.route;
  if (r && !r->blackhole && rd.certain == Tri::kYes && r->target == model::RouteTarget::kInternetGateway) {
    Step("route table " + nat_rt->id, nat_rt->id, "route lookup", StepAction::kForwarded, rd.detail);
    const model::InternetGateway* igw = m_.internet_gateways().Find(r->target_id);
    if (igw && !IgwAssumedAttached(igw->id) &&
        !std::any_of(igw->attachments.begin(), igw->attachments.end(), [&](const auto& a) {
          return a.vpc_id == nat->vpc_id && (a.state == "available" || a.state == "attached");
        })) {
      std::string claim = r->target_id + ", the internet route of " + nat_where +
                          ", is not attached to " + nat->vpc_id;
      Step(r->target_id, r->target_id, "internet gateway", StepAction::kDenied, claim);
      routing.push_back(MakeFault(Code::kNet004, Severity::kBlocker, r->target_id, claim));
      return End::kBlocked;
    }
    End e = NextHopIgw(r->target_id, nat->vpc_id.empty() ? subnet_->vpc_id : nat->vpc_id, true,
                       "the NAT gateway's Elastic IP is the source", routing, unknown);
    if (e == End::kReached) out_.via = id;
    return e;
  }
  if (r && rd.certain == Tri::kYes && !r->blackhole &&
      (r->target == model::RouteTarget::kTransitGateway || r->target == model::RouteTarget::kVpnGateway ||
       r->target == model::RouteTarget::kGwlbEndpoint || r->target == model::RouteTarget::kNetworkInterface ||
       r->target == model::RouteTarget::kInstance || r->target == model::RouteTarget::kCoreNetwork)) {
    std::string claim = nat_where + " sends internet traffic to " + r->target_id +
                        " via " + nat_rt->id + "; the path beyond it cannot be verified from the snapshot";
    Step("route table " + nat_rt->id, nat_rt->id, "route lookup", StepAction::kUnknown, claim);
    routing.push_back(MakeFault(Code::kNet009, Severity::kWarning, nat_rt->id, claim));
    return End::kUnknown;
  }
  if (r && r->blackhole) {
    // The NAT's own internet route lost its target: replacing that route is the fix (NET003).
    std::string claim = net::DescribeRoutes(rd) + " in " + nat_rt->id + ", the route table of " +
                        nat_where + ": the target no longer exists and the route drops traffic";
    Step("route table " + nat_rt->id, nat_rt->id, "route lookup", StepAction::kDenied, claim);
    routing.push_back(MakeFault(Code::kNet003, Severity::kBlocker, nat_rt->id, claim));
    return End::kBlocked;
  }
  if (rd.certain == Tri::kMaybe) {
    Step("route table " + nat_rt->id, nat_rt->id, "route lookup", StepAction::kUnknown, rd.detail);
    Gap({Code::kNet005}, rd.detail);
    unknown = true;
    return End::kUnknown;
  }
  std::string claim = nat_where + " has no working route to an internet gateway: " +
                      (r ? net::DescribeRouteTarget(*r) + " in " + nat_rt->id : rd.detail) +
                      " (a NAT gateway must sit in a public subnet)";
  Step("route table " + nat_rt->id, nat_rt->id, "route lookup",
       r ? StepAction::kDenied : StepAction::kNoRoute, claim);
  routing.push_back(MakeFault(Code::kNet005, Severity::kBlocker, id, claim));
  return End::kBlocked;
}

End Tracer::PublicPath(std::vector<Fault>& routing, std::vector<Fault>& filters, bool& unknown) {
  Peer peer = PublicPeer();
  const model::VpcEndpoint* s3gw = need_.kind == NeedKind::kS3 ? FindS3GatewayEndpoint() : nullptr;
  TaskFilters(peer, false, s3gw != nullptr || VpcUsesInterfaceEndpoints(), filters, unknown);

  bool implicit = false;
  const model::RouteTable* rt = m_.RouteTableForSubnet(subnet_->id, &implicit);
  if (!rt) {
    Step("subnet " + subnet_->id + " (task)", "", "route lookup", StepAction::kUnknown,
         "no route table for " + subnet_->id + " is in the snapshot (ec2 describe-route-tables)");
    Gap({Code::kNet002}, "no route table data for " + subnet_->id);
    unknown = true;
    return End::kUnknown;
  }
  const std::string hop = "route table " + rt->id + (implicit ? " (main, implicit)" : "");
  net::RouteDecision rd = Lookup(*rt, peer);
  if (rd.certain == Tri::kMaybe) {
    Step(hop, rt->id, "route lookup", StepAction::kUnknown, rd.detail);
    Gap({Code::kNet002}, rd.detail);
    unknown = true;
    return End::kUnknown;
  }
  if (!rd.route) {
    Step(hop, rt->id, "route lookup", StepAction::kNoRoute, rd.detail);
    routing.push_back(NoRouteFault(*rt, peer));
    // An egress-only gateway serves IPv6 only (docs/design/causes.md#net010).
    for (const auto& r : rt->routes)
      if (r.target == model::RouteTarget::kEgressOnlyInternetGateway && r.destination_ipv6 &&
          r.destination_ipv6->len == 0)
        routing.push_back(MakeFault(Code::kNet010, Severity::kWarning, rt->id,
                                    rt->id + " has ::/0 -> " + r.target_id +
                                        ", but an egress-only internet gateway carries IPv6 only; "
                                        "the start's IPv4 traffic has no way out"));
    return End::kBlocked;
  }
  const model::Route& r = *rd.route;
  if (r.blackhole) {
    std::string claim = net::DescribeRoutes(rd) + " in " + rt->id +
                        ": the target no longer exists, and a blackhole route drops traffic "
                        "instead of falling back to a less specific route";
    Step(hop, rt->id, "route lookup", StepAction::kDenied, claim);
    routing.push_back(MakeFault(Code::kNet003, Severity::kBlocker, rt->id, claim));
    return End::kBlocked;
  }
  Step(hop, rt->id, "route lookup", StepAction::kForwarded, rd.detail);
  switch (r.target) {
    case model::RouteTarget::kInternetGateway:
      return NextHopIgw(r.target_id, subnet_->vpc_id, t_.assign_public_ip || (a_ && a_->public_ip),
                        "the task's public IP is the source", routing, unknown);
    case model::RouteTarget::kNatGateway:
      return NextHopNat(r, peer, routing, filters, unknown);
    case model::RouteTarget::kGatewayEndpoint: {
      const model::VpcEndpoint* ep = m_.vpc_endpoints().Find(r.target_id);
      if (ep && ep->state != "available") {
        std::string claim = "gateway endpoint " + ep->id + " is " + ep->state;
        Step(ep->id, ep->id, "gateway endpoint", StepAction::kDenied, claim);
        routing.push_back(MakeFault(Code::kVpce010, Severity::kBlocker, ep->id, claim));
        return End::kBlocked;
      }
      Step(r.target_id, r.target_id, "gateway endpoint", StepAction::kForwarded,
           (ep ? ep->service_name : std::string("gateway endpoint")) + " on " + rt->id);
      out_.via = r.target_id;
      return End::kReached;
    }
    case model::RouteTarget::kPeering: {
      std::string claim = rt->id + " sends " + peer.label + " to peering connection " + r.target_id +
                          ": peering does not carry traffic on to the peer's NAT or internet gateway";
      routing.push_back(MakeFault(Code::kNet009, Severity::kBlocker, rt->id, claim));
      steps_.back().action = StepAction::kDenied;
      steps_.back().detail += "; " + claim;
      return End::kBlocked;
    }
    case model::RouteTarget::kLocal: {
      // A 0.0.0.0/0 local route does not exist; reaching here means a prefix-list oddity.
      out_.via = "local";
      return End::kReached;
    }
    default: {
      std::string claim = rt->id + " sends " + peer.label + " to " + r.target_id +
                          "; whether that path reaches " + need_.host +
                          " cannot be verified from the snapshot (check the transit gateway "
                          "route tables, firewall allow-lists, or use VPC Reachability Analyzer)";
      routing.push_back(MakeFault(Code::kNet009, Severity::kWarning, rt->id, claim));
      steps_.back().action = StepAction::kUnknown;
      return End::kUnknown;
    }
  }
}

End Tracer::EndpointPath(const model::VpcEndpoint& ep, std::vector<Fault>& filters, bool& unknown) {
  std::vector<Cidr4> cidrs;
  std::vector<const model::Subnet*> ep_subnets;
  bool same_only = true;
  for (const auto& sid : ep.subnet_ids) {
    const model::Subnet* s = m_.subnets().Find(sid);
    if (!s || !s->cidr) continue;
    ep_subnets.push_back(s);
    if (sid != subnet_->id) {
      cidrs.push_back(*s->cidr);
      same_only = false;
    }
  }
  if (ep_subnets.empty()) {
    if (vpc_ && !vpc_->cidrs.empty()) cidrs = vpc_->cidrs;
    same_only = false;
  }
  std::vector<Cidr4> all_cidrs = cidrs;
  for (const auto* s : ep_subnets)
    if (s->id == subnet_->id) all_cidrs.push_back(*s->cidr);
  Peer peer = Peer::Cidrs(all_cidrs, ep.id + " network interfaces");
  peer.group_ids = ep.group_ids;
  Peer cross = Peer::Cidrs(cidrs, ep.id + " network interfaces in other subnets");
  cross.group_ids = ep.group_ids;

  // SG egress to the endpoint ENIs (any subnet); NACLs only towards ENIs in other subnets.
  TaskSgEgress(peer, true, filters, unknown);
  if (!same_only && !cidrs.empty()) TaskNacl(cross, filters, unknown);
  // Route to the endpoint ENIs: the VPC's local route, unless something more specific wins.
  if (const model::RouteTable* rt = m_.RouteTableForSubnet(subnet_->id); rt && !cidrs.empty()) {
    net::RouteDecision rd = net::LookupRoute(*rt, cross, m_);
    if (rd.route && rd.route->target == model::RouteTarget::kLocal) {
      Step("route table " + rt->id, rt->id, "route lookup", StepAction::kForwarded, rd.detail);
    } else if (rd.route) {
      Step("route table " + rt->id, rt->id, "route lookup", StepAction::kUnknown,
           rd.detail + " (not the local route: the path to the endpoint is not verified)");
      filters.push_back(MakeFault(Code::kNet009, Severity::kWarning, rt->id,
                                  rt->id + " sends traffic for " + ep.id + " to " + rd.route->target_id));
    }
  }
  // The endpoint subnets' NACLs: inbound 443 from the task, replies out to its ports.
  if (subnet_->cidr)
    for (const auto* s : ep_subnets) {
      if (s->id == subnet_->id) continue;
      const model::NetworkAcl* acl = NaclFor(s->id);
      const std::string hop = "subnet " + s->id + " (" + ep.id + ")";
      if (!acl) {
        Step(hop, "", "network-acl", StepAction::kUnknown, "no network ACL data for " + s->id);
        Gap({Code::kFw008}, "no network ACL data for " + s->id + " (subnet of " + ep.id + ")");
        unknown = true;
        continue;
      }
      Peer task_side = Peer::Cidrs({*subnet_->cidr}, subnet_->id + " " + subnet_->cidr->ToString());
      net::NaclDecision in = net::EvaluateNacl(*acl, false, kTcp, {443, 443}, task_side);
      net::NaclDecision out = net::EvaluateNacl(*acl, true, kTcp, kEphemeral, task_side);
      for (auto [d, step] : {std::pair{&in, "network-acl ingress"}, std::pair{&out, "network-acl egress (replies)"}}) {
        if (d->allowed == Tri::kYes) {
          Step(hop, acl->id, step, StepAction::kPermitted, d->detail);
        } else if (d->allowed == Tri::kMaybe) {
          Step(hop, acl->id, step, StepAction::kUnknown, d->detail);
          Gap({Code::kFw008}, d->detail);
          unknown = true;
        } else {
          Step(hop, acl->id, step, StepAction::kDenied, d->detail);
          filters.push_back(MakeFault(
              Code::kFw008, Severity::kBlocker, acl->id,
              "network ACL " + acl->id + " of the interface endpoint subnets denies " +
                  (d == &in ? "inbound tcp 443 from the tasks" : "outbound replies (tcp 1024-65535) to the tasks")));
          filters.back().opening = Fault::Opening{d != &in, d == &in ? PortRange{443, 443} : kEphemeral,
                                                  subnet_->cidr->ToString(), "", ""};
        }
      }
    }
  // The endpoint's own SGs must admit 443 from the task.
  std::vector<const model::SecurityGroup*> ep_groups;
  bool ep_groups_known = !ep.group_ids.empty();
  for (const auto& g : ep.group_ids) {
    const auto* sg = FindSg(g);
    if (!sg || !sg->rules_known) ep_groups_known = false;
    else ep_groups.push_back(sg);
  }
  std::vector<std::string> task_groups;
  for (const auto* g : sgs_) task_groups.push_back(g->id);
  if (!ep_groups_known || !subnet_->cidr) {
    Step(ep.id, "", "security-group ingress", StepAction::kUnknown,
         "the security groups of " + ep.id + " are not in the snapshot");
    Gap({Code::kFw003}, "security groups of " + ep.id + " are not in the snapshot");
    unknown = true;
  } else {
    net::Decision d = net::EvaluateSgIngress(ep_groups, kTcp, 443, *subnet_->cidr, task_groups, m_);
    std::string ids;
    for (const auto* g : ep_groups) ids += (ids.empty() ? "" : ",") + g->id;
    if (d.allowed == Tri::kYes) {
      Step(ep.id, ids, "security-group ingress", StepAction::kPermitted, d.detail);
    } else if (d.allowed == Tri::kMaybe) {
      // Part of the task subnet is admitted: tasks on other addresses time out.
      Step(ep.id, ids, "security-group ingress", StepAction::kDenied, d.detail);
      filters.push_back(MakeFault(Code::kFw003, Severity::kWarning, ep.group_ids.front(), d.detail));
    } else {
      Step(ep.id, ids, "security-group ingress", StepAction::kDenied, d.detail);
      filters.push_back(MakeFault(Code::kFw003, Severity::kBlocker, ep.group_ids.front(), d.detail));
    }
    if (d.allowed != Tri::kYes) {
      Fault::Opening o{false, {443, 443}, "", "", ""};
      if (!task_groups.empty()) o.group = task_groups.front();
      else o.cidr = subnet_->cidr->ToString();
      filters.back().opening = std::move(o);
    }
  }
  out_.via = ep.id;
  bool blocked = std::any_of(filters.begin(), filters.end(),
                             [](const Fault& f) { return f.severity == Severity::kBlocker; });
  if (blocked) return End::kBlocked;
  return unknown ? End::kUnknown : End::kReached;
}

void Tracer::Run(const std::string& subnet_id) {
  out_.subnet_id = subnet_id;
  subnet_ = m_.subnets().Find(subnet_id);
  if (!subnet_) {
    Step("subnet " + subnet_id, subnet_id, "subnet", StepAction::kUnknown,
         subnet_id + " is not in the snapshot (ec2 describe-subnets)");
    Gap({Code::kNet002, Code::kFw001, Code::kFw006}, subnet_id + " is not in the snapshot");
    return;
  }
  vpc_ = m_.vpcs().Find(subnet_->vpc_id);
  if (subnet_->ipv6_native || !subnet_->cidr) {
    // IPv6-only: pulls need dual-stack ECR names, DNS64 and NAT64 (docs/design/causes.md#net011).
    bool nat64 = false;
    if (const auto* rt = m_.RouteTableForSubnet(subnet_->id))
      for (const auto& r : rt->routes)
        if (r.destination_ipv6 && r.target == model::RouteTarget::kNatGateway) nat64 = true;
    std::string claim = subnet_->id + " is IPv6-only" +
                        (subnet_->enable_dns64 && nat64
                             ? "; DNS64 and a NAT64 route exist, so IPv4-only names may work: verify"
                             : " without DNS64 and a NAT64 route, so IPv4-only AWS endpoints are unreachable");
    Step("subnet " + subnet_->id + " (task)", subnet_->id, "address family",
         subnet_->enable_dns64 && nat64 ? StepAction::kUnknown : StepAction::kDenied, claim);
    out_.faults.push_back(MakeFault(Code::kNet011,
                                    subnet_->enable_dns64 && nat64 ? Severity::kWarning : Severity::kBlocker,
                                    subnet_->id, claim));
    out_.reachable = subnet_->enable_dns64 && nat64 ? std::nullopt : std::optional<bool>(false);
    return;
  }
  ResolveSecurityGroups();

  // ---- name resolution ----
  std::vector<std::string> servers;
  bool resolver_known = true;
  std::string dhcp_id = vpc_ ? vpc_->dhcp_options_id : "";
  if (!dhcp_id.empty() && dhcp_id != "default") {
    if (const auto* d = m_.dhcp_options().Find(dhcp_id)) servers = d->domain_name_servers;
    else resolver_known = false;
  }
  std::vector<std::string> custom;
  for (const auto& s : servers)
    if (s != "AmazonProvidedDNS" && s != "169.254.169.253") custom.push_back(s);
  const bool amazon = custom.empty();
  const model::VpcEndpoint* ep =
      need_.kind == NeedKind::kInterfaceService ? FindInterfaceEndpoint() : nullptr;
  std::vector<Fault> dns_faults;
  bool unknown = false;
  if (!resolver_known)
    Gap({Code::kVpce008, Code::kFw005}, "DHCP options " + dhcp_id + " of " + subnet_->vpc_id +
                                  " are not in the snapshot (ec2 describe-dhcp-options)");
  // -1 unknown, 0 false, 1 true (plain ints: GCC 12 misreports optional<bool> copies here).
  const bool dns_assumed = a_ && a_->dns_enabled_vpcs.count(subnet_->vpc_id) > 0;
  const int dns_support = dns_assumed ? 1 : vpc_ && vpc_->enable_dns_support ? *vpc_->enable_dns_support : -1;
  const int dns_hostnames = dns_assumed ? 1 : vpc_ && vpc_->enable_dns_hostnames ? *vpc_->enable_dns_hostnames : -1;
  if (amazon && dns_support == 0) {
    std::string claim = "enableDnsSupport is false on " + subnet_->vpc_id +
                        ": the Amazon-provided resolver does not answer, so " + need_.host +
                        " does not resolve";
    Step("dns", subnet_->vpc_id, "name resolution", StepAction::kDenied, claim);
    out_.faults.push_back(MakeFault(Code::kVpce007, Severity::kBlocker, subnet_->vpc_id, claim));
    out_.reachable = false;
    return;
  }
  if (amazon && dns_support < 0)
    Gap({Code::kVpce007}, "enableDnsSupport of " + subnet_->vpc_id +
                         " is not in the snapshot (ec2 describe-vpc-attribute); AWS's default (true) assumed");
  if (!amazon) CheckCustomDns(custom, dns_faults);

  Tri takes = Tri::kNo;
  Fault why_not;
  if (ep) {
    if (ep->state != "available") {
      why_not = MakeFault(Code::kVpce010, Severity::kBlocker, ep->id,
                          "interface endpoint " + ep->id + " (" + ep->service_name + ") is " + ep->state +
                              ", so it does not serve " + need_.host);
    } else if (!ep->private_dns_enabled) {
      why_not = MakeFault(Code::kVpce006, Severity::kBlocker, ep->id,
                          "interface endpoint " + ep->id + " has private DNS off, so " + need_.host +
                              " resolves to its public address");
    } else if (!amazon) {
      takes = Tri::kMaybe;
      why_not = MakeFault(Code::kVpce008, Severity::kWarning, dhcp_id,
                          "DHCP options " + dhcp_id + " name DNS servers " + custom.front() +
                              (custom.size() > 1 ? ", …" : "") +
                              ": the private DNS of " + ep->id +
                              " is answered only by the Amazon resolver, so " + need_.host +
                              " resolves privately only if they forward to it");
    } else if (dns_hostnames == 0) {
      why_not = MakeFault(Code::kVpce007, Severity::kBlocker, subnet_->vpc_id,
                          "enableDnsHostnames is false on " + subnet_->vpc_id +
                              ", so the private DNS of " + ep->id + " does not take effect and " +
                              need_.host + " resolves to its public address");
    } else if (dns_hostnames < 0) {
      takes = Tri::kMaybe;
      why_not = MakeFault(Code::kVpce007, Severity::kWarning, subnet_->vpc_id,
                          "enableDnsHostnames of " + subnet_->vpc_id + " is not in the snapshot");
    } else {
      takes = Tri::kYes;
    }
  }
  const std::string resolver = amazon ? "Amazon-provided DNS" : "DNS servers " + custom.front();
  if (!ep) {
    Step("dns", dhcp_id, "name resolution", StepAction::kPermitted,
         need_.host + " resolves to its public address (" + resolver +
             (need_.kind == NeedKind::kInterfaceService
                  ? "; no interface endpoint for " + need_.service + " in " + subnet_->vpc_id + ")"
                  : ")"));
  } else if (takes == Tri::kYes) {
    Step("dns", ep->id, "name resolution", StepAction::kForwarded,
         need_.host + " resolves to the private addresses of " + ep->id + " (private DNS)");
  } else if (takes == Tri::kNo) {
    Step("dns", ep->id, "name resolution", StepAction::kPermitted, why_not.claim);
  } else {
    Step("dns", ep->id, "name resolution", StepAction::kUnknown, why_not.claim);
  }

  // ---- the path itself ----
  std::vector<Fault> routing, filters;
  End end;
  if (takes == Tri::kYes) {
    end = EndpointPath(*ep, filters, unknown);
    if (end == End::kBlocked) {
      // Would the public way have worked? Then the endpoint broke a working design (C15).
      PathResult scratch;
      Tracer alt(m_, t_, need_, scratch, a_);
      alt.subnet_ = subnet_;
      alt.vpc_ = vpc_;
      alt.sgs_ = sgs_;
      alt.sgs_known_ = sgs_known_;
      alt.sgs_default_ = sgs_default_;
      std::vector<Fault> r2, f2;
      bool u2 = false;
      if (alt.PublicPath(r2, f2, u2) == End::kReached && f2.empty())
        filters.push_back(MakeFault(Code::kVpce015, Severity::kInfo, ep->id,
                                    "without " + ep->id + ", " + need_.host + " would be reached via " +
                                        scratch.via + "; its private DNS sends every task in " +
                                        subnet_->vpc_id + " to the endpoint instead"));
    }
  } else if (takes == Tri::kNo) {
    end = PublicPath(routing, filters, unknown);
    if (end == End::kBlocked && !routing.empty() && ep) routing = {why_not};
  } else {
    // Undecidable resolution: evaluate both ways; agreeing outcomes decide.
    std::vector<Fault> f_ep, r_pub, f_pub;
    bool u_ep = false, u_pub = false;
    End e1 = EndpointPath(*ep, f_ep, u_ep);
    std::string via_ep = out_.via;
    End e2 = PublicPath(r_pub, f_pub, u_pub);
    if (e1 == e2 && e1 != End::kUnknown) {
      end = e1;
      filters = f_ep;
      for (const auto& f : r_pub) routing.push_back(f);
      for (const auto& f : f_pub) filters.push_back(f);
      unknown = unknown || u_ep || u_pub;
    } else {
      end = End::kUnknown;
      out_.via.clear();
      if (why_not.code == Code::kVpce008) routing.push_back(why_not);
      else Gap({Code::kVpce007}, why_not.claim);
      unknown = true;
    }
  }

  // ---- verdict ----
  for (auto& f : dns_faults) out_.faults.push_back(f);
  const bool routed = routing.empty() || std::none_of(routing.begin(), routing.end(), [](const Fault& f) {
                        return f.severity == Severity::kBlocker;
                      });
  for (auto& f : routing) out_.faults.push_back(f);
  if (routed)
    for (auto& f : filters) out_.faults.push_back(f);
  bool blocker = std::any_of(out_.faults.begin(), out_.faults.end(),
                             [](const Fault& f) { return f.severity == Severity::kBlocker; });
  bool warn_unknown = std::any_of(out_.faults.begin(), out_.faults.end(), [](const Fault& f) {
    return f.severity == Severity::kWarning && (f.code == Code::kNet009 || f.code == Code::kVpce008 || f.code == Code::kFw005);
  });
  if (blocker || end == End::kBlocked) {
    out_.reachable = false;
  } else if (end == End::kUnknown || unknown || warn_unknown) {
    out_.reachable = std::nullopt;
  } else {
    out_.reachable = true;
  }
  if (out_.reachable != true && end != End::kReached) {
    if (out_.reachable == false) out_.via.clear();
  }
}

}  // namespace

PathResult TracePathAssuming(const model::Model& model, const Target& target, const Need& need,
                             const std::string& subnet_id, const Assumptions& assume) {
  PathResult out;
  out.need = &need;
  Tracer tracer(model, target, need, out, &assume);
  tracer.Run(subnet_id);
  tracer.Finish();
  BindToTarget(out, target);
  return out;
}

PathResult TracePathShared(const model::Model& model, const Target& target, const Need& need,
                           const std::string& subnet_id) {
  PathResult out;
  out.need = &need;
  Tracer tracer(model, target, need, out);
  tracer.Run(subnet_id);
  tracer.Finish();
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
