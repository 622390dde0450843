// IMG004: the image is a manifest list (batch-get-image) without an entry for the task's
// platform: runtimePlatform operatingSystemFamily/cpuArchitecture, linux/amd64 when absent.
// Single-architecture images need the image config, which no AWS API JSON carries.
#include "checks/check_util.h"
#include "checks/resource_refs.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kImg004,
    .slug = "img-arch-mismatch",
    .title = "image architecture ≠ task architecture",
    .severity = report::Severity::kBlocker,
    .group = Group::kResources,
    .rationale = "A multi-architecture image only runs where its index has an entry for the "
                 "task's operating system and CPU architecture; otherwise the pull fails with "
                 "\"image Manifest does not contain descriptor matching platform\".",
    .evidence = "task definition runtimePlatform; ecr batch-get-image imageManifest "
                "manifests[].platform",
    .remediation = "Build the image for the task's platform (docker buildx --platform), or set "
                   "runtimePlatform.cpuArchitecture to one the image has.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-arm64.html",
};

void Run(const CheckContext& ctx, FindingSink& sink) {
  for (const auto& ta : ctx.targets) {
    const auto* td = ta.target.task_definition;
    if (!td) continue;
    const std::string os = ta.target.windows ? "windows" : "linux";
    const std::string arch = td->cpu_architecture == "ARM64" ? "arm64" : "amd64";
    const std::string want = os + "/" + arch;
    for (const EcrImageUse& use : EcrImages(ta.target)) {
      const model::EcrImage* img = ResolveImage(ctx.model, use);
      if (!img || !img->platforms_known) continue;
      bool ok = false;
      for (const auto& p : img->platforms) ok = ok || p == want;
      if (ok) continue;
      auto& f = sink.Report(kInfo, ta.target, use.repository_arn,
                            "image " + use.image + " (container " + use.container +
                                ") has no " + want + " variant");
      f.evidence.push_back({use.repository_arn, img->digest + " is a manifest list of " +
                                                    JoinList(img->platforms)});
      f.fix = {"push a " + want + " variant, or set runtimePlatform to one of " +
                   JoinList(img->platforms),
               {"docker buildx build --platform " + want + " --push -t " + use.image + " ."}};
    }
  }
}

}  // namespace

const CheckDef kImg004{kInfo, &Run};

}  // namespace fd::checks
