// Pull-through cache lookups: the rule of an image and what the cache already holds.
#include "analysis/pull_through_cache.h"

namespace fd::analysis {

std::optional<PullThroughCacheUse> PullThroughCacheOf(const model::Model& m, const model::ImageRef& ref) {
  if (ref.kind != model::RegistryKind::kEcrPrivate || ref.repository.empty()) return std::nullopt;
  const auto* rule = m.PullThroughCacheRuleFor(ref.account, ref.region, ref.repository);
  if (!rule) return std::nullopt;
  PullThroughCacheUse u;
  u.rule = rule;
  u.repository_arn = "arn:" + model::PartitionOfRegion(ref.region) + ":ecr:" + ref.region + ":" +
                     ref.account + ":repository/" + ref.repository;
  if (m.ecr_repositories().Find(u.repository_arn)) u.repository = CacheState::kPresent;
  else if (m.Covers("ecr " + ref.account + " " + ref.region)) u.repository = CacheState::kAbsent;
  if (u.repository == CacheState::kAbsent) {
    u.image = CacheState::kAbsent;
  } else if (ref.digest.empty() &&
             m.Covers("ecr-images " + ref.account + " " + ref.region + " " + ref.repository)) {
    u.image = m.EcrImageByTag(ref.account, ref.region, ref.repository, ref.tag) ? CacheState::kPresent
                                                                                 : CacheState::kAbsent;
  }
  return u;
}

std::string UpstreamKind(const model::EcrPullThroughCacheRule& rule) {
  if (!rule.upstream_registry.empty()) return rule.upstream_registry;
  const std::string& u = rule.upstream_registry_url;
  auto has = [&](const char* s) { return u.find(s) != std::string::npos; };
  if (has("docker.io")) return "docker-hub";
  if (has("ghcr.io")) return "github-container-registry";
  if (has("gitlab.com")) return "gitlab-container-registry";
  if (has("azurecr.io")) return "azure-container-registry";
  if (has("quay.io")) return "quay";
  if (has("public.ecr.aws")) return "ecr-public";
  if (has("registry.k8s.io")) return "k8s";
  if (has("cgr.dev")) return "chainguard";
  if (has(".dkr.ecr.")) return "ecr";
  return "";
}

}  // namespace fd::analysis
