#pragma once
/// The changes fargate-doctor proposes, as data. A check's fix and the remedy planner build
/// `Step`s and never a command string: one renderer per output turns each kind into text (the
/// AWS CLI today, fix/cli.cpp; a CloudFormation or Terraform edit later, from the same fields).
/// A step names the AWS resources it touches (`Touches`) and what it costs (`CostOf`).
///
/// Field values are AWS identifiers or a placeholder in angle brackets for what the user must
/// supply or what an earlier step creates ("<eipalloc-id>", "<new-sg-id>"); a renderer for a
/// template maps an identifier to the template's logical ID and a placeholder of an earlier
/// step to a reference to that step's resource.

#include <string>
#include <variant>
#include <vector>

namespace fd::fix {

struct Ports {
  int from = 443;
  int to = 443;
};

// ---- VPC ---------------------------------------------------------------------------------------

/// A route of `destination` to a NAT gateway or an internet gateway; `replace` when the table
/// already has a route for it.
struct Route {
  enum class Via { kNatGateway, kInternetGateway };
  bool replace = false;
  std::string route_table;
  std::string destination;
  Via via = Via::kNatGateway;
  std::string target;  ///< nat-…, igw-…
};
/// An Elastic IP for a NAT gateway (billed while allocated).
struct ElasticIp {};
struct NatGateway {
  std::string subnet;
  std::string allocation = "<eipalloc-id>";
};
struct AttachInternetGateway {
  std::string gateway;
  std::string vpc;
};
/// A security group rule. The peer is one of a CIDR, an IPv6 CIDR, a prefix list or a group.
struct SecurityGroupRule {
  enum class Peer { kCidr, kCidr6, kPrefixList, kGroup };
  std::string group;
  bool egress = true;
  std::string protocol = "tcp";
  Ports ports;
  Peer peer_kind = Peer::kCidr;
  std::string peer;
};
struct NetworkAclEntry {
  std::string acl;
  bool egress = true;
  int rule_number = 100;
  Ports ports;
  std::string cidr;
};
struct SecurityGroup {
  std::string vpc;
  std::string name;
  std::string description;
};
/// An interface endpoint with private DNS (billed per hour and AZ).
struct InterfaceEndpoint {
  std::string vpc;
  std::string service_name;
  std::vector<std::string> subnets;
  std::string security_group;
};
struct GatewayEndpoint {
  std::string vpc;
  std::string service_name;
  std::vector<std::string> route_tables;
};
struct EndpointRouteTables {
  std::string endpoint;
  std::vector<std::string> add;
};
struct EndpointPrivateDns {
  std::string endpoint;
};
/// A new endpoint policy, from a file the user writes.
struct EndpointPolicy {
  std::string endpoint;
  std::string region;
};
struct VpcDnsAttribute {
  enum class Which { kSupport, kHostnames };
  std::string vpc;
  Which which = Which::kSupport;
};
struct SubnetDns64 {
  std::string subnet;
};
struct RouteTableAssociation {
  std::string route_table;
  std::string subnet;
};

// ---- ECS ---------------------------------------------------------------------------------------

/// awsvpcConfiguration of a service or a task.
struct NetworkConfiguration {
  std::vector<std::string> subnets;
  std::vector<std::string> security_groups;  ///< empty: the VPC's default group
  std::string assign_public_ip;              ///< ENABLED | DISABLED
};
/// An update of a service; fields left empty are not changed.
struct ServiceUpdate {
  std::string cluster;  ///< a name or an ARN
  std::string service;
  std::string task_definition;
  std::vector<NetworkConfiguration> network;  ///< at most one
  std::string capacity_provider_strategy;     ///< CLI shorthand
  std::string load_balancers;                 ///< CLI shorthand
  std::string deployment_configuration;       ///< CLI shorthand
  std::string platform_version;
  std::string volume_configurations;          ///< JSON
  std::string propagate_tags;
  bool force_new_deployment = false;
  std::string region;
};
/// A standalone task started again with a corrected launch.
struct RunTask {
  std::string task_definition;
  std::string cluster;
  std::string platform_version;
  NetworkConfiguration network;
  std::string overrides;  ///< JSON of --overrides ("" for none)
};
/// A new revision of a task definition: exported (when registered), edited as `edit` says,
/// registered, and the service moved to it.
struct TaskDefinitionRevision {
  std::string name;  ///< family:revision to export; "" when it is a local file
  std::string edit;
  std::string family;
  std::string cpu;     ///< set with --cpu/--memory on registration ("" keeps the file's)
  std::string memory;
  std::string cluster;  ///< with service: the service to update
  std::string service;
};
struct Cluster {
  std::string name;
  std::string region;
};
struct ClusterCapacityProviders {
  std::string cluster;
  std::vector<std::string> providers;
  std::string default_strategy;
  std::string region;
};
struct ClusterEphemeralStorageKey {
  std::string cluster;
  std::string key;
  std::string region;
};

// ---- ECR, IAM, KMS, Secrets Manager, CloudWatch Logs, EFS, ELB, quotas, Organizations ------------

struct Repository {
  std::string name;
  std::string region;  ///< "" leaves it to the CLI's configuration
};
struct ImageStorageClass {
  std::string registry;
  std::string repository;
  std::string digest;
  std::string region;
};
/// A repository policy: `text` inline, or from repository-policy.json when empty.
struct RepositoryPolicy {
  std::string registry;
  std::string repository;
  std::string region;
  std::string text;
};
/// A secret of upstream credentials (the user's file) and the rule pointed at it.
struct PullThroughCacheCredential {
  std::string prefix;
  std::string secret_region;
  std::string rule_region;
  std::string credential = "<secret ARN>";
};
/// An inline policy of a role (or of a user, `user`); `document` inline, or from `file`.
struct InlinePolicy {
  bool user = false;
  std::string principal;  ///< role or user name
  std::string name;
  std::string document;
};
struct ManagedPolicyAttachment {
  std::string role;
  std::string policy_arn;
};
struct Role {
  std::string name;
  std::string trust;  ///< trust policy document
};
struct TrustPolicy {
  std::string role;
  std::string document;
};
struct ServiceLinkedRole {
  std::string service;
};
struct PermissionsBoundaryRemoval {
  std::string role;
};
/// A new default version of a managed policy, from `file`.
struct PolicyVersion {
  std::string policy_arn;
  std::string file;
};
/// A key policy, from key-policy.json.
struct KeyPolicy {
  std::string key;
  std::string region;
};
struct KeyEnabled {
  std::string key;
  std::string region;  ///< "" leaves it to the CLI's configuration
  bool cancel_deletion = false;
};
/// A secret whose value the user supplies in `file` (never the tool).
struct Secret {
  std::string name;
  std::string file;
  std::string region;
};
/// A secret's resource policy: `document` inline, or from secret-policy.json when empty.
struct SecretPolicy {
  std::string secret;
  std::string document;
  std::string region;
};
struct SecretRestore {
  std::string secret;
  std::string region;
};
struct SecretKey {
  std::string secret;
  std::string key;
  std::string region;
};
struct LogGroup {
  std::string name;
  std::string region;
};
struct MountTarget {
  std::string file_system;
  std::string subnet;
  std::vector<std::string> security_groups;
};
struct AccessPoint {
  std::string file_system;
  std::string path;
  bool with_creation_info = false;  ///< owner 1000:1000, mode 755
};
struct LoadBalancerSubnets {
  std::string load_balancer;
  std::vector<std::string> subnets;
};
/// A target group of target type ip; `replaces` the group of another type it stands in for
/// ("" = none): a template changes that group's type in place, where it declares it.
struct TargetGroup {
  std::string name;
  std::string protocol;
  int port = 0;
  std::string vpc;
  std::string replaces;
};
struct QuotaIncrease {
  std::string service_code;
  std::string quota_code;
  std::string region;
};
/// A new content of an organization policy (SCP or RCP), from guardrail.json.
struct OrganizationPolicy {
  std::string policy;
};

// ---- reads -------------------------------------------------------------------------------------

/// A read that gathers what a decision needs (describe, get, list): not a change, so no
/// template renders it. `args` are the CLI's words after the operation.
struct Read {
  std::string service;
  std::string operation;
  std::vector<std::string> args;
  std::string region;  ///< --region after the args ("" leaves it to the CLI's configuration)
};

using Step = std::variant<
    Route, ElasticIp, NatGateway, AttachInternetGateway, SecurityGroupRule, NetworkAclEntry,
    SecurityGroup, InterfaceEndpoint, GatewayEndpoint, EndpointRouteTables, EndpointPrivateDns,
    EndpointPolicy, VpcDnsAttribute, SubnetDns64, RouteTableAssociation, ServiceUpdate, RunTask,
    TaskDefinitionRevision, Cluster, ClusterCapacityProviders, ClusterEphemeralStorageKey,
    Repository, ImageStorageClass, RepositoryPolicy, PullThroughCacheCredential, InlinePolicy,
    ManagedPolicyAttachment, Role, TrustPolicy, ServiceLinkedRole, PermissionsBoundaryRemoval,
    PolicyVersion, KeyPolicy, KeyEnabled, Secret, SecretPolicy, SecretRestore, SecretKey, LogGroup,
    MountTarget, AccessPoint, LoadBalancerSubnets, TargetGroup, QuotaIncrease, OrganizationPolicy,
    Read>;

enum class Cost { kFree, kBillable };
/// NAT gateways, Elastic IPs and interface endpoints are billed by the hour; the rest is free.
Cost CostOf(const Step& s);

/// An AWS resource a step changes or creates: its CloudFormation type and its identifier (or
/// placeholder). A read touches nothing.
struct Touched {
  std::string type;  ///< "AWS::EC2::RouteTable", …
  std::string id;
};
std::vector<Touched> Touches(const Step& s);

/// The AWS CLI commands of a step, in order (most steps are one command).
std::vector<std::string> Cli(const Step& s);
/// The AWS CLI commands of steps, in order.
std::vector<std::string> Cli(const std::vector<Step>& steps);

}  // namespace fd::fix
