// The plan's `configuration`: what each resource's attributes were written as, reduced to what
// the plan JSON keeps of an expression (its constant value, or the references it makes). It is
// how a value Terraform knows only after apply becomes a reference to the declared resource it
// comes from: `vpc_id = aws_vpc.main.id` leaves `vpc_id` unknown in the plan, and the
// configuration says it references `aws_vpc.main.id`. Inside a module, `var.x` is followed to
// the module call's input and `module.m.out` to the module's output, so a reference names the
// resource's full address (`module.net.aws_vpc.main`) wherever it was written.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "predeploy/tf/pos_json.h"
#include "predeploy/value.h"

namespace fd::predeploy::tf {

// One step of a reference or address: `aws_subnet`, `a` with index `0` or `"x"` (kept as written,
// brackets excluded), `id`.
struct RefStep {
  std::string name;
  std::string index;  // "" when the step has none
  bool has_index = false;
};
// "module.net[0].aws_subnet.a[\"x\"].id" -> steps. Quoted keys may hold dots and brackets.
std::vector<RefStep> SplitReference(std::string_view text);
// "module.net[0]" + "aws_vpc.main" -> "module.net[0].aws_vpc.main"; the root module is "".
std::string JoinAddress(std::string_view module, std::string_view local);

class ConfigIndex {
 public:
  // `configuration` may be null (a plan without it): then nothing resolves.
  explicit ConfigIndex(const PosNode* configuration);

  // The `expressions` of the resource `local` (`aws_subnet.a`, `data.aws_vpc.x`, no index)
  // declared in the module instance `module` (`module.net[0]`), or null.
  const PosNode* Expressions(std::string_view module, std::string_view local) const;

  // The resource attribute an expression stands for: its references, less those implied by a
  // longer one (Terraform lists `aws_vpc.a.id` and `aws_vpc.a`), must be exactly one, and that
  // one must lead -- through module inputs and outputs -- to exactly one attribute of a declared
  // resource. Anything else (`count.index`, `local.x`, two references) is no reference: the
  // value may be computed from it, and only the plain reference is known to equal it.
  //
  // One more form resolves, per instance: a resource listed beside the instance's own key
  // (`count.index` for `[0]`, `each.key` for `["a"]`). Terraform writes it for
  // `aws_subnet.a[count.index].id`, `element(aws_subnet.a[*].id, count.index)` and
  // `aws_subnet.a[each.key].id`, dropping the index and the attribute: the instance of the
  // same key is meant (an `element` past the end would wrap, and is left to name no instance),
  // and `attribute` says which attribute the place being read takes ("" : do not resolve).
  struct Instance {
    std::string_view key;        // as the address writes it: `0`, `"a"`; "" for no count/for_each
    std::string_view attribute;  // `id`, `arn` or ""
  };
  std::optional<ResourceRef> Resolve(const PosNode& expression, std::string_view module,
                                     const Instance& instance = {}) const;

  // Whether a configuration node is an expression (a leaf) rather than a nested block.
  static bool IsExpression(const PosNode& node);

 private:
  struct Module {
    const PosNode* node = nullptr;  // the module's configuration (resources, module_calls...)
    std::string parent;             // the configuration path of the calling module
    std::string call;               // its name in the parent's module_calls ("" for the root)
  };
  void AddModule(const PosNode& module, const std::string& path, const std::string& parent,
                 const std::string& call, int depth);
  const Module* ModuleAt(std::string_view instance) const;
  std::optional<ResourceRef> ResolveText(std::string_view ref, std::string_view module,
                                         int depth) const;
  std::optional<ResourceRef> ResolveExpression(const PosNode& expression, std::string_view module,
                                               int depth) const;
  std::optional<ResourceRef> ResolveByOwnKey(const std::vector<std::string_view>& own,
                                             std::string_view module,
                                             const Instance& instance) const;

  // Configuration paths: module call names joined by '.', "" for the root.
  std::unordered_map<std::string, Module> modules_;
  // configuration path + '\n' + local address -> that resource's configuration
  std::unordered_map<std::string, const PosNode*> resources_;
};

// A module instance address (`module.a[0].module.b`) -> its configuration path (`a.b`).
std::string ConfigPath(std::string_view instance);
// The instance key an address ends with (`0`, `"a"`), or "".
std::string_view InstanceKey(std::string_view address);
// The module instance that holds `instance`'s parent call: `module.a[0].module.b` ->
// `module.a[0]`; `module.a` -> "".
std::string ParentInstance(std::string_view instance);

}  // namespace fd::predeploy::tf
