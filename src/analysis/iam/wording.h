#pragma once
/// The words for an IAM verdict, shared by every finding, evidence line and `policy simulate`
/// answer that explains one: which statements decided, why a call is not allowed, and one
/// sentence per evaluated request.

#include <string>

#include "analysis/iam/layer.h"
#include "analysis/iam/target_iam.h"
#include "iam/evaluate.h"

namespace fd::analysis {

/// "arn:aws:iam::1:policy/x statement Sid; trust policy of role r statement #0": the distinct
/// statements that decided, for evidence.
std::string DecidingStatements(const iam::Result& r);

/// "<policy> statement <Sid or #i>, …" (at most six, then "and N more"): the deciding statements
/// of an evaluation that one policy decides (a service's use of a key); "" when none.
std::string DecidingText(const iam::Result& r);
/// The same for one layer's verdict: the statements behind it.
std::string DecidingText(const LayerVerdict& v);

/// Why an evaluation that one policy decides did not allow `r`: "explicitly denied by
/// <statements>", "undecided, hangs on <keys>", or `otherwise` (what "no statement allows it"
/// means there).
std::string RefusalText(iam::Decision d, const iam::Result& r, const std::string& otherwise);
/// The same for one layer's own verdict (an endpoint policy's, the role's identity policies').
std::string RefusalText(const LayerVerdict& v, const std::string& otherwise);

/// Human text for a decision that is not `allowed`, e.g. "no statement of the role's identity
/// policies allows it" or "explicit Deny in SCP p-1 statement DenyEcr".
std::string WhyNotAllowed(const iam::Result& r);

/// One evidence sentence for an evaluation: action, resource, decision, who decided.
std::string DescribeEval(const IamEval& e);

}  // namespace fd::analysis
