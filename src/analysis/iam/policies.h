#pragma once
/// The policy set that decides one request of a start, built from the model: the role's inline
/// and attached managed policies, its permissions boundary, the SCP and RCP levels of the
/// accounts involved, the resource policy (trust policy, ECR repository or registry policy,
/// secret policy, KMS key policy) and the endpoint policy when the call goes through an
/// interface endpoint. src/iam evaluates the set.
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
#include "iam/evaluate.h"
#include "model/model.h"

namespace fd::analysis {

/// A policy document parsed, or the parser's reason it does not parse.
struct ParsedPolicy {
  std::shared_ptr<const iam::Policy> policy;  ///< nullptr when it does not parse
  std::string error;
};
/// Parses a policy document once per distinct text for the whole process (safe across runs and
/// threads): a whole account's roles share a handful of managed policies.
ParsedPolicy ParseCached(const std::string& text);

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

/// A request with the policy set that decides it.
struct BuiltRequest {
  iam::Request request;
  iam::PolicySet policies;
  std::map<std::string, std::string> synthetic;  ///< lower-case synthetic key → what it stands for
  std::vector<std::string> caveats;              ///< layers left out for lack of any data
  /// iam::NamedPolicy::name → where it comes from (every policy of `policies`, stand-ins included).
  std::map<std::string, PolicySource> sources;
};

/// The whole set for a role calling `action` on a resource: the identity side (identity
/// policies, boundary, SCPs), RCPs, the resource policy of `resource_arn` and the endpoint
/// policy of `via_endpoint` ("" for none). Also what `policy simulate --principal` evaluates.
BuiltRequest BuildRoleRequest(const model::Model& m, const model::IamRole& role,
                              const std::string& action, const std::string& resource_arn,
                              const std::string& resource_account,
                              const std::string& via_endpoint);

/// sts:AssumeRole by ecs-tasks.amazonaws.com on `role`: its trust policy alone decides.
BuiltRequest BuildTrustRequest(const IamRequest& r, const model::IamRole& role);

/// A service principal using a resource (CloudWatch Logs and a log group's key): the resource
/// policy alone decides.
BuiltRequest BuildServiceRequest(const model::Model& m, const IamRequest& r);

/// A role's call whose role does not resolve: only the policies that are not the role's, the
/// resource policy and the endpoint policy of `r.via_endpoint`, for the layers they decide
/// (IamEval::without_role).
BuiltRequest BuildWithoutRole(const model::Model& m, const IamRequest& r);

/// A call sent through endpoint `e`, judged by its policy alone: the request with the
/// aws:SourceVpce and aws:SourceVpc the endpoint gives it (endpoint_calls.h).
BuiltRequest BuildEndpointRequest(const model::Model& m, const IamRequest& r,
                                  const model::VpcEndpoint& e);

/// Sets the context a derived start request carries on `ctx`, its unknown keys marked unknown.
void SetContext(const IamRequest& r, iam::Context& ctx);

/// The engine's request for a derived start request: principal, resource, the context the
/// start carries and the keys it cannot know (marked unknown), for a request whose role is
/// not resolved against the snapshot (BuildWithoutRole, an endpoint policy alone).
iam::Request ToRequest(const IamRequest& r);

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

}  // namespace fd::analysis
