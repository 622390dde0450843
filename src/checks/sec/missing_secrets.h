#pragma once
/// SEC001 (`secrets`, `repositoryCredentials`) and SEC005 (log `secretOptions`) judge references
/// the same way: a secret or parameter the snapshot's listing of its Region lacks, or the suffix
/// of a deleted copy, is a finding; one whose Region was not listed is an unchecked entry.

#include "checks/check.h"

namespace fd::checks {

/// Reports the missing references of every target: the log driver's (`log_options`) or the
/// others.
void ReportMissingSecrets(const CheckContext& ctx, FindingSink& sink, const CheckInfo& info,
                          bool log_options);

}  // namespace fd::checks
