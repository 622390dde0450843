// KMS keys: a reference (ID, ARN, alias) resolved to the snapshot's key, and the finding a key
// that is gone or not Enabled gives whichever check meets it first.

#include "checks/iam/kms_keys.h"

namespace fd::checks {

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

}  // namespace fd::checks
