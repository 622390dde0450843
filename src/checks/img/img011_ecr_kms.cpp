// IMG011: the KMS key that encrypts a private ECR repository the task pulls from is gone, not
// Enabled, or batch-get-image reported KmsError for it. ECR decrypts layers through grants it
// made when the repository was created, so the key policy is not evaluated here: the key's
// state and ECR's own failure code are what decide (docs/design/causes.md#img011, #iam012).
#include <set>

#include "checks/iam/kms_keys.h"
#include "checks/resource_refs.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kImg011,
    .slug = "img-ecr-kms",
    .title = "repository KMS key unusable (see D12)",
    .severity = report::Severity::kBlocker,
    .group = Group::kResources,
    .rationale = "An ECR repository created with KMS encryption decrypts every layer with its "
                 "customer managed key. When that key is disabled, scheduled for deletion, "
                 "deleted, or its grant for ECR was revoked, the pull fails and the task never "
                 "starts.",
    .evidence = "ecr describe-repositories encryptionConfiguration.kmsKey; kms describe-key "
                "KeyState; ecr batch-get-image failures[].failureCode KmsError",
    .remediation = "Enable the key or cancel its deletion. A repository's encryption cannot be "
                   "changed: when the key is lost, push the image to a new repository.",
    .references = "https://docs.aws.amazon.com/AmazonECR/latest/userguide/encryption-at-rest.html",
};

void Run(const CheckContext& ctx, FindingSink& sink) {
  const model::Model& m = ctx.model;
  // KmsError failures of batch-get-image, by repository ARN-ish key "<registry>/<region>/<repo>".
  std::unordered_map<std::string, const model::EcrImageFailure*> kms_errors;
  for (const auto& f : m.ecr_image_failures())
    if (f.code == "KmsError")
      kms_errors.emplace(f.registry_id + "/" + f.region + "/" + f.repository_name, &f);
  for (const auto& ta : ctx.targets) {
    std::set<std::string> seen;
    for (const EcrImageUse& use : EcrImages(ta.target)) {
      if (!seen.insert(use.repository_arn).second) continue;
      const model::EcrRepository* repo = m.ecr_repositories().Find(use.repository_arn);
      auto err = kms_errors.find(use.ref.account + "/" + use.ref.region + "/" + use.ref.repository);
      if (err != kms_errors.end()) {
        auto& f = sink.Report(kInfo, ta.target, use.repository_arn,
                              "ECR cannot decrypt image " + use.image + " of container " +
                                  use.container + " with the repository's KMS key");
        f.evidence.push_back({use.repository_arn, "batch-get-image failure KmsError: " +
                                                      err->second->reason});
        if (repo && !repo->kms_key.empty())
          f.fix = report::Fix::Of("enable the key and make sure ECR's grant on it is intact",
                                  {fix::Read{"kms", "list-grants", {"--key-id", repo->kms_key}, repo->region}});
      }
      if (!repo || repo->kms_key.empty()) continue;  // AES256, or repository unknown (IMG001)
      KeyLookup k = LookupKey(m, repo->region, repo->registry_id, repo->kms_key);
      CheckKeyState(kInfo, sink, ta.target, k,
                        "ECR repository " + repo->name + " (image of container " + use.container + ")");
    }
  }
}

}  // namespace

const CheckDef kImg011{kInfo, &Run};

}  // namespace fd::checks
