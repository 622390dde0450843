#pragma once
/// The typed, indexed snapshot every check reads. Ingest fills a ModelBuilder from AWS CLI
/// JSON; Build() freezes it into a Model that is immutable, so checks get a `const Model&` and
/// can never disagree about what the account looks like. Every entity remembers where it came
/// from (SourceRef), so a finding can point at the exact file and JSON pointer.
///
/// Field names follow AWS vocabulary in snake_case (`assign_public_ip`, `map_public_ip_on_launch`)
/// so findings read like the console. Optional fields are std::optional: "absent from the
/// snapshot" must stay distinguishable from "false", because missing data makes a check
/// unchecked, never an implicit "ok".

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "util/ip.h"
#include "util/source_ref.h"

namespace fd::model {

// ---- EC2 networking --------------------------------------------------------------------------

struct Vpc {
  std::string id;
  std::string region;  ///< "" when no source names it
  std::string owner_id;
  std::vector<Cidr4> cidrs;  ///< primary first, then secondary associations (associated only)
  std::vector<Cidr6> ipv6_cidrs;
  std::string dhcp_options_id;
  bool is_default = false;
  std::optional<bool> enable_dns_support;    ///< from describe-vpc-attribute
  std::optional<bool> enable_dns_hostnames;  ///< from describe-vpc-attribute
  SourceRef source;
};

struct Subnet {
  std::string id;
  std::string vpc_id;
  std::string region;
  std::string owner_id;
  std::string availability_zone;     ///< name, e.g. "eu-west-3a" (shuffled per account)
  std::string availability_zone_id;  ///< e.g. "euw3-az1": compare these, never names
  std::optional<Cidr4> cidr;         ///< absent for IPv6-only subnets
  std::vector<Cidr6> ipv6_cidrs;
  std::optional<int> available_ip_address_count;
  bool map_public_ip_on_launch = false;  ///< irrelevant to Fargate; kept to explain that
  bool ipv6_native = false;
  bool enable_dns64 = false;
  std::string state;  ///< "available" | "pending" | ""
  std::string outpost_arn;
  SourceRef source;
};

/// What a route sends traffic to. Order matters only for display.
enum class RouteTarget {
  kLocal,
  kInternetGateway,
  kNatGateway,
  kGatewayEndpoint,  ///< vpce-… on a prefix-list route (S3/DynamoDB gateway endpoint)
  kGwlbEndpoint,     ///< vpce-… on a CIDR route (inspection appliance)
  kTransitGateway,
  kPeering,
  kVpnGateway,
  kNetworkInterface,
  kInstance,
  kEgressOnlyInternetGateway,
  kCoreNetwork,
  kLocalGateway,
  kCarrierGateway,
  kUnknown,
};

struct Route {
  std::optional<Cidr4> destination;       ///< DestinationCidrBlock
  std::optional<Cidr6> destination_ipv6;  ///< DestinationIpv6CidrBlock
  std::string destination_prefix_list_id;  ///< DestinationPrefixListId
  RouteTarget target = RouteTarget::kUnknown;
  std::string target_id;  ///< igw-…, nat-…, tgw-…, "local", the CoreNetworkArn, …
  bool blackhole = false;  ///< State == "blackhole"
  std::string origin;      ///< CreateRouteTable | CreateRoute | EnableVgwRoutePropagation
  SourceRef source;
};

struct RouteTable {
  std::string id;
  std::string vpc_id;
  std::string region;
  bool main = false;                    ///< Associations[].Main == true
  std::vector<std::string> subnet_ids;  ///< explicit associations
  std::vector<Route> routes;
  SourceRef source;
};

struct NaclEntry {
  int rule_number = 0;
  bool egress = false;
  int protocol = -1;  ///< -1 all, 6 tcp, 17 udp, 1 icmp, …
  std::optional<PortRange> ports;  ///< absent: all ports (protocol -1, or ICMP)
  std::optional<Cidr4> cidr;
  std::optional<Cidr6> ipv6_cidr;
  bool allow = false;
  SourceRef source;
};

struct NetworkAcl {
  std::string id;
  std::string vpc_id;
  std::string region;
  bool is_default = false;
  std::vector<std::string> subnet_ids;
  std::vector<NaclEntry> entries;  ///< sorted by (egress, rule_number) after Build()
  SourceRef source;
};

/// One permission of a security group, from describe-security-groups (IpPermissions[]) or one
/// row of describe-security-group-rules; both become this shape.
struct SgRule {
  int protocol = -1;  ///< -1 all, 6 tcp, 17 udp, …
  PortRange ports;    ///< all ports when protocol is -1
  std::vector<Cidr4> cidrs;
  std::vector<Cidr6> ipv6_cidrs;
  std::vector<std::string> prefix_list_ids;
  std::vector<std::string> group_ids;  ///< UserIdGroupPairs[].GroupId / ReferencedGroupInfo
  SourceRef source;
};

struct SecurityGroup {
  std::string id;
  std::string name;  ///< "default" for the VPC default group
  std::string vpc_id;
  std::string region;
  std::string owner_id;
  std::vector<SgRule> ingress;
  std::vector<SgRule> egress;
  bool rules_known = true;  ///< false when only a reference (no rules) was seen
  SourceRef source;
};

enum class EndpointType { kInterface, kGateway, kGatewayLoadBalancer, kOther };

struct VpcEndpoint {
  std::string id;
  std::string vpc_id;
  std::string region;
  std::string service_name;  ///< com.amazonaws.eu-west-3.ecr.dkr
  std::string service_region;  ///< ServiceRegion for cross-Region endpoints; "" otherwise
  EndpointType type = EndpointType::kOther;
  std::string state;  ///< lower-cased: "available", "pendingacceptance", …
  bool private_dns_enabled = false;
  std::vector<std::string> subnet_ids;
  std::vector<std::string> group_ids;
  std::vector<std::string> route_table_ids;
  std::vector<std::string> network_interface_ids;
  std::string policy_document;  ///< decoded JSON text (ingest PolicyText); "" when not given
  SourceRef source;
};

struct NatGatewayAddress {
  std::string public_ip;
  std::string private_ip;
  std::string availability_zone_id;  ///< regional NAT gateways only
};

struct NatGateway {
  std::string id;
  std::string vpc_id;
  std::string region;
  std::string subnet_id;  ///< "" for regional NAT gateways
  std::string state;      ///< pending | failed | available | deleting | deleted
  std::string connectivity_type = "public";  ///< public | private (absent means public)
  std::string availability_mode;  ///< "zonal" (default) | "regional"
  std::string route_table_id;     ///< regional NAT gateways carry their own route table
  std::string failure_message;
  std::vector<NatGatewayAddress> addresses;
  SourceRef source;
};

struct GatewayAttachment {
  std::string vpc_id;
  std::string state;  ///< "available" / "attached" for internet gateways
};

struct InternetGateway {
  std::string id;
  std::string region;
  bool egress_only = false;  ///< eigw-…
  std::vector<GatewayAttachment> attachments;
  SourceRef source;
};

struct DhcpOptions {
  std::string id;
  std::string region;
  std::vector<std::string> domain_name_servers;  ///< "AmazonProvidedDNS" or IPs
  std::string domain_name;
  SourceRef source;
};

/// An AWS-managed or customer-managed prefix list (describe-prefix-lists has the CIDRs;
/// describe-managed-prefix-lists only names them, get-managed-prefix-list-entries fills them).
struct PrefixList {
  std::string id;
  std::string name;  ///< com.amazonaws.eu-west-3.s3 for the S3 list
  std::string region;
  std::vector<Cidr4> cidrs;
  std::vector<Cidr6> ipv6_cidrs;
  bool cidrs_known = false;
  SourceRef source;
};

struct NetworkInterface {
  std::string id;
  std::string subnet_id;
  std::string vpc_id;
  std::string region;
  std::string availability_zone;
  std::string interface_type;  ///< interface | vpc_endpoint | nat_gateway | …
  std::string status;
  std::string private_ip;
  std::string public_ip;  ///< Association.PublicIp
  std::vector<std::string> group_ids;
  std::string description;
  SourceRef source;
};

struct AvailabilityZone {
  std::string name;
  std::string zone_id;
  std::string zone_type;  ///< availability-zone | local-zone | wavelength-zone
  std::string region;
  std::string state;
  SourceRef source;
};

// ---- ECS --------------------------------------------------------------------------------------

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

/// Who ran the snapshot (sts get-caller-identity), when saved.
struct CallerIdentity {
  std::string account;
  std::string arn;
};

// ---- Resources a start reads: ECR, CloudWatch Logs, Secrets Manager, SSM, EFS -----------------

/// ecr describe-repositories. Keyed by ARN (arn:<p>:ecr:<region>:<registry>:repository/<name>).
struct EcrRepository {
  std::string arn;
  std::string name;
  std::string uri;
  std::string registry_id;
  std::string region;
  std::string encryption_type;  ///< AES256 | KMS | KMS_DSSE
  std::string kms_key;
  SourceRef source;
};

/// ecr describe-images (and batch-get-image for the manifest). Keyed by EcrImageKey().
struct EcrImage {
  std::string registry_id;
  std::string region;
  std::string repository_name;
  std::string digest;
  std::vector<std::string> tags;
  std::string manifest_media_type;  ///< imageManifestMediaType
  std::string artifact_media_type;  ///< artifactMediaType
  std::optional<int64_t> size_bytes;
  std::string status;  ///< imageStatus (ACTIVE | ARCHIVED | ACTIVATING); "" when not given
  /// "os/architecture" of each entry of a manifest list (batch-get-image); empty when unknown.
  std::vector<std::string> platforms;
  bool platforms_known = false;  ///< the manifest was read and was a list
  SourceRef source;
};
/// "<registry>/<region>/<repository>@<digest>" or "…:<tag>" (failures).
std::string EcrImageKey(const std::string& registry, const std::string& region,
                        const std::string& repository, const std::string& tag_or_digest);

/// ecr describe-pull-through-cache-rules pullThroughCacheRules[]. Keyed by
/// "<registry> <region> <prefix>"; region "" when no source names it (then it matches the
/// registry's images in any Region).
struct EcrPullThroughCacheRule {
  std::string registry_id;
  std::string region;
  std::string prefix;  ///< ecrRepositoryPrefix without a trailing '/'; "ROOT" matches every name
  std::string upstream_registry_url;  ///< registry-1.docker.io, ghcr.io, <acct>.dkr.ecr.<r>.amazonaws.com
  std::string upstream_registry;      ///< docker-hub | github-container-registry | quay | ecr | …; "" when not given
  std::string credential_arn;         ///< Secrets Manager secret; "" when none
  std::string custom_role_arn;        ///< ECR-to-ECR rules only
  std::string upstream_repository_prefix;
  SourceRef source;
};

/// ecr get-registry-policy (the private registry's permissions, one per account and Region).
/// Keyed by "<registry> <region>". policy nullopt: the registry provably has none
/// (RegistryPolicyNotFoundException in an error envelope).
struct EcrRegistryPolicy {
  std::string registry_id;
  std::string region;
  std::optional<std::string> policy;
  SourceRef source;
};

/// batch-get-image failures[]: ImageNotFound, ImageTagDoesNotMatchDigest, … Keyed by
/// EcrImageKey(…, tag or digest).
struct EcrImageFailure {
  std::string key;
  std::string registry_id;
  std::string region;
  std::string repository_name;
  std::string tag;
  std::string digest;
  std::string code;  ///< failureCode
  std::string reason;
  SourceRef source;
};

/// logs describe-log-groups. Keyed by "<region> <name>".
struct LogGroup {
  std::string name;
  std::string arn;
  std::string region;
  std::string kms_key_id;
  SourceRef source;
};

/// secretsmanager list-secrets / describe-secret. Never a secret value. Keyed by ARN.
struct Secret {
  std::string arn;
  std::string name;
  std::string region;
  std::string account;
  std::string deleted_date;  ///< "" when not scheduled for deletion
  std::string kms_key_id;
  std::map<std::string, std::vector<std::string>> version_stages;  ///< VersionIdsToStages
  bool versions_known = false;
  SourceRef source;
};

/// ssm describe-parameters. Keyed by "<region> <name>".
struct SsmParameter {
  std::string name;
  std::string arn;
  std::string region;
  std::string account;
  std::string type;  ///< String | StringList | SecureString
  std::string key_id;
  std::string tier;
  SourceRef source;
};

/// efs describe-file-systems. Keyed by FileSystemId.
struct EfsFileSystem {
  std::string id;
  std::string arn;
  std::string region;
  std::string life_cycle_state;
  std::string availability_zone_name;  ///< One Zone file systems only
  SourceRef source;
};

/// efs describe-mount-targets (+ describe-mount-target-security-groups). Keyed by id.
struct EfsMountTarget {
  std::string id;
  std::string file_system_id;
  std::string subnet_id;
  std::string vpc_id;
  std::string region;
  std::string availability_zone_id;
  std::string availability_zone_name;
  std::string ip_address;
  std::string ipv6_address;  ///< Ipv6Address of a dual-stack mount target
  std::string network_interface_id;
  std::string life_cycle_state;
  std::vector<std::string> security_groups;
  bool security_groups_known = false;
  SourceRef source;
};

/// efs describe-access-points. Keyed by AccessPointId.
struct EfsAccessPoint {
  std::string id;
  std::string arn;
  std::string file_system_id;
  std::string region;
  std::string life_cycle_state;
  std::string root_path;  ///< RootDirectory.Path ("" = "/")
  bool creation_info = false;  ///< RootDirectory.CreationInfo present
  SourceRef source;
};

// ---- Elastic Load Balancing v2 ----------------------------------------------------------------

/// elbv2 describe-target-groups. Keyed by ARN.
struct TargetGroup {
  std::string arn;
  std::string name;
  std::string region;
  std::string target_type;  ///< instance | ip | lambda | alb
  std::string vpc_id;
  std::string protocol;
  std::optional<int> port;
  std::string ip_address_type;  ///< ipv4 | ipv6
  std::vector<std::string> load_balancer_arns;
  SourceRef source;
};

/// elbv2 describe-load-balancers. Keyed by ARN.
struct LoadBalancer {
  std::string arn;
  std::string name;
  std::string region;
  std::string type;  ///< application | network | gateway
  std::string scheme;
  std::string vpc_id;
  std::string state;  ///< State.Code
  std::string ip_address_type;  ///< ipv4 | dualstack | dualstack-without-public-ipv4
  std::vector<std::string> zone_names;  ///< AvailabilityZones[].ZoneName
  std::vector<std::string> subnet_ids;  ///< AvailabilityZones[].SubnetId
  SourceRef source;
};

// ---- IAM, resource policies, KMS, organization guardrails --------------------------------------
// Every policy document is kept as decoded JSON text (PolicyText() in ingest turns the three
// encodings AWS prints, a JSON object, a JSON string and an RFC 3986 URL-encoded string, into
// one); the policy engine (src/iam) parses it. "" never means "empty policy": a field that may
// be absent is std::optional, and "known" flags tell a listed-and-empty set from an unread one.

/// An inline policy of a role (RolePolicyList[], get-role-policy, list-role-policies).
struct IamInlinePolicy {
  std::string name;
  std::optional<std::string> document;  ///< nullopt: only the name was listed
  SourceRef source;
};

/// iam get-role / get-account-authorization-details RoleDetailList[]. Keyed by ARN.
struct IamRole {
  std::string arn;  ///< arn:<p>:iam::<account>:role<path><name>
  std::string name;
  std::string path = "/";
  std::string account;
  std::string role_id;
  std::string create_date;  ///< as written
  std::optional<std::string> trust_policy;  ///< AssumeRolePolicyDocument, decoded
  std::vector<IamInlinePolicy> inline_policies;  ///< sorted by name after Build()
  bool inline_policies_known = false;  ///< the full list of names is known
  std::vector<std::string> attached_policy_arns;
  bool attached_policies_known = false;  ///< the full list is known
  std::string permissions_boundary_arn;  ///< "" with boundary_known: no boundary
  bool boundary_known = false;  ///< get-role and the authorization details always say
  std::string last_used_date;    ///< RoleLastUsed.LastUsedDate; "" when never or unknown
  std::string last_used_region;
  bool service_linked = false;  ///< path /aws-service-role/
  SourceRef source;

  const IamInlinePolicy* InlinePolicy(const std::string& policy_name) const;
};

/// A managed policy (customer or AWS managed): iam get-policy, get-policy-version (enveloped),
/// get-account-authorization-details Policies[]. Keyed by ARN.
struct IamManagedPolicy {
  std::string arn;
  std::string name;
  std::string path;
  std::string policy_id;
  std::string default_version_id;
  std::optional<std::string> document;  ///< the default version's document, decoded
  std::string create_date;
  std::string update_date;
  bool aws_managed = false;  ///< arn:<p>:iam::aws:policy/…
  SourceRef source;
};

/// ecr get-repository-policy. Keyed by repository ARN. policy nullopt: the repository provably
/// has no policy (RepositoryPolicyNotFoundException in an error envelope).
struct EcrRepositoryPolicy {
  std::string repository_arn;
  std::string registry_id;
  std::string region;
  std::string repository_name;
  std::optional<std::string> policy;
  SourceRef source;
};

/// secretsmanager get-resource-policy. Keyed by secret ARN. policy nullopt: the answer had no
/// ResourcePolicy, so the secret has none.
struct SecretPolicy {
  std::string secret_arn;
  std::string name;
  std::string region;
  std::string account;
  std::optional<std::string> policy;
  SourceRef source;
};

/// kms describe-key KeyMetadata (+ list-aliases, + enveloped get-key-policy). Keyed by key ARN.
struct KmsKey {
  std::string arn;
  std::string key_id;
  std::string region;
  std::string account;
  std::string key_state;    ///< Enabled | Disabled | PendingDeletion | PendingImport | Unavailable | …
  std::string key_manager;  ///< AWS | CUSTOMER | "" when only a policy or alias named it
  std::string key_usage;
  std::vector<std::string> aliases;  ///< alias/… names (list-aliases)
  std::optional<std::string> policy;  ///< the default key policy, decoded (get-key-policy)
  bool described = false;  ///< describe-key was read (state and manager are known)
  SourceRef source;
};

/// An organizations SCP or RCP (enveloped describe-policy) and the targets it is known to be
/// attached to. Keyed by policy id.
struct OrgPolicy {
  std::string id;  ///< p-…
  std::string arn;
  std::string name;
  std::string type;  ///< SERVICE_CONTROL_POLICY | RESOURCE_CONTROL_POLICY
  bool aws_managed = false;
  std::optional<std::string> content;  ///< policy text; nullopt when only listed
  std::vector<std::string> targets;  ///< account ids, ou-…, r-…, sorted
  SourceRef source;
};

/// A call the collector made that failed, from an error envelope ({"fargateDoctorEnvelope": 1,
/// "command": [...], "error": {"code", "message"}}).
struct ApiError {
  enum class Kind { kNotFound, kAccessDenied, kOther };
  std::string command;   ///< "iam get-role"
  std::string action;    ///< the IAM action the call needs: "iam:GetRole"
  std::string resource;  ///< what it named: --role-name, --policy-arn, --key-id, …; "" when none
  std::string region;
  std::string account;  ///< from the envelope, folder, ARN, else sts get-caller-identity
  std::string code;     ///< NoSuchEntity, AccessDenied, AccessDeniedException, …
  std::string message;
  Kind kind = Kind::kOther;
  SourceRef source;
};

// ---- The frozen model -------------------------------------------------------------------------

/// A vector of entities plus an id → position table. Lookups are O(1); iteration is in a
/// deterministic order (sorted by id after Build()). The table is open-addressed over a vector
/// of the entities' keys, so (re)building it allocates nothing per entity: an account's
/// hundreds of thousands of entities are indexed without a node each.
template <typename T>
struct IndexAccess;

template <typename T>
class Index {
 public:
  const T* Find(std::string_view id) const {
    const size_t i = Position(id);
    return i == kNone ? nullptr : &items_[i];
  }
  const std::vector<T>& all() const { return items_; }
  size_t size() const { return items_.size(); }
  auto begin() const { return items_.begin(); }
  auto end() const { return items_.end(); }

 private:
  friend struct IndexAccess<T>;
  static constexpr size_t kNone = static_cast<size_t>(-1);

  size_t Position(std::string_view id) const {
    if (slots_.empty()) return kNone;
    const size_t mask = slots_.size() - 1;
    for (size_t s = std::hash<std::string_view>()(id) & mask;; s = (s + 1) & mask) {
      const std::uint32_t v = slots_[s];
      if (v == 0) return kNone;
      if (keys_[v - 1] == id) return v - 1;
    }
  }
  /// Enters keys_[pos] in the table unless an earlier position holds the same key.
  void Link(size_t pos) {
    const size_t mask = slots_.size() - 1;
    for (size_t s = std::hash<std::string_view>()(keys_[pos]) & mask;; s = (s + 1) & mask) {
      std::uint32_t& v = slots_[s];
      if (v == 0) {
        v = static_cast<std::uint32_t>(pos + 1);
        return;
      }
      if (keys_[v - 1] == keys_[pos]) return;
    }
  }
  /// A table at most half full, with every key entered.
  void Relink() {
    size_t size = 16;
    while (size < 2 * keys_.size()) size *= 2;
    slots_.assign(size, 0);
    for (size_t i = 0; i < keys_.size(); ++i) Link(i);
  }

  std::vector<T> items_;
  std::vector<std::string> keys_;     ///< keys_[i] is the key of items_[i]
  std::vector<std::uint32_t> slots_;  ///< power-of-two table of position + 1; 0 is empty
};

class Model {
 public:
  const Index<Vpc>& vpcs() const { return vpcs_; }
  const Index<Subnet>& subnets() const { return subnets_; }
  const Index<RouteTable>& route_tables() const { return route_tables_; }
  const Index<NetworkAcl>& network_acls() const { return network_acls_; }
  const Index<SecurityGroup>& security_groups() const { return security_groups_; }
  const Index<VpcEndpoint>& vpc_endpoints() const { return vpc_endpoints_; }
  const Index<NatGateway>& nat_gateways() const { return nat_gateways_; }
  const Index<InternetGateway>& internet_gateways() const { return internet_gateways_; }
  const Index<DhcpOptions>& dhcp_options() const { return dhcp_options_; }
  const Index<PrefixList>& prefix_lists() const { return prefix_lists_; }
  const Index<NetworkInterface>& network_interfaces() const { return network_interfaces_; }
  const Index<AvailabilityZone>& availability_zones() const { return availability_zones_; }  ///< by name
  const Index<EcsService>& services() const { return services_; }  ///< by ARN
  const Index<EcsTask>& tasks() const { return tasks_; }            ///< by ARN
  const Index<TaskDefinition>& task_definitions() const { return task_definitions_; }  ///< by ARN or family:rev
  const Index<Cluster>& clusters() const { return clusters_; }  ///< by ARN
  const std::vector<std::string>& endpoint_services() const { return endpoint_services_; }
  const Index<EcrRepository>& ecr_repositories() const { return ecr_repositories_; }
  const Index<EcrImage>& ecr_images() const { return ecr_images_; }
  const Index<EcrImageFailure>& ecr_image_failures() const { return ecr_image_failures_; }
  const Index<EcrPullThroughCacheRule>& ecr_pull_through_cache_rules() const { return ecr_ptc_rules_; }
  const Index<EcrRegistryPolicy>& ecr_registry_policies() const { return ecr_registry_policies_; }  ///< by "<registry> <region>"
  /// The pull-through cache rule whose prefix the repository name starts with ("<prefix>/…";
  /// the longest prefix wins, "ROOT" matches any name), in that registry and Region (or in a
  /// rule whose Region is unknown); nullptr when none in the snapshot.
  const EcrPullThroughCacheRule* PullThroughCacheRuleFor(const std::string& registry,
                                                         const std::string& region,
                                                         const std::string& repository) const;
  const Index<LogGroup>& log_groups() const { return log_groups_; }
  const Index<Secret>& secrets() const { return secrets_; }
  const Index<SsmParameter>& ssm_parameters() const { return ssm_parameters_; }
  const Index<EfsFileSystem>& efs_file_systems() const { return efs_file_systems_; }
  const Index<EfsMountTarget>& efs_mount_targets() const { return efs_mount_targets_; }
  /// The image a tag points at in a repository; nullptr when none in the snapshot.
  const EcrImage* EcrImageByTag(const std::string& registry, const std::string& region,
                                const std::string& repository, const std::string& tag) const;
  /// A secret by "<region> <account> <name>"; nullptr when none.
  const Secret* SecretByName(const std::string& region, const std::string& account,
                             const std::string& name) const;
  const Index<EfsAccessPoint>& efs_access_points() const { return efs_access_points_; }
  const Index<TargetGroup>& target_groups() const { return target_groups_; }
  const Index<LoadBalancer>& load_balancers() const { return load_balancers_; }
  std::vector<const EfsMountTarget*> MountTargetsOf(const std::string& file_system_id) const;

  // IAM, resource policies, KMS, organizations (model_iam.cpp).
  const Index<IamRole>& iam_roles() const { return iam_roles_; }  ///< by ARN
  const Index<IamManagedPolicy>& iam_policies() const { return iam_policies_; }  ///< by ARN
  const Index<EcrRepositoryPolicy>& ecr_repository_policies() const { return ecr_repository_policies_; }  ///< by repository ARN
  const Index<SecretPolicy>& secret_policies() const { return secret_policies_; }  ///< by secret ARN
  const Index<KmsKey>& kms_keys() const { return kms_keys_; }  ///< by key ARN
  const Index<OrgPolicy>& org_policies() const { return org_policies_; }  ///< by policy id
  /// A role by account and name (IAM role names are unique per account, case-insensitively).
  const IamRole* RoleByName(const std::string& account, const std::string& name) const;
  /// True when the snapshot proves that `account` has no role named `name`: the role is not in
  /// the model and the account's full role list ("iam-roles <account>") or a get-role answer
  /// for that name ("iam-role <account> <lower-cased name>") is.
  bool RoleProvenAbsent(const std::string& account, const std::string& name) const;
  /// A KMS key by key id, key ARN, alias name ("alias/x") or alias ARN, in `region`/`account`
  /// (ARNs name their own); nullptr when unknown.
  const KmsKey* FindKmsKey(const std::string& region, const std::string& account,
                           const std::string& ref) const;
  /// The SCPs and RCPs known to be attached to a target (account id, ou-…, r-…).
  std::vector<const OrgPolicy*> OrgPoliciesOn(const std::string& target) const;
  /// Calls that failed (error envelopes), in file order.
  const std::vector<ApiError>& api_errors() const { return api_errors_; }
  /// The failed call `command` ("iam get-role") made for `resource`; nullptr when none.
  const ApiError* FailedCall(const std::string& command, const std::string& resource) const;
  /// The first call refused for want of IAM action `action` ("iam:GetRole"); nullptr when none.
  /// Checks name it in sink.Unchecked: the data set is unavailable, not absent.
  const ApiError* Denied(const std::string& action) const;
  /// True when the snapshot lists a whole scope, so absence from it is proof: "ecr <registry>
  /// <region>" (describe-repositories), "ecr-images <registry> <region> <repo>", "logs
  /// <region>", "secrets <region>", "ssm <region>", "efs-mount-targets <fs id>".
  /// IAM and friends: "iam-roles <account>" (get-account-authorization-details listed every
  /// role of the account, untruncated), "iam-role <account> <lower-cased name>" (get-role
  /// answered for that name, with the role or NoSuchEntity), "iam-policies <account>" (the
  /// authorization details listed every customer managed policy of the account), "iam-policy
  /// <arn>" (get-policy answered for that ARN), "kms-key <account> <region> <key id or
  /// alias>" (describe-key said NotFoundException for that --key-id; a found key is in kms_keys),
  /// "org-policies <TYPE> <target>" (list-policies-for-target listed every policy of that type
  /// attached directly to the target), "ecr-ptc <registry> <region>" (describe-pull-through-cache-rules
  /// listed every rule of that registry and Region; a listing filtered by prefix proves nothing),
  /// "ecr-registry-policy <registry> <region>" (get-registry-policy answered, with a policy or
  /// RegistryPolicyNotFoundException). An ECR repository or secret whose policy question was
  /// answered has an EcrRepositoryPolicy / SecretPolicy entry (policy nullopt when it has none).
  bool Covers(const std::string& scope) const { return coverage_.count(scope) > 0; }
  const std::vector<InputNote>& notes() const { return notes_; }
  const std::optional<CallerIdentity>& caller() const { return caller_; }

  /// Which data sets the snapshot holds at all ("Subnets", "RouteTables", "NetworkAcls", …,
  /// the recognising top-level key). A check uses it to tell "no such resource" from "not
  /// collected": only the first may be reported as a finding.
  bool Has(const std::string& dataset) const { return datasets_.count(dataset) > 0; }

  // Derived indexes, resolved once in Build().
  /// The route table that applies to a subnet: its explicit association, else the VPC's main
  /// table. nullptr when the snapshot has neither. `implicit` tells which case applied.
  const RouteTable* RouteTableForSubnet(const std::string& subnet_id, bool* implicit = nullptr) const;
  const NetworkAcl* NaclForSubnet(const std::string& subnet_id, bool* implicit = nullptr) const;
  const SecurityGroup* DefaultSecurityGroup(const std::string& vpc_id) const;
  std::vector<const VpcEndpoint*> EndpointsInVpc(const std::string& vpc_id) const;
  std::vector<const InternetGateway*> GatewaysAttachedTo(const std::string& vpc_id) const;
  const PrefixList* PrefixListByName(const std::string& name) const;
  /// The task definition a service or task names: by full ARN, or by "family:revision", or
  /// (for a bare family) the highest ACTIVE revision.
  const TaskDefinition* FindTaskDefinition(const std::string& ref) const;
  const AvailabilityZone* ZoneByName(const std::string& name) const { return availability_zones_.Find(name); }

 private:
  friend class ModelBuilder;
  Index<Vpc> vpcs_;
  Index<Subnet> subnets_;
  Index<RouteTable> route_tables_;
  Index<NetworkAcl> network_acls_;
  Index<SecurityGroup> security_groups_;
  Index<VpcEndpoint> vpc_endpoints_;
  Index<NatGateway> nat_gateways_;
  Index<InternetGateway> internet_gateways_;
  Index<DhcpOptions> dhcp_options_;
  Index<PrefixList> prefix_lists_;
  Index<NetworkInterface> network_interfaces_;
  Index<AvailabilityZone> availability_zones_;
  Index<EcsService> services_;
  Index<EcsTask> tasks_;
  Index<TaskDefinition> task_definitions_;
  Index<Cluster> clusters_;
  Index<EcrRepository> ecr_repositories_;
  Index<EcrImage> ecr_images_;
  Index<EcrImageFailure> ecr_image_failures_;
  Index<EcrPullThroughCacheRule> ecr_ptc_rules_;
  Index<EcrRegistryPolicy> ecr_registry_policies_;
  Index<LogGroup> log_groups_;
  Index<Secret> secrets_;
  Index<SsmParameter> ssm_parameters_;
  Index<EfsFileSystem> efs_file_systems_;
  Index<EfsMountTarget> efs_mount_targets_;
  Index<IamRole> iam_roles_;
  Index<IamManagedPolicy> iam_policies_;
  Index<EcrRepositoryPolicy> ecr_repository_policies_;
  Index<SecretPolicy> secret_policies_;
  Index<KmsKey> kms_keys_;
  Index<OrgPolicy> org_policies_;
  std::vector<ApiError> api_errors_;
  std::unordered_map<std::string, const IamRole*> role_by_name_;  ///< "<account> <lower name>"
  std::unordered_map<std::string, const KmsKey*> kms_key_by_ref_;  ///< "<region> <account> <id|alias>"
  std::unordered_map<std::string, std::vector<const OrgPolicy*>> org_policies_by_target_;
  std::unordered_map<std::string, size_t> failed_call_;  ///< "<command> <resource>"
  std::unordered_map<std::string, size_t> denied_action_;
  Index<EfsAccessPoint> efs_access_points_;
  Index<TargetGroup> target_groups_;
  Index<LoadBalancer> load_balancers_;
  std::unordered_map<std::string, const EcrImage*> ecr_image_by_tag_;
  std::unordered_map<std::string, const Secret*> secret_by_name_;
  std::unordered_map<std::string, std::vector<const EfsMountTarget*>> mount_targets_by_fs_;
  std::unordered_map<std::string, std::vector<std::string>> mount_target_groups_;
  std::unordered_map<std::string, int> coverage_;
  std::vector<std::string> endpoint_services_;
  std::vector<InputNote> notes_;
  std::optional<CallerIdentity> caller_;
  std::unordered_map<std::string, int> datasets_;

  std::unordered_map<std::string, const RouteTable*> subnet_route_table_;
  std::unordered_map<std::string, const RouteTable*> main_route_table_;  ///< by VPC
  std::unordered_map<std::string, const NetworkAcl*> subnet_nacl_;
  std::unordered_map<std::string, const NetworkAcl*> default_nacl_;  ///< by VPC
  std::unordered_map<std::string, const SecurityGroup*> default_sg_;  ///< by VPC
  std::unordered_map<std::string, std::vector<const VpcEndpoint*>> endpoints_by_vpc_;
  std::unordered_map<std::string, std::vector<const InternetGateway*>> igws_by_vpc_;
  std::unordered_map<std::string, const PrefixList*> prefix_list_by_name_;
  std::unordered_map<std::string, const TaskDefinition*> task_definition_by_family_;
};

/// Where ingest puts what it reads: the entities of each file, in the file's order. The
/// ModelBuilder applies them; a ModelRecording keeps them to apply later, so that files can be
/// typed on several threads and applied in order on one.
class ModelSink {
 public:
  virtual ~ModelSink() = default;
  virtual void AddVpc(Vpc v) = 0;
  /// Merges a describe-vpc-attribute answer into the VPC (creating a stub when unseen).
  virtual void SetVpcAttribute(const std::string& vpc_id, const std::string& attribute, bool value,
                               const SourceRef& source) = 0;
  virtual void AddSubnet(Subnet s) = 0;
  virtual void AddRouteTable(RouteTable t) = 0;
  virtual void AddNetworkAcl(NetworkAcl a) = 0;
  virtual void AddSecurityGroup(SecurityGroup g) = 0;
  /// A describe-security-group-rules row: appended to the group's ingress or egress.
  virtual void AddSecurityGroupRule(const std::string& group_id, bool egress, SgRule rule,
                                    const std::string& region) = 0;
  virtual void AddVpcEndpoint(VpcEndpoint e) = 0;
  virtual void AddNatGateway(NatGateway n) = 0;
  virtual void AddInternetGateway(InternetGateway g) = 0;
  virtual void AddDhcpOptions(DhcpOptions d) = 0;
  virtual void AddPrefixList(
      PrefixList p) = 0;  ///< merges CIDRs into an existing list of the same id
  virtual void AddNetworkInterface(NetworkInterface n) = 0;
  virtual void AddAvailabilityZone(AvailabilityZone z) = 0;
  virtual void AddEndpointService(std::string name) = 0;
  virtual void AddService(EcsService s) = 0;
  virtual void AddTask(EcsTask t) = 0;
  virtual void AddTaskDefinition(TaskDefinition t) = 0;
  virtual void AddCluster(Cluster c) = 0;
  virtual void SetCaller(CallerIdentity c) = 0;
  virtual void AddEcrRepository(EcrRepository r) = 0;
  virtual void AddEcrImage(
      EcrImage i) = 0;  ///< merges manifest platforms into an image already seen
  virtual void AddEcrImageFailure(EcrImageFailure f) = 0;
  /// A pull-through cache rule; an empty registry_id is the caller's account.
  virtual void AddEcrPullThroughCacheRule(EcrPullThroughCacheRule r) = 0;
  /// A registry policy answer (policy nullopt: none); an empty registry_id is the caller's.
  virtual void AddEcrRegistryPolicy(EcrRegistryPolicy p) = 0;
  virtual void AddLogGroup(LogGroup g) = 0;
  virtual void AddSecret(Secret s) = 0;
  virtual void AddSsmParameter(SsmParameter p) = 0;
  virtual void AddEfsFileSystem(EfsFileSystem f) = 0;
  virtual void AddEfsMountTarget(EfsMountTarget t) = 0;
  virtual void AddEfsAccessPoint(EfsAccessPoint a) = 0;
  virtual void AddTargetGroup(TargetGroup g) = 0;
  virtual void AddLoadBalancer(LoadBalancer l) = 0;
  /// describe-mount-target-security-groups (enveloped): the groups of one mount target.
  virtual void SetMountTargetSecurityGroups(const std::string& mount_target_id,
                                            std::vector<std::string> groups) = 0;
  /// Records that a whole scope was listed (see Model::Covers).
  virtual void MarkCoverage(const std::string& scope) = 0;
  /// A Region an input file names (envelope, folder, ARN or zone). When every file names the
  /// same one, outputs that name none are taken to be in it (Build()).
  virtual void NoteRegion(const std::string& region) = 0;

  // IAM, resource policies, KMS, organizations (model_iam.cpp). Data that names a role only by
  // name, or an account only implicitly (an envelope without one), is kept aside and resolved
  // in Build(): an empty account becomes the sts get-caller-identity account.
  virtual void AddIamRole(IamRole r) = 0;  ///< merges what a second copy adds
  /// get-role-policy: one inline policy of role `role_name`.
  virtual void AddRoleInlinePolicy(const std::string& account, const std::string& role_name,
                                   IamInlinePolicy p) = 0;
  /// list-role-policies (enveloped): the complete list of inline policy names.
  virtual void SetRoleInlinePolicyNames(const std::string& account, const std::string& role_name,
                                        std::vector<std::string> names,
                                        const SourceRef& source) = 0;
  /// list-attached-role-policies (enveloped): the complete list of attached policy ARNs.
  virtual void SetRoleAttachedPolicies(const std::string& account, const std::string& role_name,
                                       std::vector<std::string> arns, const SourceRef& source) = 0;
  virtual void AddIamPolicy(IamManagedPolicy p) = 0;  ///< merges document and metadata
  /// An ECR repository policy; an empty registry_id is the caller's account.
  virtual void AddEcrRepositoryPolicy(EcrRepositoryPolicy p) = 0;
  virtual void AddSecretPolicy(SecretPolicy p) = 0;
  virtual void AddKmsKey(KmsKey k) = 0;  ///< merges describe-key, aliases and policy
  /// list-aliases: alias `alias_name` ("alias/x") points at key id `key_id`.
  virtual void AddKmsAlias(const std::string& region, const std::string& account,
                           const std::string& alias_name, const std::string& key_id) = 0;
  /// get-key-policy (enveloped): `key_ref` is what --key-id said (id, ARN, alias, alias ARN).
  virtual void SetKmsKeyPolicy(const std::string& region, const std::string& account,
                               const std::string& key_ref, std::string policy,
                               const SourceRef& source) = 0;
  virtual void AddOrgPolicy(OrgPolicy p) = 0;  ///< merges content and targets
  virtual void AddApiError(ApiError e) = 0;    ///< an empty account is the caller's
  /// MarkCoverage("<kind> <account> <rest>") once the account is known ("" = the caller's).
  virtual void MarkAccountCoverage(const std::string& kind, const std::string& account,
                                   const std::string& rest) = 0;
  virtual void AddNote(InputNote n) = 0;
  /// Records that the snapshot holds a data set ("Subnets", …) even when it is empty.
  virtual void MarkDataset(const std::string& dataset) = 0;
};

/// Collects entities during ingest. Adding an entity whose id is already present keeps the
/// first copy and merges what the second adds (an SG seen in describe-security-groups and in
/// describe-security-group-rules), noting real disagreements. Build() sorts, indexes and
/// resolves references once; dangling ones become notes, never crashes.
class ModelBuilder final : public ModelSink {
 public:
  void AddVpc(Vpc v) override;
  void SetVpcAttribute(const std::string& vpc_id, const std::string& attribute, bool value,
                       const SourceRef& source) override;
  void AddSubnet(Subnet s) override;
  void AddRouteTable(RouteTable t) override;
  void AddNetworkAcl(NetworkAcl a) override;
  void AddSecurityGroup(SecurityGroup g) override;
  void AddSecurityGroupRule(const std::string& group_id, bool egress, SgRule rule,
                            const std::string& region) override;
  void AddVpcEndpoint(VpcEndpoint e) override;
  void AddNatGateway(NatGateway n) override;
  void AddInternetGateway(InternetGateway g) override;
  void AddDhcpOptions(DhcpOptions d) override;
  void AddPrefixList(PrefixList p) override;
  void AddNetworkInterface(NetworkInterface n) override;
  void AddAvailabilityZone(AvailabilityZone z) override;
  void AddEndpointService(std::string name) override;
  void AddService(EcsService s) override;
  void AddTask(EcsTask t) override;
  void AddTaskDefinition(TaskDefinition t) override;
  void AddCluster(Cluster c) override;
  void SetCaller(CallerIdentity c) override;
  void AddEcrRepository(EcrRepository r) override;
  void AddEcrImage(EcrImage i) override;
  void AddEcrImageFailure(EcrImageFailure f) override;
  void AddEcrPullThroughCacheRule(EcrPullThroughCacheRule r) override;
  void AddEcrRegistryPolicy(EcrRegistryPolicy p) override;
  void AddLogGroup(LogGroup g) override;
  void AddSecret(Secret s) override;
  void AddSsmParameter(SsmParameter p) override;
  void AddEfsFileSystem(EfsFileSystem f) override;
  void AddEfsMountTarget(EfsMountTarget t) override;
  void AddEfsAccessPoint(EfsAccessPoint a) override;
  void AddTargetGroup(TargetGroup g) override;
  void AddLoadBalancer(LoadBalancer l) override;
  void SetMountTargetSecurityGroups(const std::string& mount_target_id,
                                    std::vector<std::string> groups) override;
  void MarkCoverage(const std::string& scope) override;
  void NoteRegion(const std::string& region) override;
  void AddIamRole(IamRole r) override;
  void AddRoleInlinePolicy(const std::string& account, const std::string& role_name,
                           IamInlinePolicy p) override;
  void SetRoleInlinePolicyNames(const std::string& account, const std::string& role_name,
                                std::vector<std::string> names, const SourceRef& source) override;
  void SetRoleAttachedPolicies(const std::string& account, const std::string& role_name,
                               std::vector<std::string> arns, const SourceRef& source) override;
  void AddIamPolicy(IamManagedPolicy p) override;
  void AddEcrRepositoryPolicy(EcrRepositoryPolicy p) override;
  void AddSecretPolicy(SecretPolicy p) override;
  void AddKmsKey(KmsKey k) override;
  void AddKmsAlias(const std::string& region, const std::string& account,
                   const std::string& alias_name, const std::string& key_id) override;
  void SetKmsKeyPolicy(const std::string& region, const std::string& account,
                       const std::string& key_ref, std::string policy,
                       const SourceRef& source) override;
  void AddOrgPolicy(OrgPolicy p) override;
  void AddApiError(ApiError e) override;
  void MarkAccountCoverage(const std::string& kind, const std::string& account,
                           const std::string& rest) override;
  void AddNote(InputNote n) override;
  void MarkDataset(const std::string& dataset) override;

  /// Sorts, indexes and resolves references. Entities whose input named no region get the
  /// snapshot's when its files name only one, else (VPC-scoped ones) their VPC's region
  /// (itself taken from its subnets when the VPC listing lacks one).
  Model Build() &&;

 private:
  static void FillRegionsFromVpcs(Model& m);
  static void IndexResources(Model& m);
  void ResolveIam();  ///< model_iam.cpp, called by Build() before anything is indexed
  // model_regions.cpp: the Region of a snapshot whose files all name one.
  void FillSnapshotRegion();          ///< gives it to every entity that names none
  std::string SnapshotRegion() const;  ///< "" when the files name none or several
  std::string RegionAdvice() const;    ///< for a note: what would settle a missing Region
  std::set<std::string> regions_named_;
  struct PendingRole {
    enum class What { kInline, kInlineNames, kAttached };
    What what = What::kInline;
    std::string account, role_name;
    IamInlinePolicy inline_policy;
    std::vector<std::string> list;
    SourceRef source;
  };
  struct PendingKeyPolicy {
    std::string region, account, key_ref, policy;
    SourceRef source;
  };
  struct PendingAlias {
    std::string region, account, alias_name, key_id;
  };
  std::vector<PendingRole> pending_roles_;
  std::vector<PendingKeyPolicy> pending_key_policies_;
  std::vector<PendingAlias> pending_aliases_;
  std::vector<EcrRepositoryPolicy> pending_repo_policies_;
  std::vector<EcrPullThroughCacheRule> pending_ptc_rules_;
  std::vector<EcrRegistryPolicy> pending_registry_policies_;
  struct PendingCoverage {
    std::string kind, account, rest;
  };
  std::vector<PendingCoverage> pending_coverage_;
  Model m_;
};

/// The region an ARN names ("arn:aws:ecs:eu-west-3:…" → "eu-west-3"); "" when none.
std::string RegionOfArn(const std::string& arn);
/// The account an ARN names; "" when none.
std::string AccountOfArn(const std::string& arn);
/// The partition an ARN names ("aws", "aws-cn", "aws-us-gov"); "aws" when unknown.
std::string PartitionOfArn(const std::string& arn);
/// The region an availability zone name belongs to ("eu-west-3a" → "eu-west-3"; local zones
/// such as "us-west-2-lax-1a" → "us-west-2").
std::string RegionOfZoneName(const std::string& zone);
/// The partition of a region ("cn-north-1" → "aws-cn").
std::string PartitionOfRegion(const std::string& region);
/// The DNS suffix of a partition ("amazonaws.com", "amazonaws.com.cn").
std::string DnsSuffixOfRegion(const std::string& region);

}  // namespace fd::model
