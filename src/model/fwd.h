#pragma once
/// Forward declarations of the model's types, for headers that only name them by reference or
/// pointer: they need not pull in the whole model (model/model.h) and rebuild with it.

namespace fd::model {

// EC2 networking (model/ec2.h).
struct Vpc;
struct Subnet;
struct Route;
struct RouteTable;
struct NaclEntry;
struct NetworkAcl;
struct SgRule;
struct SecurityGroup;
struct VpcEndpoint;
struct NatGateway;
struct InternetGateway;
struct DhcpOptions;
struct PrefixList;
struct NetworkInterface;
struct AvailabilityZone;

// ECS (model/ecs.h).
struct AwsVpcConfiguration;
struct Deployment;
struct EcsService;
struct EcsTask;
struct ContainerDefinition;
struct EfsVolume;
struct TaskDefinition;
struct Cluster;

// ECR (model/ecr.h).
struct EcrRepository;
struct EcrImage;
struct EcrPullThroughCacheRule;
struct EcrRegistryPolicy;
struct EcrImageFailure;

// CloudWatch Logs, Secrets Manager, SSM (model/logs_secrets.h).
struct LogGroup;
struct Secret;
struct SsmParameter;

// EFS (model/storage.h).
struct EfsFileSystem;
struct EfsMountTarget;
struct EfsAccessPoint;

// Elastic Load Balancing v2 (model/elb.h).
struct TargetGroup;
struct LoadBalancer;

// IAM, resource policies, KMS, organizations (model/iam.h).
struct IamInlinePolicy;
struct IamRole;
struct IamManagedPolicy;
struct EcrRepositoryPolicy;
struct SecretPolicy;
struct KmsKey;
struct OrgPolicy;

// The snapshot's caller and failed calls (model/account.h).
struct CallerIdentity;
struct ApiError;

// The model itself (model/index.h, model/sink.h, model/model.h).
template <typename T>
class Index;
class Model;
class ModelSink;
class ModelBuilder;

}  // namespace fd::model
