#include "model/recording.h"

namespace fd::model {

void ModelRecording::AddVpc(Vpc v) { Record<&ModelSink::AddVpc>(std::move(v)); }
void ModelRecording::SetVpcAttribute(const std::string& vpc_id, const std::string& attribute,
                                     bool value, const SourceRef& source) {
  Record<&ModelSink::SetVpcAttribute>(vpc_id, attribute, value, source);
}
void ModelRecording::AddSubnet(Subnet s) { Record<&ModelSink::AddSubnet>(std::move(s)); }
void ModelRecording::AddRouteTable(RouteTable t) {
  Record<&ModelSink::AddRouteTable>(std::move(t));
}
void ModelRecording::AddNetworkAcl(NetworkAcl a) {
  Record<&ModelSink::AddNetworkAcl>(std::move(a));
}
void ModelRecording::AddSecurityGroup(SecurityGroup g) {
  Record<&ModelSink::AddSecurityGroup>(std::move(g));
}
void ModelRecording::AddSecurityGroupRule(const std::string& group_id, bool egress, SgRule rule,
                                          const std::string& region) {
  Record<&ModelSink::AddSecurityGroupRule>(group_id, egress, std::move(rule), region);
}
void ModelRecording::AddVpcEndpoint(VpcEndpoint e) {
  Record<&ModelSink::AddVpcEndpoint>(std::move(e));
}
void ModelRecording::AddNatGateway(NatGateway n) {
  Record<&ModelSink::AddNatGateway>(std::move(n));
}
void ModelRecording::AddInternetGateway(InternetGateway g) {
  Record<&ModelSink::AddInternetGateway>(std::move(g));
}
void ModelRecording::AddDhcpOptions(DhcpOptions d) {
  Record<&ModelSink::AddDhcpOptions>(std::move(d));
}
void ModelRecording::AddPrefixList(PrefixList p) {
  Record<&ModelSink::AddPrefixList>(std::move(p));
}
void ModelRecording::AddNetworkInterface(NetworkInterface n) {
  Record<&ModelSink::AddNetworkInterface>(std::move(n));
}
void ModelRecording::AddAvailabilityZone(AvailabilityZone z) {
  Record<&ModelSink::AddAvailabilityZone>(std::move(z));
}
void ModelRecording::AddEndpointService(std::string name) {
  Record<&ModelSink::AddEndpointService>(std::move(name));
}
void ModelRecording::AddService(EcsService s) { Record<&ModelSink::AddService>(std::move(s)); }
void ModelRecording::AddTask(EcsTask t) { Record<&ModelSink::AddTask>(std::move(t)); }
void ModelRecording::AddTaskDefinition(TaskDefinition t) {
  Record<&ModelSink::AddTaskDefinition>(std::move(t));
}
void ModelRecording::AddCluster(Cluster c) { Record<&ModelSink::AddCluster>(std::move(c)); }
void ModelRecording::SetCaller(CallerIdentity c) { Record<&ModelSink::SetCaller>(std::move(c)); }
void ModelRecording::AddEcrRepository(EcrRepository r) {
  Record<&ModelSink::AddEcrRepository>(std::move(r));
}
void ModelRecording::AddEcrImage(EcrImage i) { Record<&ModelSink::AddEcrImage>(std::move(i)); }
void ModelRecording::AddEcrImageFailure(EcrImageFailure f) {
  Record<&ModelSink::AddEcrImageFailure>(std::move(f));
}
void ModelRecording::AddEcrPullThroughCacheRule(EcrPullThroughCacheRule r) {
  Record<&ModelSink::AddEcrPullThroughCacheRule>(std::move(r));
}
void ModelRecording::AddEcrRegistryPolicy(EcrRegistryPolicy p) {
  Record<&ModelSink::AddEcrRegistryPolicy>(std::move(p));
}
void ModelRecording::AddLogGroup(LogGroup g) { Record<&ModelSink::AddLogGroup>(std::move(g)); }
void ModelRecording::AddSecret(Secret s) { Record<&ModelSink::AddSecret>(std::move(s)); }
void ModelRecording::AddSsmParameter(SsmParameter p) {
  Record<&ModelSink::AddSsmParameter>(std::move(p));
}
void ModelRecording::AddEfsFileSystem(EfsFileSystem f) {
  Record<&ModelSink::AddEfsFileSystem>(std::move(f));
}
void ModelRecording::AddEfsMountTarget(EfsMountTarget t) {
  Record<&ModelSink::AddEfsMountTarget>(std::move(t));
}
void ModelRecording::AddEfsAccessPoint(EfsAccessPoint a) {
  Record<&ModelSink::AddEfsAccessPoint>(std::move(a));
}
void ModelRecording::AddTargetGroup(TargetGroup g) {
  Record<&ModelSink::AddTargetGroup>(std::move(g));
}
void ModelRecording::AddLoadBalancer(LoadBalancer l) {
  Record<&ModelSink::AddLoadBalancer>(std::move(l));
}
void ModelRecording::SetMountTargetSecurityGroups(const std::string& mount_target_id,
                                                  std::vector<std::string> groups) {
  Record<&ModelSink::SetMountTargetSecurityGroups>(mount_target_id, std::move(groups));
}
void ModelRecording::MarkCoverage(const std::string& scope) {
  Record<&ModelSink::MarkCoverage>(scope);
}
void ModelRecording::NoteRegion(const std::string& region) {
  Record<&ModelSink::NoteRegion>(region);
}
void ModelRecording::AddIamRole(IamRole r) { Record<&ModelSink::AddIamRole>(std::move(r)); }
void ModelRecording::AddRoleInlinePolicy(const std::string& account, const std::string& role_name,
                                         IamInlinePolicy p) {
  Record<&ModelSink::AddRoleInlinePolicy>(account, role_name, std::move(p));
}
void ModelRecording::SetRoleInlinePolicyNames(const std::string& account,
                                              const std::string& role_name,
                                              std::vector<std::string> names,
                                              const SourceRef& source) {
  Record<&ModelSink::SetRoleInlinePolicyNames>(account, role_name, std::move(names), source);
}
void ModelRecording::SetRoleAttachedPolicies(const std::string& account,
                                             const std::string& role_name,
                                             std::vector<std::string> arns,
                                             const SourceRef& source) {
  Record<&ModelSink::SetRoleAttachedPolicies>(account, role_name, std::move(arns), source);
}
void ModelRecording::AddIamPolicy(IamManagedPolicy p) {
  Record<&ModelSink::AddIamPolicy>(std::move(p));
}
void ModelRecording::AddEcrRepositoryPolicy(EcrRepositoryPolicy p) {
  Record<&ModelSink::AddEcrRepositoryPolicy>(std::move(p));
}
void ModelRecording::AddSecretPolicy(SecretPolicy p) {
  Record<&ModelSink::AddSecretPolicy>(std::move(p));
}
void ModelRecording::AddKmsKey(KmsKey k) { Record<&ModelSink::AddKmsKey>(std::move(k)); }
void ModelRecording::AddKmsAlias(const std::string& region, const std::string& account,
                                 const std::string& alias_name, const std::string& key_id) {
  Record<&ModelSink::AddKmsAlias>(region, account, alias_name, key_id);
}
void ModelRecording::SetKmsKeyPolicy(const std::string& region, const std::string& account,
                                     const std::string& key_ref, std::string policy,
                                     const SourceRef& source) {
  Record<&ModelSink::SetKmsKeyPolicy>(region, account, key_ref, std::move(policy), source);
}
void ModelRecording::AddOrgPolicy(OrgPolicy p) { Record<&ModelSink::AddOrgPolicy>(std::move(p)); }
void ModelRecording::AddApiError(ApiError e) { Record<&ModelSink::AddApiError>(std::move(e)); }
void ModelRecording::MarkAccountCoverage(const std::string& kind, const std::string& account,
                                         const std::string& rest) {
  Record<&ModelSink::MarkAccountCoverage>(kind, account, rest);
}
void ModelRecording::AddNote(InputNote n) { Record<&ModelSink::AddNote>(std::move(n)); }
void ModelRecording::MarkDataset(const std::string& dataset) {
  Record<&ModelSink::MarkDataset>(dataset);
}

void ModelRecording::ReplayInto(ModelSink& sink) && {
  for (auto& op : ops_) op(sink);
  ops_.clear();
}

}  // namespace fd::model
