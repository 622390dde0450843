// IMG013: a container image reference that no registry client can pull: it does not parse
// (Docker reference grammar, lower-case repository), or its ECR host names a Region whose
// partition uses another DNS suffix (amazonaws.com for cn-north-1) (docs/design/causes.md#img013).
#include "checks/check_util.h"
#include "checks/td/td_rules.h"
#include "model/image_ref.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kImg013,
    .slug = "img-uri-malformed",
    .title = "registry host doesn't match the partition/Region",
    .severity = report::Severity::kBlocker,
    .group = Group::kResources,
    .rationale = "The image field is handed to the registry client as written: a reference that "
                 "breaks the image name grammar (an upper-case repository, an empty tag) or an "
                 "ECR host with the wrong DNS suffix for its Region's partition (China Regions "
                 "use amazonaws.com.cn) can never be pulled.",
    .evidence = "containerDefinitions[].image",
    .remediation = "Write the image as <account>.dkr.ecr.<region>.<partition suffix>/<lower-case "
                   "repository>:<tag>.",
    .references = "https://docs.aws.amazon.com/AmazonECR/latest/userguide/ecr-using-endpoints.html "
                  "https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-create.html",
};

void Run(const CheckContext& ctx, FindingSink& sink) {
  for (const auto& ta : ctx.targets) {
    const auto& t = ta.target;
    const model::TaskDefinition* td = t.task_definition;
    if (!td) continue;
    std::vector<std::string> claims;
    std::string suggestion;
    for (const auto& c : td->containers) {
      if (c.image.empty()) continue;
      model::ImageRef ref = model::ParseImageRef(c.image);
      if (ref.kind == model::RegistryKind::kMalformed) {
        claims.push_back("container " + c.name + ": image '" + c.image +
                         "' is not a valid image reference (lower-case repository, valid tag or digest)");
        continue;
      }
      if (ref.kind != model::RegistryKind::kEcrPrivate || ref.dual_stack) continue;
      const std::string suffix = model::DnsSuffixOfRegion(ref.region);
      if (ref.registry.ends_with("." + suffix)) continue;
      const std::string good = ref.account + ".dkr.ecr" + (ref.fips ? "-fips" : "") + "." + ref.region + "." + suffix;
      claims.push_back("container " + c.name + ": registry " + ref.registry + " names " + ref.region +
                       ", whose ECR host ends in " + suffix + " (" + good + ")");
      if (suggestion.empty()) suggestion = "replace " + ref.registry + " with " + good + " in \"image\"";
    }
    if (claims.empty()) continue;
    const std::string resource = td::TaskDefinitionResource(*td);
    auto& f = sink.Report(kInfo, t, resource, "an image of " + td->DisplayName() + " cannot be pulled as written");
    for (auto& c : claims) f.evidence.push_back({resource, c});
    f.fix = report::Fix::Of("correct the image reference and register a new revision",
                            {td::NewRevision(t, !suggestion.empty() ? suggestion
                                                                    : "write the image as a valid reference with a "
                                                                      "lower-case repository")});
  }
}

}  // namespace

const CheckDef kImg013{kInfo, &Run};

}  // namespace fd::checks
