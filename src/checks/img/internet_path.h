#pragma once
/// Whether a target's subnets have a default route to the internet (IMG006, IMG007, IMG012):
/// used where the image needs the internet although no traced need shows it (pull-through-cache
/// first pulls, Windows foreign layers) or where the kind of egress matters (shared NAT address).

#include <string>
#include <vector>

#include "analysis/analysis.h"
#include "model/model.h"

namespace fd::checks {

enum class Egress { kNat, kIgw, kNone, kUnknown };

/// The IPv4 default route of a subnet: an available NAT gateway (kNat), an internet gateway
/// with a public IP on the task (kIgw), no route to either (kNone), or anything the snapshot
/// cannot settle (no route table, opaque targets, IGW without a public IP is kNone).
Egress SubnetEgress(const model::Model& m, const analysis::Target& t, const std::string& subnet_id);

/// Summary over the target's subnets: the subnets with no internet path and whether any is unknown.
struct EgressSummary {
  std::vector<std::string> without;  ///< subnets whose default route reaches no internet
  bool any_nat = false;
  bool any_internet = false;
  bool unknown = false;
};
EgressSummary SummarizeEgress(const model::Model& m, const analysis::Target& t);

}  // namespace fd::checks
