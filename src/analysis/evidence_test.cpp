// The pattern table against every verbatim message docs/design/causes.md quotes (§1.3 and the catalog
// symptoms), in the older and newer wordings, and against real describe-tasks/describe-services
// examples, which must match nothing; the collection of every message of a target, known or not.
#include "analysis/evidence.h"

#include <filesystem>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "analysis/analysis.h"
#include "ingest/snapshot.h"
#include "testing/shared_corpus.h"

namespace fd::analysis {
namespace {

using ::testing::Contains;
using ::testing::IsEmpty;
using ::testing::Not;

bool Names(const std::vector<PatternMatch>& ms, const std::string& code) {
  for (const auto& m : ms)
    for (const auto& c : m.codes)
      if (ToString(c) == code) return true;
  return false;
}

struct Case {
  const char* message;
  std::vector<const char*> codes;  ///< each must be among the candidates
};

// Verbatim (or with the placeholders docs/design/causes.md uses filled in) messages, and a code each must
// point at. Grouped like docs/design/causes.md §1.3.
const Case kCases[] = {
    // Network path to the registry / S3.
    {"CannotPullContainerError: inspect image has been retried 1 time(s): failed to resolve ref "
     "\"docker.io/library/nginx:latest\": failed to do request: Head \"https://registry-1.docker.io/v2/\": "
     "dial tcp 54.227.20.253:443: i/o timeout",
     {"NET002", "NET001", "FW001", "VPCE013"}},
    {"CannotPullContainerError: Error response from daemon: Get https://111122223333.dkr.ecr.eu-west-3.amazonaws.com/v2/: "
     "net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)",
     {"NET002", "VPCE001", "FW006"}},
    {"CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref "
     "111122223333.dkr.ecr.eu-west-3.amazonaws.com/api:1.4: context deadline exceeded",
     {"NET002", "VPCE001", "VPCE006"}},
    {"CannotPullContainerError: The task cannot pull '111122223333.dkr.ecr.eu-west-3.amazonaws.com/api:1.4' from "
     "the registry '111122223333.dkr.ecr.eu-west-3.amazonaws.com'. There is a connection issue between the task "
     "and the registry. Check your task network configuration.",
     {"NET002", "NET003", "FW001"}},
    {"CannotPullContainerError: The task cannot pull … There is a connection issue between the task and the "
     "registry … failed to copy: httpReadSeeker: failed open: failed to do request: Get …: dial tcp "
     "52.219.170.34:443: i/o timeout",
     {"FW002", "VPCE002", "VPCE003", "VPCE011", "NET002"}},
    // ECR registry auth.
    {"ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: "
     "unable to retrieve ecr registry auth: service call has been retried 3 time(s): RequestError: send request "
     "failed caused by: Post \"https://api.ecr.eu-west-3.amazonaws.com/\": dial tcp 35.180.244.1:443: i/o timeout",
     {"NET002", "VPCE001", "FW001", "VPCE007"}},
    {"ResourceInitializationError: unable to pull secrets or registry auth: The task cannot pull registry auth from "
     "Amazon ECR: There is a connection issue between the task and Amazon ECR. Check your task network "
     "configuration. RequestError: send request failed caused by: Post \"https://api.ecr.us-east-1.amazonaws.com/\": "
     "dial tcp 10.0.1.12:443: i/o timeout",
     {"NET002", "VPCE001", "FW003", "VPCE008"}},
    {"ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: "
     "unable to retrieve ecr registry auth: service call has been retried 1 time(s): AccessDeniedException: User: "
     "arn:aws:sts::111122223333:assumed-role/exec/abc is not authorized to perform: ecr:GetAuthorizationToken on "
     "resource: * because no identity-based policy allows the ecr:GetAuthorizationToken action",
     {"IAM004", "IAM008", "IAM009", "IAM010"}},
    // Secrets Manager / SSM / env files.
    {"ResourceInitializationError: unable to pull secrets or registry auth: unable to retrieve secret from asm: "
     "There is a connection issue between the task and AWS Secrets Manager. Check your task network configuration. "
     "failed to fetch secret arn:aws:secretsmanager:eu-west-3:111122223333:secret:db-AbCdEf from secrets manager: "
     "operation error Secrets Manager: GetSecretValue, https response error StatusCode: 0, RequestID: , "
     "canceled, context deadline exceeded",
     {"VPCE005", "NET002", "FW001"}},
    {"ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: "
     "unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret "
     "arn:aws:secretsmanager:eu-west-3:111122223333:secret:db from secrets manager: AccessDeniedException: User: "
     "arn:aws:sts::111122223333:assumed-role/exec/abc is not authorized to perform: secretsmanager:GetSecretValue",
     {"IAM006", "IAM012", "IAM013"}},
    {"ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: "
     "unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret "
     "arn:aws:secretsmanager:eu-west-3:111122223333:secret:db from secrets manager: ResourceNotFoundException: "
     "Secrets Manager can't find the specified secret.",
     {"SEC001", "IAM006"}},
    {"ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: "
     "unable to retrieve secrets from ssm: service call has been retried 1 time(s): AccessDeniedException",
     {"VPCE005", "IAM006", "SEC004"}},
    {"ResourceInitializationError: The task cannot pull secrets from AWS Systems Manager. operation error SSM: "
     "GetParameters, https response error StatusCode: 0, context deadline exceeded",
     {"VPCE005", "NET002"}},
    {"ResourceInitializationError: failed to download env files: file download command: non empty error stream: "
     "service call has been retried 5 time(s): AccessDenied: Access Denied",
     {"SEC006"}},
    // Logging.
    {"ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: failed "
     "to create Cloudwatch log stream: ResourceNotFoundException: The specified log group does not exist. : exit "
     "status 1",
     {"LOG001", "VPCE004"}},
    {"ResourceInitializationError: failed to validate logger args: The task cannot find the Amazon CloudWatch log "
     "group defined in the task definition. There is a connection issue between the task and Amazon CloudWatch. "
     "Check your network configuration. signal: killed",
     {"LOG001", "VPCE004", "NET002"}},
    {"ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: failed "
     "to create Cloudwatch log stream: AccessDeniedException: User: arn:aws:sts::111122223333:assumed-role/exec/x "
     "is not authorized to perform: logs:CreateLogStream",
     {"LOG002", "IAM005"}},
    {"ResourceInitializationError: failed to validate logger args: unable to get awslogs driver arguments: "
     "awslogs-region is required",
     {"LOG003"}},
    // EFS.
    {"ResourceInitializationError: failed to invoke EFS utils commands to set up EFS volumes: stderr: Failed to "
     "resolve \"fs-0123456789abcdef0.efs.eu-west-3.amazonaws.com\" - check that your file system ID is correct, "
     "and ensure that the VPC has an EFS mount target for this file system ID.",
     {"STO002", "STO004"}},
    {"ResourceInitializationError: failed to invoke EFS utils commands to set up EFS volumes: stderr: "
     "mount.nfs4: Connection timed out : unsuccessful EFS utils command execution; code: 32",
     {"STO003", "STO007"}},
    {"ResourceInitializationError: failed to invoke EFS utils commands to set up EFS volumes: stderr: Mount "
     "attempt 1/3 failed due to timeout after 15 sec, wait 0 sec before next attempt.",
     {"STO003"}},
    {"ResourceInitializationError: failed to invoke EFS utils commands to set up EFS volumes: stderr: b'mount.nfs4: "
     "access denied by server while mounting 127.0.0.1:/'",
     {"STO005", "STO006"}},
    {"ResourceInitializationError: failed to invoke EFS utils commands to set up EFS volumes: stderr: mount.nfs4: "
     "mounting fs-0123.efs.eu-west-3.amazonaws.com:/data failed, reason given by server: No such file or directory",
     {"STO006"}},
    // Image.
    {"CannotPullContainerError: pull image manifest has been retried 7 time(s): image Manifest does not contain "
     "descriptor matching platform 'linux/amd64'",
     {"IMG004"}},
    {"exec /usr/local/bin/docker-entrypoint.sh: exec format error", {"IMG004"}},
    {"CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref "
     "111122223333.dkr.ecr.eu-west-3.amazonaws.com/api:missing: 111122223333.dkr.ecr.eu-west-3.amazonaws.com/"
     "api:missing: not found",
     {"IMG001", "IMG002", "IMG013"}},
    {"CannotPullContainerError: failed to resolve ref 111122223333.dkr.ecr.eu-west-3.amazonaws.com/api@sha256:"
     "0123456789abcdef: not found",
     {"IMG002"}},
    {"CannotPullContainerError: Error response from daemon: repository 111122223333.dkr.ecr.eu-west-3.amazonaws.com/"
     "ecr-public/nginx not found: name unknown: The repository with name 'ecr-public/nginx' does not exist in the "
     "registry with id '111122223333'",
     {"IMG001", "IMG009"}},
    {"CannotPullContainerError: Error response from daemon: manifest for 111122223333.dkr.ecr.eu-west-3.amazonaws.com/"
     "api:1.4 not found: manifest unknown: Requested image not found",
     {"IMG001", "IMG003"}},
    {"CannotPullContainerError: toomanyrequests: Too Many Requests.", {"IMG007"}},
    {"CannotPullContainerError: Error response from daemon: toomanyrequests: You have reached your pull rate limit. "
     "You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limits.",
     {"IMG007"}},
    {"CannotPullContainerError: Error response from daemon: Get https://registry.example.com/v2/app/manifests/1: "
     "401 Unauthorized",
     {"IMG008", "IAM011"}},
    {"CannotPullContainerError: Error response from daemon: pull access denied for private/app, repository does not "
     "exist or may require 'docker login': denied: requested access to the resource is denied",
     {"IMG008"}},
    {"CannotPullContainerError: unauthorized: authentication required", {"IMG008"}},
    {"The resource based policy for the ECR repository [api] may be missing permissions to pull the image.",
     {"IAM011"}},
    {"CannotPullContainerError: containerd: pull command failed: : failed to extract layer sha256:0123: write "
     "/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots/1/fs/x: no space left on device: unknown",
     {"IMG010"}},
    {"CannotStartContainerError: The container operating system does not match the host operating system.",
     {"IMG012"}},
    {"a Windows version 10.0.20348-based image is incompatible with a 10.0.17763 host", {"IMG012"}},
    {"CannotPullContainerError: no matching manifest for windows/amd64 10.0.17763 in the manifest list entries",
     {"IMG012"}},
    // IAM.
    {"(service api) failed to launch a task with (error ECS was unable to assume the role "
     "'arn:aws:iam::111122223333:role/exec' that was provided for this task. Please verify that the role being "
     "passed has the proper trust relationship and permissions and that your IAM user has permissions to pass this "
     "role.).",
     {"IAM002", "IAM003", "IAM007", "IAM016"}},
    {"AccessDeniedException: User: arn:aws:iam::111122223333:user/ci is not authorized to perform: iam:PassRole on "
     "resource: arn:aws:iam::111122223333:role/exec",
     {"IAM014"}},
    // Capacity.
    {"Timeout waiting for network interface provisioning to complete.", {"CAP002", "CAP008", "CAP009"}},
    {"InsufficientFreeAddressesInSubnet", {"CAP002"}},
    {"(service api) was unable to place a task. Reason: Internal error.", {"CAP001"}},
    {"(service api) was unable to place a task. Reason: You've reached the limit on the number of vCPUs you can run "
     "concurrently",
     {"CAP003"}},
    {"(service api) was unable to place a task. Reason: You’ve reached the limit on the number of tasks you can run "
     "concurrently",
     {"CAP003"}},
    {"(service api) was unable to place a task. Reason: The requested CPU configuration is above your limit.",
     {"CAP004"}},
    {"(service api) was unable to place a task. Reason: The requested MEMORY configuration is above your limit.",
     {"CAP004"}},
    {"(service api) was unable to place a task. Reason: Capacity is unavailable at this time. Please try again later "
     "or in a different availability zone.",
     {"CAP005"}},
    {"(service api) operations are being throttled. Will try again later.", {"CAP007"}},
    {"ThrottlingException: Rate exceeded", {"CAP007"}},
    // Service.
    {"(service api) is unable to consistently start tasks successfully. For more information, see the "
     "Troubleshooting section of the Amazon ECS Developer Guide.",
     {"SVC005"}},
    {"(service api) was unable to stop or start tasks during a deployment because of the service deployment "
     "configuration. Update the minimumHealthyPercent or maximumPercent value and try again.",
     {"SVC006"}},
    {"Task failed ELB health checks in (target-group arn:aws:elasticloadbalancing:eu-west-3:111122223333:"
     "targetgroup/api/0123456789abcdef)",
     {"SVC010"}},
    {"Essential container in task exited", {"SVC010"}},
    {"Agent exited: Reason: CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to "
     "resolve ref 593207742271.dkr.ecr.eu-west-3.amazonaws.com/aws-guardduty-agent-fargate:v1.0.0: context deadline "
     "exceeded",
     {"SVC011"}},
    // Registration / API errors.
    {"ClientException: No Fargate configuration exists for given values.", {"TD001"}},
    {"ClientException: Invalid 'cpu' setting for task.", {"TD001"}},
    {"ClientException: Fargate requires that 'cpu' be defined at the task level.", {"TD001"}},
    {"Task definition does not support launch_type FARGATE.", {"TD002"}},
    {"ClientException: Fargate requires task definition to have execution role ARN to support ECR images.",
     {"IAM001"}},
    {"ClientException: Fargate requires task definition to have execution role ARN to support log driver awslogs.",
     {"IAM001"}},
    {"PlatformTaskDefinitionIncompatibilityException: The specified platform does not satisfy the task "
     "definition's required capabilities.",
     {"TD006", "TD007"}},
    {"PlatformUnknownException: The specified platform version does not exist.", {"TD006"}},
    {"ClientException: EphemeralStorage size should be at least 21 GiB", {"TD011"}},
    {"InvalidParameterException: Error retrieving subnet information for [subnet-x]: The subnet ID 'subnet-x' does "
     "not exist (ErrorCode: InvalidSubnetID.NotFound)",
     {"TD008"}},
};

TEST(EvidencePatterns, EveryQuotedMessageNamesItsCodes) {
  for (const Case& c : kCases) {
    auto ms = MatchMessage(c.message);
    ASSERT_THAT(ms, Not(IsEmpty())) << c.message;
    for (const char* code : c.codes) EXPECT_TRUE(Names(ms, code)) << code << " not named by: " << c.message;
  }
}

TEST(EvidencePatterns, DeniedIsNotANetworkProblem) {
  auto ms = MatchMessage(kCases[7].message);  // ecr:GetAuthorizationToken AccessDenied
  EXPECT_FALSE(Names(ms, "NET002"));
  EXPECT_FALSE(Names(MatchMessage(kCases[9].message), "NET002"));  // secret AccessDenied
}

TEST(EvidencePatterns, S3LayerRowNeedsAnS3Address) {
  // A registry address that is not S3 gives only the general network row (VPCE011, the
  // endpoint policy on the S3 gateway, is named only by the S3 row).
  auto ms = MatchMessage(kCases[0].message);
  EXPECT_FALSE(Names(ms, "VPCE011"));
  // The snapshot's S3 prefix list decides when given.
  auto never = [](std::string_view) { return false; };
  EXPECT_FALSE(Names(MatchMessage(kCases[4].message, never), "VPCE011"));
  auto always = [](std::string_view) { return true; };
  EXPECT_TRUE(Names(MatchMessage(kCases[0].message, always), "VPCE011"));
}

TEST(EvidencePatterns, BenignMessagesMatchNothing) {
  for (const char* m : {"(service api) has reached a steady state.",
                        "(service api) has started 2 tasks: (task 0123) (task 4567).",
                        "(service api) registered 1 targets in (target-group arn:aws:…)",
                        "Task failed to start", "Scaling activity initiated by (deployment ecs-svc/123)",
                        "(service api) deployment ecs-svc/123 deployment completed."})
    EXPECT_THAT(MatchMessage(m), IsEmpty()) << m;
  EXPECT_THAT(MatchMessage(""), IsEmpty());
}

TEST(EvidenceCorpus, AwscliExamplesMatchNothingAlarming) {
  FD_SKIP_WITHOUT_CORPUS("aws-json/awscli-examples", "matching of real ECS events");
  const std::string dir = fd::testing::CorpusPath("aws-json/awscli-examples");
  for (const char* f : {"ecs-describe-tasks.json", "ecs-describe-tasks-2.json", "ecs-describe-services.json"}) {
    auto m = ingest::LoadPaths({dir + "/" + f});
    ASSERT_TRUE(m.has_value()) << f;
    auto by_group = IndexTasksByGroup(*m);
    size_t messages = 0;
    for (const auto& t : m->tasks()) {
      Target tg;
      tg.kind = TargetKind::kTask;
      tg.task = &t;
      tg.region = t.region;
      EXPECT_THAT(CollectEvidence(*m, tg, by_group), IsEmpty()) << f << " " << t.arn;
    }
    for (const auto& s : m->services()) {
      messages += s.events.size();
      for (const auto& e : s.events) EXPECT_THAT(MatchMessage(e.message), IsEmpty()) << e.message;
      Target tg;
      tg.service = &s;
      tg.region = s.region;
      EXPECT_THAT(CollectEvidence(*m, tg, by_group), IsEmpty()) << f << " " << s.arn;
    }
    if (std::string(f) == "ecs-describe-services.json") {
      EXPECT_GT(messages, 0u);
    }
  }
}

/// The service api of cluster prod that the collection tests give events and tasks.
model::EcsService ApiService() {
  model::EcsService s;
  s.arn = "arn:aws:ecs:eu-west-3:111122223333:service/prod/api";
  s.name = "api";
  s.cluster_arn = "arn:aws:ecs:eu-west-3:111122223333:cluster/prod";
  s.region = "eu-west-3";
  return s;
}

TEST(EvidenceCollect, ServiceTasksAndEventsNewestFirstDeduplicated) {
  model::ModelBuilder b;
  model::EcsService s = ApiService();
  s.events = {{"e3", "2026-11-28T10:00:00Z", "(service api) has reached a steady state."},
              {"e2", "2026-11-28T09:00:00Z", "(service api) is unable to consistently start tasks successfully."},
              {"e1", "2026-11-28T08:00:00Z", "(service api) is unable to consistently start tasks successfully."}};
  b.AddService(s);
  for (int i = 0; i < 3; ++i) {
    model::EcsTask t;
    t.arn = "arn:aws:ecs:eu-west-3:111122223333:task/prod/t" + std::to_string(i);
    t.cluster_arn = s.cluster_arn;
    t.group = i == 2 ? "service:other" : "service:api";
    t.last_status = "STOPPED";
    t.stop_code = "TaskFailedToStart";
    t.stopped_at = "2026-11-28T09:3" + std::to_string(i) + ":00Z";
    t.stopped_reason = "Timeout waiting for network interface provisioning to complete.";
    t.containers.push_back({"web", "img", "STOPPED", i == 1 ? "CannotPullContainerError: toomanyrequests" : "", {}});
    b.AddTask(t);
  }
  model::Model m = std::move(b).Build();
  Target tg;
  tg.service = m.services().Find(s.arn);
  tg.region = "eu-west-3";
  auto ev = CollectEvidence(m, tg, IndexTasksByGroup(m));
  ASSERT_EQ(ev.size(), 3u);
  // t1 (09:31) is newer than t0 (09:30): its stoppedReason is kept, t0's duplicate dropped.
  EXPECT_EQ(ev[0].resource, "arn:aws:ecs:eu-west-3:111122223333:task/prod/t1");
  EXPECT_TRUE(ev[0].start_failure);
  EXPECT_TRUE(ev[0].Names(Code::kCap009));
  EXPECT_EQ(ev[1].source, EvidenceSource::kContainerReason);
  EXPECT_EQ(ev[1].container, "web");
  EXPECT_TRUE(ev[1].Names(Code::kImg007));
  EXPECT_EQ(ev[2].resource, "service event");
  EXPECT_EQ(ev[2].time, "2026-11-28T09:00:00Z");
  EXPECT_THAT(ev[2].codes, Contains(Code::kSvc005));
  // All of them are older than the steady state of 10:00: the service recovered since.
  for (const auto& e : ev) EXPECT_FALSE(e.recent_failure) << e.message;
}

// Messages users quoted in public issue threads, each of a kind the table knows.
TEST(EvidencePatterns, RealQuotedMessagesHaveTheirKind) {
  const std::pair<const char*, FailureKind> kQuoted[] = {
      // aws/aws-app-mesh-examples#413, truncated by AWS as quoted.
      {"ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: "
       "unable to retrieve ecr registry auth: service call has been retried 5 time(s): RequestError: send request "
       "failed caused by: Post https://api.ecr....",
       FailureKind::kNetwork},
      // Releem/releem-agent#195.
      {"ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: "
       "unable to retrieve secret from asm: service call has been retried 5 time(s): failed to fetch secret "
       "arn:aws:secretsmanager:us-west-2:*:secret:DBPasswordSecret-* from secrets manager: RequestCanceled: request "
       "context canceled caused by: context deadline exceeded. Please check your task network configuration.",
       FailureKind::kNetwork},
      // aws/copilot-cli#3104.
      {"ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: "
       "unable to retrieve secrets from ssm: service call has been retried 1 time(s): AccessDeniedException: User: ....",
       FailureKind::kSecrets},
      {"(service api) failed to launch a task with (error ECS was unable to assume the role "
       "'arn:aws:iam::111122223333:role/exec' that was provided for this task. Please verify that the role being "
       "passed has the proper trust relationship and permissions and that your IAM user has permissions to pass "
       "this role.).",
       FailureKind::kRole},
      // aws/amazon-ecs-agent#1453 (the older event wording, without parentheses).
      {"service carealign-admin is unable to consistently start tasks successfully. For more information, see the "
       "Troubleshooting section.",
       FailureKind::kSymptom},
  };
  for (const auto& [message, kind] : kQuoted) {
    auto ms = MatchMessage(message);
    ASSERT_THAT(ms, Not(IsEmpty())) << message;
    EXPECT_EQ(ms.front().kind, kind) << message;
  }
}

TEST(EvidencePatterns, RoutineEventsAreTheProgressOnes) {
  for (const char* m : {"(service api) has reached a steady state.",
                        "(service api) has started 2 tasks: (task 0123) (task 4567).",
                        "(service api) has stopped 1 running tasks: (task 0123).",
                        "(service api) registered 1 targets in (target-group arn:aws:…)",
                        "(service api) (deployment ecs-svc/123) deployment completed.",
                        "service carealign-admin has started 1 tasks: task a333ed7d."})
    EXPECT_TRUE(IsRoutineEvent(m)) << m;
  for (const char* m : {"(service api) was unable to place a task. Reason: Internal error.",
                        "(service api) failed to launch a task with (error something new)",
                        "(service api) is unable to consistently start tasks successfully.",
                        "(service api) (deployment ecs-svc/123) deployment failed: tasks failed to start."})
    EXPECT_FALSE(IsRoutineEvent(m)) << m;
}

TEST(EvidenceCollect, NoMessageIsDropped) {
  model::ModelBuilder b;
  model::EcsService s = ApiService();
  s.events = {{"e4", "2026-11-28T11:00:00Z", "(service api) has started 1 tasks: (task 0123)."},
              {"e3", "2026-11-28T10:30:00Z", "(service api) failed to launch a task with (error something new)"},
              {"e2", "2026-11-28T10:00:00Z", "(service api) has reached a steady state."},
              {"e1", "2026-11-28T08:00:00Z", "(service api) was unable to place a task. Reason: Internal error."}};
  b.AddService(s);
  const std::pair<const char*, const char*> kStops[] = {
      {"TaskFailedToStart", "CannotStartContainerError: exec: \"/app/start.sh\": permission denied"},
      {"UserInitiated", "Task stopped by user"}};
  for (int i = 0; i < 2; ++i) {
    model::EcsTask t;
    t.arn = "arn:aws:ecs:eu-west-3:111122223333:task/prod/u" + std::to_string(i);
    t.cluster_arn = s.cluster_arn;
    t.group = "service:api";
    t.last_status = "STOPPED";
    t.stop_code = kStops[i].first;
    t.stopped_at = "2026-11-28T10:4" + std::to_string(i) + ":00Z";
    t.stopped_reason = kStops[i].second;
    b.AddTask(t);
  }
  model::Model m = std::move(b).Build();
  Target tg;
  tg.service = m.services().Find(s.arn);
  tg.region = "eu-west-3";
  auto ev = CollectEvidence(m, tg, IndexTasksByGroup(m));
  ASSERT_EQ(ev.size(), 4u);  // both stops and both failure events; no routine event
  EXPECT_EQ(ev[0].message, "Task stopped by user");
  EXPECT_EQ(ev[0].kind, FailureKind::kNotAFailure);
  EXPECT_FALSE(ev[0].recent_failure);
  EXPECT_EQ(ev[1].kind, FailureKind::kUnrecognised);  // the permission-denied entrypoint
  EXPECT_TRUE(ev[1].recent_failure);                  // after the steady state
  EXPECT_THAT(ev[1].codes, IsEmpty());
  EXPECT_EQ(ev[2].kind, FailureKind::kUnrecognised);  // the unknown event, after the steady state
  EXPECT_TRUE(ev[2].recent_failure);
  EXPECT_EQ(ev[3].kind, FailureKind::kCapacity);  // "Internal error", before the steady state
  EXPECT_FALSE(ev[3].recent_failure);
}

TEST(EvidenceKinds, EveryKindIsDescribed) {
  for (int k = 0; k <= static_cast<int>(FailureKind::kUnrecognised); ++k) {
    const auto& d = Describe(static_cast<FailureKind>(k));
    EXPECT_FALSE(d.label.empty()) << k;
    EXPECT_FALSE(d.cannot_show.empty()) << k;
  }
  EXPECT_EQ(Describe(FailureKind::kUnrecognised).label, "unrecognised");
}

}  // namespace
}  // namespace fd::analysis
