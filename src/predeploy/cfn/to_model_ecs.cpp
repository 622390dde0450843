// Clusters, services and task definitions as the ECS reader's entities (ingest/ecs_reader.cpp).
// CloudFormation's ContainerDefinitions use the ECS API's member names (capitalised), so each
// property fills the field the API's member fills. Environment values and secret values are
// never kept: a secret is its ValueFrom, as in describe-task-definition.
#include <fmt/format.h>

#include <map>
#include <set>

#include "predeploy/cfn/creation_order.h"
#include "predeploy/cfn/to_model_context.h"

namespace fd::predeploy::cfn {

namespace {

std::optional<int> AsInt(std::optional<std::int64_t> v) {
  return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
}

class EcsMapper {
 public:
  explicit EcsMapper(MapContext& cx) : cx_(cx) {}

  void Run() {
    for (const Item& it : cx_.OfType("AWS::ECS::Cluster")) Cluster(it);
    for (const Item& it : cx_.OfType("AWS::ECS::TaskDefinition")) TaskDefinition(it);
    for (const Item& it : cx_.OfType("AWS::ECS::Service")) Service(it);
  }

 private:
  void Cluster(const Item& it) {
    model::Cluster c;
    c.arn = cx_.IdOf(it);
    c.name = cx_.Text(it, "ClusterName").value_or("");
    if (c.name.empty()) c.name = c.arn;
    c.region = cx_.Region(it);
    c.status = "ACTIVE";
    c.capacity_providers = cx_.Texts(cx_.Prop(it, "CapacityProviders")).value_or(std::vector<std::string>{});
    c.source = cx_.Source(it);
    cx_.Origin(c.arn, it);
    cx_.builder().AddCluster(std::move(c));
  }

  // Ref of a task definition is its ARN, whose revision only registration gives: the model
  // knows it by its model ID (revision 1), which every Ref to it resolves to.
  void TaskDefinition(const Item& it) {
    model::TaskDefinition td;
    td.arn = cx_.IdOf(it);
    td.family = cx_.Text(it, "Family").value_or("");
    if (td.family.empty()) td.family = td.arn;
    td.revision = 1;
    td.region = cx_.Region(it);
    td.account = cx_.Account(it);
    td.status = "ACTIVE";
    td.requires_compatibilities =
        cx_.Texts(cx_.Prop(it, "RequiresCompatibilities")).value_or(std::vector<std::string>{});
    td.network_mode = cx_.Text(it, "NetworkMode").value_or("");
    // Read as absent, an unknown size or role would be a fault of its own (no task-level cpu,
    // no execution role): the task definition is left out instead, and its checks unchecked.
    for (auto [key, field] : {std::pair{"Cpu", &td.cpu}, std::pair{"Memory", &td.memory},
                              std::pair{"ExecutionRoleArn", &td.execution_role_arn},
                              std::pair{"TaskRoleArn", &td.task_role_arn}}) {
      const Value* v = cx_.Prop(it, key);
      std::optional<std::string> text = v ? cx_.Text(v) : std::optional<std::string>("");
      if (!text) {
        cx_.Note(it, fmt::format("{} of {} is {}: the task definition is left out, and every check of "
                                 "its containers, roles and network is unchecked", key, it.id(), cx_.WhyUnknown(v)));
        return;
      }
      *field = std::move(*text);
    }
    if (const Value* platform = cx_.Prop(it, "RuntimePlatform")) {
      td.cpu_architecture = cx_.Text(platform->Find("CpuArchitecture")).value_or("");
      td.operating_system_family = cx_.Text(platform->Find("OperatingSystemFamily")).value_or("");
    }
    if (const Value* storage = cx_.Prop(it, "EphemeralStorage"))
      td.ephemeral_storage_gib = AsInt(cx_.Int(storage->Find("SizeInGiB")));
    Volumes(it, td);
    const Value* containers = cx_.Prop(it, "ContainerDefinitions");
    if (containers != nullptr && containers->AsList() == nullptr) {
      cx_.Note(it, fmt::format("ContainerDefinitions of {} is {}: the task definition is left out, "
                               "and every check of its containers, roles and network is unchecked",
                               it.id(), cx_.WhyUnknown(containers)));
      return;
    }
    for (const Value* c : cx_.Maps(containers)) td.containers.push_back(Container(it, *c));
    td.source = cx_.Source(it);
    cx_.Origin(td.arn, it);
    if (td.DisplayName() != td.arn) cx_.Origin(td.DisplayName(), it);
    cx_.builder().AddTaskDefinition(std::move(td));
  }

  void Volumes(const Item& it, model::TaskDefinition& td) {
    for (const Value* volume : cx_.Maps(cx_.Prop(it, "Volumes"))) {
      const std::string name = cx_.Text(volume->Find("Name")).value_or("");
      if (cx_.Bool(volume->Find("ConfiguredAtLaunch")).value_or(false)) td.configured_at_launch.push_back(name);
      const Value* efs = volume->Find("EFSVolumeConfiguration");
      if (efs == nullptr) continue;
      model::EfsVolume v;
      v.name = name;
      v.file_system_id = cx_.Text(efs->Find("FilesystemId")).value_or("");
      if (v.file_system_id.empty())
        cx_.Note(it, fmt::format("FilesystemId of volume {} of {} is {}", name, it.id(),
                                 cx_.WhyUnknown(efs->Find("FilesystemId"))));
      v.root_directory = cx_.Text(efs->Find("RootDirectory")).value_or("");
      v.transit_encryption = cx_.Text(efs->Find("TransitEncryption")).value_or("");
      if (const Value* auth = efs->Find("AuthorizationConfig")) {
        v.access_point_id = cx_.Text(auth->Find("AccessPointId")).value_or("");
        v.iam_authorization = cx_.Text(auth->Find("IAM")).value_or("") == "ENABLED";
      }
      td.efs_volumes.push_back(std::move(v));
    }
  }

  model::ContainerDefinition Container(const Item& it, const Value& c) {
    model::ContainerDefinition out;
    out.name = cx_.Text(c.Find("Name")).value_or("");
    const Value* image = c.Find("Image");
    if (std::optional<std::string> text = cx_.Text(image)) {
      out.image = *text;
    } else {
      // Left empty: no image check may judge a guessed URI.
      cx_.Note(it, fmt::format("Image of container {} of {} is {}: the checks of its image are "
                               "unchecked", out.name, it.id(), cx_.WhyUnknown(image)));
    }
    out.essential = cx_.Bool(c.Find("Essential")).value_or(true);
    if (const Value* creds = c.Find("RepositoryCredentials"))
      out.repository_credentials = cx_.Text(creds->Find("CredentialsParameter")).value_or("");
    out.secrets = KeyValues(it, c.Find("Secrets"));
    for (const Value* f : cx_.Maps(c.Find("EnvironmentFiles")))
      out.environment_files.push_back({cx_.Text(f->Find("Value")).value_or(""),
                                       cx_.Text(f->Find("Type")).value_or("")});
    if (const Value* log = c.Find("LogConfiguration")) out.log_configuration = Log(it, *log);
    if (const Value* fl = c.Find("FirelensConfiguration")) {
      out.firelens = true;
      out.firelens_type = cx_.Text(fl->Find("Type")).value_or("");
      out.firelens_options = Options(fl->Find("Options"));
    }
    for (const Value* p : cx_.Maps(c.Find("PortMappings")))
      out.port_mappings.push_back({AsInt(cx_.Int(p->Find("ContainerPort"))),
                                   cx_.Text(p->Find("Protocol")).value_or(""),
                                   cx_.Text(p->Find("Name")).value_or("")});
    out.cpu = AsInt(cx_.Int(c.Find("Cpu")));
    out.memory = AsInt(cx_.Int(c.Find("Memory")));
    out.memory_reservation = AsInt(cx_.Int(c.Find("MemoryReservation")));
    if (const Value* lp = c.Find("LinuxParameters")) out.linux_parameters = Linux(*lp);
    for (const Value* d : cx_.Maps(c.Find("DependsOn")))
      out.depends_on.push_back({cx_.Text(d->Find("ContainerName")).value_or(""),
                                cx_.Text(d->Find("Condition")).value_or("")});
    out.health_check = c.Find("HealthCheck") != nullptr;
    out.source = cx_.Source(it);
    return out;
  }

  std::vector<model::KeyValue> KeyValues(const Item& it, const Value* list) {
    std::vector<model::KeyValue> out;
    for (const Value* s : cx_.Maps(list)) {
      model::KeyValue kv{cx_.Text(s->Find("Name")).value_or(""), ""};
      if (auto from = cx_.Text(s->Find("ValueFrom"))) kv.value_from = *from;
      else cx_.Note(it, fmt::format("ValueFrom of secret {} of {} is {}", kv.name, it.id(),
                                    cx_.WhyUnknown(s->Find("ValueFrom"))));
      out.push_back(std::move(kv));
    }
    return out;
  }

  // Options as written. One only deployment will tell (a log group whose name CloudFormation
  // generates) is there, so no check calls it missing, as a placeholder no object has, so the
  // checks that look it up are unchecked.
  std::map<std::string, std::string> Options(const Value* options) const {
    std::map<std::string, std::string> out;
    if (const Map* m = options ? options->AsMap() : nullptr)
      for (const auto& [k, v] : *m)
        out[k] = cx_.Text(&v).value_or("(unknown: " + cx_.WhyUnknown(&v) + ")");
    return out;
  }

  model::LogConfiguration Log(const Item& it, const Value& log) {
    model::LogConfiguration out;
    out.log_driver = cx_.Text(log.Find("LogDriver")).value_or("");
    out.options = Options(log.Find("Options"));
    if (const Map* m = log.Find("Options") ? log.Find("Options")->AsMap() : nullptr)
      for (const auto& [k, v] : *m)
        if (!cx_.Text(&v))
          cx_.Note(it, fmt::format("log option {} of {} is {}: the checks that need it are "
                                   "unchecked", k, it.id(), cx_.WhyUnknown(&v)));
    out.secret_options = KeyValues(it, log.Find("SecretOptions"));
    out.source = cx_.Source(it);
    return out;
  }

  model::LinuxParameters Linux(const Value& lp) const {
    model::LinuxParameters out;
    if (const Value* caps = lp.Find("Capabilities")) {
      out.capabilities_add = cx_.Texts(caps->Find("Add")).value_or(std::vector<std::string>{});
      out.capabilities_drop = cx_.Texts(caps->Find("Drop")).value_or(std::vector<std::string>{});
    }
    out.devices = static_cast<int>(cx_.Maps(lp.Find("Devices")).size());
    out.shared_memory_size = AsInt(cx_.Int(lp.Find("SharedMemorySize")));
    out.tmpfs = static_cast<int>(cx_.Maps(lp.Find("Tmpfs")).size());
    out.max_swap = AsInt(cx_.Int(lp.Find("MaxSwap")));
    out.swappiness = AsInt(cx_.Int(lp.Find("Swappiness")));
    return out;
  }

  void Service(const Item& it) {
    model::EcsService s;
    s.arn = cx_.IdOf(it);
    s.name = cx_.Text(it, "ServiceName").value_or("");
    if (s.name.empty()) s.name = s.arn;
    s.cluster_arn = cx_.Text(it, "Cluster").value_or("");
    s.region = cx_.Region(it);
    s.account = cx_.Account(it);
    s.status = "ACTIVE";
    s.task_definition = cx_.Text(it, "TaskDefinition").value_or("");
    if (s.task_definition.empty())
      cx_.Note(it, fmt::format("TaskDefinition of {} is {}: the service's task definition is not "
                               "known", it.id(), cx_.WhyUnknown(cx_.Prop(it, "TaskDefinition"))));
    s.launch_type = cx_.Text(it, "LaunchType").value_or("");
    s.platform_version = cx_.Text(it, "PlatformVersion").value_or("");
    // CloudFormation's default DesiredCount is 1 (0 with a deployment controller that is not ECS).
    s.desired_count = AsInt(cx_.Int(cx_.Prop(it, "DesiredCount"))).value_or(1);
    for (const Value* item : cx_.Maps(cx_.Prop(it, "CapacityProviderStrategy")))
      s.capacity_provider_strategy.push_back({cx_.Text(item->Find("CapacityProvider")).value_or(""),
                                              AsInt(cx_.Int(item->Find("Weight"))).value_or(0),
                                              AsInt(cx_.Int(item->Find("Base"))).value_or(0)});
    Network(it, s.network);
    for (const Value* lb : cx_.Maps(cx_.Prop(it, "LoadBalancers"))) {
      model::ServiceLoadBalancer l;
      l.target_group_arn = cx_.Text(lb->Find("TargetGroupArn")).value_or("");
      l.load_balancer_name = cx_.Text(lb->Find("LoadBalancerName")).value_or("");
      l.container_name = cx_.Text(lb->Find("ContainerName")).value_or("");
      l.container_port = AsInt(cx_.Int(lb->Find("ContainerPort")));
      l.listeners_not_awaited = ListenersNotAwaited(it, cx_.Referenced(lb->Find("TargetGroupArn")));
      l.source = cx_.Source(it);
      s.load_balancers.push_back(std::move(l));
    }
    s.source = cx_.Source(it);
    cx_.Origin(s.arn, it);
    if (s.arn != s.name) cx_.Origin(s.name, it);
    cx_.builder().AddService(std::move(s));
  }

  // The listeners and rules of the service's stack forwarding to `group`, when the service is
  // created after none of them: ECS would meet a target group no balancer forwards to yet. A
  // group of another stack exists before this stack is created (its export is imported).
  std::vector<std::string> ListenersNotAwaited(const Item& service, const Item* group) {
    if (group == nullptr || group->stack != service.stack) return {};
    const std::vector<std::string>& forwarding = ForwardingTo(*group);
    for (const std::string& listener : forwarding)
      if (Order(*service.stack).After(service.id(), listener)) return {};
    return forwarding;
  }

  // The listeners and rules of `group`'s stack whose actions name it (indexed once a stack).
  const std::vector<std::string>& ForwardingTo(const Item& group) {
    auto [by_group, fresh] = forwarding_.try_emplace(group.stack->name);
    if (fresh)
      for (const char* type : {"AWS::ElasticLoadBalancingV2::Listener", "AWS::ElasticLoadBalancingV2::ListenerRule"})
        for (const Item& l : cx_.OfType(type)) {
          if (l.stack != group.stack) continue;
          std::set<std::string> refs;
          for (const char* key : {"DefaultActions", "Actions"})
            if (const Value* actions = cx_.Prop(l, key)) ReferencesOf(*actions, l.stack->name, refs);
          for (const std::string& id : refs) by_group->second[id].push_back(l.id());
        }
    static const std::vector<std::string> kNone;
    auto it = by_group->second.find(group.id());
    return it == by_group->second.end() ? kNone : it->second;
  }

  const CreationOrder& Order(const Stack& stack) {
    auto it = orders_.find(stack.name);
    if (it == orders_.end()) it = orders_.emplace(stack.name, CreationOrder(stack)).first;
    return it->second;
  }

  // NetworkConfiguration.AwsvpcConfiguration; AssignPublicIp defaults to DISABLED.
  void Network(const Item& it, model::AwsVpcConfiguration& net) {
    const Value* config = cx_.Prop(it, "NetworkConfiguration");
    const Value* awsvpc = config ? config->Find("AwsvpcConfiguration") : nullptr;
    if (awsvpc == nullptr) return;
    net.present = true;
    net.subnets = cx_.Ids(it, awsvpc->Find("Subnets"), "Subnets");
    net.security_groups = cx_.Ids(it, awsvpc->Find("SecurityGroups"), "SecurityGroups");
    const Value* public_ip = awsvpc->Find("AssignPublicIp");
    std::optional<std::string> text = cx_.Text(public_ip);
    if (!text) {
      cx_.Note(it, fmt::format("AssignPublicIp of {} is {}", it.id(), cx_.WhyUnknown(public_ip)));
    } else {  // as the ECS reader reads it: anything but ENABLED is no public IP
      net.assign_public_ip_raw = *text;
      net.assign_public_ip = *text == "ENABLED";
    }
  }

  MapContext& cx_;
  std::map<std::string, CreationOrder> orders_;  // by stack name
  // stack name → logical ID → the listeners and rules whose actions name it
  std::map<std::string, std::map<std::string, std::vector<std::string>>> forwarding_;
};

}  // namespace

void MapEcs(MapContext& cx) { EcsMapper(cx).Run(); }

}  // namespace fd::predeploy::cfn
