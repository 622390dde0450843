#pragma once
/// Whether a private ECR image is served through a pull-through cache rule, and whether the
/// cache already holds it (docs/design/causes.md#img009, #vpce013): shared by the needs (a first pull needs the
/// internet), IMG009 (the rule's configuration and the role's import permissions) and IMG001
/// (a cached repository that does not exist yet is not "not found").

#include <optional>
#include <string>

#include "model/image_ref.h"
#include "model/model.h"

namespace fd::analysis {

enum class CacheState {
  kPresent,  ///< in the snapshot
  kAbsent,   ///< provably not there (a whole listing of its scope says so)
  kUnknown,  ///< the snapshot cannot tell
};

struct PullThroughCacheUse {
  const model::EcrPullThroughCacheRule* rule = nullptr;
  std::string repository_arn;  ///< the cached repository the image lives in
  CacheState repository = CacheState::kUnknown;
  CacheState image = CacheState::kUnknown;  ///< the tag (or digest) inside it
  /// True when the next pull is (provably) the first of this image through the rule.
  bool FirstPull() const { return repository == CacheState::kAbsent || image == CacheState::kAbsent; }
};

/// The rule serving `ref` (a private ECR image) and the cache's state; nullopt when no rule of
/// the snapshot matches (or the image is not private ECR).
std::optional<PullThroughCacheUse> PullThroughCacheOf(const model::Model& m, const model::ImageRef& ref);

/// The upstream registry's kind: `upstreamRegistry` when given, else guessed from the URL
/// (docker-hub, github-container-registry, gitlab-container-registry, azure-container-registry,
/// quay, ecr-public, k8s, ecr, chainguard); "" when unknown.
std::string UpstreamKind(const model::EcrPullThroughCacheRule& rule);

}  // namespace fd::analysis
