#pragma once
/// Shared pieces of the checks: grouping the faults the tracer found into one finding per
/// (target, code, resource), and the small lookups fix commands need (a usable NAT gateway,
/// a free NACL rule number, the endpoint service name of a region).

#include <functional>
#include <span>
#include <string>
#include <vector>

#include "checks/check.h"
#include "checks/check_list.h"  // gives each check definition its external linkage
#include "fix/step.h"
#include "util/strings.h"

namespace fd::checks {

/// Every path of one target where the tracer found a fault with one code on one resource.
struct FaultGroup {
  const analysis::TargetAnalysis* ta = nullptr;
  std::string resource;
  report::Severity severity = report::Severity::kInfo;  ///< the worst of the faults
  std::vector<std::pair<const analysis::PathResult*, const analysis::Fault*>> hits;
  std::vector<std::string> subnets;   ///< sorted, unique
  std::vector<std::string> services;  ///< sorted, unique
  const analysis::Fault& first() const { return *hits.front().second; }
};

/// Groups the tracer's faults of `code` across all targets, in a deterministic order.
std::vector<FaultGroup> GroupFaults(std::span<const analysis::TargetAnalysis> targets,
                                    Code code);

using MessageFn = std::function<std::string(const FaultGroup&, const model::Model&)>;
using FixFn = std::function<report::Fix(const FaultGroup&, const model::Model&)>;

/// The whole body of a path-based check: one finding per group, with the group's evidence
/// (one line per subnet and claim, naming the services it breaks), paths and subnets.
void ReportPathFaults(const CheckContext& ctx, FindingSink& sink, const CheckInfo& info,
                      const MessageFn& message, const FixFn& fix);

/// Message and fix shared by the "interface endpoint missing" checks (VPCE001, VPCE004,
/// VPCE005): the group's resource is the VPC, its services the missing endpoints.
std::string MissingEndpointMessage(const FaultGroup& g, const model::Model& m);
report::Fix MissingEndpointFix(const FaultGroup& g, const model::Model& m);

using util::JoinList;  // util/strings.h

/// An available public NAT gateway in the VPC whose own subnet routes to an attached IGW.
const model::NatGateway* UsableNatGateway(const model::Model& model, const std::string& vpc_id);
/// A subnet of the VPC whose route table sends 0.0.0.0/0 to an attached IGW.
const model::Subnet* PublicSubnet(const model::Model& model, const std::string& vpc_id);
/// The lowest free rule number below `below` in one direction of a NACL (100 when unsure).
int FreeRuleNumber(const model::NetworkAcl* acl, bool egress, int below);
/// The interface/gateway endpoint service name for a region: com.amazonaws.<r>.<svc>, with the
/// cn.com.amazonaws prefix for ECR in the China regions (docs/design/causes.md §1.7).
std::string EndpointServiceName(const std::string& region, const std::string& service);
/// The route tables of the target's subnets (effective), unique.
std::vector<std::string> RouteTablesOf(const model::Model& model, const analysis::Target& t);
using util::LastPart;  // util/strings.h
/// The update of a service's network configuration (or a task run again with it), with the
/// given replacements (empty keeps the current value).
fix::Step NetworkUpdate(const analysis::Target& t, const std::vector<std::string>& subnets,
                        const std::vector<std::string>& security_groups, const std::string& assign_public_ip);
/// A route of 0.0.0.0/0 (or `destination`) to a NAT gateway.
fix::Step NatRoute(bool replace, const std::string& route_table, const std::string& nat,
                   const std::string& destination = "0.0.0.0/0");
/// The read of the Regional network-interface quota (VPC quota L-DF5E4CA3).
fix::Read EniQuota(const std::string& region);

}  // namespace fd::checks
