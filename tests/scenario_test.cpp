// Scenario suite: runs the built fargate-doctor on every tests/scenarios/<name>/snapshot and checks
// the facts its expect.json states (written by hand from the spec, see generate.py), plus the
// golden renderings expected.json / expected.txt when the owner has created them.
//
// Golden update flow (docs/design/style.md): FD_UPDATE_GOLDEN=1 ctest -R Scenario rewrites the goldens;
// the test refuses to do that when CI is set too.

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "checks/check.h"
#include "testing/shell.h"
#include "util/strings.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// The codes of the registry's checks in a group ("network", "iam", "resources").
std::vector<std::string> GroupCodes(std::string_view group) {
  std::vector<std::string> out;
  for (const fd::checks::CheckDef* c : fd::checks::AllChecks())
    if (fd::checks::ToString(c->info.group) == group) out.emplace_back(ToString(c->info.code));
  return out;
}

// The network-group checks the suite must cover: each fires in one scenario and stays silent in
// another (registry rule of docs/design/style.md).
const std::vector<std::string>& NetworkCodes() {
  static const std::vector<std::string> kCodes = GroupCodes("network");
  return kCodes;
}

// The codes a scenario's report must not hold: those it names under "absent", and every check of
// its "absent_groups" that is neither among its findings nor under "maybe" (uncertain for its
// design). The groups come from the registry, so no scenario keeps a copy of a code list.
std::set<std::string> AbsentCodes(const nlohmann::json& e) {
  std::set<std::string> out;
  for (const auto& c : e.value("absent", nlohmann::json::array())) out.insert(c.get<std::string>());
  std::set<std::string> spared;
  for (const auto& c : e.value("maybe", nlohmann::json::array())) spared.insert(c.get<std::string>());
  for (const auto& f : e.value("findings", nlohmann::json::array())) spared.insert(f.value("code", ""));
  for (const auto& g : e.value("absent_groups", nlohmann::json::array()))
    for (const std::string& c : GroupCodes(g.get<std::string>()))
      if (!spared.count(c)) out.insert(c);
  return out;
}

fs::path ScenarioRoot() { return fs::path(FD_SOURCE_DIR) / "tests" / "scenarios"; }

std::vector<std::string> ScenarioNames() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator(ScenarioRoot(), ec)) {
    if (entry.is_directory() && fs::exists(entry.path() / "expect.json")) {
      names.push_back(entry.path().filename().string());
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void WriteFile(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

json ReadJson(const fs::path& path) { return json::parse(ReadFile(path), nullptr, false); }

using fd::util::SingleQuote;

bool EnvSet(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' && std::string(value) != "0";
}

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs the binary from inside the scenario folder, so the report names the snapshot and any
// --task-definition file by relative paths and goldens do not depend on the checkout location.
RunResult RunDoctor(const fs::path& dir, const std::vector<std::string>& args) {
  static int counter = 0;
  const fs::path err_file = fs::temp_directory_path() /
                            ("fd_scenario_" + std::to_string(::getpid()) + "_" +
                             std::to_string(counter++) + ".stderr");
  std::string cmd = "cd " + SingleQuote(dir.string()) + " && NO_COLOR=1 ";
  if (fs::exists("/usr/bin/timeout")) cmd += "/usr/bin/timeout 120 ";
  cmd += SingleQuote(FD_BINARY);
  for (const std::string& a : args) cmd += " " + SingleQuote(a);
  cmd += " 2>" + SingleQuote(err_file.string());

  RunResult result;
  result.out = fd::testing::ShellOutput(cmd, &result.exit_code);
  result.err = ReadFile(err_file);
  std::error_code ec;
  fs::remove(err_file, ec);
  return result;
}

// expect.json "args", with {dir} standing for the scenario folder (the working directory).
std::vector<std::string> ExtraArgs(const json& expect) {
  std::vector<std::string> args;
  if (!expect.contains("args")) return args;
  for (const json& a : expect["args"]) {
    std::string s = a.get<std::string>();
    for (size_t pos = s.find("{dir}"); pos != std::string::npos; pos = s.find("{dir}", pos + 1)) {
      s.replace(pos, 5, ".");
    }
    args.push_back(s);
  }
  return args;
}

std::vector<std::string> Concat(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

std::string Str(const json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

std::string DescribeFindings(const json& report) {
  std::string out;
  if (!report.contains("findings") || !report["findings"].is_array()) return "  (no findings array)\n";
  for (const json& f : report["findings"]) {
    out += "  " + Str(f, "code") + " " + Str(f, "resource") + " " + Str(f, "severity") + "\n";
  }
  return out.empty() ? "  (none)\n" : out;
}

std::vector<json> AllDependencies(const json& report) {
  std::vector<json> deps;
  if (!report.contains("targets") || !report["targets"].is_array()) return deps;
  for (const json& t : report["targets"]) {
    if (!t.contains("dependencies") || !t["dependencies"].is_array()) continue;
    for (const json& d : t["dependencies"]) deps.push_back(d);
  }
  return deps;
}

void CompareGolden(const fs::path& golden, const std::string& actual, bool update) {
  if (update) {
    WriteFile(golden, actual);
    return;
  }
  if (!fs::exists(golden)) return;
  const std::string expected = ReadFile(golden);
  EXPECT_TRUE(expected == actual)
      << golden << " differs from the output; if the change is intended, rerun with "
      << "FD_UPDATE_GOLDEN=1 and review the diff.\n--- actual ---\n"
      << actual.substr(0, 8000);
}

class ScenarioTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ScenarioTest, MatchesExpectations) {
  const fs::path dir = ScenarioRoot() / GetParam();
  const json expect = ReadJson(dir / "expect.json");
  ASSERT_FALSE(expect.is_discarded()) << "invalid JSON: " << dir / "expect.json";
  const std::vector<std::string> extra = ExtraArgs(expect);

  const RunResult run = RunDoctor(dir, Concat({"diagnose", "snapshot", "--format", "json"}, extra));
  SCOPED_TRACE("scenario " + GetParam() + " (see its README.md)");
  EXPECT_EQ(run.exit_code, expect["exit_code"].get<int>()) << "stderr:\n" << run.err;

  const json report = json::parse(run.out, nullptr, false);
  ASSERT_FALSE(report.is_discarded()) << "stdout is not JSON:\n"
                                      << run.out.substr(0, 2000) << "\nstderr:\n"
                                      << run.err;

  EXPECT_EQ(Str(report, "verdict"), expect["verdict"].get<std::string>());

  const json no_findings = json::array();
  const json& findings = report.contains("findings") && report["findings"].is_array()
                             ? report["findings"]
                             : no_findings;
  for (const json& want : expect["findings"]) {
    const bool found = std::any_of(findings.begin(), findings.end(), [&](const json& f) {
      return Str(f, "code") == want["code"] && Str(f, "resource") == want["resource"] &&
             Str(f, "severity") == want["severity"];
    });
    EXPECT_TRUE(found) << "missing finding " << want.dump() << "\nreported:\n"
                       << DescribeFindings(report);
  }
  for (const std::string& code : AbsentCodes(expect)) {
    for (const json& f : findings) {
      EXPECT_NE(Str(f, "code"), code)
          << "finding that should be absent: " << f.dump();
    }
  }

  const std::vector<json> deps = AllDependencies(report);
  for (const json& want : expect["dependencies"]) {
    const auto it = std::find_if(deps.begin(), deps.end(), [&](const json& d) {
      return Str(d, "service") == want["service"] && Str(d, "subnet") == want["subnet"];
    });
    if (it == deps.end()) {
      ADD_FAILURE() << "no dependency " << want["service"] << " from " << want["subnet"];
      continue;
    }
    const json reachable = it->contains("reachable") ? (*it)["reachable"] : json();
    EXPECT_EQ(reachable, want["reachable"]) << "dependency " << it->dump();
    if (want.contains("via")) {
      const json via = it->contains("via") ? (*it)["via"] : json();
      EXPECT_EQ(via, want["via"]) << "dependency " << it->dump();
    }
  }

  if (expect.contains("unchecked")) {
    std::set<std::string> unchecked;
    if (report.contains("coverage") && report["coverage"].contains("unchecked")) {
      for (const json& u : report["coverage"]["unchecked"]) unchecked.insert(Str(u, "check"));
    }
    for (const json& code : expect["unchecked"]) {
      EXPECT_TRUE(unchecked.count(code.get<std::string>()) > 0)
          << code << " not listed in coverage.unchecked";
    }
  }

  const bool update = EnvSet("FD_UPDATE_GOLDEN");
  if (update && EnvSet("CI")) {
    FAIL() << "FD_UPDATE_GOLDEN and CI are both set: goldens are never rewritten in CI";
  }
  if (update || fs::exists(dir / "expected.json")) {
    CompareGolden(dir / "expected.json", run.out, update);
  }
  if (update || fs::exists(dir / "expected.txt")) {
    const RunResult text =
        RunDoctor(dir, Concat({"diagnose", "snapshot", "--format", "text", "--no-color"}, extra));
    CompareGolden(dir / "expected.txt", text.out, update);
  }
}

// --- what AWS wrote is never dropped ---------------------------------------------------------

// Service events that only report progress. Written here independently of the program's own
// list (analysis::IsRoutineEvent), so that a failure the program wrongly calls routine fails.
bool RoutineEvent(const std::string& message) {
  for (const char* w : {"has reached a steady state", "has started ", "has stopped ", "registered ",
                        "has begun draining", "deployment completed"}) {
    if (message.find(w) != std::string::npos) return true;
  }
  return false;
}

// Every stoppedReason, containers[].reason and non-routine service event message in `j`, in
// whatever file of the snapshot it is.
void CollectMessages(const json& j, std::set<std::string>& out) {
  if (j.is_array()) {
    for (const json& v : j) CollectMessages(v, out);
    return;
  }
  if (!j.is_object()) return;
  if (j.contains("stoppedReason") && j["stoppedReason"].is_string()) out.insert(j["stoppedReason"]);
  if (j.contains("containers") && j["containers"].is_array()) {
    for (const json& c : j["containers"]) {
      if (c.is_object() && c.contains("reason") && c["reason"].is_string()) out.insert(c["reason"]);
    }
  }
  if (j.contains("events") && j["events"].is_array()) {
    for (const json& e : j["events"]) {
      const std::string m = e.is_object() ? Str(e, "message") : "";
      if (!m.empty() && !RoutineEvent(m)) out.insert(m);
    }
  }
  for (const auto& item : j.items()) CollectMessages(item.value(), out);
}

// The text report wraps lines at spaces: compare with every run of white space as one space.
std::string Squeeze(const std::string& s) {
  std::string out;
  for (char c : s) {
    const bool space = std::isspace(static_cast<unsigned char>(c)) != 0;
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  return out;
}

bool InFindings(const json& report, const std::string& message) {
  if (!report.contains("findings") || !report["findings"].is_array()) return false;
  for (const json& f : report["findings"]) {
    if (Str(f, "message").find(message) != std::string::npos) return true;
    for (const json& e : f.value("evidence", json::array())) {
      if (Str(e, "claim").find(message) != std::string::npos) return true;
    }
  }
  return false;
}

TEST_P(ScenarioTest, EveryMessageAwsWroteIsInTheReport) {
  const fs::path dir = ScenarioRoot() / GetParam();
  const json expect = ReadJson(dir / "expect.json");
  ASSERT_FALSE(expect.is_discarded());
  std::set<std::string> messages;
  for (const auto& entry : fs::recursive_directory_iterator(dir / "snapshot")) {
    if (entry.path().extension() != ".json") continue;
    const json j = ReadJson(entry.path());
    if (!j.is_discarded()) CollectMessages(j, messages);
  }
  if (messages.empty()) return;
  SCOPED_TRACE("scenario " + GetParam());
  const std::vector<std::string> extra = ExtraArgs(expect);
  const json report = json::parse(
      RunDoctor(dir, Concat({"diagnose", "snapshot", "--format", "json"}, extra)).out, nullptr, false);
  ASSERT_FALSE(report.is_discarded());
  const std::string text = Squeeze(
      RunDoctor(dir, Concat({"diagnose", "snapshot", "--format", "text", "--no-color"}, extra)).out);
  for (const std::string& m : messages) {
    EXPECT_TRUE(InFindings(report, m)) << "not in any finding of the JSON report: " << m;
    EXPECT_NE(text.find(Squeeze(m)), std::string::npos) << "not in the text report: " << m;
  }
}

std::string ParamName(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Scenarios, ScenarioTest, ::testing::ValuesIn(ScenarioNames()), ParamName);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(ScenarioTest);

// --- the suite itself --------------------------------------------------------------------------

const std::set<std::string> kVerdicts = {"ok", "at-risk", "inconclusive", "blocked"};
const std::set<std::string> kSeverities = {"info", "warning", "blocker"};

TEST(ScenarioSuite, ExpectFilesAreWellFormed) {
  const std::vector<std::string> names = ScenarioNames();
  ASSERT_FALSE(names.empty()) << "no scenario under " << ScenarioRoot();
  std::set<std::string> codes;
  for (const fd::checks::CheckDef* c : fd::checks::AllChecks()) codes.emplace(ToString(c->info.code));
  for (const std::string& name : names) {
    SCOPED_TRACE(name);
    const fs::path dir = ScenarioRoot() / name;
    EXPECT_TRUE(fs::is_directory(dir / "snapshot"));
    EXPECT_TRUE(fs::exists(dir / "README.md"));
    const json e = ReadJson(dir / "expect.json");
    ASSERT_TRUE(e.is_object());
    ASSERT_TRUE(e.contains("exit_code") && e["exit_code"].is_number_integer());
    ASSERT_TRUE(e.contains("verdict") && e["verdict"].is_string());
    ASSERT_TRUE(e.contains("findings") && e["findings"].is_array());
    ASSERT_TRUE(e.contains("absent") && e["absent"].is_array());
    ASSERT_TRUE(e.contains("dependencies") && e["dependencies"].is_array());
    const std::string verdict = e["verdict"].get<std::string>();
    EXPECT_TRUE(kVerdicts.count(verdict) > 0) << verdict;

    // Exit code and verdict follow from the expected findings (docs/design/report.md, --fail-on blocker).
    std::set<std::string> severities;
    std::set<std::string> expected_codes;
    for (const json& f : e["findings"]) {
      ASSERT_TRUE(f.contains("code") && f.contains("resource") && f.contains("severity"));
      EXPECT_TRUE(kSeverities.count(f["severity"].get<std::string>()) > 0) << f.dump();
      EXPECT_FALSE(f["resource"].get<std::string>().empty()) << f.dump();
      severities.insert(f["severity"].get<std::string>());
      expected_codes.insert(f["code"].get<std::string>());
    }
    const int exit_code = e["exit_code"].get<int>();
    if (severities.count("blocker") > 0) {
      EXPECT_EQ(verdict, "blocked");
      EXPECT_EQ(exit_code, 1);
    } else if (verdict == "inconclusive") {
      EXPECT_EQ(exit_code, 3);
    } else if (severities.count("warning") > 0) {
      EXPECT_EQ(verdict, "at-risk");
      EXPECT_EQ(exit_code, 0);
    } else {
      EXPECT_EQ(verdict, "ok");
      EXPECT_EQ(exit_code, 0);
    }
    for (const json& code : e["absent"]) {
      EXPECT_TRUE(codes.count(code.get<std::string>()) > 0) << "unknown code " << code;
      EXPECT_EQ(expected_codes.count(code.get<std::string>()), 0u)
          << code << " is both expected and absent";
    }
    for (const json& code : e.value("maybe", json::array()))
      EXPECT_TRUE(codes.count(code.get<std::string>()) > 0) << "unknown code " << code;
    for (const json& g : e.value("absent_groups", json::array()))
      EXPECT_FALSE(GroupCodes(g.get<std::string>()).empty()) << "no check in group " << g;
    for (const json& d : e["dependencies"]) {
      EXPECT_TRUE(d.contains("service") && d.contains("subnet") && d.contains("reachable"))
          << d.dump();
    }
  }
}

TEST(ScenarioSuite, EveryNetworkCheckFiresAndStaysSilent) {
  std::map<std::string, std::vector<std::string>> fires;
  std::map<std::string, std::vector<std::string>> silent;
  for (const std::string& name : ScenarioNames()) {
    const json e = ReadJson(ScenarioRoot() / name / "expect.json");
    if (!e.is_object()) continue;
    for (const json& f : e.value("findings", json::array())) {
      fires[f.value("code", "")].push_back(name);
    }
    for (const std::string& code : AbsentCodes(e)) silent[code].push_back(name);
  }
  for (const std::string& code : NetworkCodes()) {
    EXPECT_FALSE(fires[code].empty()) << code << " is expected to fire in no scenario";
    EXPECT_FALSE(silent[code].empty()) << code << " is listed as absent in no scenario";
  }
}

}  // namespace
