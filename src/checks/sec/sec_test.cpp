// The checks on what a task injects, over base-private-nat (container api reads secret
// DB_PASSWORD, arn:…:secret:prod/api/db-password-Xa9kQ2, which describe-secret holds): SEC001 a
// secret or parameter that does not exist, SEC002 a secret scheduled for deletion, SEC003 a JSON
// key or version the platform or the secret cannot serve, SEC004 a parameter reference ECS cannot
// resolve, SEC005 missing log secretOptions, SEC006 environment files.
#include "testing/check_harness_iam.h"

namespace fd::testing {
namespace {

using report::Severity;

const std::string kSecretBase =
    "arn:aws:secretsmanager:eu-west-3:111122223333:secret:prod/api/db-password";

/// Adds secret `name` of container api reading `value_from`.
void AddSecretRef(Snapshot& s, const std::string& name, const std::string& value_from) {
  Container(s)["secrets"].push_back({{"name", name}, {"valueFrom", value_from}});
}
/// list-secrets of eu-west-3 (every secret there): only the base secret.
void ListSecrets(Snapshot& s) {
  s.Doc("secretsmanager-list-secrets.json") = {
      {"SecretList", Json::array({{{"ARN", kDbSecretArn}, {"Name", "prod/api/db-password"}}})}};
}

// ---- SEC001 -------------------------------------------------------------------------------------

TEST(SEC001, FiresWhenTheListedSecretsLackTheReference) {
  auto s = Snapshot::Base("base-private-nat");
  ListSecrets(s);
  const std::string other =
      "arn:aws:secretsmanager:eu-west-3:111122223333:secret:prod/api/key-AbCdEf";
  AddSecretRef(s, "API_KEY", other);
  auto run = RunCheck(Def(Code::kSec001), s.Load());
  ASSERT_TRUE(FiresOn(run, other, Severity::kBlocker,
                      {"secret " + other + " (secret API_KEY of container api) does not exist"}));
  EXPECT_EQ(run.findings.size(), 1u) << run.Dump();
  EXPECT_EQ(run.findings[0].evidence.at(0).claim,
            "list-secrets of eu-west-3 has no secret prod/api/key-AbCdEf");
}

// A secret deleted and recreated under the same name gets another random suffix.
TEST(SEC001, FiresOnTheSuffixOfADeletedCopyNamingTheCurrentArn) {
  auto s = Snapshot::Base("base-private-nat");
  const std::string old = kSecretBase + "-Old123";
  Container(s)["secrets"][0]["valueFrom"] = old;
  auto run = RunCheck(Def(Code::kSec001), s.Load());
  ASSERT_TRUE(FiresOn(run, old, Severity::kBlocker,
                      {"(secret DB_PASSWORD of container api) does not exist"}));
  EXPECT_EQ(
      run.findings[0].evidence.at(0).claim,
      "secret prod/api/db-password exists as " + kDbSecretArn + " (recreated: another suffix)");
  EXPECT_EQ(run.findings[0].fix.summary,
            "reference the secret's current ARN " + kDbSecretArn + " in valueFrom");
}

TEST(SEC001, FiresWhenTheListedParametersLackTheReference) {
  auto s = Snapshot::Base("base-private-nat");
  AddSecretRef(s, "TOKEN", "/prod/api/token");
  SsmParameters(s, Json::array({SsmParameter("/prod/api/other", "SecureString")}));
  auto run = RunCheck(Def(Code::kSec001), s.Load());
  EXPECT_TRUE(
      FiresOn(run, "/prod/api/token", Severity::kBlocker,
              {"SSM parameter /prod/api/token (secret TOKEN of container api) does not exist"}));
}

TEST(SEC001, SilentWhenEveryReferenceIsInTheSnapshot) {
  auto s = Snapshot::Base("base-private-nat");
  AddSecretRef(s, "TOKEN", "/prod/api/token");
  SsmParameters(s, Json::array({SsmParameter("/prod/api/token", "SecureString")}));
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kSec001), s.Load())));
}

TEST(SEC001, UncheckedWhenNeitherTheSecretNorTheRegionsListingIsInTheSnapshot) {
  auto s = Snapshot::Base("base-private-nat");
  const std::string other =
      "arn:aws:secretsmanager:eu-west-3:111122223333:secret:prod/api/key-AbCdEf";
  AddSecretRef(s, "API_KEY", other);
  AddSecretRef(s, "TOKEN", "/prod/api/token");
  auto run = RunCheck(Def(Code::kSec001), s.Load());
  EXPECT_TRUE(UncheckedBecause(run, {other + ": the snapshot has neither describe-secret for " +
                                     other + " nor a list-secrets listing of eu-west-3"}));
  EXPECT_TRUE(UncheckedBecause(
      run, {"/prod/api/token: the snapshot has no describe-parameters listing of eu-west-3"}));
}

// ---- SEC002 -------------------------------------------------------------------------------------

TEST(SEC002, FiresWhenTheSecretIsScheduledForDeletion) {
  auto s = Snapshot::Base("base-private-nat");
  DbSecret(s)["DeletedDate"] = "2025-03-10T18:00:00+01:00";
  auto run = RunCheck(Def(Code::kSec002), s.Load());
  ASSERT_TRUE(
      FiresOn(run, kDbSecretArn, Severity::kBlocker,
              {"secret prod/api/db-password (secret DB_PASSWORD of container api) is scheduled "
               "for deletion"}));
  EXPECT_EQ(run.findings[0].fix.commands,
            (std::vector<std::string>{"aws secretsmanager restore-secret --secret-id " +
                                      kDbSecretArn + " --region eu-west-3"}));
}

TEST(SEC002, SilentWhenTheSecretIsLive) {
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kSec002), Snapshot::Base("base-private-nat").Load())));
}

// ---- SEC003 -------------------------------------------------------------------------------------

void ReadSecretAs(Snapshot& s, const std::string& suffix) {
  Container(s)["secrets"][0]["valueFrom"] = kDbSecretArn + suffix;
}

TEST(SEC003, FiresOnAJsonKeyOnPlatform13) {
  auto s = Snapshot::Base("base-private-nat");
  ReadSecretAs(s, ":password::");
  SetPlatformVersion(s, "api", "1.3.0");
  auto run = RunCheck(Def(Code::kSec003), s.Load());
  ASSERT_TRUE(
      FiresOn(run, kDbSecretArn, Severity::kBlocker,
              {"secret DB_PASSWORD of container api uses a JSON key or version, which platform "
               "1.3.0 does not support"}));
  EXPECT_EQ(run.findings[0].fix.commands.at(0),
            "aws ecs update-service --cluster arn:aws:ecs:eu-west-3:111122223333:cluster/prod "
            "--service api --platform-version 1.4.0");
}

TEST(SEC003, FiresOnBothAStageAndAVersionId) {
  auto s = Snapshot::Base("base-private-nat");
  ReadSecretAs(s, ":password:AWSCURRENT:6f1d2c3b-4a5e-4f60-8b7c-9d0e1f2a3b4c");
  auto run = RunCheck(Def(Code::kSec003), s.Load());
  EXPECT_TRUE(
      FiresOn(run, kDbSecretArn, Severity::kBlocker,
              {"secret DB_PASSWORD of container api names both a version stage and a version id"}));
}

TEST(SEC003, FiresOnAStageTheSecretLacks) {
  auto s = Snapshot::Base("base-private-nat");
  ReadSecretAs(s, "::AWSPREVIOUS:");
  auto run = RunCheck(Def(Code::kSec003), s.Load());
  ASSERT_TRUE(FiresOn(run, kDbSecretArn, Severity::kBlocker,
                      {"secret DB_PASSWORD of container api names stage AWSPREVIOUS, which secret "
                       "prod/api/db-password does not have"}));
  EXPECT_EQ(run.findings[0].evidence.at(0).claim, "VersionIdsToStages has no stage AWSPREVIOUS");
}

TEST(SEC003, SilentOnAStageAndAJsonKeyTheSecretHas) {
  auto s = Snapshot::Base("base-private-nat");
  ReadSecretAs(s, ":password:AWSCURRENT:");
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kSec003), s.Load())));
}

TEST(SEC003, UncheckedWithoutTheSecretsVersions) {
  auto s = Snapshot::Base("base-private-nat");
  ReadSecretAs(s, "::AWSPREVIOUS:");
  DbSecret(s).erase("VersionIdsToStages");
  auto run = RunCheck(Def(Code::kSec003), s.Load());
  EXPECT_TRUE(UncheckedBecause(run, {"the snapshot has no VersionIdsToStages of " + kDbSecretArn}));
}

// ---- SEC004 -------------------------------------------------------------------------------------

TEST(SEC004, FiresOnAHierarchicalNameWithoutItsLeadingSlash) {
  auto s = Snapshot::Base("base-private-nat");
  AddSecretRef(s, "TOKEN", "prod/api/token");
  auto run = RunCheck(Def(Code::kSec004), s.Load());
  ASSERT_TRUE(
      FiresOn(run, "prod/api/token", Severity::kBlocker,
              {"SSM parameter prod/api/token (secret TOKEN of container api) is a hierarchical "
               "name without its leading slash"}));
  EXPECT_EQ(run.findings[0].fix.summary, "write the name as /prod/api/token");
}

TEST(SEC004, FiresOnABareNameThatLivesInAnotherRegion) {
  auto s = Snapshot::Base("base-private-nat");
  AddSecretRef(s, "TOKEN", "token");
  SsmParameters(s,
                Json::array({SsmParameter("token", "String", "", kAccount, "Standard", "eu-west-1"),
                             SsmParameter("other", "String")}));
  auto run = RunCheck(Def(Code::kSec004), s.Load());
  ASSERT_TRUE(
      FiresOn(run, "token", Severity::kBlocker,
              {"SSM parameter token (secret TOKEN of container api) exists in eu-west-1 but is "
               "referenced by name, which ECS looks up in eu-west-3"}));
  EXPECT_EQ(
      run.findings[0].fix.summary,
      "reference the parameter by its full ARN arn:aws:ssm:eu-west-1:111122223333:parameter/token");
}

TEST(SEC004, FiresOnAStandardParameterOfAnotherAccount) {
  auto s = Snapshot::Base("base-private-nat");
  const std::string arn = "arn:aws:ssm:eu-west-3:444455556666:parameter/shared/token";
  AddSecretRef(s, "TOKEN", arn);
  SsmParameters(s, Json::array({SsmParameter("/shared/token", "String", "", kOtherAccount)}));
  auto run = RunCheck(Def(Code::kSec004), s.Load());
  EXPECT_TRUE(FiresOn(run, arn, Severity::kBlocker,
                      {"belongs to account 444455556666 and is Standard tier: only Advanced-tier "
                       "parameters can be shared"}));
}

TEST(SEC004, FiresAsWarningOnAParameterOfAnotherAccountTheSnapshotLacks) {
  auto s = Snapshot::Base("base-private-nat");
  const std::string arn = "arn:aws:ssm:eu-west-3:444455556666:parameter/shared/token";
  AddSecretRef(s, "TOKEN", arn);
  auto run = RunCheck(Def(Code::kSec004), s.Load());
  EXPECT_TRUE(FiresOn(run, arn, Severity::kWarning,
                      {"belongs to another account (444455556666); it must be an Advanced-tier "
                       "parameter shared with 111122223333"}));
}

TEST(SEC004, SilentOnAnAdvancedParameterOfAnotherAccount) {
  auto s = Snapshot::Base("base-private-nat");
  AddSecretRef(s, "TOKEN", "arn:aws:ssm:eu-west-3:444455556666:parameter/shared/token");
  SsmParameters(
      s, Json::array({SsmParameter("/shared/token", "String", "", kOtherAccount, "Advanced")}));
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kSec004), s.Load())));
}

TEST(SEC004, SilentOnAFullyQualifiedNameOfTheRegion) {
  auto s = Snapshot::Base("base-private-nat");
  AddSecretRef(s, "TOKEN", "/prod/api/token");
  SsmParameters(s, Json::array({SsmParameter("/prod/api/token", "String")}));
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kSec004), s.Load())));
}

// ---- SEC005 -------------------------------------------------------------------------------------

void LogSecretOption(Snapshot& s, const std::string& value_from) {
  Container(s)["logConfiguration"]["secretOptions"] =
      Json::array({{{"name", "splunk-token"}, {"valueFrom", value_from}}});
}

TEST(SEC005, FiresWhenALogSecretOptionNamesAMissingParameter) {
  auto s = Snapshot::Base("base-private-nat");
  LogSecretOption(s, "/prod/logs/token");
  SsmParameters(s, Json::array({SsmParameter("/prod/api/other", "SecureString")}));
  auto run = RunCheck(Def(Code::kSec005), s.Load());
  EXPECT_TRUE(
      FiresOn(run, "/prod/logs/token", Severity::kBlocker,
              {"SSM parameter /prod/logs/token (log secretOption splunk-token of container api) "
               "does not exist"}));
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kSec001), s.Load())));  // SEC001 leaves log options to SEC005
}

TEST(SEC005, SilentWhenTheParameterIsListed) {
  auto s = Snapshot::Base("base-private-nat");
  LogSecretOption(s, "/prod/logs/token");
  SsmParameters(s, Json::array({SsmParameter("/prod/logs/token", "SecureString")}));
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kSec005), s.Load())));
}

TEST(SEC005, UncheckedWithoutTheRegionsParameterListing) {
  auto s = Snapshot::Base("base-private-nat");
  LogSecretOption(s, "/prod/logs/token");
  auto run = RunCheck(Def(Code::kSec005), s.Load());
  EXPECT_TRUE(UncheckedBecause(
      run, {"/prod/logs/token: the snapshot has no describe-parameters listing of eu-west-3"}));
}

// ---- SEC006 -------------------------------------------------------------------------------------

void EnvironmentFiles(Snapshot& s, const std::vector<std::string>& values) {
  Json files = Json::array();
  for (const auto& v : values) files.push_back({{"value", v}, {"type", "s3"}});
  Container(s)["environmentFiles"] = files;
}

TEST(SEC006, FiresOnAnS3UrlAndOnAFileWithoutTheEnvExtension) {
  auto s = Snapshot::Base("base-private-nat");
  EnvironmentFiles(s, {"s3://api-config/prod.env", "arn:aws:s3:::api-config/prod.txt"});
  auto run = RunCheck(Def(Code::kSec006), s.Load());
  EXPECT_TRUE(
      FiresOn(run, "s3://api-config/prod.env", Severity::kBlocker,
              {"environment file s3://api-config/prod.env of container api is an s3:// URL, "
               "not an object ARN"}));
  EXPECT_TRUE(FiresOn(
      run, "arn:aws:s3:::api-config/prod.txt", Severity::kBlocker,
      {"environment file arn:aws:s3:::api-config/prod.txt of container api does not end in .env"}));
}

TEST(SEC006, FiresOnMoreThanTenFiles) {
  auto s = Snapshot::Base("base-private-nat");
  std::vector<std::string> files;
  for (int i = 0; i < 11; ++i)
    files.push_back("arn:aws:s3:::api-config/part" + std::to_string(i) + ".env");
  EnvironmentFiles(s, files);
  auto run = RunCheck(Def(Code::kSec006), s.Load());
  ASSERT_TRUE(FiresOn(run, kTdArn, Severity::kBlocker,
                      {"api:7 names 11 environment files; at most 10 are allowed"}));
  EXPECT_EQ(run.findings.size(), 1u) << run.Dump();
}

TEST(SEC006, SilentOnTenObjectArnsOfEnvFiles) {
  auto s = Snapshot::Base("base-private-nat");
  std::vector<std::string> files;
  for (int i = 0; i < 10; ++i)
    files.push_back("arn:aws:s3:::api-config/part" + std::to_string(i) + ".env");
  EnvironmentFiles(s, files);
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kSec006), s.Load())));
}

}  // namespace
}  // namespace fd::testing
