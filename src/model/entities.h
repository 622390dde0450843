#pragma once
/// The one list of the model's entities that ingest adds one at a time. Everything that only
/// repeats an entity's name is generated from it: the ModelSink's `Add` method, the overrides
/// of ModelBuilder and ModelRecording, and the Model's container (Index<T> `members_`) and
/// accessor (`members()`). For a plain entity the builder's `Add` and its sort in Build() are
/// generated too: the first copy under its key is kept, later copies are dropped, and Build()
/// sorts the entities by their key.
///
/// Adding an entity takes two edits:
///   1. its struct, in the header of its AWS family (model/ec2.h, ecs.h, ecr.h,
///      logs_secrets.h, storage.h, elb.h, iam.h) and forward-declared in model/fwd.h;
///   2. its line below: `X(Type, members, AddType, key)` in FD_MODEL_PLAIN_ENTITIES, `key`
///      being an expression of `x` (a `const Type&`) that identifies it ("" entities are
///      skipped). Its reader in ingest then calls `sink.AddType(...)`; checks read
///      `model.members()`.
/// An entity whose second copy must be merged into the first (or kept aside until Build())
/// goes in FD_MODEL_MERGED_ENTITIES instead, `X(Type, members, AddType)`, and its builder
/// `Add` and sort are written by hand (model.cpp, model_iam.cpp). An entity with a `region`
/// that the snapshot's only Region should fill is also named in FillSnapshotRegion
/// (model_regions.cpp). Methods that are not "add one entity" (Set…, Mark…, coverage, notes)
/// are declared by hand in model/sink.h.

// X(Type, members, Add, key): plain entities, keyed by `key`.
#define FD_MODEL_PLAIN_ENTITIES(X)                                               \
  X(Subnet, subnets, AddSubnet, x.id)                                            \
  X(RouteTable, route_tables, AddRouteTable, x.id)                               \
  X(NetworkAcl, network_acls, AddNetworkAcl, x.id)                               \
  X(NatGateway, nat_gateways, AddNatGateway, x.id)                               \
  X(InternetGateway, internet_gateways, AddInternetGateway, x.id)                \
  X(DhcpOptions, dhcp_options, AddDhcpOptions, x.id)                             \
  X(NetworkInterface, network_interfaces, AddNetworkInterface, x.id)             \
  X(AvailabilityZone, availability_zones, AddAvailabilityZone, x.name)           \
  X(EcsService, services, AddService, x.arn)                                     \
  X(EcsTask, tasks, AddTask, x.arn)                                              \
  X(TaskDefinition, task_definitions, AddTaskDefinition,                         \
    !x.arn.empty() ? x.arn : x.DisplayName())                                    \
  X(Cluster, clusters, AddCluster, x.arn)                                        \
  X(EcrRepository, ecr_repositories, AddEcrRepository, x.arn)                    \
  X(EcrImageFailure, ecr_image_failures, AddEcrImageFailure, x.key)              \
  X(LogGroup, log_groups, AddLogGroup, x.name.empty() ? "" : x.region + " " + x.name) \
  X(SsmParameter, ssm_parameters, AddSsmParameter,                               \
    x.name.empty() ? "" : x.region + " " + x.name)                               \
  X(EfsFileSystem, efs_file_systems, AddEfsFileSystem, x.id)                     \
  X(EfsMountTarget, efs_mount_targets, AddEfsMountTarget, x.id)                  \
  X(EfsAccessPoint, efs_access_points, AddEfsAccessPoint, x.id)                  \
  X(TargetGroup, target_groups, AddTargetGroup, x.arn)                           \
  X(LoadBalancer, load_balancers, AddLoadBalancer, x.arn)

// X(Type, members, Add): entities whose builder Add (model.cpp, model_iam.cpp) merges a second
// copy into the first, or keeps them aside until Build(); Build() sorts each by its key:
//   Vpc (by id): fills what a first copy, or a SetVpcAttribute stub, lacks.
//   SecurityGroup (by id): a full listing replaces rows from describe-security-group-rules.
//   VpcEndpoint (by id): lower-cases the state.
//   PrefixList (by id): merges the CIDRs a second answer brings.
//   EcrImage (by EcrImageKey()): merges tags and manifest platforms.
//   Secret (by ARN): describe-secret adds to list-secrets.
//   EcrPullThroughCacheRule ("<registry> <region> <prefix>"), EcrRegistryPolicy ("<registry>
//     <region>"), EcrRepositoryPolicy (by repository ARN): kept aside, since an empty
//     registry_id is the caller's account, known only in Build().
//   IamRole, IamManagedPolicy, KmsKey (by ARN), OrgPolicy (by id): merge what a second copy adds.
//   SecretPolicy (by secret ARN): a second copy adds the policy the first lacked.
#define FD_MODEL_MERGED_ENTITIES(X)                                              \
  X(Vpc, vpcs, AddVpc)                                                           \
  X(SecurityGroup, security_groups, AddSecurityGroup)                            \
  X(VpcEndpoint, vpc_endpoints, AddVpcEndpoint)                                  \
  X(PrefixList, prefix_lists, AddPrefixList)                                     \
  X(EcrImage, ecr_images, AddEcrImage)                                           \
  X(Secret, secrets, AddSecret)                                                  \
  X(EcrPullThroughCacheRule, ecr_pull_through_cache_rules, AddEcrPullThroughCacheRule) \
  X(EcrRegistryPolicy, ecr_registry_policies, AddEcrRegistryPolicy)              \
  X(IamRole, iam_roles, AddIamRole)                                              \
  X(IamManagedPolicy, iam_policies, AddIamPolicy)                                \
  X(EcrRepositoryPolicy, ecr_repository_policies, AddEcrRepositoryPolicy)        \
  X(SecretPolicy, secret_policies, AddSecretPolicy)                              \
  X(KmsKey, kms_keys, AddKmsKey)                                                 \
  X(OrgPolicy, org_policies, AddOrgPolicy)

/// Every entity of both lists; X takes (Type, members, Add, ...).
#define FD_MODEL_ENTITIES(X) FD_MODEL_PLAIN_ENTITIES(X) FD_MODEL_MERGED_ENTITIES(X)
