// The stopped-reason / service-event pattern table of docs/design/causes.md §1.3 as data, and the collection
// of every message of a target (its own task, or its service's non-routine events and tasks),
// newest first; a message no row knows is kept as "unrecognised", never dropped.
#include "analysis/evidence.h"

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <set>

#include "analysis/analysis.h"
#include "util/ip.h"
#include "util/strings.h"

namespace fd::analysis {
namespace {

using Words = std::vector<std::string_view>;

/// A code a row points at, or a whole family of them (every route check, every filter check).
struct Pick {
  constexpr Pick(Code c) : code(c) {}  // NOLINT(google-explicit-constructor): rows list codes
  constexpr explicit Pick(std::string_view f) : family(f) {}
  Code code{};
  std::string_view family;  ///< "NET", "FW"; empty for one code
};
const Pick kAllNet{std::string_view("NET")};
const Pick kAllFw{std::string_view("FW")};

/// One row: every clause must match (a clause matches when any of its lower-case substrings
/// occurs), and no word of `unless` may occur.
struct Row {
  std::string_view id;
  FailureKind kind;
  std::string_view meaning;
  std::vector<Words> clauses;
  Words unless;
  std::vector<Pick> codes;
};

// "send request failed" is the AWS SDK's RequestError for a call that never got an answer (DNS,
// connect or TLS); AWS often truncates the rest ("caused by: Post https://api.ecr....").
const Words kNetworkWords = {"i/o timeout", "context deadline exceeded", "request canceled",
                             "connection issue between the task and", "dial tcp",
                             "connection timed out", "no such host", "network is unreachable",
                             "send request failed", "tls handshake timeout", "no route to host"};
const Words kDenied = {"accessdenied", "access denied", "not authorized to perform"};
const Words kPullWords = {"cannotpullcontainer", "the task cannot pull", "pull image manifest",
                          "failed to resolve ref", "pull access denied"};
const Words kSecretsWords = {"unable to retrieve secret from asm", "unable to get registry auth from asm",
                             "from secrets manager", "aws secrets manager", "operation error secrets manager"};
const Words kSsmWords = {"unable to retrieve secrets from ssm", "secrets from aws systems manager",
                         "operation error ssm", "from ssm"};
const Words kEcrAuthWords = {"unable to retrieve ecr registry auth", "registry auth from amazon ecr",
                             "ecr registry auth"};
const Words kLoggerWords = {"failed to validate logger args", "amazon cloudwatch log group",
                            "failed to create cloudwatch log stream"};
const Words kEfsWords = {"efs utils", "mount.nfs4", "efs volume", "mount attempt"};

// Rows are in order of precedence: the first matching row gives a message its kind and its first
// meaning, so the ECR auth rows come before the pull row, whose "the task cannot pull" also
// occurs in "The task cannot pull registry auth from Amazon ECR".
// The network rows name every route (A*) and filter (B*) check, plus the endpoint checks the
// table lists for them; VPCE010/VPCE013/VPCE015/IMG006 are added because a path broken by an
// unavailable endpoint or by a registry no endpoint serves fails with the same timeout text.
const std::vector<Row>& Table() {
  using K = FailureKind;
  static const std::vector<Row> kRows = {
      {"ecr-auth-network", K::kNetwork,
       "Amazon ECR (api.ecr) unreachable: the ecr:GetAuthorizationToken call failed on the network path",
       {kEcrAuthWords, kNetworkWords}, kDenied,
       {kAllNet, kAllFw, Code::kVpce001, Code::kVpce006, Code::kVpce007, Code::kVpce008, Code::kVpce010, Code::kVpce015}},
      {"ecr-auth-iam", K::kPermission, "the execution role may not call ecr:GetAuthorizationToken",
       {{"ecr registry auth", "registry auth from amazon ecr", "ecr:getauthorizationtoken"}, kDenied}, {},
       {Code::kIam004, Code::kIam008, Code::kIam009, Code::kIam010}},
      {"pull-network", K::kNetwork, "no network path to the registry or to the S3 layer store",
       {kPullWords, kNetworkWords}, {"agent exited", "accessdenied", "401 unauthorized", "403 forbidden"},
       {kAllNet, kAllFw, Code::kVpce001, Code::kVpce002, Code::kVpce003, Code::kVpce006, Code::kVpce007, Code::kVpce008,
        Code::kVpce010, Code::kVpce013, Code::kVpce015, Code::kImg006}},
      {"secrets-network", K::kNetwork, "Secrets Manager unreachable", {kSecretsWords, kNetworkWords},
       {"accessdenied", "resourcenotfound", "decryptionfailure", "can't find the specified secret"},
       {Code::kVpce005, kAllNet, kAllFw, Code::kVpce006, Code::kVpce007, Code::kVpce008, Code::kVpce010}},
      {"secrets-access", K::kSecrets, "secret denied, missing or not decryptable (IAM, wrong ARN, KMS)",
       {kSecretsWords,
        {"accessdenied", "not authorized", "resourcenotfound", "can't find the specified secret",
         "decryptionfailure", "kms", "scheduled for deletion", "marked for deletion"}},
       {},
       {Code::kIam006, Code::kIam012, Code::kIam013, Code::kSec001, Code::kSec002, Code::kSec003}},
      {"ssm", K::kSecrets, "SSM parameters unreachable, denied or invalid", {kSsmWords}, {},
       {Code::kVpce005, Code::kIam006, Code::kSec001, Code::kSec004}},
      {"ssm-network", K::kNetwork, "SSM unreachable on the network path", {kSsmWords, kNetworkWords}, kDenied,
       {kAllNet, kAllFw, Code::kVpce006, Code::kVpce007, Code::kVpce008, Code::kVpce010}},
      {"env-files", K::kSecrets, "environment files could not be downloaded",
       {{"failed to download env files", "environmentfiles", "environment file"}}, {}, {Code::kSec006}},
      {"log-group", K::kLogs, "log group missing, or the logs endpoint unreachable",
       {kLoggerWords, {"log group does not exist", "cannot find the amazon cloudwatch log group"}},
       kDenied, {Code::kLog001, Code::kVpce004}},
      {"logs-network", K::kNetwork, "CloudWatch Logs unreachable on the network path",
       {kLoggerWords, kNetworkWords}, kDenied,
       {kAllNet, kAllFw, Code::kVpce004, Code::kVpce006, Code::kVpce007, Code::kVpce008, Code::kVpce010}},
      {"logs-iam", K::kPermission, "the execution role may not create the log group or stream",
       {{"logs:createloggroup", "logs:createlogstream", "logs:putlogevents"}, kDenied}, {},
       {Code::kLog002, Code::kIam005}},
      {"awslogs-region", K::kLogs, "a required awslogs option is missing", {{"awslogs-region is required"}}, {},
       {Code::kLog003}},
      {"efs-resolve", K::kEfs, "no EFS mount target in the task's AZ, or a DNS problem",
       {kEfsWords, {"failed to resolve"}}, {}, {Code::kSto002, Code::kSto004}},
      {"efs-timeout", K::kEfs, "NFS (TCP 2049) blocked between the task and the mount target",
       {kEfsWords, {"connection timed out", "failed due to timeout"}}, {}, {Code::kSto003, Code::kSto007}},
      {"efs-denied", K::kEfs, "EFS IAM authorization, file system policy or access point",
       {{"access denied by server while mounting"}}, {}, {Code::kSto005, Code::kSto006}},
      {"efs-no-dir", K::kEfs, "the EFS root directory does not exist",
       {kEfsWords, {"no such file or directory"}}, {}, {Code::kSto006}},
      {"arch-mismatch", K::kPlatform, "image architecture differs from the task's",
       {{"does not contain descriptor matching platform", "exec format error"}}, {}, {Code::kImg004}},
      {"windows-mismatch", K::kPlatform, "Windows image and host OS differ",
       {{"container operating system does not match the host operating system",
         "-based image is incompatible with a", "no matching manifest for windows"}},
       {}, {Code::kImg012}},
      {"image-not-found", K::kImage, "image, tag, digest or repository absent",
       {kPullWords, {" not found", "manifest unknown", "name unknown", "does not exist in the registry"}},
       {"agent exited"}, {Code::kImg001, Code::kImg002, Code::kImg003, Code::kImg009, Code::kImg013}},
      {"rate-limit", K::kCapacity, "Docker Hub pull rate limit", {{"toomanyrequests", "pull rate limit"}}, {}, {Code::kImg007}},
      {"registry-auth", K::kRegistryAuth, "registry authentication or repository policy",
       {{"401 unauthorized", "unauthorized: authentication required", "pull access denied",
         "403 forbidden", "resource based policy for the ecr repository"}},
       {}, {Code::kImg008, Code::kIam011}},
      {"no-space", K::kImage, "ephemeral storage too small for the image",
       {{"no space left on device", "failed to extract layer"}}, {}, {Code::kImg010}},
      {"assume-role", K::kRole, "a role is missing, untrusted, not passable or just created",
       {{"unable to assume the role"}}, {}, {Code::kIam002, Code::kIam003, Code::kIam007, Code::kIam016}},
      {"passrole", K::kRole, "the caller cannot pass the roles", {{"iam:passrole"}}, {}, {Code::kIam014}},
      {"eni-timeout", K::kAddresses, "the task ENI was not provisioned in time (usually transient; IPs, ENI quota)",
       {{"timeout waiting for network interface provisioning"}}, {}, {Code::kCap002, Code::kCap008, Code::kCap009}},
      {"eni-quota", K::kAddresses, "the Regional network-interface quota is used up",
       {{"networkinterfacelimitexceeded", "limit on the number of network interfaces",
         "network interface limit exceeded"}},
       {}, {Code::kCap008}},
      {"tag-authorization", K::kPermission, "the caller may not tag the resources it creates (ecs:TagResource)",
       {{"ecs:tagresource"}, kDenied}, {}, {Code::kTd012}},
      {"subnet-full", K::kAddresses, "the subnet is out of IPv4 addresses", {{"insufficientfreeaddressesinsubnet"}}, {},
       {Code::kCap002}},
      {"internal-error", K::kCapacity, "documented cause: a subnet in an Availability Zone without Fargate",
       {{"unable to place a task"}, {"reason: internal error"}}, {}, {Code::kCap001}},
      {"vcpu-quota", K::kCapacity, "the Fargate vCPU (formerly task-count) quota is reached",
       {{"reached the limit on the number of vcpus", "reached the limit on the number of tasks",
         "limit on the number of vcpus you can run concurrently",
         "limit on the number of tasks you can run concurrently"}},
       {}, {Code::kCap003}},
      {"task-size-limit", K::kCapacity, "the account may not run this task size yet",
       {{"configuration is above your limit"}}, {}, {Code::kCap004}},
      {"fargate-capacity", K::kCapacity, "Fargate or Fargate Spot capacity is unavailable",
       {{"capacity is unavailable at this time"}}, {}, {Code::kCap005}},
      {"service-backoff", K::kSymptom, "the scheduler is backing off (a symptom, not a cause)",
       {{"unable to consistently start tasks successfully"}}, {}, {Code::kSvc005}},
      {"throttling", K::kCapacity, "launch-rate or API throttling",
       {{"operations are being throttled", "throttlingexception", "rate exceeded"}}, {}, {Code::kCap007}},
      {"deployment-config", K::kConfiguration, "minimumHealthyPercent / maximumPercent leave no room to launch",
       {{"because of the service deployment configuration"}}, {}, {Code::kSvc006}},
      {"cpu-memory", K::kConfiguration, "invalid task CPU / memory",
       {{"no fargate configuration exists for given values", "invalid 'cpu' setting",
         "be defined at the task level"}},
       {}, {Code::kTd001}},
      {"not-fargate-compatible", K::kConfiguration, "the task definition is not Fargate compatible",
       {{"does not support launch_type fargate"}}, {}, {Code::kTd002}},
      {"no-execution-role", K::kConfiguration, "the task definition has no execution role",
       {{"requires task definition to have execution role arn"}}, {}, {Code::kIam001}},
      {"platform", K::kPlatform, "platform version or OS family incompatible",
       {{"platformtaskdefinitionincompatibility", "platformunknown",
         "does not satisfy the task definition's required capabilities",
         "requested compatibilities are not supported"}},
       {}, {Code::kTd006, Code::kTd007}},
      {"ephemeral-size", K::kConfiguration, "ephemeral storage size outside 21-200 GiB",
       {{"ephemeralstorage size should be at"}}, {}, {Code::kTd011}},
      {"network-config", K::kConfiguration, "the network configuration names a missing subnet or security group",
       {{"error retrieving subnet information", "invalidsubnetid", "invalidgroup.notfound",
         "network configuration must be provided"}},
       {}, {Code::kTd008}},
      {"guardduty-sidecar", K::kImage, "the GuardDuty sidecar could not be pulled (the task keeps running)",
       {{"agent exited"}, {"cannotpullcontainer"}}, {}, {Code::kSvc011}},
      {"health-boundary", K::kApplication, "the task reached RUNNING and was stopped for health checks or an exit",
       {{"failed elb health checks", "failed container health checks", "essential container in task exited"}},
       {}, {Code::kSvc010}},
  };
  return kRows;
}

std::string Lower(std::string_view s) {
  std::string out = util::Lower(s);
  // Typographic apostrophes (AWS console copies) read as plain ones.
  for (size_t p = out.find("\xe2\x80\x99"); p != std::string::npos; p = out.find("\xe2\x80\x99", p))
    out.replace(p, 3, "'");
  return out;
}

bool AnyOf(const std::string& text, const Words& words) {
  return std::any_of(words.begin(), words.end(),
                     [&](std::string_view w) { return text.find(w) != std::string::npos; });
}

/// The codes of a row, its families spelled out, in code order without repeats.
std::vector<Code> Expand(const std::vector<Pick>& picks) {
  std::vector<Code> out;
  for (const Pick& p : picks) {
    if (p.family.empty()) {
      out.push_back(p.code);
      continue;
    }
    for (std::size_t i = 0; i < kCodeCount; ++i)
      if (InFamily(static_cast<Code>(i), p.family)) out.push_back(static_cast<Code>(i));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

/// The IPv4 addresses named as "dial tcp <ip>:443" in a lower-cased message.
std::vector<std::string> DialedAddresses(const std::string& text) {
  std::vector<std::string> out;
  for (size_t p = text.find("dial tcp "); p != std::string::npos; p = text.find("dial tcp ", p + 1)) {
    size_t b = p + 9, e = b;
    while (e < text.size() && (std::isdigit(static_cast<unsigned char>(text[e])) || text[e] == '.')) ++e;
    if (e > b && text.compare(e, 4, ":443") == 0) out.push_back(text.substr(b, e - b));
  }
  return out;
}

/// Heuristic S3 ranges (the examples docs/design/causes.md quotes), used when the snapshot has no S3 prefix
/// list entries.
bool HeuristicS3(std::string_view ip) {
  static const char* kRanges[] = {"52.216.0.0/15", "52.218.0.0/15", "3.5.0.0/16", "54.231.0.0/16"};
  auto addr = ParseIpv4(ip);
  if (!addr) return false;
  for (const char* r : kRanges)
    if (auto c = Cidr4::Parse(r); c && c->Contains(*addr)) return true;
  return false;
}

void AddMatch(std::vector<PatternMatch>& out, std::string_view id, FailureKind kind,
              std::string_view meaning, std::vector<Code> codes) {
  out.push_back({id, kind, meaning, std::move(codes)});
}

}  // namespace

std::vector<PatternMatch> MatchMessage(std::string_view message, const S3AddressTest& is_s3_ip) {
  std::vector<PatternMatch> out;
  if (message.empty()) return out;
  const std::string text = Lower(message);
  // Each row's families spelled out once per process, not once per matching message.
  static const std::vector<std::vector<Code>> kCodes = [] {
    std::vector<std::vector<Code>> v;
    for (const Row& row : Table()) v.push_back(Expand(row.codes));
    return v;
  }();
  for (size_t r = 0; r < Table().size(); ++r) {
    const Row& row = Table()[r];
    bool ok = std::all_of(row.clauses.begin(), row.clauses.end(),
                          [&](const Words& clause) { return AnyOf(text, clause); });
    if (ok && !row.unless.empty() && AnyOf(text, row.unless)) ok = false;
    if (ok) AddMatch(out, row.id, row.kind, row.meaning, kCodes[r]);
  }
  // "dial tcp <ip>:443: i/o timeout" during a pull, where <ip> is S3: manifests were served,
  // the layer download is what is blocked.
  if (AnyOf(text, kPullWords) && AnyOf(text, {"i/o timeout", "context deadline exceeded"}))
    for (const auto& ip : DialedAddresses(text))
      if (is_s3_ip ? is_s3_ip(ip) : HeuristicS3(ip)) {
        AddMatch(out, "pull-s3-layer", FailureKind::kNetwork,
                 "the image manifest was served; the S3 layer download is blocked",
                 {Code::kFw002, Code::kVpce002, Code::kVpce003, Code::kVpce011});
        break;
      }
  return out;
}

std::string_view ToString(EvidenceSource s) {
  switch (s) {
    case EvidenceSource::kStoppedReason: return "stoppedReason";
    case EvidenceSource::kContainerReason: return "containers[].reason";
    case EvidenceSource::kServiceEvent: return "service event";
  }
  return "";
}

// What each kind of failure is called, and what outside a snapshot can cause it even when the
// configuration in the snapshot shows no fault (docs/design/causes.md §4).
const FailureKindText& Describe(FailureKind kind) {
  // In the order of FailureKind.
  static const FailureKindText kTexts[] = {
      {"network timeout",
       "a DNS firewall, Network Firewall, proxy or other appliance outside the modelled VPC; a route, "
       "security group, network ACL or endpoint changed since the failure; a transient outage"},
      {"image not found or not usable",
       "an image pushed, retagged, restored or deleted since the failure; image contents (layers, size) "
       "the snapshot does not hold"},
      {"platform mismatch",
       "the image's architecture or OS build, which only its manifest shows; an image rebuilt since the "
       "failure"},
      {"registry authentication",
       "the content of registry credentials (never read); a credential or repository policy changed "
       "since the failure; a registry-side limit or outage"},
      {"secrets or parameters",
       "a secret's or parameter's content (never read); a secret, key or policy changed since the "
       "failure; conditions evaluated only in the real request"},
      {"log group or log configuration", "a log group, option or policy created or changed since the failure"},
      {"EFS volume",
       "EFS data-plane facts (directories, POSIX permissions, NFS-level denials); a mount target or "
       "file system policy changed since the failure"},
      {"IAM role",
       "a role or trust policy created or changed since the failure (IAM changes take seconds to "
       "propagate); the starting caller's own permissions"},
      {"permission denied",
       "conditions evaluated only in the real request (organization policies, encryption context, "
       "source VPC endpoint); a policy changed since the failure"},
      {"capacity, quota or throttling",
       "Fargate capacity, account quotas and request rates at the time of the failure (transient)"},
      {"network interfaces or addresses",
       "the addresses and network interfaces in use at the time of the failure (transient)"},
      {"task definition or service configuration",
       "a task definition, service or subnet changed since the failure; a RunTask request the snapshot "
       "does not hold"},
      {"repeated start failures (the scheduler backs off)",
       "the failures behind it, which the stopped tasks' reasons name (describe-tasks right after a "
       "failed start)"},
      {"stopped after it started (application or health checks)",
       "the application's behaviour and its health checks' results"},
      {"not a start failure (stopped by a user, a deployment or AWS)", "nothing: no fault is implied"},
      {"unrecognised",
       "which fault it records (fargate-doctor does not know this wording; the stopped tasks and "
       "CloudTrail may say more)"},
  };
  constexpr size_t kCount = sizeof(kTexts) / sizeof(kTexts[0]);
  static_assert(kCount == static_cast<size_t>(FailureKind::kUnrecognised) + 1, "one text per kind");
  return kTexts[std::min(static_cast<size_t>(kind), kCount - 1)];
}

bool RuntimeEvidence::Names(Code code) const {
  return std::binary_search(codes.begin(), codes.end(), code);
}

/// The event ECS writes once a service runs its desired count: routine, and the moment after
/// which earlier failures count as recovered from.
constexpr std::string_view kSteadyState = "has reached a steady state";

bool IsRoutineEvent(std::string_view message) {
  static const Words kRoutine = {kSteadyState, "has started ", "has stopped ",
                                 "registered ", "has begun draining", "deployment completed"};
  return AnyOf(Lower(message), kRoutine);
}

TasksByGroup IndexTasksByGroup(const model::Model& model) {
  std::unordered_map<std::string, std::vector<const model::EcsTask*>> out;
  for (const auto& t : model.tasks())
    if (!t.group.empty()) out[t.cluster_arn + "\x1f" + t.group].push_back(&t);
  return out;
}

namespace {

/// The S3 test of a region: the S3 prefix list's CIDRs when the snapshot has them.
S3AddressTest S3Test(const model::Model& model, const std::string& region, const std::string& account) {
  const model::PrefixList* pl = model.PrefixListByName("com.amazonaws." + region + ".s3", account);
  if (!pl || !pl->cidrs_known || pl->cidrs.empty()) return nullptr;
  return [pl](std::string_view ip) {
    auto addr = ParseIpv4(ip);
    if (!addr) return false;
    return std::any_of(pl->cidrs.begin(), pl->cidrs.end(), [&](const Cidr4& c) { return c.Contains(*addr); });
  };
}

/// Stop codes that record a deliberate or AWS-initiated stop, not a failed start.
bool StoppedOnPurpose(const std::string& stop_code) {
  return stop_code == "UserInitiated" || stop_code == "ServiceSchedulerInitiated" ||
         stop_code == "SpotInterruption" || stop_code == "TerminationNotice";
}

/// Turns messages into evidence: one item per distinct message (ECS repeats events and many
/// tasks stop with the same reason; the first, newest, is kept).
class Collector {
 public:
  Collector(const S3AddressTest& s3, std::string recovered_at) : s3_(s3), recovered_at_(std::move(recovered_at)) {}

  void Add(EvidenceSource source, std::string resource, const std::string& message, const std::string& time,
           const model::EcsTask* task, std::string container) {
    if (message.empty() || !seen_.insert(message).second) return;
    RuntimeEvidence e;
    e.source = source;
    e.resource = std::move(resource);
    e.message = message;
    e.time = time;
    e.container = std::move(container);
    auto matches = MatchMessage(message, s3_);
    std::set<Code> codes;
    for (auto& m : matches) {
      codes.insert(m.codes.begin(), m.codes.end());
      e.meanings.emplace_back(m.meaning);
    }
    e.codes.assign(codes.begin(), codes.end());
    if (!matches.empty()) e.kind = matches.front().kind;
    if (task) {
      e.stop_code = task->stop_code;
      e.start_failure = task->stop_code == "TaskFailedToStart";
      if (matches.empty() && StoppedOnPurpose(task->stop_code)) e.kind = FailureKind::kNotAFailure;
    }
    const bool failed = task ? e.start_failure
                             : e.kind != FailureKind::kApplication && e.kind != FailureKind::kNotAFailure;
    // A failure older than the service's last steady state was recovered from.
    e.recent_failure = failed && (recovered_at_.empty() || time.empty() || time > recovered_at_);
    out_.push_back(std::move(e));
  }

  std::vector<RuntimeEvidence> Take() { return std::move(out_); }

 private:
  const S3AddressTest& s3_;
  std::string recovered_at_;
  std::vector<RuntimeEvidence> out_;
  std::set<std::string> seen_;
};

/// When the service last reported a steady state ("" when never, or for a task target).
std::string LastSteadyState(const std::vector<const model::ServiceEvent*>& events) {
  std::string last;
  for (const auto* ev : events)
    if (Lower(ev->message).find(kSteadyState) != std::string::npos)
      last = std::max(last, ev->created_at);
  return last;
}

}  // namespace

std::vector<RuntimeEvidence> CollectEvidence(
    const model::Model& model, const Target& target,
    const TasksByGroup& tasks_by_group) {
  std::vector<const model::EcsTask*> tasks;
  std::vector<const model::ServiceEvent*> events;
  if (target.task) tasks.push_back(target.task);
  if (target.service) {
    auto it = tasks_by_group.find(target.service->cluster_arn + "\x1f" + "service:" + target.service->name);
    if (it != tasks_by_group.end()) tasks = it->second;
    for (const auto& ev : target.service->events) events.push_back(&ev);
  }
  // Newest first: tasks by stoppedAt, events by createdAt (ties keep input order).
  std::stable_sort(tasks.begin(), tasks.end(), [](const model::EcsTask* a, const model::EcsTask* b) {
    return a->stopped_at > b->stopped_at;
  });
  std::stable_sort(events.begin(), events.end(), [](const model::ServiceEvent* a, const model::ServiceEvent* b) {
    return a->created_at > b->created_at;
  });

  const S3AddressTest s3 = S3Test(model, target.region, target.account);
  Collector c(s3, LastSteadyState(events));
  for (const model::EcsTask* t : tasks) {
    c.Add(EvidenceSource::kStoppedReason, t->arn, t->stopped_reason, t->stopped_at, t, "");
    for (const auto& ct : t->containers)
      c.Add(EvidenceSource::kContainerReason, t->arn, ct.reason, t->stopped_at, t, ct.name);
  }
  for (const model::ServiceEvent* ev : events)
    if (!IsRoutineEvent(ev->message))
      c.Add(EvidenceSource::kServiceEvent, "service event", ev->message, ev->created_at, nullptr, "");
  std::vector<RuntimeEvidence> out = c.Take();
  std::stable_sort(out.begin(), out.end(),
                   [](const RuntimeEvidence& a, const RuntimeEvidence& b) { return a.time > b.time; });
  return out;
}

}  // namespace fd::analysis
