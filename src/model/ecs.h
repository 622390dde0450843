#pragma once
/// The model's ECS entities: services (deployments, load balancers, Service Connect), tasks,
/// task definitions (containers, volumes) and clusters.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "util/source_ref.h"

namespace fd::model {

struct AwsVpcConfiguration {
  std::vector<std::string> subnets;
  std::vector<std::string> security_groups;
  std::optional<bool> assign_public_ip;  ///< absent = DISABLED (the API default)
  std::string assign_public_ip_raw;      ///< as written, for TD008 on invalid values
  bool present = false;                  ///< networkConfiguration.awsvpcConfiguration existed
};

struct CapacityProviderItem {
  std::string capacity_provider;
  int weight = 0;
  int base = 0;
};

struct Deployment {
  std::string id;
  std::string status;  ///< PRIMARY | ACTIVE | INACTIVE
  std::string task_definition;
  std::string launch_type;
  std::string platform_version;
  std::string rollout_state;
  std::string rollout_state_reason;
  int desired_count = 0;
  int running_count = 0;
  int pending_count = 0;
  int failed_tasks = 0;
  AwsVpcConfiguration network;
  std::vector<CapacityProviderItem> capacity_provider_strategy;
  SourceRef source;
};

/// One loadBalancers[] entry of a service.
struct ServiceLoadBalancer {
  std::string target_group_arn;
  std::string load_balancer_name;  ///< Classic Load Balancers only
  std::string container_name;
  std::optional<int> container_port;
  SourceRef source;
  /// Templates only: the listeners and listener rules of the template that forward to the
  /// target group, when the service is not created after any of them (no DependsOn, no
  /// reference); CloudFormation then creates them side by side. Empty otherwise.
  std::vector<std::string> listeners_not_awaited;
};

/// One serviceRegistries[] entry (Cloud Map service discovery).
struct ServiceRegistry {
  std::string registry_arn;
  std::string container_name;
  std::optional<int> container_port;
  std::optional<int> port;
  SourceRef source;
};

/// serviceConnectConfiguration of a service (or of its PRIMARY deployment).
struct ServiceConnectConfig {
  bool enabled = false;
  std::string namespace_name;  ///< as written: name or ARN; "" = the cluster default
  std::vector<std::string> port_names;  ///< services[].portName
  SourceRef source;
};

/// volumeConfigurations[].managedEBSVolume of a service: an ECS-managed EBS volume.
struct ManagedEbsVolume {
  std::string name;  ///< the task definition volume it configures
  std::string role_arn;
  std::string volume_type;
  std::optional<int> size_gib;
  std::optional<int> iops;
  std::optional<int> throughput;
  std::string snapshot_id;
  std::string kms_key_id;
  std::string filesystem_type;
  SourceRef source;
};

struct ServiceEvent {
  std::string id;
  std::string created_at;
  std::string message;
};

struct EcsService {
  std::string arn;
  std::string name;
  std::string cluster_arn;
  std::string region;
  std::string account;
  std::string status;
  std::string task_definition;  ///< ARN or family:revision
  std::string launch_type;      ///< FARGATE | EC2 | EXTERNAL | "" (capacity providers)
  std::string platform_version;  ///< as configured: LATEST, 1.4.0, …
  std::string platform_family;
  int desired_count = 0;
  int running_count = 0;
  int pending_count = 0;
  std::optional<int> maximum_percent;
  std::optional<int> minimum_healthy_percent;
  AwsVpcConfiguration network;
  std::vector<CapacityProviderItem> capacity_provider_strategy;
  std::vector<Deployment> deployments;
  std::vector<ServiceEvent> events;
  bool service_connect_enabled = false;
  std::optional<ServiceConnectConfig> service_connect;  ///< the service's, else the PRIMARY deployment's
  std::vector<ServiceLoadBalancer> load_balancers;
  std::vector<ServiceRegistry> service_registries;
  std::vector<ManagedEbsVolume> volume_configurations;
  SourceRef source;
};

struct TaskAttachmentEni {
  std::string eni_id;
  std::string subnet_id;
  std::string private_ipv4;
  std::string status;
};

struct TaskContainer {
  std::string name;
  std::string image;
  std::string last_status;
  std::string reason;
  std::optional<int> exit_code;
};

struct EcsTask {
  std::string arn;
  std::string cluster_arn;
  std::string region;
  std::string account;
  std::string task_definition_arn;
  std::string last_status;
  std::string desired_status;
  std::string stop_code;
  std::string stopped_reason;
  std::string launch_type;
  std::string platform_version;  ///< resolved ("1.4.0"), never LATEST
  std::string platform_family;
  std::string capacity_provider_name;
  std::string group;  ///< "service:<name>" for service tasks
  std::string started_at;  ///< as written (ISO text or epoch seconds); "" when it never ran
  std::string stopped_at;  ///< as written; "" while not stopped
  std::string availability_zone;
  std::string execution_role_override;
  std::string task_role_override;
  std::string cpu_override;
  std::string memory_override;
  std::vector<TaskAttachmentEni> enis;
  std::vector<TaskContainer> containers;
  SourceRef source;
};

struct KeyValue {
  std::string name;
  std::string value_from;  ///< secrets: the ARN or parameter name; never a secret value
};

struct LogConfiguration {
  std::string log_driver;
  std::map<std::string, std::string> options;  ///< awslogs-group, awslogs-region, …
  std::vector<KeyValue> secret_options;
  SourceRef source;
};

struct EnvironmentFile {
  std::string value;  ///< arn:aws:s3:::bucket/key.env
  std::string type;   ///< s3
};

/// One portMappings[] entry of a container.
struct PortMapping {
  std::optional<int> container_port;
  std::string protocol;  ///< tcp | udp | "" (tcp)
  std::string name;      ///< used by Service Connect
};

/// linuxParameters of a container: only what Fargate restricts (TD009).
struct LinuxParameters {
  std::vector<std::string> capabilities_add;   ///< capabilities.add
  std::vector<std::string> capabilities_drop;  ///< capabilities.drop
  int devices = 0;                             ///< number of devices[] entries
  std::optional<int> shared_memory_size;
  int tmpfs = 0;                               ///< number of tmpfs[] entries
  std::optional<int> max_swap;
  std::optional<int> swappiness;
};

/// One dependsOn[] entry of a container.
struct ContainerDependency {
  std::string container_name;
  std::string condition;  ///< START | COMPLETE | SUCCESS | HEALTHY
};

struct ContainerDefinition {
  std::string name;
  std::string image;
  bool essential = true;
  std::string repository_credentials;  ///< credentialsParameter ARN
  std::vector<KeyValue> secrets;
  std::vector<EnvironmentFile> environment_files;
  std::optional<LogConfiguration> log_configuration;
  bool firelens = false;
  std::string firelens_type;  ///< firelensConfiguration.type: fluentbit | fluentd
  std::map<std::string, std::string> firelens_options;  ///< firelensConfiguration.options
  std::vector<PortMapping> port_mappings;
  std::optional<int> cpu;
  std::optional<int> memory;
  std::optional<int> memory_reservation;
  std::optional<LinuxParameters> linux_parameters;
  std::vector<ContainerDependency> depends_on;
  bool health_check = false;  ///< healthCheck present
  SourceRef source;
};

struct EfsVolume {
  std::string name;
  std::string file_system_id;
  std::string root_directory;
  std::string transit_encryption;
  std::string access_point_id;
  bool iam_authorization = false;
};

struct TaskDefinition {
  std::string arn;  ///< "" for a task definition file not yet registered
  std::string family;
  int revision = 0;
  std::string region;
  std::string account;
  std::string status;  ///< ACTIVE | INACTIVE | DELETE_IN_PROGRESS | ""
  std::vector<std::string> requires_compatibilities;
  std::vector<std::string> compatibilities;
  std::string network_mode;
  std::string cpu;     ///< as written: "256", "1 vCPU"
  std::string memory;  ///< as written: "512", "1 GB"
  std::string execution_role_arn;
  std::string task_role_arn;
  std::string cpu_architecture;         ///< runtimePlatform.cpuArchitecture
  std::string operating_system_family;  ///< runtimePlatform.operatingSystemFamily
  std::optional<int> ephemeral_storage_gib;
  std::vector<ContainerDefinition> containers;
  std::vector<EfsVolume> efs_volumes;
  std::vector<std::string> configured_at_launch;  ///< volumes[] with configuredAtLaunch: true
  SourceRef source;

  /// "family:revision", the short name ECS prints.
  std::string DisplayName() const;
};

struct Cluster {
  std::string arn;
  std::string name;
  std::string region;
  std::string status;
  std::vector<std::string> capacity_providers;
  /// configuration.managedStorageConfiguration.fargateEphemeralStorageKmsKeyId
  /// (describe-clusters --include CONFIGURATIONS); "" when none or not included.
  std::string fargate_ephemeral_storage_kms_key_id;
  SourceRef source;
};

}  // namespace fd::model
