#pragma once
/// The typed, indexed snapshot every check reads. Ingest fills a ModelBuilder from AWS CLI
/// JSON; Build() freezes it into a Model that is immutable, so checks get a `const Model&` and
/// can never disagree about what the account looks like. Every entity remembers where it came
/// from (SourceRef), so a finding can point at the exact file and JSON pointer.
///
/// Field names follow AWS vocabulary in snake_case (`assign_public_ip`, `map_public_ip_on_launch`)
/// so findings read like the console. Optional fields are std::optional: "absent from the
/// snapshot" must stay distinguishable from "false", because missing data makes a check
/// unchecked, never an implicit "ok".
///
/// The entities are declared by AWS family (model/ec2.h, ecs.h, ecr.h, logs_secrets.h,
/// storage.h, elb.h, iam.h, account.h); code that only names them by reference includes
/// model/fwd.h. This header is the Model, the ModelSink ingest writes to and the ModelBuilder,
/// and includes every family, so `#include "model/model.h"` gives the whole model.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/account.h"
#include "model/arn.h"
#include "model/ec2.h"
#include "model/ecr.h"
#include "model/ecs.h"
#include "model/elb.h"
#include "model/entities.h"
#include "model/iam.h"
#include "model/index.h"
#include "model/logs_secrets.h"
#include "model/sink.h"
#include "model/storage.h"
#include "util/source_ref.h"

namespace fd::model {

class Model {
 public:
  // One `const Index<Type>& members() const` per entity (model/entities.h), sorted by its key.
#define FD_MODEL_ACCESSOR(Type, members, ...) \
  const Index<Type>& members() const { return members##_; }
  FD_MODEL_ENTITIES(FD_MODEL_ACCESSOR)
#undef FD_MODEL_ACCESSOR
  const std::vector<std::string>& endpoint_services() const { return endpoint_services_; }
  /// The pull-through cache rule whose prefix the repository name starts with ("<prefix>/…";
  /// the longest prefix wins, "ROOT" matches any name), in that registry and Region (or in a
  /// rule whose Region is unknown); nullptr when none in the snapshot.
  const EcrPullThroughCacheRule* PullThroughCacheRuleFor(const std::string& registry,
                                                         const std::string& region,
                                                         const std::string& repository) const;
  /// The image a tag points at in a repository; nullptr when none in the snapshot.
  const EcrImage* EcrImageByTag(const std::string& registry, const std::string& region,
                                const std::string& repository, const std::string& tag) const;
  /// A secret by "<region> <account> <name>"; nullptr when none.
  const Secret* SecretByName(const std::string& region, const std::string& account,
                             const std::string& name) const;
  std::vector<const EfsMountTarget*> MountTargetsOf(const std::string& file_system_id) const;

  // IAM, resource policies, KMS, organizations (model_iam.cpp).
  /// A role by account and name (IAM role names are unique per account, case-insensitively).
  const IamRole* RoleByName(const std::string& account, const std::string& name) const;
  /// True when the snapshot proves that `account` has no role named `name`: the role is not in
  /// the model and the account's full role list ("iam-roles <account>") or a get-role answer
  /// for that name ("iam-role <account> <lower-cased name>") is.
  bool RoleProvenAbsent(const std::string& account, const std::string& name) const;
  /// A KMS key by key id, key ARN, alias name ("alias/x") or alias ARN, in `region`/`account`
  /// (ARNs name their own); nullptr when unknown.
  const KmsKey* FindKmsKey(const std::string& region, const std::string& account,
                           const std::string& ref) const;
  /// The SCPs and RCPs known to be attached to a target (account id, ou-…, r-…).
  std::vector<const OrgPolicy*> OrgPoliciesOn(const std::string& target) const;
  /// Calls that failed (error envelopes), in file order.
  const std::vector<ApiError>& api_errors() const { return api_errors_; }
  /// The failed call `command` ("iam get-role") made for `resource`; nullptr when none.
  const ApiError* FailedCall(const std::string& command, const std::string& resource) const;
  /// The first call refused for want of IAM action `action` ("iam:GetRole"); nullptr when none.
  /// Checks name it in sink.Unchecked: the data set is unavailable, not absent.
  const ApiError* Denied(const std::string& action) const;
  /// True when the snapshot lists a whole scope, so absence from it is proof: "ecr <registry>
  /// <region>" (describe-repositories), "ecr-images <registry> <region> <repo>", "logs
  /// <region>", "secrets <region>", "ssm <region>", "efs-mount-targets <fs id>".
  /// IAM and friends: "iam-roles <account>" (get-account-authorization-details listed every
  /// role of the account, untruncated), "iam-role <account> <lower-cased name>" (get-role
  /// answered for that name, with the role or NoSuchEntity), "iam-policies <account>" (the
  /// authorization details listed every customer managed policy of the account), "iam-policy
  /// <arn>" (get-policy answered for that ARN), "kms-key <account> <region> <key id or
  /// alias>" (describe-key said NotFoundException for that --key-id; a found key is in kms_keys),
  /// "org-policies <TYPE> <target>" (list-policies-for-target listed every policy of that type
  /// attached directly to the target), "ecr-ptc <registry> <region>" (describe-pull-through-cache-rules
  /// listed every rule of that registry and Region; a listing filtered by prefix proves nothing),
  /// "ecr-registry-policy <registry> <region>" (get-registry-policy answered, with a policy or
  /// RegistryPolicyNotFoundException). An ECR repository or secret whose policy question was
  /// answered has an EcrRepositoryPolicy / SecretPolicy entry (policy nullopt when it has none).
  bool Covers(const std::string& scope) const { return coverage_.count(scope) > 0; }
  const std::vector<InputNote>& notes() const { return notes_; }
  const std::optional<CallerIdentity>& caller() const { return caller_; }

  /// Which data sets the snapshot holds at all ("Subnets", "RouteTables", "NetworkAcls", …,
  /// the recognising top-level key). A check uses it to tell "no such resource" from "not
  /// collected": only the first may be reported as a finding.
  bool Has(const std::string& dataset) const { return datasets_.count(dataset) > 0; }

  // Derived indexes, resolved once in Build().
  /// The route table that applies to a subnet: its explicit association, else the VPC's main
  /// table. nullptr when the snapshot has neither. `implicit` tells which case applied.
  const RouteTable* RouteTableForSubnet(const std::string& subnet_id, bool* implicit = nullptr) const;
  const NetworkAcl* NaclForSubnet(const std::string& subnet_id, bool* implicit = nullptr) const;
  const SecurityGroup* DefaultSecurityGroup(const std::string& vpc_id) const;
  std::vector<const VpcEndpoint*> EndpointsInVpc(const std::string& vpc_id) const;
  std::vector<const InternetGateway*> GatewaysAttachedTo(const std::string& vpc_id) const;
  /// The prefix list named `name` that `account`'s answers listed, else any of that name.
  const PrefixList* PrefixListByName(const std::string& name, const std::string& account = "") const;
  /// The task definition a service or task names: by full ARN, or by "family:revision", or
  /// (for a bare family) the highest ACTIVE revision.
  const TaskDefinition* FindTaskDefinition(const std::string& ref) const;
  const AvailabilityZone* ZoneByName(const std::string& name) const { return availability_zones_.Find(name); }

 private:
  friend class ModelBuilder;
#define FD_MODEL_MEMBER(Type, members, ...) Index<Type> members##_;
  FD_MODEL_ENTITIES(FD_MODEL_MEMBER)
#undef FD_MODEL_MEMBER
  std::vector<ApiError> api_errors_;
  std::unordered_map<std::string, const IamRole*> role_by_name_;  ///< "<account> <lower name>"
  std::unordered_map<std::string, const KmsKey*> kms_key_by_ref_;  ///< "<region> <account> <id|alias>"
  std::unordered_map<std::string, std::vector<const OrgPolicy*>> org_policies_by_target_;
  std::unordered_map<std::string, size_t> failed_call_;  ///< "<command> <resource>"
  std::unordered_map<std::string, size_t> denied_action_;
  std::unordered_map<std::string, const EcrImage*> ecr_image_by_tag_;
  std::unordered_map<std::string, const Secret*> secret_by_name_;
  std::unordered_map<std::string, std::vector<const EfsMountTarget*>> mount_targets_by_fs_;
  std::unordered_map<std::string, std::vector<std::string>> mount_target_groups_;
  std::unordered_map<std::string, int> coverage_;
  std::vector<std::string> endpoint_services_;
  std::vector<InputNote> notes_;
  std::optional<CallerIdentity> caller_;
  std::unordered_map<std::string, int> datasets_;

  std::unordered_map<std::string, const RouteTable*> subnet_route_table_;
  std::unordered_map<std::string, const RouteTable*> main_route_table_;  ///< by VPC
  std::unordered_map<std::string, const NetworkAcl*> subnet_nacl_;
  std::unordered_map<std::string, const NetworkAcl*> default_nacl_;  ///< by VPC
  std::unordered_map<std::string, const SecurityGroup*> default_sg_;  ///< by VPC
  std::unordered_map<std::string, std::vector<const VpcEndpoint*>> endpoints_by_vpc_;
  std::unordered_map<std::string, std::vector<const InternetGateway*>> igws_by_vpc_;
  std::unordered_map<std::string, const PrefixList*> prefix_list_by_name_;
  std::unordered_map<std::string, const TaskDefinition*> task_definition_by_family_;
};

/// Collects entities during ingest. Adding an entity whose id is already present keeps the
/// first copy and merges what the second adds (an SG seen in describe-security-groups and in
/// describe-security-group-rules), noting real disagreements. Build() sorts, indexes and
/// resolves references once; dangling ones become notes, never crashes.
class ModelBuilder final : public ModelSink {
 public:
  // The plain entities' Add is generated in model.cpp, the merged ones' written there and in
  // model_iam.cpp (model/entities.h).
#define FD_BUILDER_ADD(Type, members, Add, ...) void Add(Type item) override;
  FD_MODEL_ENTITIES(FD_BUILDER_ADD)
#undef FD_BUILDER_ADD
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

  /// Sorts, indexes and resolves references. Entities whose input named no region get the
  /// snapshot's when its files name only one, else (VPC-scoped ones) their VPC's region
  /// (itself taken from its subnets when the VPC listing lacks one).
  Model Build() &&;

 private:
  // model.cpp: Build()'s steps after FillSnapshotRegion and ResolveIam, in the order it runs.
  static void SortEntities(Model& m);
  static void FillRegionsFromVpcs(Model& m);
  static void FillZonesFromSubnets(Model& m);
  static void IndexResources(Model& m);
  static void IndexNetwork(Model& m);
  static void IndexTaskDefinitions(Model& m);
  static void NoteDanglingReferences(Model& m);
  // model_iam.cpp: ResolveIam() is called by Build() before anything is indexed, and runs the
  // steps below it; `caller` is the caller identity's account ("" when unknown).
  void ResolveIam();
  void FillCallerAccount(const std::string& caller);
  void ResolvePendingRoles(const std::string& caller);
  void ResolveEcrPolicies(const std::string& caller);
  void ResolveKmsReferences(const std::string& caller);
  void IndexIam();
  // model_regions.cpp: the Region of a snapshot whose files all name one.
  void FillSnapshotRegion();          ///< gives it to every entity that names none
  std::string SnapshotRegion() const;  ///< "" when the files name none or several
  std::string RegionAdvice() const;    ///< for a note: what would settle a missing Region
  std::set<std::string> regions_named_;
  struct PendingRole {
    enum class What { kInline, kInlineNames, kAttached };
    What what = What::kInline;
    std::string account, role_name;
    IamInlinePolicy inline_policy;
    std::vector<std::string> list;
    SourceRef source;
  };
  struct PendingKeyPolicy {
    std::string region, account, key_ref, policy;
    SourceRef source;
  };
  struct PendingAlias {
    std::string region, account, alias_name, key_id;
  };
  std::vector<PendingRole> pending_roles_;
  std::vector<PendingKeyPolicy> pending_key_policies_;
  std::vector<PendingAlias> pending_aliases_;
  std::vector<EcrRepositoryPolicy> pending_repo_policies_;
  std::vector<EcrPullThroughCacheRule> pending_ptc_rules_;
  std::vector<EcrRegistryPolicy> pending_registry_policies_;
  struct PendingCoverage {
    std::string kind, account, rest;
  };
  std::vector<PendingCoverage> pending_coverage_;
  Model m_;
};

}  // namespace fd::model
