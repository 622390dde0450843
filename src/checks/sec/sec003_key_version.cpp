// SEC003: a secret reference with a JSON key, version stage or version id on a platform older
// than 1.4.0 (Linux), both a stage and an id, or a stage/id the secret's VersionIdsToStages
// lacks. Whether a JSON key exists needs the secret value, which is never read.
#include "checks/check_util.h"
#include "checks/resource_refs.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kSec003,
    .slug = "sec-key-version",
    .title = "JSON key / version reference invalid or unsupported",
    .severity = report::Severity::kBlocker,
    .group = Group::kResources,
    .rationale = "Secret references with a JSON key or a version need platform 1.4.0 or later "
                 "on Linux, and the version stage or id must exist on the secret; otherwise the "
                 "secret cannot be injected and the task does not start.",
    .evidence = "secrets[].valueFrom suffix (:json-key:version-stage:version-id), the resolved "
                "platform version, describe-secret VersionIdsToStages",
    .remediation = "Use platform version 1.4.0 (LATEST), or reference a stage/id the secret "
                   "has, or drop the key/version suffix.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-secrets-manager.html",
};

bool OldPlatform(const analysis::Target& t) {
  return !t.windows && !t.platform_version.empty() && t.platform_version < "1.4.0";
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  for (const auto& ta : ctx.targets) {
    const analysis::Target& t = ta.target;
    for (const SecretRef& ref : SecretRefs(t)) {
      if (ref.ssm) continue;
      const bool suffix = !ref.json_key.empty() || !ref.version_stage.empty() || !ref.version_id.empty();
      if (!suffix) continue;
      if (OldPlatform(t) && t.IsFargate()) {
        auto& f = sink.Report(kInfo, t, ref.base_arn,
                              ref.where + " of container " + ref.container +
                                  " uses a JSON key or version, which platform " +
                                  t.platform_version + " does not support");
        f.evidence.push_back({ref.base_arn, "valueFrom " + ref.value_from + " on platform " +
                                                t.platform_version});
        if (t.service) {
          fix::ServiceUpdate u;
          u.cluster = t.cluster_arn;
          u.service = t.name;
          u.platform_version = "1.4.0";
          f.fix = report::Fix::Of("run on platform version 1.4.0", {u});
        } else {
          f.fix = report::Fix::Of("run on platform version 1.4.0 (--platform-version 1.4.0)", {});
        }
        continue;
      }
      if (!ref.version_stage.empty() && !ref.version_id.empty()) {
        auto& f = sink.Report(kInfo, t, ref.base_arn,
                              ref.where + " of container " + ref.container +
                                  " names both a version stage and a version id");
        f.evidence.push_back({ref.base_arn, "valueFrom " + ref.value_from});
        f.fix = report::Fix::Of("keep either the version stage or the version id", {});
        continue;
      }
      if (ref.version_stage.empty() && ref.version_id.empty()) continue;
      SecretLookup found = LookupSecret(ctx.model, ref);
      if (found.presence != Presence::kFound || !found.secret) continue;  // SEC001's business
      const model::Secret& s = *found.secret;
      if (!s.versions_known) {
        sink.Unchecked(kInfo, ref.value_from + ": the snapshot has no VersionIdsToStages of " + s.arn);
        continue;
      }
      bool ok = false;
      for (const auto& [id, stages] : s.version_stages) {
        if (!ref.version_id.empty() && id == ref.version_id) ok = true;
        for (const auto& st : stages)
          if (!ref.version_stage.empty() && st == ref.version_stage) ok = true;
      }
      if (ok) continue;
      std::string version = ref.version_id.empty() ? "stage " + ref.version_stage : "version " + ref.version_id;
      auto& f = sink.Report(kInfo, t, s.arn,
                            ref.where + " of container " + ref.container + " names " + version +
                                ", which secret " + s.name + " does not have");
      f.evidence.push_back({s.arn, "VersionIdsToStages has no " + version});
      f.fix = report::Fix::Of(
          "reference an existing version (AWSCURRENT)",
          {fix::Read{"secretsmanager", "list-secret-version-ids", {"--secret-id", s.arn}, s.region}});
    }
  }
}

}  // namespace

const CheckDef kSec003{kInfo, &Run};

}  // namespace fd::checks
