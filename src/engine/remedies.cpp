// Plans the complete set of changes per alternative by tracing blocked paths again under
// assumed changes: each round takes the change that clears the first blocker of every path
// still blocked, so a NAT route that uncovers a security group that also denies lists both.
// Commands use the same forms as the checks' fixes (checks/check_util.h helpers).
#include "engine/remedies.h"

#include <algorithm>
#include <functional>
#include <optional>
#include <set>

#include "analysis/analyze.h"
#include "analysis/assumptions.h"
#include "checks/check_util.h"
#include "net/match.h"
#include "util/strings.h"

namespace fd::engine {
namespace {

using analysis::Assumptions;
using analysis::Fault;
using analysis::NeedKind;

constexpr int kMaxRounds = 8;
constexpr std::string_view kPublicIpCommand = "\x01public-ip";  // rendered per target
constexpr std::string_view kNewEndpointSg = "<endpoint-sg-id>";

enum class Strategy { kExistingNat, kNewNat, kEndpoints };

/// A change with what it assumes, so the next round traces as if it were made.
struct Planned {
  std::string key;  ///< what makes two proposals the same change
  report::Change change;
  std::function<void(Assumptions&)> apply;
};

using util::Join;

class Planner {
 public:
  Planner(const model::Model& m, const analysis::TargetAnalysis& ta, std::string vpc, Strategy s)
      : m_(m), t_(ta.target), vpc_(std::move(vpc)), s_(s) {}

  report::Remedy Run(const std::vector<const analysis::PathResult*>& blocked);

 private:
  /// The change that clears `f` on path `p` under this strategy, or why none can.
  std::optional<Planned> ChangeFor(const analysis::PathResult& p, const Fault& f, std::string* why);

  std::optional<Planned> InternetRoute(const std::string& rt_id, std::string* why);
  std::optional<Planned> Endpoint(const analysis::Need& need, std::string* why);
  std::optional<Planned> NewNat(std::string* why);
  Planned SgRule(const std::string& sg, bool egress, const Fault::Opening& o);
  Planned NaclEntry(const std::string& acl_id, const Fault::Opening& o);
  std::string TaskSg() const {
    if (!t_.security_groups.empty()) return t_.security_groups.front();
    const auto* d = m_.DefaultSecurityGroup(vpc_);
    return d ? d->id : "<task-sg-id>";
  }
  void Add(Planned p) {
    if (!keys_.insert(p.key).second) return;
    // What the changes amount to names the alternative (a strategy that met none of its own
    // faults only fixes the current design in place).
    const std::string& k = p.key;
    if (k.rfind("new-nat:", 0) == 0) {
      design_ = "internet through a new NAT gateway";
    } else if (design_.empty()) {
      if (k == "public-ip") design_ = "internet through the internet gateway (public IP on)";
      else if (k.rfind("route:", 0) == 0) design_ = out_.name;
      else if (k.rfind("endpoint", 0) == 0 || k.rfind("s3gw:", 0) == 0 || k.rfind("private-dns:", 0) == 0)
        design_ = "VPC endpoints (no internet route)";
    }
    p.apply(a_);
    out_.changes.push_back(std::move(p.change));
  }

  const model::Model& m_;
  const analysis::Target& t_;
  const std::string vpc_;
  const Strategy s_;
  Assumptions a_;
  std::set<std::string> keys_;
  std::string design_;  ///< the alternative's name once a change of its own is made
  report::Remedy out_;
};

std::optional<Planned> Planner::NewNat(std::string* why) {
  const model::Subnet* pub = checks::PublicSubnet(m_, vpc_);
  if (!pub) {
    *why = "no subnet of " + vpc_ + " routes 0.0.0.0/0 to an attached internet gateway, so a NAT "
           "gateway has no public subnet to live in";
    return std::nullopt;
  }
  Planned p;
  p.key = "new-nat:" + vpc_;
  p.change = {"create a NAT gateway with an Elastic IP in public subnet " + pub->id,
              {"aws ec2 allocate-address --domain vpc",
               "aws ec2 create-nat-gateway --subnet-id " + pub->id + " --allocation-id <eipalloc-id>"},
              true};
  std::string sid = pub->id;
  p.apply = [sid](Assumptions& a) { a.planned_nat_subnet = sid; };
  return p;
}

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

void AlsoReplace(const model::RouteTable& rt, const std::vector<std::string>& destinations,
                 const std::string& target, report::Change& change) {
  for (const std::string& d : destinations)
    change.commands.push_back(checks::RouteCommand(true, rt.id, d, target));
}

std::string RoutesText(const std::vector<std::string>& destinations) {
  return (destinations.size() == 1 ? "blackhole route " : "blackhole routes ") +
         Join(destinations, " and ");
}

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
  if (has_default && !def->blackhole && def->target_id == nat_id && !split.empty()) {
    // The default route already goes there: only the blackholes below it need replacing.
    p.change = {"replace the " + RoutesText(split) + " of " + rt_id + towards, {}, false};
  } else {
    p.change = {(has_default ? "replace the 0.0.0.0/0 route of " : "add a 0.0.0.0/0 route to ") + rt_id +
                    towards + (split.empty() ? "" : ", and its " + RoutesText(split)),
                {checks::RouteCommand(has_default, rt_id, "0.0.0.0/0", "--nat-gateway-id " + nat_id)},
                false};
  }
  AlsoReplace(*rt, split, "--nat-gateway-id " + nat_id, p.change);
  model::Route r;
  r.destination = Cidr4::Parse("0.0.0.0/0");
  r.target = model::RouteTarget::kNatGateway;
  r.target_id = nat_id;
  p.apply = [rt_id, r](Assumptions& a) { a.default_routes[rt_id] = r; };
  return p;
}

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
  Planned p;
  if (need.kind == NeedKind::kS3) {
    const model::VpcEndpoint* gw = nullptr;
    for (const auto* e : m_.EndpointsInVpc(vpc_))
      if (e->type == model::EndpointType::kGateway && e->service_name.ends_with("." + need.region + ".s3")) gw = e;
    std::vector<std::string> rts = checks::RouteTablesOf(m_, t_);
    if (gw) {
      std::vector<std::string> add;
      for (const auto& r : rts)
        if (std::find(gw->route_table_ids.begin(), gw->route_table_ids.end(), r) == gw->route_table_ids.end())
          add.push_back(r);
      p.key = "s3gw:" + gw->id;
      p.change = {"associate the S3 gateway endpoint " + gw->id + " with " + Join(add, ", "),
                  {"aws ec2 modify-vpc-endpoint --vpc-endpoint-id " + gw->id + " --add-route-table-ids " + Join(add, " ")},
                  false};
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
    p.change = {"create an S3 gateway endpoint (no hourly charge) on " + Join(rts, ", "),
                {"aws ec2 create-vpc-endpoint --vpc-id " + vpc_ + " --vpc-endpoint-type Gateway --service-name " +
                 e.service_name + " --route-table-ids " + Join(rts, " ")},
                false};
    p.apply = [e](Assumptions& a) { a.endpoints[e.id] = e; };
    return p;
  }
  // An interface endpoint in the target's subnets, with the security group the VPC's other
  // interface endpoints use, or a new one admitting the task group.
  std::string sg;
  for (const auto* e : m_.EndpointsInVpc(vpc_))
    if (e->type == model::EndpointType::kInterface && !e->group_ids.empty()) {
      sg = e->group_ids.front();
      break;
    }
  if (sg.empty()) {
    sg = std::string(kNewEndpointSg);
    Planned g;
    g.key = "endpoint-sg:" + vpc_;
    const std::string task_sg = TaskSg();
    g.change = {"create a security group for the interface endpoints that admits tcp 443 from " + task_sg,
                {"aws ec2 create-security-group --vpc-id " + vpc_ +
                     " --group-name fargate-vpc-endpoints --description 'Interface endpoints for ECS tasks'",
                 "aws ec2 authorize-security-group-ingress --group-id " + sg +
                     " --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443,UserIdGroupPairs=[{GroupId=" +
                     task_sg + "}]'"},
                false};
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
  }
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
  p.key = "endpoint:" + vpc_ + ":" + e.service_name;
  p.change = {"create the interface endpoint " + e.service_name + " with private DNS in " + Join(subnets, ", "),
              {"aws ec2 create-vpc-endpoint --vpc-id " + vpc_ + " --vpc-endpoint-type Interface --service-name " +
               e.service_name + " --subnet-ids " + Join(subnets, " ") + " --security-group-ids " + sg +
               " --private-dns-enabled"},
              true};
  p.apply = [e](Assumptions& a) { a.endpoints[e.id] = e; };
  return p;
}

Planned Planner::SgRule(const std::string& sg, bool egress, const Fault::Opening& o) {
  std::string peer = !o.prefix_list.empty() ? "PrefixListIds=[{PrefixListId=" + o.prefix_list + "}]"
                     : !o.group.empty()     ? "UserIdGroupPairs=[{GroupId=" + o.group + "}]"
                                            : "IpRanges=[{CidrIp=" + o.cidr + "}]";
  std::string what = !o.prefix_list.empty() ? "the S3 prefix list " + o.prefix_list
                     : !o.group.empty()     ? o.group
                                            : o.cidr;
  Planned p;
  p.key = std::string(egress ? "sg-egress:" : "sg-ingress:") + sg + ":" + what;
  p.change = {std::string(egress ? "allow outbound tcp 443 from " : "allow inbound tcp 443 on ") + sg +
                  (egress ? " to " : " from ") + what,
              {"aws ec2 " + std::string(egress ? "authorize-security-group-egress" : "authorize-security-group-ingress") +
               " --group-id " + sg + " --ip-permissions 'IpProtocol=tcp,FromPort=443,ToPort=443," + peer + "'"},
              false};
  model::SgRule rule;
  rule.protocol = 6;
  rule.ports = {443, 443};
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
  p.change = {std::string("allow ") + (o.egress ? "outbound" : "inbound") + " tcp " +
                  (o.ports.from == o.ports.to ? std::to_string(o.ports.from) : ports) +
                  (o.egress ? " to " : " from ") + o.cidr + " in network ACL " + acl_id + " (rule " +
                  std::to_string(n) + ")",
              {"aws ec2 create-network-acl-entry --network-acl-id " + acl_id +
               (o.egress ? " --egress" : " --ingress") + " --rule-number " + std::to_string(n) +
               " --protocol 6 --port-range From=" + std::to_string(o.ports.from) + ",To=" +
               std::to_string(o.ports.to) + " --cidr-block " + o.cidr + " --rule-action allow"},
              false};
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

std::optional<Planned> Planner::ChangeFor(const analysis::PathResult& p, const Fault& f, std::string* why) {
  const analysis::Need& need = *p.need;
  const model::RouteTable* task_rt = m_.RouteTableForSubnet(p.subnet_id);
  const bool internet = s_ != Strategy::kEndpoints;
  static const std::set<std::string> kNoWayOut = {"NET002", "VPCE001", "VPCE002", "VPCE004", "VPCE005",
                                                  "VPCE013", "IMG006", "VPCE012", "VPCE003", "NET005", "NET006",
                                                  "NET009", "NET001", "VPCE006", "VPCE010", "NET003"};
  const std::string& c = f.code;
  // Faults of one endpoint or VPC setting: the same change in every strategy.
  if (c == "VPCE007") {
    Planned pl;
    pl.key = "dns:" + f.resource;
    pl.change = {"turn on DNS resolution and DNS hostnames for " + f.resource,
                 {"aws ec2 modify-vpc-attribute --vpc-id " + f.resource + " --enable-dns-support '{\"Value\":true}'",
                  "aws ec2 modify-vpc-attribute --vpc-id " + f.resource + " --enable-dns-hostnames '{\"Value\":true}'"},
                 false};
    std::string vpc = f.resource;
    pl.apply = [vpc](Assumptions& a) { a.dns_enabled_vpcs.insert(vpc); };
    return pl;
  }
  if (c == "NET004") {
    Planned pl;
    pl.key = "attach:" + f.resource;
    pl.change = {"attach the internet gateway " + f.resource + " to " + vpc_,
                 {"aws ec2 attach-internet-gateway --internet-gateway-id " + f.resource + " --vpc-id " + vpc_},
                 false};
    std::string igw = f.resource;
    pl.apply = [igw](Assumptions& a) { a.attached_igws.insert(igw); };
    return pl;
  }
  if (c == "NET003" && task_rt && f.resource != task_rt->id) {
    // The NAT gateway's own subnet lost its internet route.
    const auto igws = m_.GatewaysAttachedTo(vpc_);
    if (igws.empty()) {
      *why = vpc_ + " has no attached internet gateway for " + f.resource + " to route to";
      return std::nullopt;
    }
    Planned pl;
    pl.key = "route:" + f.resource;
    pl.change = {"point the 0.0.0.0/0 route of " + f.resource + " (the NAT gateway's subnet) at " + igws.front()->id,
                 {checks::RouteCommand(true, f.resource, "0.0.0.0/0", "--gateway-id " + igws.front()->id)},
                 false};
    if (const model::RouteTable* nat_rt = m_.route_tables().Find(f.resource)) {
      const std::vector<std::string> split = SplitBlackholes(*nat_rt);
      if (!split.empty()) pl.change.summary += ", and its " + RoutesText(split);
      AlsoReplace(*nat_rt, split, "--gateway-id " + igws.front()->id, pl.change);
    }
    model::Route r;
    r.destination = Cidr4::Parse("0.0.0.0/0");
    r.target = model::RouteTarget::kInternetGateway;
    r.target_id = igws.front()->id;
    std::string rt = f.resource;
    pl.apply = [rt, r](Assumptions& a) { a.default_routes[rt] = r; };
    return pl;
  }
  if (c == "FW001" || c == "FW002" || c == "FW004" || c == "FW003") {
    if (!f.opening) {
      *why = c + " on " + f.resource + ": " + f.claim;
      return std::nullopt;
    }
    return SgRule(f.resource, c != "FW003", *f.opening);
  }
  if (c == "FW006" || c == "FW007" || c == "FW008") {
    if (!f.opening || f.opening->cidr.empty()) {
      *why = c + " on " + f.resource + ": " + f.claim;
      return std::nullopt;
    }
    return NaclEntry(f.resource, *f.opening);
  }
  if (!internet && (c == "VPCE006" || c == "VPCE010")) {
    if (c == "VPCE010") {
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
    pl.change = {"turn on private DNS for " + ep->id,
                 {"aws ec2 modify-vpc-endpoint --vpc-endpoint-id " + ep->id + " --private-dns-enabled"}, false};
    model::VpcEndpoint copy = *ep;
    copy.private_dns_enabled = true;
    pl.apply = [copy](Assumptions& a) { a.endpoints[copy.id] = copy; };
    return pl;
  }
  if (kNoWayOut.count(c)) {
    if (!internet) return Endpoint(need, why);
    if (c == "NET001") {
      Planned pl;
      pl.key = "public-ip";
      pl.change = {"turn on assignPublicIp for the tasks (a new deployment)", {std::string(kPublicIpCommand)}, false};
      pl.apply = [](Assumptions& a) { a.public_ip = true; };
      return pl;
    }
    if (!task_rt) {
      *why = "the route table of " + p.subnet_id + " is not in the snapshot";
      return std::nullopt;
    }
    return InternetRoute(task_rt->id, why);
  }
  *why = c + " on " + f.resource + ": " + f.claim;
  return std::nullopt;
}

report::Remedy Planner::Run(const std::vector<const analysis::PathResult*>& blocked) {
  switch (s_) {
    case Strategy::kExistingNat:
      out_.name = "internet through " + checks::UsableNatGateway(m_, vpc_)->id;
      break;
    case Strategy::kNewNat: out_.name = "internet through a new NAT gateway"; break;
    case Strategy::kEndpoints: out_.name = "VPC endpoints (no internet route)"; break;
  }
  // Paths are traced one after another under the changes made so far, so a change made for
  // one path (tcp 443 to 0.0.0.0/0) is seen by the next (S3) before another is proposed.
  std::vector<const analysis::PathResult*> open = blocked;
  for (int round = 0; round < kMaxRounds; ++round) {
    bool progress = false;
    std::vector<const analysis::PathResult*> still;
    for (const auto* p : open) {
      const analysis::PathResult r =
          keys_.empty() ? *p : analysis::TracePathAssuming(m_, t_, *p->need, p->subnet_id, a_);
      if (r.reachable != false) continue;
      still.push_back(p);
      auto f = std::find_if(r.faults.begin(), r.faults.end(),
                            [](const Fault& x) { return x.severity == report::Severity::kBlocker; });
      std::string why;
      std::optional<Planned> change;
      if (f == r.faults.end()) why = p->need->service + " from " + p->subnet_id + " stays blocked";
      else change = ChangeFor(r, *f, &why);
      if (!change) {
        out_.feasible = false;
        out_.reason = why;
        return out_;
      }
      if (!keys_.count(change->key)) {
        Add(std::move(*change));
        progress = true;
      }
    }
    if (still.empty()) {
      out_.name = design_.empty() ? "the current design, fixed in place" : design_;
      return out_;
    }
    if (!progress) {
      out_.feasible = false;
      out_.reason = "the changes above leave " + still.front()->need->service + " from " +
                    still.front()->subnet_id + " blocked, and no further change is planned for it";
      return out_;
    }
    open = std::move(still);
  }
  out_.feasible = false;
  out_.reason = "more than " + std::to_string(kMaxRounds) + " rounds of changes";
  return out_;
}

std::string PlanKey(const analysis::TargetAnalysis& ta) {
  const auto& t = ta.target;
  std::string k = t.region + '\x1f' + t.assign_public_ip_raw + (t.assign_public_ip ? "p" : "-") +
                  (t.security_groups_known ? "-" : "s") + (t.public_ip_known ? "-" : "i");
  for (const auto* v : {&t.subnets, &t.security_groups}) {
    k += '\x1e';
    for (const auto& s : *v) k += s + '\x1f';
  }
  for (const auto& n : ta.needs)
    k += '\x1e' + n.service + '\x1f' + n.region + '\x1f' + n.host + char('0' + static_cast<int>(n.kind)) +
         (n.cross_region ? "x" : "-");
  return k;
}

}  // namespace

std::vector<report::Remedy> PlanRemedies(const model::Model& model, const analysis::TargetAnalysis& ta,
                                         RemedyCache* cache) {
  std::vector<const analysis::PathResult*> blocked;
  for (const auto& p : ta.paths)
    if (p.reachable == false) blocked.push_back(&p);
  if (blocked.empty()) return {};
  std::string vpc;
  for (const auto& s : ta.target.subnets) {
    const model::Subnet* sn = model.subnets().Find(s);
    if (!sn || (!vpc.empty() && sn->vpc_id != vpc)) return {};
    vpc = sn->vpc_id;
  }
  if (vpc.empty()) return {};

  std::string key;
  std::vector<report::Remedy> out;
  if (cache) {
    key = PlanKey(ta);
    if (auto it = cache->find(key); it != cache->end()) out = it->second;
  }
  if (out.empty()) {
    std::vector<Strategy> strategies;
    if (checks::UsableNatGateway(model, vpc)) strategies.push_back(Strategy::kExistingNat);
    else strategies.push_back(Strategy::kNewNat);
    strategies.push_back(Strategy::kEndpoints);
    std::vector<std::set<std::string>> seen;
    for (Strategy s : strategies) {
      report::Remedy r = Planner(model, ta, vpc, s).Run(blocked);
      // Two strategies that met no fault of their own give the same changes: keep one.
      std::set<std::string> sig;
      for (const auto& c : r.changes) sig.insert(Join(c.commands, "\n"));
      if (r.feasible && std::find(seen.begin(), seen.end(), sig) != seen.end()) continue;
      if (r.feasible) seen.push_back(sig);
      out.push_back(std::move(r));
    }
    // The pick: feasible, fewest changes, then fewest billable ones.
    report::Remedy* best = nullptr;
    auto billable = [](const report::Remedy& r) {
      return std::count_if(r.changes.begin(), r.changes.end(), [](const report::Change& c) { return c.billable; });
    };
    for (auto& r : out)
      if (r.feasible && !r.changes.empty() &&
          (!best || r.changes.size() < best->changes.size() ||
           (r.changes.size() == best->changes.size() && billable(r) < billable(*best))))
        best = &r;
    if (best) best->fewest = true;
    if (cache) (*cache)[key] = out;
  }
  for (auto& r : out)
    for (auto& c : r.changes)
      for (auto& cmd : c.commands)
        if (cmd == kPublicIpCommand) cmd = checks::UpdateNetworkCommand(ta.target, {}, {}, "ENABLED");
  return out;
}

}  // namespace fd::engine
