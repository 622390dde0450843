#pragma once
/// Ingest-internal: one reader per AWS CLI output shape. Each takes the Node of the recognising
/// top-level member (the `Subnets` array, the `taskDefinition` object, …) and adds what it finds
/// to the file's ModelSink; bad items become notes and are skipped. The dispatcher
/// (dispatch.cpp) decides which reader a document gets and records the data set.

#include <string>
#include <string_view>
#include <vector>

#include "ingest/json_node.h"
#include "model/model.h"

namespace fd::ingest {

// EC2 (ec2_reader.cpp), each taking the array under its key.
void ReadVpcs(const Node& list);
/// describe-vpc-attribute: `root` holds VpcId and EnableDnsSupport or EnableDnsHostnames.
void ReadVpcAttribute(const Node& root, std::string_view attribute_key);
void ReadSubnets(const Node& list);
void ReadRouteTables(const Node& list);
void ReadNetworkAcls(const Node& list);
void ReadSecurityGroups(const Node& list);
void ReadSecurityGroupRules(const Node& list);
void ReadVpcEndpoints(const Node& list);
void ReadNatGateways(const Node& list);
void ReadInternetGateways(const Node& list);
void ReadEgressOnlyInternetGateways(const Node& list);
void ReadDhcpOptions(const Node& list);
void ReadPrefixLists(const Node& list);
/// get-managed-prefix-list-entries (enveloped): the Entries array fills list `prefix_list_id`.
void ReadPrefixListEntries(const Node& list, const std::string& prefix_list_id);
void ReadNetworkInterfaces(const Node& list);
void ReadAvailabilityZones(const Node& list);
void ReadServiceNames(const Node& list);
void ReadServiceDetails(const Node& list);
/// sts get-caller-identity: `root` holds Account, Arn and UserId.
void ReadCallerIdentity(const Node& root);

// ECS (ecs_reader.cpp).
void ReadServices(const Node& list);
/// create-service / update-service / delete-service: one service object.
void ReadService(const Node& service);
void ReadTasks(const Node& list);
void ReadClusters(const Node& list);
/// A task definition object: describe-task-definition's `taskDefinition`, or a whole bare
/// task definition file.
model::TaskDefinition ReadTaskDefinition(const Node& td);

// ECR, CloudWatch Logs, Secrets Manager, SSM, EFS (resource_reader.cpp).
void ReadEcrRepositories(const Node& list);
void ReadEcrImageDetails(const Node& list);
/// batch-get-image `images`: digests, tags and the platforms of manifest lists.
void ReadEcrImages(const Node& list);
/// batch-get-image `failures`. They name only the image id: `repository` and `registry` are those
/// the command named (an envelope's --repository-name and --registry-id), "" when unknown.
void ReadEcrImageFailures(const Node& list, const std::string& repository = "",
                          const std::string& registry = "");
void ReadLogGroups(const Node& list);
void ReadSecretList(const Node& list);
/// secretsmanager describe-secret: `root` holds ARN and Name.
void ReadDescribeSecret(const Node& root);
void ReadSsmParameters(const Node& list);
void ReadEfsFileSystems(const Node& list);
void ReadEfsMountTargets(const Node& list);
void ReadEfsAccessPoints(const Node& list);

// Elastic Load Balancing v2 (elbv2_reader.cpp).
void ReadTargetGroups(const Node& list);
void ReadLoadBalancers(const Node& list);
/// efs describe-mount-target-security-groups (enveloped): the output object.
void ReadMountTargetSecurityGroups(const Node& output, const std::string& mount_target_id);

// IAM, resource policies, KMS, organizations (iam_reader.cpp).
/// get-account-authorization-details: `root` holds RoleDetailList / Policies / … .
void ReadAuthorizationDetails(const Node& root);
/// iam get-role `Role`.
void ReadRole(const Node& role);
/// A `Policies` array: authorization-details managed policies (with PolicyVersionList),
/// iam list-policies metadata, or organizations list-policies summaries.
void ReadIamPolicies(const Node& list);
/// A `Policy` member: iam get-policy (object), organizations describe-policy (PolicySummary),
/// or a bare kms get-key-policy string (noted: it names no key).
void ReadPolicyMember(const Node& policy);
/// get-policy-version `PolicyVersion`; `policy_arn` from the envelope ("" when bare: noted).
void ReadPolicyVersion(const Node& version, const std::string& policy_arn);
/// iam get-role-policy: `root` holds RoleName, PolicyName and PolicyDocument.
void ReadRolePolicy(const Node& root);
/// Enveloped list-attached-role-policies / list-role-policies output for `role_name`.
void ReadAttachedRolePolicies(const Node& output, const std::string& role_name);
void ReadRolePolicyNames(const Node& output, const std::string& role_name);
/// ecr get-repository-policy: `root` holds registryId, repositoryName and policyText.
void ReadRepositoryPolicy(const Node& root);
/// ecr describe-pull-through-cache-rules: `root` holds pullThroughCacheRules. `complete` when
/// the listing was neither filtered by prefix nor truncated (then it proves a rule absent);
/// `registry` is --registry-id when the command line gave one.
void ReadPullThroughCacheRules(const Node& root, bool complete, const std::string& registry);
/// ecr get-registry-policy: `root` holds registryId and policyText (no repositoryName).
void ReadRegistryPolicy(const Node& root);
/// secretsmanager get-resource-policy: `root` holds ARN, Name and (when set) ResourcePolicy.
void ReadSecretResourcePolicy(const Node& root);
void ReadKmsKeyMetadata(const Node& meta);
/// kms list-aliases `Aliases` (items of other services' Aliases lists are skipped).
void ReadKmsAliases(const Node& list);
/// Enveloped kms get-key-policy output for --key-id `key_ref`.
void ReadKmsKeyPolicy(const Node& output, const std::string& key_ref);
/// organizations describe-policy `Policy` (PolicySummary + Content) attached to `targets`.
void ReadOrgPolicy(const Node& policy, const std::vector<std::string>& targets);
/// Enveloped organizations list-policies-for-target output; `filter` is the policy type.
void ReadPoliciesForTarget(const Node& output, const std::string& target,
                           const std::string& filter);

// Envelopes of the IAM layer (iam_envelope.cpp).
/// Reads an enveloped output whose command the IAM layer knows (iam list-attached-role-policies,
/// list-role-policies, get-policy-version, kms get-key-policy, secretsmanager
/// get-resource-policy, organizations describe-policy / list-policies-for-target); false when
/// `command` is none of them. `env` is the envelope root, `words` the command without "aws".
bool ReadIamEnvelope(const Node& env, const Node& output, const std::string& command,
                     const std::vector<std::string>& words);
/// An error envelope: {"fargateDoctorEnvelope": 1, "command": [...], "region": "...",
/// "error": {"code": "...", "message": "..."}} (README, "Input"): a model::ApiError, and for
/// not-found answers the proof of absence they carry.
void ReadErrorEnvelope(const Node& env, const std::string& command,
                       const std::vector<std::string>& words);

}  // namespace fd::ingest
