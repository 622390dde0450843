// Envelopes of the IAM layer: outputs that only their command explains (which role a
// list-attached-role-policies answer is about, which key a get-key-policy answer belongs to,
// which target an SCP applies to), and the error form the live collector writes when a call
// fails. A not-found error is proof of absence for the resource the command named; an
// access-denied error says that data set could not be collected, naming the missing action.

#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/readers.h"
#include "util/strings.h"

namespace fd::ingest {
namespace {

/// The value after `--flag` in `words` (also `--flag=value`); "" when absent.
std::string Arg(const std::vector<std::string>& words, std::string_view flag) {
  for (size_t i = 0; i < words.size(); ++i) {
    std::string_view w = words[i];
    if (w == flag && i + 1 < words.size()) return words[i + 1];
    if (w.size() > flag.size() && w.substr(0, flag.size()) == flag && w[flag.size()] == '=')
      return std::string(w.substr(flag.size() + 1));
  }
  return "";
}

using util::Lower;

/// "iam get-account-authorization-details" → "iam:GetAccountAuthorizationDetails".
std::string ActionOf(const std::vector<std::string>& words) {
  std::string service = words[0];
  if (service == "efs") service = "elasticfilesystem";
  else if (service == "elbv2") service = "elasticloadbalancing";
  else if (service == "s3api") service = "s3";
  std::string op;
  bool upper = true;
  for (char c : words[1]) {
    if (c == '-') {
      upper = true;
      continue;
    }
    op += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return service + ":" + op;
}

constexpr std::string_view kResourceFlags[] = {
    "--role-name",   "--policy-arn",     "--repository-name", "--secret-id",
    "--key-id",      "--policy-id",      "--target-id",       "--file-system-id",
    "--mount-target-id", "--prefix-list-id", "--log-group-name-prefix", "--cluster",
};

constexpr std::string_view kNotFoundCodes[] = {
    "NoSuchEntity",
    "NoSuchEntityException",
    "NotFoundException",
    "ResourceNotFoundException",
    "RepositoryNotFoundException",
    "RepositoryPolicyNotFoundException",
    "RegistryPolicyNotFoundException",
    "PullThroughCacheRuleNotFoundException",
    "PolicyNotFoundException",
    "TargetNotFoundException",
    "ParameterNotFound",
    "FileSystemNotFound",
    "MountTargetNotFound",
    "ClusterNotFoundException",
};

constexpr std::string_view kAccessDeniedCodes[] = {
    "AccessDenied",           "AccessDeniedException", "UnauthorizedOperation",
    "Client.UnauthorizedOperation", "AuthorizationError", "UnauthorizedAccess",
};

template <size_t N>
bool In(const std::string_view (&list)[N], std::string_view code) {
  for (std::string_view c : list)
    if (c == code) return true;
  return false;
}

std::vector<std::string> EnvelopeTargets(const Node& env, const std::vector<std::string>& words) {
  std::vector<std::string> targets;
  if (std::string t = env.Str("target"); !t.empty()) targets.push_back(t);
  for (auto& t : env.Strings("targets")) targets.push_back(t);
  if (std::string t = Arg(words, "--target-id"); !t.empty()) targets.push_back(t);
  return targets;
}

}  // namespace

bool ReadIamEnvelope(const Node& env, const Node& output, const std::string& command,
                     const std::vector<std::string>& words) {
  model::ModelSink& b = env.builder();
  auto need = [&](std::string_view flag) {
    std::string v = Arg(words, flag);
    if (v.empty()) env.NoteAt("command", command + " without " + std::string(flag) + ", skipped");
    return v;
  };
  if (command == "iam list-attached-role-policies" || command == "iam list-role-policies") {
    b.MarkDataset(command);
    std::string role = need("--role-name");
    if (role.empty()) return true;
    if (command == "iam list-role-policies")
      ReadRolePolicyNames(output, role);
    else
      ReadAttachedRolePolicies(output, role);
    return true;
  }
  if (command == "iam get-policy-version") {
    b.MarkDataset("PolicyVersion");
    std::string arn = need("--policy-arn");
    if (arn.empty()) return true;
    if (auto v = output.Object("PolicyVersion")) ReadPolicyVersion(*v, arn);
    return true;
  }
  if (command == "kms get-key-policy") {
    b.MarkDataset(command);
    std::string key = need("--key-id");
    if (key.empty()) return true;
    ReadKmsKeyPolicy(output, key);
    return true;
  }
  if (command == "secretsmanager get-resource-policy") {
    b.MarkDataset("ResourcePolicy");
    ReadSecretResourcePolicy(output);  // no ResourcePolicy member: the secret has none
    return true;
  }
  if (command == "organizations describe-policy") {
    b.MarkDataset(command);
    std::vector<std::string> targets = EnvelopeTargets(env, words);
    if (targets.empty())
      env.NoteAt("command",
                 "organizations describe-policy without a target (envelope \"target\" or "
                 "--target-id): the policy is kept but applies to nothing known");
    if (auto p = output.Object("Policy")) ReadOrgPolicy(*p, targets);
    return true;
  }
  if (command == "organizations list-policies-for-target") {
    b.MarkDataset(command);
    std::string target = need("--target-id");
    if (target.empty()) return true;
    ReadPoliciesForTarget(output, target, Arg(words, "--filter"));
    return true;
  }
  return false;
}

void ReadErrorEnvelope(const Node& env, const std::string& command,
                       const std::vector<std::string>& words) {
  auto error = env.Object("error");
  if (!error) return env.NoteAt("error", "envelope error is not an object, skipped");
  model::ApiError e;
  e.command = command;
  e.action = ActionOf(words);
  for (std::string_view flag : kResourceFlags) {
    e.resource = Arg(words, flag);
    if (!e.resource.empty()) break;
  }
  e.region = env.ctx().region_hint;
  e.account = env.ctx().Account("", e.resource.rfind("arn:", 0) == 0 ? e.resource : "");
  if (std::string action = error->Str("action"); !action.empty()) e.action = action;
  e.code = error->Str("code");
  e.message = error->Str("message");
  if (e.code.empty()) return env.NoteAt("error", "envelope error without a code, skipped");
  e.kind = In(kNotFoundCodes, e.code)       ? model::ApiError::Kind::kNotFound
           : In(kAccessDeniedCodes, e.code) ? model::ApiError::Kind::kAccessDenied
                                            : model::ApiError::Kind::kOther;
  e.source = env.Source();
  model::ModelSink& b = env.builder();
  b.MarkDataset("error " + command);

  if (command == "ecr get-registry-policy" && e.code == "RegistryPolicyNotFoundException") {
    model::EcrRegistryPolicy p;  // policy stays nullopt: proven to have none
    p.registry_id = env.ctx().account_hint;
    p.region = e.region;
    p.source = e.source;
    b.AddEcrRegistryPolicy(std::move(p));
  }
  if (e.kind == model::ApiError::Kind::kNotFound && !e.resource.empty()) {
    if (command == "iam get-role" && e.code.rfind("NoSuchEntity", 0) == 0)
      b.MarkAccountCoverage("iam-role", e.account, Lower(e.resource));
    if (command == "iam get-policy" && e.code.rfind("NoSuchEntity", 0) == 0)
      b.MarkCoverage("iam-policy " + e.resource);
    if (command == "ecr get-repository-policy" && e.code == "RepositoryPolicyNotFoundException") {
      model::EcrRepositoryPolicy p;
      p.registry_id = Arg(words, "--registry-id");
      if (p.registry_id.empty()) p.registry_id = env.ctx().account_hint;
      p.repository_name = e.resource;
      p.region = e.region;
      p.source = e.source;  // policy stays nullopt: proven to have none
      b.AddEcrRepositoryPolicy(std::move(p));
    }
    if (command == "kms describe-key") {
      std::string region = e.region, account = e.account, ref = e.resource;
      if (ref.rfind("arn:", 0) == 0) {
        region = model::RegionOfArn(ref);
        account = model::AccountOfArn(ref);
        ref = ref.substr(ref.rfind(':') + 1);
        if (ref.rfind("key/", 0) == 0) ref = ref.substr(4);
      }
      b.MarkAccountCoverage("kms-key", account, region + " " + ref);
    }
  }
  b.AddApiError(std::move(e));
}

}  // namespace fd::ingest
