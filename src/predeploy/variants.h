// "A Condition that hangs on a parameter without a default is evaluated both ways": the runs of
// the templates that decide such conditions, and how what those runs find joins the report of
// the undecided run. The undecided run judges a resource of an undecided Condition as created;
// a variant run shows what breaks when it is not (or when an If takes its other branch).
#pragma once

#include <string>
#include <vector>

#include "predeploy/declared_model.h"
#include "report/report.h"

namespace fd::predeploy {

struct Variant {
  std::vector<std::string> parameters;  // "STACK.KEY=VALUE", added to the run's --parameter
  std::string label;                    // "Env=prod", "Env not 'prod' or 'dev'"; joined by ", "
};

// Every combination of the parameters' values when there are at most `max_runs`; else each
// parameter alone, the others left undecided; else (one parameter with too many values) its
// first `max_runs` values. Empty when nothing is undecided.
std::vector<Variant> Variants(const std::vector<UndecidedParameter>& undecided, std::size_t max_runs = 8);

// Adds to `report` the findings of `variant` that it does not hold (same code, target and
// resource), each message ending "(when LABEL)"; a finding several variants add names them
// all. A target's verdict, and the report's, become the worse of the two, so --fail-on gates
// on the worst way. An input note says what the variant changed, "nothing" included.
void AddVariant(report::Report& report, const report::Report& variant, const std::string& label);

}  // namespace fd::predeploy
