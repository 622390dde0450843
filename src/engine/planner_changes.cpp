// The changes the remedy planner proposes, one builder per kind: each returns the change as
// steps (fix/step.h) and what it assumes (analysis/assumptions.h), so the paths traced after it
// see it made. Steps take the same forms as the checks' fixes (checks/check_util.h helpers).
#include <algorithm>

#include "analysis/analyze.h"
#include "checks/check_util.h"
#include "engine/planner.h"
#include "net/match.h"
#include "util/strings.h"

namespace fd::engine {
namespace {

using analysis::Assumptions;
using analysis::NeedKind;
using util::Join;

constexpr std::string_view kNewEndpointSg = "<endpoint-sg-id>";

/// Blackhole routes more specific than the default route still take internet traffic
/// (0.0.0.0/1 and 128.0.0.0/1 to a deleted NAT gateway), so a change of the default route
/// replaces them too; the traces after it treat them as going where the default route goes
/// (trace::View::Lookup, analysis/trace/view.h).
std::vector<std::string> SplitBlackholes(const model::RouteTable& rt) {
  std::vector<std::string> out;
  for (const model::Route* b : net::BlackholeInternetRoutes(rt))
    if (b->destination->len > 0) out.push_back(b->destination->ToString());
  return out;
}

/// The replacements of `destinations` in `rt` towards `via` `target`, after `steps`.
std::vector<fix::Step> AlsoReplace(std::vector<fix::Step> steps, const model::RouteTable& rt,
                                   const std::vector<std::string>& destinations, fix::Route::Via via,
                                   const std::string& target) {
  for (const std::string& d : destinations) steps.push_back(fix::Route{true, rt.id, d, via, target});
  return steps;
}

std::string RoutesText(const std::vector<std::string>& destinations) {
  return (destinations.size() == 1 ? "blackhole route " : "blackhole routes ") +
         Join(destinations, " and ");
}

/// What the planner traces again once the route table sends 0.0.0.0/0 to `target_id`.
std::function<void(Assumptions&)> AssumeDefaultRoute(const std::string& rt_id, model::RouteTarget target,
                                                     const std::string& target_id) {
  model::Route r;
  r.destination = Cidr4::Parse("0.0.0.0/0");
  r.target = target;
  r.target_id = target_id;
  return [rt_id, r](Assumptions& a) { a.default_routes[rt_id] = r; };
}

}  // namespace

/// The group the tasks use: the first one they name, else the VPC's default group.
std::string Planner::TaskSg() const {
  if (!t_.security_groups.empty()) return t_.security_groups.front();
  const auto* d = m_.DefaultSecurityGroup(vpc_);
  return d ? d->id : "<task-sg-id>";
}

/// A NAT gateway needs a public subnet to live in (and an Elastic IP): the VPC's first subnet
/// with a route to an attached internet gateway.
std::optional<Planned> Planner::NewNat(std::string* why) {
  const model::Subnet* pub = checks::PublicSubnet(m_, vpc_);
  if (!pub) {
    *why = "no subnet of " + vpc_ + " routes 0.0.0.0/0 to an attached internet gateway, so a NAT "
           "gateway has no public subnet to live in";
    return std::nullopt;
  }
  Planned p;
  p.key = "new-nat:" + vpc_;
  p.change = report::Change::Of("create a NAT gateway with an Elastic IP in public subnet " + pub->id,
                                {fix::ElasticIp{}, fix::NatGateway{pub->id}});
  std::string sid = pub->id;
  p.apply = [sid](Assumptions& a) { a.planned_nat_subnet = sid; };
  return p;
}

/// The tasks' route table sends internet traffic to the strategy's NAT gateway (the usable one,
/// or a new one planned here first).
std::optional<Planned> Planner::InternetRoute(const std::string& rt_id, std::string* why) {
  const model::RouteTable* rt = m_.route_tables().Find(rt_id);
  if (!rt) {
    *why = "the route table " + rt_id + " is not in the snapshot";
    return std::nullopt;
  }
  std::string nat_id;
  if (s_ == Strategy::kExistingNat) {
    const model::NatGateway* nat = checks::UsableNatGateway(m_, vpc_);
    if (!nat) {
      *why = vpc_ + " has no usable NAT gateway";
      return std::nullopt;
    }
    nat_id = nat->id;
  } else {
    auto nat = NewNat(why);
    if (!nat) return std::nullopt;
    Add(std::move(*nat));
    nat_id = std::string(analysis::kPlannedNat);
  }
  const auto def = std::find_if(rt->routes.begin(), rt->routes.end(), [](const model::Route& r) {
    return r.destination && r.destination->len == 0;
  });
  const bool has_default = def != rt->routes.end();
  const std::vector<std::string> split = SplitBlackholes(*rt);
  const std::string towards =
      " towards " + (s_ == Strategy::kExistingNat ? nat_id + ", an available NAT gateway in a public subnet"
                                                 : std::string("the new NAT gateway"));
  Planned p;
  p.key = "route:" + rt_id;
  using Via = fix::Route::Via;
  if (has_default && !def->blackhole && def->target_id == nat_id && !split.empty()) {
    // The default route already goes there: only the blackholes below it need replacing.
    p.change = report::Change::Of("replace the " + RoutesText(split) + " of " + rt_id + towards,
                                  AlsoReplace({}, *rt, split, Via::kNatGateway, nat_id));
  } else {
    p.change = report::Change::Of(
        (has_default ? "replace the 0.0.0.0/0 route of " : "add a 0.0.0.0/0 route to ") + rt_id + towards +
            (split.empty() ? "" : ", and its " + RoutesText(split)),
        AlsoReplace({checks::NatRoute(has_default, rt_id, nat_id)}, *rt, split, Via::kNatGateway, nat_id));
  }
  p.apply = AssumeDefaultRoute(rt_id, model::RouteTarget::kNatGateway, nat_id);
  return p;
}

/// The security group the VPC's interface endpoints use, or a new one (planned here) that
/// admits the task group.
std::string Planner::EndpointSecurityGroup() {
  for (const auto* e : m_.EndpointsInVpc(vpc_))
    if (e->type == model::EndpointType::kInterface && !e->group_ids.empty()) return e->group_ids.front();
  const std::string sg(kNewEndpointSg);
  Planned g;
  g.key = "endpoint-sg:" + vpc_;
  const std::string task_sg = TaskSg();
  g.change = report::Change::Of(
      "create a security group for the interface endpoints that admits tcp 443 from " + task_sg,
      {fix::SecurityGroup{vpc_, "fargate-vpc-endpoints", "Interface endpoints for ECS tasks"},
       fix::SecurityGroupRule{sg, false, "tcp", {443, 443}, fix::SecurityGroupRule::Peer::kGroup, task_sg}});
  model::SecurityGroup group;
  group.id = sg;
  group.vpc_id = vpc_;
  model::SgRule rule;
  rule.protocol = 6;
  rule.ports = {443, 443};
  rule.group_ids = {task_sg};
  group.ingress.push_back(rule);
  g.apply = [group](Assumptions& a) { a.groups.emplace(group.id, group); };
  Add(std::move(g));
  return sg;
}

/// The endpoint a need calls for in the endpoints design, or why no endpoint of this VPC can
/// serve it.
std::optional<Planned> Planner::Endpoint(const analysis::Need& need, std::string* why) {
  if (need.kind == NeedKind::kRegistry) {
    *why = need.host + " is a registry no VPC endpoint serves (" + need.NeededBecause() +
           "): it needs an internet route";
    return std::nullopt;
  }
  if (need.cross_region) {
    *why = need.service + " in " + need.region + " is in another Region than " + vpc_ +
           ": endpoints of this VPC cannot serve it";
    return std::nullopt;
  }
  return need.kind == NeedKind::kS3 ? S3GatewayEndpoint(need) : InterfaceEndpoint(need);
}

/// S3 is reached through a gateway endpoint on the tasks' route tables: the VPC's existing one
/// associated with the tables it lacks, or a new one (gateway endpoints cost nothing).
Planned Planner::S3GatewayEndpoint(const analysis::Need& need) {
  const model::VpcEndpoint* gw = nullptr;
  for (const auto* e : m_.EndpointsInVpc(vpc_))
    if (e->type == model::EndpointType::kGateway && e->service_name.ends_with("." + need.region + ".s3")) gw = e;
  std::vector<std::string> rts = checks::RouteTablesOf(m_, t_);
  Planned p;
  if (gw) {
    std::vector<std::string> add;
    for (const auto& r : rts)
      if (std::find(gw->route_table_ids.begin(), gw->route_table_ids.end(), r) == gw->route_table_ids.end())
        add.push_back(r);
    p.key = "s3gw:" + gw->id;
    p.change = report::Change::Of("associate the S3 gateway endpoint " + gw->id + " with " + Join(add, ", "),
                                  {fix::EndpointRouteTables{gw->id, add}});
    model::VpcEndpoint copy = *gw;
    for (const auto& r : add) copy.route_table_ids.push_back(r);
    p.apply = [copy](Assumptions& a) { a.endpoints[copy.id] = copy; };
    return p;
  }
  model::VpcEndpoint e;
  e.id = "<new-s3-gateway-endpoint>";
  e.vpc_id = vpc_;
  e.region = need.region;
  e.service_name = "com.amazonaws." + need.region + ".s3";
  e.type = model::EndpointType::kGateway;
  e.state = "available";
  e.route_table_ids = rts;
  p.key = "s3gw:new:" + vpc_;
  p.change = report::Change::Of("create an S3 gateway endpoint (no hourly charge) on " + Join(rts, ", "),
                                {fix::GatewayEndpoint{vpc_, e.service_name, rts}});
  p.apply = [e](Assumptions& a) { a.endpoints[e.id] = e; };
  return p;
}

/// An interface endpoint in the target's subnets, with the security group the VPC's other
/// interface endpoints use, or a new one admitting the task group.
Planned Planner::InterfaceEndpoint(const analysis::Need& need) {
  const std::string sg = EndpointSecurityGroup();
  std::vector<std::string> subnets;
  for (const auto& s : t_.subnets)
    if (std::find(subnets.begin(), subnets.end(), s) == subnets.end()) subnets.push_back(s);
  model::VpcEndpoint e;
  e.id = "<new-" + need.service + "-endpoint>";
  e.vpc_id = vpc_;
  e.region = need.region;
  e.service_name = checks::EndpointServiceName(need.region, need.service);
  e.type = model::EndpointType::kInterface;
  e.state = "available";
  e.private_dns_enabled = true;
  e.subnet_ids = subnets;
  e.group_ids = {sg};
  Planned p;
  p.key = "endpoint:" + vpc_ + ":" + e.service_name;
  p.change = report::Change::Of("create the interface endpoint " + e.service_name + " with private DNS in " +
                                    Join(subnets, ", "),
                                {fix::InterfaceEndpoint{vpc_, e.service_name, subnets, sg}});
  p.apply = [e](Assumptions& a) { a.endpoints[e.id] = e; };
  return p;
}

/// The tcp 443 rule the fault's opening names (a CIDR, a group or the S3 prefix list), added to
/// the group as the model has it, or as earlier changes left it.
Planned Planner::SgRule(const std::string& sg, bool egress, const Fault::Opening& o) {
  using Peer = fix::SecurityGroupRule::Peer;
  const Peer peer = !o.prefix_list.empty() ? Peer::kPrefixList : !o.group.empty() ? Peer::kGroup : Peer::kCidr;
  std::string what = !o.prefix_list.empty() ? "the S3 prefix list " + o.prefix_list
                     : !o.group.empty()     ? o.group
                                            : o.cidr;
  Planned p;
  p.key = std::string(egress ? "sg-egress:" : "sg-ingress:") + sg + ":" + what;
  const std::string port = std::to_string(o.ports.from);
  p.key += ":" + port;
  p.change = report::Change::Of(std::string(egress ? "allow outbound tcp " : "allow inbound tcp ") + port +
                  (egress ? " from " : " on ") + sg + (egress ? " to " : " from ") + what,
              {fix::SecurityGroupRule{sg, egress, "tcp", {o.ports.from, o.ports.to}, peer,
                                      !o.prefix_list.empty() ? o.prefix_list : !o.group.empty() ? o.group : o.cidr}});
  model::SgRule rule;
  rule.protocol = 6;
  rule.ports = o.ports;
  if (!o.prefix_list.empty()) rule.prefix_list_ids = {o.prefix_list};
  else if (!o.group.empty()) rule.group_ids = {o.group};
  else if (auto c = Cidr4::Parse(o.cidr)) rule.cidrs = {*c};
  const model::SecurityGroup* base = m_.security_groups().Find(sg);
  p.apply = [sg, egress, rule, base](Assumptions& a) {
    auto it = a.groups.find(sg);
    if (it == a.groups.end()) {
      model::SecurityGroup g = base ? *base : model::SecurityGroup{};
      g.id = sg;
      it = a.groups.emplace(sg, std::move(g)).first;
    }
    (egress ? it->second.egress : it->second.ingress).push_back(rule);
  };
  return p;
}

/// An allow entry numbered below 100 and below the ACL's first deny in that direction: entries
/// are evaluated in rule-number order and the first match decides.
Planned Planner::NaclEntry(const std::string& acl_id, const Fault::Opening& o) {
  const model::NetworkAcl* base = m_.network_acls().Find(acl_id);
  if (auto it = a_.acls.find(acl_id); it != a_.acls.end()) base = &it->second;
  int below = 100;
  if (base)
    for (const auto& e : base->entries)
      if (e.egress == o.egress && !e.allow && e.rule_number < 32767) below = std::min(below, e.rule_number);
  const int n = checks::FreeRuleNumber(base, o.egress, below);
  const std::string ports = std::to_string(o.ports.from) + "-" + std::to_string(o.ports.to);
  Planned p;
  p.key = "nacl:" + acl_id + (o.egress ? ":out:" : ":in:") + ports + ":" + o.cidr;
  p.change = report::Change::Of(std::string("allow ") + (o.egress ? "outbound" : "inbound") + " tcp " +
                  (o.ports.from == o.ports.to ? std::to_string(o.ports.from) : ports) +
                  (o.egress ? " to " : " from ") + o.cidr + " in network ACL " + acl_id + " (rule " +
                  std::to_string(n) + ")",
              {fix::NetworkAclEntry{acl_id, o.egress, n, {o.ports.from, o.ports.to}, o.cidr}});
  model::NaclEntry e;
  e.rule_number = n;
  e.egress = o.egress;
  e.protocol = 6;
  e.ports = o.ports;
  e.cidr = Cidr4::Parse(o.cidr);
  e.allow = true;
  const model::NetworkAcl* original = m_.network_acls().Find(acl_id);
  p.apply = [acl_id, e, original](Assumptions& a) {
    auto it = a.acls.find(acl_id);
    if (it == a.acls.end()) {
      if (!original) return;
      it = a.acls.emplace(acl_id, *original).first;
    }
    auto& v = it->second.entries;
    v.push_back(e);
    std::stable_sort(v.begin(), v.end(), [](const model::NaclEntry& x, const model::NaclEntry& y) {
      return std::pair(x.egress, x.rule_number) < std::pair(y.egress, y.rule_number);
    });
  };
  return p;
}

/// Private DNS of interface endpoints needs both VPC DNS attributes on (VPCE007).
std::optional<Planned> Planner::DnsAttributes(const std::string& vpc) {
  Planned pl;
  pl.key = "dns:" + vpc;
  using Which = fix::VpcDnsAttribute::Which;
  pl.change = report::Change::Of("turn on DNS resolution and DNS hostnames for " + vpc,
                                 {fix::VpcDnsAttribute{vpc, Which::kSupport}, fix::VpcDnsAttribute{vpc, Which::kHostnames}});
  pl.apply = [vpc](Assumptions& a) { a.dns_enabled_vpcs.insert(vpc); };
  return pl;
}

/// A route to a detached internet gateway goes nowhere until it is attached again (NET004).
std::optional<Planned> Planner::AttachGateway(const std::string& igw) {
  Planned pl;
  pl.key = "attach:" + igw;
  pl.change = report::Change::Of("attach the internet gateway " + igw + " to " + vpc_,
                                 {fix::AttachInternetGateway{igw, vpc_}});
  pl.apply = [igw](Assumptions& a) { a.attached_igws.insert(igw); };
  return pl;
}

/// The NAT gateway's own subnet lost its internet route: point it back at the gateway.
std::optional<Planned> Planner::NatSubnetRoute(const std::string& rt_id, std::string* why) {
  const auto igws = m_.GatewaysAttachedTo(vpc_);
  if (igws.empty()) {
    *why = vpc_ + " has no attached internet gateway for " + rt_id + " to route to";
    return std::nullopt;
  }
  using Via = fix::Route::Via;
  const std::string& igw = igws.front()->id;
  std::string summary = "point the 0.0.0.0/0 route of " + rt_id + " (the NAT gateway's subnet) at " + igw;
  std::vector<fix::Step> steps = {fix::Route{true, rt_id, "0.0.0.0/0", Via::kInternetGateway, igw}};
  if (const model::RouteTable* nat_rt = m_.route_tables().Find(rt_id)) {
    const std::vector<std::string> split = SplitBlackholes(*nat_rt);
    if (!split.empty()) summary += ", and its " + RoutesText(split);
    steps = AlsoReplace(std::move(steps), *nat_rt, split, Via::kInternetGateway, igw);
  }
  Planned pl;
  pl.key = "route:" + rt_id;
  pl.change = report::Change::Of(std::move(summary), std::move(steps));
  pl.apply = AssumeDefaultRoute(rt_id, model::RouteTarget::kInternetGateway, igw);
  return pl;
}

/// An endpoint that exists but does not serve (VPCE006, VPCE010), in the endpoints design.
std::optional<Planned> Planner::EndpointInPlace(const Fault& f, std::string* why) {
  if (f.code == Code::kVpce010) {
    *why = f.claim + " (accept or recreate it)";
    return std::nullopt;
  }
  const model::VpcEndpoint* ep = m_.vpc_endpoints().Find(f.resource);
  if (!ep) {
    *why = f.claim;
    return std::nullopt;
  }
  Planned pl;
  pl.key = "private-dns:" + ep->id;
  pl.change = report::Change::Of("turn on private DNS for " + ep->id, {fix::EndpointPrivateDns{ep->id}});
  model::VpcEndpoint copy = *ep;
  copy.private_dns_enabled = true;
  pl.apply = [copy](Assumptions& a) { a.endpoints[copy.id] = copy; };
  return pl;
}

/// A mount target of `fs_id` in the zone of `subnet_id`, with the security groups of the file
/// system's other mount targets; a One Zone file system cannot have one there.
std::optional<Planned> Planner::MountTarget(const std::string& fs_id, const std::string& subnet_id, std::string* why) {
  const model::Subnet* s = m_.subnets().Find(subnet_id);
  const model::EfsFileSystem* fs = m_.efs_file_systems().Find(fs_id);
  if (fs && !fs->availability_zone_name.empty()) {
    *why = "the One Zone file system " + fs_id + " lives in " + fs->availability_zone_name +
           ": run the tasks only in subnets of that zone";
    return std::nullopt;
  }
  if (!s) {
    *why = subnet_id + " is not in the snapshot";
    return std::nullopt;
  }
  model::EfsMountTarget mt;
  for (const auto* other : m_.MountTargetsOf(fs_id))
    if (other->security_groups_known && !other->security_groups.empty()) {
      mt.security_groups = other->security_groups;
      mt.security_groups_known = true;
      break;
    }
  mt.id = analysis::kPlannedMountTarget;
  mt.file_system_id = fs_id;
  mt.subnet_id = s->id;
  mt.vpc_id = s->vpc_id;
  mt.availability_zone_id = s->availability_zone_id;
  mt.availability_zone_name = s->availability_zone;
  mt.life_cycle_state = "available";
  const std::string zone = s->availability_zone_id.empty() ? s->availability_zone : s->availability_zone_id;
  Planned p;
  p.key = "mount-target:" + fs_id + ":" + zone;
  p.change = report::Change::Of("create a mount target of " + fs_id + " in " + s->id + " (" + zone + ")",
                                {fix::MountTarget{fs_id, s->id, mt.security_groups}});
  p.apply = [mt](Assumptions& a) { a.mount_targets[mt.file_system_id].push_back(mt); };
  return p;
}

}  // namespace fd::engine
