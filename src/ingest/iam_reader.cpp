// Readers for the policies a task start is judged by: IAM roles and managed policies
// (get-account-authorization-details, get-role, get-policy, get-role-policy and the enveloped
// list-attached-role-policies / list-role-policies / get-policy-version), resource policies
// (ecr get-repository-policy, secretsmanager get-resource-policy, enveloped kms get-key-policy),
// KMS keys (describe-key, list-aliases) and organization SCPs/RCPs (enveloped describe-policy,
// list-policies-for-target). Every document goes through PolicyText().

#include <cctype>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "ingest/policy_text.h"
#include "ingest/readers.h"
#include "util/strings.h"

namespace fd::ingest {
namespace {

using util::Lower;

bool Truncated(const Node& root) { return root.Bool("IsTruncated").value_or(false); }

/// A Role (get-role) or a RoleDetailList item (authorization details).
std::optional<model::IamRole> ReadRoleObject(const Node& item) {
  model::IamRole r;
  r.arn = item.Str("Arn");
  r.name = item.Str("RoleName");
  if (r.arn.empty() || r.name.empty()) {
    item.Note("role without Arn or RoleName, skipped");
    return std::nullopt;
  }
  if (std::string path = item.Str("Path"); !path.empty()) r.path = path;
  r.account = item.ctx().Account("", r.arn);
  r.role_id = item.Str("RoleId");
  r.create_date = TimeText(item, "CreateDate");
  r.trust_policy = PolicyText(item, "AssumeRolePolicyDocument");
  // Both get-role and the authorization details print PermissionsBoundary whenever one is set.
  r.boundary_known = true;
  if (auto b = item.Object("PermissionsBoundary")) r.permissions_boundary_arn = b->Str("PermissionsBoundaryArn");
  if (auto used = item.Object("RoleLastUsed")) {
    r.last_used_date = TimeText(*used, "LastUsedDate");
    r.last_used_region = used->Str("Region");
  }
  r.source = item.Source();
  return r;
}

void ReadRoleDetails(const Node& list, bool complete, std::string& account) {
  list.Items([&](const Node& item) {
    if (!IsObjectItem(item, "RoleDetailList")) return;
    auto r = ReadRoleObject(item);
    if (!r) return;
    if (account.empty()) account = r->account;
    item.Each("RolePolicyList", [&](const Node& p) {
      if (!IsObjectItem(p, "RolePolicyList")) return;
      model::IamInlinePolicy ip{p.Str("PolicyName"), PolicyText(p, "PolicyDocument"), p.Source()};
      if (ip.name.empty()) return p.Note("inline policy without PolicyName, skipped");
      r->inline_policies.push_back(std::move(ip));
    });
    r->inline_policies_known = complete;
    r->attached_policy_arns = item.Plucked("AttachedManagedPolicies", "PolicyArn");
    r->attached_policies_known = complete;
    list.builder().AddIamRole(std::move(*r));
  });
}

}  // namespace

void ReadAuthorizationDetails(const Node& root) {
  const bool complete = !Truncated(root);
  if (!complete)
    root.NoteAt("IsTruncated",
                "authorization details are truncated (a page of a paginated answer): absent roles "
                "and policies are not taken as proof");
  std::string account;
  if (auto roles = root.Get("RoleDetailList")) ReadRoleDetails(*roles, complete, account);
  if (auto policies = root.Get("Policies")) {
    ReadIamPolicies(*policies);
    if (complete) root.builder().MarkAccountCoverage("iam-policies", account.empty() ? root.ctx().account_hint : account, "");
  }
  if (complete && root.Get("RoleDetailList"))
    root.builder().MarkAccountCoverage("iam-roles", account.empty() ? root.ctx().account_hint : account, "");
  for (std::string_view key : {"UserDetailList", "GroupDetailList"}) {
    auto list = root.Get(key);
    if (list && list->value().Size() > 0)
      root.NoteAt(key, fmt::format("{} is not read: a task acts through roles only", key));
  }
}

void ReadRole(const Node& role) {
  if (!role.value().IsObject()) return role.Note("Role is not an object, skipped");
  auto r = ReadRoleObject(role);
  if (!r) return;
  role.builder().MarkAccountCoverage("iam-role", r->account, Lower(r->name));
  role.builder().AddIamRole(std::move(*r));
}

void ReadIamPolicies(const Node& list) {
  list.Items([&](const Node& item) {
    if (!IsObjectItem(item, "Policies")) return;
    if (item.Get("Id") && item.Get("Type")) {  // organizations list-policies: a summary
      model::OrgPolicy p;
      p.id = item.Str("Id");
      p.arn = item.Str("Arn");
      p.name = item.Str("Name");
      p.type = item.Str("Type");
      p.aws_managed = item.Bool("AwsManaged").value_or(false);
      p.source = item.Source();
      list.builder().AddOrgPolicy(std::move(p));
      return;
    }
    model::IamManagedPolicy p;
    p.arn = item.Str("Arn");
    p.name = item.Str("PolicyName");
    if (p.arn.empty()) return item.Note("policy without Arn, skipped");
    p.path = item.Str("Path");
    p.policy_id = item.Str("PolicyId");
    p.default_version_id = item.Str("DefaultVersionId");
    p.create_date = TimeText(item, "CreateDate");
    p.update_date = TimeText(item, "UpdateDate");
    item.Each("PolicyVersionList", [&](const Node& v) {
      if (!IsObjectItem(v, "PolicyVersionList")) return;
      if (!v.Bool("IsDefaultVersion").value_or(false)) return;
      p.document = PolicyText(v, "Document");
      if (p.default_version_id.empty()) p.default_version_id = v.Str("VersionId");
    });
    p.source = item.Source();
    list.builder().AddIamPolicy(std::move(p));
  });
}

void ReadPolicyMember(const Node& policy) {
  JsonValue v = policy.value();
  if (v.IsString())
    return policy.Note(
        "a kms get-key-policy answer does not say which key it belongs to: save it in an "
        "envelope naming --key-id (docs/design/inputs.md §1)");
  if (!v.IsObject()) return policy.Note("Policy is not an object, skipped");
  if (policy.Get("PolicySummary")) return ReadOrgPolicy(policy, {});
  model::IamManagedPolicy p;  // iam get-policy
  p.arn = policy.Str("Arn");
  if (p.arn.empty()) return policy.Note("policy without Arn, skipped");
  p.name = policy.Str("PolicyName");
  p.path = policy.Str("Path");
  p.policy_id = policy.Str("PolicyId");
  p.default_version_id = policy.Str("DefaultVersionId");
  p.create_date = TimeText(policy, "CreateDate");
  p.update_date = TimeText(policy, "UpdateDate");
  p.source = policy.Source();
  policy.builder().MarkCoverage("iam-policy " + p.arn);
  policy.builder().AddIamPolicy(std::move(p));
}

void ReadPolicyVersion(const Node& version, const std::string& policy_arn) {
  if (!version.value().IsObject()) return version.Note("PolicyVersion is not an object, skipped");
  if (policy_arn.empty())
    return version.Note(
        "a get-policy-version answer does not say which policy it belongs to: save it in an "
        "envelope naming --policy-arn (docs/design/inputs.md §1)");
  if (!version.Bool("IsDefaultVersion").value_or(false)) return;  // only the default applies
  model::IamManagedPolicy p;
  p.arn = policy_arn;
  p.default_version_id = version.Str("VersionId");
  p.document = PolicyText(version, "Document");
  p.source = version.Source();
  version.builder().AddIamPolicy(std::move(p));
}

void ReadRolePolicy(const Node& root) {
  model::IamInlinePolicy p{root.Str("PolicyName"), PolicyText(root, "PolicyDocument"),
                           root.Source()};
  std::string role = root.Str("RoleName");
  if (p.name.empty() || role.empty())
    return root.Note("get-role-policy answer without RoleName or PolicyName, skipped");
  root.builder().AddRoleInlinePolicy(root.ctx().account_hint, role, std::move(p));
}

void ReadAttachedRolePolicies(const Node& output, const std::string& role_name) {
  if (Truncated(output))
    return output.NoteAt("IsTruncated", "list-attached-role-policies is truncated, ignored");
  output.builder().SetRoleAttachedPolicies(output.ctx().account_hint, role_name,
                                           output.Plucked("AttachedPolicies", "PolicyArn"),
                                           output.Source());
}

void ReadRolePolicyNames(const Node& output, const std::string& role_name) {
  if (Truncated(output))
    return output.NoteAt("IsTruncated", "list-role-policies is truncated, ignored");
  output.builder().SetRoleInlinePolicyNames(output.ctx().account_hint, role_name,
                                            output.Strings("PolicyNames"), output.Source());
}

void ReadRepositoryPolicy(const Node& root) {
  model::EcrRepositoryPolicy p;
  p.registry_id = root.ctx().Account(root.Str("registryId"));
  p.repository_name = root.Str("repositoryName");
  p.region = root.ctx().region_hint;
  p.policy = PolicyText(root, "policyText");
  p.source = root.Source();
  if (!p.policy) return;  // PolicyText noted why
  root.builder().AddEcrRepositoryPolicy(std::move(p));
}

void ReadRegistryPolicy(const Node& root) {
  model::EcrRegistryPolicy p;
  p.registry_id = root.ctx().Account(root.Str("registryId"));
  p.region = root.ctx().region_hint;
  p.policy = PolicyText(root, "policyText");
  p.source = root.Source();
  if (!p.policy) return;  // PolicyText noted why
  root.builder().AddEcrRegistryPolicy(std::move(p));
}

void ReadPullThroughCacheRules(const Node& root, bool complete, const std::string& registry) {
  const FileContext& ctx = root.ctx();
  std::string listed_registry = registry;
  auto list = root.Get("pullThroughCacheRules");
  if (list) {
    list->Items([&](const Node& item) {
      if (!IsObjectItem(item, "pullThroughCacheRules")) return;
      model::EcrPullThroughCacheRule r;
      r.registry_id = ctx.Account(item.Str("registryId"));
      r.region = ctx.region_hint;
      r.prefix = item.Str("ecrRepositoryPrefix");
      while (!r.prefix.empty() && r.prefix.back() == '/') r.prefix.pop_back();
      r.upstream_registry_url = item.Str("upstreamRegistryUrl");
      r.upstream_registry = item.Str("upstreamRegistry");
      r.credential_arn = item.Str("credentialArn");
      r.custom_role_arn = item.Str("customRoleArn");
      r.upstream_repository_prefix = item.Str("upstreamRepositoryPrefix");
      r.source = item.Source();
      if (r.prefix.empty()) return item.Note("pull-through cache rule without ecrRepositoryPrefix, skipped");
      if (listed_registry.empty()) listed_registry = r.registry_id;
      root.builder().AddEcrPullThroughCacheRule(std::move(r));
    });
  }
  // Absence of a rule is proven only by a whole listing of a known Region.
  if (complete && !ctx.region_hint.empty())
    root.builder().MarkAccountCoverage("ecr-ptc", listed_registry.empty() ? ctx.account_hint : listed_registry,
                                       ctx.region_hint);
}

void ReadSecretResourcePolicy(const Node& root) {
  model::SecretPolicy p;
  p.secret_arn = root.Str("ARN");
  if (p.secret_arn.empty()) return root.Note("get-resource-policy answer without ARN, skipped");
  p.name = root.Str("Name");
  p.region = root.ctx().Region(p.secret_arn);
  p.account = root.ctx().Account("", p.secret_arn);
  p.policy = PolicyText(root, "ResourcePolicy");
  p.source = root.Source();
  root.builder().AddSecretPolicy(std::move(p));
}

void ReadKmsKeyMetadata(const Node& meta) {
  if (!meta.value().IsObject()) return meta.Note("KeyMetadata is not an object, skipped");
  model::KmsKey k;
  k.arn = meta.Str("Arn");
  k.key_id = meta.Str("KeyId");
  if (k.arn.empty() || k.key_id.empty()) return meta.Note("key without Arn or KeyId, skipped");
  k.region = meta.ctx().Region(k.arn);
  k.account = meta.ctx().Account(meta.Str("AWSAccountId"), k.arn);
  k.key_state = meta.Str("KeyState");
  k.key_manager = meta.Str("KeyManager");
  k.key_usage = meta.Str("KeyUsage");
  k.described = true;
  k.source = meta.Source();
  meta.builder().AddKmsKey(std::move(k));
}

void ReadKmsAliases(const Node& list) {
  list.Items([&](const Node& item) {
    if (!IsObjectItem(item, "Aliases")) return;
    std::string alias_arn = item.Str("AliasArn");
    if (alias_arn.find(":kms:") == std::string::npos) return;  // lambda list-aliases
    std::string name = item.Str("AliasName");
    std::string key_id = item.Str("TargetKeyId");
    if (name.empty() || key_id.empty()) return;  // an alias of no key yet
    list.builder().AddKmsAlias(list.ctx().Region(alias_arn), list.ctx().Account("", alias_arn),
                               name, key_id);
  });
}

void ReadKmsKeyPolicy(const Node& output, const std::string& key_ref) {
  auto policy = PolicyText(output, "Policy");
  if (!policy) return output.NoteAt("Policy", "get-key-policy answer without a Policy, skipped");
  output.builder().SetKmsKeyPolicy(output.ctx().region_hint, output.ctx().account_hint, key_ref,
                                   std::move(*policy), output.Source());
}

void ReadOrgPolicy(const Node& policy, const std::vector<std::string>& targets) {
  auto summary = policy.Object("PolicySummary");
  if (!summary) return policy.Note("organizations policy without PolicySummary, skipped");
  model::OrgPolicy p;
  p.id = summary->Str("Id");
  if (p.id.empty()) return summary->Note("organizations policy without Id, skipped");
  p.arn = summary->Str("Arn");
  p.name = summary->Str("Name");
  p.type = summary->Str("Type");
  p.aws_managed = summary->Bool("AwsManaged").value_or(false);
  p.content = PolicyText(policy, "Content");
  p.targets = targets;
  p.source = policy.Source();
  policy.builder().AddOrgPolicy(std::move(p));
}

void ReadPoliciesForTarget(const Node& output, const std::string& target,
                           const std::string& filter) {
  if (output.Get("NextToken"))
    return output.NoteAt("NextToken", "list-policies-for-target is a partial page, ignored");
  output.Each("Policies", [&](const Node& item) {
    if (!IsObjectItem(item, "Policies")) return;
    model::OrgPolicy p;
    p.id = item.Str("Id");
    if (p.id.empty()) return item.Note("policy without Id, skipped");
    p.arn = item.Str("Arn");
    p.name = item.Str("Name");
    p.type = item.Str("Type");
    p.aws_managed = item.Bool("AwsManaged").value_or(false);
    p.targets = {target};
    p.source = item.Source();
    output.builder().AddOrgPolicy(std::move(p));
  });
  if (!filter.empty()) output.builder().MarkCoverage("org-policies " + filter + " " + target);
}

}  // namespace fd::ingest
