// Verdicts in words: the deciding statements, the layer that refused, one line per request.

#include "analysis/iam/wording.h"

#include <set>
#include <vector>

#include "util/strings.h"

namespace fd::analysis {

std::string DecidingStatements(const iam::Result& r) {
  std::vector<std::string> parts;
  std::set<std::string> seen;
  for (const auto& s : r.deciding) {
    std::string p = s.policy_name + " statement " + s.Label();
    if (seen.insert(p).second) parts.push_back(p);
  }
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? "; " : "") + parts[i];
  return out;
}

namespace {

std::string StatementList(const std::vector<iam::MatchedStatement>& statements) {
  std::vector<std::string> parts;
  for (const auto& s : statements) parts.push_back(s.policy_name + " statement " + s.Label());
  return util::JoinList(parts);
}

}  // namespace

std::string DecidingText(const iam::Result& r) { return StatementList(r.deciding); }
std::string DecidingText(const LayerVerdict& v) { return StatementList(v.statements); }

std::string RefusalText(iam::Decision d, const iam::Result& r, const std::string& otherwise) {
  if (d == iam::Decision::kExplicitDeny) return "explicitly denied by " + DecidingText(r);
  if (d == iam::Decision::kUnknown) return "undecided, hangs on " + util::JoinList(r.missing_context_values);
  return otherwise;
}

std::string RefusalText(const LayerVerdict& v, const std::string& otherwise) {
  if (v.decision == iam::LayerDecision::kExplicitDeny) return "explicitly denied by " + DecidingText(v);
  if (v.decision != iam::LayerDecision::kUnknown) return otherwise;
  if (v.keys.empty() && v.data_gap) return "undecided, hangs on data the snapshot lacks";
  return "undecided, hangs on " + util::JoinList(v.keys);
}

std::string WhyNotAllowed(const iam::Result& r) {
  const std::string deciding = DecidingStatements(r);
  switch (r.decision) {
    case iam::Decision::kAllowed: return "allowed by " + deciding;
    case iam::Decision::kExplicitDeny:
      return "explicit Deny in " + (deciding.empty() ? std::string(iam::PolicyTypeName(*r.deciding_layer)) : deciding);
    case iam::Decision::kUnknown: return "undecided: " + (deciding.empty() ? std::string("a condition") : deciding) + " hangs on data the snapshot lacks";
    case iam::Decision::kImplicitDeny: break;
  }
  if (!r.deciding_layer) return "no statement allows it";
  switch (*r.deciding_layer) {
    case iam::PolicyType::kIdentity: return "no statement of the role's identity policies allows it";
    case iam::PolicyType::kPermissionsBoundary: return "the role's permissions boundary does not allow it";
    case iam::PolicyType::kScp: return "no SCP" + std::string(r.failing_scp_level ? " at one level" : "") + " allows it";
    case iam::PolicyType::kRcp: return "no RCP allows it";
    case iam::PolicyType::kEndpoint: return "the VPC endpoint policy does not allow it";
    case iam::PolicyType::kResource:
      return r.cross_account ? "the resource policy (another account) does not allow it"
                             : "the resource policy does not allow it";
    case iam::PolicyType::kSession: return "the session policy does not allow it";
  }
  return "no statement allows it";
}

std::string DescribeEval(const IamEval& e) {
  const auto& r = *e.request;
  std::string s = r.action + " on " + r.resource + ": ";
  if (!e.evaluated) return s + "not evaluated (" + e.unchecked + ")";
  s += std::string(iam::DecisionName(e.result.decision)) + ", " + WhyNotAllowed(e.result);
  if (!e.unknowns.empty()) {
    s += " (";
    for (size_t i = 0; i < e.unknowns.size(); ++i) s += (i ? "; " : "") + e.unknowns[i];
    s += ")";
  }
  return s;
}

}  // namespace fd::analysis
