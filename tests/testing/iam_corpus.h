#pragma once
/// The IAM differential corpus (tools/iam-oracle/gen_corpus.py) read into engine requests and
/// policy sets, and the oracle's answers (tools/iam-oracle/run_oracle.js). Shared by
/// tests/iam_differential_test.cpp and bench/iam_bench.cpp; header-only, test code.

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "iam/evaluate.h"
#include "iam/policy.h"

namespace fd::testing {

/// One corpus case converted for the engine.
struct IamCase {
  std::string id;
  std::string family;
  std::vector<std::string> tags;
  iam::Request request;
  iam::PolicySet policies;
  std::vector<std::string> unknown_keys;
  std::string parse_error;  ///< non-empty: our parser rejected a policy the oracle accepted
};

/// The oracle's answer for one case.
struct OracleAnswer {
  std::string decision;  ///< Allowed, ExplicitlyDenied, ImplicitlyDenied, Unknown, Error
  std::vector<std::string> ignored_keys;  ///< context keys the oracle dropped for this action
  std::string error;
};

/// The policy AWS attaches to every organizations root, OU and account once RCPs are enabled;
/// it cannot be detached, so the oracle adds it at every level and so do we.
inline const char* kRcpFullAwsAccess =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]})";

inline std::optional<iam::NamedPolicy> ParseNamed(const std::string& name, const std::string& text,
                                                  std::string& error) {
  auto p = iam::ParsePolicy(text);
  if (!p) {
    if (error.empty()) error = name + ": " + p.error().message;
    return std::nullopt;
  }
  return iam::NamedPolicy{name, std::make_shared<const iam::Policy>(std::move(*p))};
}

inline iam::PrincipalType PrincipalTypeOf(const std::string& arn) {
  if (arn.rfind("arn:", 0) != 0) return iam::PrincipalType::kServicePrincipal;
  if (arn.find(":assumed-role/") != std::string::npos) return iam::PrincipalType::kRoleSession;
  if (arn.find(":role/") != std::string::npos) return iam::PrincipalType::kRole;
  if (arn.find(":user/") != std::string::npos) return iam::PrincipalType::kUser;
  if (arn.find(":federated-user/") != std::string::npos) return iam::PrincipalType::kFederatedUser;
  return iam::PrincipalType::kRoot;
}

/// Converts one corpus line. `ignored` lists context keys the oracle dropped as not applicable
/// to the action (per the Service Authorization Reference); they are left out here too, since
/// AWS would not send them with such a request.
inline IamCase ConvertIamCase(const nlohmann::json& j, const std::vector<std::string>& ignored = {}) {
  IamCase c;
  c.id = j.at("id").get<std::string>();
  c.family = j.value("family", "");
  if (j.contains("tags")) c.tags = j["tags"].get<std::vector<std::string>>();
  auto& r = c.request;
  r.principal_arn = j.at("principal").get<std::string>();
  r.principal_type = PrincipalTypeOf(r.principal_arn);
  r.action = j.at("action").get<std::string>();
  r.resource_arn = j.at("resource").get<std::string>();
  r.resource_account = j.at("resourceAccount").get<std::string>();
  // The corpus supplies every key the oracle evaluates; the oracle derives none.
  r.fill_global_keys = false;
  for (const auto& [k, v] : j.at("context").items()) {
    bool drop = false;
    for (const auto& i : ignored) drop = drop || i == k;
    if (drop) continue;
    if (v.is_array()) r.context.Set(k, v.get<std::vector<std::string>>());
    else r.context.Set(k, v.get<std::string>());
  }
  if (j.contains("unknownKeys")) {
    c.unknown_keys = j["unknownKeys"].get<std::vector<std::string>>();
    for (const auto& k : c.unknown_keys) r.context.SetUnknown(k);
  }
  auto& ps = c.policies;
  if (j.contains("identityPolicies"))
    for (const auto& p : j["identityPolicies"])
      if (auto n = ParseNamed(p.at("name").get<std::string>(), p.at("policy").dump(), c.parse_error))
        ps.identity.push_back(std::move(*n));
  if (j.contains("resourcePolicy"))
    ps.resource = ParseNamed("resource-policy", j["resourcePolicy"].dump(), c.parse_error);
  if (j.contains("permissionBoundary"))
    ps.permissions_boundary = ParseNamed("boundary", j["permissionBoundary"].dump(), c.parse_error);
  if (j.contains("endpointPolicy"))
    ps.endpoint = ParseNamed("endpoint", j["endpointPolicy"].dump(), c.parse_error);
  auto levels = [&](const char* field, bool add_rcp_full_access) {
    std::vector<iam::GuardrailLevel> out;
    if (!j.contains(field)) return out;
    for (const auto& l : j[field]) {
      iam::GuardrailLevel level;
      level.target = l.at("org").get<std::string>();
      if (add_rcp_full_access)
        if (auto n = ParseNamed("RCPFullAWSAccess", kRcpFullAwsAccess, c.parse_error))
          level.policies.push_back(std::move(*n));
      for (const auto& p : l.at("policies"))
        if (auto n = ParseNamed(p.at("name").get<std::string>(), p.at("policy").dump(), c.parse_error))
          level.policies.push_back(std::move(*n));
      out.push_back(std::move(level));
    }
    return out;
  };
  ps.scps = levels("scps", false);
  ps.rcps = levels("rcps", true);
  return c;
}

/// Reads a JSON-lines file; returns false (with `error`) when it cannot be read or parsed.
inline bool ReadJsonLines(const std::filesystem::path& path, std::vector<nlohmann::json>& out,
                          std::string& error) {
  std::ifstream in(path);
  if (!in) {
    error = "cannot read " + path.string();
    return false;
  }
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    auto j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) {
      error = path.string() + ": bad JSON line";
      return false;
    }
    out.push_back(std::move(j));
  }
  return true;
}

inline std::map<std::string, OracleAnswer> ToOracleAnswers(const std::vector<nlohmann::json>& rows) {
  std::map<std::string, OracleAnswer> out;
  for (const auto& r : rows) {
    OracleAnswer a;
    a.decision = r.value("decision", "");
    if (r.contains("ignoredContextKeys")) a.ignored_keys = r["ignoredContextKeys"].get<std::vector<std::string>>();
    if (r.contains("error")) a.error = r["error"].dump();
    out[r.value("id", "")] = std::move(a);
  }
  return out;
}

/// The corpus generator, run with the seed the test and benchmark use.
inline std::string IamCorpusCommand(const std::filesystem::path& source_dir,
                                    const std::filesystem::path& out) {
  return "python3 '" + (source_dir / "tools/iam-oracle/gen_corpus.py").string() +
         "' --seed 1 --out '" + out.string() + "'";
}

}  // namespace fd::testing
