#pragma once
/// Results that several checks derive from the same target, computed on first use and kept for
/// the rest of one diagnosis: the IAM analysis of a start (analysis/iam/target_iam.h) is read
/// by a dozen checks (IAM001–IAM016, LOG002, LOG004, IMG009, VPCE011, STO005, …), and deriving
/// it once instead of once per check is what keeps a whole account's diagnosis linear with a
/// small constant. Lazy, unlike the traces: a run that selects no IAM check never pays for it.

#include <memory>
#include <unordered_map>

#include "analysis/iam/target_iam.h"
#include "checks/check.h"

namespace fd::checks {

class Memo {
 public:
  /// The IAM analysis of `ta`'s start (analysis::EvaluateTarget), computed once.
  const analysis::TargetIam& Iam(const model::Model& m, const analysis::TargetAnalysis& ta);
  /// Forgets what it holds: the engine calls it between slices of targets, so the memo holds
  /// one slice's evaluations at a time.
  void Clear() { iam_.clear(); }

 private:
  std::unordered_map<const analysis::TargetAnalysis*, std::unique_ptr<analysis::TargetIam>> iam_;
};

/// The IAM analysis of `ta` through the diagnosis' memo: what every check that judges IAM reads.
const analysis::TargetIam& IamOf(const CheckContext& ctx, const analysis::TargetAnalysis& ta);

}  // namespace fd::checks
