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
#define FD_RECORDING_ADD(Type, members, Add, ...) void Add(Type item) override;
  FD_MODEL_ENTITIES(FD_RECORDING_ADD)
#undef FD_RECORDING_ADD
  void SetVpcAttribute(const std::string& vpc_id, const std::string& attribute, bool value,
                       const SourceRef& source) override;
  void AddSecurityGroupRule(const std::string& group_id, bool egress, SgRule rule,
                            const std::string& region) override;
  void AddEndpointService(std::string name) override;
  void SetCaller(CallerIdentity c) override;
  void SetMountTargetSecurityGroups(const std::string& mount_target_id,
                                    std::vector<std::string> groups) override;
  void MarkCoverage(const std::string& scope) override;
  void NoteRegion(const std::string& region) override;
  void AddRoleInlinePolicy(const std::string& account, const std::string& role_name,
                           IamInlinePolicy p) override;
  void SetRoleInlinePolicyNames(const std::string& account, const std::string& role_name,
                                std::vector<std::string> names, const SourceRef& source) override;
  void SetRoleAttachedPolicies(const std::string& account, const std::string& role_name,
                               std::vector<std::string> arns, const SourceRef& source) override;
  void AddKmsAlias(const std::string& region, const std::string& account,
                   const std::string& alias_name, const std::string& key_id) override;
  void SetKmsKeyPolicy(const std::string& region, const std::string& account,
                       const std::string& key_ref, std::string policy,
                       const SourceRef& source) override;
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
