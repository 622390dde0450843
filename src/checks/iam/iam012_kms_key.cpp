// IAM012: the customer managed keys of the secrets and SecureString parameters a start reads.
// A key that is gone or not Enabled, an AWS managed key used across accounts, or a key policy
// that neither allows kms:Decrypt to the execution role in the context Secrets Manager /
// Parameter Store present nor delegates to IAM (the role's own side is IAM006). The ECR
// repository's, log group's and ephemeral storage's keys are IMG011, LOG004 and STO008.
#include <set>

#include "analysis/iam/policies.h"  // ParseCached: why a policy does not parse
#include "analysis/iam/wording.h"
#include "checks/check_util.h"
#include "checks/iam/kms_keys.h"
#include "checks/memo.h"
#include "checks/resource_refs.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kIam012,
    .slug = "iam-kms-key",
    .title = "customer managed key blocks decryption (secrets, SecureString, ECR, logs, ephemeral storage)",
    .severity = report::Severity::kBlocker,
    .group = Group::kIam,
    .rationale = "Secrets Manager and Parameter Store decrypt a secret with its KMS key on behalf "
                 "of the execution role. A key that is disabled, pending deletion or deleted, an "
                 "AWS managed key (which never works across accounts), or a key policy that "
                 "does not let the role decrypt makes the secret unreadable, so the task stops "
                 "before its containers start.",
    .evidence = "secretsmanager describe-secret KmsKeyId, ssm describe-parameters KeyId, kms "
                "describe-key KeyState and KeyManager, kms get-key-policy, the execution role's "
                "policies; the context a real start carries (kms:ViaService, encryption context)",
    .remediation = "Enable the key or cancel its deletion; let the execution role decrypt in the "
                   "key policy (directly, or through the account-root statement plus kms:Decrypt "
                   "in the role's policy); re-encrypt a cross-account secret with a customer "
                   "managed key.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-app-secrets-manager.html "
                  "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html "
                  "https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html",
};

std::string RoleName(const std::string& arn) { return arn.substr(arn.find_last_of('/') + 1); }

/// The key-policy layer of the role's kms:Decrypt: only that layer is judged here; the role's
/// own kms:Decrypt (the identity side when the key delegates to IAM) is IAM006's, so one cause
/// is reported once.
void KeyPolicy(const CheckContext& ctx, FindingSink& sink, const analysis::TargetAnalysis& ta,
               const analysis::IamEval& e) {
  const model::Model& m = ctx.model;
  const analysis::IamRequest& r = *e.request;
  KeyLookup k = LookupKey(m, r.resource_region, r.resource_account, r.resource);
  if (!k.key || !k.key->described || k.key->key_state != "Enabled" || k.aws_managed) return;
  const model::KmsKey& key = *k.key;
  if (!key.policy) {
    sink.Unchecked(kInfo, "key policy of " + key.arn + " (" + r.feature + " of " +
                              ta.target.Key() + ") not collected (kms get-key-policy)");
    return;
  }
  analysis::ParsedPolicy kp = analysis::ParseCached(*key.policy);
  if (!kp.policy) {
    sink.Unchecked(kInfo, "key policy of " + key.arn + " does not parse: " + kp.error);
    return;
  }
  const analysis::LayerVerdict v = analysis::LayerOf(e, iam::PolicyType::kResource);
  const iam::LayerDecision layer = v.decision;
  if (layer != iam::LayerDecision::kExplicitDeny && layer != iam::LayerDecision::kImplicitDeny &&
      layer != iam::LayerDecision::kUnknown)
    return;
  const std::string role = RoleName(r.principal);
  const std::string where = r.feature + " of container " + r.container;
  const fix::KeyPolicy put_key_policy{key.arn, key.region};
  if (layer == iam::LayerDecision::kUnknown) {
    auto& f = sink.Report(kInfo, ta.target, key.arn,
                          "whether the key policy of " + key.arn + " lets execution role " + role +
                              " decrypt (" + where + ") depends on context the snapshot cannot "
                              "supply");
    f.severity = report::Severity::kWarning;
    const std::string keys = JoinList(v.keys);
    f.evidence.push_back({key.arn, "kms:Decrypt: undecided, hangs on " + keys +
                                       (v.statements.empty() ? "" : " in " + analysis::DecidingText(v))});
    f.fix = report::Fix::Of("make sure the conditions on " + keys + " hold for the role's start, or drop them",
                            {put_key_policy});
    return;
  }
  if (layer == iam::LayerDecision::kExplicitDeny) {
    auto& f = sink.Report(kInfo, ta.target, key.arn,
                          "KMS key " + key.arn + " denies kms:Decrypt to execution role " + role +
                              ", so " + where + " cannot be read");
    f.evidence.push_back({key.arn, "kms:Decrypt explicitly denied by " + analysis::DecidingText(v)});
    f.fix = report::Fix::Of("remove the Deny from the key policy or exempt the role from it", {put_key_policy});
    return;
  }
  auto& f = sink.Report(kInfo, ta.target, key.arn,
                        "the key policy of " + key.arn + " does not let execution role " + role +
                            " decrypt, so " + where + " cannot be read");
  f.evidence.push_back({key.arn, "kms:Decrypt: no statement of the key policy allows role " +
                                     r.principal + ", directly or through the account root"});
  f.fix = report::Fix::Of("add a statement allowing kms:Decrypt to " + r.principal +
                              " (or the account root, delegating to IAM) to the key policy",
                          {put_key_policy});
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  const model::Model& m = ctx.model;
  for (const auto& ta : ctx.targets) {
    const analysis::Target& t = ta.target;
    if (!t.task_definition) continue;
    std::string exec_role = t.task_definition->execution_role_arn;
    if (t.task && !t.task->execution_role_override.empty()) exec_role = t.task->execution_role_override;
    const std::string role_account = exec_role.empty() ? t.account : model::AccountOfArn(exec_role);
    std::set<std::string> seen;
    for (const SecretRef& ref : SecretRefs(t)) {
      SecretLookup found = LookupSecret(m, ref);
      if (found.presence != Presence::kFound) continue;
      std::string key_ref, what, region, account;
      if (found.secret) {
        const model::Secret& s = *found.secret;
        key_ref = s.kms_key_id.empty() ? "alias/aws/secretsmanager" : s.kms_key_id;
        what = "secret " + s.name;
        region = s.region;
        account = s.account;
      } else if (found.parameter && found.parameter->type == "SecureString") {
        const model::SsmParameter& p = *found.parameter;
        key_ref = p.key_id.empty() ? "alias/aws/ssm" : p.key_id;
        what = "SecureString parameter " + p.name;
        region = p.region;
        account = p.account.empty() ? t.account : p.account;
      } else {
        continue;
      }
      KeyLookup k = LookupKey(m, region, account, key_ref);
      if (k.aws_managed) {
        if (found.secret && !account.empty() && account != role_account) {
          const model::Secret& s = *found.secret;
          auto& f = sink.Report(kInfo, t, s.arn,
                                "secret " + s.name + " in account " + account +
                                    " is encrypted with an AWS managed key, which cannot be used "
                                    "from account " + role_account);
          f.evidence.push_back({s.arn, "KmsKeyId " + (s.kms_key_id.empty() ? "absent (aws/secretsmanager)"
                                                                           : s.kms_key_id) +
                                           "; execution role in account " + role_account});
          f.fix = report::Fix::Of("re-encrypt the secret with a customer managed key whose policy admits the "
                                  "execution role's account",
                                  {fix::SecretKey{s.arn, "<customer-managed-key-arn>", s.region}});
        }
        continue;
      }
      if (!seen.insert(k.Name()).second) continue;
      CheckKeyState(kInfo, sink, t, k, what + " (container " + ref.container + ")");
    }
    if (exec_role.empty()) continue;  // IAM001
    std::set<std::string> evaluated;
    for (const auto& e : IamOf(ctx, ta).evals) {
      const analysis::IamRequest& r = *e.request;
      if (r.action != "kms:Decrypt" || r.principal_kind != analysis::IamPrincipalKind::kExecutionRole)
        continue;
      if (!evaluated.insert(r.resource + " " + r.feature).second) continue;
      KeyPolicy(ctx, sink, ta, e);
    }
  }
}

}  // namespace

const CheckDef kIam012{kInfo, &Run};

}  // namespace fd::checks
