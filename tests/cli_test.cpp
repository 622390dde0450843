// End-to-end tests of the fargate-doctor binary (FD_BINARY): exit codes, the one-line error
// contract, formats and colour, run as a user would, with stdout and stderr captured apart.

#include <gtest/gtest.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "testing/shell.h"

extern char** environ;

namespace fd::cli {
namespace {

struct Result {
  int code = -1;
  std::string out;
  std::string err;
};

/// The environment of this process without NO_COLOR, plus `extra` ("NAME=value").
std::vector<std::string> Environment(const std::vector<std::string>& extra) {
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e)
    if (std::strncmp(*e, "NO_COLOR=", 9) != 0) env.emplace_back(*e);
  env.insert(env.end(), extra.begin(), extra.end());
  return env;
}

std::vector<char*> Pointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

int ExitCode(int status) {
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/// Runs the binary with pipes for stdout and stderr.
Result RunCli(std::vector<std::string> args, const std::vector<std::string>& env_extra = {}) {
  args.insert(args.begin(), FD_BINARY);
  std::vector<std::string> env = Environment(env_extra);
  int out_pipe[2], err_pipe[2];
  if (pipe(out_pipe) != 0 || pipe(err_pipe) != 0) return {};
  pid_t pid = fork();
  if (pid == 0) {
    dup2(out_pipe[1], STDOUT_FILENO);
    dup2(err_pipe[1], STDERR_FILENO);
    close(out_pipe[0]);
    close(err_pipe[0]);
    close(out_pipe[1]);
    close(err_pipe[1]);
    std::vector<char*> argv = Pointers(args);
    std::vector<char*> envp = Pointers(env);
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  close(out_pipe[1]);
  close(err_pipe[1]);
  Result r;
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  std::string* sinks[2] = {&r.out, &r.err};
  int open_fds = 2;
  while (open_fds > 0) {
    if (poll(fds, 2, 30000) <= 0) break;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      char buf[4096];
      ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n > 0) {
        sinks[i]->append(buf, static_cast<size_t>(n));
      } else {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
      }
    }
  }
  int status = 0;
  waitpid(pid, &status, 0);
  r.code = ExitCode(status);
  return r;
}

/// Runs the binary with a pseudo-terminal as stdout and stderr (so isatty is true).
Result RunOnTerminal(std::vector<std::string> args, const std::vector<std::string>& env_extra) {
  args.insert(args.begin(), FD_BINARY);
  std::vector<std::string> env = Environment(env_extra);
  int master = -1;
  pid_t pid = forkpty(&master, nullptr, nullptr, nullptr);
  if (pid < 0) return {};
  if (pid == 0) {
    std::vector<char*> argv = Pointers(args);
    std::vector<char*> envp = Pointers(env);
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  Result r;
  char buf[4096];
  for (;;) {
    ssize_t n = read(master, buf, sizeof buf);
    if (n > 0)
      r.out.append(buf, static_cast<size_t>(n));
    else if (n < 0 && errno == EINTR)
      continue;
    else
      break;  // EIO once the child has exited
  }
  close(master);
  int status = 0;
  waitpid(pid, &status, 0);
  r.code = ExitCode(status);
  return r;
}

/// A fresh directory under /tmp, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/fd-cli-test-XXXXXX";
    if (mkdtemp(tmpl) != nullptr) path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  std::string Write(const std::string& name, const std::string& content) const {
    std::string p = path_ + "/" + name;
    std::ofstream(p, std::ios::binary) << content;
    return p;
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

/// The error contract: exit 2 and exactly one line on stderr, `fargate-doctor: error: …`.
void ExpectUsageError(const Result& r, const std::string& needle = "") {
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_EQ(r.err.rfind("fargate-doctor: error: ", 0), 0u) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  if (!needle.empty()) {
    EXPECT_NE(r.err.find(needle), std::string::npos) << r.err;
  }
  EXPECT_EQ(r.out, "");
}

/// The first line of `cmd`'s standard output, or "" when it cannot run.
std::string FirstLineOf(const std::string& cmd) {
  std::string out = fd::testing::ShellOutput(cmd);
  out = out.substr(0, out.find('\n'));
  return out;
}

TEST(CliTest, VersionPrintsVersionCommitBuildAndSchema) {
  Result r = RunCli({"--version"});
  EXPECT_EQ(r.code, 0);
  std::istringstream lines(r.out);
  std::string version, commit, build, schema;
  std::getline(lines, version);
  std::getline(lines, commit);
  std::getline(lines, build);
  std::getline(lines, schema);
  // The version is CMake's project() version, and SemVer.
  EXPECT_EQ(version, std::string("fargate-doctor ") + FD_PROJECT_VERSION);
  EXPECT_TRUE(std::regex_match(std::string(FD_PROJECT_VERSION), std::regex(R"(\d+\.\d+\.\d+)")));
  // The commit is the checkout's HEAD, marked when tracked files differ from it.
  const std::string head = FirstLineOf(std::string("git -C '") + FD_SOURCE_DIR +
                                       "' rev-parse --short=12 HEAD 2>/dev/null");
  if (head.empty()) {
    EXPECT_EQ(commit, "commit unknown");
  } else {
    EXPECT_TRUE(commit == "commit " + head || commit == "commit " + head + "-modified")
        << commit << " is not HEAD " << head << ": rebuild after committing";
  }
  EXPECT_TRUE(std::regex_match(build, std::regex(R"(build \w+, \w+ [0-9.]+, (static|dynamic), .+)")))
      << build;
  EXPECT_EQ(schema, "report schema fargate-doctor/report/v1");
  EXPECT_EQ(r.out.back(), '\n');
}

TEST(CliTest, HelpNamesEveryCommand) {
  Result r = RunCli({"--help"});
  EXPECT_EQ(r.code, 0);
  for (const char* command : {"diagnose", "collect", "checks", "explain", "demo"}) {
    EXPECT_NE(r.out.find(command), std::string::npos) << command;
    Result sub = RunCli({command, "--help"});
    EXPECT_EQ(sub.code, 0) << command;
    EXPECT_NE(sub.out.find("Usage: fargate-doctor " + std::string(command)), std::string::npos)
        << sub.out;
  }
}

TEST(CliTest, UsageErrorsAreOneLineAndExit2) {
  ExpectUsageError(RunCli({}), "no command");
  ExpectUsageError(RunCli({"frobnicate"}));
  ExpectUsageError(RunCli({"diagnose", "--no-such-flag", "x.json"}), "--no-such-flag");
  ExpectUsageError(RunCli({"diagnose"}), "no input");
  ExpectUsageError(RunCli({"diagnose", "--quiet", "--verbose", "x.json"}));
  ExpectUsageError(RunCli({"diagnose", "--fail-on", "sometimes", "x.json"}), "--fail-on");
  ExpectUsageError(RunCli({"diagnose", "--format", "xml", "x.json"}), "--format");
}

TEST(CliTest, StatsGoToStderrAndLeaveTheReportAlone) {
  const std::string demo = FD_SOURCE_DIR "/examples/demo";
  Result plain = RunCli({"diagnose", demo, "--format", "json"});
  Result stats = RunCli({"diagnose", demo, "--format", "json", "--stats"});
  EXPECT_EQ(stats.code, plain.code);
  EXPECT_EQ(stats.out, plain.out);  // the report is byte-identical
  for (const char* line : {"stats: ingest ", "stats: model ", "stats: diagnose ", "stats: render ",
                           "stats: peak memory ", "stats: cpus "})
    EXPECT_NE(stats.err.find(line), std::string::npos) << line << " missing from:\n" << stats.err;
  EXPECT_NE(stats.err.find(" files, "), std::string::npos);
  EXPECT_NE(stats.err.find("x the input)"), std::string::npos);
  EXPECT_EQ(plain.err.find("stats:"), std::string::npos);
}

TEST(CliTest, ChecksListsNet001) {
  Result r = RunCli({"checks"});
  EXPECT_EQ(r.code, 0);
  std::istringstream lines(r.out);
  std::string net001;
  for (std::string line; std::getline(lines, line);)
    if (line.rfind("NET001 ", 0) == 0) net001 = line;
  std::istringstream words(net001);
  std::vector<std::string> columns;
  for (std::string w; words >> w && columns.size() < 4;) columns.push_back(w);
  EXPECT_EQ(columns, (std::vector<std::string>{"NET001", "net-public-subnet-no-public-ip",
                                               "blocker", "network"}))
      << r.out;
}

TEST(CliTest, ChecksAsJson) {
  Result r = RunCli({"checks", "--format", "json"});
  EXPECT_EQ(r.code, 0);
  nlohmann::json list = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_TRUE(list.is_array()) << r.out;
  ASSERT_FALSE(list.empty());
  bool found = false;
  for (const auto& c : list) {
    for (const char* key : {"code", "slug", "severity", "group", "title"})
      EXPECT_TRUE(c.contains(key)) << key;
    found = found || c.value("code", "") == "NET001";
  }
  EXPECT_TRUE(found);
}

TEST(CliTest, ExplainByCodeOrSlug) {
  for (const char* name : {"NET001", "net001", "net-public-subnet-no-public-ip"}) {
    Result r = RunCli({"explain", name});
    EXPECT_EQ(r.code, 0) << name;
    EXPECT_EQ(r.out.rfind("NET001 net-public-subnet-no-public-ip: ", 0), 0u) << r.out;
    for (const char* section : {"severity: blocker", "group:    network",
                                "rationale:", "evidence used:", "remediation:", "references:"})
      EXPECT_NE(r.out.find(section), std::string::npos) << section;
  }
}

TEST(CliTest, ExplainUnknownCodeIsUsageError) {
  ExpectUsageError(RunCli({"explain", "NOPE999"}), "NOPE999");
  ExpectUsageError(RunCli({"explain"}));
}

TEST(CliTest, SarifMarkdownAndHtmlFormats) {
  Result sarif = RunCli({"demo", "--format", "sarif"});
  EXPECT_EQ(sarif.code, 1) << sarif.err;
  nlohmann::json doc = nlohmann::json::parse(sarif.out, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << sarif.out;
  EXPECT_EQ(doc["version"], "2.1.0");
  EXPECT_EQ(doc["runs"][0]["tool"]["driver"]["name"], "fargate-doctor");
  EXPECT_FALSE(doc["runs"][0]["results"].empty());
  Result md = RunCli({"demo", "--format", "markdown"});
  EXPECT_EQ(md.code, 1) << md.err;
  EXPECT_EQ(md.out.rfind("## fargate-doctor: BLOCKED", 0), 0u) << md.out;
  EXPECT_EQ(md.out, RunCli({"demo", "--format", "markdown"}).out);
  Result html = RunCli({"demo", "--format", "html"});
  EXPECT_EQ(html.code, 1) << html.err;
  EXPECT_EQ(html.out.rfind("<!DOCTYPE html>", 0), 0u) << html.out.substr(0, 200);
  EXPECT_EQ(html.out, RunCli({"demo", "--format", "html"}).out);
  ExpectUsageError(RunCli({"demo", "--format", "pdf"}), "--format must be text, json, sarif, markdown or html");
}

TEST(CliTest, DocsNeedsExactlyOneMode) {
  ExpectUsageError(RunCli({"docs"}), "docs needs exactly one of");
}


TEST(CliTest, AssignPublicIpIsValidated) {
  ExpectUsageError(RunCli({"diagnose", "--assign-public-ip", "bogus", "x.json"}),
                   "--assign-public-ip");
}

TEST(CliTest, UnknownSelectorIsUsageError) {
  ExpectUsageError(RunCli({"diagnose", "--select", "NOPE", "x.json"}), "NOPE");
  ExpectUsageError(RunCli({"diagnose", "--select", "NET001", "--ignore", "NET001,NOPE", "x.json"}),
                   "NOPE");
}

// Live flags without AWS: every mistake is one line and exit 2 before any call is made
// (the calls themselves are tested against moto in tests/live/live_moto_test.cpp).
TEST(CliTest, LiveUsageErrors) {
  ExpectUsageError(RunCli({"diagnose", "--profile", "dev", "x.json"}), "--profile needs --live");
  ExpectUsageError(RunCli({"diagnose", "--all-regions", "x.json"}), "--all-regions needs --live");
  ExpectUsageError(RunCli({"diagnose", "--shard", "0/2", "x.json"}), "--shard needs --live");
  ExpectUsageError(RunCli({"diagnose", "--live", "--service", "api"}), "needs --cluster");
  ExpectUsageError(RunCli({"diagnose", "--live", "--cluster", "prod", "--service", "a", "--task", "b"}),
                   "not both");
  // Sweeps: whole clusters, Regions and accounts.
  ExpectUsageError(RunCli({"diagnose", "--live", "--cluster", "prod", "--service", "api", "--shard", "0/2"}),
                   "--shard splits a sweep's account-Regions");
  ExpectUsageError(RunCli({"diagnose", "--live", "--all-clusters", "--service", "api"}),
                   "a sweep (--all-clusters");
  ExpectUsageError(RunCli({"diagnose", "--live", "--region", "us-east-1", "--region", "eu-west-1"}),
                   "--all-clusters");
  ExpectUsageError(RunCli({"diagnose", "--live", "--all-clusters", "--accounts", "111122223333"}),
                   "need --assume-role-name");
  ExpectUsageError(RunCli({"diagnose", "--live", "--all-clusters", "--accounts", "1111", "--assume-role-name", "a"}),
                   "--accounts 1111: an account ID is 12 digits");
  ExpectUsageError(RunCli({"diagnose", "--live", "--all-clusters", "--profiles", "a,b", "--profile", "c"}),
                   "give one");
  ExpectUsageError(RunCli({"collect", "--all-clusters", "--print-commands"}), "a sweep needs --out DIR");
  ExpectUsageError(RunCli({"collect", "--cluster", "prod", "--service", "api", "--out", "d", "--resume"}),
                   "--resume continues a sweep");
  ExpectUsageError(RunCli({"diagnose", std::string(FD_SOURCE_DIR) + "/tests/predeploy/cloudformation/private-no-way-out.yaml",
                           "--region", "us-east-1", "--region", "eu-west-1"}),
                   "templates and plans take one --region");
  ExpectUsageError(RunCli({"diagnose", "--live", "--cluster", "prod", "--service", "api", "x.json"}),
                   "drop the PATH");
  ExpectUsageError(RunCli({"collect", "--cluster", "prod", "--service", "api"}), "--out DIR");
  ExpectUsageError(RunCli({"diagnose", "--live", "--cluster", "prod", "--service", "api",
                           "--aws-cli", "/nonexistent/aws"}),
                   "--aws-cli /nonexistent/aws: not an executable file");
}

// Needs the ingest layer: its errors name the file and the byte offset.
TEST(CliTest, InvalidJsonNamesTheFileAndOffset) {
  TempDir dir;
  std::string file = dir.Write("broken.json", "{\"Vpcs\": [");
  Result r = RunCli({"diagnose", file});
  ExpectUsageError(r, "broken.json");
  EXPECT_TRUE(r.err.find("byte") != std::string::npos || r.err.find("offset") != std::string::npos)
      << r.err;
}

TEST(CliTest, MissingInputIsUsageError) {
  TempDir dir;
  ExpectUsageError(RunCli({"diagnose", dir.path() + "/absent.json"}), "absent.json");
}

TEST(CliTest, DemoPrintsTheJsonContract) {
  Result r = RunCli({"demo", "--format", "json"});
  EXPECT_TRUE(r.code == 0 || r.code == 1 || r.code == 3) << r.code << r.err;
  EXPECT_NE(r.err.substr(0, r.err.find('\n')).find("bundled example"), std::string::npos) << r.err;
  nlohmann::json doc = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_TRUE(doc.is_object()) << r.out;
  EXPECT_EQ(doc.value("schema", ""), "fargate-doctor/report/v1");
  for (const char* key : {"verdict", "targets", "findings", "coverage", "input_notes"})
    EXPECT_TRUE(doc.contains(key)) << key;
  EXPECT_EQ(RunCli({"demo", "--format", "json"}).out, r.out);  // byte-identical
  EXPECT_EQ(RunCli({"demo", "--format", "json", "--fail-on", "never"}).code, 0);
}

TEST(CliTest, DiagnoseOfTheDemoFolderEqualsDemo) {
  Result folder = RunCli({"diagnose", FD_SOURCE_DIR "/examples/demo", "--format", "json"});
  Result demo = RunCli({"demo", "--format", "json"});
  EXPECT_EQ(folder.code, demo.code) << folder.err;
  EXPECT_EQ(folder.err, "");
  EXPECT_EQ(folder.out, demo.out);
}

TEST(CliTest, OutputWritesTheReportToAFile) {
  TempDir dir;
  const std::string demo = FD_SOURCE_DIR "/examples/demo";
  const std::string file = dir.path() + "/report.json";
  Result r = RunCli({"diagnose", demo, "--format", "json", "--output", file});
  EXPECT_NE(r.code, 2) << r.err;
  EXPECT_EQ(r.out, "");
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), RunCli({"diagnose", demo, "--format", "json"}).out);
  ExpectUsageError(RunCli({"diagnose", demo, "--output", dir.path() + "/no/such/dir/report.txt"}),
                   "report.txt");
}

TEST(CliTest, ColourOnlyOnATerminalWithoutNoColor) {
  EXPECT_EQ(RunCli({"demo"}).out.find('\x1b'), std::string::npos);  // a pipe: never
  // A root without /dev/pts (a bare chroot) has no terminal to give the binary.
  if (const int pty = posix_openpt(O_RDWR | O_NOCTTY); pty < 0)
    GTEST_SKIP() << "NOT CHECKED: no pseudo-terminal here (posix_openpt: " << std::strerror(errno)
                 << "; is /dev/pts mounted?)";
  else
    close(pty);
  EXPECT_NE(RunOnTerminal({"demo"}, {}).out.find("\x1b["), std::string::npos);
  EXPECT_NE(RunOnTerminal({"demo"}, {"NO_COLOR="}).out.find("\x1b["), std::string::npos);
  EXPECT_EQ(RunOnTerminal({"demo"}, {"NO_COLOR=1"}).out.find('\x1b'), std::string::npos);
  EXPECT_EQ(RunOnTerminal({"demo", "--no-color"}, {}).out.find('\x1b'), std::string::npos);
}

TEST(CliTest, ExitCodeFollowsFailOn) {
  report::Report r;
  EXPECT_EQ(ExitCodeFor(r, "blocker"), kExitOk);
  r.findings.push_back({});
  r.findings.back().severity = report::Severity::kWarning;
  EXPECT_EQ(ExitCodeFor(r, "blocker"), kExitOk);
  EXPECT_EQ(ExitCodeFor(r, "warning"), kExitFindings);
  r.verdict = report::Verdict::kInconclusive;
  EXPECT_EQ(ExitCodeFor(r, "blocker"), kExitInconclusive);
  EXPECT_EQ(ExitCodeFor(r, "warning"), kExitFindings);
  EXPECT_EQ(ExitCodeFor(r, "never"), kExitOk);
  r.findings.back().severity = report::Severity::kBlocker;
  EXPECT_EQ(ExitCodeFor(r, "blocker"), kExitFindings);
  EXPECT_EQ(ExitCodeFor(r, "never"), kExitOk);
}

}  // namespace
}  // namespace fd::cli

namespace fd::cli {
namespace {

TEST(CliTest, AHostileDeeplyNestedPolicyIsANoteNotACrash) {
  // A 200 KB snapshot whose execution role's inline policy nests 100,000 arrays (the
  // reproducer of tests/fuzz-regressions/snapshot_fuzz: byte 0 picks the IAM file) crashed the
  // binary with a stack overflow; now the policy is refused with the reason and the run ends.
  namespace fs = std::filesystem;
  const fs::path src = fs::path(FD_SOURCE_DIR) / "tests/scenarios/base-endpoints/snapshot";
  const fs::path dir = fs::temp_directory_path() / ("fd-deep-policy-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::copy(src, dir);
  std::ifstream in(fs::path(FD_SOURCE_DIR) /
                       "tests/fuzz-regressions/snapshot_fuzz/iam-inline-policy-nested-100000",
                   std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_GT(text.size(), 200000u);
  std::ofstream(dir / "iam-get-account-authorization-details.json", std::ios::binary) << text.substr(1);
  const Result r = RunCli({"diagnose", dir.string()});
  fs::remove_all(dir);
  // The rest of the snapshot is healthy: the run ends with a verdict (0, 1 or 3), and the IAM
  // checks that needed the policy are unchecked with the parser's reason.
  EXPECT_TRUE(r.code == 0 || r.code == 1 || r.code == 3) << "exit " << r.code << "\n" << r.err;
  EXPECT_NE(r.out.find("nested 100001 levels deep"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("hostile"), std::string::npos) << "the note names the policy:\n" << r.out;
}

}  // namespace
}  // namespace fd::cli
