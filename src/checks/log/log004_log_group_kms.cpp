// LOG004: the log group an awslogs container writes to is encrypted with a KMS key that is gone,
// not Enabled, or whose key policy does not let CloudWatch Logs of that Region use it for this
// group (logs.<region>.amazonaws.com, kms:GenerateDataKey with the aws:logs:arn encryption
// context): the log stream cannot be written and the task fails at logger setup.
#include <set>
#include "analysis/iam/policies.h"  // ParseCached: why a policy does not parse
#include "analysis/iam/wording.h"
#include "checks/check_util.h"
#include "checks/iam/kms_keys.h"
#include "checks/memo.h"


namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kLog004,
    .slug = "log-group-kms",
    .title = "log group encrypted with an unusable KMS key",
    .severity = report::Severity::kBlocker,
    .group = Group::kResources,
    .rationale = "CloudWatch Logs encrypts the events of a KMS-encrypted log group itself, with "
                 "the service principal of the Region. When the key is disabled, scheduled for "
                 "deletion or no longer admits that principal for the group, writing the log "
                 "stream fails and the awslogs driver stops the task before it runs.",
    .evidence = "logs describe-log-groups kmsKeyId; kms describe-key KeyState; kms get-key-policy "
                "(evaluated for logs.<region>.amazonaws.com with the aws:logs:arn context)",
    .remediation = "Enable the key or cancel its deletion, or give the key policy the statement "
                   "CloudWatch Logs documents for logs.<region>.amazonaws.com; or disassociate "
                   "the key from the log group.",
    .references = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html",
};

void Run(const CheckContext& ctx, FindingSink& sink) {
  const model::Model& m = ctx.model;
  for (const auto& ta : ctx.targets) {
    const analysis::Target& t = ta.target;
    if (!t.task_definition) continue;
    std::set<std::string> seen;
    for (const auto& e : IamOf(ctx, ta).evals) {
      const analysis::IamRequest& r = *e.request;
      if (r.principal_kind != analysis::IamPrincipalKind::kService ||
          r.action != "kms:GenerateDataKey")
        continue;
      const auto* arn = r.Context("kms:EncryptionContext:aws:logs:arn");
      const std::string group_arn = arn && !arn->empty() ? arn->front() : "";
      const std::string group = group_arn.substr(group_arn.find(":log-group:") + 11);
      if (!seen.insert(r.resource).second) continue;
      KeyLookup k = LookupKey(m, r.resource_region, r.resource_account, r.resource);
      if (!CheckKeyState(kInfo, sink, t, k, "log group " + group)) continue;
      const model::KmsKey& key = *k.key;
      if (!key.policy) {
        sink.Unchecked(kInfo, "key policy of " + key.arn + " (log group " + group + " of " +
                                  t.Key() + ") not collected (kms get-key-policy)");
        continue;
      }
      analysis::ParsedPolicy kp = analysis::ParseCached(*key.policy);
      if (!kp.policy) {
        sink.Unchecked(kInfo, "key policy of " + key.arn + " does not parse: " + kp.error);
        continue;
      }
      // The key policy alone decides a service's use of the key: the request's whole verdict.
      const iam::Result& res = e.result;
      if (res.decision == iam::Decision::kAllowed) continue;
      auto& f = sink.Report(kInfo, t, key.arn,
                            "the key policy of " + key.arn + " does not let " + r.principal +
                                " use the key for log group " + group);
      if (res.decision == iam::Decision::kUnknown) {
        f.severity = report::Severity::kWarning;
        f.evidence.push_back({key.arn, "kms:GenerateDataKey by " + r.principal +
                                           ": undecided, hangs on " +
                                           JoinList(res.missing_context_values)});
      } else if (res.decision == iam::Decision::kExplicitDeny) {
        f.evidence.push_back({key.arn, "kms:GenerateDataKey by " + r.principal +
                                           " explicitly denied by " + analysis::DecidingText(res)});
      } else {
        f.evidence.push_back({key.arn, "kms:GenerateDataKey by " + r.principal +
                                           ": no statement of the key policy allows it"});
      }
      f.fix = report::Fix::Of("add the CloudWatch Logs statement (Principal Service " + r.principal +
                                  "; kms:Encrypt*, kms:Decrypt*, kms:ReEncrypt*, kms:GenerateDataKey*, "
                                  "kms:Describe*; ArnLike kms:EncryptionContext:aws:logs:arn " + group_arn +
                                  ") to the key policy",
                              {fix::KeyPolicy{key.arn, key.region}});
    }
  }
}

}  // namespace

const CheckDef kLog004{kInfo, &Run};

}  // namespace fd::checks
