#pragma once
/// The model's CloudWatch Logs, Secrets Manager and SSM Parameter Store entities (never a
/// secret value).

#include <map>
#include <string>
#include <vector>

#include "util/source_ref.h"

namespace fd::model {

/// logs describe-log-groups. Keyed by "<region> <name>".
struct LogGroup {
  std::string name;
  std::string arn;
  std::string region;
  std::string kms_key_id;
  SourceRef source;
};

/// secretsmanager list-secrets / describe-secret. Never a secret value. Keyed by ARN.
struct Secret {
  std::string arn;
  std::string name;
  std::string region;
  std::string account;
  std::string deleted_date;  ///< "" when not scheduled for deletion
  std::string kms_key_id;
  std::map<std::string, std::vector<std::string>> version_stages;  ///< VersionIdsToStages
  bool versions_known = false;
  SourceRef source;
};

/// ssm describe-parameters. Keyed by "<region> <name>".
struct SsmParameter {
  std::string name;
  std::string arn;
  std::string region;
  std::string account;
  std::string type;  ///< String | StringList | SecureString
  std::string key_id;
  std::string tier;
  SourceRef source;
};

}  // namespace fd::model
