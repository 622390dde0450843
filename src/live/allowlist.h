#pragma once
/// The exact AWS CLI commands fargate-doctor may run (read-only by construction). Every call the
/// live layer makes goes through aws_cli.h's Execute, which refuses anything not listed here.
/// Only describe/list/get operations that return no secret material are listed: never
/// `secretsmanager get-secret-value`, never `ssm get-parameter(s)` (with or without decryption),
/// never `kms decrypt`. docs/iam/fargate-doctor-readonly.json grants exactly these IAM actions.

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace fd::live {

/// One allowed (service, operation) pair and the IAM action it needs.
struct AllowedCommand {
  std::string_view service;    ///< AWS CLI service word: "ec2"
  std::string_view operation;  ///< AWS CLI operation word: "describe-subnets"
  std::string_view action;     ///< IAM action: "ec2:DescribeSubnets"
};

/// Every allowed command, sorted by service then operation.
std::span<const AllowedCommand> Allowlist();

/// The entry for `service operation`; nullptr when the pair is not allowed.
const AllowedCommand* FindAllowed(std::string_view service, std::string_view operation);

/// Empty when `args` (service, operation, parameters…, without the leading `aws` and without
/// the global flags) may run; otherwise why not. Besides the pair, parameters that would make
/// an allowed call return secret material (`--with-decryption`) are refused.
std::string WhyRefused(const std::vector<std::string>& args);

}  // namespace fd::live
