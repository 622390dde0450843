// IMG010: the ECR images of a task, compressed and extracted, likely exceed its ephemeral
// storage. Heuristic of docs/design/causes.md#img010: the sum of imageSizeInBytes × 3 (compressed + extracted +
// margin) against sizeInGiB (20 by default on 1.4.0; 10 GB of layer storage on 1.3.0).
#include <algorithm>
#include <cstdio>

#include "checks/check_util.h"
#include "checks/resource_refs.h"
#include "checks/td/td_rules.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kImg010,
    .slug = "img-ephemeral-too-small",
    .title = "image (compressed + extracted) exceeds ephemeral storage",
    .severity = report::Severity::kWarning,
    .group = Group::kResources,
    .rationale = "Fargate keeps both the compressed layers and the extracted image on the task's "
                 "ephemeral storage; when they do not fit, the pull fails with 'no space left on "
                 "device'. The extracted size is not in any API, so about three times the "
                 "compressed size is used as an estimate.",
    .evidence = "ecr describe-images imageSizeInBytes of every container image; task definition "
                "ephemeralStorage.sizeInGiB; the resolved platform version",
    .remediation = "Shrink the images, or raise ephemeralStorage.sizeInGiB (21-200, platform 1.4.0).",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-task-storage.html",
};

constexpr int64_t kFactor = 3;  // compressed + extracted + margin (docs/design/causes.md#img010)
constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;

std::string Gib(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  for (const auto& ta : ctx.targets) {
    const auto* td = ta.target.task_definition;
    if (!td || ta.target.windows) continue;
    const bool old_pv = td::LinuxPlatformBelow(ta.target, {1, 4, 0}).value_or(false);
    const int storage = old_pv ? 10 : td->ephemeral_storage_gib.value_or(20);
    int64_t total = 0;
    std::vector<report::Evidence> lines;
    for (const EcrImageUse& use : EcrImages(ta.target)) {
      const model::EcrImage* img = ResolveImage(ctx.model, use);
      if (!img || !img->size_bytes) continue;  // unknown sizes only make the sum a lower bound
      total += *img->size_bytes;
      lines.push_back({use.repository_arn, use.image + " is " + Gib(*img->size_bytes / kGiB) +
                                               " GiB compressed (describe-images imageSizeInBytes)"});
    }
    const double needed = static_cast<double>(total * kFactor) / kGiB;
    if (total == 0 || needed <= storage) continue;
    auto& f = sink.Report(kInfo, ta.target, td::TaskDefinitionResource(*td),
                          "the images of " + td->DisplayName() + " need about " + Gib(needed) +
                              " GiB of ephemeral storage (compressed + extracted), more than the " +
                              std::to_string(storage) + " GiB the task gets");
    f.evidence = lines;
    int want = std::min(200, static_cast<int>(needed) + 5);
    f.fix = report::Fix::Of(
        old_pv ? "use platform version 1.4.0 and set ephemeralStorage.sizeInGiB to " + std::to_string(want)
               : "set ephemeralStorage.sizeInGiB to " + std::to_string(want) + " in a new revision",
        {td::NewRevision(ta.target, "\"ephemeralStorage\": {\"sizeInGiB\": " + std::to_string(want) + "}")});
  }
}

}  // namespace

const CheckDef kImg010{kInfo, &Run};

}  // namespace fd::checks
