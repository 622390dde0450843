// Internal to the stacks → model mapper (to_model.h): what every family's mapping shares. The
// declared resources by stack and logical ID; the one function that gives a declared object its
// model ID (so every Ref to it gives the same ID); reading property values as known, absent or
// unknown; origins and notes.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/model.h"
#include "predeploy/cfn/to_model.h"

namespace fd::predeploy::cfn {

// One declared resource and the stack that declares it.
struct Item {
  const Stack* stack = nullptr;
  const StackResource* declared = nullptr;
  const Resource& r() const { return declared->resource; }
  const std::string& id() const { return declared->resource.id; }
  const std::string& type() const { return declared->resource.type; }
};

class MapContext {
 public:
  MapContext(const Templates& templates, const BuildOptions& options, model::ModelBuilder& builder,
             DeclaredModel& out);

  model::ModelBuilder& builder() { return builder_; }
  // The stack's own Region/account (a CDK environment), else --region/--account, else "".
  std::string Region(const Item& it) const;
  std::string Account(const Item& it) const;
  static std::string Partition(const std::string& region);

  // The resources of `type`, in stack and template order.
  const std::vector<Item>& OfType(std::string_view type) const;
  const Item* Find(const std::string& stack, const std::string& logical_id) const;

  // The model ID of a declared object: its logical ID, prefixed "Stack." when several stacks
  // declare that logical ID. Ref of the resource resolves to it (roles: see RoleName).
  std::string IdOf(const Item& it) const;
  // A role's name: RoleName, else its model ID (CloudFormation would generate one).
  std::string RoleName(const Item& it) const;
  // The ARN of a role, managed policy, secret, repository or KMS key, built from its name (a
  // key's model ID), the account (and but for IAM the Region) when known; else its model ID.
  // Other types: their model ID.
  std::string ArnOf(const Item& it) const;

  const Value* Prop(const Item& it, std::string_view key) const {
    return it.r().properties.Find(std::string(key));
  }
  // The text of a value: "" when absent or null; nullopt when unknown (a reference to nothing
  // declared, an Unknown, a Text with an unknown part).
  std::optional<std::string> Text(const Value* v) const;
  std::optional<std::string> Text(const Item& it, std::string_view key) const {
    return Text(Prop(it, key));
  }
  // A list of texts; empty when absent; nullopt when the list or an item is unknown.
  std::optional<std::vector<std::string>> Texts(const Value* v) const;
  // IDs a property lists (subnets, security groups): an item only deployment will know becomes
  // a placeholder no model object has, so what needs it is unchecked (with a note), never a
  // wrong object. Marks the network data sets as incomplete.
  std::vector<std::string> Ids(const Item& it, const Value* v, std::string_view what);
  std::optional<bool> Bool(const Value* v) const;
  std::optional<std::int64_t> Int(const Value* v) const;
  // A policy document (a map, or JSON text) as JSON text; nullopt when a part of it is unknown.
  std::optional<std::string> Json(const Value& v) const;
  // The same for a policy, where a statement whose Resource (or NotResource) only deployment
  // will know becomes `Resource: "*"` conditioned on an unknown key that says why
  // (model::kUnknownConditionKeyPrefix): what that statement decides stays undecided, and the
  // actions no statement names are still decided. nullopt when another part is unknown.
  // `what` names the policy in that reason.
  std::optional<std::string> PolicyJson(const Value& v, const std::string& what) const;
  // The items of a list value that are maps (SecurityGroupIngress, ContainerDefinitions, ...).
  std::vector<const Value*> Maps(const Value* v) const;
  static bool IsUnknown(const Value* v);
  // What resolving `v` would need, for a note.
  std::string WhyUnknown(const Value* v) const;
  // The declared resource a Ref or GetAtt value names; nullptr otherwise.
  const Item* Referenced(const Value* v) const;

  void Origin(const std::string& model_id, const Item& it);
  void Note(const Item& it, std::string text);
  void Note(const SourcePos& pos, std::string text);
  SourceRef Source(const Item& it) const { return SourceRef{it.r().pos.file, it.id()}; }

  // What AWS creates with a VPC a stack declares: "<vpc>.MainRouteTable", "<vpc>.DefaultNetworkAcl",
  // "<vpc>.DefaultSecurityGroup" (the GetAtt names of the last two).
  std::string VpcDefault(const Item& vpc, std::string_view what) const {
    return IdOf(vpc) + "." + std::string(what);
  }

  // Filled by the network mapping, read by later families.
  std::map<std::string, std::vector<Cidr4>> vpc_cidrs;  // VPC ID → IPv4 CIDRs
  std::map<std::string, std::string> subnet_vpc;         // subnet ID → VPC ID
  std::set<std::string> created_vpcs;                    // VPC IDs the stacks create
  bool network_incomplete = false;  // some ID or object only deployment will tell

 private:
  std::optional<std::string> ResolveRef(const ResourceRef& ref) const;
  std::optional<std::string> LogGroupArn(const Item& it) const;

  const Templates& templates_;
  BuildOptions options_;
  DeclaredModel& out_;
  model::ModelBuilder& builder_;
  std::unordered_map<std::string, Item> by_key_;  // "stack\nlogicalId"
  std::unordered_map<std::string, int> stacks_declaring_;  // logical ID → number of stacks
  std::map<std::string, std::vector<Item>, std::less<>> by_type_;
};

// One function per family, in the order BuildModel calls them: the network first (the VPCs'
// CIDRs and the subnets' VPCs are what later families look up).
void MapNetwork(MapContext& cx);
void MapFirewalls(MapContext& cx);
void MapEcs(MapContext& cx);
void MapIamLogsStorage(MapContext& cx);
void MapLoadBalancers(MapContext& cx);     // to_model_elb.cpp
void MapResourcePolicies(MapContext& cx);  // to_model_policies.cpp

}  // namespace fd::predeploy::cfn
