#pragma once
/// The remedy planner of one alternative (engine/remedies.h), shared by its two halves:
/// engine/remedies.cpp decides which change clears which fault, round after round, and
/// engine/planner_changes.cpp builds each kind of change with what it assumes. Internal to the
/// engine: nothing outside it includes this.

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "analysis/analysis.h"
#include "analysis/assumptions.h"
#include "model/model.h"
#include "report/report.h"

namespace fd::engine {

/// The way out an alternative starts from.
enum class Strategy { kExistingNat, kNewNat, kEndpoints };

/// A change with what it assumes, so the next round traces as if it were made.
struct Planned {
  std::string key;  ///< what makes two proposals the same change
  report::Change change;
  std::function<void(analysis::Assumptions&)> apply;
};

class Planner {
 public:
  Planner(const model::Model& m, const analysis::TargetAnalysis& ta, std::string vpc, Strategy s)
      : m_(m), t_(ta.target), vpc_(std::move(vpc)), s_(s) {}

  report::Remedy Run(const std::vector<const analysis::PathResult*>& blocked);

 private:
  using Fault = analysis::Fault;

  // Which change, in remedies.cpp.
  /// The change that clears `f` on path `p` under this strategy, or why none can.
  std::optional<Planned> ChangeFor(const analysis::PathResult& p, const Fault& f, std::string* why);
  std::optional<Planned> WayOut(const analysis::PathResult& p, const Fault& f, std::string* why);
  std::optional<Planned> Unclearable(const Fault& f, std::string* why);
  /// Records `p` (once per key) and assumes it made.
  void Add(Planned p);

  // Each kind of change, in planner_changes.cpp.
  std::optional<Planned> InternetRoute(const std::string& rt_id, std::string* why);
  std::optional<Planned> NewNat(std::string* why);
  std::optional<Planned> NatSubnetRoute(const std::string& rt_id, std::string* why);
  std::optional<Planned> AttachGateway(const std::string& igw);
  std::optional<Planned> DnsAttributes(const std::string& vpc);
  std::optional<Planned> Endpoint(const analysis::Need& need, std::string* why);
  Planned S3GatewayEndpoint(const analysis::Need& need);
  Planned InterfaceEndpoint(const analysis::Need& need);
  std::string EndpointSecurityGroup();
  std::optional<Planned> EndpointInPlace(const Fault& f, std::string* why);
  Planned SgRule(const std::string& sg, bool egress, const Fault::Opening& o);
  Planned NaclEntry(const std::string& acl_id, const Fault::Opening& o);
  std::optional<Planned> MountTarget(const std::string& fs_id, const std::string& subnet_id, std::string* why);
  std::string TaskSg() const;

  const model::Model& m_;
  const analysis::Target& t_;
  const std::string vpc_;
  const Strategy s_;
  analysis::Assumptions a_;
  std::set<std::string> keys_;
  std::string design_;  ///< the alternative's name once a change of its own is made
  report::Remedy out_;
};

}  // namespace fd::engine
