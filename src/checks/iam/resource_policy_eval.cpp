// Helpers of the resource-policy and KMS checks: a parse cache keyed by policy text, the
// conversion of a derived start request into the engine's request, a role's identity policies
// as the snapshot holds them, and the KMS key lookup and state finding shared by IAM012,
// IMG011, LOG004 and STO008.

#include "checks/iam/resource_policy_eval.h"

#include <mutex>
#include <unordered_map>

namespace fd::checks::rp {

Parsed Parse(const std::string& text) {
  static std::mutex mu;
  static std::unordered_map<std::string, Parsed> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto it = cache.find(text);
  if (it != cache.end()) return it->second;
  Parsed p;
  auto parsed = iam::ParsePolicy(text);
  if (parsed) p.policy = std::make_shared<const iam::Policy>(std::move(*parsed));
  else p.error = parsed.error().message;
  return cache.emplace(text, p).first->second;
}

iam::Request ToRequest(const analysis::IamRequest& r) {
  iam::Request q;
  q.action = r.action;
  q.resource_arn = r.resource;
  q.resource_account = r.resource_account;
  if (r.principal_kind == analysis::IamPrincipalKind::kService) {
    q.principal_type = iam::PrincipalType::kServicePrincipal;
    q.principal_arn = r.principal;
  } else {
    q.principal_type = iam::PrincipalType::kRoleSession;
    q.role_arn = r.principal;
    q.principal_account = r.principal_account;
    const std::string& role = r.principal;
    const std::string name = role.substr(role.find_last_of('/') + 1);
    q.principal_arn = "arn:" + model::PartitionOfArn(role) + ":sts::" + r.principal_account +
                      ":assumed-role/" + name + "/fargate-task";
  }
  for (const auto& e : r.context) q.context.Set(e.key, e.values);
  for (const auto& k : r.unknown_keys)
    if (!q.context.Find(k)) q.context.SetUnknown(k);
  return q;
}

std::vector<iam::NamedPolicy> IdentityPolicies(const model::Model& m, const std::string& role_arn,
                                               bool* complete) {
  std::vector<iam::NamedPolicy> out;
  *complete = false;
  const model::IamRole* role = m.iam_roles().Find(role_arn);
  if (!role) role = m.RoleByName(model::AccountOfArn(role_arn),
                                 role_arn.substr(role_arn.find_last_of('/') + 1));
  if (!role) return out;
  bool ok = role->inline_policies_known && role->attached_policies_known;
  for (const auto& p : role->inline_policies) {
    if (!p.document) { ok = false; continue; }
    Parsed parsed = Parse(*p.document);
    if (!parsed.policy) { ok = false; continue; }
    out.push_back({role->name + " inline policy " + p.name, parsed.policy});
  }
  for (const auto& arn : role->attached_policy_arns) {
    const model::IamManagedPolicy* mp = m.iam_policies().Find(arn);
    if (!mp || !mp->document) { ok = false; continue; }
    Parsed parsed = Parse(*mp->document);
    if (!parsed.policy) { ok = false; continue; }
    out.push_back({arn, parsed.policy});
  }
  *complete = ok;
  return out;
}

std::string DecidingText(const iam::Result& r) {
  std::vector<std::string> parts;
  for (const auto& s : r.deciding) parts.push_back(s.policy_name + " statement " + s.Label());
  return JoinList(parts);
}

// ---- KMS keys --------------------------------------------------------------------------------

std::string KeyLookup::Name() const {
  if (key) return key->arn;
  if (ref.rfind("arn:", 0) == 0 || ref.rfind("alias/", 0) == 0) return ref;
  return "arn:" + model::PartitionOfRegion(region) + ":kms:" + region + ":" + account + ":key/" +
         ref;
}

KeyLookup LookupKey(const model::Model& m, const std::string& region, const std::string& account,
                    const std::string& ref) {
  KeyLookup k;
  k.ref = ref;
  k.region = region;
  k.account = account;
  if (ref.rfind("arn:", 0) == 0) {
    k.region = model::RegionOfArn(ref);
    k.account = model::AccountOfArn(ref);
  }
  k.key = m.FindKmsKey(k.region, k.account, ref);
  const bool aws_alias = ref.rfind("alias/aws/", 0) == 0 || ref.find(":alias/aws/") != std::string::npos;
  k.aws_managed = aws_alias || (k.key && k.key->key_manager == "AWS");
  if (!k.key) {
    std::string tail = ref;
    if (tail.rfind("arn:", 0) == 0) {
      tail = tail.substr(tail.rfind(':') + 1);
      if (tail.rfind("key/", 0) == 0) tail = tail.substr(4);
      else if (ref.find(":alias/") != std::string::npos) tail = ref.substr(ref.find(":alias/") + 1);
    }
    k.proven_missing = m.Covers("kms-key " + k.account + " " + k.region + " " + tail);
  }
  return k;
}

bool CheckKeyState(const CheckInfo& info, FindingSink& sink, const analysis::Target& t,
                   const KeyLookup& k, const std::string& what) {
  if (k.aws_managed) return false;
  const std::string name = k.Name();
  if (k.proven_missing) {
    auto& f = sink.Report(info, t, name, "KMS key " + name + " used by " + what + " does not exist");
    f.evidence.push_back({name, "kms describe-key: NotFoundException"});
    f.fix = report::Fix::Of("point " + what + " at an existing customer managed key (the data it encrypted "
                            "cannot be decrypted without the deleted key: re-create it)",
                            {});
    return false;
  }
  if (!k.key || !k.key->described) {
    sink.Unchecked(info, "KMS key " + name + " used by " + what + " of " + t.Key() +
                             " is not described (kms describe-key): its state is unknown");
    return false;
  }
  const model::KmsKey& key = *k.key;
  if (key.key_state == "Enabled") return true;
  auto& f = sink.Report(info, t, key.arn,
                        "KMS key " + key.arn + " used by " + what + " is " + key.key_state +
                            ", so nothing encrypted with it can be used");
  f.evidence.push_back({key.arn, "kms describe-key KeyState " + key.key_state});
  if (key.key_state == "PendingDeletion") {
    f.fix = report::Fix::Of("cancel the scheduled deletion (the key comes back Disabled), then enable it",
                            {fix::KeyEnabled{key.arn, key.region, /*cancel_deletion=*/true}});
  } else if (key.key_state == "Disabled") {
    f.fix = report::Fix::Of("enable the key", {fix::KeyEnabled{key.arn, key.region}});
  } else {
    f.fix = report::Fix::Of("the key cannot be used in state " + key.key_state +
                                " (PendingImport: import its key material; Unavailable: reconnect its custom "
                                "key store); or re-encrypt with another key",
                            {});
  }
  return false;
}

}  // namespace fd::checks::rp
