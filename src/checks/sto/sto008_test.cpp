// STO008: the cluster's Fargate ephemeral storage key is named by alias, gone, not Enabled, or
// its key policy does not let fargate.amazonaws.com generate data keys and create grants for
// this cluster. kms-keys-healthy: cluster prod names key 1234abcd-… by ID; the key is Enabled and
// its policy has AWS's Fargate statement for cluster prod of account 111122223333.
#include "testing/check_harness.h"

namespace fd::testing {
namespace {

using report::Severity;

constexpr const char* kBase = "kms-keys-healthy";
constexpr const char* kKeyArn = "arn:aws:kms:eu-west-3:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
constexpr const char* kCluster = "arn:aws:ecs:eu-west-3:111122223333:cluster/prod";

CheckRun Check(const Snapshot& s) { return RunCheck(Def("STO008"), s); }

Json& KeyId(Snapshot& s) {
  return s.Item("clusters", "prod")["configuration"]["managedStorageConfiguration"]["fargateEphemeralStorageKmsKeyId"];
}

/// Rewrites the key policy (a JSON string inside kms get-key-policy's output) with `edit`.
template <typename Edit>
void EditKeyPolicy(Snapshot& s, Edit edit) {
  Json& text = s.Doc("kms-get-key-policy.json")["output"]["Policy"];
  Json policy = Json::parse(text.get<std::string>());
  edit(policy);
  text = policy.dump();
}

bool IsFargateStatement(const Json& st) { return st.value("Sid", "") == "AllowFargateEphemeralStorage"; }

TEST(STO008, FiresWhenTheKeyIsNamedByAlias) {
  auto s = Snapshot::Base(kBase);
  KeyId(s) = "alias/fargate-storage";
  auto run = Check(s);
  EXPECT_TRUE(FiresOn(run, kCluster, Severity::kBlocker, {"names its ephemeral storage key by alias alias/fargate-storage"}));
  EXPECT_EQ(run.findings.size(), 1u) << run.Dump();
}

TEST(STO008, FiresWhenTheKeyPolicyHasNoFargateStatement) {
  auto s = Snapshot::Base(kBase);
  EditKeyPolicy(s, [](Json& p) { ASSERT_EQ(EraseIf(p["Statement"], IsFargateStatement), 1u); });
  auto run = Check(s);
  ASSERT_TRUE(FiresOn(run, kKeyArn, Severity::kBlocker, {"does not let Fargate use the key", "cluster prod"}));
  ASSERT_EQ(run.On(kKeyArn)->evidence.size(), 2u) << run.Dump();
  EXPECT_TRUE(EvidenceOn(run, kKeyArn, {"kms:GenerateDataKeyWithoutPlaintext by fargate.amazonaws.com: no statement of the key policy allows it"}));
}

// The encryption context names the cluster: a statement for another cluster does not serve.
TEST(STO008, FiresWhenTheFargateStatementNamesAnotherCluster) {
  auto s = Snapshot::Base(kBase);
  EditKeyPolicy(s, [](Json& p) {
    for (auto& st : p["Statement"])
      if (IsFargateStatement(st))
        st["Condition"]["StringEquals"]["kms:EncryptionContext:aws:ecs:clusterName"] = Json::array({"staging"});
  });
  EXPECT_TRUE(FiresOn(Check(s), kKeyArn, Severity::kBlocker, {"does not let Fargate use the key"}));
}

TEST(STO008, FiresWhenTheKeyIsDisabled) {
  auto s = Snapshot::Base(kBase);
  Json& meta = s.Doc("kms-describe-key.json")["KeyMetadata"];
  meta["KeyState"] = "Disabled";
  meta["Enabled"] = false;
  EXPECT_TRUE(FiresOn(Check(s), kKeyArn, Severity::kBlocker, {"is Disabled"}));
}

TEST(STO008, SilentInTheHealthyDesign) { EXPECT_TRUE(Silent(Check(Snapshot::Base(kBase)))); }

// The key named by its ARN instead of its ID is the same key.
TEST(STO008, SilentWhenTheKeyIsNamedByArn) {
  auto s = Snapshot::Base(kBase);
  KeyId(s) = kKeyArn;
  EXPECT_TRUE(Silent(Check(s)));
}

TEST(STO008, UncheckedWithoutTheKeyPolicy) {
  auto s = Snapshot::Base(kBase);
  s.Drop("kms-get-key-policy.json");
  EXPECT_TRUE(UncheckedBecause(Check(s), {"key policy of " + std::string(kKeyArn), "not collected"}));
}

TEST(STO008, UncheckedWhenTheKeyIsNotDescribed) {
  auto s = Snapshot::Base(kBase);
  s.Drop("kms-describe-key.json");
  EXPECT_TRUE(UncheckedBecause(Check(s), {"is not described (kms describe-key)"}));
}

TEST(STO008, UncheckedWhenTheKeyPolicyDoesNotParse) {
  auto s = Snapshot::Base(kBase);
  s.Doc("kms-get-key-policy.json")["output"]["Policy"] = "{\"Statement\": [";
  EXPECT_TRUE(UncheckedBecause(Check(s), {"key policy of " + std::string(kKeyArn), "does not parse"}));
}

}  // namespace
}  // namespace fd::testing
