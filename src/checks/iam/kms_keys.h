#pragma once
/// The KMS keys a start depends on (IAM012, IMG011, LOG004, STO008): a key reference resolved
/// against the snapshot, and its state reported once in the same words by every check that
/// meets it.

#include <string>

#include "analysis/analysis.h"
#include "checks/check_util.h"
#include "model/model.h"

namespace fd::checks {

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

}  // namespace fd::checks
