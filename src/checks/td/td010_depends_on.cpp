// TD010: a container dependency that can never be satisfied: it names a missing container,
// waits for HEALTHY without a healthCheck, for COMPLETE/SUCCESS of an essential container, or
// forms a cycle (docs/design/causes.md#td010). Reported as warnings, the check's default severity.
#include <unordered_map>

#include "checks/check_util.h"
#include "checks/td/td_rules.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kTd010,
    .slug = "td-depends-on",
    .title = "container dependency never satisfied",
    .severity = report::Severity::kWarning,
    .group = Group::kResources,
    .rationale = "A container waits for its dependsOn conditions before it starts: HEALTHY needs a "
                 "health check on the other container, COMPLETE and SUCCESS need it to exit (which "
                 "an essential container must not do), and a cycle never resolves. The task stays "
                 "PENDING until a timeout stops it.",
    .evidence = "containerDefinitions[].dependsOn, healthCheck, essential",
    .remediation = "Point dependsOn at existing containers, add the health check, make exiting "
                   "containers non-essential, and break cycles.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_dependson",
};

void Run(const CheckContext& ctx, FindingSink& sink) {
  for (const auto& ta : ctx.targets) {
    const auto& t = ta.target;
    const model::TaskDefinition* td = t.task_definition;
    if (!td) continue;
    const auto& cs = td->containers;
    std::unordered_map<std::string, size_t> by_name;
    for (size_t i = 0; i < cs.size(); ++i) by_name.emplace(cs[i].name, i);
    std::vector<std::string> claims;
    std::vector<std::vector<size_t>> edges(cs.size());
    for (size_t i = 0; i < cs.size(); ++i) {
      for (const auto& d : cs[i].depends_on) {
        auto it = by_name.find(d.container_name);
        const std::string who = "container " + cs[i].name + " waits for " + d.container_name;
        if (it == by_name.end()) {
          claims.push_back(who + ", which the task definition does not define");
          continue;
        }
        edges[i].push_back(it->second);
        const auto& other = cs[it->second];
        if (d.condition == "HEALTHY" && !other.health_check)
          claims.push_back(who + " to be HEALTHY, but " + other.name + " has no healthCheck");
        if ((d.condition == "COMPLETE" || d.condition == "SUCCESS") && other.essential)
          claims.push_back(who + " to " + d.condition + ", but " + other.name +
                           " is essential (its exit stops the task)");
      }
    }
    // Cycle search: iterative three-colour DFS, linear in containers + dependencies.
    std::vector<int> colour(cs.size(), 0);
    bool found = false;
    for (size_t root = 0; root < cs.size() && !found; ++root) {
      if (colour[root] != 0) continue;
      std::vector<std::pair<size_t, size_t>> stack{{root, 0}};
      colour[root] = 1;
      while (!stack.empty() && !found) {
        auto& [node, next] = stack.back();
        if (next == edges[node].size()) {
          colour[node] = 2;
          stack.pop_back();
          continue;
        }
        size_t to = edges[node][next++];
        if (colour[to] == 1) {
          std::string chain = cs[to].name;
          for (size_t k = stack.size(); k-- > 0;) {
            chain = cs[stack[k].first].name + " -> " + chain;
            if (stack[k].first == to) break;
          }
          claims.push_back("dependsOn forms a cycle: " + chain);
          found = true;
        } else if (colour[to] == 0) {
          colour[to] = 1;
          stack.push_back({to, 0});
        }
      }
    }
    if (claims.empty()) continue;
    const std::string resource = td::TaskDefinitionResource(*td);
    auto& f = sink.Report(kInfo, t, resource,
                          "a container dependency of " + td->DisplayName() + " can never be satisfied");
    for (auto& c : claims) f.evidence.push_back({resource, c});
    f.fix = report::Fix::Of("fix the dependsOn conditions and register a new revision",
             {td::NewRevision(t, "fix containerDefinitions[].dependsOn (existing containers, a "
                                        "healthCheck for HEALTHY, essential=false for COMPLETE/SUCCESS, "
                                        "no cycles)")});
  }
}

}  // namespace

const CheckDef kTd010{kInfo, &Run};

}  // namespace fd::checks
