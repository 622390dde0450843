// The checks on the roles themselves, over base-private-nat (execution role api-task-execution,
// the ECS service-linked role, both in a complete role listing of account 111122223333):
// IAM001 no execution role, IAM002 a role ARN that points to nothing, IAM003 / IAM007 trust
// policies of the execution and task roles, IAM015 the service-linked role, IAM016 a start that
// failed minutes after the role was created.
#include "testing/check_harness_iam.h"

namespace fd::testing {
namespace {

using report::Severity;

const std::string kSlrArn =
    "arn:aws:iam::111122223333:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS";

// ---- IAM001 -----------------------------------------------------------------------------------

TEST(IAM001, FiresWhenAnEcrImageHasNoExecutionRole) {
  auto s = Snapshot::Base("base-private-nat");
  s.TaskDefinition().erase("executionRoleArn");
  auto run = RunCheck(Def(Code::kIam001), s.Load());
  ASSERT_TRUE(FiresOn(run, kTdArn, Severity::kBlocker,
                      {"task definition api:7 has no executionRoleArn but needs one for ECR image "
                       "111122223333.dkr.ecr.eu-west-3.amazonaws.com/api:1.4 (container api)"}));
  EXPECT_EQ(run.findings[0].fix.commands.at(1),
            "aws iam attach-role-policy --role-name ecsTaskExecutionRole --policy-arn "
            "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy");
}

TEST(IAM001, FiresOnTheSecretsOfAContainerWithAPublicImage) {
  auto s = Snapshot::Base("base-private-nat");
  s.TaskDefinition().erase("executionRoleArn");
  Container(s)["image"] = "nginx:1.27";
  Container(s).erase("logConfiguration");
  auto run = RunCheck(Def(Code::kIam001), s.Load());
  EXPECT_TRUE(FiresOn(run, kTdArn, Severity::kBlocker, {"needs one for secrets (container api)"}));
}

// Nothing the agent fetches with the role: a public image, no awslogs, no secrets.
TEST(IAM001, SilentWhenNoContainerNeedsTheRole) {
  auto s = Snapshot::Base("base-private-nat");
  s.TaskDefinition().erase("executionRoleArn");
  Container(s)["image"] = "nginx:1.27";
  Container(s).erase("logConfiguration");
  Container(s)["secrets"] = Json::array();
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kIam001), s.Load())));
}

TEST(IAM001, SilentWhenTheTaskDefinitionNamesTheRole) {
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kIam001), Snapshot::Base("base-private-nat").Load())));
}

// ---- IAM002 -----------------------------------------------------------------------------------

TEST(IAM002, FiresWhenTheCompleteRoleListingLacksTheRole) {
  auto s = Snapshot::Base("base-private-nat");
  const std::string arn = "arn:aws:iam::111122223333:role/api-task-exec";
  s.TaskDefinition()["executionRoleArn"] = arn;
  auto run = RunCheck(Def(Code::kIam002), s.Load());
  EXPECT_TRUE(FiresOn(run, arn, Severity::kBlocker,
                      {"execution role " + arn +
                       " does not exist: the role list of account 111122223333 "
                       "(iam get-account-authorization-details) has no role api-task-exec"}));
}

TEST(IAM002, FiresWhenThePathDiffersFromTheRoles) {
  auto s = Snapshot::Base("base-private-nat");
  const std::string arn = "arn:aws:iam::111122223333:role/service-role/api-task-execution";
  s.TaskDefinition()["executionRoleArn"] = arn;
  auto run = RunCheck(Def(Code::kIam002), s.Load());
  ASSERT_TRUE(FiresOn(run, arn, Severity::kBlocker,
                      {"does not match the role of that name, whose ARN is " + kExecRoleArn +
                       " (the path differs)"}));
  EXPECT_EQ(run.findings[0].fix.summary,
            "name the role by its real ARN " + kExecRoleArn + " in a new revision of api");
}

TEST(IAM002, FiresWhenTheRoleIsInAnotherAccountOrPartition) {
  auto s = Snapshot::Base("base-private-nat");
  const std::string other = "arn:aws:iam::444455556666:role/api-task-execution";
  const std::string china = "arn:aws-cn:iam::111122223333:role/api-task";
  s.TaskDefinition()["executionRoleArn"] = other;
  s.TaskDefinition()["taskRoleArn"] = china;
  auto run = RunCheck(Def(Code::kIam002), s.Load());
  EXPECT_TRUE(FiresOn(run, other, Severity::kBlocker,
                      {"belongs to account 444455556666, not the task's account 111122223333"}));
  EXPECT_TRUE(FiresOn(run, china, Severity::kBlocker,
                      {"task role " + china + " names partition aws-cn but the task runs in aws"}));
}

TEST(IAM002, SilentWhenBothRolesExist) {
  auto s = Snapshot::Base("base-private-nat");
  AddRole(s, "api-task", "ecs-tasks.amazonaws.com");
  s.TaskDefinition()["taskRoleArn"] = "arn:aws:iam::111122223333:role/api-task";
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kIam002), s.Load())));
}

// A truncated listing proves nothing about the roles it lacks.
TEST(IAM002, UncheckedWhenAPartialListingLacksTheRole) {
  auto s = Snapshot::Base("base-private-nat");
  AuthorizationDetails(s)["IsTruncated"] = true;
  const std::string arn = "arn:aws:iam::111122223333:role/api-task-exec";
  s.TaskDefinition()["executionRoleArn"] = arn;
  auto run = RunCheck(Def(Code::kIam002), s.Load());
  EXPECT_TRUE(UncheckedBecause(run, {"role " + arn +
                                     " is not in the snapshot (collect it with: aws iam "
                                     "get-role --role-name api-task-exec)"}));
}

TEST(IAM002, UncheckedOncePerTargetWithoutIamData) {
  auto s = Snapshot::Base("base-private-nat");
  s.Drop("iam-get-account-authorization-details.json");
  auto run = RunCheck(Def(Code::kIam002), s.Load());
  EXPECT_TRUE(UncheckedBecause(
      run, {kServiceArn + ": the snapshot has no IAM data, so roles " + kExecRoleArn,
            "aws iam get-account-authorization-details"}));
  EXPECT_EQ(run.unchecked.size(), 1u) << run.Dump();
}

// ---- IAM003 -----------------------------------------------------------------------------------

Json TrustFor(const std::string& service, Json extra = Json::object()) {
  Json e = {{"Principal", {{"Service", service}}}};
  for (auto& [k, v] : extra.items()) e[k] = v;
  return OneStatement("Trust", "Allow", "sts:AssumeRole", nullptr, std::move(e));
}

TEST(IAM003, FiresWhenTheTrustPolicyNamesEcsInsteadOfEcsTasks) {
  auto s = Snapshot::Base("base-private-nat");
  ExecRole(s)["AssumeRolePolicyDocument"] = TrustFor("ecs.amazonaws.com");
  auto run = RunCheck(Def(Code::kIam003), s.Load());
  ASSERT_TRUE(
      FiresOn(run, kExecRoleArn, Severity::kBlocker,
              {"execution role api-task-execution cannot be assumed by ECS tasks: its trust policy "
               "does not admit ecs-tasks.amazonaws.com"}));
  EXPECT_EQ(run.findings[0].evidence.size(), 2u) << run.Dump();
  EXPECT_TRUE(EvidenceOn(
      run, kExecRoleArn,
      {"sts:AssumeRole by ecs-tasks.amazonaws.com with aws:SourceAccount=111122223333, "
       "aws:SourceArn=arn:aws:ecs:eu-west-3:111122223333:task/prod/<task-id>: implicitDeny, no "
       "statement of the trust policy allows it"}));
  EXPECT_TRUE(EvidenceOn(run, kExecRoleArn,
                         {"statement Trust trusts ecs.amazonaws.com, not ecs-tasks.amazonaws.com "
                          "(the principal that assumes task roles)"}));
}

// aws:SourceArn is the task's ARN: a cluster ARN never matches it.
TEST(IAM003, FiresWhenTheTrustPolicyPinsAClusterArn) {
  auto s = Snapshot::Base("base-private-nat");
  ExecRole(s)["AssumeRolePolicyDocument"] = TrustFor(
      "ecs-tasks.amazonaws.com",
      {{"Condition",
        {{"ArnLike", {{"aws:SourceArn", "arn:aws:ecs:eu-west-3:111122223333:cluster/prod"}}}}}});
  auto run = RunCheck(Def(Code::kIam003), s.Load());
  ASSERT_TRUE(
      FiresOn(run, kExecRoleArn, Severity::kBlocker, {"does not admit ecs-tasks.amazonaws.com"}));
  EXPECT_TRUE(EvidenceOn(run, kExecRoleArn,
                         {"statement Trust requires aws:SourceArn "
                          "arn:aws:ecs:eu-west-3:111122223333:cluster/prod: a specific cluster ARN "
                          "is not supported there"}));
}

TEST(IAM003, SilentWhenTheTrustPolicyLimitsTheSourceToTheAccountsTasks) {
  auto s = Snapshot::Base("base-private-nat");
  ExecRole(s)["AssumeRolePolicyDocument"] =
      TrustFor("ecs-tasks.amazonaws.com",
               {{"Condition",
                 {{"ArnLike", {{"aws:SourceArn", "arn:aws:ecs:eu-west-3:111122223333:*"}}},
                  {"StringEquals", {{"aws:SourceAccount", kAccount}}}}}});
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kIam003), s.Load())));
}

TEST(IAM003, FiresWhenTheTrustPolicyDeniesEcsTasks) {
  auto s = Snapshot::Base("base-private-nat");
  Json doc = ExecRole(s)["AssumeRolePolicyDocument"];
  doc["Statement"].push_back(Statement("NoTasks", "Deny", "sts:AssumeRole", nullptr,
                                       {{"Principal", {{"Service", "ecs-tasks.amazonaws.com"}}}}));
  ExecRole(s)["AssumeRolePolicyDocument"] = doc;
  auto run = RunCheck(Def(Code::kIam003), s.Load());
  EXPECT_TRUE(
      FiresOn(run, kExecRoleArn, Severity::kBlocker,
              {"cannot be assumed by ECS tasks: its trust policy denies ecs-tasks.amazonaws.com"}));
}

TEST(IAM003, UncheckedWhenTheTrustPolicyDoesNotParse) {
  auto s = Snapshot::Base("base-private-nat");
  ExecRole(s)["AssumeRolePolicyDocument"] = "{\"Statement\": [";
  auto run = RunCheck(Def(Code::kIam003), s.Load());
  EXPECT_TRUE(UncheckedBecause(
      run, {"trust policy of " + kExecRoleArn, "sts:AssumeRole on " + kExecRoleArn + ": unknown",
            "trust policy of role api-task-execution does not parse"}));
}

TEST(IAM003, SilentWhenTheRoleDoesNotExist) {  // IAM002's finding
  auto s = Snapshot::Base("base-private-nat");
  s.TaskDefinition()["executionRoleArn"] = "arn:aws:iam::111122223333:role/api-task-exec";
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kIam003), s.Load())));
}

// ---- IAM007 -----------------------------------------------------------------------------------

/// The base design with task role api-task, trusted by `trusted_service`.
Snapshot WithTaskRole(const std::string& trusted_service) {
  auto s = Snapshot::Base("base-private-nat");
  AddRole(s, "api-task", trusted_service);
  s.TaskDefinition()["taskRoleArn"] = "arn:aws:iam::111122223333:role/api-task";
  return s;
}

TEST(IAM007, FiresWhenTheTaskRoleTrustsEc2) {
  auto s = WithTaskRole("ec2.amazonaws.com");
  auto run = RunCheck(Def(Code::kIam007), s.Load());
  ASSERT_TRUE(
      FiresOn(run, "arn:aws:iam::111122223333:role/api-task", Severity::kBlocker,
              {"task role api-task cannot be assumed by ECS tasks: its trust policy does not admit "
               "ecs-tasks.amazonaws.com"}));
  EXPECT_EQ(run.findings.size(), 1u) << run.Dump();  // the execution role is IAM003's
}

TEST(IAM007, SilentWhenTheTaskRoleTrustsEcsTasks) {
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kIam007), WithTaskRole("ecs-tasks.amazonaws.com").Load())));
}

TEST(IAM007, UncheckedWhenTheTaskRolesTrustPolicyIsNotInTheSnapshot) {
  auto s = WithTaskRole("ecs-tasks.amazonaws.com");
  s.Item("RoleDetailList", "api-task").erase("AssumeRolePolicyDocument");
  auto run = RunCheck(Def(Code::kIam007), s.Load());
  EXPECT_TRUE(UncheckedBecause(run, {"trust policy of arn:aws:iam::111122223333:role/api-task",
                                     "the trust policy of role api-task is not in the snapshot"}));
}

// ---- IAM015 -----------------------------------------------------------------------------------

TEST(IAM015, FiresWhenTheCompleteRoleListingLacksTheServiceLinkedRole) {
  auto s = Snapshot::Base("base-private-nat");
  ASSERT_EQ(
      EraseIf(AuthorizationDetails(s)["RoleDetailList"],
              [](const Json& r) { return r.value("RoleName", "") == "AWSServiceRoleForECS"; }),
      1u);
  auto run = RunCheck(Def(Code::kIam015), s.Load());
  ASSERT_TRUE(FiresOn(
      run, kSlrArn, Severity::kWarning,
      {"the ECS service-linked role AWSServiceRoleForECS does not exist in account 111122223333"}));
  EXPECT_EQ(run.findings[0].evidence.at(0).claim,
            "not in the account's full role listing (get-account-authorization-details)");
  EXPECT_EQ(run.findings[0].fix.commands,
            (std::vector<std::string>{
                "aws iam create-service-linked-role --aws-service-name ecs.amazonaws.com"}));
}

TEST(IAM015, FiresWhenGetRoleAnsweredNoSuchEntity) {
  auto s = Snapshot::Base("base-private-nat");
  AuthorizationDetails(s)["IsTruncated"] = true;
  EraseIf(AuthorizationDetails(s)["RoleDetailList"],
          [](const Json& r) { return r.value("RoleName", "") == "AWSServiceRoleForECS"; });
  s.Doc("iam-get-role-slr.json") =
      ErrorEnvelope({"iam", "get-role", "--role-name", "AWSServiceRoleForECS"}, "NoSuchEntity",
                    {{"account", kAccount}});
  auto run = RunCheck(Def(Code::kIam015), s.Load());
  ASSERT_TRUE(
      FiresOn(run, kSlrArn, Severity::kWarning, {"does not exist in account 111122223333"}));
  EXPECT_EQ(run.findings[0].evidence.at(0).claim, "iam get-role: NoSuchEntity");
}

TEST(IAM015, SilentWhenTheServiceLinkedRoleExists) {
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kIam015), Snapshot::Base("base-private-nat").Load())));
}

// A partial listing without the role proves nothing (and IAM015 reports no gap: the role is
// created on first use, so its absence is the exception worth stating only when proven).
TEST(IAM015, SilentWhenOnlyAPartialListingLacksTheServiceLinkedRole) {
  auto s = Snapshot::Base("base-private-nat");
  AuthorizationDetails(s)["IsTruncated"] = true;
  EraseIf(AuthorizationDetails(s)["RoleDetailList"],
          [](const Json& r) { return r.value("RoleName", "") == "AWSServiceRoleForECS"; });
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kIam015), s.Load())));
}

// ---- IAM016 -----------------------------------------------------------------------------------

/// The base design whose service recorded, at 09:47:02+01:00, that ECS could not assume the
/// execution role.
Snapshot FailedToAssume() {
  auto s = Snapshot::Base("base-private-nat");
  AddServiceEvent(
      s, "2025-03-11T09:47:02.000000+01:00",
      "(service api) failed to launch a task with (error ECS was unable to assume the role '" +
          kExecRoleArn + "' that was provided for this task.)");
  return s;
}

TEST(IAM016, FiresWhenTheRoleWasCreatedMinutesBeforeTheFailure) {
  auto s = FailedToAssume();
  ExecRole(s)["CreateDate"] = "2025-03-11T08:44:10+00:00";  // 2 min 52 s before
  auto run = RunCheck(Def(Code::kIam016), s.Load());
  ASSERT_TRUE(
      FiresOn(run, kExecRoleArn, Severity::kWarning,
              {"ECS could not assume role api-task-execution 2 minute(s) after it was created or "
               "changed: likely IAM propagation delay"}));
  EXPECT_TRUE(EvidenceOn(run, kExecRoleArn, {"role CreateDate 2025-03-11T08:44:10+00:00"}));
  EXPECT_TRUE(EvidenceOn(run, kExecRoleArn,
                         {"2025-03-11T09:47:02.000000+01:00: (service api) failed to launch a task "
                          "with (error ECS was unable to assume the role"}));
  EXPECT_EQ(run.findings[0].fix.commands.at(0),
            "aws ecs update-service --cluster arn:aws:ecs:eu-west-3:111122223333:cluster/prod "
            "--service api "
            "--force-new-deployment --region eu-west-3");
}

TEST(IAM016, FiresWhenAnAttachedPolicyChangedMinutesBeforeTheFailure) {
  auto s = FailedToAssume();
  const std::string arn =
      AddManagedPolicy(s, "api-exec-extra", OneStatement("Logs", "Allow", "logs:*"));
  AuthorizationDetails(s)["Policies"].back()["UpdateDate"] = "2025-03-11T08:40:00+00:00";
  ExecRole(s)["AttachedManagedPolicies"].push_back(
      {{"PolicyName", "api-exec-extra"}, {"PolicyArn", arn}});
  auto run = RunCheck(Def(Code::kIam016), s.Load());
  ASSERT_TRUE(FiresOn(run, kExecRoleArn, Severity::kWarning,
                      {"7 minute(s) after it was created or changed"}));
  EXPECT_TRUE(
      EvidenceOn(run, kExecRoleArn, {"policy " + arn + " updated 2025-03-11T08:40:00+00:00"}));
}

TEST(IAM016, SilentWhenTheRoleIsYearsOld) {
  auto s = FailedToAssume();  // created 2023-02-10
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kIam016), s.Load())));
}

}  // namespace
}  // namespace fd::testing
