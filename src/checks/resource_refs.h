#pragma once
/// What a task definition references outside the network, resolved against the snapshot for the
/// resource checks (IMG, SEC, LOG): ECR images, Secrets Manager secrets, SSM parameters. Each
/// lookup answers found / missing (provably: the snapshot lists the whole scope) / unknown.

#include <string>
#include <vector>

#include "analysis/analysis.h"
#include "fix/step.h"
#include "model/image_ref.h"
#include "model/model.h"

namespace fd::checks {

enum class Presence { kFound, kMissing, kUnknown };

/// One `valueFrom` (secrets, secretOptions) or repositoryCredentials reference.
struct SecretRef {
  std::string container;
  std::string where;       ///< "secret DB_PASSWORD", "log secretOption token", "repositoryCredentials"
  std::string value_from;  ///< as written
  bool ssm = false;        ///< an SSM parameter (name or arn:…:ssm:…); else Secrets Manager
  std::string region;      ///< from the ARN, else the task's
  std::string account;
  std::string name;        ///< secret name (maybe with its 6-char suffix) or parameter name
  std::string base_arn;    ///< secret ARN without :json-key:stage:id
  std::string json_key, version_stage, version_id;
  bool log_option = false;
};

/// Every secret reference of the target's task definition, in container order.
std::vector<SecretRef> SecretRefs(const analysis::Target& t);

struct SecretLookup {
  Presence presence = Presence::kUnknown;
  const model::Secret* secret = nullptr;
  const model::SsmParameter* parameter = nullptr;
  std::string note;  ///< why missing or unknown
};
SecretLookup LookupSecret(const model::Model& m, const SecretRef& ref);

/// A private ECR image of a container, with its repository ARN.
struct EcrImageUse {
  std::string container;
  std::string image;
  model::ImageRef ref;
  std::string repository_arn;
};
std::vector<EcrImageUse> EcrImages(const analysis::Target& t);
/// The image a reference names (digest first, else tag); nullptr when unknown.
const model::EcrImage* ResolveImage(const model::Model& m, const EcrImageUse& use);
/// The read that lists the images of a reference's repository (IMG001, IMG002, IMG005 fixes).
fix::Read DescribeImages(const model::ImageRef& r);

}  // namespace fd::checks
