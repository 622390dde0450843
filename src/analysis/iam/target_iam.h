#pragma once
/// The IAM analysis of one target, as the tracer is its network analysis: every request a start
/// makes (analysis/iam_requests.h), each with the policy set that decides it (policies.h),
/// evaluated by src/iam; the start's calls through the endpoints its paths use, judged by each
/// endpoint's policy; and the caller's iam:PassRole of the roles. The IAM checks, LOG002/LOG004,
/// IMG009, STO005, STO008 and VPCE011 read these results (a check of one layer reads that layer,
/// layer.h); none builds a policy set or evaluates one of its own.

#include <optional>
#include <string>
#include <vector>

#include "analysis/analysis.h"
#include "analysis/iam/layer.h"
#include "analysis/iam_requests.h"
#include "iam/evaluate.h"
#include "model/model.h"

namespace fd::analysis {

/// One level of an organizations guardrail as it was evaluated: the root, OU or account and the
/// names (as `iam::MatchedStatement::policy_name` gives them) of the policies attached there.
struct GuardrailLevelNames {
  std::string target;
  std::vector<std::string> policies;
};

/// One request of a start, evaluated.
struct IamEval {
  const IamRequest* request = nullptr;
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
  /// The SCP and RCP levels the role's request was evaluated against, root first (the order of
  /// `result.failing_scp_level` / `failing_rcp_level`); empty for service requests.
  std::vector<GuardrailLevelNames> scp_levels, rcp_levels;
  /// When the role does not resolve (`evaluated` false): the request against the policies that
  /// are not the role's, its resource policy and endpoint policy, so that a check of one of
  /// those layers still judges them (its decision as a whole means nothing: read layers only).
  std::optional<iam::Result> without_role;
};

/// The verdict of `layer` on `e`: from its whole evaluation, else from `without_role`; an
/// empty kNotApplicable verdict when neither was evaluated.
LayerVerdict LayerOf(const IamEval& e, iam::PolicyType layer);

/// A call of the start sent through a VPC endpoint that a traced path of the target uses (in
/// some of its subnets at least), judged by that endpoint's policy alone (VPCE011). Only the
/// execution role's calls, and only endpoints with a policy document (none: full access).
struct EndpointCall {
  const IamRequest* request = nullptr;  ///< into TargetIam::requests or ::layer_reads
  const model::VpcEndpoint* endpoint = nullptr;
  std::vector<std::string> subnets;  ///< the subnets whose paths of the call go through it, sorted
  std::string error;                 ///< the policy does not parse: the parser's reason
  LayerVerdict verdict;              ///< the endpoint policy's (when `error` is empty)
};

/// The evaluations of one target's requests, in DeriveIamRequests order.
struct TargetIam {
  const TargetAnalysis* ta = nullptr;
  std::vector<IamRequest> requests;
  std::vector<IamEval> evals;  ///< parallel to requests
  /// The S3 reads of image layers (LayerReads): calls of the start that only an endpoint
  /// policy judges, so not among `requests`.
  std::vector<IamRequest> layer_reads;
  /// The calls through endpoints on the target's paths, in request order, then endpoint ID.
  std::vector<EndpointCall> endpoint_calls;
  /// iam:PassRole of the execution and task roles by the snapshot's caller (CallerRequests),
  /// evaluated like a start's request; empty unless the target is a task definition.
  std::vector<IamRequest> caller_requests;
  std::vector<IamEval> caller_evals;  ///< parallel to caller_requests
};

/// Derives and evaluates the requests of `ta`. Roles named by bare names resolve in the
/// target's account. Policy documents are parsed once per distinct text (ParseCached).
TargetIam EvaluateTarget(const model::Model& m, const TargetAnalysis& ta);

}  // namespace fd::analysis
