#pragma once
/// A container image reference split the way a registry client reads it, so the tool knows
/// which network destinations a pull needs: private ECR (ecr.api + ecr.dkr + S3 layers, in the
/// registry's region and partition), ECR Public, Docker Hub, or another registry (internet).

#include <string>
#include <string_view>

namespace fd::model {

enum class RegistryKind { kEcrPrivate, kEcrPublic, kDockerHub, kOther, kMalformed };

struct ImageRef {
  RegistryKind kind = RegistryKind::kMalformed;
  std::string registry;    ///< host: 1111….dkr.ecr.eu-west-3.amazonaws.com, registry-1.docker.io
  std::string repository;  ///< api, library/nginx
  std::string tag;         ///< "latest" when neither tag nor digest is given
  std::string digest;      ///< sha256:…
  std::string account;     ///< private ECR only
  std::string region;      ///< private ECR only
  bool dual_stack = false; ///< <acct>.dkr-ecr.<region>.on.aws
  bool fips = false;
};

/// Parses "[host[:port]/]path[:tag][@digest]" following the Docker reference grammar: the
/// first component is a host only if it holds a '.' or ':' or is "localhost".
ImageRef ParseImageRef(std::string_view image);

}  // namespace fd::model
