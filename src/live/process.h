#pragma once
/// Runs one program without a shell (posix_spawn) and captures its stdout, stderr and exit
/// status. The live layer uses it for the user's `aws` command; tests use it to start moto and
/// the CLI with an environment of their own.

#include <optional>
#include <string>
#include <vector>

namespace fd::live {

/// What a finished process left behind.
struct ProcessResult {
  bool started = false;  ///< false: the program could not be spawned (see `error`)
  int exit_code = -1;    ///< exit status; 128+N when killed by signal N
  std::string out;       ///< everything written to stdout
  std::string err;       ///< everything written to stderr
  std::string error;     ///< why it could not be spawned
};

/// Runs `argv` (argv[0] is a path, or a name searched on PATH when it has no '/') and waits.
/// `env` replaces the environment when given (each "NAME=value"); otherwise the child gets this
/// process's environment unchanged. stdin is /dev/null.
ProcessResult RunProcess(const std::vector<std::string>& argv,
                         const std::optional<std::vector<std::string>>& env = std::nullopt);

/// Starts `argv` in the background with stdout and stderr sent to `log_path` (or /dev/null
/// when empty); returns its pid, or -1. Stop it with StopProcess.
int StartBackground(const std::vector<std::string>& argv,
                    const std::optional<std::vector<std::string>>& env,
                    const std::string& log_path = "");

/// Sends SIGTERM to `pid` (then SIGKILL after a grace period) and reaps it.
void StopProcess(int pid);

/// The full path of `name` on PATH (or `name` itself when it contains '/' and is executable);
/// empty when not found.
std::string FindOnPath(const std::string& name);

}  // namespace fd::live
