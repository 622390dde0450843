#pragma once
/// Results that several checks derive from the same target, computed on first use and kept for
/// the rest of one diagnosis: the IAM evaluation of a start is read by a dozen checks (IAM001–
/// IAM016, LOG004, VPCE011, STO005, …), and deriving it once instead of once per check is what
/// keeps a whole account's diagnosis linear with a small constant.

#include <memory>
#include <unordered_map>

#include "checks/iam/iam_eval.h"

namespace fd::checks {

class Memo {
 public:
  /// The IAM evaluation of `ta`'s start (EvaluateTarget), computed once.
  const TargetIam& Iam(const model::Model& m, const analysis::TargetAnalysis& ta);
  /// Forgets what it holds: the engine calls it between slices of targets, so the memo holds
  /// one slice's evaluations at a time.
  void Clear() { iam_.clear(); }

 private:
  std::unordered_map<const analysis::TargetAnalysis*, std::unique_ptr<TargetIam>> iam_;
};

}  // namespace fd::checks
