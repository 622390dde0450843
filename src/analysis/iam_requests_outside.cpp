// The requests of a start that do not come from its task definition's containers and volumes:
// Fargate's use of the cluster's ephemeral storage key (a start of any task of the cluster
// makes them), and iam:PassRole of the roles by whoever starts it.

#include <algorithm>
#include <utility>

#include "analysis/iam_requests.h"

namespace fd::analysis {
namespace {

/// The role of an assumed-role session ARN (arn:P:sts::ACCOUNT:assumed-role/NAME/SESSION):
/// {account, name}; empty for any other ARN.
std::pair<std::string, std::string> SessionRole(const std::string& arn) {
  const std::string account = model::AccountOfArn(arn);
  const std::string marker = ":sts::" + account + ":assumed-role/";
  const auto at = arn.find(marker);
  if (account.size() != 12 || arn.rfind("arn:", 0) != 0 || at == std::string::npos ||
      !std::all_of(account.begin(), account.end(), [](char ch) { return ch >= '0' && ch <= '9'; }))
    return {};
  const auto name = at + marker.size();
  const auto slash = arn.find('/', name);
  if (slash == std::string::npos || slash == name) return {};
  return {account, arn.substr(name, slash - name)};
}

}  // namespace

/// Fargate's use of the cluster's ephemeral storage key for every task it starts: a data key
/// and a grant, with the cluster as encryption context (fargate-create-storage-key.html).
std::vector<IamRequest> EphemeralKeyRequests(const model::Model& m, const Target& t) {
  std::vector<IamRequest> out;
  const model::Cluster* c = EphemeralStorageKeyCluster(m, t);
  if (!c || IsKeyAlias(c->fargate_ephemeral_storage_kms_key_id)) return out;  // refused: STO008
  const std::string& ref = c->fargate_ephemeral_storage_kms_key_id;
  const std::string account = model::AccountOfArn(c->arn);
  const model::KmsKey* key = m.FindKmsKey(c->region, account, ref);
  const std::string resource =
      key ? key->arn
          : ref.rfind("arn:", 0) == 0
                ? ref
                : "arn:" + model::PartitionOfRegion(c->region) + ":kms:" + c->region + ":" + account + ":key/" + ref;
  for (const char* action : {"kms:GenerateDataKeyWithoutPlaintext", "kms:CreateGrant"}) {
    IamRequest r;
    r.principal_kind = IamPrincipalKind::kService;
    r.principal = "fargate.amazonaws.com";
    r.action = action;
    r.resource = resource;
    r.resource_region = model::RegionOfArn(resource);
    r.resource_account = model::AccountOfArn(resource);
    r.via_known = true;  // Fargate calls KMS itself
    r.context = {{"aws:PrincipalIsAWSService", {"true"}},
                 {"aws:PrincipalServiceName", {r.principal}},
                 {"kms:EncryptionContext:aws:ecs:clusterAccount", {account}},
                 {"kms:EncryptionContext:aws:ecs:clusterName", {c->name}},
                 {"kms:EncryptionContextKeys", {"aws:ecs:clusterAccount", "aws:ecs:clusterName"}}};
    if (r.action == "kms:CreateGrant") r.context.push_back({"kms:GrantOperations", {"Decrypt"}});
    r.feature = "Fargate ephemeral storage of cluster " + c->name;
    r.Normalise();
    out.push_back(std::move(r));
  }
  return out;
}

const model::Cluster* EphemeralStorageKeyCluster(const model::Model& m, const Target& t) {
  if (!t.IsFargate() || t.windows || t.platform_version == "1.3.0") return nullptr;
  const model::Cluster* c = m.clusters().Find(t.cluster_arn);
  return c && !c->fargate_ephemeral_storage_kms_key_id.empty() ? c : nullptr;
}

bool IsKeyAlias(const std::string& ref) {
  return ref.rfind("alias/", 0) == 0 || ref.find(":alias/") != std::string::npos;
}

std::vector<IamRequest> CallerRequests(const model::Model& m, const Target& t) {
  if (t.kind != TargetKind::kTaskDefinition || !t.task_definition || !m.caller()) return {};
  const auto [account, name] = SessionRole(m.caller()->arn);
  const model::IamRole* caller = account.empty() ? nullptr : m.RoleByName(account, name);
  if (!caller) return {};
  std::vector<IamRequest> out;
  for (const auto& [role, feature] : {std::pair{t.task_definition->execution_role_arn, "executionRoleArn"},
                                      std::pair{t.task_definition->task_role_arn, "taskRoleArn"}}) {
    if (role.empty()) continue;
    IamRequest r;
    r.principal_kind = IamPrincipalKind::kCaller;
    r.principal = caller->arn;
    r.principal_account = caller->account;
    r.action = "iam:PassRole";
    r.resource = role;
    r.resource_account = model::AccountOfArn(role);
    r.via_known = true;
    r.context = {{"iam:PassedToService", {"ecs-tasks.amazonaws.com"}}};
    r.unknown_keys = {"aws:PrincipalOrgID"};
    r.feature = feature;
    r.Normalise();
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace fd::analysis
