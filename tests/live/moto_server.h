#pragma once
// Test-only: moto's server (a local AWS emulator) on loopback for the live tests. The children
// get this process's environment without any AWS_* setting, dummy credentials and no config
// files, so they can only ever reach the emulator.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <thread>
#include <string>
#include <vector>

#include "live/aws_cli.h"
#include "live/process.h"

extern char** environ;

namespace fd::live {

inline int FreePort() {
  int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  int port = 0;
  if (::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
      ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len) == 0)
    port = ntohs(a.sin_port);
  ::close(s);
  return port;
}

inline bool Accepts(int port) {
  int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool ok = ::connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  ::close(s);
  return ok;
}

/// This process's environment without AWS_* settings, plus dummy credentials and no config
/// files: the children can only ever reach the emulator. `extra` entries replace same-named ones.
inline std::vector<std::string> ChildEnv(const std::vector<std::string>& extra = {}) {
  std::vector<std::string> env;
  auto overridden = [&](const char* e) {
    for (const auto& x : extra)
      if (std::strncmp(e, x.c_str(), x.find('=') + 1) == 0) return true;
    return false;
  };
  for (char** e = environ; *e != nullptr; ++e)
    if (std::strncmp(*e, "AWS_", 4) != 0 && std::strncmp(*e, "NO_COLOR=", 9) != 0 &&
        !overridden(*e))
      env.emplace_back(*e);
  for (const char* v : {"AWS_ACCESS_KEY_ID=testing", "AWS_SECRET_ACCESS_KEY=testing",
                        "AWS_SESSION_TOKEN=testing", "AWS_DEFAULT_REGION=us-east-1",
                        "AWS_CONFIG_FILE=/dev/null", "AWS_SHARED_CREDENTIALS_FILE=/dev/null",
                        "AWS_MAX_ATTEMPTS=2", "AWS_PAGER="})
    env.emplace_back(v);
  env.insert(env.end(), extra.begin(), extra.end());
  return env;
}

/// Starts moto's server (MOTO_IAM_LOAD_MANAGED_POLICIES=true) on a free loopback port and waits
/// until it answers; its pid, with `url` and `log` set. -1 with `skip` saying why when the aws
/// CLI or moto is missing or the server does not come up: the caller skips loudly.
inline int StartMoto(std::string& url, std::string& log, std::string& skip) {
  if (FindAwsCli("").empty()) {
    skip = "the aws CLI is not installed (Debian package awscli; `make deps` installs it)";
    return -1;
  }
  ProcessResult has_moto = RunProcess({"python3", "-c", "import moto.server"});
  if (!has_moto.started || has_moto.exit_code != 0) {
    skip = "python3 module moto[server] is not installed (`pip install 'moto[server]'`)";
    return -1;
  }
  const int port = FreePort();
  url = "http://127.0.0.1:" + std::to_string(port);
  log = (std::filesystem::temp_directory_path() /
         ("fd-moto-" + std::to_string(::getpid()) + "-" + std::to_string(port) + ".log"))
            .string();
  const int pid = StartBackground({"python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", std::to_string(port)},
                                  ChildEnv({"MOTO_IAM_LOAD_MANAGED_POLICIES=true"}), log);
  for (int i = 0; i < 600 && pid > 0 && !Accepts(port); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  if (pid <= 0 || !Accepts(port)) {
    if (pid > 0) StopProcess(pid);
    skip = "moto server did not start (log: " + log + ")";
    return -1;
  }
  return pid;
}

}  // namespace fd::live
