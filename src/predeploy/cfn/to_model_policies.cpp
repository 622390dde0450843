// KMS keys and the resource policies of repositories and secrets, as the IAM reader's entities:
// what IAM011, IAM012 and IAM013 evaluate. A key the stacks create is Enabled unless `Enabled:
// false`, customer managed, and has its KeyPolicy, else the policy KMS gives a key created
// without one (predeploy/aws_defaults.h). A repository or secret the stacks create has exactly
// the policy they give it (RepositoryPolicyText, AWS::SecretsManager::ResourcePolicy), or none;
// a policy only deployment will know leaves its layer unchecked.
#include <fmt/format.h>

#include <set>

#include "predeploy/aws_defaults.h"
#include "predeploy/cfn/to_model_context.h"

namespace fd::predeploy::cfn {

namespace {

class PolicyMapper {
 public:
  explicit PolicyMapper(MapContext& cx) : cx_(cx) {}

  void Run() {
    for (const Item& it : cx_.OfType("AWS::KMS::Key")) Key(it);
    for (const Item& it : cx_.OfType("AWS::KMS::Alias")) Alias(it);
    for (const Item& it : cx_.OfType("AWS::ECR::Repository")) RepositoryPolicy(it);
    for (const Item& it : cx_.OfType("AWS::SecretsManager::ResourcePolicy")) SecretPolicy(it);
    for (const Item& it : cx_.OfType("AWS::SecretsManager::Secret"))
      if (unknown_secret_policies_.count(cx_.ArnOf(it)) == 0) NoSecretPolicy(it);
  }

 private:
  // A policy document the stacks give; nullopt with a note when a part of it is unknown.
  std::optional<std::string> Document(const Item& it, const Value& v, std::string_view key) {
    std::optional<std::string> text = cx_.PolicyJson(v, std::string(key) + " of " + it.id());
    if (!text)
      cx_.Note(it, fmt::format("{} of {} is known only after deployment: what it decides is "
                               "unchecked", key, it.id()));
    return text;
  }

  void Key(const Item& it) {
    model::KmsKey k;
    k.key_id = cx_.IdOf(it);
    k.arn = cx_.ArnOf(it);
    k.region = cx_.Region(it);
    k.account = cx_.Account(it);
    k.key_manager = "CUSTOMER";
    k.key_usage = cx_.Text(it, "KeyUsage").value_or("");
    if (k.key_usage.empty()) k.key_usage = "ENCRYPT_DECRYPT";
    const std::optional<bool> enabled = cx_.Bool(cx_.Prop(it, "Enabled"));
    if (enabled || cx_.Prop(it, "Enabled") == nullptr) {
      k.key_state = enabled.value_or(true) ? "Enabled" : "Disabled";
      k.described = true;
    } else {
      cx_.Note(it, fmt::format("Enabled of {} is {}: the key's state is unchecked", it.id(),
                               cx_.WhyUnknown(cx_.Prop(it, "Enabled"))));
    }
    if (const Value* policy = cx_.Prop(it, "KeyPolicy")) k.policy = Document(it, *policy, "KeyPolicy");
    else if (!k.account.empty()) k.policy = DefaultKeyPolicy(MapContext::Partition(k.region), k.account);
    k.source = cx_.Source(it);
    cx_.Origin(k.arn, it);
    cx_.builder().AddKmsKey(std::move(k));
  }

  void Alias(const Item& it) {
    std::optional<std::string> name = cx_.Text(it, "AliasName");
    std::optional<std::string> key = cx_.Text(it, "TargetKeyId");
    if (!name || name->empty() || !key || key->empty()) return;  // an alias nothing can name
    cx_.builder().AddKmsAlias(cx_.Region(it), cx_.Account(it), *name, *key);
  }

  void RepositoryPolicy(const Item& it) {
    std::optional<std::string> name = cx_.Text(it, "RepositoryName");
    if (!name || name->empty()) return;  // a generated name: the repository is left out
    model::EcrRepositoryPolicy p;
    p.repository_name = *name;
    p.region = cx_.Region(it);
    p.registry_id = cx_.Account(it);
    p.repository_arn = cx_.ArnOf(it);
    if (const Value* text = cx_.Prop(it, "RepositoryPolicyText")) {
      p.policy = Document(it, *text, "RepositoryPolicyText");
      if (!p.policy) return;
    }
    p.source = cx_.Source(it);
    cx_.builder().AddEcrRepositoryPolicy(std::move(p));
  }

  void SecretPolicy(const Item& it) {
    const Value* id = cx_.Prop(it, "SecretId");
    std::optional<std::string> secret = cx_.Text(id);
    if (!secret || secret->empty()) {
      cx_.Note(it, fmt::format("SecretId of {} is {}: the policy is not applied", it.id(), cx_.WhyUnknown(id)));
      return;
    }
    const Value* policy = cx_.Prop(it, "ResourcePolicy");
    std::optional<std::string> text = policy ? Document(it, *policy, "ResourcePolicy") : std::nullopt;
    if (!text) {
      unknown_secret_policies_.insert(*secret);
      return;
    }
    model::SecretPolicy p;
    p.secret_arn = *secret;
    const Item* named = cx_.Referenced(id);
    p.name = named ? cx_.Text(*named, "Name").value_or("") : "";
    if (p.name.empty()) p.name = named ? cx_.IdOf(*named) : *secret;
    p.region = cx_.Region(it);
    p.account = cx_.Account(it);
    p.policy = std::move(text);
    p.source = cx_.Source(it);
    cx_.builder().AddSecretPolicy(std::move(p));
  }

  // A secret the stacks create and no ResourcePolicy names: it has none (the builder keeps a
  // policy another resource gives it).
  void NoSecretPolicy(const Item& it) {
    model::SecretPolicy p;
    p.secret_arn = cx_.ArnOf(it);
    p.name = cx_.Text(it, "Name").value_or("");
    if (p.name.empty()) p.name = cx_.IdOf(it);
    p.region = cx_.Region(it);
    p.account = cx_.Account(it);
    p.source = cx_.Source(it);
    cx_.builder().AddSecretPolicy(std::move(p));
  }

  MapContext& cx_;
  std::set<std::string> unknown_secret_policies_;
};

}  // namespace

void MapResourcePolicies(MapContext& cx) { PolicyMapper(cx).Run(); }

}  // namespace fd::predeploy::cfn
