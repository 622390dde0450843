// SVC008: the service's cluster is INACTIVE (or gone) in describe-clusters. Silent when the
// snapshot has no describe-clusters output for the service's Region: a cluster that was not
// collected is not a missing cluster.
#include <unordered_set>

#include "checks/check_util.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kSvc008,
    .slug = "svc-cluster-state",
    .title = "cluster missing/inactive or wrong Region",
    .severity = report::Severity::kBlocker,
    .group = Group::kResources,
    .rationale = "Tasks are only placed in an ACTIVE cluster; a deleted (INACTIVE) cluster, or one "
                 "looked for in another Region, takes no tasks.",
    .evidence = "describe-clusters status (and its absence from a describe-clusters answer of the "
                "same Region), the service's clusterArn",
    .remediation = "Create the service in an ACTIVE cluster of the intended Region.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Cluster.html",
};

void Run(const CheckContext& ctx, FindingSink& sink) {
  std::unordered_set<std::string> regions_with_clusters;
  for (const auto& c : ctx.model.clusters()) regions_with_clusters.insert(c.region);
  for (const auto& ta : ctx.targets) {
    const auto& t = ta.target;
    if (t.cluster_arn.empty()) continue;
    const model::Cluster* cl = ctx.model.clusters().Find(t.cluster_arn);
    std::string region = model::RegionOfArn(t.cluster_arn);
    std::string name = t.cluster_arn.substr(t.cluster_arn.rfind('/') + 1);
    if (cl) {
      if (cl->status.empty() || cl->status == "ACTIVE" || cl->status == "PROVISIONING") continue;
      auto& f = sink.Report(kInfo, t, cl->arn, "cluster " + cl->name + " of " + t.name + " is " + cl->status);
      f.evidence.push_back({cl->arn, "describe-clusters status " + cl->status});
      f.fix = report::Fix::Of("create an ACTIVE cluster and the service in it", {fix::Cluster{cl->name, region}});
    } else if (!region.empty() && regions_with_clusters.count(region)) {
      auto& f = sink.Report(kInfo, t, t.cluster_arn,
                            "cluster " + name + " of " + t.name + " is not in the describe-clusters output of " + region);
      f.evidence.push_back({t.cluster_arn, "describe-clusters for " + region + " lists other clusters but not " + name});
      f.fix = report::Fix::Of("check that the cluster exists in " + region,
                              {fix::Read{"ecs", "describe-clusters", {"--clusters", name}, region}});
    }
  }
}

}  // namespace

const CheckDef kSvc008{kInfo, &Run};

}  // namespace fd::checks
