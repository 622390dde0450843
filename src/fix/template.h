#pragma once
/// What the two template renderers (fix/cloudformation.h, fix/terraform.h) share: the
/// resources the templates or plans declare, by the ID the model (and so every step) knows them
/// by, and the names of the resources earlier steps of the same fix or remedy create, so a
/// placeholder such as "<endpoint-sg-id>" becomes a reference to the new resource.

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "fix/step.h"

namespace fd::fix {

/// A resource the templates or plans declare, as an edit names it.
struct Declared {
  std::string id;         ///< logical ID; Terraform address with its module path and index
  /// An object AWS creates with the declared resource, named by the attribute that holds its
  /// ID: "DefaultSecurityGroup" (CloudFormation GetAtt), "default_security_group_id"
  /// (Terraform); "" for the declared resource itself.
  std::string attribute;
  std::string type;    ///< "AWS::EC2::Subnet"; "aws_subnet"
  std::string source;  ///< stack name; module instance ("" for a plan's root module)
  std::string file;
  int line = 0;
  /// The name a stack already exports the resource's ID under (CloudFormation: an Output whose
  /// Value is its Ref or an ID attribute); "" when none.
  std::string export_name;
};
/// By the ID the model knows the object by (and its aliases: a role's name, a family).
using Declarations = std::unordered_map<std::string, Declared>;

/// The placeholders later steps write for the resource `s` creates: "<eipalloc-id>" for an
/// Elastic IP, "<nat-id>" and "<new-nat-id>" for a NAT gateway (a check's fix and the remedy
/// planner write one each), "<new-sg-id>" and "<endpoint-sg-id>" for a security group. Empty
/// for a step that creates nothing a later step names.
std::vector<std::string> PlaceholdersOf(const Step& s);

/// The new resources of one fix or remedy: unique names, and the placeholders they stand for.
class NewResources {
 public:
  explicit NewResources(const Declarations& declared) : declared_(declared) {}
  /// `base`, else `base` + 2, 3, …: a name no declared resource and no earlier new one has.
  std::string Name(const std::string& base);
  struct New {
    std::string type;  ///< the step's kind of resource: "AWS::EC2::SecurityGroup", "aws_eip"
    std::string name;
  };
  /// Later steps that write `placeholder` mean the new resource `n`.
  void Bind(const std::string& placeholder, New n) { bound_[placeholder] = std::move(n); }
  const New* Find(const std::string& placeholder) const;
  const Declared* Declaration(const std::string& id) const;

 private:
  const Declarations& declared_;
  std::unordered_set<std::string> used_;
  std::unordered_map<std::string, New> bound_;
};

/// The words of `text` ("fargate-vpc-endpoints", "ecr.api", "/ecs/api", "0.0.0.0/0") in
/// CamelCase ("FargateVpcEndpoints", "EcrApi", "EcsApi", "0000"): a readable logical ID.
std::string CamelCase(std::string_view text);
/// The same words in snake_case ("fargate_vpc_endpoints"): a readable Terraform name.
std::string SnakeCase(std::string_view text);
/// The service of an endpoint's name without its prefix and Region ("ecr.api" of
/// "com.amazonaws.eu-west-1.ecr.api"); the whole name when it has no such prefix.
std::string EndpointService(const std::string& service_name);

/// The AWS CLI's shorthand for a list of structures ("capacityProvider=FARGATE,weight=1
/// capacityProvider=FARGATE_SPOT,base=1"): its items, each its (key, value) pairs in order.
using ShorthandItem = std::vector<std::pair<std::string, std::string>>;
std::vector<ShorthandItem> ParseShorthand(std::string_view text);

/// The comment that says a step has no template form, and the AWS CLI commands that make it
/// (`language`: "CloudFormation", "Terraform").
std::string NoTemplateEquivalent(std::string_view language, const Step& s);

}  // namespace fd::fix
