// Three-valued resolution of CloudFormation intrinsics over every template of a run: each value
// is known, a ResourceRef to a declared resource, a Text mixing those, or an Unknown naming what
// is missing. Never a guess: no made-up account, Region, zone or ID.
//
// Everything that crosses from one value to another (parameters of nested stacks, outputs behind
// Fn::ImportValue and Outputs.X, properties behind pass-through Fn::GetAtt, conditions) is
// resolved once and cached, with an in-progress mark, so a reference cycle becomes an Unknown and
// no template costs more than linear work in what it declares.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "predeploy/cfn/parameters.h"
#include "predeploy/cfn/template.h"
#include "predeploy/value.h"

namespace fd::predeploy::cfn {

// One template of the run, with what its resolution needs besides the template.
struct LoadedStack {
  std::string name;  // the stack name; "Parent/Child" for a nested stack
  Template tmpl;
  std::string region;   // "" when not given
  std::string account;  // "" when not given
  // A nested stack's name is made by CloudFormation at deployment (Parent-Child-RANDOM).
  bool name_known = true;
  int parent = -1;                          // index of the parent stack of a nested stack
  const Node* parent_parameters = nullptr;  // the Parameters property of its resource there
  std::unordered_map<std::string, int> children;  // nested stack logical ID -> index
};

// A condition's value: true, false, or unknown with the reason.
struct Truth {
  enum class Kind { kFalse, kTrue, kUnknown };
  Kind kind = Kind::kUnknown;
  std::string reason;  // why unknown
  static Truth Of(bool b) { return Truth{b ? Kind::kTrue : Kind::kFalse, ""}; }
};

class Resolver {
 public:
  Resolver(const std::vector<LoadedStack>& stacks, const ParameterValues& parameters,
           std::vector<Note>& notes);

  // Matches Export.Name to outputs across the stacks; call once, before any Resolve.
  void IndexExports();

  // The value of `n` in stack `s`; nullopt when it is AWS::NoValue (its member goes away).
  std::optional<Value> Resolve(int s, const Node& n);
  Truth Condition(int s, const std::string& name);
  // The value of stack `s`'s parameter `name` (declared), placed at `at`.
  Value Parameter(int s, const std::string& name, const Node& at);
  // The value of stack `s`'s output `name`, or nullopt when it declares none.
  std::optional<Value> Output(int s, const std::string& name, const SourcePos& site);

 private:
  std::optional<Value> Intrinsic(int s, const std::string& fn, const Node& arg, const Node& at);
  std::optional<Value> Ref(int s, const Node& arg, const Node& at);
  Value RefName(int s, const std::string& name, const Node& at);
  Value Pseudo(int s, const std::string& name, const Node& at);
  Value ParameterUncached(int s, const ParameterDecl& decl);
  Value GetAtt(int s, const Node& arg, const Node& at);
  Value Attribute(int s, const std::string& id, const std::string& attr, const Node& at);
  Value Sub(int s, const Node& arg, const Node& at);
  Value SubVariable(int s, const std::string& name, const Node* vars, const Node& at);
  Value Join(int s, const Node& arg, const Node& at);
  Value Select(int s, const Node& arg, const Node& at);
  Value Split(int s, const Node& arg, const Node& at);
  Value FindInMap(int s, const Node& arg, const Node& at);
  std::optional<Value> If(int s, const Node& arg, const Node& at);
  Value GetAZs(int s, const Node& arg, const Node& at);
  Value ImportValue(int s, const Node& arg, const Node& at);
  Value Base64(int s, const Node& arg, const Node& at);
  Value Cidr(int s, const Node& arg, const Node& at);
  Value Length(int s, const Node& arg, const Node& at);
  Value ToJsonString(int s, const Node& arg, const Node& at);
  Truth Evaluate(int s, const Node& n);
  Truth Equals(int s, const Node& arg, const Node& at);

  // A scalar argument resolved to text (names, keys, delimiters), or the Unknown it is.
  std::optional<std::string> TextOf(int s, const Node& n, Value& unknown_out);
  // A value for `n` that resolution could not give: a note and an Unknown saying why.
  Value Bad(int s, const Node& at, const std::string& why);
  Value Known(int s, const Node& at, Value::Data data) const;
  SourcePos Pos(int s, const Node& at) const;
  // The caches' key of a name in stack `s`.
  static std::string Key(int s, const std::string& name) { return std::to_string(s) + '\n' + name; }
  // Far beyond any real template (a chain of references is a few levels deep), far below what
  // the stack holds: a deeper chain is made up, or a cycle through many names.
  static constexpr int kMaxDepth = 400;
  // Counts work against the run's budget; false once it is spent (pathological input).
  bool Spend(std::size_t units, int s, const Node& at);

  const std::vector<LoadedStack>& stacks_;
  const ParameterValues& parameters_;
  std::vector<Note>& notes_;

  struct ExportSite {
    int stack;
    std::string output;
  };
  std::unordered_map<std::string, ExportSite> exports_;
  std::size_t unknown_export_count_ = 0;  // exports whose name did not resolve
  std::string unknown_exports_;           // why the first did not
  // Caches, keyed by stack and name or node. A key present with nullopt is in progress.
  std::unordered_map<std::string, std::optional<Value>> parameter_cache_;
  std::unordered_map<std::string, std::optional<Value>> output_cache_;
  std::unordered_map<const Node*, std::optional<Value>> property_cache_;
  std::unordered_map<std::string, std::optional<Truth>> condition_cache_;
  int depth_ = 0;
  std::size_t work_ = 0;
  bool budget_noted_ = false;
};

// The parameters (and pseudo parameters) condition `name` of `t` depends on, through the
// conditions it names: what "evaluate both ways" varies. Sorted, each once.
std::vector<std::string> ConditionParameters(const Template& t, const std::string& name);

// The scalars any condition of `t` compares parameter `name` with (`Fn::Equals [!Ref name,
// "prod"]`, either side): the values that decide those conditions. Sorted, each once.
std::vector<std::string> ComparedValues(const Template& t, const std::string& name);

}  // namespace fd::predeploy::cfn
