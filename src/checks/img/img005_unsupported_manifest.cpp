// IMG005: the image's artifactMediaType is not a container image config (a Helm chart, a
// signature, an SBOM: blocker), or its manifest is Docker schema 1 (warning: runtimes are
// dropping it). Unknown media types (absent) say nothing.
#include "checks/check_util.h"
#include "checks/resource_refs.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kImg005,
    .slug = "img-unsupported-manifest",
    .title = "artifact is not a runnable image or uses an old manifest schema",
    .severity = report::Severity::kBlocker,
    .group = Group::kResources,
    .rationale = "ECR stores any OCI artifact; only container images can be run, and Docker "
                 "schema 1 manifests are no longer pulled by current container runtimes.",
    .evidence = "ecr describe-images artifactMediaType and imageManifestMediaType",
    .remediation = "Reference a container image, or rebuild and push the image with a current "
                   "builder.",
    .references = "https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-manifest-formats.html",
};

bool RunnableConfig(const std::string& t) {
  return t == "application/vnd.docker.container.image.v1+json" ||
         t == "application/vnd.oci.image.config.v1+json";
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  for (const auto& ta : ctx.targets) {
    for (const EcrImageUse& use : EcrImages(ta.target)) {
      const model::EcrImage* img = ResolveImage(ctx.model, use);
      if (!img) continue;
      const auto& r = use.ref;
      // Docker V2 Schema 1 is application/vnd.docker.distribution.manifest.v1+json (or
      // +prettyjws); the OCI image manifest, application/vnd.oci.image.manifest.v1+json, is
      // current and runs.
      const bool schema1 =
          img->manifest_media_type.rfind("application/vnd.docker.distribution.manifest.v1+", 0) == 0;
      const bool artifact = !img->artifact_media_type.empty() && !RunnableConfig(img->artifact_media_type);
      if (!schema1 && !artifact) continue;
      auto& f = sink.Report(kInfo, ta.target, use.repository_arn,
                            artifact ? "image " + use.image + " (container " + use.container +
                                           ") is not a container image"
                                     : "image " + use.image + " (container " + use.container +
                                           ") uses a Docker schema 1 manifest");
      if (!artifact) f.severity = report::Severity::kWarning;
      f.evidence.push_back({use.repository_arn,
                            img->digest + (artifact ? " artifactMediaType " + img->artifact_media_type
                                                    : " imageManifestMediaType " + img->manifest_media_type)});
      f.fix = report::Fix::Of("push a container image built with a current builder", {DescribeImages(r)});
    }
  }
}

}  // namespace

const CheckDef kImg005{kInfo, &Run};

}  // namespace fd::checks
