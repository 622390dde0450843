// What a start needs to reach from the task ENI (docs/design/causes.md §1.4 and §1.7). On platform
// version 1.3.0 the ECR auth token and secrets travelled over an ENI owned by Fargate, so only
// ecr.dkr, the S3 layers and the log driver use the task's own network path.
#include <map>

#include "analysis/analyze.h"
#include "analysis/pull_through_cache.h"
#include "model/image_ref.h"

namespace fd::analysis {
namespace {

class NeedSet {
 public:
  explicit NeedSet(const Target& t) : target_(t) {}

  Need& Add(std::string service, NeedKind kind, std::string region, std::string host,
            std::string reason) {
    if (region.empty()) region = target_.region;
    auto key = std::make_pair(service, region);
    auto it = index_.find(key);
    if (it == index_.end()) {
      Need n;
      n.service = std::move(service);
      n.kind = kind;
      n.region = region;
      n.host = std::move(host);
      n.cross_region = !target_.region.empty() && !region.empty() && region != target_.region &&
                       kind != NeedKind::kRegistry;
      it = index_.emplace(key, needs_.size()).first;
      needs_.push_back(std::move(n));
    }
    auto& reasons = needs_[it->second].reasons;
    if (std::find(reasons.begin(), reasons.end(), reason) == reasons.end())
      reasons.push_back(std::move(reason));
    return needs_[it->second];
  }

  std::vector<Need> Take() { return std::move(needs_); }

 private:
  const Target& target_;
  std::map<std::pair<std::string, std::string>, size_t> index_;
  std::vector<Need> needs_;
};

std::string Suffix(const std::string& region) { return model::DnsSuffixOfRegion(region); }

// A secret or parameter reference: Secrets Manager ARN, SSM parameter ARN, or a bare SSM name
// (same region as the task).
void AddSecretRef(NeedSet& needs, const std::string& value_from, const std::string& why,
                  const Target& t) {
  if (value_from.rfind("arn:", 0) == 0) {
    std::string region = model::RegionOfArn(value_from);
    if (region.empty()) region = t.region;
    if (value_from.find(":secretsmanager:") != std::string::npos) {
      needs.Add("secretsmanager", NeedKind::kInterfaceService, region,
                "secretsmanager." + region + "." + Suffix(region), why);
      return;
    }
    if (value_from.find(":ssm:") != std::string::npos) {
      needs.Add("ssm", NeedKind::kInterfaceService, region, "ssm." + region + "." + Suffix(region),
                why);
      return;
    }
  }
  needs.Add("ssm", NeedKind::kInterfaceService, t.region,
            "ssm." + t.region + "." + Suffix(t.region), why);
}

}  // namespace

std::vector<Need> DeriveNeeds(const Target& t, const model::Model* m) {
  NeedSet needs(t);
  if (!t.task_definition) return {};
  const bool v14 = t.windows || VersionAtLeast(t.platform_version, "1.4.0");
  for (const auto& c : t.task_definition->containers) {
    const std::string in = " (container " + c.name + ")";
    model::ImageRef ref = model::ParseImageRef(c.image);
    switch (ref.kind) {
      case model::RegistryKind::kEcrPrivate: {
        const std::string why = "image " + c.image + in;
        const std::string sfx = Suffix(ref.region);
        if (v14)
          needs.Add("ecr.api", NeedKind::kInterfaceService, ref.region,
                    "api.ecr." + ref.region + "." + sfx, "registry auth token for " + why);
        needs.Add("ecr.dkr", NeedKind::kInterfaceService, ref.region, ref.registry, why);
        needs.Add("s3", NeedKind::kS3, ref.region,
                  "prod-" + ref.region + "-starport-layer-bucket.s3." + ref.region + "." + sfx,
                  "image layers of " + why);
        // A pull-through cache that does not hold the image yet fetches it from the upstream
        // registry on this pull, which needs an internet path from the task (ECR
        // vpc-endpoints: first pull through a cache rule with PrivateLink-only ECR needs NAT).
        if (m) {
          auto ptc = PullThroughCacheOf(*m, ref);
          if (ptc && ptc->FirstPull() && !ptc->rule->upstream_registry_url.empty() &&
              UpstreamKind(*ptc->rule) != "ecr") {
            const std::string& up = ptc->rule->upstream_registry_url;
            Need& n = needs.Add("registry:" + up, NeedKind::kRegistry, "", up,
                                "first pull of " + why + " through pull-through cache rule " +
                                    ptc->rule->prefix);
            if (n.reasons.size() == 1) n.first_pull = true;  // not also a direct pull
          }
        }
        break;
      }
      case model::RegistryKind::kEcrPublic:
      case model::RegistryKind::kDockerHub:
      case model::RegistryKind::kOther:
        needs.Add("registry:" + ref.registry, NeedKind::kRegistry, "", ref.registry,
                  "image " + c.image + in).first_pull = false;
        break;
      case model::RegistryKind::kMalformed:
        break;  // IMG013 reports it; no destination can be derived
    }
    if (!c.repository_credentials.empty() && v14)
      AddSecretRef(needs, c.repository_credentials, "registry credentials" + in, t);
    if (v14)
      for (const auto& s : c.secrets) AddSecretRef(needs, s.value_from, "secret " + s.name + in, t);
    if (c.log_configuration) {
      const auto& lc = *c.log_configuration;
      if (lc.log_driver == "awslogs") {
        std::string region = t.region;
        if (auto it = lc.options.find("awslogs-region"); it != lc.options.end() && !it->second.empty())
          region = it->second;
        std::string group;
        if (auto it = lc.options.find("awslogs-group"); it != lc.options.end()) group = it->second;
        needs.Add("logs", NeedKind::kInterfaceService, region,
                  "logs." + region + "." + Suffix(region),
                  "awslogs" + (group.empty() ? std::string() : " group " + group) + in);
      }
      if (v14)
        for (const auto& s : lc.secret_options)
          AddSecretRef(needs, s.value_from, "log driver secret option " + s.name + in, t);
    }
    if (v14)
      for (const auto& f : c.environment_files)
        needs.Add("s3", NeedKind::kS3, t.region,
                  "s3." + t.region + "." + Suffix(t.region), "environment file " + f.value + in);
  }
  // NFS to the mount target of the task's zone (STO002, STO003). Windows tasks cannot mount
  // EFS at all (STO001), so they need no path to it.
  if (!t.windows)
    for (const auto& v : t.task_definition->efs_volumes)
      if (!v.file_system_id.empty())
        needs.Add(Need::EfsService(v.file_system_id), NeedKind::kEfs, t.region,
                  v.file_system_id + ".efs." + t.region + "." + Suffix(t.region), "EFS volume " + v.name);
  return needs.Take();
}

}  // namespace fd::analysis
