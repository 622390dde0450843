// SVC004: the capacity provider strategy cannot place a Fargate task: it names FARGATE or
// FARGATE_SPOT while the cluster has not associated that provider, or it mixes Fargate and
// Auto Scaling group providers. Needs the cluster from describe-clusters.
#include "checks/check_util.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kSvc004,
    .slug = "svc-capacity-provider",
    .title = "strategy unusable",
    .severity = report::Severity::kBlocker,
    .group = Group::kResources,
    .rationale = "A capacity provider strategy may only name providers associated with the cluster, "
                 "and may not mix the Fargate providers with Auto Scaling group providers; ECS "
                 "cannot place a task with such a strategy.",
    .evidence = "describe-services capacityProviderStrategy, describe-clusters capacityProviders",
    .remediation = "Associate FARGATE / FARGATE_SPOT with the cluster, or change the strategy.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-capacity-providers.html",
};

bool IsFargateProvider(const std::string& p) { return p == "FARGATE" || p == "FARGATE_SPOT"; }

void Run(const CheckContext& ctx, FindingSink& sink) {
  for (const auto& ta : ctx.targets) {
    const auto& t = ta.target;
    if (t.capacity_provider_strategy.empty()) continue;
    bool fargate = false, other = false;
    for (const auto& c : t.capacity_provider_strategy) (IsFargateProvider(c.capacity_provider) ? fargate : other) = true;
    if (fargate && other) {
      auto& f = sink.Report(kInfo, t, t.Key(),
                            "the capacity provider strategy of " + t.name +
                                " mixes Fargate and Auto Scaling group providers, which ECS does not allow");
      for (const auto& c : t.capacity_provider_strategy)
        f.evidence.push_back({t.Key(), "capacityProvider " + c.capacity_provider + " weight " +
                                           std::to_string(c.weight) + " base " + std::to_string(c.base)});
      f.fix = report::Fix::Of("use only FARGATE / FARGATE_SPOT in the strategy of a Fargate service", {});
    }
    if (!fargate) continue;
    const model::Cluster* cl = ctx.model.clusters().Find(t.cluster_arn);
    if (!cl) {
      sink.Unchecked(kInfo, "cluster " + t.cluster_arn + " of " + t.name +
                                " is not in the snapshot, so its capacity providers are unknown (save `" +
                                fix::Cli(fix::Read{"ecs", "describe-clusters", {"--clusters", t.cluster_arn}}).front() +
                                "` output)");
      continue;
    }
    std::vector<std::string> missing;
    for (const auto& c : t.capacity_provider_strategy)
      if (IsFargateProvider(c.capacity_provider) &&
          std::find(cl->capacity_providers.begin(), cl->capacity_providers.end(), c.capacity_provider) ==
              cl->capacity_providers.end() &&
          std::find(missing.begin(), missing.end(), c.capacity_provider) == missing.end())
        missing.push_back(c.capacity_provider);
    if (missing.empty()) continue;
    auto& f = sink.Report(kInfo, t, cl->arn,
                          "the strategy of " + t.name + " names " + JoinList(missing) + " but cluster " + cl->name +
                              " has not associated " + (missing.size() == 1 ? "it" : "them"));
    f.evidence.push_back({cl->arn, "capacityProviders of " + cl->name + ": " +
                                       (cl->capacity_providers.empty() ? std::string("(none)")
                                                                       : JoinList(cl->capacity_providers, 10))});
    std::vector<std::string> all = cl->capacity_providers;
    for (const auto& p : missing) all.push_back(p);
    f.fix = report::Fix::Of(
        "associate the providers with the cluster (keep the existing ones in the list)",
        {fix::ClusterCapacityProviders{cl->name, std::move(all), "capacityProvider=FARGATE,weight=1", cl->region}});
  }
}

}  // namespace

const CheckDef kSvc004{kInfo, &Run};

}  // namespace fd::checks
