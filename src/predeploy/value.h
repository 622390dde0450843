// What a template or a plan says, before deployment: values that are known, values that only
// deployment will make known (and why), and references to resources the same sources declare.
// CloudFormation (predeploy/cfn) and Terraform (predeploy/tf) readers both produce these, so the
// code that turns declared resources into the model is written once for both.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace fd::predeploy {

// Where something was written: 1-based line and column; 0 when the source gives no position.
struct SourcePos {
  std::string file;
  int line = 0;
  int column = 0;
};
// "file:line:column", or the file alone when there is no position: what messages print.
std::string ToString(const SourcePos& pos);

// An attribute of a resource declared in the sources read, whose physical value exists only
// after deployment: CloudFormation `Ref`/`Fn::GetAtt` of a resource, a Terraform reference
// `aws_subnet.a.id` whose value is known after apply.
struct ResourceRef {
  std::string source;     // stack name; Terraform module path ("" for the root module)
  std::string id;         // logical ID; Terraform resource address with its index
  std::string attribute;  // "" for a CloudFormation Ref; "Arn", "Outputs.X", "id", ...
  bool operator==(const ResourceRef&) const = default;
};

// A value nothing read can tell before deployment, with what would tell it: "parameter VpcId
// has no default (give --parameter VpcId=...)", "known after apply". Never a guessed value.
struct Unknown {
  std::string reason;
  bool operator==(const Unknown&) const = default;
};

// A string some of whose parts are references or unknown (Fn::Sub, Fn::Join, interpolation).
struct Text {
  using Part = std::variant<std::string, ResourceRef, Unknown>;
  std::vector<Part> parts;
};

struct Value;
struct Member;
using List = std::vector<Value>;
// In source order. A named struct rather than std::pair: clang 14 rejects a pair of the
// still-incomplete Value inside Value's own variant.
using Map = std::vector<Member>;

struct Value {
  using Data = std::variant<std::monostate, bool, std::int64_t, double, std::string, List, Map,
                            ResourceRef, Text, Unknown>;
  Data data;
  SourcePos pos;

  bool IsNull() const { return std::holds_alternative<std::monostate>(data); }
  bool IsUnknown() const { return std::holds_alternative<Unknown>(data); }
  const std::string* AsString() const { return std::get_if<std::string>(&data); }
  const List* AsList() const { return std::get_if<List>(&data); }
  const Map* AsMap() const { return std::get_if<Map>(&data); }
  const ResourceRef* AsRef() const { return std::get_if<ResourceRef>(&data); }
  // The member `key` of a map, or nullptr (also when this is not a map).
  const Value* Find(const std::string& key) const;
};

struct Member {
  std::string key;
  Value value;
};

inline const Value* Value::Find(const std::string& key) const {
  if (const Map* m = AsMap())
    for (const auto& [k, v] : *m)
      if (k == key) return &v;
  return nullptr;
}

// One resource as the sources declare it, resolved as far as they allow.
struct Resource {
  std::string source;  // stack name; Terraform module path
  std::string id;      // logical ID; Terraform address with its index (`aws_subnet.a[0]`)
  std::string type;    // "AWS::EC2::Subnet"; "aws_subnet"
  SourcePos pos;       // where its declaration starts
  Value properties;    // a Map; every member carries its own position
  // Already there before this deployment: a Terraform data source or prior-state object.
  bool existing = false;
};

}  // namespace fd::predeploy
