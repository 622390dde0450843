// IMG012: a Windows task whose image tag names another Windows Server build than
// runtimePlatform.operatingSystemFamily (ltsc2019 / 1809 / 10.0.17763 vs ltsc2022 / 10.0.20348),
// or a Windows image from ECR in subnets without internet: its base layers are foreign layers
// Microsoft serves, unless pushed as non-distributable artifacts (warning: not visible in the API).
#include <cctype>
#include <optional>

#include "checks/check_util.h"
#include "model/image_ref.h"
#include "checks/img/internet_path.h"
#include "checks/td/td_rules.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kImg012,
    .slug = "img-windows",
    .title = "Windows image/OS mismatch and foreign layers",
    .severity = report::Severity::kBlocker,
    .group = Group::kResources,
    .rationale = "A Windows container only runs on a host of the same Windows Server build, so an "
                 "ltsc2019 image cannot start on a 2022 task and vice versa. Windows base layers are "
                 "usually 'foreign layers' downloaded from Microsoft, which needs the internet even "
                 "when ECR is reached through endpoints.",
    .evidence = "runtimePlatform.operatingSystemFamily; the image tag's Windows build; the task "
                "subnets' default routes",
    .remediation = "Build the image on the base of the task's Windows Server version (or change "
                   "operatingSystemFamily in a new service), and give the subnets a NAT path or push "
                   "the base layers to ECR (--allow-nondistributable-artifacts).",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-windows.html",
};

/// "2019" / "2022" from an operatingSystemFamily or an image tag; "" when it names no build.
std::string Build(const std::string& text) {
  std::string s;
  for (char c : text) s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (s.find("2019") != std::string::npos || s.find("1809") != std::string::npos ||
      s.find("17763") != std::string::npos)
    return "2019";
  if (s.find("2022") != std::string::npos || s.find("20348") != std::string::npos) return "2022";
  if (s.find("2025") != std::string::npos || s.find("26100") != std::string::npos) return "2025";
  return "";
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  for (const auto& ta : ctx.targets) {
    const auto* td = ta.target.task_definition;
    if (!td || !ta.target.windows) continue;
    const std::string family_build = Build(td->operating_system_family);
    std::optional<EgressSummary> egress;
    for (const auto& c : td->containers) {
      model::ImageRef ref = model::ParseImageRef(c.image);
      if (ref.kind == model::RegistryKind::kMalformed) continue;
      const std::string image_build = Build(ref.tag);
      if (!family_build.empty() && !image_build.empty() && family_build != image_build) {
        auto& f = sink.Report(kInfo, ta.target, c.image,
                              "image " + c.image + " (container " + c.name + ") is built for Windows Server " +
                                  image_build + " but the task runs " + td->operating_system_family);
        f.evidence.push_back({td::TaskDefinitionResource(*td),
                              "runtimePlatform.operatingSystemFamily " + td->operating_system_family +
                                  "; image tag " + ref.tag});
        f.fix = report::Fix::Of(
            "use an image built on the Windows Server " + family_build + " base",
            {td::NewRevision(ta.target, "image built on Windows Server " + family_build +
                                            " (or operatingSystemFamily for " + image_build + ")")});
      }
      if (ref.kind != model::RegistryKind::kEcrPrivate) continue;  // others are traced (VPCE013)
      if (!egress) egress = SummarizeEgress(ctx.model, ta.target);
      if (egress->without.empty()) continue;
      auto& f = sink.Report(kInfo, ta.target, c.image,
                            "Windows image " + c.image + " (container " + c.name +
                                ") likely has foreign base layers that " + JoinList(egress->without) +
                                " cannot download without an internet path");
      f.severity = report::Severity::kWarning;
      f.subnets = egress->without;
      f.evidence.push_back({c.image, "Windows base layers are served by Microsoft unless pushed with "
                                     "--allow-nondistributable-artifacts; no NAT or internet gateway route"});
      f.fix = {"push the base layers into ECR, or route the subnets through a NAT gateway",
               {"# run dockerd with --allow-nondistributable-artifacts " + ref.registry + ", then push again", "docker push " + c.image}};
    }
  }
}

}  // namespace

const CheckDef kImg012{kInfo, &Run};

}  // namespace fd::checks
