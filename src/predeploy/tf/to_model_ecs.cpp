// Clusters, services and task definitions as the ECS reader's entities (ingest/ecs_reader.cpp).
// `container_definitions` is a JSON string in ECS's own shape: it is read by ingest's code for
// describe-task-definition (ingest/container_definitions.h). A task definition whose container
// definitions only apply will know is left out, so every check of its containers is unchecked.
#include <fmt/format.h>

#include "ingest/container_definitions.h"
#include "predeploy/tf/to_model_context.h"

namespace fd::predeploy::tf {

namespace {

class EcsMapper {
 public:
  explicit EcsMapper(MapContext& cx) : cx_(cx) {}

  void Run() {
    for (const Resource* r : cx_.OfType("aws_ecs_cluster")) Cluster(*r);
    for (const Resource* r : cx_.OfType("aws_ecs_task_definition")) TaskDefinition(*r);
    for (const Resource* r : cx_.OfType("aws_ecs_service")) Service(*r);
  }

 private:
  void Cluster(const Resource& r) {
    model::Cluster c;
    c.arn = cx_.ArnOf(r);
    c.name = cx_.Text(r, "name").value_or("");
    c.region = cx_.region();
    c.status = "ACTIVE";
    c.source = cx_.Source(r);
    cx_.Origin(c.arn, r);
    cx_.builder().AddCluster(std::move(c));
  }

  void TaskDefinition(const Resource& r) {
    model::TaskDefinition td;
    td.arn = cx_.ArnOf(r);
    td.family = cx_.Text(r, "family").value_or("");
    td.revision = static_cast<int>(cx_.Int(cx_.Attr(r, "revision")).value_or(0));
    td.region = cx_.region();
    td.account = cx_.account();
    td.status = "ACTIVE";
    td.requires_compatibilities =
        cx_.Texts(r, "requires_compatibilities").value_or(std::vector<std::string>{});
    td.network_mode = cx_.Text(r, "network_mode").value_or("");
    td.cpu = cx_.Text(r, "cpu").value_or("");
    td.memory = cx_.Text(r, "memory").value_or("");
    for (auto [key, field] : {std::pair{"execution_role_arn", &td.execution_role_arn},
                              std::pair{"task_role_arn", &td.task_role_arn}}) {
      const Value* v = cx_.Attr(r, key);
      if (std::optional<std::string> text = cx_.Text(v))
        *field = *text;
      else
        cx_.Note(r, fmt::format("{} of {} is {}: read as none", key, r.id, cx_.WhyUnknown(v)));
    }
    if (const Value* platform = cx_.Block(cx_.Attr(r, "runtime_platform"))) {
      td.cpu_architecture = cx_.Text(platform->Find("cpu_architecture")).value_or("");
      td.operating_system_family = cx_.Text(platform->Find("operating_system_family")).value_or("");
    }
    if (const Value* storage = cx_.Block(cx_.Attr(r, "ephemeral_storage")))
      if (auto gib = cx_.Int(storage->Find("size_in_gib")))
        td.ephemeral_storage_gib = static_cast<int>(*gib);
    Volumes(r, td);
    if (!Containers(r, td)) return;
    td.source = cx_.Source(r);
    cx_.Origin(td.arn, r);
    cx_.builder().AddTaskDefinition(std::move(td));
  }

  void Volumes(const Resource& r, model::TaskDefinition& td) {
    for (const Value* volume : cx_.Blocks(cx_.Attr(r, "volume"))) {
      const std::string name = cx_.Text(volume->Find("name")).value_or("");
      if (cx_.Bool(volume->Find("configure_at_launch")).value_or(false))
        td.configured_at_launch.push_back(name);
      const Value* efs = cx_.Block(volume->Find("efs_volume_configuration"));
      if (efs == nullptr) continue;
      model::EfsVolume v;
      v.name = name;
      v.file_system_id = cx_.Text(efs->Find("file_system_id")).value_or("");
      if (v.file_system_id.empty())
        cx_.Note(r, fmt::format("file_system_id of volume {} of {} is {}", name, r.id,
                                cx_.WhyUnknown(efs->Find("file_system_id"))));
      v.root_directory = cx_.Text(efs->Find("root_directory")).value_or("");
      v.transit_encryption = cx_.Text(efs->Find("transit_encryption")).value_or("");
      if (const Value* auth = cx_.Block(efs->Find("authorization_config"))) {
        v.access_point_id = cx_.Text(auth->Find("access_point_id")).value_or("");
        v.iam_authorization = cx_.Text(auth->Find("iam")).value_or("") == "ENABLED";
      }
      td.efs_volumes.push_back(std::move(v));
    }
  }

  // false (with a note) when the task definition must be left out.
  bool Containers(const Resource& r, model::TaskDefinition& td) {
    const Value* v = cx_.Attr(r, "container_definitions");
    const std::optional<std::string> text = cx_.Text(v);
    if (!text || text->empty()) {
      cx_.Note(r, fmt::format("container_definitions of {} is {}: the task definition is left out, "
                              "and every check of its containers, roles and network is unchecked",
                              r.id, text ? "empty" : cx_.WhyUnknown(v)));
      return false;
    }
    auto containers = ingest::ReadContainerDefinitions(
        *text, fmt::format("{} (container_definitions of {})", r.pos.file, r.id), cx_.builder());
    if (!containers) {
      cx_.Note(r, fmt::format("container_definitions of {} is not read: {}; the task definition is "
                              "left out",
                              r.id, containers.error().message));
      return false;
    }
    td.containers = std::move(*containers);
    return true;
  }

  void Service(const Resource& r) {
    model::EcsService s;
    s.arn = cx_.ArnOf(r);
    s.name = cx_.Text(r, "name").value_or("");
    if (s.name.empty()) s.name = r.id;
    s.cluster_arn = cx_.Text(r, "cluster").value_or("");
    s.region = cx_.region();
    s.account = cx_.account();
    s.status = "ACTIVE";
    s.task_definition = cx_.Text(r, "task_definition").value_or("");
    if (s.task_definition.empty())
      cx_.Note(r, fmt::format("task_definition of {} is {}: the service's task definition is not "
                              "known",
                              r.id, cx_.WhyUnknown(cx_.Attr(r, "task_definition"))));
    s.launch_type = cx_.Text(r, "launch_type").value_or("");
    s.platform_version = cx_.Text(r, "platform_version").value_or("");
    s.desired_count = static_cast<int>(cx_.Int(cx_.Attr(r, "desired_count")).value_or(0));
    for (const Value* item : cx_.Blocks(cx_.Attr(r, "capacity_provider_strategy")))
      s.capacity_provider_strategy.push_back(
          {cx_.Text(item->Find("capacity_provider")).value_or(""),
           static_cast<int>(cx_.Int(item->Find("weight")).value_or(0)),
           static_cast<int>(cx_.Int(item->Find("base")).value_or(0))});
    if (!Network(r, s.network)) return;
    for (const Value* lb : cx_.Blocks(cx_.Attr(r, "load_balancer"))) {
      model::ServiceLoadBalancer l;
      l.target_group_arn = cx_.Text(lb->Find("target_group_arn")).value_or("");
      l.load_balancer_name = cx_.Text(lb->Find("elb_name")).value_or("");
      l.container_name = cx_.Text(lb->Find("container_name")).value_or("");
      if (auto port = cx_.Int(lb->Find("container_port")))
        l.container_port = static_cast<int>(*port);
      l.source = cx_.Source(r);
      s.load_balancers.push_back(std::move(l));
    }
    s.source = cx_.Source(r);
    cx_.Origin(s.arn, r);
    if (s.arn != s.name) cx_.Origin(s.name, r);
    cx_.builder().AddService(std::move(s));
  }

  // network_configuration: subnets, security groups, assign_public_ip (false when not written,
  // as the API's DISABLED default). false (with a note) when a part only apply will know: the
  // model has no unknown placement, and a guessed one would be traced as if it were real.
  bool Network(const Resource& r, model::AwsVpcConfiguration& net) {
    const Value* block = cx_.Block(cx_.Attr(r, "network_configuration"));
    if (block == nullptr) return true;
    net.present = true;
    for (auto [key, list] :
         {std::pair{"subnets", &net.subnets}, std::pair{"security_groups", &net.security_groups}}) {
      const Value* v = block->Find(key);
      if (std::optional<std::vector<std::string>> ids = cx_.Texts(v)) {
        *list = std::move(*ids);
        continue;
      }
      cx_.Note(r, fmt::format("network_configuration.{} of {} is {}: the service is left out", key,
                              r.id, cx_.WhyUnknown(v)));
      return false;
    }
    const Value* public_ip = block->Find("assign_public_ip");
    if (std::optional<bool> b = cx_.Bool(public_ip)) {
      net.assign_public_ip = *b;
      net.assign_public_ip_raw = *b ? "ENABLED" : "DISABLED";
    } else if (MapContext::IsUnknown(public_ip)) {
      cx_.Note(r, fmt::format("network_configuration.assign_public_ip of {} is {}: the service is "
                              "left out",
                              r.id, cx_.WhyUnknown(public_ip)));
      return false;
    }
    return true;
  }

  MapContext& cx_;
};

}  // namespace

void MapEcs(MapContext& cx) { EcsMapper(cx).Run(); }

}  // namespace fd::predeploy::tf
