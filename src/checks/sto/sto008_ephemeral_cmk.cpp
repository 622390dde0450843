// STO008: the cluster encrypts Fargate ephemeral storage with a customer managed key
// (managedStorageConfiguration.fargateEphemeralStorageKmsKeyId) that is named by alias, gone,
// not Enabled, or whose key policy does not let fargate.amazonaws.com generate data keys and
// create grants for this cluster: every new Linux task on platform 1.4.0 in it fails to start.

#include "analysis/iam/policies.h"  // ParseCached: why a policy does not parse
#include "analysis/iam/wording.h"
#include "checks/check_util.h"
#include "checks/iam/kms_keys.h"
#include "checks/memo.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kSto008,
    .slug = "ephemeral-cmk",
    .title = "cluster-level customer managed key for Fargate ephemeral storage unusable",
    .severity = report::Severity::kBlocker,
    .group = Group::kResources,
    .rationale = "With a cluster-level key for Fargate ephemeral storage, Fargate generates a "
                 "data key and creates a grant on that key for every task it starts. A key named "
                 "by alias, disabled, scheduled for deletion, or whose policy does not admit the "
                 "Fargate service for the cluster stops every new task of the cluster.",
    .evidence = "ecs describe-clusters --include CONFIGURATIONS configuration."
                "managedStorageConfiguration.fargateEphemeralStorageKmsKeyId; kms describe-key "
                "KeyState; kms get-key-policy evaluated for fargate.amazonaws.com "
                "(kms:GenerateDataKeyWithoutPlaintext, kms:CreateGrant) with the cluster's "
                "encryption context",
    .remediation = "Name the key by ID or ARN, enable it or cancel its deletion, and give the key "
                   "policy AWS's statements for fargate.amazonaws.com; or remove the setting.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-create-storage-key.html "
                  "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-storage-encryption.html",
};

void Run(const CheckContext& ctx, FindingSink& sink) {
  const model::Model& m = ctx.model;
  for (const auto& ta : ctx.targets) {
    const analysis::Target& t = ta.target;
    const model::Cluster* c = analysis::EphemeralStorageKeyCluster(m, t);
    if (!c) continue;
    const std::string& ref = c->fargate_ephemeral_storage_kms_key_id;
    const std::string what = "Fargate ephemeral storage of cluster " + c->name;
    if (analysis::IsKeyAlias(ref)) {
      auto& f = sink.Report(kInfo, t, c->arn,
                            "cluster " + c->name + " names its ephemeral storage key by alias " +
                                ref + ", which Fargate does not accept");
      f.evidence.push_back({c->arn, "fargateEphemeralStorageKmsKeyId " + ref});
      KeyLookup k = LookupKey(m, c->region, model::AccountOfArn(c->arn), ref);
      f.fix = report::Fix::Of(
          "name the key by its ID or ARN",
          {fix::ClusterEphemeralStorageKey{c->arn, k.key ? k.key->arn : std::string("<key-arn>"), c->region}});
      continue;
    }
    KeyLookup k = LookupKey(m, c->region, model::AccountOfArn(c->arn), ref);
    if (!CheckKeyState(kInfo, sink, t, k, what)) continue;
    const model::KmsKey& key = *k.key;
    if (!key.policy) {
      sink.Unchecked(kInfo, "key policy of " + key.arn + " (" + what + ") not collected "
                            "(kms get-key-policy)");
      continue;
    }
    analysis::ParsedPolicy kp = analysis::ParseCached(*key.policy);
    if (!kp.policy) {
      sink.Unchecked(kInfo, "key policy of " + key.arn + " does not parse: " + kp.error);
      continue;
    }
    // Fargate's data key and grant for the cluster (analysis::EphemeralKeyRequests): the key
    // policy alone decides a service's use of the key, so the whole verdict is the key policy's.
    for (const auto& e : IamOf(ctx, ta).evals) {
      if (e.request->principal != "fargate.amazonaws.com") continue;
      const std::string& action = e.request->action;
      const iam::Result& res = e.result;
      if (res.decision == iam::Decision::kAllowed) continue;
      auto& f = sink.Report(kInfo, t, key.arn,
                            "the key policy of " + key.arn + " does not let Fargate use the key "
                            "for the ephemeral storage of cluster " + c->name);
      if (res.decision == iam::Decision::kUnknown) f.severity = report::Severity::kWarning;
      const std::string claim = action + " by fargate.amazonaws.com: " +
                                analysis::RefusalText(res.decision, res, "no statement of the key policy allows it");
      f.evidence.push_back({key.arn, claim});
      f.fix = report::Fix::Of("add AWS's statements for fargate.amazonaws.com (kms:GenerateDataKeyWithoutPlaintext "
                              "and kms:CreateGrant with the aws:ecs:clusterAccount / aws:ecs:clusterName "
                              "encryption context) to the key policy",
                              {fix::KeyPolicy{key.arn, key.region}});
    }
  }
}

}  // namespace

const CheckDef kSto008{kInfo, &Run};

}  // namespace fd::checks
