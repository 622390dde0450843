// The checks on logging, over base-private-nat (container api logs with awslogs to group
// /ecs/api in eu-west-3, which describe-log-groups lists; the execution role has
// AmazonECSTaskExecutionRolePolicy): LOG001 a group that does not exist, LOG002 creating it
// without permission, LOG003 invalid awslogs options, LOG004 the group's KMS key, LOG005 FireLens,
// LOG006 a driver Fargate does not offer.
#include "testing/check_harness_iam.h"

namespace fd::testing {
namespace {

using report::Severity;

// ---- LOG001 -------------------------------------------------------------------------------------

TEST(LOG001, FiresWhenTheListedGroupsLackTheContainersGroup) {
  auto s = Snapshot::Base("base-private-nat");
  LogOptions(s)["awslogs-group"] = "/ecs/payments";
  auto run = RunCheck(Def(Code::kLog001), s.Load());
  ASSERT_TRUE(
      FiresOn(run, "/ecs/payments", Severity::kBlocker,
              {"log group /ecs/payments does not exist in eu-west-3 and container api does not "
               "create it"}));
  EXPECT_EQ(run.findings[0].fix.commands,
            (std::vector<std::string>{
                "aws logs create-log-group --log-group-name /ecs/payments --region eu-west-3"}));
}

TEST(LOG001, SilentWhenTheContainerCreatesTheGroup) {
  auto s = Snapshot::Base("base-private-nat");
  LogOptions(s)["awslogs-group"] = "/ecs/payments";
  LogOptions(s)["awslogs-create-group"] = "true";
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kLog001), s.Load())));
}

TEST(LOG001, SilentWhenTheGroupIsListed) {
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kLog001), Snapshot::Base("base-private-nat").Load())));
}

TEST(LOG001, UncheckedWithoutTheRegionsGroupListing) {
  auto s = Snapshot::Base("base-private-nat");
  s.Drop("logs-describe-log-groups.json");
  auto run = RunCheck(Def(Code::kLog001), s.Load());
  EXPECT_TRUE(UncheckedBecause(
      run,
      {"log group /ecs/api (eu-west-3): the snapshot has no describe-log-groups of eu-west-3"}));
}

// ---- LOG002 -------------------------------------------------------------------------------------

TEST(LOG002, FiresWhenTheManagedPolicyAloneMustCreateTheGroup) {
  auto s = Snapshot::Base("base-private-nat");
  LogOptions(s)["awslogs-create-group"] = "true";
  auto run = RunCheck(Def(Code::kLog002), s.Load());
  ASSERT_TRUE(FiresOn(run, kExecRoleArn, Severity::kBlocker,
                      {"execution role api-task-execution cannot create the awslogs log group "
                       "(awslogs-create-group=true): logs:CreateLogGroup denied"}));
  EXPECT_NE(run.findings[0].fix.summary.find("or create the group and remove awslogs-create-group"),
            std::string::npos);
}

TEST(LOG002, SilentWhenTheRoleMayCreateTheGroup) {
  auto s = Snapshot::Base("base-private-nat");
  LogOptions(s)["awslogs-create-group"] = "true";
  AddInlinePolicy(ExecRole(s), "create-group",
                  OneStatement("CreateGroup", "Allow", "logs:CreateLogGroup",
                               "arn:aws:logs:eu-west-3:111122223333:log-group:/ecs/api:*"));
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kLog002), s.Load())));
}

TEST(LOG002, UncheckedWhenTheRolesPolicyListsAreIncomplete) {
  auto s = Snapshot::Base("base-private-nat");
  LogOptions(s)["awslogs-create-group"] = "true";
  AuthorizationDetails(s)["IsTruncated"] = true;
  auto run = RunCheck(Def(Code::kLog002), s.Load());
  EXPECT_TRUE(
      UncheckedBecause(run, {"logs:CreateLogGroup on arn:aws:logs:eu-west-3:111122223333:log-group:"
                             "/ecs/api:log-stream:: unknown",
                             "the list of inline policies of role api-task-execution is not in the "
                             "snapshot"}));
}

// ---- LOG003 -------------------------------------------------------------------------------------

TEST(LOG003, FiresOnAMissingRegionAndAnUnsubstitutedTemplate) {
  auto s = Snapshot::Base("base-private-nat");
  LogOptions(s).erase("awslogs-region");
  LogOptions(s)["awslogs-stream-prefix"] = "${SERVICE}";
  auto run = RunCheck(Def(Code::kLog003), s.Load());
  ASSERT_TRUE(FiresOn(run, kTdArn, Severity::kBlocker,
                      {"the awslogs options of api:7 are incomplete or invalid"}));
  std::vector<std::string> claims;
  for (const auto& e : run.findings[0].evidence) claims.push_back(e.claim);
  EXPECT_EQ(
      claims,
      (std::vector<std::string>{
          "container api: awslogs-region is missing",
          "container api: awslogs-stream-prefix holds an unsubstituted template '${SERVICE}'"}));
}

TEST(LOG003, FiresOnARegionThatIsNotARegionName) {
  auto s = Snapshot::Base("base-private-nat");
  LogOptions(s)["awslogs-region"] = "${AWS_REGION}";
  auto run = RunCheck(Def(Code::kLog003), s.Load());
  ASSERT_TRUE(FiresOn(run, kTdArn, Severity::kBlocker, {"incomplete or invalid"}));
  EXPECT_EQ(run.findings[0].evidence.at(0).claim,
            "container api: awslogs-region '${AWS_REGION}' is not a Region name");
}

TEST(LOG003, SilentOnCompleteOptions) {
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kLog003), Snapshot::Base("base-private-nat").Load())));
}

// ---- LOG004 -------------------------------------------------------------------------------------

/// The base log group encrypted with key k-logs in `state`, its policy `policy` (null: not
/// collected).
std::string GroupUnderKey(Snapshot& s, const Json& policy, const std::string& state = "Enabled") {
  const std::string key = AddKey(s, "k-logs", state);
  if (!policy.is_null()) SetKeyPolicy(s, key, policy);
  s.Doc("logs-describe-log-groups.json")["logGroups"][0]["kmsKeyId"] = key;
  return key;
}

/// The key policy CloudWatch Logs documents: the Region's logs principal, for this account's
/// groups.
Json LogsKeyPolicy(const std::string& effect = "Allow") {
  Json doc = KeyPolicyDelegatingToIam();
  doc["Statement"].push_back(Statement(
      "Logs", effect, Json::array({"kms:Encrypt*", "kms:Decrypt*", "kms:GenerateDataKey*"}), "*",
      {{"Principal", {{"Service", "logs.eu-west-3.amazonaws.com"}}},
       {"Condition",
        {{"ArnLike",
          {{"kms:EncryptionContext:aws:logs:arn",
            "arn:aws:logs:eu-west-3:111122223333:log-group:*"}}}}}}));
  return doc;
}

TEST(LOG004, FiresWhenTheKeyPolicyDoesNotAdmitCloudWatchLogs) {
  auto s = Snapshot::Base("base-private-nat");
  const std::string key = GroupUnderKey(s, KeyPolicyDelegatingToIam());
  auto run = RunCheck(Def(Code::kLog004), s.Load());
  ASSERT_TRUE(FiresOn(run, key, Severity::kBlocker,
                      {"the key policy of " + key +
                       " does not let logs.eu-west-3.amazonaws.com use the "
                       "key for log group /ecs/api"}));
  EXPECT_EQ(run.findings[0].evidence.at(0).claim,
            "kms:GenerateDataKey by logs.eu-west-3.amazonaws.com: no statement of the key policy "
            "allows it");
}

TEST(LOG004, FiresWhenTheKeyPolicyDeniesCloudWatchLogs) {
  auto s = Snapshot::Base("base-private-nat");
  const std::string key = GroupUnderKey(s, LogsKeyPolicy("Deny"));
  auto run = RunCheck(Def(Code::kLog004), s.Load());
  ASSERT_TRUE(FiresOn(run, key, Severity::kBlocker,
                      {"does not let logs.eu-west-3.amazonaws.com use the key"}));
  EXPECT_EQ(
      run.findings[0].evidence.at(0).claim,
      "kms:GenerateDataKey by logs.eu-west-3.amazonaws.com explicitly denied by key policy of " +
          key + " statement Logs");
}

TEST(LOG004, SilentWhenTheKeyPolicyAdmitsCloudWatchLogsForTheGroup) {
  auto s = Snapshot::Base("base-private-nat");
  GroupUnderKey(s, LogsKeyPolicy());
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kLog004), s.Load())));
}

TEST(LOG004, FiresWhenTheKeyIsPendingDeletion) {
  auto s = Snapshot::Base("base-private-nat");
  const std::string key = GroupUnderKey(s, LogsKeyPolicy(), "PendingDeletion");
  auto run = RunCheck(Def(Code::kLog004), s.Load());
  EXPECT_TRUE(FiresOn(run, key, Severity::kBlocker,
                      {"KMS key " + key + " used by log group /ecs/api is PendingDeletion"}));
}

TEST(LOG004, UncheckedWhenTheKeyPolicyIsNotCollected) {
  auto s = Snapshot::Base("base-private-nat");
  const std::string key = GroupUnderKey(s, nullptr);
  auto run = RunCheck(Def(Code::kLog004), s.Load());
  EXPECT_TRUE(UncheckedBecause(run, {"key policy of " + key + " (log group /ecs/api of " +
                                     kServiceArn + ") not collected (kms get-key-policy)"}));
}

// ---- LOG005 -------------------------------------------------------------------------------------

Json LogRouter(Json options = Json::object()) {
  Json router = {{"name", "log-router"},
                 {"image", "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable"},
                 {"essential", true},
                 {"firelensConfiguration", {{"type", "fluentbit"}}}};
  if (!options.empty()) router["firelensConfiguration"]["options"] = std::move(options);
  return router;
}

void LogThroughFireLens(Snapshot& s) {
  Container(s)["logConfiguration"] = {
      {"logDriver", "awsfirelens"}, {"options", {{"Name", "cloudwatch"}, {"region", "eu-west-3"}}}};
}

TEST(LOG005, FiresWhenAContainerLogsThroughFireLensWithoutARouter) {
  auto s = Snapshot::Base("base-private-nat");
  LogThroughFireLens(s);
  auto run = RunCheck(Def(Code::kLog005), s.Load());
  ASSERT_TRUE(FiresOn(run, kTdArn, Severity::kBlocker,
                      {"the FireLens set-up of api:7 keeps api from starting"}));
  EXPECT_EQ(run.findings[0].evidence.at(0).claim,
            "container api log with awsfirelens, but no container has a firelensConfiguration");
}

TEST(LOG005, FiresWhenTheRouterReadsItsConfigurationFromS3) {
  auto s = Snapshot::Base("base-private-nat");
  LogThroughFireLens(s);
  s.TaskDefinition()["containerDefinitions"].push_back(LogRouter(
      {{"config-file-type", "s3"}, {"config-file-value", "arn:aws:s3:::cfg/fluent-bit.conf"}}));
  auto run = RunCheck(Def(Code::kLog005), s.Load());
  ASSERT_TRUE(FiresOn(run, kTdArn, Severity::kBlocker, {"keeps api from starting"}));
  EXPECT_EQ(run.findings[0].evidence.at(0).claim,
            "the log router log-router reads its configuration from S3 "
            "(arn:aws:s3:::cfg/fluent-bit.conf); "
            "on Fargate only config-file-type file is supported");
}

TEST(LOG005, SilentWithOneFluentBitRouterReadingAFileFromItsImage) {
  auto s = Snapshot::Base("base-private-nat");
  LogThroughFireLens(s);
  s.TaskDefinition()["containerDefinitions"].push_back(LogRouter(
      {{"config-file-type", "file"}, {"config-file-value", "/fluent-bit/etc/extra.conf"}}));
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kLog005), s.Load())));
}

// ---- LOG006 -------------------------------------------------------------------------------------

TEST(LOG006, FiresOnADriverFargateDoesNotOffer) {
  auto s = Snapshot::Base("base-private-nat");
  Container(s)["logConfiguration"] = {{"logDriver", "json-file"}, {"options", Json::object()}};
  auto run = RunCheck(Def(Code::kLog006), s.Load());
  ASSERT_TRUE(
      FiresOn(run, kTdArn, Severity::kBlocker, {"api:7 uses a log driver Fargate does not offer"}));
  EXPECT_EQ(run.findings[0].evidence.at(0).claim, "container api uses log driver json-file");
}

TEST(LOG006, SilentOnSplunk) {
  auto s = Snapshot::Base("base-private-nat");
  Container(s)["logConfiguration"] = {
      {"logDriver", "splunk"}, {"options", {{"splunk-url", "https://splunk.example.com:8088"}}}};
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kLog006), s.Load())));
}

}  // namespace
}  // namespace fd::testing
