#pragma once
/// What one stretch of a path found, returned by value by every piece of the tracer (trace.h)
/// and joined in packet order by Run.

#include <initializer_list>
#include <string>
#include <vector>

#include "analysis/analysis.h"
#include "report/report.h"

namespace fd::analysis::trace {

/// Where a path ended: reached, blocked by a fault, or undecided.
enum class End { kReached, kBlocked, kUnknown };

/// A fault with its check code; the tracer's one way of naming a cause.
inline Fault MakeFault(Code code, report::Severity severity, std::string resource, std::string claim) {
  return Fault{code, severity, std::move(resource), std::move(claim)};
}

/// One stretch of a path: how it ended, the faults met on it, the steps a packet took and the
/// gaps (checks that could not decide). Routing faults (no route, a gateway that cannot
/// forward, an endpoint that does not serve) are kept apart from filter faults (security
/// groups, network ACLs): on a path with no way through, the filters do not matter
/// (docs/design/checks.md "Which code a blocked path reports").
struct Leg {
  End end = End::kReached;
  std::vector<Fault> routing;
  std::vector<Fault> filters;
  bool unknown = false;  ///< something on the way was undecided
  std::string via;       ///< the last hop that carried the packet: nat-…, igw-…, vpce-…, local
  std::vector<report::TraceStep> steps;
  std::vector<analysis::Gap> gaps;

  void Step(std::string hop, std::string resource, std::string step, report::StepAction action,
            std::string detail) {
    steps.push_back({std::move(hop), std::move(resource), std::move(step), action, std::move(detail)});
  }
  void Gap(std::initializer_list<Code> codes, const std::string& reason) {
    for (Code c : codes) gaps.push_back({c, reason});
  }
  void Gap(const std::vector<Code>& codes, const std::string& reason) {
    for (Code c : codes) gaps.push_back({c, reason});
  }
  /// Ends here, undecided.
  Leg& Undecided() {
    unknown = true;
    end = End::kUnknown;
    return *this;
  }
  /// Continues with `next`: its steps, gaps and faults after these, its end, its via when it
  /// has one, and undecided when either is.
  Leg& Then(Leg next);
  bool HasBlocker() const;  ///< a filter or routing fault is a blocker
};

}  // namespace fd::analysis::trace
