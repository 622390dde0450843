// IMG001: a private ECR image whose repository is absent from a describe-repositories listing of
// that registry and region, or whose tag no listed image carries. Provable only when the
// snapshot lists that scope; otherwise unchecked. A repository a pull-through cache rule serves
// is IMG009's.
#include "analysis/pull_through_cache.h"
#include "checks/check_util.h"
#include "checks/resource_refs.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kImg001,
    .slug = "img-not-found",
    .title = "repository or tag does not exist where the task looks",
    .severity = report::Severity::kBlocker,
    .group = Group::kResources,
    .rationale = "The image URI names the registry account and region; when that repository or "
                 "tag does not exist there, every pull fails with CannotPullContainerError "
                 "(not found / manifest unknown) and the task stops.",
    .evidence = "task definition containerDefinitions[].image; ecr describe-repositories and "
                "describe-images of the registry and region in the URI",
    .remediation = "Push the image, or correct the repository, tag, account or region in the URI.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_cannot_pull_image.html",
};

void Run(const CheckContext& ctx, FindingSink& sink) {
  const bool any_data = ctx.model.Has("repositories") || ctx.model.Has("imageDetails");
  for (const auto& ta : ctx.targets) {
    for (const EcrImageUse& use : EcrImages(ta.target)) {
      const auto& r = use.ref;
      const std::string scope = r.account + " " + r.region;
      const model::EcrRepository* repo = ctx.model.ecr_repositories().Find(use.repository_arn);
      // A pull-through cache creates the repository and imports the tag on the first pull:
      // whether it can is IMG009's (and VPCE013's for the network).
      if (analysis::PullThroughCacheOf(ctx.model, r)) continue;
      if (!repo && ctx.model.Covers("ecr " + scope)) {
        auto& f = sink.Report(kInfo, ta.target, use.repository_arn,
                              "repository " + r.repository + " of image " + use.image +
                                  " (container " + use.container + ") does not exist in registry " +
                                  r.account + " in " + r.region);
        f.evidence.push_back({use.repository_arn, "describe-repositories of " + r.account + " in " +
                                                      r.region + " has no repository " + r.repository});
        f.fix = report::Fix::Of("push the image to that repository or correct the image URI",
                                {fix::Read{"ecr", "describe-repositories", {"--registry-id", r.account}, r.region}});
        continue;
      }
      if (!r.digest.empty()) continue;  // a pinned digest is IMG002's
      if (ctx.model.Covers("ecr-images " + scope + " " + r.repository)) {
        if (ctx.model.EcrImageByTag(r.account, r.region, r.repository, r.tag)) continue;
        auto& f = sink.Report(kInfo, ta.target, use.repository_arn,
                              "tag " + r.tag + " of image " + use.image + " (container " +
                                  use.container + ") does not exist in repository " + r.repository);
        f.evidence.push_back({use.repository_arn, "describe-images of " + r.repository +
                                                      " lists no image tagged " + r.tag});
        f.fix = report::Fix::Of("push the tag or correct the image URI", {DescribeImages(r)});
        continue;
      }
      if (!any_data || repo || ctx.model.Has("imageDetails"))
        sink.Unchecked(kInfo, "image " + use.image + ": the snapshot has no describe-images of " +
                                  r.repository + " in " + r.region);
    }
  }
}

}  // namespace

const CheckDef kImg001{kInfo, &Run};

}  // namespace fd::checks
