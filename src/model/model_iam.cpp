// The IAM part of the model: roles, managed policies, resource policies (ECR, Secrets Manager,
// KMS), KMS keys and aliases, organization policies, and failed collector calls. Data that
// names a role only by name, or leaves its account to the caller identity, is resolved here,
// once, when the model is built.

#include <algorithm>
#include <cctype>

#include "model/index_access.h"
#include "model/model.h"
#include "util/strings.h"

namespace fd::model {
namespace {

using util::Lower;

template <typename T>
T* FindMutable(Index<T>& index, const std::string& key) {
  return IndexAccess<T>::Find(index, key);
}

template <typename T>
T* Put(Index<T>& index, std::string key, T item) {
  if (key.empty()) return nullptr;
  return IndexAccess<T>::Insert(index, std::move(key), item).first;
}

void MergeInline(IamRole& role, IamInlinePolicy p) {
  for (auto& cur : role.inline_policies) {
    if (cur.name != p.name) continue;
    if (!cur.document && p.document) {
      cur.document = std::move(p.document);
      cur.source = p.source;
    }
    return;
  }
  role.inline_policies.push_back(std::move(p));
}

void SortUnique(std::vector<std::string>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

/// "arn:aws:kms:eu-west-3:111:key/abc" → "abc"; "arn:…:alias/x" → "alias/x"; other text as is.
std::string KeyRefTail(const std::string& ref) {
  if (ref.rfind("arn:", 0) != 0) return ref;
  size_t colon = ref.find(':');
  for (int i = 0; i < 4 && colon != std::string::npos; ++i) colon = ref.find(':', colon + 1);
  if (colon == std::string::npos) return ref;
  std::string tail = ref.substr(colon + 1);
  if (tail.rfind("key/", 0) == 0) return tail.substr(4);
  return tail;
}

/// The account the input named, or the caller's when it named none.
std::string AccountOr(const std::string& account, const std::string& caller) {
  return account.empty() ? caller : account;
}

}  // namespace

const IamInlinePolicy* IamRole::InlinePolicy(const std::string& policy_name) const {
  for (const auto& p : inline_policies)
    if (p.name == policy_name) return &p;
  return nullptr;
}

void ModelBuilder::AddIamRole(IamRole r) {
  if (r.arn.empty()) return;
  r.service_linked = r.service_linked || r.path.rfind("/aws-service-role/", 0) == 0;
  IamRole* cur = FindMutable(m_.iam_roles_, r.arn);
  if (!cur) {
    std::string key = r.arn;  // read before r is moved
    Put(m_.iam_roles_, std::move(key), std::move(r));
    return;
  }
  if (!cur->trust_policy && r.trust_policy) cur->trust_policy = std::move(r.trust_policy);
  if (cur->role_id.empty()) cur->role_id = r.role_id;
  if (cur->create_date.empty()) cur->create_date = r.create_date;
  if (!cur->boundary_known && r.boundary_known) {
    cur->boundary_known = true;
    cur->permissions_boundary_arn = r.permissions_boundary_arn;
  }
  if (cur->last_used_date.empty()) {
    cur->last_used_date = r.last_used_date;
    cur->last_used_region = r.last_used_region;
  }
  for (auto& p : r.inline_policies) MergeInline(*cur, std::move(p));
  cur->inline_policies_known = cur->inline_policies_known || r.inline_policies_known;
  if (r.attached_policies_known && !cur->attached_policies_known) {
    cur->attached_policy_arns = std::move(r.attached_policy_arns);
    cur->attached_policies_known = true;
  }
}

void ModelBuilder::AddRoleInlinePolicy(const std::string& account, const std::string& role_name,
                                       IamInlinePolicy p) {
  PendingRole pr;
  pr.what = PendingRole::What::kInline;
  pr.account = account;
  pr.role_name = role_name;
  pr.source = p.source;
  pr.inline_policy = std::move(p);
  pending_roles_.push_back(std::move(pr));
}

void ModelBuilder::SetRoleInlinePolicyNames(const std::string& account,
                                            const std::string& role_name,
                                            std::vector<std::string> names,
                                            const SourceRef& source) {
  pending_roles_.push_back(
      {PendingRole::What::kInlineNames, account, role_name, {}, std::move(names), source});
}

void ModelBuilder::SetRoleAttachedPolicies(const std::string& account, const std::string& role_name,
                                           std::vector<std::string> arns, const SourceRef& source) {
  pending_roles_.push_back(
      {PendingRole::What::kAttached, account, role_name, {}, std::move(arns), source});
}

void ModelBuilder::AddIamPolicy(IamManagedPolicy p) {
  if (p.arn.empty()) return;
  p.aws_managed = p.aws_managed || AccountOfArn(p.arn) == "aws";
  IamManagedPolicy* cur = FindMutable(m_.iam_policies_, p.arn);
  if (!cur) {
    std::string key = p.arn;  // read before p is moved
    Put(m_.iam_policies_, std::move(key), std::move(p));
    return;
  }
  if (!cur->document && p.document) cur->document = std::move(p.document);
  if (cur->name.empty()) cur->name = p.name;
  if (cur->path.empty()) cur->path = p.path;
  if (cur->policy_id.empty()) cur->policy_id = p.policy_id;
  if (cur->default_version_id.empty()) cur->default_version_id = p.default_version_id;
  if (cur->create_date.empty()) cur->create_date = p.create_date;
  if (cur->update_date.empty()) cur->update_date = p.update_date;
}

void ModelBuilder::AddEcrRepositoryPolicy(EcrRepositoryPolicy p) {
  pending_repo_policies_.push_back(std::move(p));
}

void ModelBuilder::AddEcrPullThroughCacheRule(EcrPullThroughCacheRule r) {
  pending_ptc_rules_.push_back(std::move(r));
}

void ModelBuilder::AddEcrRegistryPolicy(EcrRegistryPolicy p) {
  pending_registry_policies_.push_back(std::move(p));
}

void ModelBuilder::AddSecretPolicy(SecretPolicy p) {
  if (p.secret_arn.empty()) return;
  SecretPolicy* cur = FindMutable(m_.secret_policies_, p.secret_arn);
  if (!cur) {
    std::string key = p.secret_arn;  // read before p is moved
    Put(m_.secret_policies_, std::move(key), std::move(p));
    return;
  }
  if (!cur->policy && p.policy) cur->policy = std::move(p.policy);
}

void ModelBuilder::AddKmsKey(KmsKey k) {
  if (k.arn.empty()) return;
  KmsKey* cur = FindMutable(m_.kms_keys_, k.arn);
  if (!cur) {
    std::string key = k.arn;  // read before k is moved
    Put(m_.kms_keys_, std::move(key), std::move(k));
    return;
  }
  if (k.described && !cur->described) {
    cur->described = true;
    cur->key_state = k.key_state;
    cur->key_manager = k.key_manager;
    cur->key_usage = k.key_usage;
    cur->source = k.source;
  }
  if (!cur->policy && k.policy) cur->policy = std::move(k.policy);
  for (auto& a : k.aliases) cur->aliases.push_back(std::move(a));
}

void ModelBuilder::AddKmsAlias(const std::string& region, const std::string& account,
                               const std::string& alias_name, const std::string& key_id) {
  pending_aliases_.push_back({region, account, alias_name, key_id});
}

void ModelBuilder::SetKmsKeyPolicy(const std::string& region, const std::string& account,
                                   const std::string& key_ref, std::string policy,
                                   const SourceRef& source) {
  pending_key_policies_.push_back({region, account, key_ref, std::move(policy), source});
}

void ModelBuilder::AddOrgPolicy(OrgPolicy p) {
  if (p.id.empty()) return;
  OrgPolicy* cur = FindMutable(m_.org_policies_, p.id);
  if (!cur) {
    std::string key = p.id;  // read before p is moved
    Put(m_.org_policies_, std::move(key), std::move(p));
    return;
  }
  if (!cur->content && p.content) {
    cur->content = std::move(p.content);
    cur->source = p.source;
  }
  if (cur->name.empty()) cur->name = p.name;
  if (cur->arn.empty()) cur->arn = p.arn;
  if (cur->type.empty()) cur->type = p.type;
  cur->aws_managed = cur->aws_managed || p.aws_managed;
  for (auto& t : p.targets) cur->targets.push_back(std::move(t));
}

void ModelBuilder::AddApiError(ApiError e) { m_.api_errors_.push_back(std::move(e)); }

void ModelBuilder::MarkAccountCoverage(const std::string& kind, const std::string& account,
                                       const std::string& rest) {
  pending_coverage_.push_back({kind, account, rest});
}

void ModelBuilder::ResolveIam() {
  const std::string caller = m_.caller_ ? m_.caller_->account : std::string();
  FillCallerAccount(caller);
  ResolvePendingRoles(caller);
  ResolveEcrPolicies(caller);
  ResolveKmsReferences(caller);
  IndexIam();
}

/// Coverage marks and failed calls whose input named no account are the caller's; without a
/// caller identity, a coverage mark proves nothing about an unknown account and is dropped.
void ModelBuilder::FillCallerAccount(const std::string& caller) {
  Model& m = m_;
  for (const auto& c : pending_coverage_) {
    std::string account = AccountOr(c.account, caller);
    if (account.empty()) continue;
    m.coverage_[c.kind + " " + account + (c.rest.empty() ? "" : " " + c.rest)]++;
  }
  for (auto& e : m.api_errors_) e.account = AccountOr(e.account, caller);
}

/// Inline policies, their names and attached policies arrive keyed by a role's name (list-role-
/// policies and friends): each goes to the role found by (account, lower-cased name). Without
/// any account (no envelope, folder or caller identity says it), a name that only one role in
/// the snapshot has still identifies it.
void ModelBuilder::ResolvePendingRoles(const std::string& caller) {
  Model& m = m_;
  std::unordered_map<std::string, IamRole*> by_name;
  std::unordered_map<std::string, IamRole*> by_bare_name;  // nullptr when ambiguous
  for (auto& r : IndexAccess<IamRole>::items(m.iam_roles_)) {
    by_name.emplace(r.account + " " + Lower(r.name), &r);
    auto [it, inserted] = by_bare_name.emplace(" " + Lower(r.name), &r);
    if (!inserted) it->second = nullptr;
  }
  for (auto& p : pending_roles_) {
    const std::string account = AccountOr(p.account, caller);
    IamRole* found = nullptr;
    if (auto it = by_name.find(account + " " + Lower(p.role_name)); it != by_name.end())
      found = it->second;
    else if (account.empty())
      if (auto bare = by_bare_name.find(" " + Lower(p.role_name)); bare != by_bare_name.end())
        found = bare->second;
    if (!found) {
      m.notes_.push_back({p.source.file, p.source.pointer,
                          "role " + p.role_name +
                              " is not described in the snapshot (iam get-role); its policies "
                              "here are not used"});
      continue;
    }
    IamRole& role = *found;
    switch (p.what) {
      case PendingRole::What::kInline:
        MergeInline(role, std::move(p.inline_policy));
        break;
      case PendingRole::What::kInlineNames:
        for (auto& n : p.list) MergeInline(role, IamInlinePolicy{n, std::nullopt, p.source});
        role.inline_policies_known = true;
        break;
      case PendingRole::What::kAttached:
        role.attached_policy_arns = std::move(p.list);
        role.attached_policies_known = true;
        break;
    }
  }
}

/// ECR's repository policies, pull-through cache rules and registry policies leave the registry
/// out when it is the caller's account, so they are keyed only now that the caller is known;
/// one that still lacks its registry or Region cannot be keyed and becomes a note.
void ModelBuilder::ResolveEcrPolicies(const std::string& caller) {
  Model& m = m_;
  for (auto& p : pending_repo_policies_) {
    if (p.registry_id.empty()) p.registry_id = caller;
    if (p.registry_id.empty() || p.repository_name.empty()) {
      m.notes_.push_back({p.source.file, p.source.pointer,
                          "repository policy of " + p.repository_name +
                              " names no registry account; ignored"});
      continue;
    }
    if (p.region.empty()) {
      m.notes_.push_back({p.source.file, p.source.pointer,
                          "repository policy of " + p.repository_name + " (registry " +
                              p.registry_id + ") names no Region and " + RegionAdvice() +
                              "; ignored"});
      continue;
    }
    p.repository_arn = "arn:" + PartitionOfRegion(p.region) + ":ecr:" + p.region + ":" +
                       p.registry_id + ":repository/" + p.repository_name;
    std::string key = p.repository_arn;
    EcrRepositoryPolicy* cur = FindMutable(m.ecr_repository_policies_, key);
    if (!cur)
      Put(m.ecr_repository_policies_, key, std::move(p));
    else if (!cur->policy && p.policy)
      cur->policy = std::move(p.policy);
  }
  for (auto& r : pending_ptc_rules_) {
    if (r.registry_id.empty()) r.registry_id = caller;
    if (r.registry_id.empty() || r.prefix.empty()) {
      m.notes_.push_back({r.source.file, r.source.pointer,
                          "pull-through cache rule " + r.prefix +
                              " names no registry account; ignored"});
      continue;
    }
    std::string key = r.registry_id + " " + r.region + " " + r.prefix;
    Put(m.ecr_pull_through_cache_rules_, std::move(key), std::move(r));
  }
  for (auto& p : pending_registry_policies_) {
    if (p.registry_id.empty()) p.registry_id = caller;
    if (p.registry_id.empty() || p.region.empty()) {
      m.notes_.push_back({p.source.file, p.source.pointer,
                          p.registry_id.empty()
                              ? "registry policy names no registry account; ignored"
                              : "registry policy of " + p.registry_id + " names no Region and " +
                                    RegionAdvice() + "; ignored"});
      continue;
    }
    m.coverage_["ecr-registry-policy " + p.registry_id + " " + p.region]++;
    std::string key = p.registry_id + " " + p.region;
    EcrRegistryPolicy* cur = FindMutable(m.ecr_registry_policies_, key);
    if (!cur)
      Put(m.ecr_registry_policies_, key, std::move(p));
    else if (!cur->policy && p.policy)
      cur->policy = std::move(p.policy);
  }
}

/// KMS aliases and key policies may name a key by id, ARN or alias. A key that only an alias or
/// a key policy names (the collector could not describe it) still gets an entry, so that what
/// is known of it is kept; a key policy naming an unknown alias cannot be placed.
void ModelBuilder::ResolveKmsReferences(const std::string& caller) {
  Model& m = m_;
  std::unordered_map<std::string, std::string> key_arn_by_ref;  // "<region> <account> <ref>"
  for (auto& k : IndexAccess<KmsKey>::items(m.kms_keys_))
    key_arn_by_ref.emplace(k.region + " " + k.account + " " + k.key_id, k.arn);
  // A key known only by this reference: added, and its ARN indexed under the reference.
  auto add_stub = [&](const std::string& region, const std::string& account,
                      const std::string& key_id, const SourceRef& source) {
    KmsKey stub;
    stub.key_id = key_id;
    stub.region = region;
    stub.account = account;
    stub.arn = "arn:" + PartitionOfRegion(region) + ":kms:" + region + ":" + account + ":key/" + key_id;
    stub.source = source;
    std::string arn = stub.arn;
    Put(m.kms_keys_, arn, std::move(stub));
    return key_arn_by_ref.emplace(region + " " + account + " " + key_id, arn).first;
  };
  for (auto& a : pending_aliases_) {
    const std::string account = AccountOr(a.account, caller);
    auto it = key_arn_by_ref.find(a.region + " " + account + " " + a.key_id);
    if (it == key_arn_by_ref.end()) {
      if (account.empty() || a.region.empty()) continue;
      it = add_stub(a.region, account, a.key_id, SourceRef{});
    }
    KmsKey* key = FindMutable(m.kms_keys_, it->second);
    key->aliases.push_back(a.alias_name);
    key_arn_by_ref.emplace(a.region + " " + account + " " + a.alias_name, it->second);
  }
  for (auto& p : pending_key_policies_) {
    std::string region = p.region, account = AccountOr(p.account, caller);
    if (p.key_ref.rfind("arn:", 0) == 0) {
      region = RegionOfArn(p.key_ref);
      account = AccountOfArn(p.key_ref);
    }
    const std::string tail = KeyRefTail(p.key_ref);
    auto it = key_arn_by_ref.find(region + " " + account + " " + tail);
    if (it == key_arn_by_ref.end() && tail.rfind("alias/", 0) != 0 && !region.empty() &&
        !account.empty())
      it = add_stub(region, account, tail, p.source);
    if (it == key_arn_by_ref.end()) {
      m.notes_.push_back({p.source.file, p.source.pointer,
                          "key policy for " + p.key_ref +
                              (region.empty() ? " names no Region and " + RegionAdvice()
                                              : std::string(": the key is not known "
                                                            "(describe-key / list-aliases)")) +
                              "; ignored"});
      continue;
    }
    KmsKey* key = FindMutable(m.kms_keys_, it->second);
    if (!key->policy) key->policy = std::move(p.policy);
  }
}

/// Sorts the IAM entities by their keys and builds the lookups the model answers from
/// (RoleByName, FindKmsKey, OrgPoliciesOn, FailedCall, Denied).
void ModelBuilder::IndexIam() {
  Model& m = m_;
  for (auto& r : IndexAccess<IamRole>::items(m.iam_roles_)) {
    std::sort(r.inline_policies.begin(), r.inline_policies.end(),
              [](const IamInlinePolicy& a, const IamInlinePolicy& b) { return a.name < b.name; });
  }
  for (auto& k : IndexAccess<KmsKey>::items(m.kms_keys_)) SortUnique(k.aliases);
  for (auto& p : IndexAccess<OrgPolicy>::items(m.org_policies_)) SortUnique(p.targets);

  SortIndex(m.iam_roles_, [](const IamRole& x) { return x.arn; });
  SortIndex(m.iam_policies_, [](const IamManagedPolicy& x) { return x.arn; });
  SortIndex(m.ecr_repository_policies_, [](const EcrRepositoryPolicy& x) { return x.repository_arn; });
  SortIndex(m.secret_policies_, [](const SecretPolicy& x) { return x.secret_arn; });
  SortIndex(m.ecr_pull_through_cache_rules_, [](const EcrPullThroughCacheRule& x) {
    return x.registry_id + " " + x.region + " " + x.prefix;
  });
  SortIndex(m.ecr_registry_policies_, [](const EcrRegistryPolicy& x) { return x.registry_id + " " + x.region; });
  SortIndex(m.kms_keys_, [](const KmsKey& x) { return x.arn; });
  SortIndex(m.org_policies_, [](const OrgPolicy& x) { return x.id; });

  for (const auto& r : m.iam_roles_) m.role_by_name_.emplace(r.account + " " + Lower(r.name), &r);
  for (const auto& k : m.kms_keys_) {
    m.kms_key_by_ref_.emplace(k.region + " " + k.account + " " + k.key_id, &k);
    for (const auto& a : k.aliases) m.kms_key_by_ref_.emplace(k.region + " " + k.account + " " + a, &k);
  }
  for (const auto& p : m.org_policies_)
    for (const auto& t : p.targets) m.org_policies_by_target_[t].push_back(&p);
  for (size_t i = 0; i < m.api_errors_.size(); ++i) {
    const ApiError& e = m.api_errors_[i];
    m.failed_call_.emplace(e.command + " " + e.resource, i);
    if (e.kind == ApiError::Kind::kAccessDenied) m.denied_action_.emplace(e.action, i);
  }
}

const IamRole* Model::RoleByName(const std::string& account, const std::string& name) const {
  auto it = role_by_name_.find(account + " " + Lower(name));
  return it == role_by_name_.end() ? nullptr : it->second;
}

bool Model::RoleProvenAbsent(const std::string& account, const std::string& name) const {
  if (RoleByName(account, name)) return false;
  return Covers("iam-roles " + account) || Covers("iam-role " + account + " " + Lower(name));
}

const KmsKey* Model::FindKmsKey(const std::string& region, const std::string& account,
                                const std::string& ref) const {
  if (ref.rfind("arn:", 0) == 0 && ref.find(":key/") != std::string::npos)
    if (const KmsKey* k = kms_keys_.Find(ref)) return k;
  std::string r = region, a = account;
  if (ref.rfind("arn:", 0) == 0) {
    r = RegionOfArn(ref);
    a = AccountOfArn(ref);
  }
  auto it = kms_key_by_ref_.find(r + " " + a + " " + KeyRefTail(ref));
  return it == kms_key_by_ref_.end() ? nullptr : it->second;
}

std::vector<const OrgPolicy*> Model::OrgPoliciesOn(const std::string& target) const {
  auto it = org_policies_by_target_.find(target);
  return it == org_policies_by_target_.end() ? std::vector<const OrgPolicy*>{} : it->second;
}

const EcrPullThroughCacheRule* Model::PullThroughCacheRuleFor(const std::string& registry,
                                                              const std::string& region,
                                                              const std::string& repository) const {
  if (ecr_pull_through_cache_rules_.size() == 0) return nullptr;
  for (const std::string& r : {region, std::string()}) {
    const std::string base = registry + " " + r + " ";
    // Longest prefix first: every '/' of the name ends a candidate prefix.
    for (size_t pos = repository.rfind('/'); pos != std::string::npos && pos > 0;
         pos = repository.rfind('/', pos - 1)) {
      if (const auto* rule = ecr_pull_through_cache_rules_.Find(base + repository.substr(0, pos))) return rule;
      if (pos == 0) break;
    }
    if (const auto* rule = ecr_pull_through_cache_rules_.Find(base + "ROOT")) return rule;
  }
  return nullptr;
}

const ApiError* Model::FailedCall(const std::string& command, const std::string& resource) const {
  auto it = failed_call_.find(command + " " + resource);
  return it == failed_call_.end() ? nullptr : &api_errors_[it->second];
}

const ApiError* Model::Denied(const std::string& action) const {
  auto it = denied_action_.find(action);
  return it == denied_action_.end() ? nullptr : &api_errors_[it->second];
}

}  // namespace fd::model
