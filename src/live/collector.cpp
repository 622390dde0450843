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
#include <tuple>

#include "live/allowlist.h"
#include "model/image_ref.h"
#include "util/strings.h"

namespace fd::live {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

/// The envelope's version (docs/design/inputs.md §1).
constexpr int kEnvelopeVersion = 1;
/// ecs describe-tasks takes at most 100 tasks per call.
constexpr size_t kMaxStoppedTasks = 100;

// --- reading answers ---------------------------------------------------------------------

const json* At(const json& j, std::string_view key) {
  if (!j.is_object()) return nullptr;
  auto it = j.find(key);
  return it == j.end() || it->is_null() ? nullptr : &*it;
}

std::string Str(const json& j, std::string_view key) {
  const json* v = At(j, key);
  return v && v->is_string() ? v->get<std::string>() : "";
}

/// The array under `key` (an empty one when absent).
const json& Arr(const json& j, std::string_view key) {
  static const json kEmpty = json::array();
  const json* v = At(j, key);
  return v && v->is_array() ? *v : kEmpty;
}

std::vector<std::string> Strings(const json& j, std::string_view key) {
  std::vector<std::string> out;
  for (const json& v : Arr(j, key))
    if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

/// The n-th ':'-separated field of an ARN ("" when it has fewer).
std::string ArnField(const std::string& arn, int n) {
  if (arn.rfind("arn:", 0) != 0) return "";
  size_t pos = 0;
  for (int i = 0; i < n; ++i) {
    pos = arn.find(':', pos);
    if (pos == std::string::npos) return "";
    ++pos;
  }
  size_t end = arn.find(':', pos);
  return arn.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
}

/// The last '/'-separated part (a role name from a role ARN).
std::string LastPart(const std::string& s) {
  size_t slash = s.rfind('/');
  return slash == std::string::npos ? s : s.substr(slash + 1);
}

using util::Join;

void AddAll(std::vector<std::string>& args, const std::set<std::string>& items) {
  args.insert(args.end(), items.begin(), items.end());
}

/// A customer KMS key worth describing: not absent, not an AWS-managed alias.
bool IsCustomerKeyRef(const std::string& key) {
  return !key.empty() && key.find("alias/aws/") == std::string::npos;
}

// --- the collector -----------------------------------------------------------------------

class Collector {
 public:
  Collector(const AwsCli& aws, const CollectOptions& o, std::ostream& progress)
      : aws_(aws), o_(o), progress_(progress) {}

  Expected<CollectReport> Run();

 private:
  /// Runs one stage in parallel, saves every answer and returns the parsed answers in call
  /// order (null for failed calls). An error when a call hit a set-up problem.
  Expected<std::vector<json>> RunStage(std::vector<AwsCall> calls);
  Expected<void> Save(CollectedCall& c);
  void Progress(size_t done, size_t total, bool final_line);

  const AwsCli& aws_;
  const CollectOptions& o_;
  std::ostream& progress_;
  CollectReport report_;
  std::mutex progress_mutex_;
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

Expected<std::vector<json>> Collector::RunStage(std::vector<AwsCall> calls) {
  std::vector<json> docs(calls.size());
  if (calls.empty()) return docs;
  ++report_.stages;
  std::vector<AwsResult> results(calls.size());
  std::atomic<size_t> next{0}, done{0};
  auto worker = [&] {
    for (size_t i = next++; i < calls.size(); i = next++) {
      results[i] = aws_.Execute(calls[i]);
      Progress(++done, calls.size(), false);
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
    if (c.result.outcome == CallOutcome::kOk) docs[i] = json::parse(c.result.output, nullptr, false);
    if (docs[i].is_discarded()) docs[i] = nullptr;
    c.result.output.clear();  // kept on disk, not twice in memory
    report_.calls.push_back(std::move(c));
  }
  return docs;
}

/// What the plan has learnt so far.
struct Known {
  std::vector<std::string> task_definitions;  // in first-seen order
  std::set<std::string> subnets, security_groups, enis, vpcs, stopped_tasks;
  std::set<std::string> services_without_groups;
  std::vector<json> tds, subnet_docs;
};

void AddUnique(std::vector<std::string>& v, const std::string& s) {
  if (!s.empty() && std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
}

void AddNetwork(Known& k, const json& holder) {
  const json* net = At(holder, "networkConfiguration");
  const json* vpc = net ? At(*net, "awsvpcConfiguration") : nullptr;
  if (!vpc) return;
  for (const auto& s : Strings(*vpc, "subnets")) k.subnets.insert(s);
  for (const auto& g : Strings(*vpc, "securityGroups")) k.security_groups.insert(g);
}

Expected<CollectReport> Collector::Run() {
  const CollectTarget& t = o_.target;
  std::error_code ec;
  fs::create_directories(o_.out_dir, ec);
  if (ec) return MakeError(ErrorCode::kIo, fmt::format("cannot create {}: {}", o_.out_dir, ec.message()));

  // Stage 1: the target itself, the cluster and who we are.
  std::vector<AwsCall> s1 = {{{"ecs", "describe-clusters", "--clusters", t.cluster}, ""},
                             {{"sts", "get-caller-identity"}, ""}};
  const size_t target_index = s1.size();
  if (!t.services.empty()) {
    AwsCall c{{"ecs", "describe-services", "--cluster", t.cluster, "--services"}, ""};
    c.args.insert(c.args.end(), t.services.begin(), t.services.end());
    s1.push_back(std::move(c));
  } else {
    AwsCall c{{"ecs", "describe-tasks", "--cluster", t.cluster, "--tasks"}, ""};
    c.args.insert(c.args.end(), t.tasks.begin(), t.tasks.end());
    s1.push_back(std::move(c));
  }
  // The region is known only from the answers; stage 1 runs with the CLI's own.
  report_.region = aws_.options().region;
  auto a1 = RunStage(s1);
  if (!a1) return tl::unexpected(a1.error());
  const CollectedCall& target_call = report_.calls[report_.calls.size() - s1.size() + target_index];
  const CollectedCall& cluster_call = report_.calls[report_.calls.size() - s1.size()];
  if (target_call.result.outcome == CallOutcome::kAbsent ||
      (cluster_call.result.outcome == CallOutcome::kOk && Arr((*a1)[0], "clusters").empty())) {
    return MakeError(ErrorCode::kUnknownTarget,
                     fmt::format("unknown cluster '{}' (ecs describe-clusters found none)", t.cluster));
  }
  if (target_call.result.outcome != CallOutcome::kOk) {
    return MakeError(ErrorCode::kUnknownTarget,
                     fmt::format("aws {} {} failed: {}{}", target_call.call.args[0],
                                 target_call.call.args[1], target_call.result.code,
                                 target_call.result.message.empty() ? ""
                                                                    : ": " + target_call.result.message));
  }
  const json& target_doc = (*a1)[target_index];
  for (const json& f : Arr(target_doc, "failures")) {
    return MakeError(ErrorCode::kUnknownTarget,
                     fmt::format("unknown {} '{}' in cluster '{}' ({})",
                                 t.services.empty() ? "task" : "service", LastPart(Str(f, "arn")),
                                 t.cluster, Str(f, "reason")));
  }
  for (const json& c : Arr((*a1)[0], "clusters"))
    if (report_.region.empty()) report_.region = ArnField(Str(c, "clusterArn"), 3);

  Known k;
  std::vector<std::string> service_names;
  for (const json& s : Arr(target_doc, "services")) {
    if (report_.region.empty()) report_.region = ArnField(Str(s, "serviceArn"), 3);
    AddUnique(k.task_definitions, Str(s, "taskDefinition"));
    for (const json& d : Arr(s, "deployments")) {
      AddUnique(k.task_definitions, Str(d, "taskDefinition"));
      AddNetwork(k, d);
    }
    AddNetwork(k, s);
    service_names.push_back(Str(s, "serviceName"));
  }
  for (const json& task : Arr(target_doc, "tasks")) {
    if (report_.region.empty()) report_.region = ArnField(Str(task, "taskArn"), 3);
    AddUnique(k.task_definitions, Str(task, "taskDefinitionArn"));
    for (const json& att : Arr(task, "attachments")) {
      for (const json& d : Arr(att, "details")) {
        if (Str(d, "name") == "subnetId") k.subnets.insert(Str(d, "value"));
        if (Str(d, "name") == "networkInterfaceId") k.enis.insert(Str(d, "value"));
      }
    }
  }
  const std::string& region = report_.region;

  // Stage 2: task definitions, subnets, ENIs, recent stopped tasks, zones, AWS prefix lists.
  std::vector<AwsCall> s2;
  for (const auto& td : k.task_definitions)
    s2.push_back({{"ecs", "describe-task-definition", "--task-definition", td}, region});
  const size_t n_td = s2.size();
  if (!k.subnets.empty()) {
    AwsCall c{{"ec2", "describe-subnets", "--subnet-ids"}, region};
    AddAll(c.args, k.subnets);
    s2.push_back(std::move(c));
  }
  if (!k.enis.empty()) {
    AwsCall c{{"ec2", "describe-network-interfaces", "--network-interface-ids"}, region};
    AddAll(c.args, k.enis);
    s2.push_back(std::move(c));
  }
  for (const auto& name : service_names) {
    s2.push_back({{"ecs", "list-tasks", "--cluster", t.cluster, "--service-name", name,
                   "--desired-status", "STOPPED"},
                  region});
  }
  s2.push_back({{"ec2", "describe-availability-zones"}, region});
  s2.push_back({{"ec2", "describe-prefix-lists"}, region});
  auto a2 = RunStage(s2);
  if (!a2) return tl::unexpected(a2.error());
  for (size_t i = 0; i < s2.size(); ++i) {
    const json& doc = (*a2)[i];
    const std::string& op = s2[i].args[1];
    if (i < n_td) {
      if (const json* td = At(doc, "taskDefinition")) k.tds.push_back(*td);
    } else if (op == "describe-subnets") {
      for (const json& s : Arr(doc, "Subnets")) k.vpcs.insert(Str(s, "VpcId"));
    } else if (op == "describe-network-interfaces") {
      for (const json& eni : Arr(doc, "NetworkInterfaces")) {
        k.vpcs.insert(Str(eni, "VpcId"));
        for (const json& g : Arr(eni, "Groups")) k.security_groups.insert(Str(g, "GroupId"));
      }
    } else if (op == "list-tasks") {
      for (const auto& arn : Strings(doc, "taskArns"))
        if (k.stopped_tasks.size() < kMaxStoppedTasks) k.stopped_tasks.insert(arn);
    }
  }
  k.vpcs.erase("");

  // Stage 3: the VPC, recent stopped tasks, and what the task definitions reference.
  std::vector<AwsCall> s3;
  if (!k.vpcs.empty()) {
    const std::string vpc_list = Join(k.vpcs, ",");
    AwsCall vpcs{{"ec2", "describe-vpcs", "--vpc-ids"}, region};
    AddAll(vpcs.args, k.vpcs);
    s3.push_back(std::move(vpcs));
    for (const auto& vpc : k.vpcs) {
      for (const char* attribute : {"enableDnsSupport", "enableDnsHostnames"})
        s3.push_back({{"ec2", "describe-vpc-attribute", "--vpc-id", vpc, "--attribute", attribute},
                      region});
    }
    const std::string filter = "Name=vpc-id,Values=" + vpc_list;
    s3.push_back({{"ec2", "describe-route-tables", "--filters", filter}, region});
    s3.push_back({{"ec2", "describe-network-acls", "--filters", filter}, region});
    s3.push_back({{"ec2", "describe-vpc-endpoints", "--filters", filter}, region});
    s3.push_back({{"ec2", "describe-nat-gateways", "--filter", filter}, region});
    s3.push_back({{"ec2", "describe-internet-gateways", "--filters",
                   "Name=attachment.vpc-id,Values=" + vpc_list},
                  region});
    // No VPC filter exists for egress-only gateways; a Region holds few of them.
    s3.push_back({{"ec2", "describe-egress-only-internet-gateways"}, region});
  }
  if (!k.stopped_tasks.empty()) {
    AwsCall c{{"ecs", "describe-tasks", "--cluster", t.cluster, "--tasks"}, region};
    AddAll(c.args, k.stopped_tasks);
    s3.push_back(std::move(c));
  }
  std::set<std::string> roles = {"AWSServiceRoleForECS"};
  std::map<std::string, std::set<std::string>> log_groups;   // region → groups
  std::map<std::string, std::set<std::string>> parameters;   // region → names
  std::set<std::string> secrets, file_systems;
  struct Repo {
    std::string account, region, name;
    std::set<std::string> image_ids;
    bool operator<(const Repo& o) const {
      return std::tie(account, region, name) < std::tie(o.account, o.region, o.name);
    }
  };
  std::map<std::string, Repo> repos;
  auto add_secret_ref = [&](const std::string& ref) {
    if (ref.empty()) return;
    if (ArnField(ref, 2) == "secretsmanager") {
      // arn:aws:secretsmanager:region:account:secret:name[:json-key:stage:version]
      size_t pos = 0;
      for (int i = 0; i < 7 && pos != std::string::npos; ++i) pos = ref.find(':', pos + 1);
      secrets.insert(pos == std::string::npos ? ref : ref.substr(0, pos));
    } else if (ArnField(ref, 2) == "ssm") {
      std::string resource = ref.substr(ref.find(":parameter") + std::string_view(":parameter").size());
      // parameter/prod/db names "/prod/db"; parameter/db names "db".
      std::string name = resource.size() > 1 ? resource.substr(1) : resource;
      if (name.find('/') != std::string::npos) name = "/" + name;
      parameters[ArnField(ref, 3)].insert(name);
    } else {
      parameters[region].insert(ref);
    }
  };
  for (const json& td : k.tds) {
    for (const char* key : {"executionRoleArn", "taskRoleArn"})
      if (std::string arn = Str(td, key); !arn.empty()) roles.insert(LastPart(arn));
    for (const json& c : Arr(td, "containerDefinitions")) {
      model::ImageRef image = model::ParseImageRef(Str(c, "image"));
      if (image.kind == model::RegistryKind::kEcrPrivate) {
        Repo& r = repos[image.account + " " + image.region + " " + image.repository];
        r.account = image.account;
        r.region = image.region;
        r.name = image.repository;
        r.image_ids.insert(image.digest.empty() ? "imageTag=" + image.tag
                                                : "imageDigest=" + image.digest);
      }
      if (const json* lc = At(c, "logConfiguration"); lc && Str(*lc, "logDriver") == "awslogs") {
        if (const json* opts = At(*lc, "options")) {
          std::string group = Str(*opts, "awslogs-group");
          std::string group_region = Str(*opts, "awslogs-region");
          if (!group.empty()) log_groups[group_region.empty() ? region : group_region].insert(group);
        }
      }
      for (const json& s : Arr(c, "secrets")) add_secret_ref(Str(s, "valueFrom"));
      if (const json* lc = At(c, "logConfiguration"))
        for (const json& s : Arr(*lc, "secretOptions")) add_secret_ref(Str(s, "valueFrom"));
      if (const json* rc = At(c, "repositoryCredentials"))
        add_secret_ref(Str(*rc, "credentialsParameter"));
    }
    for (const json& v : Arr(td, "volumes"))
      if (const json* efs = At(v, "efsVolumeConfiguration"))
        if (std::string id = Str(*efs, "fileSystemId"); !id.empty()) file_systems.insert(id);
  }
  for (const auto& role : roles) s3.push_back({{"iam", "get-role", "--role-name", role}, region});
  for (const auto& [key, r] : repos) {
    s3.push_back({{"ecr", "describe-repositories", "--registry-id", r.account,
                   "--repository-names", r.name},
                  r.region});
    AwsCall images{{"ecr", "describe-images", "--registry-id", r.account, "--repository-name",
                    r.name, "--image-ids"},
                   r.region};
    AddAll(images.args, r.image_ids);
    s3.push_back(images);
    AwsCall manifests{{"ecr", "batch-get-image", "--registry-id", r.account, "--repository-name",
                       r.name, "--image-ids"},
                      r.region};
    AddAll(manifests.args, r.image_ids);
    manifests.args.insert(manifests.args.end(),
                          {"--accepted-media-types",
                           "application/vnd.docker.distribution.manifest.v2+json",
                           "application/vnd.docker.distribution.manifest.list.v2+json",
                           "application/vnd.oci.image.manifest.v1+json",
                           "application/vnd.oci.image.index.v1+json"});
    s3.push_back(std::move(manifests));
    s3.push_back({{"ecr", "get-repository-policy", "--registry-id", r.account,
                   "--repository-name", r.name},
                  r.region});
  }
  // Pull-through cache rules and the registry policy: once per registry and Region the images
  // use (get-registry-policy answers only for the caller's own registry).
  std::set<std::pair<std::string, std::string>> registries;
  std::set<std::string> registry_regions;
  for (const auto& [key, r] : repos) {
    registries.insert({r.account, r.region});
    registry_regions.insert(r.region);
  }
  for (const auto& [account, reg_region] : registries)
    s3.push_back({{"ecr", "describe-pull-through-cache-rules", "--registry-id", account}, reg_region});
  for (const auto& reg_region : registry_regions)
    s3.push_back({{"ecr", "get-registry-policy"}, reg_region});
  for (const auto& [group_region, groups] : log_groups)
    for (const auto& g : groups)
      s3.push_back({{"logs", "describe-log-groups", "--log-group-name-prefix", g}, group_region});
  for (const auto& arn : secrets) {
    s3.push_back({{"secretsmanager", "describe-secret", "--secret-id", arn}, ArnField(arn, 3)});
    s3.push_back({{"secretsmanager", "get-resource-policy", "--secret-id", arn}, ArnField(arn, 3)});
  }
  for (const auto& [param_region, names] : parameters) {
    s3.push_back({{"ssm", "describe-parameters", "--parameter-filters",
                   "Key=Name,Option=Equals,Values=" + Join(names, ",")},
                  param_region});
  }
  for (const auto& id : file_systems) {
    s3.push_back({{"efs", "describe-file-systems", "--file-system-id", id}, region});
    s3.push_back({{"efs", "describe-mount-targets", "--file-system-id", id}, region});
  }
  auto a3 = RunStage(s3);
  if (!a3) return tl::unexpected(a3.error());

  // Stage 4: DHCP options, route prefix lists, role policy lists, KMS keys, mount target SGs.
  // The subnets of the NAT gateways and endpoints: their route tables and ACLs are hops too.
  std::set<std::string> dhcp, prefix_lists, found_roles, mount_targets, more_subnets;
  std::map<std::string, std::string> keys;  // key ref → region
  for (size_t i = 0; i < s3.size(); ++i) {
    const json& doc = (*a3)[i];
    const std::string& op = s3[i].args[1];
    if (op == "describe-vpcs") {
      for (const json& v : Arr(doc, "Vpcs")) dhcp.insert(Str(v, "DhcpOptionsId"));
    } else if (op == "describe-route-tables") {
      for (const json& rt : Arr(doc, "RouteTables"))
        for (const json& r : Arr(rt, "Routes")) prefix_lists.insert(Str(r, "DestinationPrefixListId"));
    } else if (op == "describe-vpc-endpoints") {
      for (const json& e : Arr(doc, "VpcEndpoints")) {
        for (const json& g : Arr(e, "Groups")) k.security_groups.insert(Str(g, "GroupId"));
        for (const auto& s : Strings(e, "SubnetIds")) more_subnets.insert(s);
      }
    } else if (op == "describe-nat-gateways") {
      for (const json& n : Arr(doc, "NatGateways")) more_subnets.insert(Str(n, "SubnetId"));
    } else if (op == "get-role") {
      if (const json* role = At(doc, "Role")) found_roles.insert(Str(*role, "RoleName"));
    } else if (op == "describe-secret") {
      if (std::string key = Str(doc, "KmsKeyId"); IsCustomerKeyRef(key)) keys[key] = s3[i].region;
    } else if (op == "describe-log-groups") {
      for (const json& g : Arr(doc, "logGroups"))
        if (std::string key = Str(g, "kmsKeyId"); IsCustomerKeyRef(key)) keys[key] = s3[i].region;
    } else if (op == "describe-parameters") {
      for (const json& p : Arr(doc, "Parameters"))
        if (std::string key = Str(p, "KeyId"); IsCustomerKeyRef(key)) keys[key] = s3[i].region;
    } else if (op == "describe-mount-targets") {
      for (const json& mt : Arr(doc, "MountTargets")) mount_targets.insert(Str(mt, "MountTargetId"));
    }
  }
  dhcp.erase("");
  dhcp.erase("default");
  prefix_lists.erase("");
  found_roles.erase("");
  mount_targets.erase("");
  more_subnets.erase("");
  for (const auto& s : k.subnets) more_subnets.erase(s);
  std::vector<AwsCall> s4;
  if (!more_subnets.empty()) {
    AwsCall c{{"ec2", "describe-subnets", "--subnet-ids"}, region};
    AddAll(c.args, more_subnets);
    s4.push_back(std::move(c));
  }
  if (!dhcp.empty()) {
    AwsCall c{{"ec2", "describe-dhcp-options", "--dhcp-options-ids"}, region};
    AddAll(c.args, dhcp);
    s4.push_back(std::move(c));
  }
  if (!prefix_lists.empty()) {
    AwsCall c{{"ec2", "describe-managed-prefix-lists", "--prefix-list-ids"}, region};
    AddAll(c.args, prefix_lists);
    s4.push_back(std::move(c));
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
  auto a4 = RunStage(s4);
  if (!a4) return tl::unexpected(a4.error());

  // Stage 5: policies, security groups, customer key policies.
  std::set<std::string> policy_arns;
  std::set<std::pair<std::string, std::string>> inline_policies;
  std::map<std::string, std::string> customer_keys;  // key ARN → region
  for (size_t i = 0; i < s4.size(); ++i) {
    const json& doc = (*a4)[i];
    const std::string& op = s4[i].args[1];
    if (op == "list-attached-role-policies") {
      for (const json& p : Arr(doc, "AttachedPolicies")) policy_arns.insert(Str(p, "PolicyArn"));
    } else if (op == "list-role-policies") {
      for (const auto& name : Strings(doc, "PolicyNames"))
        inline_policies.insert({s4[i].args[3], name});
    } else if (op == "describe-key") {
      if (const json* meta = At(doc, "KeyMetadata"); meta && Str(*meta, "KeyManager") == "CUSTOMER")
        customer_keys[Str(*meta, "Arn")] = s4[i].region;
    } else if (op == "describe-mount-target-security-groups") {
      for (const auto& g : Strings(doc, "SecurityGroups")) k.security_groups.insert(g);
    }
  }
  policy_arns.erase("");
  k.security_groups.erase("");
  std::vector<AwsCall> s5;
  for (const auto& arn : policy_arns)
    s5.push_back({{"iam", "get-policy", "--policy-arn", arn}, region});
  for (const auto& [role, name] : inline_policies)
    s5.push_back({{"iam", "get-role-policy", "--role-name", role, "--policy-name", name}, region});
  if (!k.security_groups.empty()) {
    AwsCall c{{"ec2", "describe-security-groups", "--group-ids"}, region};
    AddAll(c.args, k.security_groups);
    s5.push_back(std::move(c));
  } else if (!k.vpcs.empty()) {
    // No group named anywhere: the task gets its VPC's default group.
    s5.push_back({{"ec2", "describe-security-groups", "--filters",
                   "Name=vpc-id,Values=" + Join(k.vpcs, ","), "Name=group-name,Values=default"},
                  region});
  }
  for (const auto& [arn, key_region] : customer_keys)
    s5.push_back({{"kms", "get-key-policy", "--key-id", arn, "--policy-name", "default"}, key_region});
  auto a5 = RunStage(s5);
  if (!a5) return tl::unexpected(a5.error());

  // Stage 6: default policy versions, prefix lists the security groups name.
  std::vector<AwsCall> s6;
  std::set<std::string> sg_prefix_lists;
  for (size_t i = 0; i < s5.size(); ++i) {
    const json& doc = (*a5)[i];
    const std::string& op = s5[i].args[1];
    if (op == "get-policy") {
      if (const json* p = At(doc, "Policy")) {
        std::string version = Str(*p, "DefaultVersionId");
        if (!version.empty())
          s6.push_back({{"iam", "get-policy-version", "--policy-arn", Str(*p, "Arn"),
                         "--version-id", version},
                        region});
      }
    } else if (op == "describe-security-groups") {
      for (const json& g : Arr(doc, "SecurityGroups"))
        for (const char* dir : {"IpPermissions", "IpPermissionsEgress"})
          for (const json& perm : Arr(g, dir))
            for (const json& pl : Arr(perm, "PrefixListIds"))
              if (std::string id = Str(pl, "PrefixListId"); !id.empty() && !prefix_lists.contains(id))
                sg_prefix_lists.insert(id);
    }
  }
  if (!sg_prefix_lists.empty()) {
    AwsCall c{{"ec2", "describe-managed-prefix-lists", "--prefix-list-ids"}, region};
    AddAll(c.args, sg_prefix_lists);
    s6.push_back(std::move(c));
  }
  auto a6 = RunStage(s6);
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
