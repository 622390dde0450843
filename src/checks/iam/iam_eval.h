#pragma once
/// The IAM evaluation every IAM check shares: from the model, the policy set that governs each
/// request a start makes (analysis/iam_requests.h) — the role's inline and attached managed
/// policies, its permissions boundary, the SCP and RCP levels of the accounts involved, the
/// resource policy (trust policy, ECR repository policy, secret policy, KMS key policy) and the
/// endpoint policy when the call goes through an interface endpoint — evaluated by src/iam.
///
/// Missing data never decides: a policy the snapshot names but does not hold (an attached
/// managed policy without its document, an unlisted set of inline policies, an SCP level whose
/// list is incomplete, a cross-account resource policy not collected) enters the set as an
/// Allow that hangs on a synthetic unknown context key, so a deny it might lift becomes
/// `unknown` naming what to collect, never `implicitDeny`.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "analysis/iam_requests.h"
#include "checks/check.h"
#include "fix/step.h"
#include "iam/evaluate.h"

namespace fd::checks {

/// What the snapshot says about a role an ARN names.
struct RoleLookup {
  enum class State {
    kNone,     ///< no ARN given
    kFound,    ///< the role is in the snapshot under that exact ARN
    kMismatch, ///< a role of that name exists in the account, under another ARN (path)
    kAbsent,   ///< provably absent: a listing that covers its account, or NoSuchEntity
    kUnknown,  ///< not in the snapshot, and nothing proves it absent
  };
  State state = State::kNone;
  std::string arn;      ///< as the task definition (or override) names it
  std::string account;  ///< from the ARN
  std::string name;     ///< the role name (last path component)
  const model::IamRole* role = nullptr;  ///< kFound / kMismatch
  std::string proof;    ///< kAbsent: what proves it; kUnknown: why it cannot be told
  std::string collect;  ///< kUnknown: the command that would collect it
};

/// Resolves a role ARN against the snapshot.
RoleLookup LookUpRole(const model::Model& m, const std::string& role_arn);

/// The role name of a role ARN (`arn:aws:iam::1:role/path/name` → "name"); "" for non-ARNs.
std::string RoleNameOfArn(const std::string& role_arn);

/// One request of a start, evaluated.
struct IamEval {
  const analysis::IamRequest* request = nullptr;
  /// False when the request could not be evaluated at all (no role, role not in the snapshot):
  /// `unchecked` then says why and what to collect.
  bool evaluated = false;
  std::string unchecked;
  iam::Result result;
  /// For each key of result.missing_context_values, what it stands for: "the document of
  /// attached policy X is not in the snapshot (collect it with: aws iam get-policy-version …)"
  /// or "context key aws:SourceVpce cannot be told from the snapshot".
  std::vector<std::string> unknowns;
  /// True when an unknown in `unknowns` is data the snapshot lacks (collectable), not a
  /// context key a real start may or may not carry.
  bool data_gap = false;
  /// Layers left out because the snapshot has no data for them at all (no organizations data:
  /// SCPs and RCPs not evaluated). Not a finding, said in evidence.
  std::vector<std::string> caveats;
};

/// The evaluations of one target's requests, in DeriveIamRequests order.
struct TargetIam {
  const analysis::TargetAnalysis* ta = nullptr;
  std::vector<analysis::IamRequest> requests;
  std::vector<IamEval> evals;  ///< parallel to requests
};

/// Derives and evaluates the requests of `ta`. Policy documents are parsed once per distinct
/// text for the whole process (a cache by text, safe across runs).
TargetIam EvaluateTarget(const model::Model& m, const analysis::TargetAnalysis& ta);

/// The same through the diagnosis' memo (checks/memo.h): computed once per target however many
/// checks ask.
const TargetIam& EvaluateTarget(const CheckContext& ctx, const analysis::TargetAnalysis& ta);

/// Where a policy of a BuiltRequest comes from, as `aws iam simulate-principal-policy` names it
/// in MatchedStatements: `id` is the inline policy's name, the managed policy's (or boundary's)
/// ARN, the organizations policy ID, or the ARN of the resource (or endpoint) whose policy it
/// is; `type` is AWS's SourcePolicyType ("role", "aws-managed", "user-managed", "resource")
/// where AWS has one, else the layer's name ("Permissions Boundary Policy", "Service Control
/// Policy", "Resource Control Policy", "VPC Endpoint Policy").
struct PolicySource {
  std::string id;
  std::string type;
  std::string target;  ///< SCP/RCP: the root, OU or account it is attached to at this level
};

/// Builds the policy set of a principal role calling `action` on a resource (what
/// EvaluateTarget uses, also for `policy simulate --principal`). `synthetic` receives the
/// synthetic keys and what they stand for; `caveats` the layers left out.
struct BuiltRequest {
  iam::Request request;
  iam::PolicySet policies;
  std::map<std::string, std::string> synthetic;  ///< lower-case synthetic key → reason
  std::vector<std::string> caveats;
  /// iam::NamedPolicy::name → where it comes from (every policy of `policies`, stand-ins included).
  std::map<std::string, PolicySource> sources;
};
/// The identity side (identity policies, boundary, SCPs) of a role, plus a resource policy
/// looked up for `resource_arn` and an endpoint policy for `via_endpoint` ("" for none).
BuiltRequest BuildRoleRequest(const model::Model& m, const model::IamRole& role,
                              const std::string& action, const std::string& resource_arn,
                              const std::string& resource_account,
                              const std::string& via_endpoint);

/// A parsed policy document (cached by text); nullptr with `error` set when it does not parse.
std::shared_ptr<const iam::Policy> ParseCached(const std::string& text, std::string* error);

/// "arn:aws:iam::1:policy/x statement Sid" / "trust policy of role r statement #0": the
/// statements that decided, for evidence.
std::string DecidingStatements(const iam::Result& r);

/// One evidence sentence for an evaluation: action, resource, decision, who decided.
std::string DescribeEval(const IamEval& e);

/// Human text for a decision that is not `allowed`, e.g. "no statement of the execution role's
/// identity policies allows it" or "explicit Deny in SCP p-1 statement DenyEcr".
std::string WhyNotAllowed(const iam::Result& r);

/// A least-privilege identity policy granting exactly `grants` (action → resources), as
/// compact JSON for `--policy-document '…'`.
std::string LeastPrivilegeDocument(const std::map<std::string, std::vector<std::string>>& grants);

/// The attachment of the managed execution policy (of the role's partition) to a role.
fix::Step AttachExecutionPolicy(const std::string& role_arn);

/// True when the snapshot holds any IAM data (a role, a managed policy, or an iam call's error
/// envelope). Without any, IAM002 alone reports one unchecked entry per target naming what to
/// collect, and every other IAM check stays quiet (one gap, one entry).
bool HasIamData(const model::Model& m);

/// A statement of the role's identity policies or boundary that mentions `action` and carries
/// a condition on aws:SourceVpc / aws:SourceVpce (IAM010).
struct VpcConditionedStatement {
  std::string policy;  ///< policy name or ARN
  std::string label;   ///< Sid or #index
  iam::Effect effect = iam::Effect::kAllow;
  std::string key;     ///< the condition key as written
  std::string op;      ///< the operator as written
};
std::vector<VpcConditionedStatement> VpcConditioned(const model::Model& m,
                                                    const model::IamRole& role,
                                                    const std::string& action);

}  // namespace fd::checks
