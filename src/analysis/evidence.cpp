// The stopped-reason / service-event pattern table of causes.md §1.3 as data, and the collection
// of every matching message of a target (its own task, or its service's events and stopped
// tasks), newest first, bounded.
#include "analysis/evidence.h"

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <set>

#include "analysis/analysis.h"
#include "util/ip.h"

namespace fd::analysis {
namespace {

using Words = std::vector<std::string_view>;

/// One row: every clause must match (a clause matches when any of its lower-case substrings
/// occurs), and no word of `unless` may occur.
struct Row {
  std::string_view id;
  std::string_view meaning;
  std::vector<Words> clauses;
  Words unless;
  std::vector<std::string_view> codes;  ///< may hold the group names "NET*" / "FW*"
};

const Words kNetworkWords = {"i/o timeout", "context deadline exceeded", "request canceled",
                             "connection issue between the task and", "dial tcp",
                             "connection timed out", "no such host", "network is unreachable"};
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

// The network rows name every route (A*) and filter (B*) check, plus the endpoint checks the
// table lists for them; VPCE010/VPCE013/VPCE015/IMG006 are added because a path broken by an
// unavailable endpoint or by a registry no endpoint serves fails with the same timeout text.
const std::vector<Row>& Table() {
  static const std::vector<Row> kRows = {
      {"pull-network", "no network path to the registry or to the S3 layer store",
       {kPullWords, kNetworkWords}, {"agent exited", "accessdenied", "401 unauthorized", "403 forbidden"},
       {"NET*", "FW*", "VPCE001", "VPCE002", "VPCE003", "VPCE006", "VPCE007", "VPCE008", "VPCE009",
        "VPCE010", "VPCE013", "VPCE014", "VPCE015", "IMG006"}},
      {"ecr-auth-network", "the ecr:GetAuthorizationToken call failed on the network path",
       {kEcrAuthWords, kNetworkWords}, kDenied,
       {"NET*", "FW*", "VPCE001", "VPCE006", "VPCE007", "VPCE008", "VPCE009", "VPCE010", "VPCE015"}},
      {"ecr-auth-iam", "the execution role may not call ecr:GetAuthorizationToken",
       {{"ecr registry auth", "registry auth from amazon ecr", "ecr:getauthorizationtoken"}, kDenied}, {},
       {"IAM004", "IAM008", "IAM009", "IAM010"}},
      {"secrets-network", "Secrets Manager unreachable", {kSecretsWords, kNetworkWords},
       {"accessdenied", "resourcenotfound", "decryptionfailure", "can't find the specified secret"},
       {"VPCE005", "NET*", "FW*", "VPCE006", "VPCE007", "VPCE008", "VPCE010"}},
      {"secrets-access", "secret denied, missing or not decryptable (IAM, wrong ARN, KMS)",
       {kSecretsWords,
        {"accessdenied", "not authorized", "resourcenotfound", "can't find the specified secret",
         "decryptionfailure", "kms", "scheduled for deletion", "marked for deletion"}},
       {},
       {"IAM006", "IAM012", "IAM013", "SEC001", "SEC002", "SEC003"}},
      {"ssm", "SSM parameters unreachable, denied or invalid", {kSsmWords}, {},
       {"VPCE005", "IAM006", "SEC001", "SEC004"}},
      {"ssm-network", "SSM unreachable on the network path", {kSsmWords, kNetworkWords}, kDenied,
       {"NET*", "FW*", "VPCE006", "VPCE007", "VPCE008", "VPCE010"}},
      {"env-files", "environment files could not be downloaded",
       {{"failed to download env files", "environmentfiles", "environment file"}}, {}, {"SEC006"}},
      {"log-group", "log group missing, or the logs endpoint unreachable",
       {kLoggerWords, {"log group does not exist", "cannot find the amazon cloudwatch log group"}},
       kDenied, {"LOG001", "VPCE004"}},
      {"logs-network", "CloudWatch Logs unreachable on the network path",
       {kLoggerWords, kNetworkWords}, kDenied,
       {"NET*", "FW*", "VPCE004", "VPCE006", "VPCE007", "VPCE008", "VPCE010"}},
      {"logs-iam", "the execution role may not create the log group or stream",
       {{"logs:createloggroup", "logs:createlogstream", "logs:putlogevents"}, kDenied}, {},
       {"LOG002", "IAM005"}},
      {"awslogs-region", "a required awslogs option is missing", {{"awslogs-region is required"}}, {},
       {"LOG003"}},
      {"efs-resolve", "no EFS mount target in the task's AZ, or a DNS problem",
       {kEfsWords, {"failed to resolve"}}, {}, {"STO002", "STO004"}},
      {"efs-timeout", "NFS (TCP 2049) blocked between the task and the mount target",
       {kEfsWords, {"connection timed out", "failed due to timeout"}}, {}, {"STO003", "STO007"}},
      {"efs-denied", "EFS IAM authorization, file system policy or access point",
       {{"access denied by server while mounting"}}, {}, {"STO005", "STO006"}},
      {"efs-no-dir", "the EFS root directory does not exist",
       {kEfsWords, {"no such file or directory"}}, {}, {"STO006"}},
      {"arch-mismatch", "image architecture differs from the task's",
       {{"does not contain descriptor matching platform", "exec format error"}}, {}, {"IMG004"}},
      {"windows-mismatch", "Windows image and host OS differ",
       {{"container operating system does not match the host operating system",
         "-based image is incompatible with a", "no matching manifest for windows"}},
       {}, {"IMG012"}},
      {"image-not-found", "image, tag, digest or repository absent",
       {kPullWords, {" not found", "manifest unknown", "name unknown", "does not exist in the registry"}},
       {"agent exited"}, {"IMG001", "IMG002", "IMG003", "IMG009", "IMG013"}},
      {"rate-limit", "Docker Hub pull rate limit", {{"toomanyrequests", "pull rate limit"}}, {}, {"IMG007"}},
      {"registry-auth", "registry authentication or repository policy",
       {{"401 unauthorized", "unauthorized: authentication required", "pull access denied",
         "403 forbidden", "resource based policy for the ecr repository"}},
       {}, {"IMG008", "IAM011"}},
      {"no-space", "ephemeral storage too small for the image",
       {{"no space left on device", "failed to extract layer"}}, {}, {"IMG010"}},
      {"assume-role", "a role is missing, untrusted, not passable or just created",
       {{"unable to assume the role"}}, {}, {"IAM002", "IAM003", "IAM007", "IAM016"}},
      {"passrole", "the caller cannot pass the roles", {{"iam:passrole"}}, {}, {"IAM014"}},
      {"eni-timeout", "the task ENI was not provisioned in time (usually transient; IPs, ENI quota)",
       {{"timeout waiting for network interface provisioning"}}, {}, {"CAP002", "CAP008", "CAP009"}},
      {"eni-quota", "the Regional network-interface quota is used up",
       {{"networkinterfacelimitexceeded", "limit on the number of network interfaces",
         "network interface limit exceeded"}},
       {}, {"CAP008"}},
      {"tag-authorization", "the caller may not tag the resources it creates (ecs:TagResource)",
       {{"ecs:tagresource"}, kDenied}, {}, {"TD012"}},
      {"subnet-full", "the subnet is out of IPv4 addresses", {{"insufficientfreeaddressesinsubnet"}}, {},
       {"CAP002"}},
      {"internal-error", "documented cause: a subnet in an Availability Zone without Fargate",
       {{"unable to place a task"}, {"reason: internal error"}}, {}, {"CAP001"}},
      {"vcpu-quota", "the Fargate vCPU (formerly task-count) quota is reached",
       {{"reached the limit on the number of vcpus", "reached the limit on the number of tasks",
         "limit on the number of vcpus you can run concurrently",
         "limit on the number of tasks you can run concurrently"}},
       {}, {"CAP003"}},
      {"task-size-limit", "the account may not run this task size yet",
       {{"configuration is above your limit"}}, {}, {"CAP004"}},
      {"fargate-capacity", "Fargate or Fargate Spot capacity is unavailable",
       {{"capacity is unavailable at this time"}}, {}, {"CAP005"}},
      {"service-backoff", "the scheduler is backing off (a symptom, not a cause)",
       {{"unable to consistently start tasks successfully"}}, {}, {"SVC005"}},
      {"throttling", "launch-rate or API throttling",
       {{"operations are being throttled", "throttlingexception", "rate exceeded"}}, {}, {"CAP007"}},
      {"deployment-config", "minimumHealthyPercent / maximumPercent leave no room to launch",
       {{"because of the service deployment configuration"}}, {}, {"SVC006"}},
      {"cpu-memory", "invalid task CPU / memory",
       {{"no fargate configuration exists for given values", "invalid 'cpu' setting",
         "be defined at the task level"}},
       {}, {"TD001"}},
      {"not-fargate-compatible", "the task definition is not Fargate compatible",
       {{"does not support launch_type fargate"}}, {}, {"TD002"}},
      {"no-execution-role", "the task definition has no execution role",
       {{"requires task definition to have execution role arn"}}, {}, {"IAM001"}},
      {"platform", "platform version or OS family incompatible",
       {{"platformtaskdefinitionincompatibility", "platformunknown",
         "does not satisfy the task definition's required capabilities",
         "requested compatibilities are not supported"}},
       {}, {"TD006", "TD007"}},
      {"ephemeral-size", "ephemeral storage size outside 21-200 GiB",
       {{"ephemeralstorage size should be at"}}, {}, {"TD011"}},
      {"network-config", "the network configuration names a missing subnet or security group",
       {{"error retrieving subnet information", "invalidsubnetid", "invalidgroup.notfound",
         "network configuration must be provided"}},
       {}, {"TD008"}},
      {"guardduty-sidecar", "the GuardDuty sidecar could not be pulled (the task keeps running)",
       {{"agent exited"}, {"cannotpullcontainer"}}, {}, {"SVC011"}},
      {"health-boundary", "the task reached RUNNING and was stopped for health checks or an exit",
       {{"failed elb health checks", "failed container health checks", "essential container in task exited"}},
       {}, {"SVC010"}},
  };
  return kRows;
}

constexpr std::string_view kNetAll[] = {"NET001", "NET002", "NET003", "NET004", "NET005", "NET006",
                                        "NET007", "NET008", "NET009", "NET010", "NET011"};
constexpr std::string_view kFwAll[] = {"FW001", "FW002", "FW003", "FW004",
                                       "FW005", "FW006", "FW007", "FW008"};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  // Typographic apostrophes (AWS console copies) read as plain ones.
  for (size_t p = out.find("\xe2\x80\x99"); p != std::string::npos; p = out.find("\xe2\x80\x99", p))
    out.replace(p, 3, "'");
  return out;
}

bool AnyOf(const std::string& text, const Words& words) {
  return std::any_of(words.begin(), words.end(),
                     [&](std::string_view w) { return text.find(w) != std::string::npos; });
}

std::vector<std::string> Expand(const std::vector<std::string_view>& codes) {
  std::vector<std::string> out;
  for (auto c : codes) {
    if (c == "NET*") out.insert(out.end(), std::begin(kNetAll), std::end(kNetAll));
    else if (c == "FW*") out.insert(out.end(), std::begin(kFwAll), std::end(kFwAll));
    else out.emplace_back(c);
  }
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

/// Heuristic S3 ranges (the examples causes.md quotes), used when the snapshot has no S3 prefix
/// list entries.
bool HeuristicS3(std::string_view ip) {
  static const char* kRanges[] = {"52.216.0.0/15", "52.218.0.0/15", "3.5.0.0/16", "54.231.0.0/16"};
  auto addr = ParseIpv4(ip);
  if (!addr) return false;
  for (const char* r : kRanges)
    if (auto c = Cidr4::Parse(r); c && c->Contains(*addr)) return true;
  return false;
}

void AddMatch(std::vector<PatternMatch>& out, std::string_view id, std::string_view meaning,
              std::vector<std::string> codes) {
  out.push_back({id, meaning, std::move(codes)});
}

}  // namespace

std::vector<PatternMatch> MatchMessage(std::string_view message, const S3AddressTest& is_s3_ip) {
  std::vector<PatternMatch> out;
  if (message.empty()) return out;
  const std::string text = Lower(message);
  for (const Row& row : Table()) {
    bool ok = std::all_of(row.clauses.begin(), row.clauses.end(),
                          [&](const Words& clause) { return AnyOf(text, clause); });
    if (ok && !row.unless.empty() && AnyOf(text, row.unless)) ok = false;
    if (ok) AddMatch(out, row.id, row.meaning, Expand(row.codes));
  }
  // "dial tcp <ip>:443: i/o timeout" during a pull, where <ip> is S3: manifests were served,
  // the layer download is what is blocked.
  if (AnyOf(text, kPullWords) && AnyOf(text, {"i/o timeout", "context deadline exceeded"}))
    for (const auto& ip : DialedAddresses(text))
      if (is_s3_ip ? is_s3_ip(ip) : HeuristicS3(ip)) {
        AddMatch(out, "pull-s3-layer", "the image manifest was served; the S3 layer download is blocked",
                 {"FW002", "VPCE002", "VPCE003", "VPCE011"});
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

bool RuntimeEvidence::Names(std::string_view code) const {
  return std::binary_search(codes.begin(), codes.end(), code);
}

TasksByGroup IndexTasksByGroup(const model::Model& model) {
  std::unordered_map<std::string, std::vector<const model::EcsTask*>> out;
  for (const auto& t : model.tasks())
    if (!t.group.empty()) out[t.cluster_arn + "\x1f" + t.group].push_back(&t);
  return out;
}

namespace {

/// The S3 test of a region: the S3 prefix list's CIDRs when the snapshot has them.
S3AddressTest S3Test(const model::Model& model, const std::string& region) {
  const model::PrefixList* pl = model.PrefixListByName("com.amazonaws." + region + ".s3");
  if (!pl || !pl->cidrs_known || pl->cidrs.empty()) return nullptr;
  return [pl](std::string_view ip) {
    auto addr = ParseIpv4(ip);
    if (!addr) return false;
    return std::any_of(pl->cidrs.begin(), pl->cidrs.end(), [&](const Cidr4& c) { return c.Contains(*addr); });
  };
}

void Add(std::vector<RuntimeEvidence>& out, std::set<std::string>& seen, EvidenceSource source,
         std::string resource, const std::string& message, const std::string& time,
         const model::EcsTask* task, std::string container, const S3AddressTest& s3) {
  if (message.empty()) return;
  // ECS repeats the same event and many tasks stop with the same reason: keep the first
  // (newest) of each message.
  if (!seen.insert(message).second) return;
  auto matches = MatchMessage(message, s3);
  if (matches.empty()) return;
  RuntimeEvidence e;
  e.source = source;
  e.resource = std::move(resource);
  e.message = message;
  e.time = time;
  e.container = std::move(container);
  if (task) {
    e.stop_code = task->stop_code;
    e.start_failure = task->stop_code == "TaskFailedToStart";
  }
  std::set<std::string> codes;
  for (auto& m : matches) {
    codes.insert(m.codes.begin(), m.codes.end());
    e.meanings.emplace_back(m.meaning);
  }
  e.codes.assign(codes.begin(), codes.end());
  out.push_back(std::move(e));
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

  const S3AddressTest s3 = S3Test(model, target.region);
  std::vector<RuntimeEvidence> out;
  std::set<std::string> seen;
  for (const model::EcsTask* t : tasks) {
    Add(out, seen, EvidenceSource::kStoppedReason, t->arn, t->stopped_reason, t->stopped_at, t, "", s3);
    for (const auto& c : t->containers)
      Add(out, seen, EvidenceSource::kContainerReason, t->arn, c.reason, t->stopped_at, t, c.name, s3);
  }
  for (const model::ServiceEvent* ev : events)
    Add(out, seen, EvidenceSource::kServiceEvent, "service event", ev->message, ev->created_at, nullptr, "", s3);
  std::stable_sort(out.begin(), out.end(),
                   [](const RuntimeEvidence& a, const RuntimeEvidence& b) { return a.time > b.time; });
  if (out.size() > kMaxEvidencePerTarget) out.resize(kMaxEvidencePerTarget);
  return out;
}

}  // namespace fd::analysis
