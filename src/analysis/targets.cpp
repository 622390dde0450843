#include <algorithm>
#include <set>
#include <unordered_map>

#include "analysis/analyze.h"
#include "fix/step.h"
#include "util/strings.h"

namespace fd::analysis {
namespace {

/// "save `aws ecs …` output": the read whose answer would hold what the input lacks.
std::string Save(const fix::Read& read) { return "save `" + fix::Cli(read).front() + "` output"; }

/// `flag value`, after `--cluster NAME` when the user named the cluster.
std::vector<std::string> InCluster(const std::string& cluster, const std::string& flag,
                                   const std::string& value) {
  if (cluster.empty()) return {flag, value};
  return {"--cluster", cluster, flag, value};
}


bool NameMatches(const std::string& arn, const std::string& name, const std::string& want) {
  return want == arn || want == name || util::LastPart(arn) == want;
}

bool ClusterMatches(const std::string& cluster_arn, const std::string& want) {
  if (want.empty()) return true;
  return cluster_arn == want || util::LastPart(cluster_arn) == want;
}

bool IsWindows(const model::TaskDefinition* td, const std::string& platform_family) {
  if (platform_family.rfind("WINDOWS", 0) == 0 || platform_family.rfind("windows", 0) == 0) return true;
  return td && td->operating_system_family.rfind("WINDOWS", 0) == 0;
}

void FillFromAwsVpc(Target& t, const model::AwsVpcConfiguration& n) {
  t.subnets = n.subnets;
  t.security_groups = n.security_groups;
  t.assign_public_ip = n.assign_public_ip.value_or(false);
  t.assign_public_ip_raw = n.assign_public_ip_raw;
  t.network_configuration_present = n.present;
}

bool MaybeFargate(const std::string& launch_type,
                  const std::vector<model::CapacityProviderItem>& strategy) {
  if (launch_type == "FARGATE") return true;
  if (!launch_type.empty()) return false;
  if (strategy.empty()) return true;  // unknown: the cluster default may be Fargate
  return std::any_of(strategy.begin(), strategy.end(), [](const auto& c) {
    return c.capacity_provider == "FARGATE" || c.capacity_provider == "FARGATE_SPOT";
  });
}

// Indexes built once per run, so resolving N targets stays linear.
struct Lookups {
  std::unordered_map<std::string, std::string> resolved_version;  ///< cluster|service → PV
  std::unordered_map<std::string, const model::EcsService*> service;  ///< cluster|service
  explicit Lookups(const model::Model& model) {
    for (const auto& task : model.tasks())
      if (task.group.rfind("service:", 0) == 0 && !task.platform_version.empty())
        resolved_version[task.cluster_arn + "|" + task.group.substr(8)] = task.platform_version;
    for (const auto& s : model.services()) service[s.cluster_arn + "|" + s.name] = &s;
  }
};

Target FromService(const model::Model& model, const Lookups& lookups, const model::EcsService& s) {
  Target t;
  t.kind = TargetKind::kService;
  t.name = s.name;
  t.arn = s.arn;
  t.region = !s.region.empty() ? s.region : model::RegionOfArn(s.arn);
  t.account = !s.account.empty() ? s.account : model::AccountOfArn(s.arn);
  t.cluster_arn = s.cluster_arn;
  t.service = &s;
  t.launch_type = s.launch_type;
  t.capacity_provider_strategy = s.capacity_provider_strategy;
  // The deployment being rolled out is the one whose tasks are pending: the PRIMARY one.
  const model::Deployment* primary = nullptr;
  for (const auto& d : s.deployments)
    if (d.status == "PRIMARY") primary = &d;
  t.task_definition_ref = primary && !primary->task_definition.empty() ? primary->task_definition
                                                                       : s.task_definition;
  FillFromAwsVpc(t, primary && primary->network.present ? primary->network : s.network);
  if (primary && !primary->launch_type.empty()) t.launch_type = primary->launch_type;
  t.task_definition = model.FindTaskDefinition(t.task_definition_ref);
  t.platform_version_configured =
      primary && !primary->platform_version.empty() ? primary->platform_version : s.platform_version;
  t.windows = IsWindows(t.task_definition, s.platform_family);
  // A task of this service already tells the resolved version (LATEST → 1.4.0, or older).
  std::string resolved;
  if (auto it = lookups.resolved_version.find(s.cluster_arn + "|" + s.name);
      it != lookups.resolved_version.end())
    resolved = it->second;
  t.platform_version = !resolved.empty() ? resolved
                                         : ResolvePlatformVersion(t.platform_version_configured, t.windows);
  return t;
}

Target FromTask(const model::Model& model, const Lookups& lookups, const model::EcsTask& task) {
  Target t;
  t.kind = TargetKind::kTask;
  t.name = util::LastPart(task.arn);
  t.arn = task.arn;
  t.region = !task.region.empty() ? task.region : model::RegionOfArn(task.arn);
  t.account = !task.account.empty() ? task.account : model::AccountOfArn(task.arn);
  t.cluster_arn = task.cluster_arn;
  t.task = &task;
  t.launch_type = task.launch_type;
  if (!task.capacity_provider_name.empty())
    t.capacity_provider_strategy.push_back({task.capacity_provider_name, 1, 0});
  t.task_definition_ref = task.task_definition_arn;
  t.task_definition = model.FindTaskDefinition(task.task_definition_arn);
  t.windows = IsWindows(t.task_definition, task.platform_family);
  t.platform_version = !task.platform_version.empty()
                           ? task.platform_version
                           : ResolvePlatformVersion("", t.windows);
  t.platform_version_configured = task.platform_version;
  // describe-tasks does not return the RunTask network configuration (docs/design/causes.md §0.1): the
  // subnet comes from the ENI attachment, SGs and public IP from the ENI when it was saved,
  // or from the service that started the task.
  const model::EcsService* owner = nullptr;
  if (task.group.rfind("service:", 0) == 0) {
    if (auto it = lookups.service.find(task.cluster_arn + "|" + task.group.substr(8));
        it != lookups.service.end())
      owner = it->second;
  }
  for (const auto& eni : task.enis) {
    if (!eni.subnet_id.empty()) t.subnets.push_back(eni.subnet_id);
    if (const auto* ni = model.network_interfaces().Find(eni.eni_id)) {
      t.security_groups = ni->group_ids;
      t.assign_public_ip = !ni->public_ip.empty();
      t.assign_public_ip_raw = t.assign_public_ip ? "ENABLED" : "DISABLED";
      t.network_configuration_present = true;
    }
  }
  if (!t.network_configuration_present && owner) {
    auto subnets = t.subnets;
    FillFromAwsVpc(t, owner->network);
    if (!subnets.empty()) t.subnets = subnets;
  } else if (!t.network_configuration_present) {
    t.security_groups_known = false;
    t.public_ip_known = false;
    t.network_configuration_present = !t.subnets.empty();
  }
  return t;
}

// --task-definition: a task that does not exist yet, placed on the subnets and security groups
// the command line gives, as run-task would place it.
Expected<Target> FromTaskDefinitionQuery(const model::Model& model, const TargetQuery& q) {
  if (q.subnets.empty())
    return MakeError(ErrorCode::kUsage,
                     "--task-definition needs --subnets (and usually --security-groups and "
                     "--assign-public-ip), as run-task would");
  const model::TaskDefinition* td =
      q.task_definition ? q.task_definition : model.FindTaskDefinition(q.task_definition_ref);
  if (!td)
    return MakeError(ErrorCode::kUnknownTarget,
                     "task definition " + q.task_definition_ref +
                         " is not in the input (" +
                         Save({"ecs", "describe-task-definition", {"--task-definition", q.task_definition_ref}}) +
                         ", or pass the task definition file)");
  Target t;
  t.kind = TargetKind::kTaskDefinition;
  t.name = td->DisplayName();
  t.arn = td->arn;
  t.region = !td->region.empty() ? td->region : model::RegionOfArn(td->arn);
  t.account = !td->account.empty() ? td->account : model::AccountOfArn(td->arn);
  t.task_definition = td;
  t.task_definition_ref = td->arn.empty() ? td->DisplayName() : td->arn;
  t.subnets = q.subnets;
  t.security_groups = q.security_groups;
  t.assign_public_ip = q.assign_public_ip.value_or(false);
  t.assign_public_ip_raw = q.assign_public_ip ? (*q.assign_public_ip ? "ENABLED" : "DISABLED") : "";
  t.network_configuration_present = true;
  t.launch_type = "FARGATE";
  t.windows = IsWindows(td, "");
  t.platform_version_configured = q.platform_version;
  t.platform_version = ResolvePlatformVersion(q.platform_version, t.windows);
  // A task definition read from a file has no ARN, so no region: the subnets it would use tell it.
  if (t.region.empty())
    for (const auto& sid : t.subnets)
      if (const auto* s = model.subnets().Find(sid); s && !s->region.empty()) t.region = s->region;
  return t;
}

// --service / --task: the user named them, so each one missing from the input is an error rather
// than a silently shorter report.
Expected<std::vector<Target>> NamedTargets(const model::Model& model, const Lookups& lookups,
                                           const TargetQuery& q) {
  std::vector<Target> out;
  for (const auto& want : q.services) {
    const model::EcsService* found = nullptr;
    for (const auto& s : model.services())
      if (NameMatches(s.arn, s.name, want) && ClusterMatches(s.cluster_arn, q.cluster)) found = &s;
    if (!found)
      return MakeError(ErrorCode::kUnknownTarget,
                       "service " + want + (q.cluster.empty() ? "" : " in cluster " + q.cluster) +
                           " is not in the input (" +
                           Save({"ecs", "describe-services", InCluster(q.cluster, "--services", want)}) + ")");
    out.push_back(FromService(model, lookups, *found));
  }
  for (const auto& want : q.tasks) {
    const model::EcsTask* found = nullptr;
    for (const auto& t : model.tasks())
      if (NameMatches(t.arn, "", want) && ClusterMatches(t.cluster_arn, q.cluster)) found = &t;
    if (!found)
      return MakeError(ErrorCode::kUnknownTarget,
                       "task " + want + " is not in the input (" +
                           Save({"ecs", "describe-tasks", InCluster(q.cluster, "--tasks", want)}) + ")");
    out.push_back(FromTask(model, lookups, *found));
  }
  return out;
}

// An input note for a service or task left out because it does not run on Fargate.
void NoteNotFargate(std::vector<InputNote>* notes, const SourceRef& source, const std::string& what,
                    const std::string& launch_type) {
  if (notes)
    notes->push_back({source.file, source.pointer,
                      what + " uses launch type " + launch_type +
                          "; fargate-doctor diagnoses Fargate tasks only"});
}

/// A task run on its own (run-task, a schedule), not by a service, that is stuck starting right
/// now or stopped because it could not start: a service does not speak for it.
bool StandaloneStartTrouble(const model::EcsTask& t) {
  if (t.group.starts_with("service:")) return false;
  const bool starting = t.desired_status == "RUNNING" &&
                        (t.last_status == "PROVISIONING" || t.last_status == "PENDING" || t.last_status == "ACTIVATING");
  return starting || t.stop_code == "TaskFailedToStart";
}

/// Beside the services, each standalone task in start trouble, once per cluster and group (a
/// schedule that fails every five minutes is one target, not twelve), a stuck one first.
void AddStandaloneTasks(const model::Model& model, const Lookups& lookups, const TargetQuery& q,
                        std::vector<Target>& out) {
  std::set<std::pair<std::string, std::string>> seen;
  for (const bool stopped : {false, true})
    for (const auto& t : model.tasks()) {
      if (!ClusterMatches(t.cluster_arn, q.cluster) || !MaybeFargate(t.launch_type, {})) continue;
      if (!StandaloneStartTrouble(t) || (t.desired_status == "STOPPED") != stopped) continue;
      if (seen.insert({t.cluster_arn, t.group.empty() ? t.task_definition_arn : t.group}).second)
        out.push_back(FromTask(model, lookups, t));
    }
}

// Nothing named: every Fargate service (of --cluster), and the standalone tasks that could not
// start. Only an input that holds no service at all (tasks started by run-task) has all its
// Fargate tasks diagnosed one by one.
Expected<std::vector<Target>> AllFargateTargets(const model::Model& model, const Lookups& lookups,
                                                const TargetQuery& q, std::vector<InputNote>* notes) {
  std::vector<Target> out;
  for (const auto& s : model.services()) {
    if (!ClusterMatches(s.cluster_arn, q.cluster)) continue;
    if (!MaybeFargate(s.launch_type, s.capacity_provider_strategy))
      NoteNotFargate(notes, s.source, "service " + s.name, s.launch_type);
    else
      out.push_back(FromService(model, lookups, s));
  }
  if (!model.services().all().empty()) {
    AddStandaloneTasks(model, lookups, q, out);
    if (out.empty())
      return MakeError(ErrorCode::kUnknownTarget,
                       "the input holds no Fargate service" +
                           (q.cluster.empty() ? std::string() : " in cluster " + q.cluster));
    return out;
  }
  for (const auto& t : model.tasks()) {
    if (!ClusterMatches(t.cluster_arn, q.cluster)) continue;
    if (!MaybeFargate(t.launch_type, {}))
      NoteNotFargate(notes, t.source, "task " + util::LastPart(t.arn), t.launch_type);
    else
      out.push_back(FromTask(model, lookups, t));
  }
  if (out.empty())
    return MakeError(ErrorCode::kUnknownTarget,
                     "the input holds no Fargate service or task to diagnose; " +
                         Save({"ecs", "describe-services", {}}) +
                         ", or pass --task-definition FILE --subnets … to diagnose a task that does "
                         "not exist yet");
  return out;
}

}  // namespace

std::string ResolvePlatformVersion(const std::string& configured, bool windows) {
  if (configured.empty() || configured == "LATEST") return windows ? "1.0.0" : "1.4.0";
  return configured;
}

bool VersionAtLeast(const std::string& v, const std::string& floor) {
  auto parse = [](const std::string& s) {
    std::vector<int> parts;
    size_t start = 0;
    while (start <= s.size()) {
      size_t dot = s.find('.', start);
      std::string p = s.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
      int n = 0;
      for (char c : p)
        if (c >= '0' && c <= '9') n = n * 10 + (c - '0');
      parts.push_back(n);
      if (dot == std::string::npos) break;
      start = dot + 1;
    }
    parts.resize(3, 0);
    return parts;
  };
  return parse(v) >= parse(floor);
}

Expected<std::vector<Target>> ResolveTargets(const model::Model& model, const TargetQuery& q,
                                             std::vector<InputNote>* notes) {
  if (q.task_definition != nullptr || !q.task_definition_ref.empty()) {
    auto t = FromTaskDefinitionQuery(model, q);
    if (!t) return tl::unexpected(t.error());
    return std::vector<Target>{std::move(*t)};
  }
  const Lookups lookups(model);
  if (!q.services.empty() || !q.tasks.empty()) return NamedTargets(model, lookups, q);
  return AllFargateTargets(model, lookups, q, notes);
}

}  // namespace fd::analysis
