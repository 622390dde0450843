#include "predeploy/tf/plan.h"

#include <fmt/format.h>

#include <charconv>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <unordered_set>

#include "predeploy/tf/config_index.h"
#include "predeploy/tf/pos_json.h"
#include "predeploy/tf/values.h"

namespace fd::predeploy::tf {

namespace {

// The members a resource entry of planned_values, prior_state or resource_changes names itself by.
struct Identity {
  std::string_view address, type, name, mode;
  bool data() const { return mode == "data"; }
  // The address inside its module, without an instance key: how the configuration names it.
  std::string Local() const {
    return (data() ? "data." : "") + std::string(type) + "." + std::string(name);
  }
};

class Reader {
 public:
  Reader(const PosJson& doc, Plan& plan)
      : doc_(doc), plan_(plan), config_(doc.root().Find("configuration")) {}

  void Run() {
    const PosNode& root = doc_.root();
    IndexChanges(root.Find("resource_changes"));
    if (const PosNode* planned = Member(root, "planned_values", "/planned_values"))
      if (const PosNode* module = Member(*planned, "root_module", "/planned_values/root_module"))
        ReadModule(*module, "", "/planned_values/root_module", false, 0);
    ReadChanges();
    if (const PosNode* prior = Member(root, "prior_state", "/prior_state"))
      if (const PosNode* values = Member(*prior, "values", "/prior_state/values"))
        if (const PosNode* module =
                Member(*values, "root_module", "/prior_state/values/root_module"))
          ReadModule(*module, "", "/prior_state/values/root_module", true, 0);
  }

 private:
  void Note(std::string pointer, std::string text) {
    plan_.notes.push_back(InputNote{plan_.file, std::move(pointer), std::move(text)});
  }

  // The object member `key` of `parent`; null when absent, and a note when it is not an object.
  const PosNode* Member(const PosNode& parent, std::string_view key, const std::string& pointer) {
    const PosNode* n = parent.Find(key);
    if (n == nullptr || n->IsNull()) return nullptr;
    if (n->IsObject()) return n;
    Note(pointer, fmt::format("{} is {}, not an object: not read", key, n->KindName()));
    return nullptr;
  }

  // The list member `key` of `parent`, as Member.
  const PosNode* ListMember(const PosNode& parent, std::string_view key,
                            const std::string& pointer) {
    const PosNode* n = parent.Find(key);
    if (n == nullptr || n->IsNull()) return nullptr;
    if (n->IsArray()) return n;
    Note(pointer, fmt::format("{} is {}, not a list: not read", key, n->KindName()));
    return nullptr;
  }

  // Reads a resource entry's identity; a note and nullopt when it has none.
  std::optional<Identity> IdentityOf(const PosNode& entry, const std::string& pointer) {
    if (!entry.IsObject()) {
      Note(pointer,
           fmt::format("a resource entry is {}, not an object: skipped", entry.KindName()));
      return std::nullopt;
    }
    Identity id{entry.StringAt("address"), entry.StringAt("type"), entry.StringAt("name"),
                entry.StringAt("mode")};
    if (id.address.empty() || id.type.empty() || id.name.empty()) {
      Note(pointer, "a resource entry without address, type or name: skipped");
      return std::nullopt;
    }
    return id;
  }

  void IndexChanges(const PosNode* changes) {
    if (changes == nullptr || changes->IsNull()) return;
    if (!changes->IsArray()) {
      Note("/resource_changes",
           fmt::format("resource_changes is {}, not a list: not read", changes->KindName()));
      return;
    }
    for (const PosNode& c : changes->items)
      if (const std::string_view address = c.StringAt("address"); !address.empty())
        changes_.emplace(std::string(address), &c);
  }

  // The actions of a change entry: `["delete"]` alone removes the resource; `["delete","create"]`
  // and `["create","delete"]` replace it, so the planned values stand.
  static bool DeletesOnly(const PosNode& change) {
    const PosNode* body = change.Find("change");
    const PosNode* actions = body != nullptr ? body->Find("actions") : nullptr;
    return actions != nullptr && actions->IsArray() && actions->items.size() == 1 &&
           actions->items[0].IsString() && actions->items[0].text == "delete";
  }

  void ReadModule(const PosNode& module, const std::string& address, const std::string& pointer,
                  bool prior, int depth) {
    if (const PosNode* resources = ListMember(module, "resources", pointer)) {
      for (std::size_t i = 0; i < resources->items.size(); ++i)
        ReadPlanned(resources->items[i], address, fmt::format("{}/resources/{}", pointer, i),
                    prior);
    }
    const PosNode* children = ListMember(module, "child_modules", pointer);
    if (children == nullptr || depth >= PosJson::kMaxDepth) return;
    for (std::size_t i = 0; i < children->items.size(); ++i) {
      const PosNode& child = children->items[i];
      const std::string child_pointer = fmt::format("{}/child_modules/{}", pointer, i);
      const std::string_view child_address = child.StringAt("address");
      if (!child.IsObject() || child_address.empty()) {
        Note(child_pointer, "a child module without an address: skipped");
        continue;
      }
      ReadModule(child, std::string(child_address), child_pointer, prior, depth + 1);
    }
  }

  // A planned_values (or, for data sources, prior_state) entry.
  void ReadPlanned(const PosNode& entry, const std::string& module, const std::string& pointer,
                   bool prior) {
    const std::optional<Identity> id = IdentityOf(entry, pointer);
    if (!id) return;
    // The prior state's managed resources are the planned ones as they were; its data sources
    // are what the plan read from the account (planned_values lists a data source only when its
    // reading waits for apply, and then its values are unknown).
    if (prior && !id->data()) return;
    if (!seen_.insert(std::string(id->address)).second) return;
    auto change = changes_.find(std::string(id->address));
    const PosNode* body = change != changes_.end() ? change->second->Find("change") : nullptr;
    if (change != changes_.end() && DeletesOnly(*change->second)) return;  // listed by ReadChanges
    Overlay overlay;
    overlay.sensitive[0] = entry.Find("sensitive_values");
    if (body != nullptr) {
      overlay.unknown = body->Find("after_unknown");
      overlay.sensitive[1] = body->Find("after_sensitive");
    }
    Add(plan_.resources, entry, *id, module, entry.Find("values"), overlay, pointer);
  }

  // Changes the planned values do not list: destroyed resources, and (in hand-trimmed plans
  // without planned_values) the others, read from `after`.
  void ReadChanges() {
    const PosNode* changes = doc_.root().Find("resource_changes");
    if (changes == nullptr || !changes->IsArray()) return;
    for (std::size_t i = 0; i < changes->items.size(); ++i) {
      const PosNode& entry = changes->items[i];
      const std::string pointer = fmt::format("/resource_changes/{}", i);
      const std::optional<Identity> id = IdentityOf(entry, pointer);
      if (!id) continue;
      const PosNode* body = entry.Find("change");
      if (body == nullptr || !body->IsObject()) {
        Note(pointer, "a resource change without a change object: skipped");
        continue;
      }
      const std::string module(entry.StringAt("module_address"));
      Overlay overlay;
      if (DeletesOnly(entry)) {
        overlay.sensitive[1] = body->Find("before_sensitive");
        Add(plan_.deleted, entry, *id, module, body->Find("before"), overlay, pointer).existing =
            true;
      } else if (const PosNode* after = body->Find("after"); after == nullptr || after->IsNull()) {
        // Nothing after apply that Terraform manages (`forget` leaves the object in the account
        // but out of the state): no planned resource, and not one the account loses either.
      } else if (seen_.insert(std::string(id->address)).second) {
        overlay.unknown = body->Find("after_unknown");
        overlay.sensitive[1] = body->Find("after_sensitive");
        Add(plan_.resources, entry, *id, module, body->Find("after"), overlay, pointer);
      }
    }
  }

  Resource& Add(std::vector<Resource>& to, const PosNode& entry, const Identity& id,
                const std::string& module, const PosNode* values, Overlay overlay,
                const std::string& pointer) {
    if (values != nullptr && !values->IsObject() && !values->IsNull())
      Note(pointer, fmt::format("the values of {} are {}, not an object: read as none", id.address,
                                values->KindName()));
    const PosNode* expressions = config_.Expressions(module, id.Local());
    overlay.expression = expressions != nullptr && expressions->IsObject() ? expressions : nullptr;
    Resource& r = to.emplace_back();
    r.source = module;
    r.id = std::string(id.address);
    r.type = std::string(id.type);
    r.pos = doc_.PosOf(entry);
    r.existing = id.data();
    const ValueReader reader(doc_, config_, module, std::string(InstanceKey(id.address)));
    r.properties =
        reader.ReadAttributes(values, overlay, values != nullptr ? doc_.PosOf(*values) : r.pos);
    return r;
  }

  const PosJson& doc_;
  Plan& plan_;
  ConfigIndex config_;
  std::unordered_map<std::string, const PosNode*> changes_;
  std::unordered_set<std::string> seen_;
};

// The major version of a "1.2"-style format_version; nullopt when it is not one.
std::optional<int> MajorVersion(std::string_view version) {
  int major = 0;
  const auto [end, ec] = std::from_chars(version.data(), version.data() + version.size(), major);
  if (ec != std::errc() || (end != version.data() + version.size() && *end != '.'))
    return std::nullopt;
  return major;
}

// Refuses a format whose major version this reader does not know (HashiCorp: "reject any input
// which reports an unsupported major version"); notes a plan that names none.
std::optional<Error> CheckVersion(const PosJson& doc, Plan& plan) {
  const PosNode* version = doc.root().Find("format_version");
  plan.terraform_version = std::string(doc.root().StringAt("terraform_version"));
  if (version == nullptr) {
    plan.notes.push_back(InputNote{plan.file, "/format_version",
                                   "no format_version: read as Terraform's plan format 1.x"});
    return std::nullopt;
  }
  const std::optional<int> major = version->IsString() ? MajorVersion(version->text) : std::nullopt;
  if (major && (*major == 0 || *major == 1)) {
    plan.format_version = version->text;
    return std::nullopt;
  }
  const std::string shown = version->IsString() ? "\"" + version->text + "\"" : version->KindName();
  return Error{ErrorCode::kInvalidInput,
               fmt::format("{}: format_version {} is not a plan format this version reads "
                           "(0.x and 1.x): read the plan with a newer fargate-doctor",
                           ToString(doc.PosOf(*version)), shown)};
}

// Watches the top-level member names go by and stops the parse once they decide.
class PlanKeys final : public nlohmann::json_sax<nlohmann::json> {
 public:
  bool null() override { return Value(); }
  bool boolean(bool) override { return Value(); }
  bool number_integer(number_integer_t) override { return Value(); }
  bool number_unsigned(number_unsigned_t) override { return Value(); }
  bool number_float(number_float_t, const string_t&) override { return Value(); }
  bool string(string_t&) override { return Value(); }
  bool binary(binary_t&) override { return Value(); }
  bool start_object(std::size_t) override {
    ++depth_;
    return true;
  }
  bool start_array(std::size_t) override { return ++depth_ > 1; }  // a list is no plan
  bool end_object() override { return --depth_ > 0; }
  bool end_array() override { return --depth_ > 0; }
  bool key(string_t& name) override {
    if (depth_ != 1) return true;
    format_ = format_ || name == "format_version";
    terraform_ = terraform_ || name == "terraform_version";
    body_ = body_ || name == "planned_values" || name == "resource_changes";
    return !IsPlan();  // decided: stop reading
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return false;
  }
  bool IsPlan() const { return format_ && terraform_ && body_; }

 private:
  bool Value() const { return depth_ > 0; }
  int depth_ = 0;
  bool format_ = false, terraform_ = false, body_ = false;
};

// configuration.provider_config.aws.expressions.region.constant_value: the default provider's
// Region when written as a constant. An aliased provider (`aws.east`) is not the default one.
std::string ProviderRegion(const PosNode& root) {
  const PosNode* n = root.Find("configuration");
  for (std::string_view key : {"provider_config", "aws", "expressions", "region"}) {
    if (n == nullptr || !n->IsObject()) return "";
    n = n->Find(key);
  }
  return n != nullptr && n->IsObject() ? std::string(n->StringAt("constant_value")) : "";
}

}  // namespace

bool IsTerraformPlan(const nlohmann::json& doc) {
  return doc.is_object() && doc.contains("format_version") && doc.contains("terraform_version") &&
         (doc.contains("planned_values") || doc.contains("resource_changes"));
}

bool IsTerraformPlan(std::string_view text) {
  PlanKeys keys;
  nlohmann::json::sax_parse(text.data(), text.data() + text.size(), &keys);
  return keys.IsPlan();
}

Expected<Plan> ReadPlan(std::string_view text, const std::string& file) {
  Expected<PosJson> doc = PosJson::Parse(text, file);
  if (!doc) return tl::unexpected(doc.error());
  if (!doc->root().IsObject())
    return MakeError(ErrorCode::kInvalidInput,
                     fmt::format("{}: a Terraform plan is a JSON object; this is {}", file,
                                 doc->root().KindName()));
  Plan plan;
  plan.file = file;
  if (std::optional<Error> refused = CheckVersion(*doc, plan)) return tl::unexpected(*refused);
  Reader(*doc, plan).Run();
  plan.region = ProviderRegion(doc->root());
  return plan;
}

}  // namespace fd::predeploy::tf
