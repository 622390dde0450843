// One layer's verdict taken out of a whole evaluation: its decision, the statements behind it
// and the keys its open question hangs on.

#include "analysis/iam/layer.h"

#include <set>

#include "util/strings.h"

namespace fd::analysis {
namespace {

iam::LayerDecision DecisionOf(const iam::Result& r, iam::PolicyType layer) {
  switch (layer) {
    case iam::PolicyType::kIdentity: return r.identity;
    case iam::PolicyType::kResource: return r.resource;
    case iam::PolicyType::kPermissionsBoundary: return r.permissions_boundary;
    case iam::PolicyType::kScp: return r.organizations_scp;
    case iam::PolicyType::kRcp: return r.resource_control_policy;
    case iam::PolicyType::kEndpoint: return r.endpoint;
    case iam::PolicyType::kSession: return r.session;
  }
  return iam::LayerDecision::kNotApplicable;
}

/// Whether a statement of the layer stands behind the layer's decision `d`.
bool Behind(iam::LayerDecision d, const iam::MatchedStatement& m) {
  switch (d) {
    case iam::LayerDecision::kExplicitDeny: return m.effect == iam::Effect::kDeny && m.definite;
    case iam::LayerDecision::kUnknown: return !m.definite;
    case iam::LayerDecision::kAllow: return m.effect == iam::Effect::kAllow && m.definite;
    case iam::LayerDecision::kImplicitDeny:
    case iam::LayerDecision::kNotApplicable: break;
  }
  return false;
}

}  // namespace

bool IsSyntheticKey(std::string_view key) {
  return key.size() >= kSyntheticKeyPrefix.size() &&
         util::IEquals(key.substr(0, kSyntheticKeyPrefix.size()), kSyntheticKeyPrefix);
}

LayerVerdict LayerOf(const iam::Result& r, iam::PolicyType layer) {
  LayerVerdict v;
  v.decision = DecisionOf(r, layer);
  std::set<std::string> keys;
  for (const auto& m : r.matched) {
    if (m.policy_type != layer || !Behind(v.decision, m)) continue;
    v.statements.push_back(m);
    for (const auto& k : m.keys) {
      if (IsSyntheticKey(k)) v.data_gap = true;
      else keys.insert(k);
    }
  }
  v.keys.assign(keys.begin(), keys.end());
  return v;
}

}  // namespace fd::analysis
