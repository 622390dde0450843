#include "checks/resource_refs.h"

#include <cctype>

namespace fd::checks {
namespace {

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t pos = s.find(sep, start);
    out.push_back(s.substr(start, pos == std::string::npos ? std::string::npos : pos - start));
    if (pos == std::string::npos) return out;
    start = pos + 1;
  }
}

SecretRef Parse(const analysis::Target& t, std::string container, std::string where,
                const std::string& value_from) {
  SecretRef r{std::move(container), std::move(where), value_from};
  r.region = t.region;
  r.account = t.account;
  if (value_from.rfind("arn:", 0) != 0) {  // a bare name is an SSM parameter of the task's region
    r.ssm = r.where != "repositoryCredentials";  // …except there: a secret name (same Region/account)
    r.name = value_from;
    return r;
  }
  auto parts = Split(value_from, ':');
  if (parts.size() < 6) return r;
  r.region = parts[3];
  r.account = parts[4];
  if (parts[2] == "ssm") {
    r.ssm = true;
    std::string res = value_from.substr(value_from.find(":parameter") + 10);
    r.name = res;  // "/prod/db" stays as is; "/name" of a name without slashes is trimmed below
    return r;
  }
  // arn:aws:secretsmanager:<region>:<account>:secret:<name>[:json-key:version-stage:version-id]
  if (parts.size() >= 7) r.name = parts[6];
  r.base_arn = parts[0];
  for (size_t i = 1; i < 7 && i < parts.size(); ++i) r.base_arn += ":" + parts[i];
  if (parts.size() > 7) r.json_key = parts[7];
  if (parts.size() > 8) r.version_stage = parts[8];
  if (parts.size() > 9) r.version_id = parts[9];
  return r;
}

bool HasSuffix(const std::string& name) {  // "-AbCdEf": the 6 characters Secrets Manager adds
  if (name.size() < 8 || name[name.size() - 7] != '-') return false;
  for (size_t i = name.size() - 6; i < name.size(); ++i)
    if (!std::isalnum(static_cast<unsigned char>(name[i]))) return false;
  return true;
}

}  // namespace

std::vector<SecretRef> SecretRefs(const analysis::Target& t) {
  std::vector<SecretRef> out;
  if (!t.task_definition) return out;
  for (const auto& c : t.task_definition->containers) {
    for (const auto& s : c.secrets) out.push_back(Parse(t, c.name, "secret " + s.name, s.value_from));
    if (!c.repository_credentials.empty())
      out.push_back(Parse(t, c.name, "repositoryCredentials", c.repository_credentials));
    if (c.log_configuration)
      for (const auto& s : c.log_configuration->secret_options) {
        out.push_back(Parse(t, c.name, "log secretOption " + s.name, s.value_from));
        out.back().log_option = true;
      }
  }
  return out;
}

SecretLookup LookupSecret(const model::Model& m, const SecretRef& ref) {
  SecretLookup out;
  if (ref.ssm) {
    std::string name = ref.name;
    const model::SsmParameter* p = m.ssm_parameters().Find(ref.region + " " + name);
    if (!p && name.size() > 1 && name[0] == '/' && name.find('/', 1) == std::string::npos)
      p = m.ssm_parameters().Find(ref.region + " " + name.substr(1));
    if (p) return {Presence::kFound, nullptr, p, ""};
    if (m.Covers("ssm " + ref.region))
      return {Presence::kMissing, nullptr, nullptr,
              "describe-parameters of " + ref.region + " lists no parameter " + name};
    return {Presence::kUnknown, nullptr, nullptr,
            "the snapshot has no describe-parameters listing of " + ref.region};
  }
  if (ref.base_arn.empty() && ref.value_from.rfind("arn:", 0) != 0 && !ref.name.empty()) {
    // A secret named without an ARN (repositoryCredentials allows it in the task's Region).
    if (const model::Secret* s = m.SecretByName(ref.region, ref.account, ref.name))
      return {Presence::kFound, s, nullptr, ""};
    if (m.Covers("secrets " + ref.region))
      return {Presence::kMissing, nullptr, nullptr,
              "list-secrets of " + ref.region + " has no secret " + ref.name};
    return {Presence::kUnknown, nullptr, nullptr,
            "the snapshot has no list-secrets listing of " + ref.region};
  }
  if (ref.base_arn.empty())
    return {Presence::kUnknown, nullptr, nullptr, "cannot parse " + ref.value_from};
  if (const model::Secret* s = m.secrets().Find(ref.base_arn)) return {Presence::kFound, s, nullptr, ""};
  // A partial ARN (no 6-character suffix) names the secret by name.
  if (const model::Secret* s = m.SecretByName(ref.region, ref.account, ref.name))
    return {Presence::kFound, s, nullptr, ""};
  if (HasSuffix(ref.name)) {
    std::string bare = ref.name.substr(0, ref.name.size() - 7);
    if (const model::Secret* s = m.SecretByName(ref.region, ref.account, bare))
      return {Presence::kMissing, s, nullptr,
              "secret " + bare + " exists as " + s->arn + " (recreated: another suffix)"};
  }
  if (m.Covers("secrets " + ref.region))
    return {Presence::kMissing, nullptr, nullptr,
            "list-secrets of " + ref.region + " has no secret " + ref.name};
  return {Presence::kUnknown, nullptr, nullptr,
          "the snapshot has neither describe-secret for " + ref.base_arn +
              " nor a list-secrets listing of " + ref.region};
}

std::vector<EcrImageUse> EcrImages(const analysis::Target& t) {
  std::vector<EcrImageUse> out;
  if (!t.task_definition) return out;
  for (const auto& c : t.task_definition->containers) {
    model::ImageRef ref = model::ParseImageRef(c.image);
    if (ref.kind != model::RegistryKind::kEcrPrivate) continue;
    std::string arn = "arn:" + model::PartitionOfRegion(ref.region) + ":ecr:" + ref.region + ":" +
                      ref.account + ":repository/" + ref.repository;
    out.push_back({c.name, c.image, std::move(ref), std::move(arn)});
  }
  return out;
}

const model::EcrImage* ResolveImage(const model::Model& m, const EcrImageUse& use) {
  const auto& r = use.ref;
  if (!r.digest.empty())
    return m.ecr_images().Find(model::EcrImageKey(r.account, r.region, r.repository, r.digest));
  return m.EcrImageByTag(r.account, r.region, r.repository, r.tag);
}

fix::Read DescribeImages(const model::ImageRef& r) {
  return {"ecr", "describe-images", {"--registry-id", r.account, "--repository-name", r.repository}, r.region};
}

}  // namespace fd::checks
