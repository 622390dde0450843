#include <unordered_set>

#include "analysis/analyze.h"

namespace fd::analysis {

Analysis Analyze(const model::Model& model, std::vector<Target> targets) {
  Analysis out;
  out.targets.reserve(targets.size());
  for (auto& t : targets) {
    TargetAnalysis ta;
    ta.target = std::move(t);
    const Target& tg = ta.target;
    if (!tg.task_definition) {
      ta.unchecked.push_back(
          {"NET002", "task definition " + tg.task_definition_ref +
                         " of " + tg.name + " is not in the input, so what a start needs is unknown "
                         "(save `aws ecs describe-task-definition` output)"});
    }
    ta.needs = DeriveNeeds(tg);
    std::unordered_set<std::string> seen;
    std::vector<std::string> subnets;
    for (const auto& s : tg.subnets)
      if (seen.insert(s).second) subnets.push_back(s);
    ta.paths.reserve(ta.needs.size() * subnets.size());
    out.targets.push_back(std::move(ta));
    TargetAnalysis& placed = out.targets.back();  // needs must not move after paths point at them
    for (const auto& need : placed.needs)
      for (const auto& s : subnets) placed.paths.push_back(TracePath(model, placed.target, need, s));
  }
  return out;
}

}  // namespace fd::analysis
