#pragma once
/// The tracer: evaluates one need from one subnet the way a packet goes (docs/design/causes.md
/// §1.9, docs/design/checks.md "Which code a blocked path reports"): name resolution, the task
/// security groups' egress, the task subnet's network ACL both ways, the route table, then the
/// next hop (internet gateway, NAT gateway and its own subnet, interface or gateway endpoint, or
/// an opaque target). Every step lands in the trace; the faults name the first thing that stops
/// the packet, routing faults taking precedence over filters on a path that has no route, and
/// the reason an endpoint did not serve taking precedence over both.
///
/// The package lives in src/analysis, not src/net: a trace speaks of targets, needs, faults
/// with check codes and planner assumptions, which are analysis types, and fd_net sits below
/// fd_analysis (CMakeLists.txt, docs/design/style.md "Layers, one direction"). net keeps the
/// rule evaluation (net/match.h); this package walks it in a packet's order. Its files, in the
/// order Run (run.cpp) meets them:
///
///   leg.h              the result of every piece: a Leg (faults, steps, gaps, how it ended)
///   view.h             the model as the planner's assumptions leave it
///   placement.h        where the task sits: subnet and security groups
///   resolve.cpp        name resolution and the choice of an interface endpoint
///   filters.h          security groups and network ACLs over any flow (STO003 uses them too)
///   task_filters.cpp   the task's own filters as FW001, FW002, FW004, FW006 and FW007
///   next_hop.cpp       the public way: route table, internet gateway, NAT gateway
///   endpoint_path.cpp  the way through an interface endpoint
///   nfs_path.cpp       NFS to an EFS mount target (STO002, STO003)
///   run.cpp            Run: the pieces in order, and the verdict; TracePath and friends

#include <optional>
#include <string>
#include <vector>

#include "analysis/analysis.h"
#include "analysis/trace/leg.h"
#include "analysis/trace/placement.h"
#include "analysis/trace/view.h"
#include "net/match.h"

namespace fd::analysis::trace {

/// What every piece of one trace reads: the model as assumed, what must be reached, and where
/// the task sits.
struct Context {
  const View& view;
  const Target& target;
  const Need& need;
  const model::Subnet& subnet;  ///< the task's subnet (IPv4: Run stops before an IPv6-only one)
  const model::Vpc* vpc;        ///< nullptr when not in the snapshot
  const Placement& task;
  const model::Model& model() const { return view.model(); }
};

/// How the need's name resolves (resolve.cpp): to an interface endpoint's private addresses
/// (takes kYes), to its public address (kNo), or undecidably (kMaybe: both ways are traced).
struct Resolution {
  const model::VpcEndpoint* endpoint = nullptr;  ///< the need's interface endpoint, if any
  net::Tri takes = net::Tri::kNo;
  std::optional<Fault> why_not;  ///< why the endpoint does not (surely) take the name
  /// The resolver's own faults (custom DNS servers that cannot be reached: FW005), which no
  /// routing fault hides; and `leg`, the resolution's steps and gaps. A resolution that stops
  /// the path (no DNS at all) ends `leg` blocked.
  std::vector<Fault> faults;
  Leg leg;
};
Resolution Resolve(const Context& cx);

/// The steps and gaps of a task placement whose security groups are not all known.
Leg PlacementGaps(const Context& cx);

/// The task's security groups outbound, then its subnet's NACL both ways unless `same_subnet`
/// (task_filters.cpp). `endpoint_design`: the VPC reaches AWS through endpoints, so a task
/// group that admits 443 but not the S3 prefix list is FW002.
Leg TaskSgEgress(const Context& cx, const net::Peer& peer, bool endpoint_design);
Leg TaskNacl(const Context& cx, const net::Peer& peer);

/// The public way (next_hop.cpp): the public address (for S3, its prefix list), the task's
/// filters, the route table and the next hop.
Leg PublicPath(const Context& cx);

/// The way through interface endpoint `ep` (endpoint_path.cpp).
Leg EndpointPath(const Context& cx, const model::VpcEndpoint& ep);

/// NFS to the need's EFS mount target in the task's zone (nfs_path.cpp); from a subnet without
/// IPv4, the gap that NFS over IPv6 is not evaluated.
Leg NfsPath(const Context& cx);
Leg NfsWithoutIpv4(const model::Subnet& subnet, const Need& need);

/// One (subnet, need) trace (run.cpp), placeholders left in (TracePathShared).
PathResult Run(const View& view, const Target& target, const Need& need, const std::string& subnet_id);

}  // namespace fd::analysis::trace
