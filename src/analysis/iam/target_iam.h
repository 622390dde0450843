#pragma once
/// The IAM analysis of one target, as the tracer is its network analysis: every request a start
/// makes (analysis/iam_requests.h), each with the policy set that decides it (policies.h),
/// evaluated by src/iam. The IAM checks, LOG002/LOG004, IMG009, STO005, VPCE011 and `policy
/// simulate` read these results; none builds a policy set of its own.

#include <string>
#include <vector>

#include "analysis/analysis.h"
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
};

/// The evaluations of one target's requests, in DeriveIamRequests order.
struct TargetIam {
  const TargetAnalysis* ta = nullptr;
  std::vector<IamRequest> requests;
  std::vector<IamEval> evals;  ///< parallel to requests
};

/// Derives and evaluates the requests of `ta`. Roles named by bare names resolve in the
/// target's account. Policy documents are parsed once per distinct text (ParseCached).
TargetIam EvaluateTarget(const model::Model& m, const TargetAnalysis& ta);

}  // namespace fd::analysis
