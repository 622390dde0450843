#pragma once
/// The user's own `aws` command (v1 or v2) as the live layer's only way to AWS: found on PATH
/// or given with --aws-cli, run without a shell, with --profile / --region / --endpoint-url
/// passed through, the environment unchanged, and `--output json`. Every call is checked
/// against the allowlist (allowlist.h) first; AWS error codes are sorted into denied / absent /
/// throttled (retried with exponential backoff and jitter) / other / fatal.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "live/process.h"

namespace fd::live {

/// Temporary credentials of a role assumed for another account (`sts assume-role`). Held in
/// memory only and handed to each `aws` process in its environment: never on a command line
/// (other users can read those), never in a file, never printed.
struct Credentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;
};

/// How to run the AWS CLI.
struct AwsOptions {
  std::string aws_path;      ///< resolved path of the `aws` program
  std::string profile;       ///< --profile, when given
  std::string region;        ///< --region, when given (else the CLI's own configuration)
  std::string endpoint_url;  ///< --endpoint-url, when given
  int max_attempts = 5;      ///< attempts per call when AWS throttles
  int backoff_ms = 200;      ///< first retry delay; doubles per attempt, with jitter, capped
  /// An assumed role's credentials; they replace the caller's own (and --profile) in every
  /// process this runner starts.
  std::optional<Credentials> credentials;
};

/// One AWS CLI call: service, operation and parameters (no global flags), and the region to
/// run it in ("" = AwsOptions::region).
struct AwsCall {
  std::vector<std::string> args;
  std::string region;
};

/// How a call ended.
enum class CallOutcome {
  kOk,         ///< exit 0, stdout holds the JSON answer
  kDenied,     ///< AccessDenied*, UnauthorizedOperation: the caller lacks `action`
  kAbsent,     ///< NoSuchEntity, *NotFound*: the named resource does not exist
  kThrottled,  ///< still throttled after every retry
  kFailed,     ///< another AWS error (code and message kept)
  kRefused,    ///< not on the allowlist: never run
  kFatal,      ///< no credentials, no connection, the CLI could not start: stop collecting
};

/// The answer to one call.
struct AwsResult {
  CallOutcome outcome = CallOutcome::kFatal;
  std::string output;      ///< stdout (the JSON answer) when kOk
  std::string code;        ///< AWS error code ("AccessDeniedException"); "" when kOk
  std::string message;     ///< AWS error message or why the call failed, one line
  std::string action;      ///< the IAM action the call needs ("ecs:DescribeServices")
  int attempts = 0;
};

/// The environment of a child process: unset = this process's own.
using Environment = std::optional<std::vector<std::string>>;

/// Runs a full argv in an environment and returns what the process did. The default is
/// RunProcess; tests instrument it.
using ProcessFn = std::function<ProcessResult(const std::vector<std::string>&, const Environment&)>;

/// Finds the aws program: `explicit_path` when given (must be executable), else `aws` on
/// PATH. Empty when not found.
std::string FindAwsCli(const std::string& explicit_path);

/// Sorts an AWS error code into an outcome (kDenied / kAbsent / kThrottled / kFatal /
/// kFailed).
CallOutcome ClassifyErrorCode(const std::string& code);

class AwsCli {
 public:
  explicit AwsCli(AwsOptions options, ProcessFn run = nullptr);

  /// The one way to call AWS: refuses calls outside the allowlist, runs the rest, retries
  /// throttling. Thread-safe.
  AwsResult Execute(const AwsCall& call) const;

  /// The exact argv Execute runs for `call`.
  std::vector<std::string> Argv(const AwsCall& call) const;

  /// `call` as a shell command line a person can paste (`aws` by name, words quoted).
  std::string ShellLine(const AwsCall& call) const;

  const AwsOptions& options() const { return options_; }

  /// The environment every call runs in: this process's, or with an assumed role's credentials
  /// in place of any AWS_* credential or profile setting.
  const Environment& environment() const { return env_; }

 private:
  AwsOptions options_;
  ProcessFn run_;
  Environment env_;
};

}  // namespace fd::live
