// IMG007: a Docker Hub image pulled anonymously. Evidence naming the rate limit makes it a
// warning (a blocker when a start failed on it); without evidence, an anonymous pull through a
// NAT gateway (one source address shared by every task) is reported as info only.
#include <optional>

#include "checks/check_util.h"
#include "model/image_ref.h"
#include "checks/img/internet_path.h"
#include "checks/svc/evidence_findings.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kImg007,
    .slug = "img-dockerhub-rate-limit",
    .title = "Docker Hub anonymous pull rate limit",
    .severity = report::Severity::kWarning,
    .group = Group::kResources,
    .rationale = "Docker Hub limits anonymous pulls per source address; tasks behind one NAT "
                 "gateway share its address, so a scale-out or a deployment can exhaust the limit "
                 "and pulls fail with 'toomanyrequests'.",
    .evidence = "containerDefinitions[].image (Docker Hub) and repositoryCredentials; the task "
                "subnets' default route; stopped reasons and service events naming the pull rate limit",
    .remediation = "Authenticate the pulls (repositoryCredentials with a Docker Hub account), "
                   "copy the image into private ECR, or use an ECR pull-through cache rule for Docker Hub.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_cannot_pull_image.html",
};

void Run(const CheckContext& ctx, FindingSink& sink) {
  for (const auto& ta : ctx.targets) {
    const auto* td = ta.target.task_definition;
    if (!td) continue;
    auto items = EvidenceNaming(ta, kInfo.code);
    std::optional<EgressSummary> egress;
    for (const auto& c : td->containers) {
      model::ImageRef ref = model::ParseImageRef(c.image);
      if (ref.kind != model::RegistryKind::kDockerHub || !c.repository_credentials.empty()) continue;
      if (items.empty()) {
        if (!egress) egress = SummarizeEgress(ctx.model, ta.target);
        if (!egress->any_nat) continue;  // no shared NAT address: no clear condition
      }
      auto& f = sink.Report(kInfo, ta.target, c.image,
                            "image " + c.image + " (container " + c.name +
                                ") is pulled from Docker Hub anonymously" +
                                (items.empty() ? ", through a NAT gateway address every task shares"
                                               : ", and AWS reports the pull rate limit was hit"));
      if (items.empty()) {
        f.severity = report::Severity::kInfo;
        f.evidence.push_back({c.image, "no repositoryCredentials; the subnets reach the internet through a NAT gateway"});
      } else {
        for (const auto* e : items)
          if (e->start_failure) f.severity = report::Severity::kBlocker;
        AddEvidenceLines(f, items);
      }
      f.fix = report::Fix::Of("copy the image into private ECR (or add repositoryCredentials for a Docker Hub account)",
                              {fix::Repository{ref.repository, ta.target.region}});
    }
  }
}

}  // namespace

const CheckDef kImg007{kInfo, &Run};

}  // namespace fd::checks
