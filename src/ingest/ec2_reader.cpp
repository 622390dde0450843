// Readers for `aws ec2 …` and `aws sts get-caller-identity` output. Field names and meanings
// follow the EC2 API Reference data types (Vpc, Subnet, RouteTable, Route, NetworkAcl, …).

#include <algorithm>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "ingest/policy_text.h"
#include "ingest/readers.h"

namespace fd::ingest {
namespace {

using model::RouteTarget;

std::string Shorten(std::string s) {
  if (s.size() > 64) s = s.substr(0, 61) + "...";
  return s;
}

std::optional<Cidr4> Cidr4At(const Node& obj, std::string_view key) {
  std::string text = obj.Str(key);
  if (text.empty()) return std::nullopt;
  auto cidr = Cidr4::Parse(text);
  if (!cidr) obj.NoteAt(key, fmt::format("{} is not an IPv4 CIDR: {}", key, Shorten(text)));
  return cidr;
}

std::optional<Cidr6> Cidr6At(const Node& obj, std::string_view key) {
  std::string text = obj.Str(key);
  if (text.empty()) return std::nullopt;
  auto cidr = Cidr6::Parse(text);
  if (!cidr) obj.NoteAt(key, fmt::format("{} is not an IPv6 CIDR: {}", key, Shorten(text)));
  return cidr;
}

/// Association-set items carry {"<state_key>": {"State": "associated"}}; only associated
/// blocks are in use. A missing state is taken as associated (older outputs omit it).
bool Associated(const Node& item, std::string_view state_key) {
  auto state = item.Object(state_key);
  if (!state) return true;
  std::string s = state->Str("State");
  return s.empty() || s == "associated";
}

/// "com.amazonaws.us-east-1.s3" → "us-east-1"; also "com.amazonaws.vpce.us-east-1.vpce-svc-…".
std::string RegionOfServiceName(const std::string& name) {
  size_t start = 0;
  for (int part = 0; part < 4; ++part) {
    size_t dot = name.find('.', start);
    std::string_view piece = std::string_view(name).substr(
        start, dot == std::string::npos ? std::string::npos : dot - start);
    if (part >= 2 && LooksLikeRegion(piece)) return std::string(piece);
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return "";
}

/// Splits a list of CIDR strings into the IPv4 and IPv6 vectors of `out`.
template <typename T>
void AddMixedCidr(const Node& where, std::string_view text, T& out) {
  if (text.find(':') != std::string_view::npos) {
    if (auto c = Cidr6::Parse(text)) {
      out.ipv6_cidrs.push_back(*c);
      return;
    }
  } else if (auto c = Cidr4::Parse(text)) {
    out.cidrs.push_back(*c);
    return;
  }
  where.Note(fmt::format("not a CIDR: {}", Shorten(std::string(text))));
}

// A route names exactly one target; GatewayId covers several kinds told apart by prefix
// (EC2 API Reference, Route).
void ClassifyTarget(const Node& r, model::Route& route) {
  if (std::string gw = r.Str("GatewayId"); !gw.empty()) {
    route.target_id = gw;
    if (gw == "local") {
      route.target = RouteTarget::kLocal;
    } else if (gw.rfind("igw-", 0) == 0) {
      route.target = RouteTarget::kInternetGateway;
    } else if (gw.rfind("vpce-", 0) == 0) {
      // Gateway endpoints (S3, DynamoDB) are reached through their prefix-list route;
      // a vpce- target on a CIDR route is a Gateway Load Balancer endpoint.
      route.target = route.destination_prefix_list_id.empty() ? RouteTarget::kGwlbEndpoint
                                                              : RouteTarget::kGatewayEndpoint;
    } else if (gw.rfind("vgw-", 0) == 0) {
      route.target = RouteTarget::kVpnGateway;
    } else if (gw.rfind("eigw-", 0) == 0) {
      route.target = RouteTarget::kEgressOnlyInternetGateway;
    }
    return;
  }
  static constexpr std::pair<std::string_view, RouteTarget> kTargets[] = {
      {"NatGatewayId", RouteTarget::kNatGateway},
      {"TransitGatewayId", RouteTarget::kTransitGateway},
      {"VpcPeeringConnectionId", RouteTarget::kPeering},
      {"EgressOnlyInternetGatewayId", RouteTarget::kEgressOnlyInternetGateway},
      {"CarrierGatewayId", RouteTarget::kCarrierGateway},
      {"LocalGatewayId", RouteTarget::kLocalGateway},
      {"CoreNetworkArn", RouteTarget::kCoreNetwork},
      // An instance route also lists the instance's ENI, which is where traffic goes.
      {"NetworkInterfaceId", RouteTarget::kNetworkInterface},
      {"InstanceId", RouteTarget::kInstance},
  };
  for (const auto& [key, target] : kTargets) {
    if (std::string id = r.Str(key); !id.empty()) {
      route.target = target;
      route.target_id = std::move(id);
      return;
    }
  }
}

// Ports apply to TCP and UDP only; any other protocol matches every port, and ICMP type/code
// are not modelled (EC2 API Reference, IpPermission.FromPort).
std::optional<PortRange> SgPorts(const Node& obj, int protocol) {
  if (protocol != 6 && protocol != 17) return PortRange{};
  auto from = obj.Int("FromPort");
  auto to = obj.Int("ToPort");
  if (!from || *from == -1) return PortRange{};
  int last = (!to || *to == -1) ? 65535 : *to;
  if (*from < 0 || *from > 65535 || last < *from || last > 65535) {
    obj.Note(fmt::format("port range {}-{} is not valid, rule skipped", *from, last));
    return std::nullopt;
  }
  return PortRange{*from, last};
}

std::optional<int> ProtocolAt(const Node& obj, std::string_view key) {
  auto node = obj.Get(key);
  if (!node) {
    obj.Note(fmt::format("no {}, skipped", key));
    return std::nullopt;
  }
  auto protocol = ParseProtocol(node->value());
  if (!protocol) node->Note(fmt::format("{} is not an IP protocol, skipped", key));
  return protocol;
}

/// One IpPermissions[] item of describe-security-groups.
std::optional<model::SgRule> ReadPermission(const Node& p) {
  if (!IsObjectItem(p, "IpPermissions")) return std::nullopt;
  model::SgRule rule;
  auto protocol = ProtocolAt(p, "IpProtocol");
  if (!protocol) return std::nullopt;
  rule.protocol = *protocol;
  auto ports = SgPorts(p, rule.protocol);
  if (!ports) return std::nullopt;
  rule.ports = *ports;
  p.Each("IpRanges", [&](const Node& range) {
    if (auto c = Cidr4At(range, "CidrIp")) rule.cidrs.push_back(*c);
  });
  p.Each("Ipv6Ranges", [&](const Node& range) {
    if (auto c = Cidr6At(range, "CidrIpv6")) rule.ipv6_cidrs.push_back(*c);
  });
  rule.prefix_list_ids = p.Plucked("PrefixListIds", "PrefixListId");
  rule.group_ids = p.Plucked("UserIdGroupPairs", "GroupId");
  rule.source = p.Source();
  return rule;
}

std::vector<model::SgRule> ReadPermissions(const Node& group, std::string_view key) {
  std::vector<model::SgRule> rules;
  auto list = group.Get(key);
  if (!list) return rules;
  rules.reserve(list->value().Size());
  list->Items([&](const Node& p) {
    if (auto rule = ReadPermission(p)) rules.push_back(std::move(*rule));
  });
  return rules;
}

std::vector<model::GatewayAttachment> ReadAttachments(const Node& gateway) {
  std::vector<model::GatewayAttachment> out;
  gateway.Each("Attachments", [&](const Node& a) {
    if (!IsObjectItem(a, "Attachments")) return;
    out.push_back({a.Str("VpcId"), a.Str("State")});
  });
  return out;
}

}  // namespace

void ReadVpcs(const Node& list) {
  list.Items([](const Node& item) {
    if (!IsObjectItem(item, "Vpcs")) return;
    model::Vpc v;
    v.id = item.Str("VpcId");
    if (v.id.empty()) return item.Note("no VpcId, skipped");
    v.region = item.ctx().Region("");
    v.owner_id = item.ctx().Account(item.Str("OwnerId"));
    if (auto c = Cidr4At(item, "CidrBlock")) v.cidrs.push_back(*c);
    item.Each("CidrBlockAssociationSet", [&](const Node& a) {
      if (!IsObjectItem(a, "CidrBlockAssociationSet") || !Associated(a, "CidrBlockState")) return;
      auto c = Cidr4At(a, "CidrBlock");
      if (c && std::find(v.cidrs.begin(), v.cidrs.end(), *c) == v.cidrs.end())
        v.cidrs.push_back(*c);
    });
    item.Each("Ipv6CidrBlockAssociationSet", [&](const Node& a) {
      if (!IsObjectItem(a, "Ipv6CidrBlockAssociationSet") || !Associated(a, "Ipv6CidrBlockState"))
        return;
      if (auto c = Cidr6At(a, "Ipv6CidrBlock")) v.ipv6_cidrs.push_back(*c);
    });
    v.dhcp_options_id = item.Str("DhcpOptionsId");
    v.is_default = item.Bool("IsDefault").value_or(false);
    v.source = item.Source();
    item.builder().AddVpc(std::move(v));
  });
}

void ReadVpcAttribute(const Node& root, std::string_view attribute_key) {
  std::string vpc_id = root.Str("VpcId");
  if (vpc_id.empty()) return root.NoteAt("VpcId", "VpcId is empty, skipped");
  auto attribute = root.Object(attribute_key);
  if (!attribute) return;
  auto value = attribute->Bool("Value");
  if (!value) return attribute->Note("no Value, skipped");
  // ModelBuilder names attributes as the --attribute argument does.
  const char* name =
      attribute_key == "EnableDnsSupport" ? "enableDnsSupport" : "enableDnsHostnames";
  root.builder().SetVpcAttribute(vpc_id, name, *value, root.Source());
}

void ReadSubnets(const Node& list) {
  list.Items([](const Node& item) {
    if (!IsObjectItem(item, "Subnets")) return;
    model::Subnet s;
    s.id = item.Str("SubnetId");
    if (s.id.empty()) return item.Note("no SubnetId, skipped");
    std::string arn = item.Str("SubnetArn");
    s.vpc_id = item.Str("VpcId");
    s.availability_zone = item.Str("AvailabilityZone");
    s.availability_zone_id = item.Str("AvailabilityZoneId");
    s.region = item.ctx().Region(arn, s.availability_zone);
    s.owner_id = item.ctx().Account(item.Str("OwnerId"), arn);
    s.cidr = Cidr4At(item, "CidrBlock");
    item.Each("Ipv6CidrBlockAssociationSet", [&](const Node& a) {
      if (!IsObjectItem(a, "Ipv6CidrBlockAssociationSet") || !Associated(a, "Ipv6CidrBlockState"))
        return;
      if (auto c = Cidr6At(a, "Ipv6CidrBlock")) s.ipv6_cidrs.push_back(*c);
    });
    s.available_ip_address_count = item.Int("AvailableIpAddressCount");
    s.map_public_ip_on_launch = item.Bool("MapPublicIpOnLaunch").value_or(false);
    s.ipv6_native = item.Bool("Ipv6Native").value_or(false);
    s.enable_dns64 = item.Bool("EnableDns64").value_or(false);
    s.state = item.Str("State");
    s.outpost_arn = item.Str("OutpostArn");
    s.source = item.Source();
    item.builder().AddSubnet(std::move(s));
  });
}

void ReadRouteTables(const Node& list) {
  list.Items([](const Node& item) {
    if (!IsObjectItem(item, "RouteTables")) return;
    model::RouteTable t;
    t.id = item.Str("RouteTableId");
    if (t.id.empty()) return item.Note("no RouteTableId, skipped");
    t.vpc_id = item.Str("VpcId");
    t.region = item.ctx().Region("");
    item.Each("Associations", [&](const Node& a) {
      if (!IsObjectItem(a, "Associations") || !Associated(a, "AssociationState")) return;
      if (a.Bool("Main").value_or(false)) t.main = true;
      if (std::string subnet = a.Str("SubnetId"); !subnet.empty())
        t.subnet_ids.push_back(std::move(subnet));
    });
    if (auto routes = item.Get("Routes")) t.routes.reserve(routes->value().Size());
    item.Each("Routes", [&](const Node& r) {
      if (!IsObjectItem(r, "Routes")) return;
      model::Route route;
      route.destination = Cidr4At(r, "DestinationCidrBlock");
      route.destination_ipv6 = Cidr6At(r, "DestinationIpv6CidrBlock");
      route.destination_prefix_list_id = r.Str("DestinationPrefixListId");
      if (!route.destination && !route.destination_ipv6 && route.destination_prefix_list_id.empty())
        return r.Note("route without a usable destination, skipped");
      ClassifyTarget(r, route);
      if (route.target == RouteTarget::kUnknown)
        r.Note(route.target_id.empty()
                   ? "route without a target"
                   : "route target " + Shorten(route.target_id) + " is of an unknown kind");
      route.blackhole = r.Str("State") == "blackhole";
      route.origin = r.Str("Origin");
      route.source = r.Source();
      t.routes.push_back(std::move(route));
    });
    t.source = item.Source();
    item.builder().AddRouteTable(std::move(t));
  });
}

void ReadNetworkAcls(const Node& list) {
  list.Items([](const Node& item) {
    if (!IsObjectItem(item, "NetworkAcls")) return;
    model::NetworkAcl acl;
    acl.id = item.Str("NetworkAclId");
    if (acl.id.empty()) return item.Note("no NetworkAclId, skipped");
    acl.vpc_id = item.Str("VpcId");
    acl.region = item.ctx().Region("");
    acl.is_default = item.Bool("IsDefault").value_or(false);
    acl.subnet_ids = item.Plucked("Associations", "SubnetId");
    item.Each("Entries", [&](const Node& e) {
      if (!IsObjectItem(e, "Entries")) return;
      model::NaclEntry entry;
      auto number = e.Int("RuleNumber");
      if (!number) return e.Note("no RuleNumber, skipped");
      entry.rule_number = *number;
      auto protocol = ProtocolAt(e, "Protocol");
      if (!protocol) return;
      entry.protocol = *protocol;
      entry.egress = e.Bool("Egress").value_or(false);
      std::string action = e.Str("RuleAction");
      if (action != "allow" && action != "deny")
        return e.Note("RuleAction is neither allow nor deny, skipped");
      entry.allow = action == "allow";
      entry.cidr = Cidr4At(e, "CidrBlock");
      entry.ipv6_cidr = Cidr6At(e, "Ipv6CidrBlock");
      if (!entry.cidr && !entry.ipv6_cidr) return e.Note("entry without a usable CIDR, skipped");
      // PortRange is given for TCP and UDP only; otherwise the entry covers every port.
      if (auto range = e.Object("PortRange");
          range && (entry.protocol == 6 || entry.protocol == 17)) {
        auto from = range->Int("From");
        auto to = range->Int("To");
        if (!from || !to || *from < 0 || *to > 65535 || *from > *to)
          return range->Note("PortRange is not valid, entry skipped");
        entry.ports = PortRange{*from, *to};
      }
      entry.source = e.Source();
      acl.entries.push_back(std::move(entry));
    });
    acl.source = item.Source();
    item.builder().AddNetworkAcl(std::move(acl));
  });
}

void ReadSecurityGroups(const Node& list) {
  list.Items([](const Node& item) {
    if (item.value().IsString()) {
      // efs describe-mount-target-security-groups also answers {"SecurityGroups": ["sg-…"]}.
      return item.Note(
          "a group id, not a group: save this output with an envelope naming its "
          "command");
    }
    if (!IsObjectItem(item, "SecurityGroups")) return;
    model::SecurityGroup g;
    g.id = item.Str("GroupId");
    if (g.id.empty()) return item.Note("no GroupId, skipped");
    std::string arn = item.Str("SecurityGroupArn");
    g.name = item.Str("GroupName");
    g.vpc_id = item.Str("VpcId");
    g.region = item.ctx().Region(arn);
    g.owner_id = item.ctx().Account(item.Str("OwnerId"), arn);
    g.ingress = ReadPermissions(item, "IpPermissions");
    g.egress = ReadPermissions(item, "IpPermissionsEgress");
    g.rules_known = true;
    g.source = item.Source();
    item.builder().AddSecurityGroup(std::move(g));
  });
}

void ReadSecurityGroupRules(const Node& list) {
  list.Items([](const Node& item) {
    if (!IsObjectItem(item, "SecurityGroupRules")) return;
    std::string group_id = item.Str("GroupId");
    if (group_id.empty()) return item.Note("no GroupId, skipped");
    model::SgRule rule;
    auto protocol = ProtocolAt(item, "IpProtocol");
    if (!protocol) return;
    rule.protocol = *protocol;
    auto ports = SgPorts(item, rule.protocol);
    if (!ports) return;
    rule.ports = *ports;
    if (auto c = Cidr4At(item, "CidrIpv4")) rule.cidrs.push_back(*c);
    if (auto c = Cidr6At(item, "CidrIpv6")) rule.ipv6_cidrs.push_back(*c);
    if (std::string pl = item.Str("PrefixListId"); !pl.empty())
      rule.prefix_list_ids.push_back(std::move(pl));
    if (auto ref = item.Object("ReferencedGroupInfo")) {
      if (std::string gid = ref->Str("GroupId"); !gid.empty())
        rule.group_ids.push_back(std::move(gid));
    }
    rule.source = item.Source();
    bool egress = item.Bool("IsEgress").value_or(false);
    std::string region = item.ctx().Region(item.Str("SecurityGroupRuleArn"));
    item.builder().AddSecurityGroupRule(group_id, egress, std::move(rule), region);
  });
}

void ReadVpcEndpoints(const Node& list) {
  list.Items([](const Node& item) {
    if (!IsObjectItem(item, "VpcEndpoints")) return;
    model::VpcEndpoint e;
    e.id = item.Str("VpcEndpointId");
    if (e.id.empty()) return item.Note("no VpcEndpointId, skipped");
    e.vpc_id = item.Str("VpcId");
    e.service_name = item.Str("ServiceName");
    e.service_region = item.Str("ServiceRegion");
    e.region = item.ctx().Region("");
    if (e.region.empty() && e.service_region.empty())
      e.region = RegionOfServiceName(e.service_name);
    std::string type = item.Str("VpcEndpointType");
    e.type = type == "Interface"             ? model::EndpointType::kInterface
             : type == "Gateway"             ? model::EndpointType::kGateway
             : type == "GatewayLoadBalancer" ? model::EndpointType::kGatewayLoadBalancer
                                             : model::EndpointType::kOther;
    e.state = item.Str("State");
    e.private_dns_enabled = item.Bool("PrivateDnsEnabled").value_or(false);
    e.subnet_ids = item.Strings("SubnetIds");
    e.group_ids = item.Plucked("Groups", "GroupId");
    e.route_table_ids = item.Strings("RouteTableIds");
    e.network_interface_ids = item.Strings("NetworkInterfaceIds");
    // The CLI prints PolicyDocument as a JSON string; an object or URL-encoded text is decoded
    // the same way as every other policy document.
    if (auto policy = PolicyText(item, "PolicyDocument")) e.policy_document = std::move(*policy);
    e.source = item.Source();
    item.builder().AddVpcEndpoint(std::move(e));
  });
}

void ReadNatGateways(const Node& list) {
  list.Items([](const Node& item) {
    if (!IsObjectItem(item, "NatGateways")) return;
    model::NatGateway n;
    n.id = item.Str("NatGatewayId");
    if (n.id.empty()) return item.Note("no NatGatewayId, skipped");
    n.vpc_id = item.Str("VpcId");
    n.subnet_id = item.Str("SubnetId");
    n.region = item.ctx().Region("");
    n.state = item.Str("State");
    // ConnectivityType is absent from outputs older than private NAT gateways: public.
    if (std::string c = item.Str("ConnectivityType"); !c.empty()) n.connectivity_type = c;
    n.availability_mode = item.Str("AvailabilityMode");
    n.route_table_id = item.Str("RouteTableId");
    n.failure_message = item.Str("FailureMessage");
    item.Each("NatGatewayAddresses", [&](const Node& a) {
      if (!IsObjectItem(a, "NatGatewayAddresses")) return;
      n.addresses.push_back({a.Str("PublicIp"), a.Str("PrivateIp"), a.Str("AvailabilityZoneId")});
    });
    n.source = item.Source();
    item.builder().AddNatGateway(std::move(n));
  });
}

void ReadInternetGateways(const Node& list) {
  list.Items([](const Node& item) {
    if (!IsObjectItem(item, "InternetGateways")) return;
    model::InternetGateway g;
    g.id = item.Str("InternetGatewayId");
    if (g.id.empty()) return item.Note("no InternetGatewayId, skipped");
    g.region = item.ctx().Region("");
    g.attachments = ReadAttachments(item);
    g.source = item.Source();
    item.builder().AddInternetGateway(std::move(g));
  });
}

void ReadEgressOnlyInternetGateways(const Node& list) {
  list.Items([](const Node& item) {
    if (!IsObjectItem(item, "EgressOnlyInternetGateways")) return;
    model::InternetGateway g;
    g.id = item.Str("EgressOnlyInternetGatewayId");
    if (g.id.empty()) return item.Note("no EgressOnlyInternetGatewayId, skipped");
    g.region = item.ctx().Region("");
    g.egress_only = true;
    g.attachments = ReadAttachments(item);
    g.source = item.Source();
    item.builder().AddInternetGateway(std::move(g));
  });
}

void ReadDhcpOptions(const Node& list) {
  list.Items([](const Node& item) {
    if (!IsObjectItem(item, "DhcpOptions")) return;
    model::DhcpOptions d;
    d.id = item.Str("DhcpOptionsId");
    if (d.id.empty()) return item.Note("no DhcpOptionsId, skipped");
    d.region = item.ctx().Region("");
    item.Each("DhcpConfigurations", [&](const Node& c) {
      if (!IsObjectItem(c, "DhcpConfigurations")) return;
      std::string key = c.Str("Key");
      if (key == "domain-name-servers") {
        d.domain_name_servers = c.Plucked("Values", "Value");
      } else if (key == "domain-name") {
        auto values = c.Plucked("Values", "Value");
        if (!values.empty()) d.domain_name = values.front();
      }
    });
    d.source = item.Source();
    item.builder().AddDhcpOptions(std::move(d));
  });
}

void ReadPrefixLists(const Node& list) {
  list.Items([](const Node& item) {
    if (!IsObjectItem(item, "PrefixLists")) return;
    model::PrefixList p;
    p.id = item.Str("PrefixListId");
    if (p.id.empty()) return item.Note("no PrefixListId, skipped");
    p.name = item.Str("PrefixListName");
    p.region = item.ctx().Region(item.Str("PrefixListArn"));
    if (p.region.empty()) p.region = RegionOfServiceName(p.name);
    p.account = item.ctx().account_hint;
    // describe-prefix-lists (AWS service lists) carries Cidrs; describe-managed-prefix-lists
    // only names the list, and get-managed-prefix-list-entries gives its CIDRs.
    if (auto cidrs = item.Get("Cidrs")) {
      p.cidrs_known = true;
      cidrs->Items([&](const Node& c) {
        if (!c.value().IsString()) return c.Note("Cidrs item is not a string, skipped");
        AddMixedCidr(c, c.value().String(), p);
      });
    }
    p.source = item.Source();
    item.builder().AddPrefixList(std::move(p));
  });
}

void ReadPrefixListEntries(const Node& list, const std::string& prefix_list_id) {
  model::PrefixList p;
  p.id = prefix_list_id;
  p.region = list.ctx().Region("");
  p.cidrs_known = true;
  list.Items([&](const Node& e) {
    if (!IsObjectItem(e, "Entries")) return;
    std::string cidr = e.Str("Cidr");
    if (cidr.empty()) return e.Note("no Cidr, skipped");
    AddMixedCidr(e, cidr, p);
  });
  p.source = list.Source();
  list.builder().AddPrefixList(std::move(p));
}

void ReadNetworkInterfaces(const Node& list) {
  list.Items([](const Node& item) {
    if (!IsObjectItem(item, "NetworkInterfaces")) return;
    model::NetworkInterface n;
    n.id = item.Str("NetworkInterfaceId");
    if (n.id.empty()) return item.Note("no NetworkInterfaceId, skipped");
    n.subnet_id = item.Str("SubnetId");
    n.vpc_id = item.Str("VpcId");
    n.availability_zone = item.Str("AvailabilityZone");
    n.region = item.ctx().Region("", n.availability_zone);
    n.interface_type = item.Str("InterfaceType");
    n.status = item.Str("Status");
    n.private_ip = item.Str("PrivateIpAddress");
    if (auto association = item.Object("Association")) n.public_ip = association->Str("PublicIp");
    n.group_ids = item.Plucked("Groups", "GroupId");
    n.description = item.Str("Description");
    n.source = item.Source();
    item.builder().AddNetworkInterface(std::move(n));
  });
}

void ReadAvailabilityZones(const Node& list) {
  list.Items([](const Node& item) {
    if (!IsObjectItem(item, "AvailabilityZones")) return;
    model::AvailabilityZone z;
    z.name = item.Str("ZoneName");
    if (z.name.empty()) return item.Note("no ZoneName, skipped");
    z.zone_id = item.Str("ZoneId");
    z.zone_type = item.Str("ZoneType");
    z.region = item.Str("RegionName");
    if (z.region.empty()) z.region = item.ctx().Region("", z.name);
    z.state = item.Str("State");
    z.source = item.Source();
    item.builder().AddAvailabilityZone(std::move(z));
  });
}

void ReadServiceNames(const Node& list) {
  list.Items([](const Node& item) {
    if (!item.value().IsString()) return item.Note("ServiceNames item is not a string, skipped");
    item.builder().AddEndpointService(std::string(item.value().String()));
  });
}

void ReadServiceDetails(const Node& list) {
  list.Items([](const Node& item) {
    if (!IsObjectItem(item, "ServiceDetails")) return;
    if (std::string name = item.Str("ServiceName"); !name.empty())
      item.builder().AddEndpointService(std::move(name));
  });
}

void ReadCallerIdentity(const Node& root) {
  model::CallerIdentity c;
  c.account = root.Str("Account");
  c.arn = root.Str("Arn");
  if (c.account.empty()) return root.NoteAt("Account", "Account is empty, skipped");
  root.builder().SetCaller(std::move(c));
}

}  // namespace fd::ingest
