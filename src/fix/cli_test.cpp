// The AWS CLI rendering of the steps the IAM, secret, image, log, service, capacity, storage and
// task-definition checks build, exactly as the checks printed them before they built steps.
#include <gtest/gtest.h>

#include "fix/step.h"

namespace fd::fix {
namespace {

std::string One(const Step& s) {
  const std::vector<std::string> c = Cli(s);
  EXPECT_EQ(c.size(), 1u);
  return c.empty() ? "" : c.front();
}

TEST(FixCliResources, ReadsListTheirArgumentsThenTheRegion) {
  EXPECT_EQ(One(Read{"ecr", "describe-images", {"--registry-id", "1", "--repository-name", "app"}, "eu-west-3"}),
            "aws ecr describe-images --registry-id 1 --repository-name app --region eu-west-3");
  EXPECT_EQ(One(Read{"iam", "list-roles", {"--query", "'Roles[].Arn'"}}), "aws iam list-roles --query 'Roles[].Arn'");
  EXPECT_EQ(One(Read{"organizations", "describe-policy", {"--policy-id", "p-1"}, ""}),
            "aws organizations describe-policy --policy-id p-1");
}

TEST(FixCliResources, RunTaskQuotesItsOverrides) {
  RunTask r{"app:3", "prod", "", {{"subnet-1"}, {"sg-1"}, "DISABLED"}, "{\"cpu\":\"1024\"}"};
  EXPECT_EQ(One(r),
            "aws ecs run-task --launch-type FARGATE --task-definition app:3 --cluster prod --network-configuration "
            "\"awsvpcConfiguration={subnets=[subnet-1],securityGroups=[sg-1],assignPublicIp=DISABLED}\" "
            "--overrides '{\"cpu\":\"1024\"}'");
  r.overrides.clear();
  EXPECT_EQ(One(r).find("--overrides"), std::string::npos);
}

TEST(FixCliResources, ServiceUpdatesKeepTheCliOptionOrder) {
  ServiceUpdate u;
  u.cluster = "prod";
  u.service = "web";
  u.platform_version = "1.4.0";
  u.volume_configurations = "[{\"name\":\"data\"}]";
  EXPECT_EQ(One(u), "aws ecs update-service --cluster prod --service web --platform-version 1.4.0 "
                    "--volume-configurations '[{\"name\":\"data\"}]'");
  ServiceUpdate tags;
  tags.cluster = "prod";
  tags.service = "web";
  tags.propagate_tags = "NONE";
  tags.region = "us-east-1";
  EXPECT_EQ(One(tags), "aws ecs update-service --cluster prod --service web --propagate-tags NONE --region us-east-1");
  ServiceUpdate lb;
  lb.cluster = "prod";
  lb.service = "web";
  lb.load_balancers = "targetGroupArn=tg,containerName=app,containerPort=80";
  lb.deployment_configuration = "maximumPercent=200,minimumHealthyPercent=100";
  lb.capacity_provider_strategy = "capacityProvider=FARGATE,weight=1";
  lb.force_new_deployment = true;
  EXPECT_EQ(One(lb),
            "aws ecs update-service --cluster prod --service web --capacity-provider-strategy "
            "capacityProvider=FARGATE,weight=1 --load-balancers targetGroupArn=tg,containerName=app,containerPort=80 "
            "--deployment-configuration maximumPercent=200,minimumHealthyPercent=100 --force-new-deployment");
}

TEST(FixCliResources, TaskDefinitionRevisionsExportEditRegisterAndDeploy) {
  TaskDefinitionRevision local;
  local.family = "app";
  local.cpu = "<smaller>";
  local.memory = "<smaller>";
  EXPECT_EQ(Cli(Step{local}),
            (std::vector<std::string>{"aws ecs register-task-definition --family app --cpu <smaller> --memory "
                                      "<smaller> --cli-input-json file://taskdef.json"}));
  TaskDefinitionRevision full{"app:3", "set \"networkMode\": \"awsvpc\"", "app", "", "", "prod", "web"};
  const std::vector<std::string> c = Cli(Step{full});
  ASSERT_EQ(c.size(), 4u);
  EXPECT_EQ(c[0].rfind("aws ecs describe-task-definition --task-definition app:3 --query taskDefinition | jq ", 0), 0u);
  EXPECT_EQ(c[1], "# in taskdef.json: set \"networkMode\": \"awsvpc\"");
  EXPECT_EQ(c[2], "aws ecs register-task-definition --cli-input-json file://taskdef.json");
  EXPECT_EQ(c[3], "aws ecs update-service --cluster prod --service web --task-definition app");
}

TEST(FixCliResources, Clusters) {
  EXPECT_EQ(One(Cluster{"prod", "eu-west-1"}), "aws ecs create-cluster --cluster-name prod --region eu-west-1");
  EXPECT_EQ(One(Cluster{"prod", ""}), "aws ecs create-cluster --cluster-name prod");
  EXPECT_EQ(One(ClusterCapacityProviders{"prod", {"FARGATE", "FARGATE_SPOT"}, "capacityProvider=FARGATE,weight=1",
                                         "eu-west-1"}),
            "aws ecs put-cluster-capacity-providers --cluster prod --capacity-providers FARGATE FARGATE_SPOT "
            "--default-capacity-provider-strategy capacityProvider=FARGATE,weight=1 --region eu-west-1");
  EXPECT_EQ(One(ClusterEphemeralStorageKey{"arn:c", "arn:k", "eu-west-1"}),
            "aws ecs update-cluster --cluster arn:c --configuration "
            "managedStorageConfiguration={fargateEphemeralStorageKmsKeyId=arn:k} --region eu-west-1");
}

TEST(FixCliResources, EcrRepositoriesImagesAndPolicies) {
  EXPECT_EQ(One(Repository{"library/nginx", "us-east-1"}),
            "aws ecr create-repository --repository-name library/nginx --region us-east-1");
  EXPECT_EQ(One(ImageStorageClass{"1", "app", "sha256:ab", "us-east-1"}),
            "aws ecr update-image-storage-class --registry-id 1 --repository-name app --image-id "
            "imageDigest=sha256:ab --target-storage-class STANDARD --region us-east-1");
  EXPECT_EQ(One(RepositoryPolicy{"1", "app", "us-east-1", ""}),
            "aws ecr set-repository-policy --repository-name app --registry-id 1 --region us-east-1 --policy-text "
            "file://repository-policy.json");
  EXPECT_EQ(One(RepositoryPolicy{"1", "app", "us-east-1", "{\"Version\":\"2012-10-17\"}"}),
            "aws ecr set-repository-policy --repository-name app --registry-id 1 --region us-east-1 --policy-text "
            "'{\"Version\":\"2012-10-17\"}'");
  EXPECT_EQ(Cli(Step{PullThroughCacheCredential{"hub", "us-east-1", ""}}),
            (std::vector<std::string>{
                "aws secretsmanager create-secret --name ecr-pullthroughcache/hub --secret-string "
                "file://upstream-credentials.json --region us-east-1",
                "aws ecr update-pull-through-cache-rule --ecr-repository-prefix hub --credential-arn <secret ARN>"}));
}

TEST(FixCliResources, IamPoliciesAndRoles) {
  EXPECT_EQ(One(InlinePolicy{false, "r", "p", "{\"a\":\"it's\"}"}),
            "aws iam put-role-policy --role-name r --policy-name p --policy-document '{\"a\":\"it'\\''s\"}'");
  EXPECT_EQ(One(InlinePolicy{true, "u", "p", "{}"}), "aws iam put-user-policy --user-name u --policy-name p "
                                                     "--policy-document '{}'");
  EXPECT_EQ(One(ManagedPolicyAttachment{"r", "arn:aws:iam::aws:policy/P"}),
            "aws iam attach-role-policy --role-name r --policy-arn arn:aws:iam::aws:policy/P");
  EXPECT_EQ(One(Role{"r", "{}"}), "aws iam create-role --role-name r --assume-role-policy-document '{}'");
  EXPECT_EQ(One(TrustPolicy{"r", "{}"}), "aws iam update-assume-role-policy --role-name r --policy-document '{}'");
  EXPECT_EQ(One(ServiceLinkedRole{"ecs.amazonaws.com"}),
            "aws iam create-service-linked-role --aws-service-name ecs.amazonaws.com");
  EXPECT_EQ(One(PermissionsBoundaryRemoval{"r"}), "aws iam delete-role-permissions-boundary --role-name r");
  EXPECT_EQ(One(PolicyVersion{"arn:b", "boundary.json"}),
            "aws iam create-policy-version --policy-arn arn:b --policy-document file://boundary.json --set-as-default");
  EXPECT_EQ(One(OrganizationPolicy{"p-1"}),
            "aws organizations update-policy --policy-id p-1 --content file://guardrail.json");
}

TEST(FixCliResources, KmsKeys) {
  EXPECT_EQ(One(KeyPolicy{"arn:k", "eu-west-1"}),
            "aws kms put-key-policy --key-id arn:k --policy-name default --policy file://key-policy.json --region "
            "eu-west-1");
  EXPECT_EQ(One(KeyEnabled{"arn:k", "eu-west-1"}), "aws kms enable-key --key-id arn:k --region eu-west-1");
  EXPECT_EQ(Cli(Step{KeyEnabled{"arn:k", "eu-west-1", true}}),
            (std::vector<std::string>{"aws kms cancel-key-deletion --key-id arn:k --region eu-west-1",
                                      "aws kms enable-key --key-id arn:k --region eu-west-1"}));
}

TEST(FixCliResources, SecretsNeverCarryTheirValue) {
  EXPECT_EQ(One(Secret{"web-registry-credentials", "registry-credentials.json", ""}),
            "aws secretsmanager create-secret --name web-registry-credentials --secret-string "
            "file://registry-credentials.json");
  EXPECT_EQ(One(SecretPolicy{"arn:s", "", "eu-west-1"}),
            "aws secretsmanager put-resource-policy --secret-id arn:s --resource-policy file://secret-policy.json "
            "--region eu-west-1");
  EXPECT_EQ(One(SecretPolicy{"arn:s", "{}", "eu-west-1"}),
            "aws secretsmanager put-resource-policy --secret-id arn:s --resource-policy '{}' --region eu-west-1");
  EXPECT_EQ(One(SecretRestore{"arn:s", "eu-west-1"}),
            "aws secretsmanager restore-secret --secret-id arn:s --region eu-west-1");
  EXPECT_EQ(One(SecretKey{"arn:s", "<key>", "eu-west-1"}),
            "aws secretsmanager update-secret --secret-id arn:s --kms-key-id <key> --region eu-west-1");
}

TEST(FixCliResources, LogsEfsLoadBalancersAndQuotas) {
  EXPECT_EQ(One(LogGroup{"/ecs/app", "eu-west-1"}), "aws logs create-log-group --log-group-name /ecs/app --region "
                                                    "eu-west-1");
  EXPECT_EQ(One(MountTarget{"fs-1", "subnet-1", {"sg-1", "sg-2"}}),
            "aws efs create-mount-target --file-system-id fs-1 --subnet-id subnet-1 --security-groups sg-1 sg-2");
  EXPECT_EQ(One(MountTarget{"fs-1", "subnet-1", {}}),
            "aws efs create-mount-target --file-system-id fs-1 --subnet-id subnet-1");
  EXPECT_EQ(One(AccessPoint{"fs-1", "/data"}), "aws efs create-access-point --file-system-id fs-1 --root-directory "
                                               "\"Path=/data\"");
  EXPECT_EQ(One(AccessPoint{"fs-1", "/data", true}),
            "aws efs create-access-point --file-system-id fs-1 --root-directory "
            "\"Path=/data,CreationInfo={OwnerUid=1000,OwnerGid=1000,Permissions=755}\"");
  EXPECT_EQ(One(LoadBalancerSubnets{"arn:lb", {"subnet-1", "subnet-2"}}),
            "aws elbv2 set-subnets --load-balancer-arn arn:lb --subnets subnet-1 subnet-2");
  EXPECT_EQ(One(TargetGroup{"web-ip", "HTTP", 80, "vpc-1"}),
            "aws elbv2 create-target-group --name web-ip --protocol HTTP --port 80 --vpc-id vpc-1 --target-type ip");
  EXPECT_EQ(One(QuotaIncrease{"fargate", "L-3032A538", "us-east-1"}),
            "aws service-quotas request-service-quota-increase --service-code fargate --quota-code L-3032A538 "
            "--desired-value <vCPUs> --region us-east-1");
}

TEST(FixCliResources, NfsRulesOfTheStorageChecks) {
  using P = SecurityGroupRule::Peer;
  EXPECT_EQ(One(SecurityGroupRule{"sg-mt", false, "tcp", {2049, 2049}, P::kGroup, "sg-task"}),
            "aws ec2 authorize-security-group-ingress --group-id sg-mt --ip-permissions "
            "'IpProtocol=tcp,FromPort=2049,ToPort=2049,UserIdGroupPairs=[{GroupId=sg-task}]'");
  EXPECT_EQ(One(SecurityGroupRule{"sg-mt", false, "tcp", {2049, 2049}, P::kCidr6, "2001:db8::/64"}),
            "aws ec2 authorize-security-group-ingress --group-id sg-mt --ip-permissions "
            "'IpProtocol=tcp,FromPort=2049,ToPort=2049,Ipv6Ranges=[{CidrIpv6=2001:db8::/64}]'");
  EXPECT_EQ(One(NetworkAclEntry{"acl-1", false, 99, {2049, 2049}, "10.0.0.0/24"}),
            "aws ec2 create-network-acl-entry --network-acl-id acl-1 --ingress --rule-number 99 --protocol 6 "
            "--port-range From=2049,To=2049 --cidr-block 10.0.0.0/24 --rule-action allow");
  EXPECT_EQ(One(VpcDnsAttribute{"vpc-1", VpcDnsAttribute::Which::kHostnames}),
            "aws ec2 modify-vpc-attribute --vpc-id vpc-1 --enable-dns-hostnames '{\"Value\":true}'");
}

}  // namespace
}  // namespace fd::fix
