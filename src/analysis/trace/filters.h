#pragma once
/// Security groups and network ACLs over one flow between two placements: the filters a packet
/// meets on its way (docs/design/causes.md §1.9), the same for every flow a task makes, tcp 443
/// to an AWS API (the tracer) as tcp 2049 to an EFS mount target (nfs_path.cpp).
///
/// Each filter gives a Verdict per direction: the trace step it is, and what a rule must admit
/// to clear it. What a denial is called (its check code, its words) is the caller's. The
/// filters evaluate what is known; a caller whose placement lacks groups, or whose subnet lacks
/// a network ACL, says so in its own words before calling them.

#include <array>
#include <string>

#include "analysis/analysis.h"
#include "analysis/trace/placement.h"
#include "model/model.h"
#include "net/match.h"

namespace fd::analysis::trace {

inline constexpr int kTcp = 6;
inline constexpr int kUdp = 17;
/// The ports replies come back to: AWS's guidance for network ACLs (docs/design/causes.md#fw007).
inline constexpr PortRange kEphemeral{1024, 65535};
/// The ports a Linux client picks its source port from (net.ipv4.ip_local_port_range).
inline constexpr PortRange kLinuxEphemeral{32768, 60999};

/// What a placement sends: protocol and destination port, towards `to`.
struct Flow {
  int protocol = kTcp;
  int port = 443;
  net::Peer to;  ///< the far end's addresses, and its groups for rules that name them
};

/// One filter's verdict on one direction of a flow.
struct Verdict {
  net::Tri allowed = net::Tri::kYes;
  report::TraceStep step;  ///< permitted, denied or unknown, with the deciding rule in its detail
  Fault::Opening opening;  ///< the rule that would admit this direction
  bool linux_only = false;  ///< replies: denied on 1024-65535, but 32768-60999 is open
  const std::string& detail() const { return step.detail; }
};

/// The source's security groups, outbound. Stateful: replies need no rule.
Verdict SgEgress(const Placement& from, const Flow& flow, const model::Model& model);

/// The destination's security groups, inbound from the source's subnet and groups. Admitting
/// part of the source subnet is kMaybe, and its step is denied: a task on another address of
/// the subnet times out.
Verdict SgIngress(const Placement& to, const Flow& flow, const Placement& from, const model::Model& model);

/// One direction through a network ACL, as the step `step` of hop `hop`.
Verdict NaclStep(const model::NetworkAcl& acl, std::string hop, std::string step, bool egress, int protocol,
                 PortRange ports, const net::Peer& peer);

/// The source subnet's network ACL: the request out, then its replies in on the ephemeral
/// ports (stateless). A placement's own subnet applies only across a subnet boundary (VPC User
/// Guide): callers skip it when both ends share the subnet.
std::array<Verdict, 2> NaclAtSource(const model::NetworkAcl& acl, const Placement& from, const Flow& flow);

/// The destination subnet's network ACL: the request in from the source's subnet, then the
/// replies out to it.
std::array<Verdict, 2> NaclAtDestination(const model::NetworkAcl& acl, const Placement& to, const Flow& flow,
                                         const Placement& from);

/// A subnet as the far end of a flow: its CIDR, labelled "subnet-… 10.0.1.0/24".
net::Peer SubnetPeer(const model::Subnet& subnet);
/// The addresses a network ACL entry must name to cover `peer`.
std::string NaclCidr(const net::Peer& peer);

}  // namespace fd::analysis::trace
