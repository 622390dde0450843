#include "live/aws_cli.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <random>
#include <string_view>
#include <thread>

#include "live/allowlist.h"
#include "util/strings.h"

extern char** environ;

namespace fd::live {
namespace {

bool Contains(std::string_view s, std::string_view p) { return s.find(p) != std::string_view::npos; }

/// The last non-empty line of `text`, trimmed: the CLI prints its error there.
std::string LastLine(const std::string& text) {
  size_t end = text.find_last_not_of(" \t\r\n");
  if (end == std::string::npos) return "";
  size_t begin = text.find_last_of('\n', end);
  begin = begin == std::string::npos ? 0 : begin + 1;
  return text.substr(begin, end - begin + 1);
}

/// "An error occurred (Code) when calling the Op operation[ (…)]: message" → code, message.
bool ParseAwsError(const std::string& err, std::string& code, std::string& message) {
  const std::string_view marker = "An error occurred (";
  size_t at = err.find(marker);
  if (at == std::string::npos) return false;
  size_t open = at + marker.size();
  size_t close = err.find(')', open);
  if (close == std::string::npos) return false;
  code = err.substr(open, close - open);
  size_t colon = err.find(": ", close);
  size_t eol = err.find('\n', close);
  if (colon != std::string::npos && (eol == std::string::npos || colon < eol)) {
    message = err.substr(colon + 2, eol == std::string::npos ? std::string::npos : eol - colon - 2);
  } else {
    message = LastLine(err);
  }
  while (!message.empty() && (message.back() == '\r' || message.back() == ' ')) message.pop_back();
  return true;
}

/// Problems of the caller's set-up rather than of one call: collecting cannot go on.
bool IsSetupProblem(const std::string& err) {
  for (std::string_view p :
       {"Unable to locate credentials", "Could not connect to the endpoint URL",
        "could not be found", "You must specify a region", "Error loading SSO Token",
        "Token has expired", "Invalid endpoint", "Partial credentials found",
        "Connect timeout on endpoint URL", "SSL validation failed"}) {
    if (Contains(err, p)) return true;
  }
  return false;
}

std::string Word(const std::vector<std::string>& v, size_t i) { return i < v.size() ? v[i] : ""; }

/// This process's environment with `c` as the only credentials: every variable that could
/// choose others (keys, profiles, web identity, container credentials) is dropped, so the
/// assumed role is the identity of every call.
Environment CredentialEnvironment(const std::optional<Credentials>& c) {
  if (!c) return std::nullopt;
  static constexpr std::string_view kDropped[] = {
      "AWS_ACCESS_KEY_ID=", "AWS_SECRET_ACCESS_KEY=", "AWS_SESSION_TOKEN=", "AWS_SECURITY_TOKEN=",
      "AWS_PROFILE=", "AWS_DEFAULT_PROFILE=", "AWS_WEB_IDENTITY_TOKEN_FILE=", "AWS_ROLE_ARN=",
      "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI=", "AWS_CONTAINER_CREDENTIALS_FULL_URI="};
  std::vector<std::string> env;
  for (char** e = environ; e && *e; ++e) {
    const std::string_view v(*e);
    if (std::none_of(std::begin(kDropped), std::end(kDropped),
                     [&](std::string_view d) { return v.starts_with(d); }))
      env.emplace_back(v);
  }
  env.push_back("AWS_ACCESS_KEY_ID=" + c->access_key_id);
  env.push_back("AWS_SECRET_ACCESS_KEY=" + c->secret_access_key);
  env.push_back("AWS_SESSION_TOKEN=" + c->session_token);
  return env;
}

}  // namespace

std::string FindAwsCli(const std::string& explicit_path) {
  return FindOnPath(explicit_path.empty() ? "aws" : explicit_path);
}

CallOutcome ClassifyErrorCode(const std::string& code) {
  if (code.starts_with("AccessDenied") || code == "UnauthorizedOperation" ||
      code == "AuthorizationError" || code == "UnauthorizedException")
    return CallOutcome::kDenied;
  if (code == "NoSuchEntity" || Contains(code, "NotFound") || code == "InvalidParameterValue.NotFound")
    return CallOutcome::kAbsent;
  if (code.starts_with("Throttl") || code == "RequestLimitExceeded" ||
      code.starts_with("TooManyRequests") || code == "RequestThrottled" || code == "SlowDown" ||
      code == "RequestThrottledException")
    return CallOutcome::kThrottled;
  if (code == "InvalidClientTokenId" || code == "UnrecognizedClientException" ||
      code.starts_with("ExpiredToken") || code == "AuthFailure" ||
      code == "SignatureDoesNotMatch" || code == "InvalidSignatureException" ||
      code == "RequestExpired" || code == "MissingAuthenticationToken" ||
      code == "OptInRequired")
    return CallOutcome::kFatal;
  return CallOutcome::kFailed;
}

AwsCli::AwsCli(AwsOptions options, ProcessFn run)
    : options_(std::move(options)),
      run_(run ? std::move(run) : ProcessFn([](const auto& argv, const Environment& env) {
        return RunProcess(argv, env);
      })),
      env_(CredentialEnvironment(options_.credentials)) {}

std::vector<std::string> AwsCli::Argv(const AwsCall& call) const {
  std::vector<std::string> argv = {options_.aws_path.empty() ? "aws" : options_.aws_path};
  argv.insert(argv.end(), call.args.begin(), call.args.end());
  const std::string& region = call.region.empty() ? options_.region : call.region;
  if (!region.empty()) argv.insert(argv.end(), {"--region", region});
  if (!options_.profile.empty() && !options_.credentials) argv.insert(argv.end(), {"--profile", options_.profile});
  if (!options_.endpoint_url.empty())
    argv.insert(argv.end(), {"--endpoint-url", options_.endpoint_url});
  argv.insert(argv.end(), {"--output", "json"});
  return argv;
}

std::string AwsCli::ShellLine(const AwsCall& call) const {
  std::vector<std::string> argv = Argv(call);
  argv[0] = "aws";
  std::string line;
  for (const auto& w : argv) {
    if (!line.empty()) line += ' ';
    line += util::ShellWord(w);
  }
  return line;
}

AwsResult AwsCli::Execute(const AwsCall& call) const {
  AwsResult r;
  if (const AllowedCommand* allowed = FindAllowed(Word(call.args, 0), Word(call.args, 1)))
    r.action = std::string(allowed->action);
  if (std::string why = WhyRefused(call.args); !why.empty()) {
    r.outcome = CallOutcome::kRefused;
    r.code = "RefusedByFargateDoctor";
    r.message = why;
    return r;
  }
  const std::vector<std::string> argv = Argv(call);
  thread_local std::mt19937 rng(std::random_device{}());
  for (int attempt = 1; attempt <= std::max(1, options_.max_attempts); ++attempt) {
    r.attempts = attempt;
    ProcessResult p = run_(argv, env_);
    if (!p.started) {
      r.outcome = CallOutcome::kFatal;
      r.code = "";
      r.message = "cannot run " + argv[0] + ": " + p.error;
      return r;
    }
    if (p.exit_code == 0) {
      r.outcome = CallOutcome::kOk;
      r.output = std::move(p.out);
      r.code.clear();
      r.message.clear();
      return r;
    }
    std::string code, message;
    if (ParseAwsError(p.err, code, message)) {
      r.code = code;
      r.message = message;
      r.outcome = ClassifyErrorCode(code);
    } else {
      r.code = IsSetupProblem(p.err) ? "" : "CliError";
      r.message = LastLine(p.err);
      if (r.message.empty()) r.message = "aws exited with status " + std::to_string(p.exit_code);
      r.outcome = IsSetupProblem(p.err) ? CallOutcome::kFatal : CallOutcome::kFailed;
    }
    if (r.outcome != CallOutcome::kThrottled) return r;
    if (attempt == options_.max_attempts) break;
    // Exponential backoff with full jitter, capped at 8 s per wait.
    const int cap = std::min(8000, options_.backoff_ms << std::min(attempt - 1, 10));
    std::uniform_int_distribution<int> jitter(cap / 2, std::max(cap / 2, cap));
    std::this_thread::sleep_for(std::chrono::milliseconds(jitter(rng)));
  }
  return r;
}

}  // namespace fd::live
