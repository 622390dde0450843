#pragma once
/// Who collected the snapshot, and the calls of the collector that failed (error envelopes).

#include <string>

#include "util/source_ref.h"

namespace fd::model {

/// Who ran the snapshot (sts get-caller-identity), when saved.
struct CallerIdentity {
  std::string account;
  std::string arn;
};

/// A call the collector made that failed, from an error envelope ({"fargateDoctorEnvelope": 1,
/// "command": [...], "error": {"code", "message"}}).
struct ApiError {
  enum class Kind { kNotFound, kAccessDenied, kOther };
  std::string command;   ///< "iam get-role"
  std::string action;    ///< the IAM action the call needs: "iam:GetRole"
  std::string resource;  ///< what it named: --role-name, --policy-arn, --key-id, …; "" when none
  std::string region;
  std::string account;  ///< from the envelope, folder, ARN, else sts get-caller-identity
  std::string code;     ///< NoSuchEntity, AccessDenied, AccessDeniedException, …
  std::string message;
  Kind kind = Kind::kOther;
  SourceRef source;
};

}  // namespace fd::model
