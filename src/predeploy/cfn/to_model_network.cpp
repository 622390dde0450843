// VPCs, subnets, route tables and routes, internet and NAT gateways, VPC endpoints: the
// CloudFormation resources as the EC2 reader's entities (ingest/ec2_reader.cpp), with what AWS
// creates beside a new VPC (its main route table, local route only, used by every subnet
// without an association).
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "predeploy/aws_defaults.h"
#include "predeploy/cfn/to_model_context.h"
#include "util/strings.h"

namespace fd::predeploy::cfn {

namespace {

using model::RouteTarget;

class NetworkMapper {
 public:
  explicit NetworkMapper(MapContext& cx) : cx_(cx) {}

  void Run() {
    for (const Item& it : cx_.OfType("AWS::EC2::VPC")) Vpc(it);
    for (const Item& it : cx_.OfType("AWS::EC2::Subnet")) Subnet(it);
    for (const Item& it : cx_.OfType("AWS::EC2::RouteTable")) Table(it);
    for (const Item& it : cx_.OfType("AWS::EC2::Route")) StandaloneRoute(it);
    for (const Item& it : cx_.OfType("AWS::EC2::SubnetRouteTableAssociation")) Association(it);
    Gateways();
    for (const Item& it : cx_.OfType("AWS::EC2::VPCEndpoint")) Endpoint(it);
    for (auto& [id, table] : tables_) cx_.builder().AddRouteTable(std::move(table));
  }

 private:
  void Vpc(const Item& it) {
    model::Vpc v;
    v.id = cx_.IdOf(it);
    v.region = cx_.Region(it);
    v.owner_id = cx_.Account(it);
    const Value* cidr = cx_.Prop(it, "CidrBlock");
    if (auto text = cx_.Text(cidr); text && !text->empty()) {
      if (auto c = Cidr4::Parse(*text)) v.cidrs.push_back(*c);
    } else {
      cx_.Note(it, fmt::format("CidrBlock of {} is {}: its local route and the address checks that "
                               "need it are unchecked", it.id(), cx_.WhyUnknown(cidr)));
    }
    // CloudFormation's (the EC2 API's) defaults: DNS support on, DNS hostnames off. A value
    // only deployment will tell stays unset, so the DNS checks are unchecked.
    for (auto [key, field, fallback] :
         {std::tuple{"EnableDnsSupport", &v.enable_dns_support, true},
          std::tuple{"EnableDnsHostnames", &v.enable_dns_hostnames, false}}) {
      const Value* value = cx_.Prop(it, key);
      if (auto b = cx_.Bool(value)) *field = *b;
      else if (value == nullptr) *field = fallback;
      else cx_.Note(it, fmt::format("{} of {} is {}", key, it.id(), cx_.WhyUnknown(value)));
    }
    v.source = cx_.Source(it);
    cx_.vpc_cidrs[v.id] = v.cidrs;
    cx_.created_vpcs.insert(v.id);
    cx_.Origin(v.id, it);
    MainTable(it, v.id);
    cx_.builder().AddVpc(std::move(v));
  }

  // What AWS creates with a VPC: a main route table with the local route only.
  void MainTable(const Item& vpc, const std::string& vpc_id) {
    const std::string id = cx_.VpcDefault(vpc, "MainRouteTable");
    model::RouteTable& t = tables_[id];
    t.id = id;
    t.vpc_id = vpc_id;
    t.region = cx_.Region(vpc);
    t.main = true;
    t.source = cx_.Source(vpc);
    AddLocalRoutes(t);
    cx_.Origin(id, vpc);
  }

  void Subnet(const Item& it) {
    model::Subnet s;
    s.id = cx_.IdOf(it);
    s.vpc_id = cx_.Text(it, "VpcId").value_or("");
    s.region = cx_.Region(it);
    s.owner_id = cx_.Account(it);
    s.ipv6_native = cx_.Bool(cx_.Prop(it, "Ipv6Native")).value_or(false);
    const Value* cidr = cx_.Prop(it, "CidrBlock");
    std::optional<std::string> text = cx_.Text(cidr);
    if (text && !text->empty()) s.cidr = Cidr4::Parse(*text);
    if (!s.cidr && !s.ipv6_native) {
      // The tracer reads a subnet without an IPv4 CIDR as IPv6-only: never guess that.
      cx_.Note(it, fmt::format("CidrBlock of {} is {}: the subnet is left out, and the checks of "
                               "tasks placed in it are unchecked",
                               it.id(), text ? "not an IPv4 CIDR" : cx_.WhyUnknown(cidr)));
      cx_.network_incomplete = true;
      return;
    }
    if (auto v6 = cx_.Text(it, "Ipv6CidrBlock"); v6 && !v6->empty())
      if (auto c = Cidr6::Parse(*v6)) s.ipv6_cidrs.push_back(*c);
    s.availability_zone = cx_.Text(it, "AvailabilityZone").value_or("");
    s.availability_zone_id = cx_.Text(it, "AvailabilityZoneId").value_or("");
    s.map_public_ip_on_launch = cx_.Bool(cx_.Prop(it, "MapPublicIpOnLaunch")).value_or(false);
    s.enable_dns64 = cx_.Bool(cx_.Prop(it, "EnableDns64")).value_or(false);
    s.state = "available";
    s.source = cx_.Source(it);
    cx_.subnet_vpc[s.id] = s.vpc_id;
    cx_.Origin(s.id, it);
    cx_.builder().AddSubnet(std::move(s));
  }

  void Table(const Item& it) {
    const std::string id = cx_.IdOf(it);
    model::RouteTable& t = tables_[id];
    t.id = id;
    t.vpc_id = cx_.Text(it, "VpcId").value_or("");
    t.region = cx_.Region(it);
    t.source = cx_.Source(it);
    AddLocalRoutes(t);
    cx_.Origin(id, it);
  }

  void AddLocalRoutes(model::RouteTable& t) {
    auto it = cx_.vpc_cidrs.find(t.vpc_id);
    if (it == cx_.vpc_cidrs.end()) return;
    for (model::Route& local : LocalRoutes(it->second)) t.routes.push_back(std::move(local));
  }

  model::RouteTable* TableOf(const Item& it) {
    const Value* v = cx_.Prop(it, "RouteTableId");
    const std::optional<std::string> id = cx_.Text(v);
    auto found = id ? tables_.find(*id) : tables_.end();
    if (found != tables_.end()) return &found->second;
    cx_.Note(it, fmt::format("RouteTableId of {} is {}: left out", it.id(),
                             id ? "a route table no template read declares" : cx_.WhyUnknown(v)));
    cx_.network_incomplete = true;
    return nullptr;
  }

  void StandaloneRoute(const Item& it) {
    model::RouteTable* t = TableOf(it);
    if (t == nullptr) return;
    model::Route route;
    route.origin = "CreateRoute";
    route.source = cx_.Source(it);
    if (auto c = cx_.Text(it, "DestinationCidrBlock"); c && !c->empty()) route.destination = Cidr4::Parse(*c);
    if (auto c = cx_.Text(it, "DestinationIpv6CidrBlock"); c && !c->empty())
      route.destination_ipv6 = Cidr6::Parse(*c);
    route.destination_prefix_list_id = cx_.Text(it, "DestinationPrefixListId").value_or("");
    if (!route.destination && !route.destination_ipv6 && route.destination_prefix_list_id.empty()) {
      cx_.Note(it, fmt::format("{} has no destination known before deployment: left out", it.id()));
      return;
    }
    Target(it, route);
    t->routes.push_back(std::move(route));
  }

  // The route's one target. A target only deployment will name keeps its kind (a NAT gateway
  // route stays one) with an ID that says what it is.
  void Target(const Item& it, model::Route& route) {
    static constexpr std::pair<std::string_view, RouteTarget> kTargets[] = {
        {"GatewayId", RouteTarget::kInternetGateway},
        {"NatGatewayId", RouteTarget::kNatGateway},
        {"TransitGatewayId", RouteTarget::kTransitGateway},
        {"VpcPeeringConnectionId", RouteTarget::kPeering},
        {"EgressOnlyInternetGatewayId", RouteTarget::kEgressOnlyInternetGateway},
        {"CarrierGatewayId", RouteTarget::kCarrierGateway},
        {"LocalGatewayId", RouteTarget::kLocalGateway},
        {"CoreNetworkArn", RouteTarget::kCoreNetwork},
        {"NetworkInterfaceId", RouteTarget::kNetworkInterface},
        {"InstanceId", RouteTarget::kInstance},
        {"VpcEndpointId", RouteTarget::kGwlbEndpoint},
    };
    for (const auto& [key, kind] : kTargets) {
      const Value* v = cx_.Prop(it, key);
      if (v == nullptr || v->IsNull()) continue;
      route.target = kind;
      if (std::optional<std::string> id = cx_.Text(v); id && !id->empty()) {
        route.target_id = *id;
      } else {
        route.target_id = fmt::format("{}.{}", it.id(), key);
        cx_.Note(it, fmt::format("{} of {} is {}: the route's target is not known", key, it.id(),
                                 cx_.WhyUnknown(v)));
      }
      if (key == "GatewayId") route.target = GatewayKind(v, route.target_id);
      return;
    }
    route.target = RouteTarget::kUnknown;
  }

  // GatewayId names internet and virtual private gateways: the referenced type says which,
  // else the ID's prefix does, as in the EC2 reader.
  RouteTarget GatewayKind(const Value* v, const std::string& id) const {
    std::string type;
    if (const Item* t = cx_.Referenced(v)) type = t->type();
    if (type == "AWS::EC2::VPNGateway" || id.rfind("vgw-", 0) == 0) return RouteTarget::kVpnGateway;
    if (type == "AWS::EC2::VPCEndpoint" || id.rfind("vpce-", 0) == 0) return RouteTarget::kGwlbEndpoint;
    if (id == "local") return RouteTarget::kLocal;
    return RouteTarget::kInternetGateway;
  }

  void Association(const Item& it) {
    model::RouteTable* t = TableOf(it);
    if (t == nullptr) return;
    const Value* v = cx_.Prop(it, "SubnetId");
    if (auto subnet = cx_.Text(v); subnet && !subnet->empty()) {
      t->subnet_ids.push_back(*subnet);
    } else {
      cx_.Note(it, fmt::format("SubnetId of {} is {}: the association is left out", it.id(),
                               cx_.WhyUnknown(v)));
      cx_.network_incomplete = true;
    }
  }

  // A gateway endpoint adds a route to its service's prefix list in each of its route tables,
  // as describe-route-tables shows it. The list's ID (pl-...) is the account's: the model knows
  // the list by its name (com.amazonaws.<region>.s3), its entries unknown, which is enough to
  // know it holds that service's addresses and no other's.
  void AddPrefixListRoutes(const Item& it, const model::VpcEndpoint& ep) {
    if (prefix_lists_.insert(ep.service_name).second) {
      model::PrefixList pl;
      pl.id = ep.service_name;
      pl.name = ep.service_name;
      pl.region = ep.region;
      pl.source = cx_.Source(it);
      cx_.builder().AddPrefixList(std::move(pl));
    }
    for (const std::string& table : ep.route_table_ids) {
      auto found = tables_.find(table);
      if (found == tables_.end()) continue;
      model::Route route;
      route.destination_prefix_list_id = ep.service_name;
      route.target = RouteTarget::kGatewayEndpoint;
      route.target_id = ep.id;
      route.origin = "CreateRoute";
      route.source = cx_.Source(it);
      found->second.routes.push_back(std::move(route));
    }
  }

  void Gateways();
  void Endpoint(const Item& it);

  MapContext& cx_;
  std::map<std::string, model::RouteTable> tables_;
  std::set<std::string> prefix_lists_;
};

void NetworkMapper::Gateways() {
  std::map<std::string, model::InternetGateway> igws;
  for (const Item& it : cx_.OfType("AWS::EC2::InternetGateway")) {
    model::InternetGateway g;
    g.id = cx_.IdOf(it);
    g.region = cx_.Region(it);
    g.source = cx_.Source(it);
    cx_.Origin(g.id, it);
    igws[g.id] = std::move(g);
  }
  for (const Item& it : cx_.OfType("AWS::EC2::VPCGatewayAttachment")) {
    const Value* igw_value = cx_.Prop(it, "InternetGatewayId");
    if (igw_value == nullptr) continue;  // a VPN gateway's attachment
    auto igw = cx_.Text(igw_value);
    auto vpc = cx_.Text(it, "VpcId");
    if (igw && vpc && igws.count(*igw) > 0) igws[*igw].attachments.push_back({*vpc, "available"});
    else cx_.Note(it, it.id() + ": its gateway or VPC is not known before deployment, or not "
                                "declared: the attachment is left out");
  }
  for (auto& [id, g] : igws) cx_.builder().AddInternetGateway(std::move(g));
  for (const Item& it : cx_.OfType("AWS::EC2::NatGateway")) {
    model::NatGateway n;
    n.id = cx_.IdOf(it);
    n.region = cx_.Region(it);
    n.subnet_id = cx_.Text(it, "SubnetId").value_or("");
    n.vpc_id = cx_.subnet_vpc.count(n.subnet_id) ? cx_.subnet_vpc[n.subnet_id] : "";
    n.state = "available";  // what a successful deployment leaves it in
    n.connectivity_type = cx_.Text(it, "ConnectivityType").value_or("");
    if (n.connectivity_type.empty()) n.connectivity_type = "public";
    // A public NAT gateway's Elastic IP is drawn at deployment: the address names its allocation.
    if (const Value* allocation = cx_.Prop(it, "AllocationId")) {
      const Item* eip = cx_.Referenced(allocation);
      const std::string name = eip ? cx_.IdOf(*eip) : cx_.Text(allocation).value_or("");
      if (!name.empty()) n.addresses.push_back({"(Elastic IP " + name + ")", "", ""});
    }
    n.source = cx_.Source(it);
    if (n.subnet_id.empty())
      cx_.Note(it, fmt::format("SubnetId of {} is {}: the routes through it are unchecked", it.id(),
                               cx_.WhyUnknown(cx_.Prop(it, "SubnetId"))));
    cx_.Origin(n.id, it);
    cx_.builder().AddNatGateway(std::move(n));
  }
}

void NetworkMapper::Endpoint(const Item& it) {
  model::VpcEndpoint ep;
  ep.id = cx_.IdOf(it);
  ep.vpc_id = cx_.Text(it, "VpcId").value_or("");
  ep.region = cx_.Region(it);
  const Value* service = cx_.Prop(it, "ServiceName");
  ep.service_name = cx_.Text(service).value_or("");
  if (ep.service_name.empty()) {
    cx_.Note(it, fmt::format("ServiceName of {} is {}: the endpoint is left out, and the checks "
                             "of the paths it could serve are unchecked",
                             it.id(), cx_.WhyUnknown(service)));
    cx_.network_incomplete = true;
    return;
  }
  const std::string type = util::Lower(cx_.Text(it, "VpcEndpointType").value_or(""));
  ep.type = type == "interface"                 ? model::EndpointType::kInterface
            : type == "gateway" || type.empty() ? model::EndpointType::kGateway
            : type == "gatewayloadbalancer"     ? model::EndpointType::kGatewayLoadBalancer
                                                : model::EndpointType::kOther;
  ep.state = "available";
  // CloudFormation's default for PrivateDnsEnabled is false.
  ep.private_dns_enabled = cx_.Bool(cx_.Prop(it, "PrivateDnsEnabled")).value_or(false);
  ep.subnet_ids = cx_.Ids(it, cx_.Prop(it, "SubnetIds"), "SubnetIds");
  ep.group_ids = cx_.Ids(it, cx_.Prop(it, "SecurityGroupIds"), "SecurityGroupIds");
  ep.route_table_ids = cx_.Ids(it, cx_.Prop(it, "RouteTableIds"), "RouteTableIds");
  // An interface endpoint created without security groups gets its VPC's default one.
  if (ep.type == model::EndpointType::kInterface && ep.group_ids.empty())
    if (const Item* vpc = cx_.Referenced(cx_.Prop(it, "VpcId")))
      ep.group_ids.push_back(cx_.VpcDefault(*vpc, "DefaultSecurityGroup"));
  if (const Value* policy = cx_.Prop(it, "PolicyDocument")) {
    if (auto text = cx_.Json(*policy)) ep.policy_document = *text;
    else cx_.Note(it, fmt::format("PolicyDocument of {} holds a value known only after deployment: "
                                  "not read", it.id()));
  }
  ep.source = cx_.Source(it);
  cx_.Origin(ep.id, it);
  if (ep.type == model::EndpointType::kGateway) AddPrefixListRoutes(it, ep);
  cx_.builder().AddVpcEndpoint(std::move(ep));
}

}  // namespace

void MapNetwork(MapContext& cx) { NetworkMapper(cx).Run(); }

}  // namespace fd::predeploy::cfn
