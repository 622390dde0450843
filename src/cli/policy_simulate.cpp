// `policy simulate`: parses the AWS CLI's simulate-custom-policy options (policies as JSON
// text or file://path, context entries in shorthand or JSON), evaluates every (action,
// resource) pair with src/iam, and prints the AWS CLI's EvaluationResults shape. With
// --principal it reads a snapshot and takes the role's policy set from analysis::BuildRoleRequest.

#include "cli/policy_simulate.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <sstream>

#include "analysis/iam/policies.h"
#include "analysis/iam/roles.h"
#include "cli/commands.h"
#include "fix/step.h"
#include "iam/evaluate.h"
#include "ingest/snapshot.h"
#include "util/strings.h"

namespace fd::cli {
namespace {

constexpr const char* kHelpFooter =
    "Output: {\"EvaluationResults\":[...]} as `aws iam simulate-custom-policy` prints it. Where a "
    "decision hangs on a context key named in --unknown-context-keys, EvalDecision is \"unknown\" "
    "(not an AWS value) and MissingContextValues names the keys. With --principal ROLE_ARN PATH...: "
    "`aws iam simulate-principal-policy` over a snapshot: the role's inline and attached policies "
    "(default versions), its permissions boundary, the SCPs and RCPs of the account when the "
    "snapshot has them, and the repository, secret or key policy of a --resource-arns resource "
    "the snapshot holds; --policy-input-list adds policies, --permissions-boundary-policy-input-list "
    "and --resource-policy replace the snapshot's. The caller is a session of the role unless "
    "--caller-arn says otherwise. MatchedStatements name the real policy (SourcePolicyId: inline "
    "policy name, managed policy ARN, organizations policy ID, resource ARN; SourcePolicyType: "
    "role, aws-managed, user-managed, resource, or Permissions Boundary Policy, Service Control "
    "Policy, Resource Control Policy). A policy the snapshot names but lacks makes the decision "
    "\"unknown\" when it could lift a deny, listed in MissingSnapshotData with the command that "
    "collects it. Exit codes: 0 every result allowed, 1 at least one explicitDeny or implicitDeny, "
    "2 usage error, unreadable input or a --principal role the snapshot lacks, 3 no deny but at "
    "least one unknown.";

int Fail(std::ostream& err, const std::string& message) {
  err << "fargate-doctor: error: " << message << '\n';
  return kExitUsage;
}

std::optional<std::string> ReadInput(const std::string& value, std::string& error) {
  if (value.rfind("file://", 0) != 0) return value;
  std::string path = value.substr(7);
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot read " + path;
    return std::nullopt;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> SplitList(const std::vector<std::string>& raw) {
  std::vector<std::string> out;
  for (const auto& v : raw) {
    std::size_t pos = 0;
    while (pos <= v.size()) {
      std::size_t end = v.find(',', pos);
      if (end == std::string::npos) end = v.size();
      std::string item = v.substr(pos, end - pos);
      if (!item.empty()) out.push_back(item);
      pos = end + 1;
    }
  }
  return out;
}

// ContextKeyName=k,ContextKeyValues=v1,v2,ContextKeyType=string (values may be [v1,v2]).
bool ParseShorthand(const std::string& text, iam::Context& ctx, std::string& error) {
  std::string name;
  std::vector<std::string> values;
  std::string* field = nullptr;
  std::string current_field;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find(',', pos);
    if (end == std::string::npos) end = text.size();
    std::string tok = text.substr(pos, end - pos);
    pos = end + 1;
    auto eq = tok.find('=');
    std::string key = eq == std::string::npos ? "" : tok.substr(0, eq);
    if (key == "ContextKeyName" || key == "ContextKeyValues" || key == "ContextKeyType") {
      current_field = key;
      tok = tok.substr(eq + 1);
    }
    if (!tok.empty() && tok.front() == '[') tok.erase(0, 1);
    if (!tok.empty() && tok.back() == ']') tok.pop_back();
    if (current_field == "ContextKeyName") {
      name = tok;
    } else if (current_field == "ContextKeyValues") {
      if (!tok.empty()) values.push_back(tok);
    } else if (current_field.empty()) {
      error = "--context-entries: expected ContextKeyName=...,ContextKeyValues=...,ContextKeyType=...";
      return false;
    }
  }
  (void)field;
  if (name.empty()) {
    error = "--context-entries: ContextKeyName missing";
    return false;
  }
  ctx.Set(name, values);
  return true;
}

bool ParseContextEntry(const std::string& text, iam::Context& ctx, std::string& error) {
  std::string t = text;
  std::size_t b = t.find_first_not_of(" \t\n");
  if (b != std::string::npos && (t[b] == '[' || t[b] == '{')) {
    nlohmann::json j = nlohmann::json::parse(t, nullptr, false);
    if (j.is_discarded()) {
      error = "--context-entries: invalid JSON";
      return false;
    }
    if (j.is_object()) j = nlohmann::json::array({j});
    for (const auto& e : j) {
      if (!e.is_object() || !e.contains("ContextKeyName") || !e["ContextKeyName"].is_string()) {
        error = "--context-entries: each entry needs ContextKeyName";
        return false;
      }
      std::vector<std::string> values;
      if (e.contains("ContextKeyValues")) {
        const auto& v = e["ContextKeyValues"];
        auto text_of = [](const nlohmann::json& x) { return x.is_string() ? x.get<std::string>() : x.dump(); };
        if (v.is_array()) {
          for (const auto& x : v) values.push_back(text_of(x));
        } else {
          values.push_back(text_of(v));
        }
      }
      ctx.Set(e["ContextKeyName"].get<std::string>(), values);
    }
    return true;
  }
  return ParseShorthand(t, ctx, error);
}

iam::PrincipalType TypeOfArn(const std::string& arn) {
  if (arn.find(":assumed-role/") != std::string::npos) return iam::PrincipalType::kRoleSession;
  if (arn.find(":federated-user/") != std::string::npos) return iam::PrincipalType::kFederatedUser;
  if (arn.find(":role/") != std::string::npos) return iam::PrincipalType::kRole;
  if (arn.size() > 5 && arn.compare(arn.size() - 5, 5, ":root") == 0) return iam::PrincipalType::kRoot;
  if (arn.rfind("arn:", 0) != 0 && arn.find(".amazonaws.com") != std::string::npos)
    return iam::PrincipalType::kServicePrincipal;
  return iam::PrincipalType::kUser;
}

nlohmann::ordered_json Pos(const iam::Position& p) {
  nlohmann::ordered_json j;
  j["Line"] = p.line;
  j["Column"] = p.column;
  return j;
}

}  // namespace

CLI::App* AddPolicyCommand(CLI::App& app, SimulateFlags& f) {
  CLI::App* policy = app.add_subcommand("policy", "Evaluate IAM policies offline");
  policy->require_subcommand(1, 1);
  CLI::App* sim = policy->add_subcommand(
      "simulate", "Offline `aws iam simulate-custom-policy`: evaluate policies for actions and resources");
  sim->add_option("--policy-input-list", f.policy_inputs,
                  "Identity policy as JSON text or file://path (repeatable)")
      ->allow_extra_args(false);
  sim->add_option("--permissions-boundary-policy-input-list", f.boundary_inputs,
                  "Permissions boundary as JSON text or file://path")
      ->allow_extra_args(false);
  sim->add_option("--resource-policy", f.resource_policy, "Resource policy (JSON text or file://path)");
  sim->add_option("--resource-owner", f.resource_owner, "Account ID (or arn:aws:iam::ID:root) owning the resource");
  sim->add_option("--caller-arn", f.caller_arn, "ARN of the caller (user, role, role session) or a service principal");
  sim->add_option("--action-names", f.action_names, "Actions to simulate (repeatable, comma-separated)")
      ->allow_extra_args(true);
  sim->add_option("--resource-arns", f.resource_arns, "Resource ARNs (default \"*\")")->allow_extra_args(true);
  sim->add_option("--context-entries", f.context_entries,
                  "ContextKeyName=K,ContextKeyValues=V1,V2,ContextKeyType=string, or the JSON form (repeatable)")
      ->allow_extra_args(false);
  sim->add_option("--unknown-context-keys", f.unknown_keys,
                  "Context keys whose value is unknown (not absent): decisions that hang on them are \"unknown\"")
      ->allow_extra_args(false);
  sim->add_option("--principal", f.principal,
                  "Role ARN whose snapshot policies to simulate (simulate-principal-policy)")
      ->type_name("ROLE_ARN");
  sim->add_option("PATH", f.paths, "Snapshot files or folders (with --principal)")->type_name("");
  sim->footer(kHelpFooter);
  return sim;
}

namespace {

/// A policy read from an option (JSON text or file://path) and parsed; nullopt after printing
/// the error.
std::optional<iam::NamedPolicy> LoadPolicy(const std::string& value, const std::string& id,
                                           std::ostream& err) {
  std::string error;
  auto text = ReadInput(value, error);
  if (!text) {
    Fail(err, "policy simulate: " + error);
    return std::nullopt;
  }
  auto p = iam::ParsePolicy(*text);
  if (!p) {
    Fail(err, "policy simulate: " + id + ": " + p.error().message);
    return std::nullopt;
  }
  return iam::NamedPolicy{id, std::make_shared<iam::Policy>(std::move(*p))};
}

/// The policies given as options, parsed once.
struct InputPolicies {
  std::vector<iam::NamedPolicy> identity;
  std::optional<iam::NamedPolicy> boundary, resource;
};

bool LoadInputs(const SimulateFlags& f, InputPolicies& in, std::ostream& err) {
  for (std::size_t i = 0; i < f.policy_inputs.size(); ++i) {
    auto np = LoadPolicy(f.policy_inputs[i], "PolicyInputList." + std::to_string(i + 1), err);
    if (!np) return false;
    in.identity.push_back(std::move(*np));
  }
  if (f.boundary_inputs.size() > 1) {
    Fail(err, "policy simulate: at most one permissions boundary");
    return false;
  }
  if (!f.boundary_inputs.empty()) {
    auto np = LoadPolicy(f.boundary_inputs[0], "PermissionsBoundaryPolicyInputList.1", err);
    if (!np) return false;
    in.boundary = std::move(*np);
  }
  if (!f.resource_policy.empty()) {
    auto np = LoadPolicy(f.resource_policy, "ResourcePolicy", err);
    if (!np) return false;
    in.resource = std::move(*np);
  }
  return true;
}

/// Sets the --context-entries and --unknown-context-keys on `ctx` (validated before).
void ApplyContext(const SimulateFlags& f, iam::Context& ctx) {
  std::string ignored;
  for (const auto& e : f.context_entries) ParseContextEntry(e, ctx, ignored);
  for (const auto& k : SplitList(f.unknown_keys)) ctx.SetUnknown(k);
}


bool Allows(iam::LayerDecision d) {
  return d == iam::LayerDecision::kAllow || d == iam::LayerDecision::kNotApplicable;
}

/// One EvaluationResults entry. `sources` names the policies (analysis::BuildRoleRequest); `synthetic`
/// are its stand-in keys (data the snapshot lacks), reported apart from real context keys.
nlohmann::ordered_json ResultJson(const std::string& action, const std::string& resource,
                                  const iam::PolicySet& set, const iam::Result& res,
                                  const std::map<std::string, analysis::PolicySource>& sources,
                                  const std::map<std::string, std::string>& synthetic) {
  nlohmann::ordered_json j;
  j["EvalActionName"] = action;
  j["EvalResourceName"] = resource;
  j["EvalDecision"] = std::string(iam::DecisionName(res.decision));
  nlohmann::ordered_json matched = nlohmann::ordered_json::array();
  for (const auto& m : res.deciding) {
    nlohmann::ordered_json s;
    auto src = sources.find(m.policy_name);
    s["SourcePolicyId"] = src != sources.end() ? src->second.id : m.policy_name;
    s["SourcePolicyType"] = src != sources.end() ? src->second.type
                                                 : std::string(iam::PolicyTypeName(m.policy_type));
    s["StartPosition"] = Pos(m.start);
    s["EndPosition"] = Pos(m.end);
    matched.push_back(std::move(s));
  }
  j["MatchedStatements"] = std::move(matched);
  nlohmann::ordered_json missing = nlohmann::ordered_json::array();
  nlohmann::ordered_json gaps = nlohmann::ordered_json::array();
  for (const auto& k : res.missing_context_values) {
    auto it = synthetic.find(util::Lower(k));
    if (it == synthetic.end()) missing.push_back(k);
    else gaps.push_back(it->second);
  }
  j["MissingContextValues"] = std::move(missing);
  if (!gaps.empty()) j["MissingSnapshotData"] = std::move(gaps);
  if (set.permissions_boundary) {
    j["PermissionsBoundaryDecisionDetail"]["AllowedByPermissionsBoundary"] =
        res.permissions_boundary == iam::LayerDecision::kAllow;
  }
  if (!set.scps.empty() || !set.rcps.empty()) {
    j["OrganizationsDecisionDetail"]["AllowedByOrganizations"] =
        Allows(res.organizations_scp) && Allows(res.resource_control_policy);
  }
  if (set.resource) {
    j["EvalDecisionDetails"]["IAM Policy"] = std::string(iam::LayerDecisionName(res.identity));
    j["EvalDecisionDetails"]["Resource Policy"] = std::string(iam::LayerDecisionName(res.resource));
  }
  return j;
}

/// The EvaluationResults of one simulation, printed as the AWS CLI prints them, and the exit
/// code they make: 1 when an action is denied, 3 when none is but one is unknown, else 0.
class Answers {
 public:
  void Add(const iam::Result& res, nlohmann::ordered_json entry) {
    any_deny_ = any_deny_ || res.decision == iam::Decision::kExplicitDeny ||
                res.decision == iam::Decision::kImplicitDeny;
    any_unknown_ = any_unknown_ || res.decision == iam::Decision::kUnknown;
    results_.push_back(std::move(entry));
  }
  int Print(std::ostream& out) {
    nlohmann::ordered_json doc;
    doc["EvaluationResults"] = std::move(results_);
    // Action names and ARNs are the user's bytes: invalid UTF-8 is printed replaced (U+FFFD)
    // rather than thrown on (make fuzz found `--action-names` with a stray byte).
    out << doc.dump(4, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    if (any_deny_) return kExitFindings;
    if (any_unknown_) return kExitInconclusive;
    return kExitOk;
  }

 private:
  nlohmann::ordered_json results_ = nlohmann::ordered_json::array();
  bool any_deny_ = false, any_unknown_ = false;
};

/// "3 roles: arn:…:role/a, arn:…:role/b, …" — what the snapshot holds, for the error line.
std::string RolesInSnapshot(const model::Model& m) {
  const std::size_t n = m.iam_roles().size();
  if (n == 0)
    return "no IAM roles (collect them with: " +
           fix::Cli(fix::Read{"iam", "get-account-authorization-details", {}}).front() + ")";
  std::string out = std::to_string(n) + (n == 1 ? " role: " : " roles: ");
  std::size_t shown = 0;
  for (const auto& r : m.iam_roles()) {
    if (shown == 5) {
      out += ", …";
      break;
    }
    out += (shown++ ? ", " : "") + r.arn;
  }
  return out;
}

int RunPrincipal(const SimulateFlags& f, const std::vector<std::string>& actions,
                 const std::vector<std::string>& resources, const std::string& owner,
                 const InputPolicies& in, std::ostream& out, std::ostream& err) {
  if (f.paths.empty())
    return Fail(err, "policy simulate: --principal needs the snapshot: policy simulate --principal "
                     "ROLE_ARN ... PATH...");
  Expected<model::Model> loaded = ingest::LoadPaths(f.paths);
  if (!loaded) return Fail(err, "policy simulate: " + loaded.error().message);
  const model::Model& m = *loaded;
  const analysis::RoleLookup role = analysis::LookUpRole(m, f.principal);
  if (role.state != analysis::RoleLookup::State::kFound || role.role == nullptr) {
    std::string why = "role " + f.principal + " is not in the snapshot";
    if (role.state == analysis::RoleLookup::State::kMismatch && role.role)
      why += " (a role " + role.name + " is, under " + role.role->arn + ")";
    else if (role.state == analysis::RoleLookup::State::kAbsent)
      why += " (" + role.proof + ")";
    return Fail(err, "policy simulate: " + why + "; the snapshot has " + RolesInSnapshot(m));
  }

  Answers answers;
  std::vector<std::string> notes;
  for (const auto& action : actions) {
    for (const auto& resource : resources) {
      const std::string racct = !owner.empty() ? owner : model::AccountOfArn(resource);
      analysis::BuiltRequest b =
          analysis::BuildRoleRequest(m, *role.role, action, resource, racct, /*via_endpoint=*/"");
      for (const auto& p : in.identity) {
        b.policies.identity.push_back(p);
        b.sources[p.name] = {p.name, std::string(iam::PolicyTypeName(iam::PolicyType::kIdentity)), ""};
      }
      if (in.boundary) {
        b.policies.permissions_boundary = *in.boundary;
        b.sources[in.boundary->name] = {in.boundary->name,
                                        std::string(iam::PolicyTypeName(iam::PolicyType::kPermissionsBoundary)), ""};
      }
      if (in.resource) {
        b.policies.resource = *in.resource;
        b.sources[in.resource->name] = {in.resource->name, "resource", ""};
      }
      if (!f.caller_arn.empty()) {
        b.request.principal_arn = f.caller_arn;
        b.request.principal_type = TypeOfArn(f.caller_arn);
        b.request.principal_account = model::AccountOfArn(f.caller_arn);
      }
      ApplyContext(f, b.request.context);
      iam::Result res = iam::Evaluate(b.request, b.policies);
      for (const auto& c : b.caveats)
        if (std::find(notes.begin(), notes.end(), c) == notes.end()) notes.push_back(c);
      answers.Add(res, ResultJson(action, resource, b.policies, res, b.sources, b.synthetic));
    }
  }
  for (const auto& n : notes) err << "fargate-doctor: note: " << n << '\n';
  return answers.Print(out);
}

}  // namespace

int RunPolicySimulate(const SimulateFlags& f, std::ostream& out, std::ostream& err) {
  std::vector<std::string> actions = SplitList(f.action_names);
  if (actions.empty()) return Fail(err, "policy simulate: --action-names is required");
  for (const auto& a : actions)
    if (a.find(':') == std::string::npos)
      return Fail(err, "policy simulate: '" + a + "' is not an action name (service:Action); " +
                           "give snapshot paths before --action-names");
  const bool principal = !f.principal.empty();
  if (!principal && f.policy_inputs.empty())
    return Fail(err, "policy simulate: --policy-input-list (or --principal ROLE_ARN PATH...) is required");
  if (!principal && !f.paths.empty())
    return Fail(err, "policy simulate: snapshot paths are read only with --principal ROLE_ARN");
  std::vector<std::string> resources = SplitList(f.resource_arns);
  if (resources.empty()) resources.push_back("*");
  if (!principal && !f.resource_policy.empty() && f.caller_arn.empty())
    return Fail(err, "policy simulate: --caller-arn is required with --resource-policy");
  for (const auto& e : f.context_entries) {
    std::string error;
    iam::Context scratch;
    if (!ParseContextEntry(e, scratch, error)) return Fail(err, "policy simulate: " + error);
  }

  InputPolicies in;
  if (!LoadInputs(f, in, err)) return kExitUsage;
  std::string owner = f.resource_owner;
  if (owner.rfind("arn:", 0) == 0) {
    std::size_t a = owner.find("::");
    std::size_t b = a == std::string::npos ? a : owner.find(':', a + 2);
    owner = (a == std::string::npos || b == std::string::npos) ? "" : owner.substr(a + 2, b - a - 2);
  }
  if (principal) return RunPrincipal(f, actions, resources, owner, in, out, err);

  iam::PolicySet set;
  set.identity = in.identity;
  set.permissions_boundary = in.boundary;
  set.resource = in.resource;

  iam::Request base;
  base.principal_arn = f.caller_arn;
  base.principal_type = f.caller_arn.empty() ? iam::PrincipalType::kUser : TypeOfArn(f.caller_arn);
  base.fill_global_keys = !f.caller_arn.empty();
  ApplyContext(f, base.context);

  Answers answers;
  for (const auto& action : actions) {
    for (const auto& resource : resources) {
      iam::Request r = base;
      r.action = action;
      r.resource_arn = resource;
      r.resource_account = owner;
      iam::Result res = iam::Evaluate(r, set);
      answers.Add(res, ResultJson(action, resource, set, res, {}, {}));
    }
  }
  return answers.Print(out);
}

}  // namespace fd::cli
