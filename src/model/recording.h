#pragma once
/// A ModelSink that keeps what it is given, to apply it later to another sink in the same order:
/// ingest types files into recordings on several threads and applies them to the one
/// ModelBuilder in the files' order, so the model is exactly the one typing them in order on
/// one thread would build (every merge, note and first-copy-wins decision included).

#include <functional>
#include <type_traits>
#include <utility>
#include <vector>

#include "model/sink.h"

namespace fd::model {

class ModelRecording final : public ModelSink {
 public:
  void AddVpc(Vpc v) override;
  void SetVpcAttribute(const std::string& vpc_id, const std::string& attribute, bool value,
                       const SourceRef& source) override;
  void AddSubnet(Subnet s) override;
  void AddRouteTable(RouteTable t) override;
  void AddNetworkAcl(NetworkAcl a) override;
  void AddSecurityGroup(SecurityGroup g) override;
  void AddSecurityGroupRule(const std::string& group_id, bool egress, SgRule rule,
                            const std::string& region) override;
  void AddVpcEndpoint(VpcEndpoint e) override;
  void AddNatGateway(NatGateway n) override;
  void AddInternetGateway(InternetGateway g) override;
  void AddDhcpOptions(DhcpOptions d) override;
  void AddPrefixList(PrefixList p) override;
  void AddNetworkInterface(NetworkInterface n) override;
  void AddAvailabilityZone(AvailabilityZone z) override;
  void AddEndpointService(std::string name) override;
  void AddService(EcsService s) override;
  void AddTask(EcsTask t) override;
  void AddTaskDefinition(TaskDefinition t) override;
  void AddCluster(Cluster c) override;
  void SetCaller(CallerIdentity c) override;
  void AddEcrRepository(EcrRepository r) override;
  void AddEcrImage(EcrImage i) override;
  void AddEcrImageFailure(EcrImageFailure f) override;
  void AddEcrPullThroughCacheRule(EcrPullThroughCacheRule r) override;
  void AddEcrRegistryPolicy(EcrRegistryPolicy p) override;
  void AddLogGroup(LogGroup g) override;
  void AddSecret(Secret s) override;
  void AddSsmParameter(SsmParameter p) override;
  void AddEfsFileSystem(EfsFileSystem f) override;
  void AddEfsMountTarget(EfsMountTarget t) override;
  void AddEfsAccessPoint(EfsAccessPoint a) override;
  void AddTargetGroup(TargetGroup g) override;
  void AddLoadBalancer(LoadBalancer l) override;
  void SetMountTargetSecurityGroups(const std::string& mount_target_id,
                                    std::vector<std::string> groups) override;
  void MarkCoverage(const std::string& scope) override;
  void NoteRegion(const std::string& region) override;
  void AddIamRole(IamRole r) override;
  void AddRoleInlinePolicy(const std::string& account, const std::string& role_name,
                           IamInlinePolicy p) override;
  void SetRoleInlinePolicyNames(const std::string& account, const std::string& role_name,
                                std::vector<std::string> names, const SourceRef& source) override;
  void SetRoleAttachedPolicies(const std::string& account, const std::string& role_name,
                               std::vector<std::string> arns, const SourceRef& source) override;
  void AddIamPolicy(IamManagedPolicy p) override;
  void AddEcrRepositoryPolicy(EcrRepositoryPolicy p) override;
  void AddSecretPolicy(SecretPolicy p) override;
  void AddKmsKey(KmsKey k) override;
  void AddKmsAlias(const std::string& region, const std::string& account,
                   const std::string& alias_name, const std::string& key_id) override;
  void SetKmsKeyPolicy(const std::string& region, const std::string& account,
                       const std::string& key_ref, std::string policy,
                       const SourceRef& source) override;
  void AddOrgPolicy(OrgPolicy p) override;
  void AddApiError(ApiError e) override;
  void MarkAccountCoverage(const std::string& kind, const std::string& account,
                           const std::string& rest) override;
  void AddNote(InputNote n) override;
  void MarkDataset(const std::string& dataset) override;

  /// Applies everything recorded to `sink`, in the order it was recorded.
  void ReplayInto(ModelSink& sink) &&;

 private:
  template <auto Method, typename... Args>
  void Record(Args&&... args) {
    ops_.emplace_back([... a = std::decay_t<Args>(std::forward<Args>(args))](
                          ModelSink& sink) mutable { (sink.*Method)(std::move(a)...); });
  }
  std::vector<std::function<void(ModelSink&)>> ops_;
};

}  // namespace fd::model
