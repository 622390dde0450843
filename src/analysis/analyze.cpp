#include <array>
#include <cstdint>
#include <unordered_map>
#include <unordered_set>

#include "analysis/analyze.h"
#include "fix/step.h"

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

struct TraceCache::Impl {
  std::unordered_map<TraceKey, PathResult, TraceKeyHash> paths;  ///< unbound (TracePathShared)
};

TraceCache::TraceCache(size_t capacity) : impl_(std::make_unique<Impl>()), capacity_(capacity) {}
TraceCache::~TraceCache() = default;

Analysis Analyze(const model::Model& model, std::vector<Target> targets, const TasksByGroup& tasks_by_group,
                 TraceCache& cache) {
  Analysis out;
  out.targets.reserve(targets.size());
  auto& shared = cache.impl_->paths;
  // This batch's traces: where each was first computed (target index, path index), so a later
  // target placed the same way copies it instead of tracing again, and no second copy is kept.
  // A trace met twice is shared, and only then is kept in `cache` for later batches: an
  // account where every service has its own security group would otherwise fill the cache
  // with traces no other batch asks for.
  std::unordered_map<TraceKey, std::pair<size_t, size_t>, TraceKeyHash> first_seen;
  for (auto& t : targets) {
    out.targets.emplace_back();
    TargetAnalysis& ta = out.targets.back();  // needs must not move once paths point at them
    ta.target = std::move(t);
    const Target& tg = ta.target;
    if (!tg.task_definition) {
      ta.unchecked.push_back(
          {Code::kNet002, "task definition " + tg.task_definition_ref + " of " + tg.name +
                         " is not in the input, so what a start needs is unknown (save `" +
                         fix::Cli(fix::Read{"ecs", "describe-task-definition",
                                            {"--task-definition", tg.task_definition_ref}}).front() +
                         "` output)"});
    }
    ta.evidence = CollectEvidence(model, tg, tasks_by_group);
    // A container without an image (a template whose image only deployment will know) has no
    // registry to reach: what its pull needs is unknown, not fine.
    if (tg.task_definition)
      for (const auto& c : tg.task_definition->containers)
        if (c.image.empty())
          ta.unchecked.push_back({Code::kImg001, "the image of container " + c.name + " of " + tg.name +
                                                     " is not known, so the registry its pull reaches is not checked"});
    ta.needs = DeriveNeeds(tg, &model);
    std::unordered_set<std::string> seen;
    std::vector<std::string> subnets;
    for (const auto& s : tg.subnets)
      if (seen.insert(s).second) subnets.push_back(s);
    ta.paths.reserve(ta.needs.size() * subnets.size());
    for (const auto& need : ta.needs) {
      for (const auto& s : subnets) {
        TraceKey key = KeyOf(tg, need, s);
        PathResult p;
        if (auto hit = shared.find(key); hit != shared.end()) {
          p = hit->second;  // the trace's steps are shared, not copied
        } else if (auto it = first_seen.find(key); it != first_seen.end()) {
          // The first copy is already bound to its target: put the placeholders back.
          const TargetAnalysis& first = out.targets[it->second.first];
          p = first.paths[it->second.second];
          for (auto& f : p.faults) {
            if (f.resource == first.target.Key()) f.resource = kThisTarget;
            else if (f.resource == first.target.task_definition_ref) f.resource = kThisTaskDefinition;
          }
          if (shared.size() >= cache.capacity_) shared.clear();
          shared.emplace(key, p);
        } else {
          first_seen.emplace(key, std::pair(out.targets.size() - 1, ta.paths.size()));
          p = TracePathShared(model, tg, need, s);
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
  TraceCache cache;
  return Analyze(model, std::move(targets), IndexTasksByGroup(model), cache);
}

}  // namespace fd::analysis
