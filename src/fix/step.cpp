// What each kind of step costs and which resources it touches.
#include <type_traits>

#include "fix/step.h"
#include "util/overload.h"

namespace fd::fix {
namespace {

using util::Overload;

}  // namespace

Cost CostOf(const Step& s) {
  return std::visit(Overload{[](const ElasticIp&) { return Cost::kBillable; },
                             [](const NatGateway&) { return Cost::kBillable; },
                             [](const InterfaceEndpoint&) { return Cost::kBillable; },
                             [](const auto&) { return Cost::kFree; }},
                    s);
}

std::vector<Touched> Touches(const Step& s) {
  using V = std::vector<Touched>;
  return std::visit(
      Overload{
          [](const Route& r) { return V{{"AWS::EC2::RouteTable", r.route_table}}; },
          [](const ElasticIp&) { return V{{"AWS::EC2::EIP", "<eipalloc-id>"}}; },
          [](const NatGateway& n) { return V{{"AWS::EC2::NatGateway", "<nat-id>"}, {"AWS::EC2::Subnet", n.subnet}}; },
          [](const AttachInternetGateway& a) {
            return V{{"AWS::EC2::InternetGateway", a.gateway}, {"AWS::EC2::VPC", a.vpc}};
          },
          [](const SecurityGroupRule& r) { return V{{"AWS::EC2::SecurityGroup", r.group}}; },
          [](const NetworkAclEntry& e) { return V{{"AWS::EC2::NetworkAcl", e.acl}}; },
          [](const SecurityGroup& g) { return V{{"AWS::EC2::SecurityGroup", "<new-sg-id>"}, {"AWS::EC2::VPC", g.vpc}}; },
          [](const InterfaceEndpoint& e) { return V{{"AWS::EC2::VPCEndpoint", "<" + e.service_name + ">"}}; },
          [](const GatewayEndpoint& e) { return V{{"AWS::EC2::VPCEndpoint", "<" + e.service_name + ">"}}; },
          [](const EndpointRouteTables& e) { return V{{"AWS::EC2::VPCEndpoint", e.endpoint}}; },
          [](const EndpointPrivateDns& e) { return V{{"AWS::EC2::VPCEndpoint", e.endpoint}}; },
          [](const EndpointPolicy& e) { return V{{"AWS::EC2::VPCEndpoint", e.endpoint}}; },
          [](const VpcDnsAttribute& a) { return V{{"AWS::EC2::VPC", a.vpc}}; },
          [](const SubnetDns64& s) { return V{{"AWS::EC2::Subnet", s.subnet}}; },
          [](const RouteTableAssociation& a) { return V{{"AWS::EC2::SubnetRouteTableAssociation", a.subnet}}; },
          [](const ServiceUpdate& u) { return V{{"AWS::ECS::Service", u.service}}; },
          [](const RunTask& r) { return V{{"AWS::ECS::TaskDefinition", r.task_definition}}; },
          [](const TaskDefinitionRevision& t) { return V{{"AWS::ECS::TaskDefinition", t.family}}; },
          [](const Cluster& c) { return V{{"AWS::ECS::Cluster", c.name}}; },
          [](const ClusterCapacityProviders& c) { return V{{"AWS::ECS::ClusterCapacityProviderAssociations", c.cluster}}; },
          [](const ClusterEphemeralStorageKey& c) { return V{{"AWS::ECS::Cluster", c.cluster}}; },
          [](const Repository& r) { return V{{"AWS::ECR::Repository", r.name}}; },
          [](const ImageStorageClass& i) { return V{{"AWS::ECR::Repository", i.repository}}; },
          [](const RepositoryPolicy& p) { return V{{"AWS::ECR::Repository", p.repository}}; },
          [](const PullThroughCacheCredential& c) {
            return V{{"AWS::SecretsManager::Secret", "ecr-pullthroughcache/" + c.prefix},
                     {"AWS::ECR::PullThroughCacheRule", c.prefix}};
          },
          [](const InlinePolicy& p) { return V{{p.user ? "AWS::IAM::User" : "AWS::IAM::Role", p.principal}}; },
          [](const ManagedPolicyAttachment& a) { return V{{"AWS::IAM::Role", a.role}}; },
          [](const Role& r) { return V{{"AWS::IAM::Role", r.name}}; },
          [](const TrustPolicy& t) { return V{{"AWS::IAM::Role", t.role}}; },
          [](const ServiceLinkedRole& r) { return V{{"AWS::IAM::ServiceLinkedRole", r.service}}; },
          [](const PermissionsBoundaryRemoval& r) { return V{{"AWS::IAM::Role", r.role}}; },
          [](const PolicyVersion& p) { return V{{"AWS::IAM::ManagedPolicy", p.policy_arn}}; },
          [](const KeyPolicy& k) { return V{{"AWS::KMS::Key", k.key}}; },
          [](const KeyEnabled& k) { return V{{"AWS::KMS::Key", k.key}}; },
          [](const Secret& s) { return V{{"AWS::SecretsManager::Secret", s.name}}; },
          [](const SecretPolicy& p) { return V{{"AWS::SecretsManager::ResourcePolicy", p.secret}}; },
          [](const SecretRestore& s) { return V{{"AWS::SecretsManager::Secret", s.secret}}; },
          [](const SecretKey& s) { return V{{"AWS::SecretsManager::Secret", s.secret}}; },
          [](const LogGroup& g) { return V{{"AWS::Logs::LogGroup", g.name}}; },
          [](const MountTarget& m) { return V{{"AWS::EFS::MountTarget", m.subnet}}; },
          [](const AccessPoint& a) { return V{{"AWS::EFS::AccessPoint", a.file_system + ":" + a.path}}; },
          [](const LoadBalancerSubnets& l) { return V{{"AWS::ElasticLoadBalancingV2::LoadBalancer", l.load_balancer}}; },
          [](const TargetGroup& g) { return V{{"AWS::ElasticLoadBalancingV2::TargetGroup", g.name}}; },
          [](const QuotaIncrease& q) { return V{{"AWS::ServiceQuotas::Quota", q.service_code + "/" + q.quota_code}}; },
          [](const OrganizationPolicy& p) { return V{{"AWS::Organizations::Policy", p.policy}}; },
          [](const Read&) { return V{}; },
      },
      s);
}

}  // namespace fd::fix
