#pragma once
/// What the live collector (live/collector.cpp) needs from the answers of its `aws` calls to
/// decide its next calls: the IDs and names one answer points at (a service's task definition,
/// subnets and security groups; a subnet's VPC; a task definition's roles, images, log groups,
/// secrets and file systems; …). Ingest is the only code that knows AWS JSON keys, so the
/// collector asks here instead of walking the answers itself.
///
/// Values are returned as written, in document order, empty strings and repeats included: the
/// collector decides which ones name a call (it drops "" and keeps sets). Malformed members are
/// skipped; the notes they deserve are made when the snapshot is ingested, not here.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fd::ingest {

/// A `failures` item of ecs describe-services / describe-tasks.
struct EcsFailure {
  std::string arn, reason;
};

/// An awslogs log configuration: awslogs-group and awslogs-region ("" when not set).
struct LogGroupRef {
  std::string group, region;
};

/// One answer's references. Only the members its operation fills are set.
struct AnswerRefs {
  // ecs describe-clusters / describe-services / describe-tasks.
  size_t clusters = 0;                     ///< items of `clusters`
  std::vector<std::string> arns;           ///< cluster, service or task ARNs (for the Region)
  std::vector<EcsFailure> failures;
  std::vector<std::string> task_definitions;  ///< services, their deployments, tasks
  std::vector<std::string> service_names;
  std::vector<std::string> subnets;          ///< awsvpc, task ENI attachments, endpoints, NAT
  std::vector<std::string> security_groups;  ///< awsvpc, ENIs, endpoints, mount targets
  std::vector<std::string> network_interfaces;  ///< task ENI attachments
  // ec2.
  std::vector<std::string> vpcs;               ///< describe-subnets, describe-network-interfaces
  std::vector<std::string> dhcp_options;       ///< describe-vpcs
  std::vector<std::string> prefix_lists;       ///< routes, security group rules
  // ecs list-tasks.
  std::vector<std::string> task_arns;
  // ecs list-clusters / list-services (clusterArns, serviceArns).
  std::vector<std::string> listed_arns;
  // Where a sweep goes: ec2 describe-regions (the Regions enabled for the account),
  // organizations list-accounts (ACTIVE accounts only), sts get-caller-identity (the caller's).
  std::vector<std::string> regions;
  std::vector<std::string> accounts;
  // ecs describe-task-definition.
  std::vector<std::string> role_arns;    ///< execution role, task role
  std::vector<std::string> images;
  std::vector<LogGroupRef> log_groups;   ///< awslogs configurations only
  std::vector<std::string> secret_refs;  ///< valueFrom / credentialsParameter, in order
  std::vector<std::string> file_systems;
  // iam, kms, efs, secrets, logs, ssm.
  std::vector<std::string> role_names;        ///< get-role
  std::vector<std::string> policy_arns;       ///< list-attached-role-policies
  std::vector<std::string> policy_names;      ///< list-role-policies
  std::vector<std::pair<std::string, std::string>> policy_versions;  ///< get-policy: ARN, default version
  std::vector<std::string> kms_key_refs;      ///< describe-secret, log groups, parameters
  std::vector<std::string> customer_key_arns; ///< describe-key of a customer managed key
  std::vector<std::string> mount_targets;     ///< describe-mount-targets
};

/// An `sts assume-role` answer's temporary credentials. The live layer keeps them in memory
/// only; the answer itself is never saved.
struct AssumedCredentials {
  std::string access_key_id, secret_access_key, session_token;
};

/// The credentials of an assume-role answer; nullopt when any of the three is missing.
std::optional<AssumedCredentials> CredentialsOf(std::string_view answer);

/// The references in `answer`, the JSON text `aws <service> <operation>` printed. Nothing for
/// an operation the collector reads nothing from, or for text that is not a JSON object.
AnswerRefs ReferencesOf(std::string_view service, std::string_view operation,
                        std::string_view answer);

}  // namespace fd::ingest
