#include "report/cli_requirements.h"

#include <array>
#include <charconv>

namespace fd::report {
namespace {

struct Entry {
  std::string_view service, operation, option;  ///< option "" = the operation itself
  CliVersion v1, v2;
};

// The first releases whose CHANGELOG.rst (aws/aws-cli, branches develop and v2) carries the
// API change. Only what the fix commands use and a CLI still in use may lack: Debian 12 ships
// aws-cli 2.9.19 (January 2023).
constexpr std::array kEntries{
    // "api-change:ecs: ... adding an ElasticBlockStorage volume configurations in ECS
    // RunTask/StartTask/CreateService/UpdateService APIs" (January 2024).
    Entry{"ecs", "update-service", "--volume-configurations", {1, 32, 17}, {2, 15, 10}},
    Entry{"ecs", "create-service", "--volume-configurations", {1, 32, 17}, {2, 15, 10}},
    Entry{"ecs", "run-task", "--volume-configurations", {1, 32, 17}, {2, 15, 10}},
    // "api-change:ecr: Add support for ECR archival storage class ..." (November 2025).
    Entry{"ecr", "update-image-storage-class", "", {1, 43, 0}, {2, 32, 0}},
};

/// The words of a command line, quotes removed (enough to find the service, the operation and
/// option names; values are not interpreted).
std::vector<std::string_view> Words(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    if (i >= s.size()) break;
    size_t b = i;
    char quote = 0;
    while (i < s.size() && (quote != 0 || s[i] != ' ')) {
      if (quote == 0 && (s[i] == '\'' || s[i] == '"')) quote = s[i];
      else if (quote != 0 && s[i] == quote) quote = 0;
      ++i;
    }
    out.push_back(s.substr(b, i - b));
  }
  return out;
}

int Number(std::string_view s) {
  int v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && p == s.data() + s.size() ? v : -1;
}

}  // namespace

std::string CliVersion::Text() const {
  return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
}

std::optional<CliVersion> ParseAwsCliVersion(std::string_view text) {
  const size_t at = text.find("aws-cli/");
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view v = text.substr(at + 8);
  v = v.substr(0, v.find_first_not_of("0123456789."));
  CliVersion out;
  int* parts[] = {&out.major, &out.minor, &out.patch};
  for (int* part : parts) {
    const size_t dot = v.find('.');
    *part = Number(v.substr(0, dot));
    if (*part < 0) return std::nullopt;
    v = dot == std::string_view::npos ? std::string_view() : v.substr(dot + 1);
  }
  if (out.major != 1 && out.major != 2) return std::nullopt;
  return out;
}

std::optional<CliRequirement> CliRequirementOf(std::string_view command) {
  const std::vector<std::string_view> w = Words(command);
  if (w.size() < 3 || w[0] != "aws") return std::nullopt;
  std::optional<CliRequirement> most;
  for (const Entry& e : kEntries) {
    if (w[1] != e.service || w[2] != e.operation) continue;
    bool uses = e.option.empty();
    for (size_t i = 3; i < w.size() && !uses; ++i)
      uses = w[i] == e.option || (w[i].substr(0, e.option.size()) == e.option &&
                                  w[i].size() > e.option.size() && w[i][e.option.size()] == '=');
    if (!uses) continue;
    if (most && most->v2 >= e.v2) continue;
    std::string what = "aws " + std::string(e.service) + " " + std::string(e.operation);
    if (!e.option.empty()) what += " " + std::string(e.option);
    most = CliRequirement{std::move(what), e.v1, e.v2};
  }
  return most;
}

std::optional<std::string> NewerCliNeeded(std::string_view command, const CliVersion& installed) {
  const std::optional<CliRequirement> r = CliRequirementOf(command);
  if (!r) return std::nullopt;
  const CliVersion& need = installed.major == 1 ? r->v1 : r->v2;
  if (installed >= need) return std::nullopt;
  return "needs AWS CLI " + need.Text() + " or later (" +
         (installed.major == 1 ? "v2: " + r->v2.Text() : "v1: " + r->v1.Text()) + "); this aws is " +
         installed.Text();
}

void MarkCommandsNeedingNewerCli(Report& rep, const CliVersion& installed) {
  auto mark = [&](std::vector<std::string>& commands) {
    for (std::string& c : commands)
      if (std::optional<std::string> note = NewerCliNeeded(c, installed)) c += "  # " + *note;
  };
  for (Finding& f : rep.findings) mark(f.fix.commands);
  for (Target& t : rep.targets)
    for (Remedy& r : t.remedies)
      for (Change& ch : r.changes) mark(ch.commands);
}

}  // namespace fd::report
