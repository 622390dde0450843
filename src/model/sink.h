#pragma once
/// ModelSink: the interface ingest writes the entities of each file to; its `Add` methods come
/// from the entity list (model/entities.h).

#include <string>
#include <vector>

#include "model/account.h"
#include "model/ec2.h"
#include "model/ecr.h"
#include "model/ecs.h"
#include "model/elb.h"
#include "model/entities.h"
#include "model/iam.h"
#include "model/logs_secrets.h"
#include "model/storage.h"
#include "util/source_ref.h"

namespace fd::model {

/// Where ingest puts what it reads: the entities of each file, in the file's order. The
/// ModelBuilder applies them; a ModelRecording keeps them to apply later, so that files can be
/// typed on several threads and applied in order on one.
class ModelSink {
 public:
  virtual ~ModelSink() = default;
  // One `virtual void AddType(Type item) = 0;` per entity (model/entities.h).
#define FD_SINK_ADD(Type, members, Add, ...) virtual void Add(Type item) = 0;
  FD_MODEL_ENTITIES(FD_SINK_ADD)
#undef FD_SINK_ADD

  /// Merges a describe-vpc-attribute answer into the VPC (creating a stub when unseen).
  virtual void SetVpcAttribute(const std::string& vpc_id, const std::string& attribute, bool value,
                               const SourceRef& source) = 0;
  /// A describe-security-group-rules row: appended to the group's ingress or egress.
  virtual void AddSecurityGroupRule(const std::string& group_id, bool egress, SgRule rule,
                                    const std::string& region) = 0;
  virtual void AddEndpointService(std::string name) = 0;
  virtual void SetCaller(CallerIdentity c) = 0;
  /// describe-mount-target-security-groups (enveloped): the groups of one mount target.
  virtual void SetMountTargetSecurityGroups(const std::string& mount_target_id,
                                            std::vector<std::string> groups) = 0;
  /// Records that a whole scope was listed (see Model::Covers).
  virtual void MarkCoverage(const std::string& scope) = 0;
  /// A Region an input file names (envelope, folder, ARN or zone). When every file names the
  /// same one, outputs that name none are taken to be in it (Build()).
  virtual void NoteRegion(const std::string& region) = 0;

  // IAM, resource policies, KMS, organizations (model_iam.cpp). Data that names a role only by
  // name, or an account only implicitly (an envelope without one), is kept aside and resolved
  // in Build(): an empty account becomes the sts get-caller-identity account.
  /// get-role-policy: one inline policy of role `role_name`.
  virtual void AddRoleInlinePolicy(const std::string& account, const std::string& role_name,
                                   IamInlinePolicy p) = 0;
  /// list-role-policies (enveloped): the complete list of inline policy names.
  virtual void SetRoleInlinePolicyNames(const std::string& account, const std::string& role_name,
                                        std::vector<std::string> names,
                                        const SourceRef& source) = 0;
  /// list-attached-role-policies (enveloped): the complete list of attached policy ARNs.
  virtual void SetRoleAttachedPolicies(const std::string& account, const std::string& role_name,
                                       std::vector<std::string> arns, const SourceRef& source) = 0;
  /// list-aliases: alias `alias_name` ("alias/x") points at key id `key_id`.
  virtual void AddKmsAlias(const std::string& region, const std::string& account,
                           const std::string& alias_name, const std::string& key_id) = 0;
  /// get-key-policy (enveloped): `key_ref` is what --key-id said (id, ARN, alias, alias ARN).
  virtual void SetKmsKeyPolicy(const std::string& region, const std::string& account,
                               const std::string& key_ref, std::string policy,
                               const SourceRef& source) = 0;
  virtual void AddApiError(ApiError e) = 0;    ///< an empty account is the caller's
  /// MarkCoverage("<kind> <account> <rest>") once the account is known ("" = the caller's).
  virtual void MarkAccountCoverage(const std::string& kind, const std::string& account,
                                   const std::string& rest) = 0;
  virtual void AddNote(InputNote n) = 0;
  /// Records that the snapshot holds a data set ("Subnets", …) even when it is empty.
  virtual void MarkDataset(const std::string& dataset) = 0;
};

}  // namespace fd::model
