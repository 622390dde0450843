#pragma once
/// Ingest-internal: one reader per AWS CLI output shape. Each takes the Node of the recognising
/// top-level member (the `Subnets` array, the `taskDefinition` object, …) and adds what it finds
/// to the file's ModelBuilder; bad items become notes and are skipped. The dispatcher
/// (dispatch.cpp) decides which reader a document gets and records the data set.

#include <string>
#include <string_view>

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
void ReadEcrImageFailures(const Node& list);
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

}  // namespace fd::ingest
