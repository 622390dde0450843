// `policy simulate`: parses the AWS CLI's simulate-custom-policy options (policies as JSON
// text or file://path, context entries in shorthand or JSON), evaluates every (action,
// resource) pair with src/iam, and prints the AWS CLI's EvaluationResults shape.

#include "cli/policy_simulate.h"

#include <CLI/CLI.hpp>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <sstream>

#include "cli/commands.h"
#include "iam/evaluate.h"

namespace fd::cli {
namespace {

constexpr const char* kHelpFooter =
    "Output: {\"EvaluationResults\":[...]} as `aws iam simulate-custom-policy` prints it. Where a "
    "decision hangs on a context key named in --unknown-context-keys, EvalDecision is \"unknown\" "
    "(not an AWS value) and MissingContextValues names the keys. Exit codes: 0 every result "
    "allowed, 1 at least one explicitDeny or implicitDeny, 2 usage error or unreadable input, 3 "
    "no deny but at least one unknown.";

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
  sim->footer(kHelpFooter);
  return sim;
}

int RunPolicySimulate(const SimulateFlags& f, std::ostream& out, std::ostream& err) {
  std::vector<std::string> actions = SplitList(f.action_names);
  if (actions.empty()) return Fail(err, "policy simulate: --action-names is required");
  if (f.policy_inputs.empty()) return Fail(err, "policy simulate: --policy-input-list is required");
  std::vector<std::string> resources = SplitList(f.resource_arns);
  if (resources.empty()) resources.push_back("*");
  if (!f.resource_policy.empty() && f.caller_arn.empty())
    return Fail(err, "policy simulate: --caller-arn is required with --resource-policy");

  iam::PolicySet set;
  auto load = [&](const std::string& value, const std::string& id) -> std::optional<iam::NamedPolicy> {
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
  };
  for (std::size_t i = 0; i < f.policy_inputs.size(); ++i) {
    auto np = load(f.policy_inputs[i], "PolicyInputList." + std::to_string(i + 1));
    if (!np) return kExitUsage;
    set.identity.push_back(std::move(*np));
  }
  if (f.boundary_inputs.size() > 1) return Fail(err, "policy simulate: at most one permissions boundary");
  if (!f.boundary_inputs.empty()) {
    auto np = load(f.boundary_inputs[0], "PermissionsBoundaryPolicyInputList.1");
    if (!np) return kExitUsage;
    set.permissions_boundary = std::move(*np);
  }
  if (!f.resource_policy.empty()) {
    auto np = load(f.resource_policy, "ResourcePolicy");
    if (!np) return kExitUsage;
    set.resource = std::move(*np);
  }
  std::string owner = f.resource_owner;
  if (owner.rfind("arn:", 0) == 0) {
    std::size_t a = owner.find("::");
    std::size_t b = a == std::string::npos ? a : owner.find(':', a + 2);
    owner = (a == std::string::npos || b == std::string::npos) ? "" : owner.substr(a + 2, b - a - 2);
  }

  iam::Request base;
  base.principal_arn = f.caller_arn;
  base.principal_type = f.caller_arn.empty() ? iam::PrincipalType::kUser : TypeOfArn(f.caller_arn);
  base.fill_global_keys = !f.caller_arn.empty();
  for (const auto& e : f.context_entries) {
    std::string error;
    if (!ParseContextEntry(e, base.context, error)) return Fail(err, "policy simulate: " + error);
  }
  for (const auto& k : SplitList(f.unknown_keys)) base.context.SetUnknown(k);

  nlohmann::ordered_json results = nlohmann::ordered_json::array();
  bool any_deny = false, any_unknown = false;
  for (const auto& action : actions) {
    for (const auto& resource : resources) {
      iam::Request r = base;
      r.action = action;
      r.resource_arn = resource;
      r.resource_account = owner;
      iam::Result res = iam::Evaluate(r, set);
      any_deny = any_deny || res.decision == iam::Decision::kExplicitDeny ||
                 res.decision == iam::Decision::kImplicitDeny;
      any_unknown = any_unknown || res.decision == iam::Decision::kUnknown;
      nlohmann::ordered_json j;
      j["EvalActionName"] = action;
      j["EvalResourceName"] = resource;
      j["EvalDecision"] = std::string(iam::DecisionName(res.decision));
      nlohmann::ordered_json matched = nlohmann::ordered_json::array();
      const auto& list = res.decision == iam::Decision::kImplicitDeny ? res.deciding : res.deciding;
      for (const auto& m : list) {
        nlohmann::ordered_json s;
        s["SourcePolicyId"] = m.policy_name;
        s["SourcePolicyType"] = std::string(iam::PolicyTypeName(m.policy_type));
        s["StartPosition"] = Pos(m.start);
        s["EndPosition"] = Pos(m.end);
        matched.push_back(std::move(s));
      }
      j["MatchedStatements"] = std::move(matched);
      j["MissingContextValues"] = res.missing_context_values;
      if (set.permissions_boundary) {
        j["PermissionsBoundaryDecisionDetail"]["AllowedByPermissionsBoundary"] =
            res.permissions_boundary == iam::LayerDecision::kAllow;
      }
      if (set.resource) {
        j["EvalDecisionDetails"]["IAM Policy"] = std::string(iam::LayerDecisionName(res.identity));
        j["EvalDecisionDetails"]["Resource Policy"] = std::string(iam::LayerDecisionName(res.resource));
      }
      results.push_back(std::move(j));
    }
  }
  nlohmann::ordered_json doc;
  doc["EvaluationResults"] = std::move(results);
  out << doc.dump(4) << '\n';
  if (any_deny) return kExitFindings;
  if (any_unknown) return kExitInconclusive;
  return kExitOk;
}

}  // namespace fd::cli
