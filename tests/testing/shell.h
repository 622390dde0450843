#pragma once
// Runs a command line with /bin/sh and returns what it wrote to stdout (add 2>&1 to the command
// for stderr too), for the tests that run the binary, a shell or a packaging tool as a user
// would (quote words with util::SingleQuote). The exit code goes to *rc: the command's, or -1 when it could not run or was killed.

#include <sys/wait.h>

#include <cstdio>
#include <string>

namespace fd::testing {

inline std::string ShellOutput(const std::string& cmd, int* rc = nullptr) {
  std::string out;
  if (rc != nullptr) *rc = -1;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (p == nullptr) return out;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  const int status = ::pclose(p);
  if (rc != nullptr) *rc = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

}  // namespace fd::testing
