// Internal to the plan → model mapper (to_model.h): what every family's mapping shares. The
// resources of all plans by address; the one function that gives a declared object its model ID
// (and every reference to it the same ID); reading attribute values as known, absent or
// unknown; origins and notes.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/model.h"
#include "predeploy/declared_model.h"
#include "predeploy/tf/to_model.h"

namespace fd::predeploy::tf {

class MapContext {
 public:
  MapContext(const std::vector<Plan>& plans, BuildOptions options, model::ModelBuilder& builder,
             DeclaredModel& out);

  const BuildOptions& options() const { return options_; }
  const std::string& region() const { return options_.region; }
  const std::string& account() const { return options_.account; }
  std::string Partition() const;
  model::ModelBuilder& builder() { return builder_; }

  // The resources of `type` in plan order: managed ones (`aws_vpc`) or data sources
  // (`data.aws_vpc`), which only some families read (their attributes differ).
  const std::vector<const Resource*>& OfType(std::string_view type) const;
  // A declared resource by full address; nullptr when no plan declares it.
  const Resource* Find(const std::string& address) const;
  // A reference's resources: the one it names, or every instance of a counted resource named
  // without an index (`aws_subnet.a` → `aws_subnet.a[0]`, `aws_subnet.a[1]`).
  std::vector<const Resource*> Instances(const std::string& address) const;

  // The model ID of a declared object: its known `id`, else its address. What Terraform's `id`
  // is differs by type (an ARN for clusters, services and policies, the name for roles and log
  // groups); for those types IdOf gives what ArnOf or the name gives, so references agree.
  std::string IdOf(const Resource& r) const;
  // Its ARN: the known `arn`; else one built from name, Region and account when all are known
  // (roles, policies, clusters, repositories, secrets; a KMS key from its model ID); else its
  // address.
  std::string ArnOf(const Resource& r) const;
  // The ARN of repository `name` in the plans' Region and account; `name` when either is unknown.
  std::string RepositoryArn(const std::string& name) const;

  // Attribute values. A reference resolves to what the referenced attribute is: `id` and ``
  // through IdOf, `arn` through ArnOf, other attributes to their known value.
  const Value* Attr(const Resource& r, std::string_view key) const;
  // The text of a value: "" when absent or null; nullopt when unknown (also a reference that
  // resolves to nothing known).
  std::optional<std::string> Text(const Value* v) const;
  std::optional<std::string> Text(const Resource& r, std::string_view key) const {
    return Text(Attr(r, key));
  }
  // A list or set of texts; empty when absent; nullopt when the list or an element is unknown.
  std::optional<std::vector<std::string>> Texts(const Value* v) const;
  std::optional<std::vector<std::string>> Texts(const Resource& r, std::string_view key) const {
    return Texts(Attr(r, key));
  }
  // nullopt when absent, null or unknown (use IsUnknown to tell).
  std::optional<bool> Bool(const Value* v) const;
  std::optional<std::int64_t> Int(const Value* v) const;
  // The maps of a list of nested blocks (`ingress`, `route`); empty when absent or not a list.
  std::vector<const Value*> Blocks(const Value* v) const;
  // The first block of a single nested block list (`network_configuration`); nullptr if none.
  const Value* Block(const Value* v) const;
  static bool IsUnknown(const Value* v) { return v != nullptr && v->IsUnknown(); }
  // Unknown because the configuration does not write it (values.h kNotConfigured).
  static bool IsNotConfigured(const Value* v);
  // What resolving `v` would need, for a note: "known after apply", "sensitive", "a reference
  // to aws_x.y, which no plan declares".
  std::string WhyUnknown(const Value* v) const;

  // The referenced resource when `v` is a reference to a declared one; nullptr otherwise.
  const Resource* Referenced(const Value* v) const;

  // Records where the object the model knows as `model_id` was declared.
  void Origin(const std::string& model_id, const Resource& r);
  void Note(const Resource& r, std::string text);
  SourceRef Source(const Resource& r) const { return SourceRef{r.pos.file, r.id}; }

  // A VPC the plans create: the IDs of what AWS creates with it, which the aws_default_*
  // resources adopt (`default_route_table_id` of aws_vpc.main is
  // "aws_vpc.main.default_route_table_id" until apply).
  std::string VpcDefault(const Resource& vpc, std::string_view attribute) const;

  // VPC IDs → their IPv4 CIDRs, and subnet IDs → their VPC, as the network mapping found them.
  std::map<std::string, std::vector<Cidr4>> vpc_cidrs;
  std::map<std::string, std::string> subnet_vpc;
  // VPCs the plans create or manage (not data sources): AWS's defaults are synthesised for them.
  std::vector<const Resource*> managed_vpcs;

 private:
  std::optional<std::string> ResolveRef(const ResourceRef& ref) const;
  const Value* RefTarget(const ResourceRef& ref) const;

  BuildOptions options_;
  DeclaredModel& out_;
  model::ModelBuilder& builder_;
  std::unordered_map<std::string, const Resource*> by_address_;
  std::unordered_map<std::string, std::vector<const Resource*>> by_base_;  // without [index]
  std::map<std::string, std::vector<const Resource*>, std::less<>> by_type_;
};

// One function per family (to_model_network.cpp, to_model_firewall.cpp, to_model_ecs.cpp,
// to_model_iam.cpp), in the order BuildModel calls them: the network first (the VPCs' CIDRs and
// the subnets' VPCs are what later families look up).
void MapNetwork(MapContext& cx);
void MapFirewalls(MapContext& cx);
void MapEcs(MapContext& cx);
void MapIamLogsStorage(MapContext& cx);
void MapLoadBalancers(MapContext& cx);     // to_model_elb.cpp
void MapResourcePolicies(MapContext& cx);  // to_model_policies.cpp

}  // namespace fd::predeploy::tf
