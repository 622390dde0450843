#pragma once
/// Builds small in-memory models for unit tests: one call per VPC, subnet, route table, NACL,
/// security group, endpoint, NAT gateway or internet gateway, with AWS's defaults filled in.
/// Route targets are classified from the target id the way the EC2 reader does (igw-, nat-,
/// tgw-, pcx-, vgw-, eni-, eigw-, vpce- on a prefix-list or CIDR route).
///
///   fd::testing::Fixture f;
///   f.Vpc("vpc-1", "10.0.0.0/16");
///   f.Subnet("subnet-a", "vpc-1", "10.0.1.0/24");
///   f.RouteTable("rtb-a", "vpc-1", {"subnet-a"}, {f.R("0.0.0.0/0", "nat-1")});
///   fd::model::Model m = f.Build();

#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/model.h"
#include "util/ip.h"

namespace fd::testing {

/// A prefix that must parse (test data is written by hand).
inline Cidr4 C(std::string_view text) {
  auto c = Cidr4::Parse(text);
  if (!c) std::abort();
  return *c;
}

inline model::RouteTarget TargetOf(const std::string& id, bool prefix_list) {
  using model::RouteTarget;
  auto starts = [&](std::string_view p) { return id.rfind(p, 0) == 0; };
  if (id == "local") return RouteTarget::kLocal;
  if (starts("igw-")) return RouteTarget::kInternetGateway;
  if (starts("nat-")) return RouteTarget::kNatGateway;
  if (starts("vpce-")) return prefix_list ? RouteTarget::kGatewayEndpoint : RouteTarget::kGwlbEndpoint;
  if (starts("tgw-")) return RouteTarget::kTransitGateway;
  if (starts("pcx-")) return RouteTarget::kPeering;
  if (starts("vgw-")) return RouteTarget::kVpnGateway;
  if (starts("eigw-")) return RouteTarget::kEgressOnlyInternetGateway;
  if (starts("eni-")) return RouteTarget::kNetworkInterface;
  if (starts("i-")) return RouteTarget::kInstance;
  return RouteTarget::kUnknown;
}

/// An IPv4 CIDR route: R("0.0.0.0/0", "nat-1"), R("0.0.0.0/0", "nat-gone", /*blackhole=*/true).
inline model::Route R(std::string_view dest, const std::string& target, bool blackhole = false,
                      std::string origin = "CreateRoute") {
  model::Route r;
  r.destination = C(dest);
  r.target_id = target;
  r.target = TargetOf(target, false);
  r.blackhole = blackhole;
  r.origin = std::move(origin);
  return r;
}

/// A route whose destination is a prefix list (gateway endpoints): PlRoute("pl-s3", "vpce-s3").
inline model::Route PlRoute(const std::string& pl, const std::string& target) {
  model::Route r;
  r.destination_prefix_list_id = pl;
  r.target_id = target;
  r.target = TargetOf(target, true);
  r.origin = "CreateRoute";
  return r;
}

/// An IPv6 route: R6("::/0", "eigw-1").
inline model::Route R6(std::string_view dest, const std::string& target) {
  model::Route r;
  r.destination_ipv6 = Cidr6::Parse(dest);
  r.target_id = target;
  r.target = TargetOf(target, false);
  r.origin = "CreateRoute";
  return r;
}

/// A NACL entry. `protocol` -1 means all traffic (ports ignored); nullopt ports = all ports.
inline model::NaclEntry E(int rule, bool egress, int protocol, std::optional<PortRange> ports,
                          std::string_view cidr, bool allow) {
  model::NaclEntry e;
  e.rule_number = rule;
  e.egress = egress;
  e.protocol = protocol;
  if (protocol != -1) e.ports = ports;
  e.cidr = C(cidr);
  e.allow = allow;
  e.source = {"NetworkAcls.json", "/rule/" + std::to_string(rule) + (egress ? "/out" : "/in")};
  return e;
}

/// The entries AWS puts in a new default NACL: allow everything both ways, then `*` deny.
inline std::vector<model::NaclEntry> OpenEntries() {
  return {E(100, true, -1, std::nullopt, "0.0.0.0/0", true),
          E(32767, true, -1, std::nullopt, "0.0.0.0/0", false),
          E(100, false, -1, std::nullopt, "0.0.0.0/0", true),
          E(32767, false, -1, std::nullopt, "0.0.0.0/0", false)};
}

/// An SG rule. Protocol -1 = all traffic; tcp = 6; ports inclusive.
struct RuleSpec {
  int protocol = -1;
  int from = 0;
  int to = 65535;
  std::vector<std::string> cidrs;
  std::vector<std::string> prefix_lists;
  std::vector<std::string> groups;
};

inline model::SgRule Rule(const RuleSpec& s) {
  model::SgRule r;
  r.protocol = s.protocol;
  r.ports = s.protocol == -1 ? PortRange{0, 65535} : PortRange{s.from, s.to};
  for (const auto& c : s.cidrs) r.cidrs.push_back(C(c));
  r.prefix_list_ids = s.prefix_lists;
  r.group_ids = s.groups;
  r.source = {"SecurityGroups.json", "/rule"};
  return r;
}

/// "All traffic to 0.0.0.0/0", the egress rule every new security group gets.
inline model::SgRule AllOut() { return Rule({-1, 0, 65535, {"0.0.0.0/0"}, {}, {}}); }
/// TCP 443 to the given CIDRs / prefix lists / groups.
inline model::SgRule Tcp443(std::vector<std::string> cidrs, std::vector<std::string> pls = {},
                            std::vector<std::string> groups = {}) {
  return Rule({6, 443, 443, std::move(cidrs), std::move(pls), std::move(groups)});
}

class Fixture {
 public:
  std::string region = "eu-west-3";

  void Vpc(const std::string& id, std::string_view cidr, std::optional<bool> dns_support = true,
           std::optional<bool> dns_hostnames = true, std::string dhcp = "") {
    model::Vpc v;
    v.id = id;
    v.region = region;
    v.cidrs = {C(cidr)};
    v.enable_dns_support = dns_support;
    v.enable_dns_hostnames = dns_hostnames;
    v.dhcp_options_id = std::move(dhcp);
    v.source = {"Vpcs.json", "/Vpcs/" + id};
    vpc_cidrs_.emplace_back(id, C(cidr));
    b_.AddVpc(std::move(v));
  }

  void Subnet(const std::string& id, const std::string& vpc, std::string_view cidr,
              std::string az_id = "euw3-az1") {
    model::Subnet s;
    s.id = id;
    s.vpc_id = vpc;
    s.region = region;
    s.cidr = C(cidr);
    s.availability_zone = region + "a";
    s.availability_zone_id = std::move(az_id);
    s.available_ip_address_count = 250;
    s.state = "available";
    s.source = {"Subnets.json", "/Subnets/" + id};
    b_.AddSubnet(std::move(s));
  }

  void RouteTable(const std::string& id, const std::string& vpc, std::vector<std::string> subnets,
                  std::vector<model::Route> routes, bool main = false) {
    model::RouteTable t;
    t.id = id;
    t.vpc_id = vpc;
    t.region = region;
    t.main = main;
    t.subnet_ids = std::move(subnets);
    // Every route table has the VPC's local route first.
    model::Route local;
    local.destination = vpc_cidr(vpc);
    local.target = model::RouteTarget::kLocal;
    local.target_id = "local";
    local.origin = "CreateRouteTable";
    t.routes.push_back(local);
    for (auto& r : routes) t.routes.push_back(std::move(r));
    t.source = {"RouteTables.json", "/RouteTables/" + id};
    b_.AddRouteTable(std::move(t));
  }

  void Nacl(const std::string& id, const std::string& vpc, std::vector<std::string> subnets,
            std::vector<model::NaclEntry> entries, bool is_default = false) {
    model::NetworkAcl a;
    a.id = id;
    a.vpc_id = vpc;
    a.region = region;
    a.is_default = is_default;
    a.subnet_ids = std::move(subnets);
    a.entries = std::move(entries);
    a.source = {"NetworkAcls.json", "/NetworkAcls/" + id};
    b_.AddNetworkAcl(std::move(a));
  }

  void Sg(const std::string& id, const std::string& vpc, std::vector<model::SgRule> egress,
          std::vector<model::SgRule> ingress = {}, std::string name = "") {
    model::SecurityGroup g;
    g.id = id;
    g.name = name.empty() ? id : std::move(name);
    g.vpc_id = vpc;
    g.region = region;
    g.egress = std::move(egress);
    g.ingress = std::move(ingress);
    g.source = {"SecurityGroups.json", "/SecurityGroups/" + id};
    b_.AddSecurityGroup(std::move(g));
  }

  void InterfaceEndpoint(const std::string& id, const std::string& vpc, const std::string& service,
                         std::vector<std::string> subnets, std::vector<std::string> groups,
                         std::string state = "available", bool private_dns = true) {
    model::VpcEndpoint e;
    e.id = id;
    e.vpc_id = vpc;
    e.region = region;
    e.service_name = "com.amazonaws." + region + "." + service;
    e.type = model::EndpointType::kInterface;
    e.state = std::move(state);
    e.private_dns_enabled = private_dns;
    e.subnet_ids = std::move(subnets);
    e.group_ids = std::move(groups);
    e.source = {"VpcEndpoints.json", "/VpcEndpoints/" + id};
    b_.AddVpcEndpoint(std::move(e));
  }

  /// An S3 gateway endpoint; the caller adds the matching PlRoute to each route table.
  void GatewayEndpoint(const std::string& id, const std::string& vpc,
                       std::vector<std::string> route_tables, std::string service = "s3") {
    model::VpcEndpoint e;
    e.id = id;
    e.vpc_id = vpc;
    e.region = region;
    e.service_name = "com.amazonaws." + region + "." + service;
    e.type = model::EndpointType::kGateway;
    e.state = "available";
    e.route_table_ids = std::move(route_tables);
    e.source = {"VpcEndpoints.json", "/VpcEndpoints/" + id};
    b_.AddVpcEndpoint(std::move(e));
  }

  void Nat(const std::string& id, const std::string& vpc, const std::string& subnet,
           std::string state = "available", std::string public_ip = "203.0.113.10",
           std::string connectivity = "public") {
    model::NatGateway n;
    n.id = id;
    n.vpc_id = vpc;
    n.region = region;
    n.subnet_id = subnet;
    n.state = std::move(state);
    n.connectivity_type = std::move(connectivity);
    n.addresses.push_back({public_ip, "10.0.0.10", ""});
    n.source = {"NatGateways.json", "/NatGateways/" + id};
    b_.AddNatGateway(std::move(n));
  }

  /// An internet gateway, attached to `vpc` unless it is "".
  void Igw(const std::string& id, const std::string& vpc) {
    model::InternetGateway g;
    g.id = id;
    g.region = region;
    if (!vpc.empty()) g.attachments.push_back({vpc, "available"});
    g.source = {"InternetGateways.json", "/InternetGateways/" + id};
    b_.AddInternetGateway(std::move(g));
  }

  void PrefixList(const std::string& id, const std::string& name, std::vector<std::string> cidrs,
                  const std::string& account = "") {
    model::PrefixList p;
    p.id = id;
    p.name = name;
    p.region = region;
    p.account = account;
    for (const auto& c : cidrs) p.cidrs.push_back(C(c));
    p.cidrs_known = !cidrs.empty();
    p.source = {"PrefixLists.json", "/PrefixLists/" + id};
    b_.AddPrefixList(std::move(p));
  }

  void Dhcp(const std::string& id, std::vector<std::string> servers) {
    model::DhcpOptions d;
    d.id = id;
    d.region = region;
    d.domain_name_servers = std::move(servers);
    b_.AddDhcpOptions(std::move(d));
  }

  model::ModelBuilder& builder() { return b_; }

  model::Model Build() { return std::move(b_).Build(); }

 private:
  Cidr4 vpc_cidr(const std::string& vpc) const {
    for (const auto& [id, c] : vpc_cidrs_)
      if (id == vpc) return c;
    return C("10.0.0.0/16");
  }

  model::ModelBuilder b_;
  std::vector<std::pair<std::string, Cidr4>> vpc_cidrs_;
};

}  // namespace fd::testing
