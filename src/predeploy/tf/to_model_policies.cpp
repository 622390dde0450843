// KMS keys, secrets and parameters, and the resource policies of repositories and secrets, as
// the readers' entities: what the SEC checks, IAM011, IAM012 and IAM013 read. A key the plans
// create is Enabled unless `is_enabled = false`, customer managed, and has its policy, else the
// one KMS gives a key created without one (predeploy/aws_defaults.h). A repository or secret the
// plans create has exactly the policy they give it, or none. Never a secret's or a parameter's
// value: aws_secretsmanager_secret_version is not read, and neither is `value`.
#include <fmt/format.h>

#include <set>

#include "predeploy/aws_defaults.h"
#include "predeploy/tf/to_model_context.h"

namespace fd::predeploy::tf {

namespace {

class PolicyMapper {
 public:
  explicit PolicyMapper(MapContext& cx) : cx_(cx) {}

  void Run() {
    for (const Resource* r : cx_.OfType("aws_kms_key_policy")) KeyPolicy(*r);
    for (const Resource* r : cx_.OfType("aws_kms_key")) Key(*r);
    for (const Resource* r : cx_.OfType("aws_kms_alias")) Alias(*r);
    for (const Resource* r : cx_.OfType("aws_ecr_repository_policy")) RepositoryPolicy(*r);
    for (const Resource* r : cx_.OfType("aws_ecr_repository"))
      if (!r->existing && unknown_.count(cx_.Text(*r, "name").value_or("")) == 0) NoRepositoryPolicy(*r);
    for (const Resource* r : cx_.OfType("aws_secretsmanager_secret_policy")) SecretPolicy(*r);
    for (const Resource* r : cx_.OfType("aws_secretsmanager_secret")) Secret(*r);
    for (const Resource* r : cx_.OfType("aws_ssm_parameter")) Parameter(*r);
  }

 private:
  // A policy the plans give: known text, else nullopt with a note.
  std::optional<std::string> Document(const Resource& r, std::string_view key) {
    const Value* v = cx_.Attr(r, key);
    if (auto text = cx_.Text(v); text && !text->empty()) return *text;
    cx_.Note(r, fmt::format("{} of {} is {}: what it decides is unchecked", key, r.id, cx_.WhyUnknown(v)));
    return std::nullopt;
  }

  // aws_kms_key_policy replaces the policy of the key it names (by key_id).
  void KeyPolicy(const Resource& r) {
    std::optional<std::string> key = cx_.Text(r, "key_id");
    if (!key || key->empty()) return;
    key_policies_[*key] = Document(r, "policy");
  }

  void Key(const Resource& r) {
    model::KmsKey k;
    k.key_id = cx_.IdOf(r);
    k.arn = cx_.ArnOf(r);
    k.region = cx_.region();
    k.account = cx_.account();
    k.key_manager = "CUSTOMER";
    k.key_usage = cx_.Text(r, "key_usage").value_or("");
    if (k.key_usage.empty()) k.key_usage = "ENCRYPT_DECRYPT";
    const Value* enabled = cx_.Attr(r, "is_enabled");
    if (std::optional<bool> on = cx_.Bool(enabled); on || enabled == nullptr || MapContext::IsNotConfigured(enabled)) {
      k.key_state = on.value_or(true) ? "Enabled" : "Disabled";
      k.described = true;
    } else {
      cx_.Note(r, fmt::format("is_enabled of {} is {}: the key's state is unchecked", r.id, cx_.WhyUnknown(enabled)));
    }
    const Value* policy = cx_.Attr(r, "policy");
    if (auto it = key_policies_.find(k.key_id); it != key_policies_.end()) k.policy = it->second;
    else if (MapContext::IsNotConfigured(policy) || cx_.Text(policy).value_or("x").empty())
      k.policy = k.account.empty() ? std::nullopt
                                   : std::optional(DefaultKeyPolicy(cx_.Partition(), k.account));
    else k.policy = Document(r, "policy");
    k.source = cx_.Source(r);
    cx_.Origin(k.arn, r);
    cx_.builder().AddKmsKey(std::move(k));
  }

  void Alias(const Resource& r) {
    std::optional<std::string> name = cx_.Text(r, "name");
    std::optional<std::string> key = cx_.Text(r, "target_key_id");
    if (!name || name->empty() || !key || key->empty()) return;  // an alias nothing can name
    cx_.builder().AddKmsAlias(cx_.region(), cx_.account(), *name, *key);
  }

  // The repository's policy, joined by name (`repository = aws_ecr_repository.app.name`).
  void RepositoryPolicy(const Resource& r) {
    std::optional<std::string> name = cx_.Text(r, "repository");
    if (!name || name->empty()) return;
    std::optional<std::string> policy = Document(r, "policy");
    if (!policy) {
      unknown_.insert(*name);
      return;
    }
    model::EcrRepositoryPolicy p = RepositoryPolicyOf(*name, r);
    p.policy = std::move(policy);
    cx_.builder().AddEcrRepositoryPolicy(std::move(p));
  }

  void NoRepositoryPolicy(const Resource& r) {
    std::optional<std::string> name = cx_.Text(r, "name");
    if (!name || name->empty()) return;
    cx_.builder().AddEcrRepositoryPolicy(RepositoryPolicyOf(*name, r));
  }

  model::EcrRepositoryPolicy RepositoryPolicyOf(const std::string& name, const Resource& r) const {
    model::EcrRepositoryPolicy p;
    p.repository_name = name;
    p.region = cx_.region();
    p.registry_id = cx_.account();
    p.repository_arn = cx_.RepositoryArn(name);
    p.source = cx_.Source(r);
    return p;
  }

  void SecretPolicy(const Resource& r) {
    std::optional<std::string> arn = cx_.Text(r, "secret_arn");
    if (!arn || arn->empty()) return;
    secret_policies_[*arn] = Document(r, "policy");
  }

  void Secret(const Resource& r) {
    model::Secret s;
    s.arn = cx_.ArnOf(r);
    s.name = cx_.Text(r, "name").value_or("");
    s.region = cx_.region();
    s.account = cx_.account();
    s.kms_key_id = cx_.Text(r, "kms_key_id").value_or("");
    s.source = cx_.Source(r);
    cx_.Origin(s.arn, r);
    if (!r.existing) {  // one the plans create has the policy they give it, or none
      model::SecretPolicy p;
      p.secret_arn = s.arn;
      p.name = s.name.empty() ? r.id : s.name;
      p.region = s.region;
      p.account = s.account;
      p.source = s.source;
      auto given = secret_policies_.find(s.arn);
      if (given != secret_policies_.end()) p.policy = given->second;
      if (given == secret_policies_.end() || given->second) cx_.builder().AddSecretPolicy(std::move(p));
    }
    cx_.builder().AddSecret(std::move(s));
  }

  void Parameter(const Resource& r) {
    model::SsmParameter p;
    p.name = cx_.Text(r, "name").value_or("");
    if (p.name.empty()) return;
    p.region = cx_.region();
    p.account = cx_.account();
    p.type = cx_.Text(r, "type").value_or("");
    p.tier = cx_.Text(r, "tier").value_or("");
    p.source = cx_.Source(r);
    cx_.Origin(p.name, r);
    cx_.builder().AddSsmParameter(std::move(p));
  }

  MapContext& cx_;
  std::map<std::string, std::optional<std::string>> key_policies_;     // key ID → policy
  std::map<std::string, std::optional<std::string>> secret_policies_;  // secret ARN → policy
  std::set<std::string> unknown_;  // repositories whose policy only apply will know
};

}  // namespace

void MapResourcePolicies(MapContext& cx) { PolicyMapper(cx).Run(); }

}  // namespace fd::predeploy::tf
