#pragma once
/// The model's EC2 networking entities: VPCs, subnets, route tables, network ACLs, security
/// groups, endpoints, NAT and internet gateways, DHCP options, prefix lists, ENIs and zones.

#include <optional>
#include <string>
#include <vector>

#include "util/ip.h"
#include "util/source_ref.h"

namespace fd::model {

struct Vpc {
  std::string id;
  std::string region;  ///< "" when no source names it
  std::string owner_id;
  std::vector<Cidr4> cidrs;  ///< primary first, then secondary associations (associated only)
  std::vector<Cidr6> ipv6_cidrs;
  std::string dhcp_options_id;
  bool is_default = false;
  std::optional<bool> enable_dns_support;    ///< from describe-vpc-attribute
  std::optional<bool> enable_dns_hostnames;  ///< from describe-vpc-attribute
  SourceRef source;
};

struct Subnet {
  std::string id;
  std::string vpc_id;
  std::string region;
  std::string owner_id;
  std::string availability_zone;     ///< name, e.g. "eu-west-3a" (shuffled per account)
  std::string availability_zone_id;  ///< e.g. "euw3-az1": compare these, never names
  std::optional<Cidr4> cidr;         ///< absent for IPv6-only subnets
  std::vector<Cidr6> ipv6_cidrs;
  std::optional<int> available_ip_address_count;
  bool map_public_ip_on_launch = false;  ///< irrelevant to Fargate; kept to explain that
  bool ipv6_native = false;
  bool enable_dns64 = false;
  std::string state;  ///< "available" | "pending" | ""
  std::string outpost_arn;
  SourceRef source;
};

/// What a route sends traffic to. Order matters only for display.
enum class RouteTarget {
  kLocal,
  kInternetGateway,
  kNatGateway,
  kGatewayEndpoint,  ///< vpce-… on a prefix-list route (S3/DynamoDB gateway endpoint)
  kGwlbEndpoint,     ///< vpce-… on a CIDR route (inspection appliance)
  kTransitGateway,
  kPeering,
  kVpnGateway,
  kNetworkInterface,
  kInstance,
  kEgressOnlyInternetGateway,
  kCoreNetwork,
  kLocalGateway,
  kCarrierGateway,
  kUnknown,
};

struct Route {
  std::optional<Cidr4> destination;       ///< DestinationCidrBlock
  std::optional<Cidr6> destination_ipv6;  ///< DestinationIpv6CidrBlock
  std::string destination_prefix_list_id;  ///< DestinationPrefixListId
  RouteTarget target = RouteTarget::kUnknown;
  std::string target_id;  ///< igw-…, nat-…, tgw-…, "local", the CoreNetworkArn, …
  bool blackhole = false;  ///< State == "blackhole"
  std::string origin;      ///< CreateRouteTable | CreateRoute | EnableVgwRoutePropagation
  SourceRef source;
};

struct RouteTable {
  std::string id;
  std::string vpc_id;
  std::string region;
  bool main = false;                    ///< Associations[].Main == true
  std::vector<std::string> subnet_ids;  ///< explicit associations
  std::vector<Route> routes;
  SourceRef source;
};

struct NaclEntry {
  int rule_number = 0;
  bool egress = false;
  int protocol = -1;  ///< -1 all, 6 tcp, 17 udp, 1 icmp, …
  std::optional<PortRange> ports;  ///< absent: all ports (protocol -1, or ICMP)
  std::optional<Cidr4> cidr;
  std::optional<Cidr6> ipv6_cidr;
  bool allow = false;
  SourceRef source;
};

struct NetworkAcl {
  std::string id;
  std::string vpc_id;
  std::string region;
  bool is_default = false;
  std::vector<std::string> subnet_ids;
  std::vector<NaclEntry> entries;  ///< sorted by (egress, rule_number) after Build()
  SourceRef source;
};

/// One permission of a security group, from describe-security-groups (IpPermissions[]) or one
/// row of describe-security-group-rules; both become this shape.
struct SgRule {
  int protocol = -1;  ///< -1 all, 6 tcp, 17 udp, …
  PortRange ports;    ///< all ports when protocol is -1
  std::vector<Cidr4> cidrs;
  std::vector<Cidr6> ipv6_cidrs;
  std::vector<std::string> prefix_list_ids;
  std::vector<std::string> group_ids;  ///< UserIdGroupPairs[].GroupId / ReferencedGroupInfo
  SourceRef source;
};

struct SecurityGroup {
  std::string id;
  std::string name;  ///< "default" for the VPC default group
  std::string vpc_id;
  std::string region;
  std::string owner_id;
  std::vector<SgRule> ingress;
  std::vector<SgRule> egress;
  bool rules_known = true;  ///< false when only a reference (no rules) was seen
  SourceRef source;
};

enum class EndpointType { kInterface, kGateway, kGatewayLoadBalancer, kOther };

struct VpcEndpoint {
  std::string id;
  std::string vpc_id;
  std::string region;
  std::string service_name;  ///< com.amazonaws.eu-west-3.ecr.dkr
  std::string service_region;  ///< ServiceRegion for cross-Region endpoints; "" otherwise
  EndpointType type = EndpointType::kOther;
  std::string state;  ///< lower-cased: "available", "pendingacceptance", …
  bool private_dns_enabled = false;
  std::vector<std::string> subnet_ids;
  std::vector<std::string> group_ids;
  std::vector<std::string> route_table_ids;
  std::vector<std::string> network_interface_ids;
  std::string policy_document;  ///< decoded JSON text (ingest PolicyText); "" when not given
  SourceRef source;
};

struct NatGatewayAddress {
  std::string public_ip;
  std::string private_ip;
  std::string availability_zone_id;  ///< regional NAT gateways only
};

struct NatGateway {
  std::string id;
  std::string vpc_id;
  std::string region;
  std::string subnet_id;  ///< "" for regional NAT gateways
  std::string state;      ///< pending | failed | available | deleting | deleted
  std::string connectivity_type = "public";  ///< public | private (absent means public)
  std::string availability_mode;  ///< "zonal" (default) | "regional"
  std::string route_table_id;     ///< regional NAT gateways carry their own route table
  std::string failure_message;
  std::vector<NatGatewayAddress> addresses;
  SourceRef source;
};

struct GatewayAttachment {
  std::string vpc_id;
  std::string state;  ///< "available" / "attached" for internet gateways
};

struct InternetGateway {
  std::string id;
  std::string region;
  bool egress_only = false;  ///< eigw-…
  std::vector<GatewayAttachment> attachments;
  SourceRef source;
};

struct DhcpOptions {
  std::string id;
  std::string region;
  std::vector<std::string> domain_name_servers;  ///< "AmazonProvidedDNS" or IPs
  std::string domain_name;
  SourceRef source;
};

/// An AWS-managed or customer-managed prefix list (describe-prefix-lists has the CIDRs;
/// describe-managed-prefix-lists only names them, get-managed-prefix-list-entries fills them).
struct PrefixList {
  std::string id;
  std::string name;  ///< com.amazonaws.eu-west-3.s3 for the S3 list
  std::string region;
  /// The account whose answer listed it, when its folder or envelope says ("" otherwise). AWS's
  /// own lists have one ID per Region in every account; emulators number them per account.
  std::string account;
  std::vector<Cidr4> cidrs;
  std::vector<Cidr6> ipv6_cidrs;
  bool cidrs_known = false;
  SourceRef source;
};

struct NetworkInterface {
  std::string id;
  std::string subnet_id;
  std::string vpc_id;
  std::string region;
  std::string availability_zone;
  std::string interface_type;  ///< interface | vpc_endpoint | nat_gateway | …
  std::string status;
  std::string private_ip;
  std::string public_ip;  ///< Association.PublicIp
  std::vector<std::string> group_ids;
  std::string description;
  SourceRef source;
};

struct AvailabilityZone {
  std::string name;
  std::string zone_id;
  std::string zone_type;  ///< availability-zone | local-zone | wavelength-zone
  std::string region;
  std::string state;
  SourceRef source;
};

}  // namespace fd::model
