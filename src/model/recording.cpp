#include "model/recording.h"

namespace fd::model {

#define FD_RECORDING_ADD(Type, members, Add, ...) \
  void ModelRecording::Add(Type item) { Record<&ModelSink::Add>(std::move(item)); }
FD_MODEL_ENTITIES(FD_RECORDING_ADD)
#undef FD_RECORDING_ADD

void ModelRecording::SetVpcAttribute(const std::string& vpc_id, const std::string& attribute,
                                     bool value, const SourceRef& source) {
  Record<&ModelSink::SetVpcAttribute>(vpc_id, attribute, value, source);
}
void ModelRecording::AddSecurityGroupRule(const std::string& group_id, bool egress, SgRule rule,
                                          const std::string& region) {
  Record<&ModelSink::AddSecurityGroupRule>(group_id, egress, std::move(rule), region);
}
void ModelRecording::AddEndpointService(std::string name) {
  Record<&ModelSink::AddEndpointService>(std::move(name));
}
void ModelRecording::SetCaller(CallerIdentity c) { Record<&ModelSink::SetCaller>(std::move(c)); }
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
void ModelRecording::AddKmsAlias(const std::string& region, const std::string& account,
                                 const std::string& alias_name, const std::string& key_id) {
  Record<&ModelSink::AddKmsAlias>(region, account, alias_name, key_id);
}
void ModelRecording::SetKmsKeyPolicy(const std::string& region, const std::string& account,
                                     const std::string& key_ref, std::string policy,
                                     const SourceRef& source) {
  Record<&ModelSink::SetKmsKeyPolicy>(region, account, key_ref, std::move(policy), source);
}
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
