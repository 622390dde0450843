#include "live/collector.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <ostream>
#include <set>
#include <thread>

#include "ingest/references.h"
#include "live/allowlist.h"
#include "live/call_plan.h"
#include "util/strings.h"

namespace fd::live {
namespace {

using ingest::AnswerRefs;
using nlohmann::json;
using util::Join;
namespace fs = std::filesystem;

/// The envelope's version (docs/design/inputs.md §1).
constexpr int kEnvelopeVersion = 1;
/// Stopped tasks read per service, or per cluster in a sweep: one describe-tasks call's worth.
constexpr size_t kMaxStoppedTasks = 100;
/// What one describe call takes at most (the APIs' own limits).
constexpr size_t kServicesPerCall = 10, kTasksPerCall = 100, kClustersPerCall = 100;
/// IDs per EC2 describe call: no documented limit, but a sweep's hundreds of subnets and groups
/// would make one command line (and one answer) as large as the account.
constexpr size_t kIdsPerCall = 200;

/// A customer KMS key worth describing: not absent, not an AWS-managed alias.
bool IsCustomerKeyRef(const std::string& key) {
  return !key.empty() && key.find("alias/aws/") == std::string::npos;
}

/// What the plan has learnt so far.
struct Known {
  std::vector<CollectTarget> targets;         // named, or found by a sweep's discovery
  std::vector<std::string> task_definitions;  // in first-seen order
  std::vector<std::pair<std::string, std::string>> service_names;  // cluster, service
  std::map<std::string, std::set<std::string>> stopped_tasks;      // cluster → ARNs
  std::set<std::string> subnets, security_groups, enis, vpcs;
  std::set<std::string> route_prefix_lists;  // described in stage 4
  std::vector<AnswerRefs> tds;
};

// --- the collector -----------------------------------------------------------------------

/// The calls of one stage and the references of their answers, in call order.
struct Answers {
  std::vector<AwsCall> calls;
  std::vector<AnswerRefs> refs;
};

class Collector {
 public:
  Collector(const AwsCli& aws, const CollectOptions& o, std::ostream& progress)
      : aws_(aws), o_(o), progress_(progress) {}

  Expected<CollectReport> Run();

 private:
  /// Runs one stage in parallel, saves every answer and returns the references of the answers
  /// (none for failed calls). An error when a call hit a set-up problem.
  Expected<Answers> RunStage(std::vector<AwsCall> calls);
  Expected<void> Save(CollectedCall& c);
  void Progress(size_t done, size_t total, bool final_line);

  // The stages in dependency order: each builds its calls from what the ones before learnt.
  /// A sweep's stage before the first: the clusters' services and tasks.
  Expected<void> Discover();
  /// Stage 1: the targets themselves, their clusters and who we are; an error for an unknown
  /// target named by the user.
  Expected<void> Target();
  Expected<void> CheckTarget(const Answers& a) const;
  void LearnTarget(const Answers& a);
  /// Stage 2: task definitions, subnets, ENIs, recent stopped tasks, zones, AWS prefix lists.
  std::vector<AwsCall> NetworkCalls() const;
  void LearnNetwork(const Answers& a);
  /// Stage 3: the VPC, recent stopped tasks, and what the task definitions reference.
  std::vector<AwsCall> ReferenceCalls() const;
  /// Stage 4: DHCP options, route prefix lists, role policy lists, KMS keys, mount target SGs,
  /// and the subnets of the NAT gateways and endpoints (their route tables and ACLs are hops).
  std::vector<AwsCall> DetailCalls(const Answers& a3);
  /// Stage 5: policies, security groups, customer key policies.
  std::vector<AwsCall> PolicyCalls(const Answers& a4);
  /// Stage 6: default policy versions, prefix lists the security groups name.
  std::vector<AwsCall> VersionCalls(const Answers& a5) const;

  const AwsCli& aws_;
  const CollectOptions& o_;
  std::ostream& progress_;
  CollectReport report_;
  std::mutex progress_mutex_;
  Known k_;
};

void Collector::Progress(size_t done, size_t total, bool final_line) {
  if (!o_.progress) return;
  std::lock_guard<std::mutex> lock(progress_mutex_);
  progress_ << fmt::format("\r\033[Kfargate-doctor: collecting, stage {}: {}/{} calls",
                           report_.stages, done, total);
  if (final_line) progress_ << "\r\033[K";
  progress_ << std::flush;
}

Expected<void> Collector::Save(CollectedCall& c) {
  const std::string& service = c.call.args[0];
  const std::string& operation = c.call.args[1];
  c.file = fmt::format("{:03}-{}-{}.json", report_.calls.size() + 1, service, operation);
  std::string text;
  json doc;
  const bool ok = c.result.outcome == CallOutcome::kOk;
  if (ok) {
    doc = json::parse(c.result.output, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) {
      c.result.outcome = CallOutcome::kFailed;
      c.result.code = "InvalidJson";
      c.result.message = "the aws command printed no JSON object";
    }
  }
  const std::string region = c.call.region.empty() ? report_.region : c.call.region;
  if (c.result.outcome == CallOutcome::kOk && !NeedsEnvelope(service, operation)) {
    text = c.result.output;  // unmodified
  } else {
    c.envelope = true;
    json env = {{"fargateDoctorEnvelope", kEnvelopeVersion},
                {"command", c.call.args},
                {"region", region}};
    if (c.result.outcome == CallOutcome::kOk) {
      env["output"] = std::move(doc);
    } else {
      env["error"] = {{"code", c.result.code.empty() ? "Error" : c.result.code},
                      {"message", c.result.message},
                      {"action", c.result.action}};
    }
    text = env.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
  }
  std::ofstream out(fs::path(o_.out_dir) / c.file, std::ios::binary | std::ios::trunc);
  if (out) out << text;
  if (out) out.flush();
  if (!out) return MakeError(ErrorCode::kIo, fmt::format("cannot write {}/{}", o_.out_dir, c.file));
  return {};
}

Expected<Answers> Collector::RunStage(std::vector<AwsCall> calls) {
  Answers answers{calls, std::vector<AnswerRefs>(calls.size())};
  if (calls.empty()) return answers;
  ++report_.stages;
  std::vector<AwsResult> results(calls.size());
  std::atomic<size_t> next{0}, done{0};
  auto worker = [&] {
    for (size_t i = next++; i < calls.size(); i = next++) {
      results[i] = aws_.Execute(calls[i]);
      Progress(++done, calls.size(), false);
      if (o_.on_call) {
        std::lock_guard<std::mutex> lock(progress_mutex_);
        o_.on_call();
      }
    }
  };
  const size_t n = std::min<size_t>(calls.size(), static_cast<size_t>(std::max(1, o_.parallel)));
  std::vector<std::thread> threads;
  for (size_t t = 1; t < n; ++t) threads.emplace_back(worker);
  worker();
  for (auto& t : threads) t.join();
  Progress(done, calls.size(), true);

  for (size_t i = 0; i < calls.size(); ++i) {
    if (results[i].outcome == CallOutcome::kFatal) {
      return MakeError(ErrorCode::kUsage,
                       fmt::format("aws {} {}: {}", calls[i].args[0], calls[i].args[1],
                                   results[i].message.empty() ? results[i].code
                                                              : results[i].message));
    }
  }
  for (size_t i = 0; i < calls.size(); ++i) {
    CollectedCall c;
    c.stage = report_.stages;
    c.call = std::move(calls[i]);
    c.result = std::move(results[i]);
    if (auto saved = Save(c); !saved) return tl::unexpected(saved.error());
    if (c.result.outcome == CallOutcome::kOk)
      answers.refs[i] = ingest::ReferencesOf(c.call.args[0], c.call.args[1], c.result.output);
    c.result.output.clear();  // kept on disk, not twice in memory
    report_.calls.push_back(std::move(c));
  }
  return answers;
}

Expected<void> Collector::Discover() {
  std::vector<std::string> clusters;
  for (const CollectTarget& t : o_.targets) clusters.push_back(t.cluster);
  if (o_.all_clusters) {
    auto listed = RunStage({{{"ecs", "list-clusters"}, ""}});
    if (!listed) return tl::unexpected(listed.error());
    for (const std::string& arn : listed->refs[0].listed_arns) {
      const bool named = std::any_of(clusters.begin(), clusters.end(), [&](const std::string& c) {
        return c == arn || c == LastPart(arn);
      });
      if (!arn.empty() && !named) clusters.push_back(arn);
    }
  }
  std::vector<AwsCall> calls;
  for (const std::string& c : clusters) AddClusterListCalls(c, "", calls);
  auto lists = RunStage(std::move(calls));
  if (!lists) return tl::unexpected(lists.error());
  std::map<std::string, CollectTarget> found;
  for (const std::string& c : clusters) found[c].cluster = c;
  for (size_t i = 0; i < lists->calls.size(); ++i) {
    const std::vector<std::string>& args = lists->calls[i].args;
    CollectTarget& t = found[args[3]];
    const AnswerRefs& refs = lists->refs[i];
    if (args[1] == "list-services") {
      // A cluster this Region does not have answers ClusterNotFoundException: not counted.
      if (report_.calls[report_.calls.size() - lists->calls.size() + i].result.outcome == CallOutcome::kOk)
        ++report_.clusters;
      t.services.insert(t.services.end(), refs.listed_arns.begin(), refs.listed_arns.end());
    } else {
      const bool stopped = args.back() == "STOPPED";
      const size_t n = stopped ? std::min(kMaxStoppedTasks, refs.task_arns.size()) : refs.task_arns.size();
      t.tasks.insert(t.tasks.end(), refs.task_arns.begin(), refs.task_arns.begin() + static_cast<std::ptrdiff_t>(n));
    }
  }
  for (const std::string& c : clusters) k_.targets.push_back(std::move(found[c]));
  return {};
}

Expected<void> Collector::Target() {
  // The region is known only from the answers (or the sweep's own); stage 1 runs with the CLI's.
  report_.region = aws_.options().region;
  if (o_.sweep) {
    if (auto d = Discover(); !d) return d;
  } else {
    k_.targets = o_.targets;
  }
  std::set<std::string> clusters;
  for (const CollectTarget& t : k_.targets)
    if (!o_.sweep || !t.services.empty() || !t.tasks.empty()) clusters.insert(t.cluster);
  // A Region of a sweep where no cluster has a service or task: its lists are the whole answer.
  if (o_.sweep && clusters.empty()) return {};
  std::vector<AwsCall> s1;
  AddBatched(s1, {"ecs", "describe-clusters", "--clusters"}, clusters, kClustersPerCall, "");
  s1.push_back({{"sts", "get-caller-identity"}, ""});
  for (const CollectTarget& t : k_.targets) {
    AddBatched(s1, {"ecs", "describe-services", "--cluster", t.cluster, "--services"}, t.services,
               kServicesPerCall, "");
    AddBatched(s1, {"ecs", "describe-tasks", "--cluster", t.cluster, "--tasks"}, t.tasks,
               kTasksPerCall, "");
  }
  auto a1 = RunStage(s1);
  if (!a1) return tl::unexpected(a1.error());
  if (!o_.sweep)
    if (auto checked = CheckTarget(*a1); !checked) return checked;
  LearnTarget(*a1);
  return {};
}

void Collector::LearnTarget(const Answers& a) {
  for (size_t i = 0; i < a.calls.size(); ++i) {
    const std::vector<std::string>& args = a.calls[i].args;
    const AnswerRefs& refs = a.refs[i];
    for (const auto& arn : refs.arns)
      if (report_.region.empty()) report_.region = ArnField(arn, 3);
    if (args[0] != "ecs") continue;
    if (args[1] == "describe-clusters" && !o_.sweep) report_.clusters += refs.clusters;
    if (args[1] == "describe-services") report_.services += refs.arns.size();
    if (args[1] == "describe-tasks") report_.tasks += refs.arns.size();
    for (const auto& td : refs.task_definitions)
      if (std::find(k_.task_definitions.begin(), k_.task_definitions.end(), td) == k_.task_definitions.end())
        k_.task_definitions.push_back(td);
    for (const auto& name : refs.service_names) k_.service_names.push_back({args[3], name});
    k_.subnets.insert(refs.subnets.begin(), refs.subnets.end());
    k_.security_groups.insert(refs.security_groups.begin(), refs.security_groups.end());
    k_.enis.insert(refs.network_interfaces.begin(), refs.network_interfaces.end());
  }
  k_.subnets.erase("");
  k_.enis.erase("");
}

/// The user named these services and tasks: a cluster that does not exist, a call that failed
/// or a name the cluster does not know is an error.
Expected<void> Collector::CheckTarget(const Answers& a) const {
  const size_t first = report_.calls.size() - a.calls.size();
  for (size_t i = 0; i < a.calls.size(); ++i) {
    const CollectedCall& c = report_.calls[first + i];
    const std::vector<std::string>& args = c.call.args;
    if (args[0] != "ecs") continue;
    const std::string& cluster = args[3];
    if (c.result.outcome == CallOutcome::kAbsent ||
        (args[1] == "describe-clusters" && c.result.outcome == CallOutcome::kOk && a.refs[i].clusters == 0)) {
      return MakeError(ErrorCode::kUnknownTarget,
                       fmt::format("unknown cluster '{}' (ecs describe-clusters found none)", cluster));
    }
    // The cluster's own answer may be denied: its checks are unchecked, the targets still known.
    if (args[1] == "describe-clusters") continue;
    if (c.result.outcome != CallOutcome::kOk) {
      return MakeError(ErrorCode::kUnknownTarget,
                       fmt::format("aws {} {} failed: {}{}", args[0], args[1], c.result.code,
                                   c.result.message.empty() ? "" : ": " + c.result.message));
    }
    for (const ingest::EcsFailure& f : a.refs[i].failures) {
      return MakeError(ErrorCode::kUnknownTarget,
                       fmt::format("unknown {} '{}' in cluster '{}' ({})",
                                   args[1] == "describe-services" ? "service" : "task",
                                   LastPart(f.arn), cluster, f.reason));
    }
  }
  return {};
}

std::vector<AwsCall> Collector::NetworkCalls() const {
  const std::string& region = report_.region;
  std::vector<AwsCall> s2;
  for (const auto& td : k_.task_definitions)
    s2.push_back({{"ecs", "describe-task-definition", "--task-definition", td}, region});
  AddBatched(s2, {"ec2", "describe-subnets", "--subnet-ids"}, k_.subnets, kIdsPerCall, region);
  AddBatched(s2, {"ec2", "describe-network-interfaces", "--network-interface-ids"}, k_.enis,
             kIdsPerCall, region);
  // A sweep listed each cluster's stopped tasks already (and described them in stage 1).
  if (!o_.sweep)
    for (const auto& [cluster, name] : k_.service_names)
      s2.push_back({{"ecs", "list-tasks", "--cluster", cluster, "--service-name", name,
                     "--desired-status", "STOPPED"},
                    region});
  s2.push_back({{"ec2", "describe-availability-zones"}, region});
  s2.push_back({{"ec2", "describe-prefix-lists"}, region});
  return s2;
}

void Collector::LearnNetwork(const Answers& a) {
  for (size_t i = 0; i < a.calls.size(); ++i) {
    const AnswerRefs& refs = a.refs[i];
    if (a.calls[i].args[1] == "describe-task-definition") k_.tds.push_back(refs);
    k_.vpcs.insert(refs.vpcs.begin(), refs.vpcs.end());
    k_.security_groups.insert(refs.security_groups.begin(), refs.security_groups.end());
    if (a.calls[i].args[1] == "list-tasks") {
      std::set<std::string>& stopped = k_.stopped_tasks[a.calls[i].args[3]];
      for (const auto& arn : refs.task_arns)
        if (stopped.size() < kMaxStoppedTasks) stopped.insert(arn);
    }
  }
  k_.vpcs.erase("");
}

std::vector<AwsCall> Collector::ReferenceCalls() const {
  const std::string& region = report_.region;
  std::vector<AwsCall> s3;
  AddVpcCalls(k_.vpcs, region, s3);
  for (const auto& [cluster, tasks] : k_.stopped_tasks)
    AddBatched(s3, {"ecs", "describe-tasks", "--cluster", cluster, "--tasks"}, tasks, kTasksPerCall, region);
  AddTaskDefinitionCalls(k_.tds, region, s3);
  return s3;
}

std::vector<AwsCall> Collector::DetailCalls(const Answers& a3) {
  const std::string& region = report_.region;
  std::set<std::string> dhcp, found_roles, mount_targets, more_subnets;
  std::map<std::string, std::string> keys;  // key ref → region
  for (size_t i = 0; i < a3.calls.size(); ++i) {
    const AnswerRefs& refs = a3.refs[i];
    dhcp.insert(refs.dhcp_options.begin(), refs.dhcp_options.end());
    k_.route_prefix_lists.insert(refs.prefix_lists.begin(), refs.prefix_lists.end());
    k_.security_groups.insert(refs.security_groups.begin(), refs.security_groups.end());
    more_subnets.insert(refs.subnets.begin(), refs.subnets.end());
    found_roles.insert(refs.role_names.begin(), refs.role_names.end());
    for (const auto& key : refs.kms_key_refs)
      if (IsCustomerKeyRef(key)) keys[key] = a3.calls[i].region;
    mount_targets.insert(refs.mount_targets.begin(), refs.mount_targets.end());
  }
  dhcp.erase("");
  dhcp.erase("default");
  k_.route_prefix_lists.erase("");
  found_roles.erase("");
  mount_targets.erase("");
  more_subnets.erase("");
  for (const auto& s : k_.subnets) more_subnets.erase(s);
  std::vector<AwsCall> s4;
  AddBatched(s4, {"ec2", "describe-subnets", "--subnet-ids"}, more_subnets, kIdsPerCall, region);
  if (!dhcp.empty())
    s4.push_back(ListCall({"ec2", "describe-dhcp-options", "--dhcp-options-ids"}, dhcp, region));
  if (!k_.route_prefix_lists.empty()) {
    s4.push_back(ListCall({"ec2", "describe-managed-prefix-lists", "--prefix-list-ids"},
                          k_.route_prefix_lists, region));
  }
  for (const auto& role : found_roles) {
    s4.push_back({{"iam", "list-attached-role-policies", "--role-name", role}, region});
    s4.push_back({{"iam", "list-role-policies", "--role-name", role}, region});
  }
  for (const auto& [key, key_region] : keys) {
    const std::string r = ArnField(key, 3).empty() ? key_region : ArnField(key, 3);
    s4.push_back({{"kms", "describe-key", "--key-id", key}, r});
  }
  for (const auto& mt : mount_targets)
    s4.push_back({{"efs", "describe-mount-target-security-groups", "--mount-target-id", mt}, region});
  return s4;
}

std::vector<AwsCall> Collector::PolicyCalls(const Answers& a4) {
  const std::string& region = report_.region;
  std::set<std::string> policy_arns;
  std::set<std::pair<std::string, std::string>> inline_policies;
  std::map<std::string, std::string> customer_keys;  // key ARN → region
  for (size_t i = 0; i < a4.calls.size(); ++i) {
    const AnswerRefs& refs = a4.refs[i];
    policy_arns.insert(refs.policy_arns.begin(), refs.policy_arns.end());
    for (const auto& name : refs.policy_names) inline_policies.insert({a4.calls[i].args[3], name});
    for (const auto& arn : refs.customer_key_arns) customer_keys[arn] = a4.calls[i].region;
    k_.security_groups.insert(refs.security_groups.begin(), refs.security_groups.end());
  }
  policy_arns.erase("");
  k_.security_groups.erase("");
  std::vector<AwsCall> s5;
  for (const auto& arn : policy_arns)
    s5.push_back({{"iam", "get-policy", "--policy-arn", arn}, region});
  for (const auto& [role, name] : inline_policies)
    s5.push_back({{"iam", "get-role-policy", "--role-name", role, "--policy-name", name}, region});
  if (!k_.security_groups.empty()) {
    AddBatched(s5, {"ec2", "describe-security-groups", "--group-ids"}, k_.security_groups,
               kIdsPerCall, region);
  } else if (!k_.vpcs.empty()) {
    // No group named anywhere: the task gets its VPC's default group.
    s5.push_back({{"ec2", "describe-security-groups", "--filters",
                   "Name=vpc-id,Values=" + Join(k_.vpcs, ","), "Name=group-name,Values=default"},
                  region});
  }
  for (const auto& [arn, key_region] : customer_keys)
    s5.push_back({{"kms", "get-key-policy", "--key-id", arn, "--policy-name", "default"}, key_region});
  return s5;
}

std::vector<AwsCall> Collector::VersionCalls(const Answers& a5) const {
  const std::string& region = report_.region;
  std::vector<AwsCall> s6;
  std::set<std::string> sg_prefix_lists;
  for (const AnswerRefs& refs : a5.refs) {
    for (const auto& [arn, version] : refs.policy_versions)
      s6.push_back({{"iam", "get-policy-version", "--policy-arn", arn, "--version-id", version}, region});
    for (const auto& id : refs.prefix_lists)
      if (!id.empty() && !k_.route_prefix_lists.contains(id)) sg_prefix_lists.insert(id);
  }
  if (!sg_prefix_lists.empty()) {
    s6.push_back(ListCall({"ec2", "describe-managed-prefix-lists", "--prefix-list-ids"},
                          sg_prefix_lists, region));
  }
  return s6;
}

Expected<CollectReport> Collector::Run() {
  std::error_code ec;
  fs::create_directories(o_.out_dir, ec);
  if (ec) return MakeError(ErrorCode::kIo, fmt::format("cannot create {}: {}", o_.out_dir, ec.message()));
  if (auto target = Target(); !target) return tl::unexpected(target.error());
  if (o_.sweep && report_.services + report_.tasks == 0) return std::move(report_);
  auto a2 = RunStage(NetworkCalls());
  if (!a2) return tl::unexpected(a2.error());
  LearnNetwork(*a2);
  auto a3 = RunStage(ReferenceCalls());
  if (!a3) return tl::unexpected(a3.error());
  auto a4 = RunStage(DetailCalls(*a3));
  if (!a4) return tl::unexpected(a4.error());
  auto a5 = RunStage(PolicyCalls(*a4));
  if (!a5) return tl::unexpected(a5.error());
  auto a6 = RunStage(VersionCalls(*a5));
  if (!a6) return tl::unexpected(a6.error());
  return std::move(report_);
}

}  // namespace

bool NeedsEnvelope(const std::string& service, const std::string& operation) {
  static const std::set<std::pair<std::string, std::string>> kEnveloped = {
      {"ecs", "list-tasks"},
      // Image details and manifests name no region (no ARN): the envelope gives it.
      {"ecr", "describe-images"},
      {"ecr", "batch-get-image"},
      // Rules and the registry policy name no region either.
      {"ecr", "describe-pull-through-cache-rules"},
      {"ecr", "get-registry-policy"},
      {"iam", "list-attached-role-policies"},
      {"iam", "list-role-policies"},
      {"iam", "get-policy-version"},
      {"kms", "get-key-policy"},
      {"efs", "describe-mount-target-security-groups"},
      // Its answer (ARN, Name, ResourcePolicy) would read as a describe-secret.
      {"secretsmanager", "get-resource-policy"},
  };
  return kEnveloped.contains({service, operation});
}

Expected<CollectReport> Collect(const AwsCli& aws, const CollectOptions& options,
                                std::ostream& progress) {
  Collector c(aws, options, progress);
  return c.Run();
}

std::string CommandScript(const AwsCli& aws, const CollectReport& report) {
  std::string out;
  int stage = 0;
  for (const CollectedCall& c : report.calls) {
    if (c.stage != stage) {
      stage = c.stage;
      out += fmt::format("# stage {}\n", stage);
    }
    std::string line = aws.ShellLine(c.call);
    if (c.result.outcome != CallOutcome::kOk) {
      // Pasted, a failing call leaves an empty file (the error goes to the terminal), not the
      // error envelope the collector wrote; say so next to it.
      out += fmt::format("# failed in this run: {} {}\n", c.result.code, c.result.action);
    }
    if (NeedsEnvelope(c.call.args[0], c.call.args[1])) {
      json head = {{"fargateDoctorEnvelope", kEnvelopeVersion},
                   {"command", c.call.args},
                   {"region", c.call.region.empty() ? report.region : c.call.region}};
      std::string prefix = head.dump();
      prefix.pop_back();  // drop the closing brace: the output follows
      prefix += ",\"output\":";
      out += fmt::format("{{ printf '%s' {}; {}; printf '}}\\n'; }} > {}\n", util::ShellWord(prefix), line,
                         c.file);
    } else {
      out += line + " > " + c.file + "\n";
    }
  }
  return out;
}

}  // namespace fd::live
