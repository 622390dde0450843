// VPCs, subnets, route tables and routes, internet and NAT gateways, VPC endpoints: the AWS
// provider's resources as the EC2 reader's entities (ingest/ec2_reader.cpp), with what AWS
// creates beside a new VPC (its main route table, local route only).
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "predeploy/aws_defaults.h"
#include "predeploy/tf/to_model_context.h"
#include "util/strings.h"

namespace fd::predeploy::tf {

namespace {

using model::RouteTarget;

class NetworkMapper {
 public:
  explicit NetworkMapper(MapContext& cx) : cx_(cx) {}

  void Run() {
    for (const char* type : {"aws_vpc", "data.aws_vpc"})
      for (const Resource* r : cx_.OfType(type)) Vpc(*r);
    for (const char* type : {"aws_subnet", "data.aws_subnet"})
      for (const Resource* r : cx_.OfType(type)) Subnet(*r);
    for (const Resource* r : cx_.OfType("aws_route_table")) Table(*r, IdOfTable(*r), false);
    for (const Resource* r : cx_.OfType("aws_default_route_table")) DefaultTable(*r);
    for (const Resource* vpc : cx_.managed_vpcs) MainTable(*vpc);
    for (const Resource* r : cx_.OfType("aws_route")) StandaloneRoute(*r);
    for (const Resource* r : cx_.OfType("aws_route_table_association")) Association(*r);
    for (const Resource* r : cx_.OfType("aws_main_route_table_association")) MainAssociation(*r);
    Gateways();
    Endpoints();
    AddSubnets();
    for (auto& [id, table] : tables_) cx_.builder().AddRouteTable(std::move(table));
  }

 private:
  std::string IdOfTable(const Resource& r) const { return cx_.IdOf(r); }

  void Vpc(const Resource& r) {
    model::Vpc v;
    v.id = cx_.IdOf(r);
    v.region = cx_.region();
    v.owner_id = cx_.Text(r, "owner_id").value_or("");
    if (v.owner_id.empty()) v.owner_id = cx_.account();
    const Value* cidr = cx_.Attr(r, "cidr_block");
    if (auto text = cx_.Text(cidr); text && !text->empty()) {
      if (auto c = Cidr4::Parse(*text)) v.cidrs.push_back(*c);
    } else if (MapContext::IsUnknown(cidr)) {
      cx_.Note(r, fmt::format("cidr_block of {} is {}: its local route and the address checks "
                              "that need it are unchecked",
                              r.id, cx_.WhyUnknown(cidr)));
    }
    if (auto text = cx_.Text(r, "ipv6_cidr_block"); text && !text->empty())
      if (auto c = Cidr6::Parse(*text)) v.ipv6_cidrs.push_back(*c);
    // The provider's defaults: DNS support on, DNS hostnames off (as the EC2 API creates it).
    v.enable_dns_support = cx_.Bool(cx_.Attr(r, "enable_dns_support"));
    v.enable_dns_hostnames = cx_.Bool(cx_.Attr(r, "enable_dns_hostnames"));
    if (!r.existing) {
      if (!v.enable_dns_support && !MapContext::IsUnknown(cx_.Attr(r, "enable_dns_support")))
        v.enable_dns_support = true;
      if (!v.enable_dns_hostnames && !MapContext::IsUnknown(cx_.Attr(r, "enable_dns_hostnames")))
        v.enable_dns_hostnames = false;
      cx_.managed_vpcs.push_back(&r);
    }
    v.source = cx_.Source(r);
    cx_.vpc_cidrs[v.id] = v.cidrs;
    cx_.Origin(v.id, r);
    cx_.builder().AddVpc(std::move(v));
  }

  void Subnet(const Resource& r) {
    model::Subnet s;
    s.id = cx_.IdOf(r);
    s.vpc_id = cx_.Text(r, "vpc_id").value_or("");
    s.region = cx_.region();
    s.owner_id = cx_.account();
    s.ipv6_native = cx_.Bool(cx_.Attr(r, "ipv6_native")).value_or(false);
    const Value* cidr = cx_.Attr(r, "cidr_block");
    std::optional<std::string> cidr_text = cx_.Text(cidr);
    if (cidr_text && !cidr_text->empty()) s.cidr = Cidr4::Parse(*cidr_text);
    if (!s.cidr && !s.ipv6_native) {
      // The tracer reads a subnet without an IPv4 CIDR as IPv6-only: never guess that.
      cx_.Note(r, fmt::format("cidr_block of {} is {}: the subnet is left out, and the checks "
                              "of tasks placed in it are unchecked",
                              r.id, cidr_text ? "not a CIDR" : cx_.WhyUnknown(cidr)));
      return;
    }
    if (auto text = cx_.Text(r, "ipv6_cidr_block"); text && !text->empty())
      if (auto c = Cidr6::Parse(*text)) s.ipv6_cidrs.push_back(*c);
    s.availability_zone = cx_.Text(r, "availability_zone").value_or("");
    s.availability_zone_id = cx_.Text(r, "availability_zone_id").value_or("");
    s.map_public_ip_on_launch = cx_.Bool(cx_.Attr(r, "map_public_ip_on_launch")).value_or(false);
    s.enable_dns64 = cx_.Bool(cx_.Attr(r, "enable_dns64")).value_or(false);
    s.outpost_arn = cx_.Text(r, "outpost_arn").value_or("");
    s.source = cx_.Source(r);
    cx_.subnet_vpc[s.id] = s.vpc_id;
    cx_.Origin(s.id, r);
    subnets_.emplace_back(std::move(s), &r);
  }

  // A subnet without a known association uses its VPC's main table, unless an association of
  // that VPC names a subnet only apply will know (`aws_subnet.a[count.index].id`): it may be
  // this one, so its route table is unknown and it is left out rather than given the main one.
  void AddSubnets() {
    for (auto& [s, r] : subnets_) {
      bool associated = false;
      for (const auto& [id, t] : tables_)
        associated = associated || std::find(t.subnet_ids.begin(), t.subnet_ids.end(), s.id) !=
                                       t.subnet_ids.end();
      if (!associated && uncertain_vpcs_.count(s.vpc_id) > 0) {
        cx_.Note(*r,
                 fmt::format("a route table association in {} names a subnet only apply will "
                             "know, so the route table of {} is unknown: the subnet is left out",
                             s.vpc_id.empty() ? "a VPC only apply will name" : "VPC " + s.vpc_id,
                             r->id));
        continue;
      }
      cx_.builder().AddSubnet(std::move(s));
    }
  }

  // A route table: its inline `route` blocks (the provider manages them exclusively when
  // written), and the local route AWS puts in every table.
  void Table(const Resource& r, const std::string& id, bool main) {
    model::RouteTable& t = tables_[id];
    t.id = id;
    if (t.vpc_id.empty()) t.vpc_id = cx_.Text(r, "vpc_id").value_or("");
    if (t.vpc_id.empty())
      cx_.Note(r, fmt::format("vpc_id of {} is {}: its local route is left out", r.id,
                              cx_.WhyUnknown(cx_.Attr(r, "vpc_id"))));
    t.region = cx_.region();
    t.main = t.main || main;
    t.source = cx_.Source(r);
    t.routes.clear();
    AddLocalRoutes(t);
    const Value* routes = cx_.Attr(r, "route");
    if (MapContext::IsUnknown(routes) && !MapContext::IsNotConfigured(routes))
      cx_.Note(r, fmt::format("route of {} is {}: its routes are not known", r.id,
                              cx_.WhyUnknown(routes)));
    for (const Value* block : cx_.Blocks(routes))
      if (auto route = Route(r, *block)) t.routes.push_back(std::move(*route));
    cx_.Origin(id, r);
  }

  void AddLocalRoutes(model::RouteTable& t) {
    auto it = cx_.vpc_cidrs.find(t.vpc_id);
    if (it == cx_.vpc_cidrs.end()) return;
    for (model::Route& local : LocalRoutes(it->second)) t.routes.push_back(std::move(local));
  }

  // aws_default_route_table adopts the VPC's main table: it removes every route but the local
  // one and adds those written.
  void DefaultTable(const Resource& r) {
    const std::optional<std::string> id = cx_.Text(r, "default_route_table_id");
    if (!id || id->empty()) {
      cx_.Note(r, fmt::format("default_route_table_id of {} is {}: its routes are left out", r.id,
                              cx_.WhyUnknown(cx_.Attr(r, "default_route_table_id"))));
      return;
    }
    if (const Resource* vpc = cx_.Referenced(cx_.Attr(r, "default_route_table_id")))
      tables_[*id].vpc_id = cx_.IdOf(*vpc);
    Table(r, *id, true);
  }

  // What AWS creates with a VPC: a main route table with the local route only.
  void MainTable(const Resource& vpc) {
    const std::string id = cx_.VpcDefault(vpc, "default_route_table_id");
    if (tables_.count(id) > 0) return;  // adopted by aws_default_route_table
    model::RouteTable& t = tables_[id];
    t.id = id;
    t.vpc_id = cx_.IdOf(vpc);
    t.region = cx_.region();
    t.main = true;
    t.source = cx_.Source(vpc);
    AddLocalRoutes(t);
    cx_.Origin(id, vpc);
  }

  // One route: its destination and its one target. A target only apply will name keeps its
  // kind (a NAT gateway route stays one) with an ID that says what it is.
  std::optional<model::Route> Route(const Resource& r, const Value& block) {
    model::Route route;
    route.origin = "CreateRoute";
    route.source = cx_.Source(r);
    // Inline routes write cidr_block, aws_route destination_cidr_block.
    auto first_of = [&](const char* a, const char* b) {
      const std::string text = cx_.Text(block.Find(a)).value_or("");
      return text.empty() ? cx_.Text(block.Find(b)).value_or("") : text;
    };
    const std::string cidr = first_of("cidr_block", "destination_cidr_block");
    const std::string cidr6 = first_of("ipv6_cidr_block", "destination_ipv6_cidr_block");
    route.destination_prefix_list_id =
        cx_.Text(block.Find("destination_prefix_list_id")).value_or("");
    if (!cidr.empty()) route.destination = Cidr4::Parse(cidr);
    if (!cidr6.empty()) route.destination_ipv6 = Cidr6::Parse(cidr6);
    if (!route.destination && !route.destination_ipv6 && route.destination_prefix_list_id.empty()) {
      cx_.Note(r,
               fmt::format("a route of {} has no destination known before apply: left out", r.id));
      return std::nullopt;
    }
    static constexpr std::pair<std::string_view, RouteTarget> kTargets[] = {
        {"gateway_id", RouteTarget::kInternetGateway},
        {"nat_gateway_id", RouteTarget::kNatGateway},
        {"transit_gateway_id", RouteTarget::kTransitGateway},
        {"vpc_peering_connection_id", RouteTarget::kPeering},
        {"egress_only_gateway_id", RouteTarget::kEgressOnlyInternetGateway},
        {"carrier_gateway_id", RouteTarget::kCarrierGateway},
        {"local_gateway_id", RouteTarget::kLocalGateway},
        {"core_network_arn", RouteTarget::kCoreNetwork},
        {"network_interface_id", RouteTarget::kNetworkInterface},
        {"vpc_endpoint_id", RouteTarget::kGwlbEndpoint},
    };
    for (const auto& [key, kind] : kTargets) {
      const Value* v = block.Find(std::string(key));
      if (v == nullptr || v->IsNull() || (v->AsString() && v->AsString()->empty())) continue;
      route.target = kind;
      if (std::optional<std::string> id = cx_.Text(v)) {
        route.target_id = *id;
      } else {
        route.target_id = fmt::format("{}.{}", r.id, key);
        cx_.Note(r, fmt::format("{} of a route of {} is {}: the route's target is not known", key,
                                r.id, cx_.WhyUnknown(v)));
      }
      if (key == "gateway_id") route.target = GatewayKind(v, route.target_id);
      return route;
    }
    route.target = RouteTarget::kUnknown;
    return route;
  }

  // gateway_id names internet, virtual private and (on a gateway endpoint's table) endpoint
  // gateways: the referenced type says which, else the ID's prefix does, as in the EC2 reader.
  RouteTarget GatewayKind(const Value* v, const std::string& id) const {
    std::string type;
    if (const Resource* t = cx_.Referenced(v)) type = t->type;
    if (type == "aws_internet_gateway" || id.rfind("igw-", 0) == 0)
      return RouteTarget::kInternetGateway;
    if (type == "aws_vpn_gateway" || id.rfind("vgw-", 0) == 0) return RouteTarget::kVpnGateway;
    if (type == "aws_egress_only_internet_gateway" || id.rfind("eigw-", 0) == 0)
      return RouteTarget::kEgressOnlyInternetGateway;
    if (id == "local") return RouteTarget::kLocal;
    return type.empty() && id.find('.') != std::string::npos ? RouteTarget::kUnknown
                                                             : RouteTarget::kInternetGateway;
  }

  model::RouteTable* TableOf(const Resource& r, std::string_view key) {
    const std::optional<std::string> id = cx_.Text(r, key);
    if (!id || id->empty()) {
      cx_.Note(
          r, fmt::format("{} of {} is {}: left out", key, r.id, cx_.WhyUnknown(cx_.Attr(r, key))));
      return nullptr;
    }
    auto it = tables_.find(*id);
    if (it == tables_.end()) {
      cx_.Note(r, fmt::format("{} names route table {}, which no plan read declares: left out",
                              r.id, *id));
      return nullptr;
    }
    return &it->second;
  }

  void StandaloneRoute(const Resource& r) {
    if (model::RouteTable* t = TableOf(r, "route_table_id"))
      if (auto route = Route(r, r.properties)) t->routes.push_back(std::move(*route));
  }

  void Association(const Resource& r) {
    model::RouteTable* t = TableOf(r, "route_table_id");
    if (t == nullptr) return;
    const std::optional<std::string> subnet = cx_.Text(r, "subnet_id");
    if (subnet && !subnet->empty())
      t->subnet_ids.push_back(*subnet);
    else if (!subnet) {
      uncertain_vpcs_.insert(t->vpc_id);
      cx_.Note(r, fmt::format("subnet_id of {} is {}: the association is left out", r.id,
                              cx_.WhyUnknown(cx_.Attr(r, "subnet_id"))));
    }
    // An edge association (gateway_id) routes inbound traffic: no check reads it.
  }

  // Makes a declared table the VPC's main one; the table AWS created stops being main.
  void MainAssociation(const Resource& r) {
    model::RouteTable* t = TableOf(r, "route_table_id");
    if (t == nullptr) return;
    for (auto& [id, other] : tables_)
      if (other.vpc_id == t->vpc_id) other.main = false;
    t->main = true;
  }

  void Gateways();
  std::string PublicIp(const Resource& nat) const;
  void Endpoints();
  void Endpoint(const Resource& r);

  MapContext& cx_;
  std::map<std::string, model::RouteTable> tables_;
  std::map<std::string, model::VpcEndpoint> endpoints_;
  std::vector<std::pair<model::Subnet, const Resource*>> subnets_;
  std::set<std::string> uncertain_vpcs_;
};

void NetworkMapper::Gateways() {
  std::map<std::string, model::InternetGateway> igws;
  for (const char* type : {"aws_internet_gateway", "aws_egress_only_internet_gateway"})
    for (const Resource* r : cx_.OfType(type)) {
      model::InternetGateway g;
      g.id = cx_.IdOf(*r);
      g.region = cx_.region();
      g.egress_only = r->type == "aws_egress_only_internet_gateway";
      if (auto vpc = cx_.Text(*r, "vpc_id"); vpc && !vpc->empty())
        g.attachments.push_back({*vpc, "available"});
      g.source = cx_.Source(*r);
      cx_.Origin(g.id, *r);
      igws[g.id] = std::move(g);
    }
  for (const Resource* r : cx_.OfType("aws_internet_gateway_attachment")) {
    auto igw = cx_.Text(*r, "internet_gateway_id");
    auto vpc = cx_.Text(*r, "vpc_id");
    if (igw && vpc && igws.count(*igw) > 0)
      igws[*igw].attachments.push_back({*vpc, "available"});
    else
      cx_.Note(*r,
               r->id + ": its gateway or VPC is not known before apply, or not declared: left out");
  }
  for (auto& [id, g] : igws) cx_.builder().AddInternetGateway(std::move(g));
  for (const Resource* r : cx_.OfType("aws_nat_gateway")) {
    model::NatGateway n;
    n.id = cx_.IdOf(*r);
    n.region = cx_.region();
    n.subnet_id = cx_.Text(*r, "subnet_id").value_or("");
    n.vpc_id = cx_.subnet_vpc.count(n.subnet_id) ? cx_.subnet_vpc[n.subnet_id] : "";
    n.state = "available";  // what apply leaves it in
    n.connectivity_type = cx_.Text(*r, "connectivity_type").value_or("");
    if (n.connectivity_type.empty()) n.connectivity_type = "public";
    n.availability_mode = cx_.Text(*r, "availability_mode").value_or("");
    if (std::string ip = PublicIp(*r); !ip.empty()) n.addresses.push_back({ip, "", ""});
    n.source = cx_.Source(*r);
    if (n.subnet_id.empty())
      cx_.Note(*r, fmt::format("subnet_id of {} is {}: its routes are unchecked", r->id,
                               cx_.WhyUnknown(cx_.Attr(*r, "subnet_id"))));
    cx_.Origin(n.id, *r);
    cx_.builder().AddNatGateway(std::move(n));
  }
}

// A public NAT gateway's Elastic IP: the known address; before apply, the attribute that will
// hold it (`aws_eip.nat.public_ip`), as IDs are named before apply. None without allocation_id.
std::string NetworkMapper::PublicIp(const Resource& nat) const {
  if (auto ip = cx_.Text(nat, "public_ip"); ip && !ip->empty()) return *ip;
  const Value* allocation = cx_.Attr(nat, "allocation_id");
  if (allocation == nullptr || allocation->IsNull() || MapContext::IsNotConfigured(allocation))
    return "";
  if (const Resource* eip = cx_.Referenced(allocation)) {
    if (auto ip = cx_.Text(*eip, "public_ip"); ip && !ip->empty()) return *ip;
    return eip->id + ".public_ip";
  }
  return nat.id + ".public_ip";
}

void NetworkMapper::Endpoints() {
  for (const Resource* r : cx_.OfType("aws_vpc_endpoint")) Endpoint(*r);
  auto endpoint_of = [&](const Resource& r) -> model::VpcEndpoint* {
    auto id = cx_.Text(r, "vpc_endpoint_id");
    auto it = id ? endpoints_.find(*id) : endpoints_.end();
    if (it != endpoints_.end()) return &it->second;
    cx_.Note(r, r.id + ": its endpoint is not known before apply, or not declared: left out");
    return nullptr;
  };
  for (const Resource* r : cx_.OfType("aws_vpc_endpoint_route_table_association"))
    if (model::VpcEndpoint* ep = endpoint_of(*r))
      if (auto rt = cx_.Text(*r, "route_table_id"); rt && !rt->empty())
        ep->route_table_ids.push_back(*rt);
  for (const Resource* r : cx_.OfType("aws_vpc_endpoint_subnet_association"))
    if (model::VpcEndpoint* ep = endpoint_of(*r))
      if (auto s = cx_.Text(*r, "subnet_id"); s && !s->empty()) ep->subnet_ids.push_back(*s);
  for (const Resource* r : cx_.OfType("aws_vpc_endpoint_security_group_association"))
    if (model::VpcEndpoint* ep = endpoint_of(*r))
      if (auto g = cx_.Text(*r, "security_group_id"); g && !g->empty()) ep->group_ids.push_back(*g);
  for (auto& [id, ep] : endpoints_) {
    // An interface endpoint created without security groups gets its VPC's default one.
    if (ep.type == model::EndpointType::kInterface && ep.group_ids.empty())
      for (const Resource* vpc : cx_.managed_vpcs)
        if (cx_.IdOf(*vpc) == ep.vpc_id)
          ep.group_ids.push_back(cx_.VpcDefault(*vpc, "default_security_group_id"));
    cx_.builder().AddVpcEndpoint(std::move(ep));
  }
}

void NetworkMapper::Endpoint(const Resource& r) {
  model::VpcEndpoint ep;
  ep.id = cx_.IdOf(r);
  ep.vpc_id = cx_.Text(r, "vpc_id").value_or("");
  ep.region = cx_.region();
  const Value* service = cx_.Attr(r, "service_name");
  ep.service_name = cx_.Text(service).value_or("");
  if (ep.service_name.empty()) {
    cx_.Note(r, fmt::format("service_name of {} is {}: the endpoint is left out", r.id,
                            cx_.WhyUnknown(service)));
    return;
  }
  ep.service_region = cx_.Text(r, "service_region").value_or("");
  const std::string type = util::Lower(cx_.Text(r, "vpc_endpoint_type").value_or(""));
  ep.type = type == "interface"                 ? model::EndpointType::kInterface
            : type == "gateway" || type.empty() ? model::EndpointType::kGateway
            : type == "gatewayloadbalancer"     ? model::EndpointType::kGatewayLoadBalancer
                                                : model::EndpointType::kOther;
  ep.state = "available";
  ep.private_dns_enabled = cx_.Bool(cx_.Attr(r, "private_dns_enabled")).value_or(false);
  for (auto [key, list] :
       {std::pair{"subnet_ids", &ep.subnet_ids}, std::pair{"security_group_ids", &ep.group_ids},
        std::pair{"route_table_ids", &ep.route_table_ids}}) {
    const Value* v = cx_.Attr(r, key);
    if (std::optional<std::vector<std::string>> ids = cx_.Texts(v))
      *list = std::move(*ids);
    else if (!MapContext::IsNotConfigured(v))
      cx_.Note(r, fmt::format("{} of {} is {}: read as none", key, r.id, cx_.WhyUnknown(v)));
  }
  const Value* policy = cx_.Attr(r, "policy");
  if (std::optional<std::string> text = cx_.Text(policy))
    ep.policy_document = *text;
  else if (!MapContext::IsNotConfigured(policy))
    cx_.Note(r, fmt::format("policy of {} is {}: not read", r.id, cx_.WhyUnknown(policy)));
  ep.source = cx_.Source(r);
  cx_.Origin(ep.id, r);
  endpoints_[ep.id] = std::move(ep);
}

}  // namespace

void MapNetwork(MapContext& cx) { NetworkMapper(cx).Run(); }

}  // namespace fd::predeploy::tf
