// The live layer without AWS: the allowlist and its IAM policy, error classification and
// retries of the aws runner, and the whole call plan against a scripted `aws` that answers
// every operation (the instrumented runner proves every executed argv is on the allowlist).

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "live/allowlist.h"
#include "live/aws_cli.h"
#include "live/collector.h"
#include "live/fake_aws_test.h"
#include "live/sweep.h"

namespace fd::live {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace fake;

std::string ReadText(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

TEST(Allowlist, RefusesSecretReadsAndWrites) {
  for (std::vector<std::string> args : std::vector<std::vector<std::string>>{
           {"secretsmanager", "get-secret-value", "--secret-id", "x"},
           {"ssm", "get-parameter", "--name", "x"},
           {"ssm", "get-parameters", "--names", "x"},
           {"kms", "decrypt", "--ciphertext-blob", "x"},
           {"ec2", "create-route", "--route-table-id", "rtb-1"},
           {"iam", "get-account-authorization-details"},
           {"ssm", "describe-parameters", "--with-decryption"},
           {"ec2", "describe-subnets", "--endpoint-url", "http://evil"},
           {"ec2"}}) {
    EXPECT_FALSE(WhyRefused(args).empty()) << args[0];
  }
  EXPECT_EQ(WhyRefused({"ec2", "describe-subnets", "--subnet-ids", "subnet-1"}), "");
}

TEST(Allowlist, OnlyReadOperations) {
  for (const AllowedCommand& c : Allowlist()) {
    const std::string op(c.operation);
    // The one call that is not a read: it returns an account's session credentials, which
    // change nothing in AWS and are kept in memory only (live/sweep.h).
    if (c.service == "sts" && op == "assume-role") continue;
    EXPECT_TRUE(op.rfind("describe-", 0) == 0 || op.rfind("list-", 0) == 0 ||
                op.rfind("get-", 0) == 0 || op == "batch-get-image")
        << op;
    const std::string action(c.action);
    const std::string verb = action.substr(action.find(':') + 1);
    EXPECT_TRUE(verb.rfind("Describe", 0) == 0 || verb.rfind("List", 0) == 0 ||
                verb.rfind("Get", 0) == 0 || verb.rfind("BatchGet", 0) == 0)
        << action;
    EXPECT_NE(op, "get-secret-value");
  }
}

// The README's least-privilege policy (docs/iam/fargate-doctor-readonly.json) grants every
// allowlisted action, and nothing that writes or reads secret values.
TEST(Allowlist, DocumentedIamPolicyCoversEveryCommand) {
  const fs::path root = FD_SOURCE_DIR;
  const std::string readme = ReadText(root / "README.md");
  ASSERT_NE(readme.find("docs/iam/fargate-doctor-readonly.json"), std::string::npos)
      << "README must reference the policy";
  json policy = json::parse(ReadText(root / "docs/iam/fargate-doctor-readonly.json"), nullptr, false);
  ASSERT_TRUE(policy.is_object());
  std::set<std::string> granted;
  for (const json& st : policy["Statement"]) {
    ASSERT_EQ(st.value("Effect", ""), "Allow");
    for (const json& a : st["Action"]) granted.insert(a.get<std::string>());
  }
  for (const AllowedCommand& c : Allowlist())
    EXPECT_TRUE(granted.contains(std::string(c.action))) << c.action << " missing from the policy";
  for (const std::string& a : granted) {
    EXPECT_EQ(a.find('*'), std::string::npos) << a;
    EXPECT_NE(a, "secretsmanager:GetSecretValue");
    EXPECT_NE(a, "kms:Decrypt");
    EXPECT_NE(a, "ssm:GetParameter");
    EXPECT_NE(a, "ssm:GetParameters");
  }
}

TEST(AwsCli, ClassifiesErrorCodes) {
  EXPECT_EQ(ClassifyErrorCode("AccessDeniedException"), CallOutcome::kDenied);
  EXPECT_EQ(ClassifyErrorCode("AccessDenied"), CallOutcome::kDenied);
  EXPECT_EQ(ClassifyErrorCode("UnauthorizedOperation"), CallOutcome::kDenied);
  EXPECT_EQ(ClassifyErrorCode("NoSuchEntity"), CallOutcome::kAbsent);
  EXPECT_EQ(ClassifyErrorCode("RepositoryNotFoundException"), CallOutcome::kAbsent);
  EXPECT_EQ(ClassifyErrorCode("InvalidSubnetID.NotFound"), CallOutcome::kAbsent);
  EXPECT_EQ(ClassifyErrorCode("Throttling"), CallOutcome::kThrottled);
  EXPECT_EQ(ClassifyErrorCode("ThrottlingException"), CallOutcome::kThrottled);
  EXPECT_EQ(ClassifyErrorCode("RequestLimitExceeded"), CallOutcome::kThrottled);
  EXPECT_EQ(ClassifyErrorCode("TooManyRequestsException"), CallOutcome::kThrottled);
  EXPECT_EQ(ClassifyErrorCode("ExpiredToken"), CallOutcome::kFatal);
  EXPECT_EQ(ClassifyErrorCode("InvalidParameterException"), CallOutcome::kFailed);
}

TEST(AwsCli, RetriesThrottlingThenSucceeds) {
  int calls = 0;
  AwsOptions o;
  o.aws_path = "/usr/bin/aws";
  o.region = "eu-west-3";
  o.profile = "prod";
  o.endpoint_url = "http://127.0.0.1:1";
  o.backoff_ms = 1;
  std::vector<std::string> seen;
  AwsCli aws(o, [&](const std::vector<std::string>& argv, const Environment&) {
    seen = argv;
    return ++calls < 3 ? Err("Throttling", "DescribeSubnets", "Rate exceeded") : Ok("{}");
  });
  AwsResult r = aws.Execute({{"ec2", "describe-subnets"}, ""});
  EXPECT_EQ(r.outcome, CallOutcome::kOk);
  EXPECT_EQ(r.attempts, 3);
  EXPECT_EQ(seen, (std::vector<std::string>{"/usr/bin/aws", "ec2", "describe-subnets", "--region",
                                            "eu-west-3", "--profile", "prod", "--endpoint-url",
                                            "http://127.0.0.1:1", "--output", "json"}));
}

TEST(AwsCli, BoundedRetriesAndDenied) {
  int calls = 0;
  AwsOptions o;
  o.backoff_ms = 1;
  o.max_attempts = 4;
  AwsCli throttled(o, [&](const auto&, const auto&) {
    ++calls;
    return Err("RequestLimitExceeded", "DescribeSubnets", "slow down");
  });
  EXPECT_EQ(throttled.Execute({{"ec2", "describe-subnets"}, ""}).outcome, CallOutcome::kThrottled);
  EXPECT_EQ(calls, 4);

  AwsCli denied(o, [&](const auto&, const auto&) {
    return Err("AccessDeniedException", "GetRole",
               "User: arn:aws:iam::1:user/x is not authorized to perform: iam:GetRole");
  });
  AwsResult r = denied.Execute({{"iam", "get-role", "--role-name", "x"}, ""});
  EXPECT_EQ(r.outcome, CallOutcome::kDenied);
  EXPECT_EQ(r.code, "AccessDeniedException");
  EXPECT_EQ(r.action, "iam:GetRole");
  EXPECT_NE(r.message.find("not authorized"), std::string::npos);
}

TEST(AwsCli, RefusedCallsNeverRun) {
  bool ran = false;
  AwsCli aws(AwsOptions{}, [&](const auto&, const auto&) {
    ran = true;
    return Ok("{}");
  });
  EXPECT_EQ(aws.Execute({{"secretsmanager", "get-secret-value", "--secret-id", "x"}, ""}).outcome,
            CallOutcome::kRefused);
  EXPECT_FALSE(ran);
}

TEST(AwsCli, SetupProblemsAreFatal) {
  AwsCli aws(AwsOptions{}, [&](const auto&, const auto&) {
    ProcessResult p;
    p.started = true;
    p.exit_code = 253;
    p.err = "\nUnable to locate credentials. You can configure credentials by running \"aws configure\".\n";
    return p;
  });
  EXPECT_EQ(aws.Execute({{"sts", "get-caller-identity"}, ""}).outcome, CallOutcome::kFatal);
}

// An assumed role's credentials replace every other source of credentials in the child's
// environment and never appear on its command line (which other users can read).
TEST(AwsCli, AssumedCredentialsGoInTheEnvironmentOnly) {
  ::setenv("AWS_PROFILE", "caller", 1);
  ::setenv("AWS_ACCESS_KEY_ID", "AKIACALLER", 1);
  AwsOptions o;
  o.profile = "caller";
  o.credentials = Credentials{"ASIAMEMBER", "member-secret", "member-token"};
  std::vector<std::string> argv;
  Environment env;
  AwsCli aws(o, [&](const std::vector<std::string>& a, const Environment& e) {
    argv = a;
    env = e;
    return Ok("{}");
  });
  aws.Execute({{"sts", "get-caller-identity"}, ""});
  ::unsetenv("AWS_PROFILE");
  ::unsetenv("AWS_ACCESS_KEY_ID");
  for (const auto& w : argv) {
    EXPECT_EQ(w.find("member"), std::string::npos) << w;
    EXPECT_NE(w, "--profile");
  }
  ASSERT_TRUE(env.has_value());
  std::set<std::string> aws_vars;
  for (const auto& e : *env)
    for (const char* credential : {"AWS_ACCESS_KEY_ID=", "AWS_SECRET_ACCESS_KEY=", "AWS_SESSION_TOKEN=", "AWS_PROFILE="})
      if (e.starts_with(credential)) aws_vars.insert(e);
  EXPECT_EQ(aws_vars, (std::set<std::string>{"AWS_ACCESS_KEY_ID=ASIAMEMBER", "AWS_SECRET_ACCESS_KEY=member-secret",
                                             "AWS_SESSION_TOKEN=member-token"}));
  EXPECT_FALSE(AwsCli(AwsOptions{}).environment().has_value()) << "the caller's own: inherited unchanged";
}

TEST(AwsCli, ShellLineQuotes) {
  AwsOptions o;
  o.aws_path = "/opt/aws";
  o.region = "eu-west-3";
  AwsCli aws(o);
  EXPECT_EQ(aws.ShellLine({{"ssm", "describe-parameters", "--parameter-filters",
                            "Key=Name,Option=Equals,Values=/a b"},
                           ""}),
            "aws ssm describe-parameters --parameter-filters 'Key=Name,Option=Equals,Values=/a b' "
            "--region eu-west-3 --output json");
}

// --- the plan against a scripted aws ------------------------------------------------------

struct PlanRun {
  Expected<CollectReport> report;
  std::vector<std::vector<std::string>> argvs;
  fs::path dir;
};

PlanRun RunPlan(FakeAws& fake, CollectTarget target, const std::string& name) {
  PlanRun run;
  run.dir = fs::temp_directory_path() / ("fd-live-plan-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(run.dir);
  AwsOptions o;
  o.aws_path = "/fake/aws";
  AwsCli aws(o, [&](const std::vector<std::string>& argv, const Environment&) { return fake(argv); });
  CollectOptions co;
  co.targets = {std::move(target)};
  co.out_dir = run.dir.string();
  std::ostringstream progress;
  run.report = Collect(aws, co, progress);
  run.argvs = fake.argvs;
  return run;
}

/// service + operation of a full argv: the words after the program, before any flag.
std::pair<std::string, std::string> Pair(const std::vector<std::string>& argv) {
  return {argv.at(1), argv.at(2)};
}

TEST(CollectPlan, EveryExecutedCommandIsAllowlistedAndEveryEntryIsUsed) {
  FakeAws service_fake, task_fake;
  PlanRun service = RunPlan(service_fake, {"prod", {"api"}, {}}, "service");
  PlanRun task = RunPlan(task_fake, {"prod", {}, {"abc"}}, "task");
  ASSERT_TRUE(service.report) << service.report.error().message;
  ASSERT_TRUE(task.report) << task.report.error().message;
  // A sweep of an organization's clusters in every Region adds the list and assume calls.
  FakeAws sweep_fake;
  SweepOptions so;
  so.all_clusters = so.all_regions = true;
  so.accounts = {{}, true, "audit", {}};
  so.out_dir = (fs::temp_directory_path() / ("fd-live-plan-sweep-" + std::to_string(::getpid()))).string();
  std::ostringstream progress;
  ASSERT_TRUE(Sweep(AwsOptions{"/fake/aws"}, so, progress,
                    [&](const auto& argv, const Environment& env) { return sweep_fake(argv, env); }));
  PlanRun sweep{CollectReport{}, sweep_fake.argvs, so.out_dir};
  std::set<std::pair<std::string, std::string>> used;
  for (const PlanRun* run : {&service, &task, &sweep}) {
    for (const auto& argv : run->argvs) {
      ASSERT_GE(argv.size(), 3u);
      EXPECT_EQ(argv[0], "/fake/aws");
      EXPECT_NE(FindAllowed(argv[1], argv[2]), nullptr) << argv[1] << " " << argv[2];
      for (const auto& w : argv) EXPECT_NE(w, "--with-decryption");
      used.insert(Pair(argv));
    }
  }
  // The plan exercises the whole allowlist, so nothing on it is dead weight.
  for (const AllowedCommand& c : Allowlist())
    EXPECT_TRUE(used.contains({std::string(c.service), std::string(c.operation)}))
        << c.service << " " << c.operation << " never planned";
  EXPECT_EQ(service.report->region, kRegion);
  EXPECT_EQ(service.report->calls.size(), service.argvs.size());
  for (const PlanRun* run : {&service, &task, &sweep}) fs::remove_all(run->dir);
}

TEST(CollectPlan, FiltersAndReferencesFromAnswers) {
  FakeAws fake;
  PlanRun run = RunPlan(fake, {"prod", {"api"}, {}}, "refs");
  ASSERT_TRUE(run.report);
  std::set<std::string> lines;
  AwsCli shown(AwsOptions{});
  for (const CollectedCall& c : run.report->calls) lines.insert(shown.ShellLine(c.call));
  for (const char* expected : {
           "aws ec2 describe-route-tables --filters Name=vpc-id,Values=vpc-1 --region eu-west-3 --output json",
           "aws ec2 describe-nat-gateways --filter Name=vpc-id,Values=vpc-1 --region eu-west-3 --output json",
           "aws ec2 describe-internet-gateways --filters Name=attachment.vpc-id,Values=vpc-1 --region eu-west-3 --output json",
           "aws ec2 describe-managed-prefix-lists --prefix-list-ids pl-route --region eu-west-3 --output json",
           "aws ec2 describe-subnets --subnet-ids subnet-pub --region eu-west-3 --output json",
           "aws ec2 describe-managed-prefix-lists --prefix-list-ids pl-sg --region eu-west-3 --output json",
           "aws ec2 describe-security-groups --group-ids sg-efs sg-task sg-vpce --region eu-west-3 --output json",
           "aws secretsmanager describe-secret --secret-id arn:aws:secretsmanager:eu-west-3:111122223333:secret:db-AbCdEf --region eu-west-3 --output json",
           "aws ssm describe-parameters --parameter-filters Key=Name,Option=Equals,Values=/prod/token,plain --region eu-west-3 --output json",
           "aws kms get-key-policy --key-id arn:aws:kms:eu-west-3:111122223333:key/k1 --policy-name default --region eu-west-3 --output json",
           "aws iam get-policy-version --policy-arn arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy --version-id v2 --region eu-west-3 --output json",
           "aws iam get-role-policy --role-name app --policy-name inline --region eu-west-3 --output json",
           "aws logs describe-log-groups --log-group-name-prefix /ecs/api --region eu-west-3 --output json",
       }) {
    EXPECT_TRUE(lines.contains(expected)) << expected;
  }
  // Saved files: self-describing answers unmodified, the rest enveloped; failures as errors.
  int envelopes = 0, errors = 0;
  for (const CollectedCall& c : run.report->calls) {
    json doc = json::parse(ReadText(run.dir / c.file), nullptr, false);
    ASSERT_TRUE(doc.is_object()) << c.file;
    if (!doc.contains("fargateDoctorEnvelope")) continue;
    ++envelopes;
    EXPECT_EQ(doc["fargateDoctorEnvelope"], 1);
    EXPECT_EQ(doc["command"][0], c.call.args[0]);
    EXPECT_EQ(doc["region"], kRegion);
    if (doc.contains("error")) {
      ++errors;
      EXPECT_EQ(doc["error"]["code"], "NoSuchEntity");  // AWSServiceRoleForECS
      EXPECT_EQ(doc["error"]["action"], "iam:GetRole");
    } else {
      EXPECT_TRUE(NeedsEnvelope(c.call.args[0], c.call.args[1])) << c.file;
    }
  }
  EXPECT_GT(envelopes, 5);
  EXPECT_EQ(errors, 1);
  // The printed commands recreate the same files.
  const std::string script = CommandScript(shown, *run.report);
  EXPECT_NE(script.find("> 001-ecs-describe-clusters.json"), std::string::npos);
  EXPECT_NE(script.find("{ printf '%s' '{\"command\":[\"ecs\",\"list-tasks\""), std::string::npos)
      << script;
  fs::remove_all(run.dir);
}

TEST(CollectPlan, DeniedCallsAreSavedAndThePlanGoesOn) {
  FakeAws fake;
  fake.deny = {"iam get-role", "ec2 describe-route-tables"};
  PlanRun run = RunPlan(fake, {"prod", {"api"}, {}}, "denied");
  ASSERT_TRUE(run.report);
  int denied = 0;
  for (const CollectedCall& c : run.report->calls) {
    if (c.result.outcome != CallOutcome::kDenied) continue;
    ++denied;
    json doc = json::parse(ReadText(run.dir / c.file));
    EXPECT_EQ(doc["error"]["code"], "AccessDeniedException");
    EXPECT_FALSE(doc.contains("output"));
  }
  EXPECT_EQ(denied, 4);  // three roles, one route table call
  fs::remove_all(run.dir);
}

TEST(CollectPlan, UnknownServiceIsAnError) {
  FakeAws fake;
  fake.unknown_service = true;
  PlanRun run = RunPlan(fake, {"prod", {"nope"}, {}}, "unknown");
  ASSERT_FALSE(run.report);
  EXPECT_EQ(run.report.error().message, "unknown service 'nope' in cluster 'prod' (MISSING)");
  fs::remove_all(run.dir);
}

}  // namespace
}  // namespace fd::live
