#pragma once
/// One policy layer's own verdict on a request, read from a whole evaluation: what a check that
/// speaks of one layer (a repository, secret or key policy, an endpoint policy, the role's own
/// identity policies) needs, without evaluating that layer again on its own. The evaluation
/// already decides each layer (iam::Result::resource, ::endpoint, …); this adds the statements
/// and the open context keys of that layer alone, since the result's `deciding` and
/// `missing_context_values` span every layer.

#include <string>
#include <string_view>
#include <vector>

#include "iam/evaluate.h"
#include "model/iam.h"

namespace fd::analysis {

struct LayerVerdict {
  iam::LayerDecision decision = iam::LayerDecision::kNotApplicable;
  /// The layer's statements behind the verdict: the Denies that apply (kExplicitDeny), the
  /// statements that may apply (kUnknown), the Allows that apply (kAllow); none otherwise.
  std::vector<iam::MatchedStatement> statements;
  /// kUnknown: the context keys the layer's verdict hangs on, sorted, without the synthetic
  /// keys of data the snapshot lacks (a stand-in policy's, policies.h).
  std::vector<std::string> keys;
  /// kUnknown: the verdict hangs on data the snapshot lacks (a stand-in's synthetic key).
  bool data_gap = false;
};

/// The verdict of `layer` in `r`.
LayerVerdict LayerOf(const iam::Result& r, iam::PolicyType layer);

/// The context keys of the stand-ins for data the snapshot lacks (policies.h) begin so.
inline constexpr std::string_view kSyntheticKeyPrefix = model::kUnknownConditionKeyPrefix;

/// True for the context key of a stand-in for data the snapshot lacks.
bool IsSyntheticKey(std::string_view key);

}  // namespace fd::analysis
