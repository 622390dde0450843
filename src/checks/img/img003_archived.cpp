// IMG003: the image a container names is in the ECR archive storage class (describe-images
// imageStatus ARCHIVED): archived images are listed but cannot be pulled until restored.
#include "checks/check_util.h"
#include "checks/resource_refs.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kImg003,
    .slug = "img-archived",
    .title = "ECR image moved to the archive storage class",
    .severity = report::Severity::kWarning,
    .group = Group::kResources,
    .rationale = "ECR keeps archived images in the listing but answers pulls with not found "
                 "until the image is restored to the standard storage class.",
    .evidence = "ecr describe-images imageStatus",
    .remediation = "Restore the image to the standard storage class, or push it again.",
    .references = "https://docs.aws.amazon.com/AmazonECR/latest/userguide/archive-image.html",
};

void Run(const CheckContext& ctx, FindingSink& sink) {
  for (const auto& ta : ctx.targets) {
    for (const EcrImageUse& use : EcrImages(ta.target)) {
      const model::EcrImage* img = ResolveImage(ctx.model, use);
      if (!img || (img->status != "ARCHIVED" && img->status != "ARCHIVE")) continue;
      const auto& r = use.ref;
      auto& f = sink.Report(kInfo, ta.target, use.repository_arn,
                            "image " + use.image + " (container " + use.container + ") is archived");
      f.evidence.push_back({use.repository_arn, img->digest + " imageStatus " + img->status});
      f.fix = report::Fix::Of("restore the image to the standard storage class",
                              {fix::ImageStorageClass{r.account, r.repository, img->digest, r.region}});
    }
  }
}

}  // namespace

const CheckDef kImg003{kInfo, &Run};

}  // namespace fd::checks
