#pragma once
/// The model's ECR entities: repositories, images and their failures, pull-through cache
/// rules and registry policies (repository policies are in model/iam.h, with the other
/// resource policies).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "util/source_ref.h"

namespace fd::model {

/// ecr describe-repositories. Keyed by ARN (arn:<p>:ecr:<region>:<registry>:repository/<name>).
struct EcrRepository {
  std::string arn;
  std::string name;
  std::string uri;
  std::string registry_id;
  std::string region;
  std::string encryption_type;  ///< AES256 | KMS | KMS_DSSE
  std::string kms_key;
  SourceRef source;
};

/// ecr describe-images (and batch-get-image for the manifest). Keyed by EcrImageKey().
struct EcrImage {
  std::string registry_id;
  std::string region;
  std::string repository_name;
  std::string digest;
  std::vector<std::string> tags;
  std::string manifest_media_type;  ///< imageManifestMediaType
  std::string artifact_media_type;  ///< artifactMediaType
  std::optional<int64_t> size_bytes;
  std::string status;  ///< imageStatus (ACTIVE | ARCHIVED | ACTIVATING); "" when not given
  /// "os/architecture" of each entry of a manifest list (batch-get-image); empty when unknown.
  std::vector<std::string> platforms;
  bool platforms_known = false;  ///< the manifest was read and was a list
  SourceRef source;
};
/// "<registry>/<region>/<repository>@<digest>" or "…:<tag>" (failures).
std::string EcrImageKey(const std::string& registry, const std::string& region,
                        const std::string& repository, const std::string& tag_or_digest);

/// ecr describe-pull-through-cache-rules pullThroughCacheRules[]. Keyed by
/// "<registry> <region> <prefix>"; region "" when no source names it (then it matches the
/// registry's images in any Region).
struct EcrPullThroughCacheRule {
  std::string registry_id;
  std::string region;
  std::string prefix;  ///< ecrRepositoryPrefix without a trailing '/'; "ROOT" matches every name
  std::string upstream_registry_url;  ///< registry-1.docker.io, ghcr.io, <acct>.dkr.ecr.<r>.amazonaws.com
  std::string upstream_registry;      ///< docker-hub | github-container-registry | quay | ecr | …; "" when not given
  std::string credential_arn;         ///< Secrets Manager secret; "" when none
  std::string custom_role_arn;        ///< ECR-to-ECR rules only
  std::string upstream_repository_prefix;
  SourceRef source;
};

/// ecr get-registry-policy (the private registry's permissions, one per account and Region).
/// Keyed by "<registry> <region>". policy nullopt: the registry provably has none
/// (RegistryPolicyNotFoundException in an error envelope).
struct EcrRegistryPolicy {
  std::string registry_id;
  std::string region;
  std::optional<std::string> policy;
  SourceRef source;
};

/// batch-get-image failures[]: ImageNotFound, ImageTagDoesNotMatchDigest, … Keyed by
/// EcrImageKey(…, tag or digest).
struct EcrImageFailure {
  std::string key;
  std::string registry_id;
  std::string region;
  std::string repository_name;
  std::string tag;
  std::string digest;
  std::string code;  ///< failureCode
  std::string reason;
  SourceRef source;
};

}  // namespace fd::model
