#pragma once
/// The model as a trace sees it: as it is, or as the changes a planner assumes leave it
/// (analysis/assumptions.h). Every lookup of a security group, network ACL, endpoint, internet
/// gateway attachment or route goes through here, so an assumed change is seen by every hop.

#include <deque>
#include <string>

#include "analysis/analysis.h"
#include "analysis/assumptions.h"
#include "model/model.h"
#include "net/match.h"

namespace fd::analysis::trace {

class View {
 public:
  /// `assume` null or empty: the model as it is.
  explicit View(const model::Model& m, const Assumptions* assume = nullptr)
      : m_(m), a_(assume && !assume->empty() ? assume : nullptr) {}

  const model::Model& model() const { return m_; }
  const Assumptions* assumed() const { return a_; }

  const model::SecurityGroup* FindSg(const std::string& id) const;
  /// The network ACL of a subnet (nullptr when not in the snapshot).
  const model::NetworkAcl* NaclFor(const std::string& subnet_id) const;
  const model::VpcEndpoint* AsAssumed(const model::VpcEndpoint* e) const;
  /// Attached to `vpc_id` (available or attached), or assumed attached.
  bool IgwAttached(const model::InternetGateway& igw, const std::string& vpc_id) const;

  bool VpcUsesInterfaceEndpoints(const std::string& vpc_id) const;
  /// The interface endpoint of the need's service in the VPC, an available one first.
  const model::VpcEndpoint* FindInterfaceEndpoint(const std::string& vpc_id, const Need& need) const;
  const model::VpcEndpoint* FindS3GatewayEndpoint(const std::string& vpc_id, const std::string& region) const;
  /// The available mount target of `fs_id` that a task in `subnet` mounts: the one in its
  /// zone (by AZ ID, else by name) and VPC, an assumed new one included; nullptr when none.
  const model::EfsMountTarget* MountTargetFor(const std::string& fs_id, const model::Subnet& subnet) const;

  /// LookupRoute, then the assumed routes: an S3 gateway endpoint's prefix-list route (for an
  /// S3 need from `vpc_id`), and the assumed default route, each only where no more specific
  /// route matches.
  net::RouteDecision Lookup(const model::RouteTable& rt, const net::Peer& peer, const Need& need,
                            const std::string& vpc_id) const;

 private:
  const model::Model& m_;
  const Assumptions* a_ = nullptr;
  /// The assumed routes Lookup() returned: a decision points at its route, so they are kept
  /// (at stable addresses) as long as the view.
  mutable std::deque<model::Route> assumed_routes_;
};

}  // namespace fd::analysis::trace
