#include <array>
#include <cstdint>
#include <unordered_map>
#include <unordered_set>

#include "analysis/analyze.h"

namespace fd::analysis {
namespace {

// Everything of a target and need that a trace depends on. Targets placed the same way (same
// subnet, security groups, public IP, Region) share one trace: an account's services mostly
// run in a few shared subnets, so this turns N services into a handful of traces. The texts
// are interned (report::Text), so the key is a handful of pointers, compared and hashed as such.
struct TraceKey {
  std::array<const void*, 7> texts{};  ///< subnet, service, need region, host, target region, raw public IP, groups
  std::uint16_t flags = 0;
  bool operator==(const TraceKey&) const = default;
};

struct TraceKeyHash {
  std::size_t operator()(const TraceKey& k) const {
    std::size_t h = k.flags;
    for (const void* p : k.texts) h = h * 1000003u ^ std::hash<const void*>()(p);
    return h;
  }
};

TraceKey KeyOf(const Target& t, const Need& n, const std::string& subnet) {
  std::string groups;
  for (const auto& g : t.security_groups) {
    groups += g;
    groups += '\x1f';
  }
  TraceKey k;
  const std::string* parts[] = {&subnet, &n.service, &n.region, &n.host, &t.region,
                                &t.assign_public_ip_raw, &groups};
  for (size_t i = 0; i < k.texts.size(); ++i) k.texts[i] = report::Text(*parts[i]).c_str();
  k.flags = static_cast<std::uint16_t>(static_cast<int>(n.kind) |
                                       (n.cross_region ? 1 << 8 : 0) | (n.first_pull ? 1 << 9 : 0) |
                                       (t.assign_public_ip ? 1 << 10 : 0) |
                                       ((t.kind == TargetKind::kTask && !t.network_configuration_present) ? 1 << 11 : 0) |
                                       (t.security_groups_known ? 0 : 1 << 12) |
                                       (t.public_ip_known ? 0 : 1 << 13));
  return k;
}

}  // namespace

Analysis Analyze(const model::Model& model, std::vector<Target> targets, const TasksByGroup& tasks_by_group) {
  Analysis out;
  out.targets.reserve(targets.size());
  // Where each distinct trace was first computed (target index, path index): later targets
  // placed the same way copy that path instead of tracing again, and no second copy is kept.
  std::unordered_map<TraceKey, std::pair<size_t, size_t>, TraceKeyHash> cache;
  for (auto& t : targets) {
    out.targets.emplace_back();
    TargetAnalysis& ta = out.targets.back();  // needs must not move once paths point at them
    ta.target = std::move(t);
    const Target& tg = ta.target;
    if (!tg.task_definition) {
      ta.unchecked.push_back(
          {"NET002", "task definition " + tg.task_definition_ref + " of " + tg.name +
                         " is not in the input, so what a start needs is unknown "
                         "(save `aws ecs describe-task-definition` output)"});
    }
    ta.evidence = CollectEvidence(model, tg, tasks_by_group);
    ta.needs = DeriveNeeds(tg, &model);
    std::unordered_set<std::string> seen;
    std::vector<std::string> subnets;
    for (const auto& s : tg.subnets)
      if (seen.insert(s).second) subnets.push_back(s);
    ta.paths.reserve(ta.needs.size() * subnets.size());
    for (const auto& need : ta.needs) {
      for (const auto& s : subnets) {
        TraceKey key = KeyOf(tg, need, s);
        auto it = cache.find(key);
        PathResult p;
        if (it == cache.end()) {
          cache.emplace(key, std::pair(out.targets.size() - 1, ta.paths.size()));
          p = TracePathShared(model, tg, need, s);
        } else {
          // The first copy is already bound to its target: put the placeholders back.
          const TargetAnalysis& first = out.targets[it->second.first];
          p = first.paths[it->second.second];
          for (auto& f : p.faults) {
            if (f.resource == first.target.Key()) f.resource = kThisTarget;
            else if (f.resource == first.target.task_definition_ref) f.resource = kThisTaskDefinition;
          }
        }
        p.need = &need;
        BindToTarget(p, tg);
        ta.paths.push_back(std::move(p));
      }
    }
  }
  return out;
}

Analysis Analyze(const model::Model& model, std::vector<Target> targets) {
  return Analyze(model, std::move(targets), IndexTasksByGroup(model));
}

}  // namespace fd::analysis
