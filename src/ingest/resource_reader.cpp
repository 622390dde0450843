// Readers for the resources a task start reads besides the network: ECR repositories and images
// (describe-repositories, describe-images, batch-get-image), CloudWatch Logs groups, Secrets
// Manager secrets, SSM parameters, EFS file systems and mount targets.
//
// Secret material is never read: for secrets and parameters only names, ARNs, key ids, dates and
// version ids are kept (ssm get-parameters' `Value` and any SecretString are skipped).

#include <cstdlib>
#include <string>
#include <utility>

#include "ingest/readers.h"

namespace fd::ingest {
namespace {

/// Platforms ("os/architecture[/variant]") of a manifest list or OCI index; false when the
/// manifest is a single image or unreadable.
bool ManifestPlatforms(std::string_view manifest, std::vector<std::string>& out) {
  auto doc = JsonDoc::Parse(manifest, "imageManifest");
  if (!doc) return false;
  JsonValue root = doc->root();
  if (!root.IsObject()) return false;
  auto list = root.Find("manifests");
  if (!list || !list->IsArray()) return false;
  list->ForEachChild([&](JsonValue m) {
    if (!m.IsObject()) return;
    auto platform = m.Find("platform");
    if (!platform || !platform->IsObject()) return;
    auto os = platform->Find("os");
    auto arch = platform->Find("architecture");
    if (!os || !arch) return;
    out.push_back(std::string(os->String()) + "/" + std::string(arch->String()));
  });
  return true;
}

}  // namespace

void ReadEcrRepositories(const Node& list) {
  const FileContext& ctx = list.ctx();
  bool any = false;
  list.Items([&](const Node& item) {
    if (!IsObjectItem(item, "repositories")) return;
    model::EcrRepository r;
    r.arn = item.Str("repositoryArn");
    r.name = item.Str("repositoryName");
    r.uri = item.Str("repositoryUri");
    r.region = ctx.Region(r.arn);
    r.registry_id = ctx.Account(item.Str("registryId"), r.arn);
    if (auto enc = item.Object("encryptionConfiguration")) {
      r.encryption_type = enc->Str("encryptionType");
      r.kms_key = enc->Str("kmsKey");
    }
    if (r.name.empty()) return item.Note("repository without repositoryName, skipped");
    if (r.arn.empty())
      r.arn = model::MakeArn("ecr", r.region, r.registry_id, "repository/" + r.name);
    r.source = item.Source();
    list.builder().MarkCoverage("ecr " + r.registry_id + " " + r.region);
    any = true;
    list.builder().AddEcrRepository(std::move(r));
  });
  // An empty listing proves "no repositories" only where the file says which registry it is.
  if (!any && !ctx.region_hint.empty() && !ctx.account_hint.empty())
    list.builder().MarkCoverage("ecr " + ctx.account_hint + " " + ctx.region_hint);
}

void ReadEcrImageDetails(const Node& list) {
  const FileContext& ctx = list.ctx();
  list.Items([&](const Node& item) {
    if (!IsObjectItem(item, "imageDetails")) return;
    model::EcrImage i;
    i.registry_id = ctx.Account(item.Str("registryId"));
    i.region = ctx.region_hint;  // filled from the repository listing in Build() when ""
    i.repository_name = item.Str("repositoryName");
    i.digest = item.Str("imageDigest");
    i.tags = item.Strings("imageTags");
    i.manifest_media_type = item.Str("imageManifestMediaType");
    i.artifact_media_type = item.Str("artifactMediaType");
    i.status = item.Str("imageStatus");
    if (auto size = item.Get("imageSizeInBytes"); size && size->value().IsNumber())
      i.size_bytes = std::strtoll(size->value().NumberText().c_str(), nullptr, 10);
    if (i.repository_name.empty() || i.digest.empty())
      return item.Note("image without repositoryName or imageDigest, skipped");
    i.source = item.Source();
    list.builder().AddEcrImage(std::move(i));
  });
}

void ReadEcrImages(const Node& list) {
  const FileContext& ctx = list.ctx();
  list.Items([&](const Node& item) {
    if (!IsObjectItem(item, "images")) return;
    model::EcrImage i;
    i.registry_id = ctx.Account(item.Str("registryId"));
    i.region = ctx.region_hint;
    i.repository_name = item.Str("repositoryName");
    if (auto id = item.Object("imageId")) {
      i.digest = id->Str("imageDigest");
      if (std::string tag = id->Str("imageTag"); !tag.empty()) i.tags.push_back(tag);
    }
    i.manifest_media_type = item.Str("imageManifestMediaType");
    std::string manifest = item.Str("imageManifest");
    if (!manifest.empty()) i.platforms_known = ManifestPlatforms(manifest, i.platforms);
    if (i.repository_name.empty() || i.digest.empty())
      return item.Note("image without repositoryName or imageId.imageDigest, skipped");
    i.source = item.Source();
    list.builder().AddEcrImage(std::move(i));
  });
}

void ReadEcrImageFailures(const Node& list, const std::string& repository,
                          const std::string& registry) {
  const FileContext& ctx = list.ctx();
  list.Items([&](const Node& item) {
    if (!IsObjectItem(item, "failures")) return;
    model::EcrImageFailure f;
    f.code = item.Str("failureCode");
    f.reason = item.Str("failureReason");
    f.region = ctx.region_hint;
    f.registry_id = registry.empty() ? ctx.account_hint : registry;
    f.repository_name = repository;  // the output does not name it, only the command line does
    if (auto id = item.Object("imageId")) {
      f.tag = id->Str("imageTag");
      f.digest = id->Str("imageDigest");
    }
    f.key = model::EcrImageKey(f.registry_id, f.region, f.repository_name,
                               f.tag.empty() ? f.digest : f.tag) +
            " " + f.code;
    f.source = item.Source();
    list.builder().AddEcrImageFailure(std::move(f));
  });
}

void ReadLogGroups(const Node& list) {
  const FileContext& ctx = list.ctx();
  if (!ctx.region_hint.empty()) list.builder().MarkCoverage("logs " + ctx.region_hint);
  list.Items([&](const Node& item) {
    if (!IsObjectItem(item, "logGroups")) return;
    model::LogGroup g;
    g.name = item.Str("logGroupName");
    g.arn = item.Str("logGroupArn");
    if (g.arn.empty()) g.arn = item.Str("arn");
    g.region = ctx.Region(g.arn);
    g.kms_key_id = item.Str("kmsKeyId");
    if (g.name.empty()) return item.Note("log group without logGroupName, skipped");
    g.source = item.Source();
    if (!g.region.empty()) list.builder().MarkCoverage("logs " + g.region);
    list.builder().AddLogGroup(std::move(g));
  });
}

namespace {

model::Secret ReadSecret(const Node& item) {
  const FileContext& ctx = item.ctx();
  model::Secret s;
  s.arn = item.Str("ARN");
  s.name = item.Str("Name");
  s.region = ctx.Region(s.arn);
  s.account = ctx.Account("", s.arn);
  s.deleted_date = TimeText(item, "DeletedDate");
  s.kms_key_id = item.Str("KmsKeyId");
  if (auto versions = item.Object("VersionIdsToStages")) {
    s.versions_known = true;
    versions->value().ForEachChild([&](JsonValue v) {
      std::vector<std::string> stages;
      if (v.IsArray())
        v.ForEachChild([&](JsonValue st) {
          if (st.IsString()) stages.emplace_back(st.String());
        });
      s.version_stages.emplace(std::string(v.Key()), std::move(stages));
    });
  }
  s.source = item.Source();
  return s;
}

}  // namespace

void ReadSecretList(const Node& list) {
  const FileContext& ctx = list.ctx();
  if (!ctx.region_hint.empty()) list.builder().MarkCoverage("secrets " + ctx.region_hint);
  list.Items([&](const Node& item) {
    if (!IsObjectItem(item, "SecretList")) return;
    model::Secret s = ReadSecret(item);
    if (s.arn.empty()) return item.Note("secret without ARN, skipped");
    if (!s.region.empty()) list.builder().MarkCoverage("secrets " + s.region);
    list.builder().AddSecret(std::move(s));
  });
}

void ReadDescribeSecret(const Node& root) {
  model::Secret s = ReadSecret(root);
  if (s.arn.empty()) return root.Note("secret without ARN, skipped");
  root.builder().AddSecret(std::move(s));
}

void ReadSsmParameters(const Node& list) {
  const FileContext& ctx = list.ctx();
  // get-parameters shares the key but answers for named parameters only: no coverage.
  bool listing = true;
  list.Items([&](const Node& item) {
    if (item.value().IsObject() && item.value().Find("Value")) listing = false;
  });
  list.Items([&](const Node& item) {
    if (!IsObjectItem(item, "Parameters")) return;
    model::SsmParameter p;
    p.name = item.Str("Name");  // never `Value`
    p.arn = item.Str("ARN");
    p.region = ctx.Region(p.arn);
    p.account = ctx.Account("", p.arn);
    p.type = item.Str("Type");
    p.key_id = item.Str("KeyId");
    p.tier = item.Str("Tier");
    if (p.name.empty()) return item.Note("parameter without Name, skipped");
    p.source = item.Source();
    if (listing && !p.region.empty()) list.builder().MarkCoverage("ssm " + p.region);
    list.builder().AddSsmParameter(std::move(p));
  });
  if (listing && !ctx.region_hint.empty()) list.builder().MarkCoverage("ssm " + ctx.region_hint);
}

void ReadEfsFileSystems(const Node& list) {
  const FileContext& ctx = list.ctx();
  list.Items([&](const Node& item) {
    if (!IsObjectItem(item, "FileSystems")) return;
    model::EfsFileSystem f;
    f.id = item.Str("FileSystemId");
    f.arn = item.Str("FileSystemArn");
    f.availability_zone_name = item.Str("AvailabilityZoneName");
    f.region = ctx.Region(f.arn, f.availability_zone_name);
    f.life_cycle_state = item.Str("LifeCycleState");
    if (f.id.empty()) return item.Note("file system without FileSystemId, skipped");
    f.source = item.Source();
    list.builder().AddEfsFileSystem(std::move(f));
  });
}

void ReadEfsMountTargets(const Node& list) {
  const FileContext& ctx = list.ctx();
  list.Items([&](const Node& item) {
    if (!IsObjectItem(item, "MountTargets")) return;
    model::EfsMountTarget t;
    t.id = item.Str("MountTargetId");
    t.file_system_id = item.Str("FileSystemId");
    t.subnet_id = item.Str("SubnetId");
    t.vpc_id = item.Str("VpcId");
    t.availability_zone_id = item.Str("AvailabilityZoneId");
    t.availability_zone_name = item.Str("AvailabilityZoneName");
    t.region = ctx.Region("", t.availability_zone_name);
    t.ip_address = item.Str("IpAddress");
    t.ipv6_address = item.Str("Ipv6Address");
    t.network_interface_id = item.Str("NetworkInterfaceId");
    t.life_cycle_state = item.Str("LifeCycleState");
    if (t.id.empty() || t.file_system_id.empty())
      return item.Note("mount target without MountTargetId or FileSystemId, skipped");
    t.source = item.Source();
    list.builder().MarkCoverage("efs-mount-targets " + t.file_system_id);
    list.builder().AddEfsMountTarget(std::move(t));
  });
}

void ReadEfsAccessPoints(const Node& list) {
  const FileContext& ctx = list.ctx();
  list.Items([&](const Node& item) {
    if (!IsObjectItem(item, "AccessPoints")) return;
    model::EfsAccessPoint a;
    a.id = item.Str("AccessPointId");
    a.arn = item.Str("AccessPointArn");
    a.file_system_id = item.Str("FileSystemId");
    a.region = ctx.Region(a.arn);
    a.life_cycle_state = item.Str("LifeCycleState");
    if (auto root = item.Object("RootDirectory")) {
      a.root_path = root->Str("Path");
      a.creation_info = root->Get("CreationInfo").has_value();
    }
    if (a.id.empty()) return item.Note("access point without AccessPointId, skipped");
    a.source = item.Source();
    list.builder().AddEfsAccessPoint(std::move(a));
  });
}

void ReadMountTargetSecurityGroups(const Node& output, const std::string& mount_target_id) {
  output.builder().SetMountTargetSecurityGroups(mount_target_id, output.Strings("SecurityGroups"));
}

}  // namespace fd::ingest
