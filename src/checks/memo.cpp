#include "checks/memo.h"

namespace fd::checks {

const analysis::TargetIam& Memo::Iam(const model::Model& m, const analysis::TargetAnalysis& ta) {
  auto& slot = iam_[&ta];
  if (!slot) slot = std::make_unique<analysis::TargetIam>(analysis::EvaluateTarget(m, ta));
  return *slot;
}

const analysis::TargetIam& IamOf(const CheckContext& ctx, const analysis::TargetAnalysis& ta) {
  return ctx.memo.Iam(ctx.model, ta);
}

}  // namespace fd::checks
