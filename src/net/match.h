#pragma once
/// Security-group, network-ACL and route-table evaluation for one flow (docs/design/causes.md §1.9).
///
/// Every answer is three-valued. The exact address of a public AWS endpoint is not in any
/// snapshot (it would need ip-ranges.json and a DNS answer), so each evaluation reasons over
/// the set of addresses the peer may have (AddressesOf: every public address, or the known
/// CIDRs). Rules that together cover the set and agree decide, as one rule covering it would:
/// 0.0.0.0/1 and 128.0.0.0/1 surely cover api.ecr.<region>, 52.0.0.0/8 alone only *may*.
/// Where the answer differs within the set the result is kMaybe, and the caller reports
/// "unknown" instead of guessing (Batfish's insufficient-info outcome, cppcheck's bail-out).

#include <string>
#include <vector>

#include "model/model.h"
#include "net/addr_set.h"
#include "util/ip.h"

namespace fd::net {

enum class Tri { kNo, kYes, kMaybe };

/// The far end of a flow.
struct Peer {
  enum class Kind {
    kPublicService,  ///< an AWS service's public address: unknown, outside private space
    kCidrs,          ///< a known set of addresses (endpoint subnets, S3 prefix-list CIDRs)
  };
  Kind kind = Kind::kPublicService;
  std::vector<Cidr4> cidrs;
  std::string prefix_list_id;          ///< the set is this prefix list (S3): rules naming it match
  std::vector<std::string> group_ids;  ///< SGs on the far ENIs (endpoint SGs): SG references match
  std::string label;                   ///< "the public address of api.ecr.eu-west-3…", "10.0.1.0/24"

  static Peer PublicService(std::string label);
  static Peer Cidrs(std::vector<Cidr4> cidrs, std::string label);
};

/// Does a rule's CIDR cover the peer?
Tri CidrCovers(const Cidr4& rule, const Peer& peer);

/// The addresses the peer may have: its CIDRs when known, else every public address.
AddrSet4 AddressesOf(const Peer& peer);

/// Does a prefix list (by ID) cover the peer? kYes when the peer is that list; through its
/// entries when known; an AWS-service list never holds another service's address.
Tri PrefixListCovers(const std::string& pl_id, const Peer& peer, const model::Model& model);

/// The outcome of evaluating a rule set, with the rule that decided and why.
struct Decision {
  Tri allowed = Tri::kNo;
  SourceRef rule;      ///< the deciding rule; empty when none matched
  std::string detail;  ///< "rule tcp 443 -> 0.0.0.0/0", "no egress rule allows tcp 443 …"
};

/// SGs are stateful allow-lists; several SGs on one ENI are a union. Evaluates the egress
/// rules of `groups` for protocol/port to `peer`. `prefix_lists` resolves pl- IDs to CIDRs.
Decision EvaluateSgEgress(const std::vector<const model::SecurityGroup*>& groups, int protocol,
                          int port, const Peer& peer, const model::Model& model);

/// Ingress of `groups` for protocol/port from a source in `source_cidr` carrying `source_groups`.
Decision EvaluateSgIngress(const std::vector<const model::SecurityGroup*>& groups, int protocol,
                           int port, const Cidr4& source_cidr,
                           const std::vector<std::string>& source_groups,
                           const model::Model& model);

/// A NACL verdict over a whole port range: the range may be only partly open.
struct NaclDecision {
  Tri allowed = Tri::kNo;  ///< kYes only when every port of the range is allowed
  bool partly = false;     ///< some ports allowed, some denied
  SourceRef rule;          ///< the first deciding entry met (a deny when denied)
  std::string detail;
};

/// NACLs are stateless and evaluated per direction in ascending rule-number order; the first
/// matching entry decides; 32767 (`*`) denies (VPC User Guide). Evaluates every port of
/// `ports` for `protocol` towards (egress) or from (ingress) `peer`.
NaclDecision EvaluateNacl(const model::NetworkAcl& acl, bool egress, int protocol,
                          PortRange ports, const Peer& peer);

/// The addresses of the peer one route takes (nullptr: no route takes them).
struct RoutePart {
  AddrSet4 addresses;
  const model::Route* route = nullptr;
};

/// The route a packet to `peer` takes from `table`.
struct RouteDecision {
  const model::Route* route = nullptr;  ///< nullptr: no route matches
  Tri certain = Tri::kYes;              ///< kMaybe: the peer's parts lead to different places
  std::string detail;
  std::vector<RoutePart> parts;  ///< the peer's addresses partitioned by longest-prefix match
};

/// Longest-prefix match over every address the peer may have (route_lookup.cpp); on equal
/// length a static CIDR route beats a prefix-list route, which beats a propagated route (VPC
/// route priority). Prefix-list routes match through the lists' CIDRs, or by ID when the peer
/// is that prefix list. A blackhole route still matches. Decided (kYes) when every part of
/// the peer leads to the same target, even through different routes; `route` is then the
/// first part's route.
RouteDecision LookupRoute(const model::RouteTable& table, const Peer& peer,
                          const model::Model& model);

/// The blackhole IPv4 routes of `table` that internet traffic may take (their destination
/// holds public addresses): 0.0.0.0/0, or 0.0.0.0/1 and 128.0.0.0/1, to a deleted NAT gateway.
std::vector<const model::Route*> BlackholeInternetRoutes(const model::RouteTable& table);
bool IsBlackholeInternetRoute(const model::Route& route);

/// "tcp 443", "udp 53", "all traffic" for details.
std::string DescribeProtocol(int protocol, PortRange ports);
std::string DescribeRouteTarget(const model::Route& route);
/// The routes a decided lookup took: "0.0.0.0/0 -> nat-1", or "0.0.0.0/1 -> nat-1 and
/// 128.0.0.0/1 -> nat-1" when several routes share the peer's addresses.
std::string DescribeRoutes(const RouteDecision& decision);

}  // namespace fd::net
