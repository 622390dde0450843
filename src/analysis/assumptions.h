#pragma once
/// Hypothetical changes the tracer takes as made: routes, security-group and NACL rules,
/// endpoints, VPC DNS attributes, a public IP, a NAT gateway still to be created. The planner
/// (engine/remedies.h) re-traces a blocked path under them to learn what a fix leaves broken.
/// An empty set changes nothing, so every real trace is unaffected.

#include <string>
#include <unordered_map>
#include <unordered_set>

#include "model/model.h"

namespace fd::analysis {

/// The ID a NAT gateway still to be created is known by in traces and commands.
inline constexpr std::string_view kPlannedNat = "<new-nat-id>";
/// The ID a mount target still to be created is known by in traces.
inline constexpr std::string_view kPlannedMountTarget = "<new-mount-target>";

struct Assumptions {
  /// Route table → the 0.0.0.0/0 route assumed on it (added, or replacing the table's own
  /// default route and its blackhole routes). It wins only where no more specific working
  /// route matches.
  std::unordered_map<std::string, model::Route> default_routes;
  /// Security groups with assumed rules added: a full copy each, by ID (new groups too).
  std::unordered_map<std::string, model::SecurityGroup> groups;
  /// Network ACLs with assumed entries added, by ID.
  std::unordered_map<std::string, model::NetworkAcl> acls;
  /// Endpoints as assumed: existing ones changed (private DNS on, more route tables) by their
  /// ID, and new ones (IDs starting "<new-") found by VPC and service name.
  std::unordered_map<std::string, model::VpcEndpoint> endpoints;
  std::unordered_set<std::string> dns_enabled_vpcs;  ///< enableDnsSupport and -Hostnames on
  std::unordered_set<std::string> attached_igws;     ///< IGWs assumed attached to their VPC
  /// File system ID → mount targets assumed created (ID kPlannedMountTarget, no address yet).
  std::unordered_map<std::string, std::vector<model::EfsMountTarget>> mount_targets;
  bool public_ip = false;                            ///< assignPublicIp ENABLED
  std::string planned_nat_subnet;  ///< the public subnet of the kPlannedNat gateway ("" none)

  bool empty() const {
    return default_routes.empty() && groups.empty() && acls.empty() && endpoints.empty() &&
           dns_enabled_vpcs.empty() && attached_igws.empty() && mount_targets.empty() && !public_ip &&
           planned_nat_subnet.empty();
  }
};

}  // namespace fd::analysis
