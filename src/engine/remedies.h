#pragma once
/// The complete set of changes (issue 6, item 2): for a target whose start is blocked, every
/// change each alternative takes before every destination is reachable, not only the first
/// failure. Each alternative starts from a strategy (internet through a usable NAT gateway,
/// through a new NAT gateway, or VPC endpoints), takes the change that clears the first fault
/// of every still-blocked path, traces those paths again under the changes so far
/// (analysis/assumptions.h), and repeats until nothing is blocked, a fault no change of that
/// strategy can clear is met, or a small bound is hit.

#include <string>
#include <unordered_map>
#include <vector>

#include "analysis/analysis.h"
#include "model/model.h"
#include "report/report.h"

namespace fd::engine {

/// Plans shared by targets placed the same way (same subnets, groups, public IP, needs).
using RemedyCache = std::unordered_map<std::string, std::vector<report::Remedy>>;

/// The alternatives for one target, the cheapest marked `fewest`; empty when no path of the
/// target is blocked or its subnets span several VPCs.
std::vector<report::Remedy> PlanRemedies(const model::Model& model,
                                         const analysis::TargetAnalysis& ta,
                                         RemedyCache* cache = nullptr);

}  // namespace fd::engine
