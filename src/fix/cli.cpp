// The AWS CLI rendering of every step: one function per kind, the only place where the tool
// writes `aws …` commands (docs/design/report.md, "fix"). Option order follows the CLI's own
// documentation pages; shorthand values are single-quoted for a POSIX shell.
#include <string>
#include <type_traits>

#include "fix/step.h"
#include "util/strings.h"

namespace fd::fix {
namespace {

using util::Join;
using util::SingleQuote;

std::string Region(const std::string& region) { return region.empty() ? "" : " --region " + region; }

std::string Csv(const std::vector<std::string>& items) { return Join(items, ","); }

std::string Awsvpc(const NetworkConfiguration& n) {
  return "awsvpcConfiguration={subnets=[" + Csv(n.subnets) + "]" +
         (n.security_groups.empty() ? "" : ",securityGroups=[" + Csv(n.security_groups) + "]") +
         ",assignPublicIp=" + n.assign_public_ip + "}";
}

// ---- VPC ----

std::vector<std::string> Render(const Route& r) {
  const char* option = r.via == Route::Via::kNatGateway ? " --nat-gateway-id " : " --gateway-id ";
  return {std::string("aws ec2 ") + (r.replace ? "replace-route" : "create-route") + " --route-table-id " +
          r.route_table + " --destination-cidr-block " + r.destination + option + r.target};
}
std::vector<std::string> Render(const ElasticIp&) { return {"aws ec2 allocate-address --domain vpc"}; }
std::vector<std::string> Render(const NatGateway& n) {
  return {"aws ec2 create-nat-gateway --subnet-id " + n.subnet + " --allocation-id " + n.allocation};
}
std::vector<std::string> Render(const AttachInternetGateway& a) {
  return {"aws ec2 attach-internet-gateway --internet-gateway-id " + a.gateway + " --vpc-id " + a.vpc};
}
std::vector<std::string> Render(const SecurityGroupRule& r) {
  using P = SecurityGroupRule::Peer;
  const std::string peer = r.peer_kind == P::kCidr         ? "IpRanges=[{CidrIp=" + r.peer + "}]"
                           : r.peer_kind == P::kCidr6      ? "Ipv6Ranges=[{CidrIpv6=" + r.peer + "}]"
                           : r.peer_kind == P::kPrefixList ? "PrefixListIds=[{PrefixListId=" + r.peer + "}]"
                                                           : "UserIdGroupPairs=[{GroupId=" + r.peer + "}]";
  return {std::string("aws ec2 ") +
          (r.egress ? "authorize-security-group-egress" : "authorize-security-group-ingress") +
          " --group-id " + r.group + " --ip-permissions 'IpProtocol=" + r.protocol +
          ",FromPort=" + std::to_string(r.ports.from) + ",ToPort=" + std::to_string(r.ports.to) + "," +
          peer + "'"};
}
std::vector<std::string> Render(const NetworkAclEntry& e) {
  return {"aws ec2 create-network-acl-entry --network-acl-id " + e.acl + (e.egress ? " --egress" : " --ingress") +
          " --rule-number " + std::to_string(e.rule_number) + " --protocol 6 --port-range From=" +
          std::to_string(e.ports.from) + ",To=" + std::to_string(e.ports.to) + " --cidr-block " + e.cidr +
          " --rule-action allow"};
}
std::vector<std::string> Render(const SecurityGroup& g) {
  return {"aws ec2 create-security-group --vpc-id " + g.vpc + " --group-name " + g.name +
          " --description " + SingleQuote(g.description)};
}
std::vector<std::string> Render(const InterfaceEndpoint& e) {
  return {"aws ec2 create-vpc-endpoint --vpc-id " + e.vpc + " --vpc-endpoint-type Interface --service-name " +
          e.service_name + " --subnet-ids " + Join(e.subnets, " ") + " --security-group-ids " +
          e.security_group + " --private-dns-enabled"};
}
std::vector<std::string> Render(const GatewayEndpoint& e) {
  return {"aws ec2 create-vpc-endpoint --vpc-id " + e.vpc + " --vpc-endpoint-type Gateway --service-name " +
          e.service_name + " --route-table-ids " + Join(e.route_tables, " ")};
}
std::vector<std::string> Render(const EndpointRouteTables& e) {
  return {"aws ec2 modify-vpc-endpoint --vpc-endpoint-id " + e.endpoint + " --add-route-table-ids " +
          Join(e.add, " ")};
}
std::vector<std::string> Render(const EndpointPrivateDns& e) {
  return {"aws ec2 modify-vpc-endpoint --vpc-endpoint-id " + e.endpoint + " --private-dns-enabled"};
}
std::vector<std::string> Render(const EndpointPolicy& e) {
  return {"aws ec2 modify-vpc-endpoint --vpc-endpoint-id " + e.endpoint +
          " --policy-document file://endpoint-policy.json" + Region(e.region)};
}
std::vector<std::string> Render(const VpcDnsAttribute& a) {
  const char* flag = a.which == VpcDnsAttribute::Which::kSupport ? " --enable-dns-support" : " --enable-dns-hostnames";
  return {"aws ec2 modify-vpc-attribute --vpc-id " + a.vpc + flag + " '{\"Value\":true}'"};
}
std::vector<std::string> Render(const SubnetDns64& s) {
  return {"aws ec2 modify-subnet-attribute --subnet-id " + s.subnet + " --enable-dns64"};
}
std::vector<std::string> Render(const RouteTableAssociation& a) {
  return {"aws ec2 associate-route-table --route-table-id " + a.route_table + " --subnet-id " + a.subnet};
}

// ---- ECS ----

std::vector<std::string> Render(const ServiceUpdate& u) {
  std::string c = "aws ecs update-service --cluster " + u.cluster + " --service " + u.service;
  if (!u.task_definition.empty()) c += " --task-definition " + u.task_definition;
  for (const auto& n : u.network) c += " --network-configuration \"" + Awsvpc(n) + "\"";
  if (!u.capacity_provider_strategy.empty()) c += " --capacity-provider-strategy " + u.capacity_provider_strategy;
  if (!u.load_balancers.empty()) c += " --load-balancers " + u.load_balancers;
  if (!u.deployment_configuration.empty()) c += " --deployment-configuration " + u.deployment_configuration;
  if (!u.platform_version.empty()) c += " --platform-version " + u.platform_version;
  if (!u.volume_configurations.empty()) c += " --volume-configurations " + SingleQuote(u.volume_configurations);
  if (!u.propagate_tags.empty()) c += " --propagate-tags " + u.propagate_tags;
  if (u.force_new_deployment) c += " --force-new-deployment";
  return {c + Region(u.region)};
}
std::vector<std::string> Render(const RunTask& r) {
  return {"aws ecs run-task --launch-type FARGATE" +
          (r.platform_version.empty() ? "" : " --platform-version " + r.platform_version) +
          " --task-definition " + r.task_definition + (r.cluster.empty() ? "" : " --cluster " + r.cluster) +
          " --network-configuration \"" + Awsvpc(r.network) + "\"" +
          (r.overrides.empty() ? "" : " --overrides " + SingleQuote(r.overrides))};
}
std::vector<std::string> Render(const TaskDefinitionRevision& t) {
  std::vector<std::string> out;
  if (!t.name.empty())
    out.push_back("aws ecs describe-task-definition --task-definition " + t.name +
                  " --query taskDefinition | jq 'del(.taskDefinitionArn, .revision, .status, "
                  ".requiresAttributes, .compatibilities, .registeredAt, .registeredBy, "
                  ".deregisteredAt)' > taskdef.json");
  if (!t.edit.empty()) out.push_back("# in taskdef.json: " + t.edit);
  if (t.cpu.empty() && t.memory.empty())
    out.push_back("aws ecs register-task-definition --cli-input-json file://taskdef.json");
  else
    out.push_back("aws ecs register-task-definition --family " + t.family + " --cpu " + t.cpu + " --memory " +
                  t.memory + " --cli-input-json file://taskdef.json");
  if (!t.service.empty())
    out.push_back("aws ecs update-service --cluster " + t.cluster + " --service " + t.service +
                  " --task-definition " + t.family);
  return out;
}
std::vector<std::string> Render(const Cluster& c) {
  return {"aws ecs create-cluster --cluster-name " + c.name + Region(c.region)};
}
std::vector<std::string> Render(const ClusterCapacityProviders& c) {
  return {"aws ecs put-cluster-capacity-providers --cluster " + c.cluster + " --capacity-providers " +
          Join(c.providers, " ") + " --default-capacity-provider-strategy " + c.default_strategy + Region(c.region)};
}
std::vector<std::string> Render(const ClusterEphemeralStorageKey& c) {
  return {"aws ecs update-cluster --cluster " + c.cluster +
          " --configuration managedStorageConfiguration={fargateEphemeralStorageKmsKeyId=" + c.key + "}" +
          Region(c.region)};
}

// ---- ECR, IAM, KMS, Secrets Manager, Logs, EFS, ELB, quotas, Organizations ----

std::vector<std::string> Render(const Repository& r) {
  return {"aws ecr create-repository --repository-name " + r.name + Region(r.region)};
}
std::vector<std::string> Render(const ImageStorageClass& i) {
  return {"aws ecr update-image-storage-class --registry-id " + i.registry + " --repository-name " + i.repository +
          " --image-id imageDigest=" + i.digest + " --target-storage-class STANDARD" + Region(i.region)};
}
std::vector<std::string> Render(const RepositoryPolicy& p) {
  return {"aws ecr set-repository-policy --repository-name " + p.repository + " --registry-id " + p.registry +
          Region(p.region) + " --policy-text " +
          (p.text.empty() ? std::string("file://repository-policy.json") : SingleQuote(p.text))};
}
std::vector<std::string> Render(const PullThroughCacheCredential& c) {
  return {"aws secretsmanager create-secret --name ecr-pullthroughcache/" + c.prefix +
              " --secret-string file://upstream-credentials.json" + Region(c.secret_region),
          "aws ecr update-pull-through-cache-rule --ecr-repository-prefix " + c.prefix + Region(c.rule_region) +
              " --credential-arn " + c.credential};
}
std::vector<std::string> Render(const InlinePolicy& p) {
  return {std::string(p.user ? "aws iam put-user-policy --user-name " : "aws iam put-role-policy --role-name ") +
          p.principal + " --policy-name " + p.name + " --policy-document " + SingleQuote(p.document)};
}
std::vector<std::string> Render(const ManagedPolicyAttachment& a) {
  return {"aws iam attach-role-policy --role-name " + a.role + " --policy-arn " + a.policy_arn};
}
std::vector<std::string> Render(const Role& r) {
  return {"aws iam create-role --role-name " + r.name + " --assume-role-policy-document " + SingleQuote(r.trust)};
}
std::vector<std::string> Render(const TrustPolicy& t) {
  return {"aws iam update-assume-role-policy --role-name " + t.role + " --policy-document " + SingleQuote(t.document)};
}
std::vector<std::string> Render(const ServiceLinkedRole& r) {
  return {"aws iam create-service-linked-role --aws-service-name " + r.service};
}
std::vector<std::string> Render(const PermissionsBoundaryRemoval& r) {
  return {"aws iam delete-role-permissions-boundary --role-name " + r.role};
}
std::vector<std::string> Render(const PolicyVersion& p) {
  return {"aws iam create-policy-version --policy-arn " + p.policy_arn + " --policy-document file://" + p.file +
          " --set-as-default"};
}
std::vector<std::string> Render(const KeyPolicy& k) {
  return {"aws kms put-key-policy --key-id " + k.key + " --policy-name default --policy file://key-policy.json" +
          Region(k.region)};
}
std::vector<std::string> Render(const KeyEnabled& k) {
  std::vector<std::string> out;
  if (k.cancel_deletion) out.push_back("aws kms cancel-key-deletion --key-id " + k.key + Region(k.region));
  out.push_back("aws kms enable-key --key-id " + k.key + Region(k.region));
  return out;
}
std::vector<std::string> Render(const Secret& s) {
  return {"aws secretsmanager create-secret --name " + s.name + " --secret-string file://" + s.file + Region(s.region)};
}
std::vector<std::string> Render(const SecretPolicy& p) {
  return {"aws secretsmanager put-resource-policy --secret-id " + p.secret + " --resource-policy " +
          (p.document.empty() ? std::string("file://secret-policy.json") : SingleQuote(p.document)) +
          Region(p.region)};
}
std::vector<std::string> Render(const SecretRestore& s) {
  return {"aws secretsmanager restore-secret --secret-id " + s.secret + Region(s.region)};
}
std::vector<std::string> Render(const SecretKey& s) {
  return {"aws secretsmanager update-secret --secret-id " + s.secret + " --kms-key-id " + s.key + Region(s.region)};
}
std::vector<std::string> Render(const LogGroup& g) {
  return {"aws logs create-log-group --log-group-name " + g.name + Region(g.region)};
}
std::vector<std::string> Render(const MountTarget& m) {
  return {"aws efs create-mount-target --file-system-id " + m.file_system + " --subnet-id " + m.subnet +
          (m.security_groups.empty() ? "" : " --security-groups " + Join(m.security_groups, " "))};
}
std::vector<std::string> Render(const AccessPoint& a) {
  return {"aws efs create-access-point --file-system-id " + a.file_system + " --root-directory \"Path=" + a.path +
          (a.with_creation_info ? ",CreationInfo={OwnerUid=1000,OwnerGid=1000,Permissions=755}" : "") + "\""};
}
std::vector<std::string> Render(const LoadBalancerSubnets& l) {
  return {"aws elbv2 set-subnets --load-balancer-arn " + l.load_balancer + " --subnets " + Join(l.subnets, " ")};
}
std::vector<std::string> Render(const TargetGroup& g) {
  return {"aws elbv2 create-target-group --name " + g.name + " --protocol " + g.protocol + " --port " +
          std::to_string(g.port) + " --vpc-id " + g.vpc + " --target-type ip"};
}
std::vector<std::string> Render(const QuotaIncrease& q) {
  return {"aws service-quotas request-service-quota-increase --service-code " + q.service_code + " --quota-code " +
          q.quota_code + " --desired-value <vCPUs>" + Region(q.region)};
}
std::vector<std::string> Render(const OrganizationPolicy& p) {
  return {"aws organizations update-policy --policy-id " + p.policy + " --content file://guardrail.json"};
}
std::vector<std::string> Render(const Read& r) {
  std::string c = "aws " + r.service + " " + r.operation;
  for (const auto& a : r.args) c += " " + a;
  return {c + Region(r.region)};
}

}  // namespace

std::vector<std::string> Cli(const Step& s) {
  return std::visit([](const auto& k) { return Render(k); }, s);
}

std::vector<std::string> Cli(const std::vector<Step>& steps) {
  std::vector<std::string> out;
  for (const Step& s : steps)
    for (auto& c : Cli(s)) out.push_back(std::move(c));
  return out;
}

}  // namespace fd::fix
