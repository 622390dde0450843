// Role lookup: the three answers a snapshot can give about a role (there, provably not there,
// cannot tell) and the proof or the collect command behind each.

#include "analysis/iam/roles.h"

#include "fix/step.h"

namespace fd::analysis {
namespace {

/// Why a role that is not in the snapshot is absent or unknown, from the listings and the
/// error envelopes the snapshot holds.
void ExplainMissing(const model::Model& m, RoleLookup& out) {
  const std::string collect = fix::Cli(fix::Read{"iam", "get-role", {"--role-name", out.name}}).front();
  if (m.RoleProvenAbsent(out.account, out.name)) {
    out.state = RoleLookup::State::kAbsent;
    out.proof = m.Covers("iam-roles " + out.account)
                    ? "the role list of account " + out.account + " (iam get-account-authorization-details) has no role " + out.name
                    : "iam get-role --role-name " + out.name + " answered NoSuchEntity";
    return;
  }
  if (const model::ApiError* e = m.FailedCall("iam get-role", out.name)) {
    if (e->kind == model::ApiError::Kind::kNotFound) {
      out.state = RoleLookup::State::kAbsent;
      out.proof = "iam get-role --role-name " + out.name + " answered " + e->code;
      return;
    }
    out.state = RoleLookup::State::kUnknown;
    out.proof = "iam get-role --role-name " + out.name + " failed with " + e->code;
    out.collect = collect;
    return;
  }
  out.state = RoleLookup::State::kUnknown;
  out.proof = "role " + out.arn + " is not in the snapshot";
  if (const model::ApiError* e = m.Denied("iam:GetAccountAuthorizationDetails"))
    out.proof += " (the collector was refused iam:GetAccountAuthorizationDetails: " + e->code + ")";
  out.collect = collect;
}

}  // namespace

std::string RoleNameOfArn(const std::string& role_arn) {
  const auto pos = role_arn.find(":role/");
  if (pos == std::string::npos) return "";
  const auto slash = role_arn.find_last_of('/');
  return role_arn.substr(slash + 1);
}

std::string TaskSessionArn(const std::string& role_arn, const std::string& account) {
  std::string name = RoleNameOfArn(role_arn);
  if (name.empty()) name = role_arn;
  return "arn:" + model::PartitionOfArn(role_arn) + ":sts::" + account + ":assumed-role/" + name +
         "/fargate-task";
}

RoleLookup LookUpRole(const model::Model& m, const std::string& role_arn, const std::string& account) {
  RoleLookup out;
  out.arn = role_arn;
  if (role_arn.empty()) return out;
  out.name = RoleNameOfArn(role_arn);
  const bool bare = out.name.empty();
  out.account = bare ? account : model::AccountOfArn(role_arn);
  if (bare) out.name = role_arn;
  if (const model::IamRole* r = m.iam_roles().Find(role_arn)) {
    out.state = RoleLookup::State::kFound;
    out.role = r;
    return out;
  }
  if (const model::IamRole* r = m.RoleByName(out.account, out.name)) {
    // A bare name is found whatever the role's path: ECS resolves it by name.
    out.state = bare || r->arn == role_arn ? RoleLookup::State::kFound : RoleLookup::State::kMismatch;
    out.role = r;
    return out;
  }
  ExplainMissing(m, out);
  return out;
}

bool HasIamData(const model::Model& m) {
  if (m.iam_roles().size() > 0 || m.iam_policies().size() > 0) return true;
  for (const auto& e : m.api_errors())
    if (e.command.rfind("iam ", 0) == 0) return true;
  return false;
}

}  // namespace fd::analysis
