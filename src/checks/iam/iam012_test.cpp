// IAM012: the KMS keys of the secrets and SecureString parameters a start reads: a key gone or not
// Enabled, an AWS managed key across accounts, a key policy that does not let the execution role
// decrypt. base-private-nat's secret DB_PASSWORD gets a customer managed key k-secrets whose
// policy delegates to IAM (the healthy design); each case changes one thing.
#include "testing/check_harness_iam.h"

namespace fd::testing {
namespace {

using report::Severity;

/// The base design with the secret encrypted by key `state`, its policy `policy` (null: not
/// collected). Returns the key ARN.
std::string SecretUnderKey(Snapshot& s, const std::string& state = "Enabled",
                           const Json& policy = KeyPolicyDelegatingToIam()) {
  const std::string key = AddKey(s, "k-secrets", state);
  if (!policy.is_null()) SetKeyPolicy(s, key, policy);
  DbSecret(s)["KmsKeyId"] = key;
  return key;
}

/// A key policy of the account root (administration) plus `statement`.
Json RootPlus(Json statement) {
  Json doc = KeyPolicyDelegatingToIam();
  doc["Statement"][0]["Action"] = Json::array({"kms:Describe*", "kms:Put*", "kms:Enable*"});
  doc["Statement"].push_back(std::move(statement));
  return doc;
}

Json ToExecRole(Json extra = Json::object()) {
  Json e = {{"Principal", {{"AWS", kExecRoleArn}}}};
  for (auto& [k, v] : extra.items()) e[k] = v;
  return e;
}

TEST(IAM012, SilentWhenTheKeyPolicyDelegatesToIam) {
  auto s = Snapshot::Base("base-private-nat");
  SecretUnderKey(s);
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kIam012), s.Load())));
}

TEST(IAM012, SilentWhenTheSecretUsesTheAwsManagedKey) {
  auto s = Snapshot::Base("base-private-nat");  // no KmsKeyId: aws/secretsmanager
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kIam012), s.Load())));
}

TEST(IAM012, FiresWhenTheKeyPolicyOmitsTheRole) {
  auto s = Snapshot::Base("base-private-nat");
  const std::string key = SecretUnderKey(
      s, "Enabled",
      RootPlus(
          Statement("Other", "Allow", "kms:Decrypt", "*",
                    {{"Principal", {{"AWS", "arn:aws:iam::111122223333:role/someone-else"}}}})));
  auto run = RunCheck(Def(Code::kIam012), s.Load());
  ASSERT_TRUE(FiresOn(run, key, Severity::kBlocker,
                      {"the key policy of " + key +
                       " does not let execution role api-task-execution "
                       "decrypt, so secret DB_PASSWORD key of container api cannot be read"}));
  ASSERT_EQ(run.findings.size(), 1u) << run.Dump();
  EXPECT_EQ(run.findings[0].evidence.at(0).claim,
            "kms:Decrypt: no statement of the key policy allows role " + kExecRoleArn +
                ", directly or through the account root");
  EXPECT_EQ(run.findings[0].fix.commands,
            (std::vector<std::string>{
                "aws kms put-key-policy --key-id " + key +
                " --policy-name default --policy file://key-policy.json --region eu-west-3"}));
}

TEST(IAM012, SilentWhenTheKeyPolicyAllowsTheRoleDirectly) {
  auto s = Snapshot::Base("base-private-nat");
  SecretUnderKey(s, "Enabled",
                 RootPlus(Statement("ExecRole", "Allow", "kms:Decrypt", "*", ToExecRole())));
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kIam012), s.Load())));
}

TEST(IAM012, FiresWhenTheKeyPolicyDeniesTheRole) {
  auto s = Snapshot::Base("base-private-nat");
  Json doc = KeyPolicyDelegatingToIam();
  doc["Statement"].push_back(Statement("NoAgents", "Deny", "kms:Decrypt", "*", ToExecRole()));
  const std::string key = SecretUnderKey(s, "Enabled", doc);
  auto run = RunCheck(Def(Code::kIam012), s.Load());
  ASSERT_TRUE(
      FiresOn(run, key, Severity::kBlocker,
              {"KMS key " + key + " denies kms:Decrypt to execution role api-task-execution"}));
  EXPECT_EQ(run.findings.at(0).evidence.at(0).claim,
            "kms:Decrypt explicitly denied by key policy of " + key + " statement NoAgents");
}

// Allowed only to callers of one organization: a start carries aws:PrincipalOrgID, but the
// snapshot cannot tell its value.
TEST(IAM012, FiresAsWarningWhenTheKeyPolicyHangsOnTheOrganizationId) {
  auto s = Snapshot::Base("base-private-nat");
  const std::string key = SecretUnderKey(
      s, "Enabled",
      RootPlus(Statement(
          "OrgOnly", "Allow", "kms:Decrypt", "*",
          ToExecRole(
              {{"Condition", {{"StringEquals", {{"aws:PrincipalOrgID", "o-a1b2c3d4e5"}}}}}}))));
  auto run = RunCheck(Def(Code::kIam012), s.Load());
  ASSERT_TRUE(FiresOn(run, key, Severity::kWarning,
                      {"whether the key policy of " + key +
                       " lets execution role api-task-execution "
                       "decrypt (secret DB_PASSWORD key of container api) depends on context"}));
  EXPECT_NE(run.findings.at(0).evidence.at(0).claim.find("hangs on aws:PrincipalOrgID"),
            std::string::npos)
      << run.Dump();
}

TEST(IAM012, FiresWhenTheKeyIsPendingDeletion) {
  auto s = Snapshot::Base("base-private-nat");
  const std::string key = SecretUnderKey(s, "PendingDeletion");
  auto run = RunCheck(Def(Code::kIam012), s.Load());
  ASSERT_TRUE(FiresOn(run, key, Severity::kBlocker,
                      {"KMS key " + key +
                       " used by secret prod/api/db-password (container api) is "
                       "PendingDeletion"}));
  ASSERT_EQ(run.findings.size(), 1u) << run.Dump();  // the key policy is not judged as well
  EXPECT_EQ(run.findings[0].fix.commands,
            (std::vector<std::string>{
                "aws kms cancel-key-deletion --key-id " + key + " --region eu-west-3",
                "aws kms enable-key --key-id " + key + " --region eu-west-3"}));
}

// describe-key answered NotFoundException: the key is provably gone.
TEST(IAM012, FiresWhenTheKeyDoesNotExist) {
  auto s = Snapshot::Base("base-private-nat");
  const std::string key = KeyArn("k-deleted");
  DbSecret(s)["KmsKeyId"] = key;
  s.Doc("kms-describe-key-k-deleted.json") = ErrorEnvelope(
      {"kms", "describe-key", "--key-id", key}, "NotFoundException", {{"region", kRegion}});
  auto run = RunCheck(Def(Code::kIam012), s.Load());
  ASSERT_TRUE(FiresOn(
      run, key, Severity::kBlocker,
      {"KMS key " + key + " used by secret prod/api/db-password (container api) does not exist"}));
  ASSERT_EQ(run.findings.size(), 1u) << run.Dump();
  EXPECT_EQ(run.findings[0].evidence.at(0).claim, "kms describe-key: NotFoundException");
}

TEST(IAM012, UncheckedWhenTheKeyIsNotDescribed) {
  auto s = Snapshot::Base("base-private-nat");
  DbSecret(s)["KmsKeyId"] = KeyArn("k-secrets");
  auto run = RunCheck(Def(Code::kIam012), s.Load());
  EXPECT_TRUE(UncheckedBecause(
      run, {"KMS key " + KeyArn("k-secrets") + " used by secret prod/api/db-password",
            "is not described (kms describe-key)"}));
}

TEST(IAM012, UncheckedWhenTheKeyPolicyIsNotCollected) {
  auto s = Snapshot::Base("base-private-nat");
  const std::string key = SecretUnderKey(s, "Enabled", nullptr);
  auto run = RunCheck(Def(Code::kIam012), s.Load());
  EXPECT_TRUE(UncheckedBecause(run, {"key policy of " + key + " (secret DB_PASSWORD key of " +
                                     kServiceArn + ") not collected (kms get-key-policy)"}));
}

TEST(IAM012, UncheckedWhenTheKeyPolicyDoesNotParse) {
  auto s = Snapshot::Base("base-private-nat");
  const std::string key = SecretUnderKey(
      s, "Enabled", OneStatement("Odd", "Perhaps", "kms:Decrypt", "*", {{"Principal", "*"}}));
  auto run = RunCheck(Def(Code::kIam012), s.Load());
  EXPECT_TRUE(UncheckedBecause(run, {"key policy of " + key + " does not parse"}));
}

// A secret of another account encrypted with that account's AWS managed key: the execution
// role's account can never use it.
TEST(IAM012, FiresWhenACrossAccountSecretUsesTheAwsManagedKey) {
  auto s = Snapshot::Base("base-private-nat");
  const std::string arn = "arn:aws:secretsmanager:eu-west-3:444455556666:secret:shared/db-AbCdEf";
  Container(s)["secrets"][0]["valueFrom"] = arn;
  AddSecret(s, arn, "shared/db");
  auto run = RunCheck(Def(Code::kIam012), s.Load());
  ASSERT_TRUE(
      FiresOn(run, arn, Severity::kBlocker,
              {"secret shared/db in account 444455556666 is encrypted with an AWS managed key, "
               "which cannot be used from account 111122223333"}));
  EXPECT_EQ(
      run.findings.at(0).fix.commands,
      (std::vector<std::string>{"aws secretsmanager update-secret --secret-id " + arn +
                                " --kms-key-id <customer-managed-key-arn> --region eu-west-3"}));
}

// A SecureString parameter: the key named by its KeyId is judged like a secret's.
TEST(IAM012, FiresWhenTheKeyOfASecureStringParameterIsDisabled) {
  auto s = Snapshot::Base("base-private-nat");
  const std::string key = AddKey(s, "k-params", "Disabled");
  SetKeyPolicy(s, key, KeyPolicyDelegatingToIam());
  Container(s)["secrets"].push_back({{"name", "API_TOKEN"}, {"valueFrom", "/prod/api/token"}});
  SsmParameters(s, Json::array({SsmParameter("/prod/api/token", "SecureString", key)}));
  auto run = RunCheck(Def(Code::kIam012), s.Load());
  ASSERT_TRUE(FiresOn(run, key, Severity::kBlocker,
                      {"KMS key " + key +
                       " used by SecureString parameter /prod/api/token (container api) "
                       "is Disabled"}));
  EXPECT_EQ(
      run.findings.at(0).fix.commands,
      (std::vector<std::string>{"aws kms enable-key --key-id " + key + " --region eu-west-3"}));
}

TEST(IAM012, SilentWhenTheParameterIsAPlainString) {
  auto s = Snapshot::Base("base-private-nat");
  Container(s)["secrets"].push_back({{"name", "API_TOKEN"}, {"valueFrom", "/prod/api/token"}});
  SsmParameters(s, Json::array({SsmParameter("/prod/api/token", "String")}));
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kIam012), s.Load())));
}

}  // namespace
}  // namespace fd::testing
