#pragma once
/// The hops of a trace as the drawings show them (HTML hop diagrams, Markdown's Mermaid
/// flowcharts): consecutive steps that one hop decides with one kind of check are one box, and
/// the box holding the step that decides a path that is not reachable is marked failing.

#include <string>
#include <string_view>
#include <vector>

#include "report/report.h"

namespace fd::writers {

/// One box: the consecutive trace steps that the same hop and kind of check decided (a network
/// ACL's egress and reply steps are one box).
struct Hop {
  std::string kind;      ///< "DNS", "security group", "network ACL", "route table", "NAT gateway",
                         ///< "NAT subnet route table", "endpoint subnet ACL", …
  std::string resource;  ///< the deciding resource (sg-…, acl-…, rtb-…); else the hop's name
  std::string where;     ///< the hop as the trace names it: "eni (task)", "subnet … (nat-…)"
  report::StepAction action = report::StepAction::kPermitted;  ///< the worst of its steps
  std::vector<const report::TraceStep*> steps;
  bool failing = false;  ///< holds the step that decides a blocked or undecided path
};

/// The trace of `d` as boxes, in packet order; the deciding step's box is marked failing.
std::vector<Hop> HopsOf(const report::Dependency& d);

/// The step that decides a path that is not reachable: the first that denies or finds no
/// route (blocked), else the first unknown, else the last; nullptr for a reachable path.
const report::TraceStep* DecidingStep(const report::Dependency& d);

/// The symbol of a step's action: ✓ permitted, → forwarded, ? unknown, ✗ denied or no route.
std::string_view ActionSymbol(report::StepAction a);

}  // namespace fd::writers
