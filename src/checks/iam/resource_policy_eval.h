#pragma once
/// Helpers of the resource-policy, KMS and guardrail checks (IAM009, IAM011–IAM013, IMG011,
/// LOG004, STO005, STO008, VPCE011): the KMS keys a start depends on with their state, and a
/// thin bridge from the requests a start makes (analysis/iam_requests.h) to the policy engine
/// (src/iam) for one resource, endpoint or guardrail policy at a time. Kept apart from the
/// identity-side adapter (iam_eval.h) on purpose: these checks decide on one policy layer.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analysis/iam_requests.h"
#include "checks/check_util.h"
#include "iam/evaluate.h"

namespace fd::checks::rp {

/// A policy document parsed once per run; nullptr with `error` set when it does not parse.
struct Parsed {
  std::shared_ptr<const iam::Policy> policy;
  std::string error;
};
Parsed Parse(const std::string& text);

/// The engine's request for a derived start request: principal, resource, the context the
/// start carries and the keys it cannot know (marked unknown).
iam::Request ToRequest(const analysis::IamRequest& r);

/// The identity policies of a role that the snapshot holds (inline and attached). `complete`
/// is false when the role is not in the snapshot or one of its policies' text is missing.
std::vector<iam::NamedPolicy> IdentityPolicies(const model::Model& m, const std::string& role_arn,
                                               bool* complete);

/// "<policy> statement <Sid or #i>" for each deciding statement, joined; "" when none.
std::string DecidingText(const iam::Result& r);

// ---- KMS keys --------------------------------------------------------------------------------

/// A key a start depends on, resolved against the snapshot.
struct KeyLookup {
  std::string ref;      ///< as the resource names it (id, ARN, alias)
  std::string region;   ///< where the key is looked up
  std::string account;
  const model::KmsKey* key = nullptr;
  bool aws_managed = false;     ///< alias/aws/… or KeyManager AWS
  bool proven_missing = false;  ///< describe-key answered NotFoundException for that --key-id
  /// The key's ARN when known, else the best name ("arn:…:key/<id>" or the reference).
  std::string Name() const;
};
KeyLookup LookupKey(const model::Model& m, const std::string& region, const std::string& account,
                    const std::string& ref);

/// Reports a key that is gone or not Enabled as a finding of `info` on the key (message names
/// `what` uses it); adds an unchecked entry when a customer managed key is referenced but not
/// described. Returns true when the key's state is known to be usable (Enabled), false
/// otherwise (reported, unchecked or AWS managed).
bool CheckKeyState(const CheckInfo& info, FindingSink& sink, const analysis::Target& t,
                   const KeyLookup& k, const std::string& what);

}  // namespace fd::checks::rp
