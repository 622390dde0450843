// Readers for `aws ecs …` output and task definition files. Field names follow the Amazon ECS
// API Reference (Service, Deployment, Task, TaskDefinition, ContainerDefinition).
//
// Secret material is never read: `environment` values are skipped entirely, and for `secrets`,
// `secretOptions` and repository credentials only names and ARNs (valueFrom) are kept.

#include <string>
#include <utility>

#include <fmt/format.h>

#include "ingest/readers.h"

namespace fd::ingest {
namespace {

// networkConfiguration.awsvpcConfiguration; assignPublicIp defaults to DISABLED
// (ECS API Reference, AwsVpcConfiguration).
model::AwsVpcConfiguration ReadNetwork(const Node& owner) {
  model::AwsVpcConfiguration net;
  auto config = owner.Object("networkConfiguration");
  if (!config) return net;
  auto awsvpc = config->Object("awsvpcConfiguration");
  if (!awsvpc) return net;
  net.present = true;
  net.subnets = awsvpc->Strings("subnets");
  net.security_groups = awsvpc->Strings("securityGroups");
  net.assign_public_ip_raw = awsvpc->Str("assignPublicIp");
  net.assign_public_ip = net.assign_public_ip_raw == "ENABLED";
  return net;
}

std::vector<model::CapacityProviderItem> ReadStrategy(const Node& owner) {
  std::vector<model::CapacityProviderItem> out;
  owner.Each("capacityProviderStrategy", [&](const Node& item) {
    if (!IsObjectItem(item, "capacityProviderStrategy")) return;
    out.push_back({item.Str("capacityProvider"), item.Int("weight").value_or(0),
                   item.Int("base").value_or(0)});
  });
  return out;
}

bool ServiceConnectEnabled(const Node& owner) {
  auto config = owner.Object("serviceConnectConfiguration");
  return config && config->Bool("enabled").value_or(false);
}

std::optional<model::ServiceConnectConfig> ReadServiceConnect(const Node& owner) {
  auto config = owner.Object("serviceConnectConfiguration");
  if (!config) return std::nullopt;
  model::ServiceConnectConfig out;
  out.enabled = config->Bool("enabled").value_or(false);
  out.namespace_name = config->Str("namespace");
  config->Each("services", [&](const Node& svc) {
    if (svc.value().IsObject()) out.port_names.push_back(svc.Str("portName"));
  });
  out.source = config->Source();
  return out;
}

void ReadServiceAttachments(const Node& item, model::EcsService& s) {
  item.Each("loadBalancers", [&](const Node& lb) {
    if (!IsObjectItem(lb, "loadBalancers")) return;
    s.load_balancers.push_back({lb.Str("targetGroupArn"), lb.Str("loadBalancerName"),
                                lb.Str("containerName"), lb.Int("containerPort"), lb.Source()});
  });
  item.Each("serviceRegistries", [&](const Node& r) {
    if (!IsObjectItem(r, "serviceRegistries")) return;
    s.service_registries.push_back({r.Str("registryArn"), r.Str("containerName"),
                                    r.Int("containerPort"), r.Int("port"), r.Source()});
  });
  item.Each("volumeConfigurations", [&](const Node& v) {
    if (!IsObjectItem(v, "volumeConfigurations")) return;
    auto ebs = v.Object("managedEBSVolume");
    if (!ebs) return;
    model::ManagedEbsVolume out;
    out.name = v.Str("name");
    out.role_arn = ebs->Str("roleArn");
    out.volume_type = ebs->Str("volumeType");
    out.size_gib = ebs->Int("sizeInGiB");
    out.iops = ebs->Int("iops");
    out.throughput = ebs->Int("throughput");
    out.snapshot_id = ebs->Str("snapshotId");
    out.kms_key_id = ebs->Str("kmsKeyId");
    out.filesystem_type = ebs->Str("filesystemType");
    out.source = v.Source();
    s.volume_configurations.push_back(std::move(out));
  });
}

model::Deployment ReadDeployment(const Node& d) {
  model::Deployment out;
  out.id = d.Str("id");
  out.status = d.Str("status");
  out.task_definition = d.Str("taskDefinition");
  out.launch_type = d.Str("launchType");
  out.platform_version = d.Str("platformVersion");
  out.rollout_state = d.Str("rolloutState");
  out.rollout_state_reason = d.Str("rolloutStateReason");
  out.desired_count = d.Int("desiredCount").value_or(0);
  out.running_count = d.Int("runningCount").value_or(0);
  out.pending_count = d.Int("pendingCount").value_or(0);
  out.failed_tasks = d.Int("failedTasks").value_or(0);
  out.network = ReadNetwork(d);
  out.capacity_provider_strategy = ReadStrategy(d);
  out.source = d.Source();
  return out;
}

std::vector<model::KeyValue> ReadSecretRefs(const Node& owner, std::string_view key) {
  std::vector<model::KeyValue> out;
  owner.Each(key, [&](const Node& item) {
    if (!IsObjectItem(item, key)) return;
    out.push_back({item.Str("name"), item.Str("valueFrom")});
  });
  return out;
}

std::optional<model::LogConfiguration> ReadLogConfiguration(const Node& container) {
  auto log = container.Object("logConfiguration");
  if (!log) return std::nullopt;
  model::LogConfiguration out;
  out.log_driver = log->Str("logDriver");
  if (auto options = log->Object("options")) {
    options->value().ForEachChild([&](JsonValue option) {
      if (option.IsString()) {
        out.options.emplace(option.Key(), option.String());
      } else {
        options->NoteAt(option.Key(),
                        fmt::format("option {} is not a string, ignored", option.Key()));
      }
    });
  }
  out.secret_options = ReadSecretRefs(*log, "secretOptions");
  out.source = log->Source();
  return out;
}

model::ContainerDefinition ReadContainer(const Node& c) {
  model::ContainerDefinition out;
  out.name = c.Str("name");
  out.image = c.Str("image");
  out.essential = c.Bool("essential").value_or(true);
  if (auto creds = c.Object("repositoryCredentials"))
    out.repository_credentials = creds->Str("credentialsParameter");
  out.secrets = ReadSecretRefs(c, "secrets");
  c.Each("environmentFiles", [&](const Node& f) {
    if (!IsObjectItem(f, "environmentFiles")) return;
    out.environment_files.push_back({f.Str("value"), f.Str("type")});
  });
  out.log_configuration = ReadLogConfiguration(c);
  out.firelens = c.Get("firelensConfiguration").has_value();
  if (auto fl = c.Object("firelensConfiguration")) {
    out.firelens_type = fl->Str("type");
    if (auto options = fl->Object("options"))
      options->value().ForEachChild([&](JsonValue option) {
        if (option.IsString()) out.firelens_options.emplace(option.Key(), option.String());
      });
  }
  c.Each("portMappings", [&](const Node& pm) {
    if (!IsObjectItem(pm, "portMappings")) return;
    out.port_mappings.push_back({pm.Int("containerPort"), pm.Str("protocol"), pm.Str("name")});
  });
  out.cpu = c.Int("cpu");
  out.memory = c.Int("memory");
  out.memory_reservation = c.Int("memoryReservation");
  if (auto lp = c.Object("linuxParameters")) {
    model::LinuxParameters p;
    if (auto caps = lp->Object("capabilities")) {
      p.capabilities_add = caps->Strings("add");
      p.capabilities_drop = caps->Strings("drop");
    }
    lp->Each("devices", [&](const Node&) { ++p.devices; });
    p.shared_memory_size = lp->Int("sharedMemorySize");
    lp->Each("tmpfs", [&](const Node&) { ++p.tmpfs; });
    p.max_swap = lp->Int("maxSwap");
    p.swappiness = lp->Int("swappiness");
    out.linux_parameters = std::move(p);
  }
  c.Each("dependsOn", [&](const Node& dep) {
    if (!IsObjectItem(dep, "dependsOn")) return;
    out.depends_on.push_back({dep.Str("containerName"), dep.Str("condition")});
  });
  out.health_check = c.Get("healthCheck").has_value();
  out.source = c.Source();
  return out;
}

model::EfsVolume ReadEfsVolume(const std::string& name, const Node& efs) {
  model::EfsVolume out;
  out.name = name;
  out.file_system_id = efs.Str("fileSystemId");
  out.root_directory = efs.Str("rootDirectory");
  out.transit_encryption = efs.Str("transitEncryption");
  if (auto auth = efs.Object("authorizationConfig")) {
    out.access_point_id = auth->Str("accessPointId");
    out.iam_authorization = auth->Str("iam") == "ENABLED";
  }
  return out;
}

}  // namespace

void ReadService(const Node& item) {
  if (!IsObjectItem(item, "services")) return;
  model::EcsService s;
  s.arn = item.Str("serviceArn");
  if (s.arn.empty()) return item.Note("no serviceArn, skipped");
  s.name = item.Str("serviceName");
  s.cluster_arn = item.Str("clusterArn");
  s.region = item.ctx().Region(s.arn);
  s.account = item.ctx().Account("", s.arn);
  s.status = item.Str("status");
  s.task_definition = item.Str("taskDefinition");
  s.launch_type = item.Str("launchType");
  s.platform_version = item.Str("platformVersion");
  s.platform_family = item.Str("platformFamily");
  s.desired_count = item.Int("desiredCount").value_or(0);
  s.running_count = item.Int("runningCount").value_or(0);
  s.pending_count = item.Int("pendingCount").value_or(0);
  if (auto dc = item.Object("deploymentConfiguration")) {
    s.maximum_percent = dc->Int("maximumPercent");
    s.minimum_healthy_percent = dc->Int("minimumHealthyPercent");
  }
  s.network = ReadNetwork(item);
  s.capacity_provider_strategy = ReadStrategy(item);
  s.service_connect_enabled = ServiceConnectEnabled(item);
  s.service_connect = ReadServiceConnect(item);
  ReadServiceAttachments(item, s);
  item.Each("deployments", [&](const Node& d) {
    if (!IsObjectItem(d, "deployments")) return;
    s.deployments.push_back(ReadDeployment(d));
    // describe-services reports Service Connect on the deployments, not on the service.
    if (d.Str("status") == "PRIMARY" && ServiceConnectEnabled(d)) s.service_connect_enabled = true;
    if (d.Str("status") == "PRIMARY" && !s.service_connect) s.service_connect = ReadServiceConnect(d);
    // … and, for ECS-managed EBS volumes, the volume configurations too.
    if (d.Str("status") == "PRIMARY" && s.volume_configurations.empty()) {
      model::EcsService scratch;
      ReadServiceAttachments(d, scratch);
      s.volume_configurations = std::move(scratch.volume_configurations);
    }
  });
  item.Each("events", [&](const Node& e) {
    if (!IsObjectItem(e, "events")) return;
    s.events.push_back({e.Str("id"), TimeText(e, "createdAt"), e.Str("message")});
  });
  s.source = item.Source();
  item.builder().AddService(std::move(s));
}

void ReadServices(const Node& list) {
  list.Items([](const Node& item) { ReadService(item); });
}

void ReadTasks(const Node& list) {
  list.Items([](const Node& item) {
    if (!IsObjectItem(item, "tasks")) return;
    model::EcsTask t;
    t.arn = item.Str("taskArn");
    if (t.arn.empty()) return item.Note("no taskArn, skipped");
    t.cluster_arn = item.Str("clusterArn");
    t.availability_zone = item.Str("availabilityZone");
    t.region = item.ctx().Region(t.arn, t.availability_zone);
    t.account = item.ctx().Account("", t.arn);
    t.task_definition_arn = item.Str("taskDefinitionArn");
    t.last_status = item.Str("lastStatus");
    t.desired_status = item.Str("desiredStatus");
    t.stop_code = item.Str("stopCode");
    t.stopped_reason = item.Str("stoppedReason");
    t.launch_type = item.Str("launchType");
    t.platform_version = item.Str("platformVersion");
    t.platform_family = item.Str("platformFamily");
    t.capacity_provider_name = item.Str("capacityProviderName");
    t.group = item.Str("group");
    t.started_at = TimeText(item, "startedAt");
    t.stopped_at = TimeText(item, "stoppedAt");
    if (auto overrides = item.Object("overrides")) {
      t.execution_role_override = overrides->Str("executionRoleArn");
      t.task_role_override = overrides->Str("taskRoleArn");
      t.cpu_override = overrides->StrOrNumber("cpu");
      t.memory_override = overrides->StrOrNumber("memory");
    }
    item.Each("attachments", [&](const Node& a) {
      if (!IsObjectItem(a, "attachments") || a.Str("type") != "ElasticNetworkInterface") return;
      model::TaskAttachmentEni eni;
      eni.status = a.Str("status");
      a.Each("details", [&](const Node& d) {
        if (!IsObjectItem(d, "details")) return;
        std::string name = d.Str("name");
        if (name == "subnetId") {
          eni.subnet_id = d.Str("value");
        } else if (name == "networkInterfaceId") {
          eni.eni_id = d.Str("value");
        } else if (name == "privateIPv4Address") {
          eni.private_ipv4 = d.Str("value");
        }
      });
      t.enis.push_back(std::move(eni));
    });
    item.Each("containers", [&](const Node& c) {
      if (!IsObjectItem(c, "containers")) return;
      t.containers.push_back(
          {c.Str("name"), c.Str("image"), c.Str("lastStatus"), c.Str("reason"), c.Int("exitCode")});
    });
    t.source = item.Source();
    item.builder().AddTask(std::move(t));
  });
}

void ReadClusters(const Node& list) {
  list.Items([](const Node& item) {
    if (!IsObjectItem(item, "clusters")) return;
    model::Cluster c;
    c.arn = item.Str("clusterArn");
    if (c.arn.empty()) return item.Note("no clusterArn, skipped");
    c.name = item.Str("clusterName");
    c.region = item.ctx().Region(c.arn);
    c.status = item.Str("status");
    c.capacity_providers = item.Strings("capacityProviders");
    if (auto conf = item.Object("configuration"))
      if (auto ms = conf->Object("managedStorageConfiguration"))
        c.fargate_ephemeral_storage_kms_key_id = ms->Str("fargateEphemeralStorageKmsKeyId");
    c.source = item.Source();
    item.builder().AddCluster(std::move(c));
  });
}

model::TaskDefinition ReadTaskDefinition(const Node& td) {
  model::TaskDefinition out;
  out.arn = td.Str("taskDefinitionArn");
  out.family = td.Str("family");
  out.revision = td.Int("revision").value_or(0);
  out.region = td.ctx().Region(out.arn);
  out.account = td.ctx().Account("", out.arn);
  out.status = td.Str("status");
  out.requires_compatibilities = td.Strings("requiresCompatibilities");
  out.compatibilities = td.Strings("compatibilities");
  out.network_mode = td.Str("networkMode");
  out.cpu = td.StrOrNumber("cpu");
  out.memory = td.StrOrNumber("memory");
  out.execution_role_arn = td.Str("executionRoleArn");
  out.task_role_arn = td.Str("taskRoleArn");
  if (auto platform = td.Object("runtimePlatform")) {
    out.cpu_architecture = platform->Str("cpuArchitecture");
    out.operating_system_family = platform->Str("operatingSystemFamily");
  }
  if (auto storage = td.Object("ephemeralStorage"))
    out.ephemeral_storage_gib = storage->Int("sizeInGiB");
  if (auto list = td.Get("containerDefinitions")) out.containers.reserve(list->value().Size());
  td.Each("containerDefinitions", [&](const Node& c) {
    if (!IsObjectItem(c, "containerDefinitions")) return;
    out.containers.push_back(ReadContainer(c));
  });
  td.Each("volumes", [&](const Node& v) {
    if (!IsObjectItem(v, "volumes")) return;
    if (auto efs = v.Object("efsVolumeConfiguration"))
      out.efs_volumes.push_back(ReadEfsVolume(v.Str("name"), *efs));
    if (v.Bool("configuredAtLaunch").value_or(false)) out.configured_at_launch.push_back(v.Str("name"));
  });
  out.source = td.Source();
  return out;
}

}  // namespace fd::ingest
