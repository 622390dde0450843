#include "live/allowlist.h"

namespace fd::live {
namespace {

constexpr AllowedCommand kAllowed[] = {
    {"ec2", "describe-availability-zones", "ec2:DescribeAvailabilityZones"},
    {"ec2", "describe-dhcp-options", "ec2:DescribeDhcpOptions"},
    {"ec2", "describe-egress-only-internet-gateways", "ec2:DescribeEgressOnlyInternetGateways"},
    {"ec2", "describe-internet-gateways", "ec2:DescribeInternetGateways"},
    {"ec2", "describe-managed-prefix-lists", "ec2:DescribeManagedPrefixLists"},
    {"ec2", "describe-nat-gateways", "ec2:DescribeNatGateways"},
    {"ec2", "describe-network-acls", "ec2:DescribeNetworkAcls"},
    {"ec2", "describe-network-interfaces", "ec2:DescribeNetworkInterfaces"},
    {"ec2", "describe-prefix-lists", "ec2:DescribePrefixLists"},
    {"ec2", "describe-regions", "ec2:DescribeRegions"},
    {"ec2", "describe-route-tables", "ec2:DescribeRouteTables"},
    {"ec2", "describe-security-groups", "ec2:DescribeSecurityGroups"},
    {"ec2", "describe-subnets", "ec2:DescribeSubnets"},
    {"ec2", "describe-vpc-attribute", "ec2:DescribeVpcAttribute"},
    {"ec2", "describe-vpc-endpoints", "ec2:DescribeVpcEndpoints"},
    {"ec2", "describe-vpcs", "ec2:DescribeVpcs"},
    {"ecr", "batch-get-image", "ecr:BatchGetImage"},
    {"ecr", "describe-images", "ecr:DescribeImages"},
    {"ecr", "describe-pull-through-cache-rules", "ecr:DescribePullThroughCacheRules"},
    {"ecr", "describe-repositories", "ecr:DescribeRepositories"},
    {"ecr", "get-registry-policy", "ecr:GetRegistryPolicy"},
    {"ecr", "get-repository-policy", "ecr:GetRepositoryPolicy"},
    {"ecs", "describe-clusters", "ecs:DescribeClusters"},
    {"ecs", "describe-services", "ecs:DescribeServices"},
    {"ecs", "describe-task-definition", "ecs:DescribeTaskDefinition"},
    {"ecs", "describe-tasks", "ecs:DescribeTasks"},
    {"ecs", "list-clusters", "ecs:ListClusters"},
    {"ecs", "list-services", "ecs:ListServices"},
    {"ecs", "list-tasks", "ecs:ListTasks"},
    {"efs", "describe-file-systems", "elasticfilesystem:DescribeFileSystems"},
    {"efs", "describe-mount-target-security-groups",
     "elasticfilesystem:DescribeMountTargetSecurityGroups"},
    {"efs", "describe-mount-targets", "elasticfilesystem:DescribeMountTargets"},
    {"iam", "get-policy", "iam:GetPolicy"},
    {"iam", "get-policy-version", "iam:GetPolicyVersion"},
    {"iam", "get-role", "iam:GetRole"},
    {"iam", "get-role-policy", "iam:GetRolePolicy"},
    {"iam", "list-attached-role-policies", "iam:ListAttachedRolePolicies"},
    {"iam", "list-role-policies", "iam:ListRolePolicies"},
    {"kms", "describe-key", "kms:DescribeKey"},
    {"kms", "get-key-policy", "kms:GetKeyPolicy"},
    {"logs", "describe-log-groups", "logs:DescribeLogGroups"},
    {"organizations", "list-accounts", "organizations:ListAccounts"},
    {"secretsmanager", "describe-secret", "secretsmanager:DescribeSecret"},
    {"secretsmanager", "get-resource-policy", "secretsmanager:GetResourcePolicy"},
    {"ssm", "describe-parameters", "ssm:DescribeParameters"},
    // Changes nothing in AWS: it returns a session's temporary credentials, which the sweep
    // keeps in memory for that account's calls and never saves (live/sweep.h).
    {"sts", "assume-role", "sts:AssumeRole"},
    {"sts", "get-caller-identity", "sts:GetCallerIdentity"},
};

}  // namespace

std::span<const AllowedCommand> Allowlist() { return kAllowed; }

const AllowedCommand* FindAllowed(std::string_view service, std::string_view operation) {
  for (const AllowedCommand& c : kAllowed)
    if (c.service == service && c.operation == operation) return &c;
  return nullptr;
}

std::string WhyRefused(const std::vector<std::string>& args) {
  if (args.size() < 2) return "not an AWS CLI service command";
  if (FindAllowed(args[0], args[1]) == nullptr)
    return "`aws " + args[0] + " " + args[1] + "` is not on fargate-doctor's read-only allowlist";
  for (size_t i = 2; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.rfind("--with-decryption", 0) == 0)
      return "--with-decryption would return secret material";
    // Global flags are added by the runner itself; a parameter list must not smuggle them in.
    if (a == "--endpoint-url" || a == "--profile" || a == "--region" || a == "--output" ||
        a == "--cli-input-json" || a == "--generate-cli-skeleton")
      return a + " is set by fargate-doctor, not per call";
  }
  return "";
}

}  // namespace fd::live
