// The live layer without AWS: the allowlist and its IAM policy, error classification and
// retries of the aws runner, and the whole call plan against a scripted `aws` that answers
// every operation (the instrumented runner proves every executed argv is on the allowlist).

#include <gtest/gtest.h>
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

namespace fd::live {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

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

ProcessResult Err(const std::string& code, const std::string& op, const std::string& msg) {
  ProcessResult p;
  p.started = true;
  p.exit_code = 254;
  p.err = "\nAn error occurred (" + code + ") when calling the " + op + " operation: " + msg + "\n";
  return p;
}

ProcessResult Ok(const std::string& out) {
  ProcessResult p;
  p.started = true;
  p.exit_code = 0;
  p.out = out;
  return p;
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
  AwsCli aws(o, [&](const std::vector<std::string>& argv) {
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
  AwsCli throttled(o, [&](const auto&) {
    ++calls;
    return Err("RequestLimitExceeded", "DescribeSubnets", "slow down");
  });
  EXPECT_EQ(throttled.Execute({{"ec2", "describe-subnets"}, ""}).outcome, CallOutcome::kThrottled);
  EXPECT_EQ(calls, 4);

  AwsCli denied(o, [&](const auto&) {
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
  AwsCli aws(AwsOptions{}, [&](const auto&) {
    ran = true;
    return Ok("{}");
  });
  EXPECT_EQ(aws.Execute({{"secretsmanager", "get-secret-value", "--secret-id", "x"}, ""}).outcome,
            CallOutcome::kRefused);
  EXPECT_FALSE(ran);
}

TEST(AwsCli, SetupProblemsAreFatal) {
  AwsCli aws(AwsOptions{}, [&](const auto&) {
    ProcessResult p;
    p.started = true;
    p.exit_code = 253;
    p.err = "\nUnable to locate credentials. You can configure credentials by running \"aws configure\".\n";
    return p;
  });
  EXPECT_EQ(aws.Execute({{"sts", "get-caller-identity"}, ""}).outcome, CallOutcome::kFatal);
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

constexpr const char* kAcct = "111122223333";
constexpr const char* kRegion = "eu-west-3";

/// Answers every allowlisted operation with a small consistent account; records each argv.
struct FakeAws {
  std::mutex mu;
  std::vector<std::vector<std::string>> argvs;
  std::set<std::string> deny;  // "service operation" answered with AccessDenied
  bool unknown_service = false;

  ProcessResult operator()(const std::vector<std::string>& argv) {
    {
      std::lock_guard<std::mutex> lock(mu);
      argvs.push_back(argv);
    }
    const std::string svc = argv.at(1), op = argv.at(2);
    if (deny.contains(svc + " " + op)) return Err("AccessDeniedException", op, "not authorized");
    auto A = [&](const std::string& service, const std::string& rest) {
      return "arn:aws:" + service + ":" + kRegion + ":" + kAcct + ":" + rest;
    };
    json j;
    if (op == "describe-clusters") {
      j = {{"clusters", {{{"clusterArn", A("ecs", "cluster/prod")}, {"clusterName", "prod"}}}},
           {"failures", json::array()}};
    } else if (op == "get-caller-identity") {
      j = {{"Account", kAcct}, {"Arn", "arn:aws:iam::111122223333:user/me"}, {"UserId", "AID"}};
    } else if (op == "describe-services") {
      if (unknown_service)
        j = {{"services", json::array()},
             {"failures", {{{"arn", A("ecs", "service/prod/nope")}, {"reason", "MISSING"}}}}};
      else
        j = {{"services",
              {{{"serviceArn", A("ecs", "service/prod/api")},
                {"serviceName", "api"},
                {"taskDefinition", A("ecs", "task-definition/api:3")},
                {"networkConfiguration",
                 {{"awsvpcConfiguration",
                   {{"subnets", {"subnet-1"}}, {"securityGroups", {"sg-task"}}}}}}}}},
             {"failures", json::array()}};
    } else if (op == "describe-tasks") {
      j = {{"tasks",
            {{{"taskArn", A("ecs", "task/prod/abc")},
              {"taskDefinitionArn", A("ecs", "task-definition/api:3")},
              {"attachments",
               {{{"type", "ElasticNetworkInterface"},
                 {"details",
                  {{{"name", "subnetId"}, {"value", "subnet-1"}},
                   {{"name", "networkInterfaceId"}, {"value", "eni-1"}}}}}}}}}},
           {"failures", json::array()}};
    } else if (op == "describe-task-definition") {
      j = {{"taskDefinition",
            {{"taskDefinitionArn", A("ecs", "task-definition/api:3")},
             {"family", "api"},
             {"executionRoleArn", "arn:aws:iam::111122223333:role/exec"},
             {"taskRoleArn", "arn:aws:iam::111122223333:role/app"},
             {"volumes", {{{"name", "data"}, {"efsVolumeConfiguration", {{"fileSystemId", "fs-1"}}}}}},
             {"containerDefinitions",
              {{{"name", "web"},
                {"image", std::string(kAcct) + ".dkr.ecr.eu-west-3.amazonaws.com/api:1.4"},
                {"secrets",
                 {{{"name", "A"}, {"valueFrom", A("secretsmanager", "secret:db-AbCdEf:password::")}},
                  {{"name", "B"}, {"valueFrom", A("ssm", "parameter/prod/token")}},
                  {{"name", "C"}, {"valueFrom", "plain"}}}},
                {"logConfiguration",
                 {{"logDriver", "awslogs"},
                  {"options", {{"awslogs-group", "/ecs/api"}, {"awslogs-region", kRegion}}}}}}}}}}};
    } else if (op == "describe-subnets") {
      j = {{"Subnets", {{{"SubnetId", "subnet-1"}, {"VpcId", "vpc-1"}}}}};
    } else if (op == "describe-network-interfaces") {
      j = {{"NetworkInterfaces",
            {{{"NetworkInterfaceId", "eni-1"}, {"VpcId", "vpc-1"}, {"Groups", {{{"GroupId", "sg-eni"}}}}}}}};
    } else if (op == "list-tasks") {
      j = {{"taskArns", {A("ecs", "task/prod/old")}}};
    } else if (op == "describe-nat-gateways") {
      j = {{"NatGateways", {{{"NatGatewayId", "nat-1"}, {"SubnetId", "subnet-pub"}}}}};
    } else if (op == "describe-vpcs") {
      j = {{"Vpcs", {{{"VpcId", "vpc-1"}, {"DhcpOptionsId", "dopt-1"}}}}};
    } else if (op == "describe-route-tables") {
      j = {{"RouteTables", {{{"RouteTableId", "rtb-1"}, {"Routes", {{{"DestinationPrefixListId", "pl-route"}}}}}}}};
    } else if (op == "describe-vpc-endpoints") {
      j = {{"VpcEndpoints", {{{"VpcEndpointId", "vpce-1"}, {"Groups", {{{"GroupId", "sg-vpce"}}}}}}}};
    } else if (op == "get-role") {
      const std::string name = argv.at(4);
      if (name == "AWSServiceRoleForECS") return Err("NoSuchEntity", "GetRole", "no role");
      j = {{"Role", {{"RoleName", name}, {"Arn", "arn:aws:iam::111122223333:role/" + name}}}};
    } else if (op == "list-attached-role-policies") {
      j = {{"AttachedPolicies", {{{"PolicyArn", "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"}}}}};
    } else if (op == "list-role-policies") {
      j = {{"PolicyNames", {"inline"}}};
    } else if (op == "get-policy") {
      j = {{"Policy", {{"Arn", argv.at(4)}, {"DefaultVersionId", "v2"}}}};
    } else if (op == "describe-secret") {
      j = {{"ARN", A("secretsmanager", "secret:db-AbCdEf")}, {"Name", "db"}, {"KmsKeyId", A("kms", "key/k1")}};
    } else if (op == "describe-key") {
      j = {{"KeyMetadata", {{"Arn", A("kms", "key/k1")}, {"KeyManager", "CUSTOMER"}}}};
    } else if (op == "describe-mount-targets") {
      j = {{"MountTargets", {{{"MountTargetId", "fsmt-1"}, {"FileSystemId", "fs-1"}}}}};
    } else if (op == "describe-mount-target-security-groups") {
      j = {{"SecurityGroups", {"sg-efs"}}};
    } else if (op == "describe-security-groups") {
      j = {{"SecurityGroups",
            {{{"GroupId", "sg-task"},
              {"IpPermissionsEgress", {{{"PrefixListIds", {{{"PrefixListId", "pl-sg"}}}}}}}}}}};
    } else {
      j = json::object({{"Answer", op}});
    }
    return Ok(j.dump());
  }
};

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
  AwsCli aws(o, [&](const std::vector<std::string>& argv) { return fake(argv); });
  CollectOptions co;
  co.target = std::move(target);
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
  std::set<std::pair<std::string, std::string>> used;
  for (const PlanRun* run : {&service, &task}) {
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
  fs::remove_all(service.dir);
  fs::remove_all(task.dir);
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
