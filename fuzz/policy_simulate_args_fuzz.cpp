// libFuzzer target: `policy simulate`'s arguments and context entries as a user types them.
// The input is split at newlines into arguments after `fargate-doctor policy simulate`; the run
// must end with an exit code (0-3) and its messages, never a crash or hang. Paths among the
// arguments are read like any path (a fuzzer finds none that exist but /dev/null and the like).
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/targets.h"
#include "cli/commands.h"

namespace fd::fuzz {

int PolicySimulateArgs(const std::uint8_t* data, std::size_t size) {
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> args{"fargate-doctor", "policy", "simulate"};
  while (!rest.empty() && args.size() < 64) {
    const size_t nl = rest.find('\n');
    args.emplace_back(rest.substr(0, nl));
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
  }
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  std::ostringstream out, err;
  const int rc = fd::cli::Run(static_cast<int>(argv.size()), argv.data(), {}, out, err);
  if (rc < 0 || rc > 3) std::abort();
  return 0;
}

}  // namespace fd::fuzz

FD_FUZZ_ENTRY(fd::fuzz::PolicySimulateArgs)
