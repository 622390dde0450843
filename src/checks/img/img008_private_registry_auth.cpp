// IMG008: registry credentials ECS cannot use: repositoryCredentials.credentialsParameter that is
// not a Secrets Manager secret (an SSM parameter, another service, a malformed ARN), or a private
// registry that answers 401 to a container without repositoryCredentials (evidence). A missing or
// deleted secret is SEC001/SEC002's (they read repositoryCredentials too); the role is IAM006's.
#include "checks/check_util.h"
#include "model/image_ref.h"
#include "checks/svc/evidence_findings.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kImg008,
    .slug = "img-private-registry-auth",
    .title = "`repositoryCredentials` wrong or unusable",
    .severity = report::Severity::kBlocker,
    .group = Group::kResources,
    .rationale = "A private registry outside ECR is authenticated with a Secrets Manager secret "
                 "named in repositoryCredentials.credentialsParameter; any other kind of reference "
                 "cannot be read, and without credentials the registry answers 401 Unauthorized.",
    .evidence = "containerDefinitions[].repositoryCredentials.credentialsParameter and image; stopped "
                "reasons and service events naming 401 Unauthorized / pull access denied",
    .remediation = "Store the registry's username and password as a Secrets Manager secret "
                   "({\"username\":…,\"password\":…}) and name its ARN (or, in the task's own Region "
                   "and account, its name) in credentialsParameter.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/private-auth.html",
};

/// "" when `param` can name a Secrets Manager secret, else why not.
std::string ParameterProblem(const std::string& param) {
  if (param.rfind("arn:", 0) != 0) return "";  // a secret name in the task's Region and account
  std::vector<std::string> parts;
  size_t start = 0;
  for (int i = 0; i < 6; ++i) {
    size_t pos = param.find(':', start);
    parts.push_back(param.substr(start, pos == std::string::npos ? std::string::npos : pos - start));
    if (pos == std::string::npos) break;
    start = pos + 1;
  }
  if (parts.size() < 6 || parts[3].empty() || parts[4].empty()) return "is not a complete ARN";
  if (parts[2] == "ssm") return "is an SSM parameter; registry credentials must be a Secrets Manager secret";
  if (parts[2] != "secretsmanager") return "is a " + parts[2] + " ARN, not a Secrets Manager secret";
  if (parts[5] != "secret") return "is not a secret ARN (…:secret:<name>)";
  return "";
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  for (const auto& ta : ctx.targets) {
    const auto* td = ta.target.task_definition;
    if (!td) continue;
    auto items = EvidenceNaming(ta, kInfo.code);
    for (const auto& c : td->containers) {
      model::ImageRef ref = model::ParseImageRef(c.image);
      const fix::Secret secret{c.name + "-registry-credentials", "registry-credentials.json", ta.target.region};
      if (!c.repository_credentials.empty()) {
        std::string problem = ParameterProblem(c.repository_credentials);
        if (problem.empty()) continue;
        auto& f = sink.Report(kInfo, ta.target, c.repository_credentials,
                              "repositoryCredentials of container " + c.name + " " + problem);
        f.evidence.push_back({c.repository_credentials, "credentialsParameter of " + c.image});
        f.fix = report::Fix::Of("create a Secrets Manager secret with the registry credentials and name its ARN",
                                {secret});
        continue;
      }
      // No credentials: only a registry that said 401 proves they are needed.
      if (items.empty() || ref.kind == model::RegistryKind::kEcrPrivate ||
          ref.kind == model::RegistryKind::kMalformed)
        continue;
      auto& f = sink.Report(kInfo, ta.target, c.image,
                            "registry " + ref.registry + " refused image " + c.image + " (container " +
                                c.name + ") and the container has no repositoryCredentials");
      AddEvidenceLines(f, items);
      f.fix = report::Fix::Of("store the registry credentials in Secrets Manager and set repositoryCredentials",
                              {secret});
    }
  }
}

}  // namespace

const CheckDef kImg008{kInfo, &Run};

}  // namespace fd::checks
