// IMG002: an image pinned by digest (repo@sha256:…) whose digest the repository's
// describe-images listing no longer holds (lifecycle expiry, manual delete). Unchecked when the
// snapshot does not list that repository's images.
#include "checks/check_util.h"
#include "checks/resource_refs.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kImg002,
    .slug = "img-digest-gone",
    .title = "pinned or ECS-resolved digest no longer exists",
    .severity = report::Severity::kWarning,
    .group = Group::kResources,
    .rationale = "A digest names one exact image; once it is deleted (often by a lifecycle "
                 "policy after the tag moved) pulls by that digest fail even though the tag "
                 "still exists.",
    .evidence = "task definition image digest; ecr describe-images of the repository",
    .remediation = "Pin a digest that exists, or deploy by tag again; keep in-use digests out "
                   "of lifecycle rules.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-ecs.html",
};

void Run(const CheckContext& ctx, FindingSink& sink) {
  for (const auto& ta : ctx.targets) {
    for (const EcrImageUse& use : EcrImages(ta.target)) {
      const auto& r = use.ref;
      if (r.digest.empty()) continue;
      if (ResolveImage(ctx.model, use)) continue;
      if (!ctx.model.Covers("ecr-images " + r.account + " " + r.region + " " + r.repository)) {
        sink.Unchecked(kInfo, "image " + use.image + ": the snapshot has no describe-images of " +
                                  r.repository + " in " + r.region);
        continue;
      }
      auto& f = sink.Report(kInfo, ta.target, use.repository_arn,
                            "digest " + r.digest + " of container " + use.container +
                                " no longer exists in repository " + r.repository);
      f.evidence.push_back({use.repository_arn, "describe-images of " + r.repository +
                                                    " lists no image " + r.digest});
      f.fix = report::Fix::Of("reference an existing digest or a tag", {DescribeImages(r)});
    }
  }
}

}  // namespace

const CheckDef kImg002{kInfo, &Run};

}  // namespace fd::checks
