// The policy sets behind a start's IAM requests, built from the model for src/iam to evaluate.
// Data the snapshot names but lacks enters as an Allow hanging on a synthetic unknown key
// ("fargate-doctor:notinsnapshot/N"), so it can turn a deny into `unknown`, never into an allow.

#include "analysis/iam/policies.h"

#include <algorithm>
#include <mutex>
#include <unordered_map>

#include "analysis/iam/layer.h"
#include "analysis/iam/roles.h"
#include "fix/step.h"
#include "util/strings.h"

namespace fd::analysis {
namespace {


/// " (collect it with: aws …)": the read that would supply a missing piece, rendered by src/fix.
std::string CollectWith(const fix::Read& read) {
  return " (collect it with: " + fix::Cli(read).front() + ")";
}

using util::Lower;

/// Collects the synthetic stand-ins of one policy set.
class Gaps {
 public:
  explicit Gaps(BuiltRequest& out) : out_(out) {}

  /// An Allow of everything that holds only if the unknown key `reason` names is true; with
  /// `may_deny`, a Deny of everything on the same unknown too.
  iam::NamedPolicy StandIn(const std::string& name, const std::string& reason, bool resource,
                           const PolicySource& source = {}, bool may_deny = false) {
    if (!source.id.empty()) out_.sources[name + " (not in the snapshot)"] = source;
    std::string key = std::string(kSyntheticKeyPrefix) + std::to_string(out_.synthetic.size() + 1);
    out_.synthetic[Lower(key)] = reason;
    out_.request.context.SetUnknown(key);
    auto p = std::make_shared<iam::Policy>();
    p->version = iam::PolicyVersion::k2012_10_17;
    iam::Statement s;
    s.sid = "NotInSnapshot";
    s.effect = iam::Effect::kAllow;
    s.actions = {"*"};
    s.has_resource = true;
    s.resources = {"*"};
    if (resource) {
      s.has_principal = true;
      s.principal.any = true;
    }
    iam::ConditionClause c;
    c.op_text = "Bool";
    c.op = iam::ConditionOperator::kBool;
    c.key = key;
    c.values = {"true"};
    s.conditions.push_back(std::move(c));
    p->statements.push_back(s);
    if (may_deny) {
      s.sid = "Unreadable";
      s.effect = iam::Effect::kDeny;
      p->statements.push_back(std::move(s));
    }
    return {name + " (not in the snapshot)", std::move(p)};
  }

  /// A policy's own unknown keys (model::kUnknownConditionKeyPrefix, written by a template's
  /// mapper): unknown in the request, and what each stands for is the rest of its name.
  void KeepUnknown(const iam::Policy& policy) {
    for (const iam::Statement& s : policy.statements)
      for (const iam::ConditionClause& c : s.conditions)
        if (IsSyntheticKey(c.key) && out_.synthetic.emplace(Lower(c.key), c.key.substr(kSyntheticKeyPrefix.size())).second)
          out_.request.context.SetUnknown(c.key);
  }

  /// The parsed policy, or a stand-in when the text does not parse.
  iam::NamedPolicy Parsed(const std::string& name, const std::string& text, bool resource,
                          const PolicySource& source = {}) {
    ParsedPolicy p = ParseCached(text);
    if (p.policy) {
      if (!source.id.empty()) out_.sources[name] = source;
      KeepUnknown(*p.policy);
      return {name, std::move(p.policy)};
    }
    // A document that does not parse may have said anything, a Deny included: every decision
    // it could take part in stays undecided, with the parser's reason, rather than read as
    // "no statement of it applies".
    return StandIn(name, name + " does not parse (" + p.error + ")", resource, source, true);
  }

 private:
  BuiltRequest& out_;
};

bool IsAccountId(const std::string& s) {
  return s.size() == 12 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// The guardrail levels of `type` (SERVICE_CONTROL_POLICY / RESOURCE_CONTROL_POLICY) that apply
/// to `account`. The snapshot does not say which OUs hold the account, so every root and OU
/// target in it is taken as the account's path (a collector gathers only that path); policies
/// attached to other accounts are ignored. Empty (with a caveat) when the snapshot has no
/// organizations data for that type.
std::vector<iam::GuardrailLevel> Levels(const model::Model& m, const std::string& type,
                                        const std::string& account, Gaps& gaps,
                                        std::vector<std::string>& caveats) {
  const char* what = type == "SERVICE_CONTROL_POLICY" ? "SCP" : "RCP";
  const iam::PolicyType layer = type == "SERVICE_CONTROL_POLICY" ? iam::PolicyType::kScp : iam::PolicyType::kRcp;
  std::map<std::string, std::vector<const model::OrgPolicy*>> by_target;
  for (const auto& p : m.org_policies()) {
    if (p.type != type) continue;
    for (const auto& t : p.targets) {
      if (IsAccountId(t) && t != account) continue;
      by_target[t].push_back(&p);
    }
  }
  const bool account_covered = m.Covers("org-policies " + type + " " + account);
  if (by_target.empty() && !account_covered) {
    caveats.push_back(std::string(what) + "s not evaluated: the snapshot has no organizations " +
                      "data for account " + account + CollectWith({"organizations", "list-policies-for-target", {"--target-id", account, "--filter", type}}));
    return {};
  }
  by_target.try_emplace(account);  // the account level always exists
  // Root first, then OUs, then the account: the order AWS walks them.
  auto rank = [&](const std::string& t) { return t.rfind("r-", 0) == 0 ? 0 : t.rfind("ou-", 0) == 0 ? 1 : 2; };
  std::vector<std::string> targets;
  for (const auto& [t, _] : by_target) targets.push_back(t);
  std::stable_sort(targets.begin(), targets.end(),
                   [&](const std::string& a, const std::string& b) { return rank(a) < rank(b); });
  std::vector<iam::GuardrailLevel> levels;
  for (const auto& t : targets) {
    iam::GuardrailLevel level;
    level.target = t;
    for (const model::OrgPolicy* p : by_target[t]) {
      std::string name = std::string(what) + " " + (p->name.empty() ? p->id : p->name) + " (" + p->id + ")";
      const PolicySource src{p->id, std::string(iam::PolicyTypeName(layer)), t};
      if (p->content) level.policies.push_back(gaps.Parsed(name, *p->content, false, src));
      else
        level.policies.push_back(gaps.StandIn(
            name, "the text of " + name + " is not in the snapshot" +
                      CollectWith({"organizations", "describe-policy", {"--policy-id", p->id}}),
            false, src));
    }
    if (!m.Covers("org-policies " + type + " " + t))
      level.policies.push_back(gaps.StandIn(
          std::string(what) + "s attached to " + t,
          "the list of " + std::string(what) + "s attached to " + t + " is not in the snapshot" +
              CollectWith({"organizations", "list-policies-for-target", {"--target-id", t, "--filter", type}}),
          false, {std::string(what) + "s attached to " + t, std::string(iam::PolicyTypeName(layer)), t}));
    levels.push_back(std::move(level));
  }
  return levels;
}

/// The repository name of an ECR repository ARN.
std::string RepositoryName(const std::string& arn) {
  auto pos = arn.find(":repository/");
  return pos == std::string::npos ? "" : arn.substr(pos + 12);
}

/// The resource policy governing `action` on `resource`, when the model holds that kind.
void AddResourcePolicy(const model::Model& m, const std::string& action,
                       const std::string& resource, const std::string& resource_account,
                       bool cross_account, BuiltRequest& out, Gaps& gaps) {
  if (resource == "*" || resource.empty()) return;
  const std::string region = model::RegionOfArn(resource);
  if (IsPullThroughCacheAction(action)) {
    // The registry policy (private registry permissions), not the repository's, governs the
    // pull-through cache's import and repository creation.
    const std::string name = "registry policy of " + resource_account + " in " + region;
    if (const model::EcrRegistryPolicy* rp = m.ecr_registry_policies().Find(resource_account + " " + region)) {
      if (rp->policy) out.policies.resource = gaps.Parsed(name, *rp->policy, true);
    } else {
      out.policies.resource = gaps.StandIn(
          name, "the registry policy of " + resource_account + " in " + region + " is not in the snapshot" +
                    CollectWith({"ecr", "get-registry-policy", {}, region}),
          true);
    }
    return;
  }
  if (action.rfind("ecr:", 0) == 0 && resource.find(":repository/") != std::string::npos) {
    const model::EcrRepositoryPolicy* rp = m.ecr_repository_policies().Find(resource);
    const std::string repo = RepositoryName(resource);
    const std::string name = "repository policy of " + repo;
    const PolicySource src{resource, "resource", ""};
    if (rp) {
      if (rp->policy) out.policies.resource = gaps.Parsed(name, *rp->policy, true, src);
    } else if (cross_account) {
      out.policies.resource = gaps.StandIn(
          name, "the repository policy of " + resource + " (another account) is not in the snapshot" +
                    CollectWith({"ecr", "get-repository-policy",
                                 {"--registry-id", resource_account, "--repository-name", repo}, region}),
          true, src);
    }
    return;
  }
  if (action.rfind("secretsmanager:", 0) == 0 && resource.find(":secret:") != std::string::npos) {
    const model::SecretPolicy* sp = m.secret_policies().Find(resource);
    const std::string name = "resource policy of secret " + (sp && !sp->name.empty() ? sp->name : resource);
    const PolicySource src{resource, "resource", ""};
    if (sp) {
      if (sp->policy) out.policies.resource = gaps.Parsed(name, *sp->policy, true, src);
    } else if (cross_account) {
      out.policies.resource = gaps.StandIn(
          name, "the resource policy of secret " + resource + " (another account) is not in the snapshot" +
                    CollectWith({"secretsmanager", "get-resource-policy", {"--secret-id", resource}, region}),
          true, src);
    }
    return;
  }
  if (action.rfind("kms:", 0) == 0) {
    out.policies.resource_is_kms_key = true;
    const model::KmsKey* key = m.FindKmsKey(region, resource_account, resource);
    if (key && key->key_manager == "AWS") out.request.resource_is_aws_managed_key = true;
    const std::string name = "key policy of " + (key ? key->arn : resource);
    const PolicySource src{key ? key->arn : resource, "resource", ""};
    if (key && key->policy) {
      out.policies.resource = gaps.Parsed(name, *key->policy, true, src);
    } else {
      // A KMS key policy always has to allow (directly or by delegating to IAM).
      out.policies.resource = gaps.StandIn(
          name, "the key policy of " + (key ? key->arn : resource) + " is not in the snapshot" +
                    CollectWith({"kms", "get-key-policy",
                                 {"--key-id", key ? key->arn : resource, "--policy-name", "default"}, region}),
          true, src);
    }
  }
}

void AddEndpointPolicy(const model::Model& m, const std::string& via_endpoint, BuiltRequest& out,
                       Gaps& gaps) {
  if (via_endpoint.empty()) return;
  const model::VpcEndpoint* e = m.vpc_endpoints().Find(via_endpoint);
  if (!e) return;
  if (e->policy_document.empty()) {
    // describe-vpc-endpoints prints every endpoint's PolicyDocument; a snapshot without it was
    // written by hand, and the endpoint's default policy allows everything.
    out.caveats.push_back("the policy of " + via_endpoint + " is not in the snapshot: taken as " +
                          "the default full-access policy");
    return;
  }
  out.policies.endpoint = gaps.Parsed("endpoint policy of " + via_endpoint, e->policy_document, true,
                                      {via_endpoint, std::string(iam::PolicyTypeName(iam::PolicyType::kEndpoint)), ""});
}

/// "<default version>" unless the snapshot names the policy's default version.
std::string VersionOf(const model::IamManagedPolicy* p) {
  return p && !p->default_version_id.empty() ? p->default_version_id : "<default version>";
}

/// The role's inline and attached managed policies, each parsed or stood in for.
void AddIdentityPolicies(const model::Model& m, const model::IamRole& role, BuiltRequest& out,
                         Gaps& gaps) {
  for (const auto& p : role.inline_policies) {
    const std::string name = "inline policy " + p.name + " of role " + role.name;
    const PolicySource src{p.name, "role", ""};
    if (p.document) out.policies.identity.push_back(gaps.Parsed(name, *p.document, false, src));
    else
      out.policies.identity.push_back(gaps.StandIn(
          name, "the document of " + name + " is not in the snapshot" +
                    CollectWith({"iam", "get-role-policy", {"--role-name", role.name, "--policy-name", p.name}}),
          false, src));
  }
  if (!role.inline_policies_known)
    out.policies.identity.push_back(gaps.StandIn(
        "inline policies of role " + role.name,
        "the list of inline policies of role " + role.name + " is not in the snapshot" +
            CollectWith({"iam", "list-role-policies", {"--role-name", role.name}}),
        false, {"inline policies of role " + role.name, "role", ""}));
  for (const auto& arn : role.attached_policy_arns) {
    const model::IamManagedPolicy* p = m.iam_policies().Find(arn);
    const PolicySource src{arn, model::AccountOfArn(arn) == "aws" ? "aws-managed" : "user-managed", ""};
    if (p && p->document) out.policies.identity.push_back(gaps.Parsed(arn, *p->document, false, src));
    else
      out.policies.identity.push_back(gaps.StandIn(
          arn, "the document of attached policy " + arn + " is not in the snapshot" +
                   CollectWith({"iam", "get-policy-version", {"--policy-arn", arn, "--version-id", VersionOf(p)}}),
          false, src));
  }
  if (!role.attached_policies_known)
    out.policies.identity.push_back(gaps.StandIn(
        "attached policies of role " + role.name,
        "the list of managed policies attached to role " + role.name + " is not in the snapshot" +
            CollectWith({"iam", "list-attached-role-policies", {"--role-name", role.name}}),
        false, {"attached policies of role " + role.name, "role", ""}));
}

/// The role's permissions boundary: parsed, stood in for, or a caveat when the snapshot cannot
/// tell whether the role has one.
void AddBoundary(const model::Model& m, const model::IamRole& role, BuiltRequest& out, Gaps& gaps) {
  if (role.permissions_boundary_arn.empty()) {
    if (!role.boundary_known)
      out.caveats.push_back("whether role " + role.name + " has a permissions boundary is not in the snapshot");
    return;
  }
  const std::string& arn = role.permissions_boundary_arn;
  const model::IamManagedPolicy* p = m.iam_policies().Find(arn);
  const PolicySource src{arn, std::string(iam::PolicyTypeName(iam::PolicyType::kPermissionsBoundary)), ""};
  if (p && p->document) out.policies.permissions_boundary = gaps.Parsed(arn, *p->document, false, src);
  else
    out.policies.permissions_boundary = gaps.StandIn(
        arn, "the document of permissions boundary " + arn + " is not in the snapshot" +
                 CollectWith({"iam", "get-policy-version", {"--policy-arn", arn, "--version-id", VersionOf(p)}}),
        false, src);
}

}  // namespace

void SetContext(const IamRequest& r, iam::Context& ctx) {
  for (const auto& e : r.context) ctx.Set(e.key, e.values);
  for (const auto& k : r.unknown_keys) ctx.SetUnknown(k);
}

ParsedPolicy ParseCached(const std::string& text) {
  static std::mutex mu;
  static std::unordered_map<std::string, ParsedPolicy> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto it = cache.find(text);
  if (it == cache.end()) {
    ParsedPolicy p;
    auto parsed = iam::ParsePolicy(text);
    if (parsed) p.policy = std::make_shared<const iam::Policy>(std::move(*parsed));
    else p.error = parsed.error().message;
    it = cache.emplace(text, std::move(p)).first;
  }
  return it->second;
}

BuiltRequest BuildRoleRequest(const model::Model& m, const model::IamRole& role,
                              const std::string& action, const std::string& resource_arn,
                              const std::string& resource_account,
                              const std::string& via_endpoint) {
  BuiltRequest out;
  Gaps gaps(out);
  iam::Request& req = out.request;
  req.principal_type = iam::PrincipalType::kRoleSession;
  req.principal_arn = TaskSessionArn(role.arn, role.account);
  req.principal_account = role.account;
  req.role_arn = role.arn;
  req.action = action;
  req.resource_arn = resource_arn.empty() ? "*" : resource_arn;
  req.resource_account = resource_account;
  req.principal_is_service_linked_role = role.service_linked;

  AddIdentityPolicies(m, role, out, gaps);
  AddBoundary(m, role, out, gaps);
  // Organizations guardrails: SCPs of the principal's account, RCPs of the resource's.
  out.policies.scps = Levels(m, "SERVICE_CONTROL_POLICY", role.account, gaps, out.caveats);
  if (iam::RcpAppliesToService(action)) {
    const std::string racct = resource_account.empty() ? role.account : resource_account;
    out.policies.rcps = Levels(m, "RESOURCE_CONTROL_POLICY", racct, gaps, out.caveats);
  }
  const bool cross = !resource_account.empty() && resource_account != role.account;
  AddResourcePolicy(m, action, req.resource_arn, resource_account, cross, out, gaps);
  out.policies.resource_policy_account = resource_account;
  AddEndpointPolicy(m, via_endpoint, out, gaps);
  return out;
}

BuiltRequest BuildTrustRequest(const IamRequest& r, const model::IamRole& role) {
  BuiltRequest b;
  Gaps gaps(b);
  b.request.principal_type = iam::PrincipalType::kServicePrincipal;
  b.request.principal_arn = r.principal;
  b.request.action = r.action;
  b.request.resource_arn = role.arn;
  b.request.resource_account = role.account;
  SetContext(r, b.request.context);
  const std::string name = "trust policy of role " + role.name;
  if (role.trust_policy) b.policies.resource = gaps.Parsed(name, *role.trust_policy, true);
  else
    b.policies.resource = gaps.StandIn(
        name, "the trust policy of role " + role.name + " is not in the snapshot" +
                  CollectWith({"iam", "get-role", {"--role-name", role.name}}),
        true);
  return b;
}

BuiltRequest BuildServiceRequest(const model::Model& m, const IamRequest& r) {
  BuiltRequest b;
  Gaps gaps(b);
  b.request.principal_type = iam::PrincipalType::kServicePrincipal;
  b.request.principal_arn = r.principal;
  b.request.action = r.action;
  b.request.resource_arn = r.resource;
  b.request.resource_account = r.resource_account;
  SetContext(r, b.request.context);
  AddResourcePolicy(m, r.action, r.resource, r.resource_account, false, b, gaps);
  return b;
}

BuiltRequest BuildWithoutRole(const model::Model& m, const IamRequest& r) {
  BuiltRequest b;
  Gaps gaps(b);
  b.request = ToRequest(r);
  const bool cross = !r.resource_account.empty() && r.resource_account != r.principal_account;
  AddResourcePolicy(m, r.action, b.request.resource_arn, r.resource_account, cross, b, gaps);
  b.policies.resource_policy_account = r.resource_account;
  AddEndpointPolicy(m, r.via_endpoint, b, gaps);
  return b;
}

BuiltRequest BuildEndpointRequest(const model::Model& m, const IamRequest& r,
                                  const model::VpcEndpoint& e) {
  BuiltRequest b;
  Gaps gaps(b);
  b.request = ToRequest(r);
  b.request.context.Set("aws:SourceVpce", e.id);
  b.request.context.Set("aws:SourceVpc", e.vpc_id);
  AddEndpointPolicy(m, e.id, b, gaps);
  return b;
}

iam::Request ToRequest(const IamRequest& r) {
  iam::Request q;
  q.action = r.action;
  q.resource_arn = r.resource;
  q.resource_account = r.resource_account;
  if (r.principal_kind == IamPrincipalKind::kService) {
    q.principal_type = iam::PrincipalType::kServicePrincipal;
    q.principal_arn = r.principal;
  } else {
    q.principal_type = iam::PrincipalType::kRoleSession;
    q.role_arn = r.principal;
    q.principal_account = r.principal_account;
    q.principal_arn = TaskSessionArn(r.principal, r.principal_account);
  }
  for (const auto& e : r.context) q.context.Set(e.key, e.values);
  for (const auto& k : r.unknown_keys)
    if (!q.context.Find(k)) q.context.SetUnknown(k);
  return q;
}

std::vector<VpcConditionedStatement> VpcConditioned(const model::Model& m,
                                                    const model::IamRole& role,
                                                    const std::string& action) {
  std::vector<VpcConditionedStatement> out;
  auto scan = [&](const std::string& name, const std::string& text) {
    auto p = ParseCached(text).policy;
    if (!p) return;
    for (const auto& s : p->statements) {
      bool matches = false;
      for (const auto& a : s.actions) matches = matches || iam::MatchActionPattern(a, action);
      if (s.not_action) matches = !matches;
      if (!matches) continue;
      for (const auto& c : s.conditions) {
        const std::string k = Lower(c.key);
        if (k != "aws:sourcevpc" && k != "aws:sourcevpce") continue;
        out.push_back({name, s.Label(), s.effect, c.key, c.op_text});
        break;
      }
    }
  };
  for (const auto& p : role.inline_policies)
    if (p.document) scan("inline policy " + p.name + " of role " + role.name, *p.document);
  for (const auto& arn : role.attached_policy_arns)
    if (const auto* p = m.iam_policies().Find(arn); p && p->document) scan(arn, *p->document);
  if (!role.permissions_boundary_arn.empty())
    if (const auto* p = m.iam_policies().Find(role.permissions_boundary_arn); p && p->document)
      scan(role.permissions_boundary_arn, *p->document);
  return out;
}

}  // namespace fd::analysis
