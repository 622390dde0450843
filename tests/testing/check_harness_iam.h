#pragma once
/// Snapshot edits the cases of the IAM, IMG, SEC and LOG checks share, on top of
/// testing/check_harness.h and testing/snapshot_edits.h: policy documents, the base scenarios'
/// execution role, and the AWS CLI outputs those checks read (organizations guardrails, KMS keys
/// and key policies, secrets and their resource policies, SSM parameters, ECR repository and
/// registry policies, pull-through cache rules, error envelopes), each written as the CLI (or the
/// live collector's envelope, docs/design/inputs.md §1) prints it, so a case goes through the real
/// ingest.
///
/// The base scenarios (tests/scenarios/base-*) run service `api` of cluster `prod` in account
/// 111122223333, eu-west-3, with task definition api:7 (one container `api`, image
/// <account>.dkr.ecr.eu-west-3.amazonaws.com/api:1.4, awslogs group /ecs/api, secret
/// DB_PASSWORD) and execution role api-task-execution.

#include <string>
#include <utility>
#include <vector>

#include "testing/snapshot_edits.h"

namespace fd::testing {

inline const std::string kAccount = "111122223333";
inline const std::string kOtherAccount = "444455556666";
inline const std::string kRegion = "eu-west-3";
inline const std::string kExecRoleArn = "arn:aws:iam::111122223333:role/api-task-execution";
inline const std::string kServiceArn = "arn:aws:ecs:eu-west-3:111122223333:service/prod/api";
inline const std::string kTdArn = "arn:aws:ecs:eu-west-3:111122223333:task-definition/api:7";
inline const std::string kRepoArn = "arn:aws:ecr:eu-west-3:111122223333:repository/api";
inline const std::string kDbSecretArn =
    "arn:aws:secretsmanager:eu-west-3:111122223333:secret:prod/api/db-password-Xa9kQ2";

// ---- Policy documents ------------------------------------------------------------------------

/// {"Version": "2012-10-17", "Statement": [...]}.
inline Json PolicyDoc(Json statements) {
  return Json{{"Version", "2012-10-17"}, {"Statement", std::move(statements)}};
}

/// One statement ("" for no Sid). `actions` and `resources` are a string or an array (null: left
/// out); `extra` adds members (Principal, Condition, NotAction, ...).
inline Json Statement(const std::string& sid, const std::string& effect, Json actions,
                      Json resources = "*", Json extra = Json::object()) {
  Json s = Json::object();
  if (!sid.empty()) s["Sid"] = sid;
  s["Effect"] = effect;
  if (!actions.is_null()) s["Action"] = std::move(actions);
  if (!resources.is_null()) s["Resource"] = std::move(resources);
  for (auto& [k, v] : extra.items()) s[k] = v;
  return s;
}

/// A policy of one statement.
inline Json OneStatement(const std::string& sid, const std::string& effect, Json actions,
                         Json resources = "*", Json extra = Json::object()) {
  return PolicyDoc(Json::array(
      {Statement(sid, effect, std::move(actions), std::move(resources), std::move(extra))}));
}

/// An envelope around the output of a command that does not say what it describes.
inline Json Envelope(std::vector<std::string> command, Json output, Json extra = Json::object()) {
  Json e = {{"fargateDoctorEnvelope", 1}, {"command", std::move(command)}};
  for (auto& [k, v] : extra.items()) e[k] = v;
  e["output"] = std::move(output);
  return e;
}

/// The error envelope the collector writes when a call fails.
inline Json ErrorEnvelope(std::vector<std::string> command, const std::string& code,
                          Json extra = Json::object()) {
  Json e = {{"fargateDoctorEnvelope", 1}, {"command", std::move(command)}};
  for (auto& [k, v] : extra.items()) e[k] = v;
  e["error"] = {{"code", code}, {"message", code + " (test)"}};
  return e;
}

// ---- IAM roles and managed policies ----------------------------------------------------------

inline Json& AuthorizationDetails(Snapshot& s) {
  return s.Doc("iam-get-account-authorization-details.json");
}
/// The base scenarios' execution role in the authorization details.
inline Json& ExecRole(Snapshot& s) { return s.Item("RoleDetailList", "api-task-execution"); }

/// Replaces the role's inline policies with one, `name` holding `doc`.
inline void SetInlinePolicies(Json& role, const std::string& name, Json doc) {
  role["RolePolicyList"] =
      Json::array({{{"PolicyName", name}, {"PolicyDocument", std::move(doc)}}});
}
/// Adds an inline policy to the role, keeping the others.
inline void AddInlinePolicy(Json& role, const std::string& name, Json doc) {
  role["RolePolicyList"].push_back({{"PolicyName", name}, {"PolicyDocument", std::move(doc)}});
}
/// Replaces the role's attached managed policies.
inline void SetAttachedPolicies(Json& role, const std::vector<std::string>& arns) {
  Json list = Json::array();
  for (const auto& a : arns)
    list.push_back({{"PolicyName", a.substr(a.rfind('/') + 1)}, {"PolicyArn", a}});
  role["AttachedManagedPolicies"] = std::move(list);
}
/// A customer managed policy of the account in the authorization details (its default version
/// holding `doc`, or no version list when `doc` is null).
inline std::string AddManagedPolicy(Snapshot& s, const std::string& name, Json doc) {
  const std::string arn = "arn:aws:iam::" + kAccount + ":policy/" + name;
  Json p = {{"PolicyName", name},
            {"Arn", arn},
            {"Path", "/"},
            {"DefaultVersionId", "v3"},
            {"CreateDate", "2024-01-05T10:00:00+00:00"},
            {"UpdateDate", "2024-01-05T10:00:00+00:00"}};
  if (!doc.is_null())
    p["PolicyVersionList"] = Json::array(
        {{{"Document", std::move(doc)}, {"VersionId", "v3"}, {"IsDefaultVersion", true}}});
  s.Add("iam-get-account-authorization-details.json", "Policies", std::move(p));
  return arn;
}
/// A permissions boundary on the role.
inline void SetBoundary(Json& role, const std::string& policy_arn) {
  role["PermissionsBoundary"] = {{"PermissionsBoundaryType", "Policy"},
                                 {"PermissionsBoundaryArn", policy_arn}};
}
/// Another role of the account (a task role, the caller's), trusted by `service`, with no
/// policies (testing/snapshot_edits.h's IamRole).
inline Json& AddRole(Snapshot& s, const std::string& name, const std::string& service) {
  return s.Add("iam-get-account-authorization-details.json", "RoleDetailList",
               IamRole(name, service, {}));
}

/// The one container of the base task definition.
inline Json& Container(Snapshot& s) { return s.TaskDefinition()["containerDefinitions"][0]; }

/// A service event of `api`, newest first (what AWS recorded about a failed start).
inline void AddServiceEvent(Snapshot& s, const std::string& created_at,
                            const std::string& message) {
  Json& events = s.Item("services", "api")["events"];
  // Json{...}: a braced list given to insert() would insert each of its members.
  events.insert(events.begin(), Json{{"id", "e-test-" + std::to_string(events.size())},
                                     {"createdAt", created_at},
                                     {"message", message}});
}

// ---- Organizations guardrails ----------------------------------------------------------------

/// An SCP or RCP (organizations describe-policy in an envelope naming its targets).
/// `type` is SERVICE_CONTROL_POLICY or RESOURCE_CONTROL_POLICY.
inline void AddOrgPolicy(Snapshot& s, const std::string& type, const std::string& id,
                         const std::string& name, const Json& content,
                         const std::vector<std::string>& targets) {
  Json summary = {{"Id", id},
                  {"Arn", "arn:aws:organizations::" + kAccount + ":policy/o-test/" + id},
                  {"Name", name},
                  {"Type", type},
                  {"AwsManaged", false}};
  Json output = {{"Policy", {{"PolicySummary", summary}}}};
  if (!content.is_null()) output["Policy"]["Content"] = content.dump();
  s.Doc("organizations-describe-policy-" + id + ".json") =
      Envelope({"organizations", "describe-policy", "--policy-id", id}, std::move(output),
               {{"targets", targets}});
}
/// organizations list-policies-for-target: the complete list of `type` at `target`.
inline void ListPoliciesForTarget(Snapshot& s, const std::string& type, const std::string& target,
                                  const std::vector<std::string>& ids) {
  Json list = Json::array();
  for (const auto& id : ids) list.push_back({{"Id", id}, {"Name", id}, {"Type", type}});
  s.Doc("organizations-list-policies-for-target-" + target + "-" + type + ".json") = Envelope(
      {"organizations", "list-policies-for-target", "--target-id", target, "--filter", type},
      {{"Policies", std::move(list)}});
}
inline const std::string kRoot = "r-a1b2";
inline const std::string kOu = "ou-a1b2-workloads";

/// The FullAWSAccess policy of `type` (SCP: allow everything; RCP: to any principal),
/// attached at `targets`; its id is p-fullscp or p-fullrcp.
inline std::string AddFullAccess(Snapshot& s, const std::string& type,
                                 const std::vector<std::string>& targets) {
  const bool scp = type == "SERVICE_CONTROL_POLICY";
  const std::string id = scp ? "p-fullscp" : "p-fullrcp";
  AddOrgPolicy(s, type, id, "FullAWSAccess",
               scp ? OneStatement("FullAccess", "Allow", "*")
                   : OneStatement("FullAccess", "Allow", "*", "*", {{"Principal", "*"}}),
               targets);
  return id;
}
/// An organization of root kRoot > OU kOu > the account, every level's list of `type` complete,
/// each holding the full-access policy plus the ids `extra` names for it (by level target).
inline void Organization(Snapshot& s, const std::string& type,
                         const std::vector<std::pair<std::string, std::string>>& extra = {}) {
  const std::string full = AddFullAccess(s, type, {kRoot, kOu, kAccount});
  for (const std::string& level : {kRoot, kOu, kAccount}) {
    std::vector<std::string> ids = {full};
    for (const auto& [target, id] : extra)
      if (target == level) ids.push_back(id);
    ListPoliciesForTarget(s, type, level, ids);
  }
}

// ---- KMS --------------------------------------------------------------------------------------

inline std::string KeyArn(const std::string& key_id, const std::string& account = kAccount) {
  return "arn:aws:kms:" + kRegion + ":" + account + ":key/" + key_id;
}
/// kms describe-key of a key of the account.
inline std::string AddKey(Snapshot& s, const std::string& key_id,
                          const std::string& state = "Enabled",
                          const std::string& manager = "CUSTOMER") {
  const std::string arn = KeyArn(key_id);
  s.Doc("kms-describe-key-" + key_id + ".json") = {{"KeyMetadata",
                                                    {{"AWSAccountId", kAccount},
                                                     {"KeyId", key_id},
                                                     {"Arn", arn},
                                                     {"Enabled", state == "Enabled"},
                                                     {"KeyUsage", "ENCRYPT_DECRYPT"},
                                                     {"KeyState", state},
                                                     {"KeyManager", manager}}}};
  return arn;
}
/// kms get-key-policy (enveloped: the output does not name its key). `policy` is a document, or
/// a string that need not parse.
inline void SetKeyPolicy(Snapshot& s, const std::string& key_arn, const Json& policy) {
  s.Doc("kms-get-key-policy-" + key_arn.substr(key_arn.rfind('/') + 1) + ".json") =
      Envelope({"kms", "get-key-policy", "--key-id", key_arn, "--policy-name", "default"},
               {{"Policy", policy.is_string() ? policy.get<std::string>() : policy.dump()},
                {"PolicyName", "default"}},
               {{"region", kRegion}});
}
/// The default key policy: the account root may do everything (delegating to IAM).
inline Json KeyPolicyDelegatingToIam() {
  return OneStatement("EnableIamPolicies", "Allow", "kms:*", "*",
                      {{"Principal", {{"AWS", "arn:aws:iam::" + kAccount + ":root"}}}});
}

// ---- Secrets Manager, SSM, CloudWatch Logs, ECR ------------------------------------------------

/// The base secret (secretsmanager describe-secret).
inline Json& DbSecret(Snapshot& s) { return s.Doc("secretsmanager-describe-secret.json"); }
/// secretsmanager describe-secret of another secret; returns its document.
inline Json& AddSecret(Snapshot& s, const std::string& arn, const std::string& name) {
  Json& d = s.Doc("secretsmanager-describe-secret-" + name.substr(name.rfind('/') + 1) + ".json");
  d = {{"ARN", arn},
       {"Name", name},
       {"VersionIdsToStages", {{"0c6f1e2d-7b3a-4c59-9e8d-1a2b3c4d5e6f", {"AWSCURRENT"}}}}};
  return d;
}
/// secretsmanager get-resource-policy of a secret (no ResourcePolicy member: it has none).
inline void SetSecretPolicy(Snapshot& s, const std::string& secret_arn, const std::string& name,
                            const Json& policy) {
  Json out = {{"ARN", secret_arn}, {"Name", name}};
  if (!policy.is_null())
    out["ResourcePolicy"] = policy.is_string() ? policy.get<std::string>() : policy.dump();
  s.Doc("secretsmanager-get-resource-policy-" + name.substr(name.rfind('/') + 1) + ".json") =
      Envelope({"secretsmanager", "get-resource-policy", "--secret-id", secret_arn}, std::move(out),
               {{"region", kRegion}});
}
/// ssm describe-parameters of the Region: the listing of every parameter there.
inline void SsmParameters(Snapshot& s, Json parameters) {
  s.Doc("ssm-describe-parameters.json") = {{"Parameters", std::move(parameters)}};
}
inline Json SsmParameter(const std::string& name, const std::string& type,
                         const std::string& key_id = "", const std::string& account = kAccount,
                         const std::string& tier = "Standard",
                         const std::string& region = kRegion) {
  const std::string bare = !name.empty() && name[0] == '/' ? name.substr(1) : name;
  Json p = {{"Name", name},
            {"ARN", "arn:aws:ssm:" + region + ":" + account + ":parameter/" + bare},
            {"Type", type},
            {"Tier", tier}};
  if (!key_id.empty()) p["KeyId"] = key_id;
  return p;
}
/// The log configuration options of the base container.
inline Json& LogOptions(Snapshot& s) { return Container(s)["logConfiguration"]["options"]; }
/// ecr get-repository-policy of the base repository (a document, or null: the collector's
/// RepositoryPolicyNotFoundException).
inline void SetRepositoryPolicy(Snapshot& s, const std::string& repo, const std::string& registry,
                                const Json& policy) {
  const std::vector<std::string> cmd = {"ecr", "get-repository-policy", "--repository-name",
                                        repo,  "--registry-id",         registry};
  Json extra = {{"region", kRegion}, {"account", registry}};
  s.Doc("ecr-get-repository-policy-" + registry + ".json") =
      policy.is_null()
          ? ErrorEnvelope(cmd, "RepositoryPolicyNotFoundException", extra)
          : Envelope(
                cmd,
                {{"registryId", registry},
                 {"repositoryName", repo},
                 {"policyText", policy.is_string() ? policy.get<std::string>() : policy.dump()}},
                extra);
}

/// ecr describe-pull-through-cache-rules of the account in the Region (a complete listing).
inline void PullThroughCacheRules(Snapshot& s, Json rules) {
  s.Doc("ecr-describe-pull-through-cache-rules.json") = Envelope(
      {"ecr", "describe-pull-through-cache-rules", "--registry-id", kAccount},
      {{"pullThroughCacheRules", std::move(rules)}}, {{"region", kRegion}, {"account", kAccount}});
}
/// ecr get-registry-policy of the account in the Region (null: RegistryPolicyNotFoundException).
inline void SetRegistryPolicy(Snapshot& s, const Json& policy) {
  const std::vector<std::string> cmd = {"ecr", "get-registry-policy"};
  const Json extra = {{"region", kRegion}, {"account", kAccount}};
  s.Doc("ecr-get-registry-policy.json") =
      policy.is_null()
          ? ErrorEnvelope(cmd, "RegistryPolicyNotFoundException", extra)
          : Envelope(cmd, {{"registryId", kAccount}, {"policyText", policy.dump()}}, extra);
}

}  // namespace fd::testing
