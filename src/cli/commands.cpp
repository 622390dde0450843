#include "cli/commands.h"

#include <fmt/format.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "checks/check.h"
#include "cli/completion.h"
#include "cli/demo_snapshot.h"
#include "cli/docs.h"
#include "cli/policy_simulate.h"
#include "util/build_info.h"
#include "engine/diagnose.h"
#include "ingest/snapshot.h"
#include "live/aws_cli.h"
#include "live/collector.h"
#include "util/cpus.h"
#include "writers/html_writer.h"
#include "writers/json_writer.h"
#include "writers/markdown_writer.h"
#include "writers/sarif_writer.h"
#include "writers/text_writer.h"
#include "util/strings.h"

namespace fd::cli {
namespace {

constexpr std::string_view kExitCodesFooter =
    "Exit codes: 0 no finding at or above --fail-on, 1 at least one, 2 usage error or "
    "unreadable input, 3 inconclusive (data needed for a required check was missing).";

/// Flags that shape the report of `diagnose` and `demo`.
struct OutputFlags {
  std::string format = "text";
  std::string output;
  std::string fail_on = "blocker";
  std::vector<std::string> select;
  std::vector<std::string> ignore;
  bool quiet = false;
  bool verbose = false;
  bool no_color = false;
};

struct DiagnoseFlags {
  std::vector<std::string> paths;
  std::string cluster;
  std::vector<std::string> services;
  std::vector<std::string> tasks;
  std::string task_definition;
  std::vector<std::string> subnets;
  std::vector<std::string> security_groups;
  std::string assign_public_ip;
  std::string platform_version;
  bool live = false;
  std::string profile;
  std::string region;
  std::string endpoint_url;
  std::string save_snapshot;
  std::string aws_cli;
  bool stats = false;
  OutputFlags output;
};

/// `collect`: the live plan's outputs saved to a folder, or printed as commands.
struct CollectFlags {
  std::string cluster;
  std::vector<std::string> services;
  std::vector<std::string> tasks;
  std::string out_dir;
  bool print_commands = false;
  std::string profile;
  std::string region;
  std::string endpoint_url;
  std::string aws_cli;
};

int Fail(std::ostream& err, std::string_view message) {
  std::string line(message);
  std::replace(line.begin(), line.end(), '\n', ' ');
  err << "fargate-doctor: error: " << line << '\n';
  return kExitUsage;
}

using util::Lower;
using util::Upper;

/// Values of a repeatable, comma-separated flag, trimmed, without empty items.
std::vector<std::string> Items(const std::vector<std::string>& raw) {
  std::vector<std::string> out;
  for (const auto& value : raw) {
    size_t pos = 0;
    while (pos <= value.size()) {
      size_t end = value.find(',', pos);
      if (end == std::string::npos) end = value.size();
      std::string item(util::Trim(std::string_view(value).substr(pos, end - pos)));
      if (!item.empty()) out.push_back(std::move(item));
      pos = end + 1;
    }
  }
  return out;
}

/// A repeatable option that takes one value per occurrence (so it never swallows PATHs) and
/// may hold a comma-separated list.
CLI::Option* AddList(CLI::App* app, const std::string& name, std::vector<std::string>& into,
                     const std::string& help) {
  return app->add_option(name, into, help)->allow_extra_args(false)->type_name("LIST");
}

/// The values an option accepts, in one place: the option's type name in --help, the man page
/// and the shell completions (a type name "a|b|c" is a list of choices, cli/completion.h), and
/// the list its value is checked against.
constexpr std::array<std::string_view, 5> kReportFormats = {"text", "json", "sarif", "markdown", "html"};
constexpr std::array<std::string_view, 3> kFailOnLevels = {"blocker", "warning", "never"};

std::string Choices(std::span<const std::string_view> values) {
  return fmt::format("{}", fmt::join(values, "|"));
}

/// "" when `value` is one of `values`, else "--flag must be a, b or c, not 'value'".
std::string CheckChoice(std::string_view flag, std::span<const std::string_view> values,
                        const std::string& value) {
  if (std::find(values.begin(), values.end(), value) != values.end()) return "";
  return fmt::format("{} must be {} or {}, not '{}'", flag,
                     fmt::join(values.first(values.size() - 1), ", "), values.back(), value);
}

void AddOutputFlags(CLI::App* app, OutputFlags& f) {
  app->add_option("--format", f.format, "Report format: text (default), json, sarif, markdown, html")
      ->type_name(Choices(kReportFormats));
  app->add_option("--output", f.output, "Write the report to FILE instead of stdout (no colour)")
      ->type_name("FILE");
  app->add_option("--fail-on", f.fail_on,
                  "Lowest severity that makes the exit code 1: blocker (default), warning, never")
      ->type_name(Choices(kFailOnLevels));
  AddList(app, "--select", f.select, "Run only these checks: code prefixes or slugs (NET,IAM004)")
      ->type_name("CODES");
  AddList(app, "--ignore", f.ignore, "Skip these checks: code prefixes or slugs")
      ->type_name("CODES");
  auto* quiet =
      app->add_flag("--quiet,-q", f.quiet, "Text: print only the verdict line of each target");
  auto* verbose = app->add_flag("--verbose,-v", f.verbose,
                                "Text: also draw every dependency trace, every path and note");
  quiet->excludes(verbose);
  app->add_flag("--no-color", f.no_color, "Never colour the text report");
}

// --- validation ------------------------------------------------------------------------

/// Checks the output flags and expands --select/--ignore; returns an error message or "".
std::string ValidateOutput(OutputFlags& f) {
  f.format = Lower(f.format);
  if (std::string e = CheckChoice("--format", kReportFormats, f.format); !e.empty()) return e;
  f.fail_on = Lower(f.fail_on);
  if (std::string e = CheckChoice("--fail-on", kFailOnLevels, f.fail_on); !e.empty()) return e;
  f.select = Items(f.select);
  f.ignore = Items(f.ignore);
  for (const auto* list : {&f.select, &f.ignore}) {
    for (const auto& selector : *list) {
      bool matches = false;
      for (const checks::CheckDef* c : checks::AllChecks())
        matches = matches || checks::IsSelected(c->info, {selector}, {});
      if (!matches) {
        return fmt::format("{} {}: matches no check (see `fargate-doctor checks`)",
                           list == &f.select ? "--select" : "--ignore", selector);
      }
    }
  }
  return "";
}

// --- output ----------------------------------------------------------------------------

bool UseColor(const OutputFlags& f, const Terminal& t) {
  return t.stdout_is_tty && !t.no_color && !f.no_color && f.output.empty();
}

/// Writes the report to --output FILE, or to `out`, with `write` (which returns the bytes it
/// wrote, stored in `bytes`).
int Emit(const OutputFlags& f, std::ostream& out, std::ostream& err,
         const std::function<size_t(std::ostream&)>& write, size_t& bytes) {
  if (f.output.empty()) {
    bytes = write(out);
    out << std::flush;
    return kExitOk;
  }
  std::ofstream file(f.output, std::ios::binary | std::ios::trunc);
  if (file) bytes = write(file);
  if (file) file.flush();
  if (!file) return Fail(err, fmt::format("cannot write {}: {}", f.output, std::strerror(errno)));
  return kExitOk;
}

/// Diagnoses a loaded model and prints the report: the common tail of `diagnose` and `demo`.
// A diagnosis of a large account builds millions of small strings; the process exits right
// after printing, so the model and report are handed to the OS instead of being freed one by
// one (which took as long as the diagnosis). They stay reachable, so leak checkers stay quiet.
template <typename T>
void KeepUntilExit(T&& value) {
  static auto* kept = new std::vector<std::shared_ptr<void>>();
  kept->push_back(std::make_shared<std::decay_t<T>>(std::forward<T>(value)));
}

/// Peak resident memory of this process so far, in bytes (0 when unknown).
uint64_t PeakRss() {
  struct rusage u {};
  if (::getrusage(RUSAGE_SELF, &u) != 0) return 0;
  return static_cast<uint64_t>(u.ru_maxrss) * 1024;  // Linux reports KiB
}

double Since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

/// `diagnose --stats`: where the time and memory went, on stderr (like `ninja -d stats`). Wall
/// clock and CPU time (all threads) of each phase, so a loaded machine is told apart.
struct PhaseTimes {
  double diagnose = 0, diagnose_cpu = 0, render = 0, render_cpu = 0;
};
void PrintStats(std::ostream& err, const ingest::LoadStats& load, size_t targets,
                const PhaseTimes& t, const std::string& format, size_t report_bytes) {
  const double mb = static_cast<double>(load.bytes) / 1e6;
  const double peak = static_cast<double>(PeakRss()) / 1e6;
  auto line = [&](std::string_view phase, double wall, double cpu, const std::string& what) {
    err << fmt::format("fargate-doctor: stats: {:<9}{:>7.3f} s wall {:>7.3f} s cpu  {}\n", phase,
                       wall, cpu, what);
  };
  line("ingest", load.ingest_seconds, load.ingest_cpu_seconds,
       fmt::format("{} files, {:.1f} MB, {:.0f} MB/s", load.files, mb,
                   load.ingest_seconds > 0 ? mb / load.ingest_seconds : 0.0));
  line("model", load.build_seconds, load.build_cpu_seconds,
       fmt::format("references resolved, indexes built; peak memory so far {:.0f} MB",
                   static_cast<double>(load.peak_rss_after) / 1e6));
  line("diagnose", t.diagnose, t.diagnose_cpu, fmt::format("{} targets, traces included", targets));
  line("render", t.render, t.render_cpu,
       fmt::format("{} report, {:.1f} MB", format, static_cast<double>(report_bytes) / 1e6));
  err << fmt::format("fargate-doctor: stats: peak memory {:.0f} MB ({:.1f}x the input)\n", peak,
                     mb > 0 ? peak / mb : 0.0);
  // Ingest, diagnosis and the JSON writer run on the CPUs of the affinity mask, at most 8: wall
  // time below CPU time is that parallelism.
  err << fmt::format("fargate-doctor: stats: cpus {} usable (affinity mask), up to {} used\n",
                     UsableCpus(), kMaxThreads);
}

int DiagnoseAndPrint(Expected<model::Model> model, engine::DiagnoseOptions options,
                     const OutputFlags& f, const Terminal& terminal, std::ostream& out,
                     std::ostream& err, const ingest::LoadStats* stats = nullptr) {
  if (!model) return Fail(err, model.error().message);
  options.select = f.select;
  options.ignore = f.ignore;
  PhaseTimes times;
  const auto diagnose_start = std::chrono::steady_clock::now();
  const double diagnose_cpu_start = ingest::ProcessCpuSeconds();
  Expected<report::Report> report = engine::Diagnose(*model, options);
  if (!report) return Fail(err, report.error().message);
  times.diagnose = Since(diagnose_start);
  times.diagnose_cpu = ingest::ProcessCpuSeconds() - diagnose_cpu_start;
  const size_t targets = report->targets.size();
  const auto render_start = std::chrono::steady_clock::now();
  const double render_cpu_start = ingest::ProcessCpuSeconds();

  // The writers take the report by value (they canonicalise it): hand it over, no copy.
  const int rc = ExitCodeFor(*report, f.fail_on);
  auto write = [&](std::ostream& os) -> size_t {
    // JSON is streamed as it is written: a whole account's JSON report (every trace) is
    // hundreds of megabytes, and holding it whole would double the run's memory.
    if (f.format == "json") return writers::WriteJson(std::move(*report), os);
    std::string text;
    if (f.format == "sarif") {
      text = writers::RenderSarif(std::move(*report));
    } else if (f.format == "markdown") {
      text = writers::RenderMarkdown(std::move(*report));
    } else if (f.format == "html") {
      text = writers::RenderHtml(std::move(*report));
    } else {
      writers::TextOptions o;
      o.color = UseColor(f, terminal);
      o.width = f.output.empty() && terminal.stdout_is_tty ? terminal.width : 100;
      o.detail = f.quiet     ? writers::TextOptions::Detail::kQuiet
                 : f.verbose ? writers::TextOptions::Detail::kVerbose
                             : writers::TextOptions::Detail::kNormal;
      text = writers::RenderText(std::move(*report), o);
    }
    os << text;
    return text.size();
  };
  size_t bytes = 0;
  if (int e = Emit(f, out, err, write, bytes); e != kExitOk) return e;
  times.render = Since(render_start);
  times.render_cpu = ingest::ProcessCpuSeconds() - render_cpu_start;
  if (stats) PrintStats(err, *stats, targets, times, f.format, bytes);
  KeepUntilExit(std::move(*model));
  return rc;
}

/// Loads the snapshot at `paths` and diagnoses it (`diagnose PATH…` and `diagnose --live`).
int LoadDiagnoseAndPrint(const std::vector<std::string>& paths, engine::DiagnoseOptions options,
                         const DiagnoseFlags& d, const Terminal& terminal, std::ostream& out,
                         std::ostream& err) {
  ingest::LoadStats load;
  Expected<model::Model> model = ingest::LoadPaths(paths, &load);
  load.peak_rss_after = PeakRss();
  return DiagnoseAndPrint(std::move(model), std::move(options), d.output, terminal, out, err,
                          d.stats ? &load : nullptr);
}

// --- commands --------------------------------------------------------------------------

// --- live ------------------------------------------------------------------------------

/// A fresh private folder under $TMPDIR (or /tmp) for a live run's snapshot; "" on failure.
std::string MakeTempDir() {
  const char* tmp = std::getenv("TMPDIR");
  std::string templ = std::string(tmp && tmp[0] ? tmp : "/tmp") + "/fargate-doctor-XXXXXX";
  std::vector<char> buf(templ.begin(), templ.end());
  buf.push_back('\0');
  if (::mkdtemp(buf.data()) == nullptr) return "";
  return std::string(buf.data());
}

/// Removes a temporary folder when it goes out of scope (unless it is kept).
struct TempDir {
  std::string path;
  ~TempDir() {
    std::error_code ec;
    if (!path.empty()) std::filesystem::remove_all(path, ec);
  }
};

struct LiveTarget {
  std::string cluster;
  std::vector<std::string> services;
  std::vector<std::string> tasks;
};

/// Checks the target flags of a live run; an error message or "".
std::string ValidateLiveTarget(const LiveTarget& t, std::string_view command) {
  if (t.cluster.empty())
    return fmt::format("{} needs --cluster NAME and --service NAME or --task ID", command);
  if (t.services.empty() == t.tasks.empty())
    return fmt::format("{} needs exactly one of --service or --task", command);
  return "";
}

/// Runs the live plan into `dir`; prints a note on denied/failed calls to `err`.
Expected<live::CollectReport> CollectLive(const LiveTarget& t, const std::string& aws_cli,
                                          const std::string& profile, const std::string& region,
                                          const std::string& endpoint_url, const std::string& dir,
                                          const Terminal& terminal, std::ostream& err) {
  live::AwsOptions aws;
  aws.aws_path = live::FindAwsCli(aws_cli);
  if (aws.aws_path.empty()) {
    return MakeError(ErrorCode::kUsage,
                     aws_cli.empty() ? std::string("cannot find the `aws` command on PATH; install "
                                                   "the AWS CLI (v1 or v2) or give --aws-cli PATH")
                                     : fmt::format("--aws-cli {}: not an executable file", aws_cli));
  }
  aws.profile = profile;
  aws.region = region;
  aws.endpoint_url = endpoint_url;
  live::CollectOptions o;
  o.target = {t.cluster, t.services, t.tasks};
  o.out_dir = dir;
  o.progress = terminal.stderr_is_tty;
  live::AwsCli cli(aws);
  Expected<live::CollectReport> report = live::Collect(cli, o, err);
  if (!report) return report;
  std::vector<std::string> denied, failed;
  for (const live::CollectedCall& c : report->calls) {
    if (c.result.outcome == live::CallOutcome::kDenied) denied.push_back(c.result.action);
    if (c.result.outcome == live::CallOutcome::kFailed ||
        c.result.outcome == live::CallOutcome::kThrottled)
      failed.push_back(fmt::format("{} ({})", c.result.action, c.result.code));
  }
  std::sort(denied.begin(), denied.end());
  denied.erase(std::unique(denied.begin(), denied.end()), denied.end());
  if (!denied.empty()) {
    err << fmt::format(
        "fargate-doctor: note: access denied for {}; the checks that need them are reported as "
        "unchecked\n",
        fmt::join(denied, ", "));
  }
  if (!failed.empty())
    err << fmt::format("fargate-doctor: note: calls that failed: {}\n", fmt::join(failed, ", "));
  return report;
}

int RunLive(DiagnoseFlags& d, engine::DiagnoseOptions options, const Terminal& terminal,
            std::ostream& out, std::ostream& err) {
  if (!d.paths.empty())
    return Fail(err, "--live reads the account, not files: drop the PATH arguments or --live");
  if (!d.task_definition.empty() || !options.subnets.empty() || !options.security_groups.empty())
    return Fail(err, "--live diagnoses an existing service or task: use --service or --task");
  LiveTarget t{d.cluster, options.services, options.tasks};
  if (std::string e = ValidateLiveTarget(t, "diagnose --live"); !e.empty()) return Fail(err, e);
  TempDir temp;
  std::string dir = d.save_snapshot;
  if (dir.empty()) {
    temp.path = MakeTempDir();
    if (temp.path.empty()) return Fail(err, "cannot create a temporary folder for the snapshot");
    dir = temp.path;
  }
  Expected<live::CollectReport> collected = CollectLive(t, d.aws_cli, d.profile, d.region,
                                                        d.endpoint_url, dir, terminal, err);
  if (!collected) return Fail(err, collected.error().message);
  // Fix commands this CLI is too old to run say so; the version is no AWS call.
  const live::ProcessResult version = live::RunProcess({live::FindAwsCli(d.aws_cli), "--version"});
  options.aws_cli = report::ParseAwsCliVersion(version.out + version.err);
  // The same offline diagnosis as `diagnose DIR`, so the two reports are identical but for
  // those notes.
  return LoadDiagnoseAndPrint({dir}, std::move(options), d, terminal, out, err);
}

int RunCollect(CollectFlags& c, const Terminal& terminal, std::ostream& out, std::ostream& err) {
  LiveTarget t{c.cluster, Items(c.services), Items(c.tasks)};
  if (std::string e = ValidateLiveTarget(t, "collect"); !e.empty()) return Fail(err, e);
  if (c.out_dir.empty() && !c.print_commands)
    return Fail(err, "collect needs --out DIR (or --print-commands)");
  TempDir temp;
  std::string dir = c.out_dir;
  if (dir.empty()) {
    temp.path = MakeTempDir();
    if (temp.path.empty()) return Fail(err, "cannot create a temporary folder for the snapshot");
    dir = temp.path;
  }
  Expected<live::CollectReport> collected = CollectLive(t, c.aws_cli, c.profile, c.region,
                                                        c.endpoint_url, dir, terminal, err);
  if (!collected) return Fail(err, collected.error().message);
  if (c.print_commands) {
    live::AwsOptions shown;
    shown.profile = c.profile;
    shown.region = c.region;
    shown.endpoint_url = c.endpoint_url;
    out << "# fargate-doctor collect: the read-only commands this run executed, in stage order;\n"
           "# run them in an empty folder, then: fargate-doctor diagnose FOLDER\n"
        << live::CommandScript(live::AwsCli(shown), *collected);
  }
  if (!c.out_dir.empty()) {
    err << fmt::format("fargate-doctor: saved {} outputs to {}; diagnose them with `fargate-doctor "
                       "diagnose {}`\n",
                       collected->calls.size(), c.out_dir, c.out_dir);
  }
  return kExitOk;
}

int RunDiagnose(DiagnoseFlags& d, const Terminal& terminal, std::ostream& out, std::ostream& err) {
  if (!d.live && (!d.profile.empty() || !d.region.empty() || !d.endpoint_url.empty() ||
                  !d.save_snapshot.empty() || !d.aws_cli.empty())) {
    return Fail(err, "--profile, --region, --endpoint-url, --save-snapshot and --aws-cli need --live");
  }
  if (std::string e = ValidateOutput(d.output); !e.empty()) return Fail(err, e);

  engine::DiagnoseOptions options;
  options.cluster = d.cluster;
  options.services = Items(d.services);
  options.tasks = Items(d.tasks);
  options.subnets = Items(d.subnets);
  options.security_groups = Items(d.security_groups);
  options.platform_version = d.platform_version;
  if (!d.assign_public_ip.empty()) {
    std::string v = Upper(d.assign_public_ip);
    if (v != "ENABLED" && v != "DISABLED") {
      return Fail(err, fmt::format("--assign-public-ip must be ENABLED or DISABLED, not '{}'",
                                   d.assign_public_ip));
    }
    options.assign_public_ip = v == "ENABLED";
  }
  if (d.live) return RunLive(d, std::move(options), terminal, out, err);
  if (d.paths.empty()) {
    return Fail(err, "no input: give snapshot files or folders (diagnose PATH ...), or --live");
  }
  if (!d.task_definition.empty()) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(d.task_definition, ec)) {
      Expected<model::TaskDefinition> td = ingest::LoadTaskDefinitionFile(d.task_definition);
      if (!td) return Fail(err, td.error().message);
      options.task_definition = std::move(*td);
    } else {
      options.task_definition_ref = d.task_definition;
    }
  }
  return LoadDiagnoseAndPrint(d.paths, std::move(options), d, terminal, out, err);
}

int RunDemo(OutputFlags& f, const Terminal& terminal, std::ostream& out, std::ostream& err) {
  if (std::string e = ValidateOutput(f); !e.empty()) return Fail(err, e);
  err << "fargate-doctor: diagnosing the bundled example (examples/demo); no AWS access is used\n";
  std::vector<ingest::InputFile> files;
  for (const DemoFile& file : DemoSnapshot()) files.push_back({file.name, file.content});
  return DiagnoseAndPrint(ingest::LoadFiles(files), engine::DiagnoseOptions{}, f, terminal, out,
                          err);
}

int RunChecks(const std::string& format_flag, std::ostream& out, std::ostream& err) {
  const std::string format = Lower(format_flag);
  if (format == "json") {
    nlohmann::json list = nlohmann::json::array();
    for (const checks::CheckDef* c : checks::AllChecks()) {
      list.push_back({{"code", ToString(c->info.code)},
                      {"slug", c->info.slug},
                      {"severity", report::ToString(c->info.severity)},
                      {"group", checks::ToString(c->info.group)},
                      {"title", c->info.title}});
    }
    out << list.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    return kExitOk;
  }
  if (format != "text")
    return Fail(err, fmt::format("--format must be text or json, not '{}'", format_flag));
  size_t w[4] = {0, 0, 0, 0};
  for (const checks::CheckDef* c : checks::AllChecks()) {
    w[0] = std::max(w[0], ToString(c->info.code).size());
    w[1] = std::max(w[1], c->info.slug.size());
    w[2] = std::max(w[2], report::ToString(c->info.severity).size());
    w[3] = std::max(w[3], checks::ToString(c->info.group).size());
  }
  for (const checks::CheckDef* c : checks::AllChecks()) {
    out << fmt::format("{:<{}}  {:<{}}  {:<{}}  {:<{}}  {}\n", ToString(c->info.code), w[0], c->info.slug,
                       w[1], report::ToString(c->info.severity), w[2],
                       checks::ToString(c->info.group), w[3], c->info.title);
  }
  return kExitOk;
}

/// Wraps a paragraph to `width` columns with a two-space indent.
std::string Paragraph(std::string_view text, int width) {
  if (text.empty()) return "  (none)\n";
  std::string out, line = "  ";
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find_first_of(" \n", pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view word = text.substr(pos, end - pos);
    pos = end + 1;
    if (word.empty()) continue;
    if (line.size() > 2 && static_cast<int>(line.size() + 1 + word.size()) > width) {
      out += line + "\n";
      line = "  ";
    }
    if (line.size() > 2) line += ' ';
    line += word;
  }
  return out + line + "\n";
}

int RunExplain(const std::string& code, const Terminal& terminal, std::ostream& out,
               std::ostream& err) {
  const checks::CheckDef* c = checks::FindCheck(code);
  if (c == nullptr)
    return Fail(err, fmt::format("unknown check '{}' (see `fargate-doctor checks`)", code));
  const checks::CheckInfo& i = c->info;
  const int width = terminal.stdout_is_tty ? terminal.width : 100;
  std::string text = fmt::format("{} {}: {}\n\nseverity: {}\ngroup:    {}\n", ToString(i.code), i.slug,
                                 i.title, report::ToString(i.severity), checks::ToString(i.group));
  text += "\nrationale:\n" + Paragraph(i.rationale, width);
  text += "\nevidence used:\n" + Paragraph(i.evidence, width);
  text += "\nremediation:\n" + Paragraph(i.remediation, width);
  text += "\nreferences:\n";
  std::vector<std::string> refs = Items({std::string(i.references)});
  if (refs.empty()) text += "  (none)\n";
  for (const auto& chunk : refs) {
    size_t pos = 0;
    while (pos < chunk.size()) {
      size_t end = chunk.find(' ', pos);
      if (end == std::string::npos) end = chunk.size();
      if (end > pos) text += "  " + chunk.substr(pos, end - pos) + "\n";
      pos = end + 1;
    }
  }
  out << text;
  return kExitOk;
}

/// `docs --write DIR` writes the check pages, `docs --check DIR` compares them (exit 1 when
/// stale, naming the files and the command that regenerates them), `docs --man` prints the man
/// page.
int RunDocs(const std::string& write_dir, const std::string& check_dir, bool man,
            const CLI::App& app, std::ostream& out, std::ostream& err) {
  namespace fs = std::filesystem;
  if (static_cast<int>(!write_dir.empty()) + static_cast<int>(!check_dir.empty()) +
          static_cast<int>(man) != 1) {
    return Fail(err, "docs needs exactly one of --write DIR, --check DIR or --man");
  }
  if (man) {
    out << ManPage(app);
    return kExitOk;
  }
  const std::map<std::string, std::string> files = CheckDocs();
  std::error_code ec;
  if (!write_dir.empty()) {
    fs::create_directories(write_dir, ec);
    if (ec) return Fail(err, fmt::format("cannot create {}: {}", write_dir, ec.message()));
    // Pages of checks that no longer exist are removed, so the folder mirrors the registry.
    for (const auto& entry : fs::directory_iterator(write_dir, ec)) {
      const std::string name = entry.path().filename().string();
      if (entry.path().extension() == ".md" && !files.contains(name)) fs::remove(entry.path(), ec);
    }
    for (const auto& [name, text] : files) {
      std::ofstream file(fs::path(write_dir) / name, std::ios::binary | std::ios::trunc);
      if (file) file << text;
      if (!file) return Fail(err, fmt::format("cannot write {}/{}", write_dir, name));
    }
    out << fmt::format("wrote {} files to {}\n", files.size(), write_dir);
    return kExitOk;
  }
  if (!fs::is_directory(check_dir, ec))
    return Fail(err, fmt::format("docs --check: {} is not a folder", check_dir));
  std::vector<std::string> stale;
  for (const auto& [name, text] : files) {
    std::ifstream in(fs::path(check_dir) / name, std::ios::binary);
    std::string have((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.is_open() || have != text) stale.push_back(name);
  }
  for (const auto& entry : fs::directory_iterator(check_dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (entry.path().extension() == ".md" && !files.contains(name))
      stale.push_back(name + " (no such check)");
  }
  if (stale.empty()) return kExitOk;
  err << fmt::format(
      "fargate-doctor: docs in {} are stale: {}; regenerate with `fargate-doctor docs --write "
      "{}`\n",
      check_dir, fmt::join(stale, ", "), check_dir);
  return kExitFindings;
}

}  // namespace

int ExitCodeFor(const report::Report& r, std::string_view fail_on) {
  if (fail_on == "never") return kExitOk;
  const report::Severity threshold =
      fail_on == "warning" ? report::Severity::kWarning : report::Severity::kBlocker;
  for (const auto& f : r.findings)
    if (f.severity >= threshold) return kExitFindings;
  bool inconclusive = r.verdict == report::Verdict::kInconclusive;
  for (const auto& t : r.targets)
    inconclusive = inconclusive || t.verdict == report::Verdict::kInconclusive;
  return inconclusive ? kExitInconclusive : kExitOk;
}

Terminal DetectTerminal() {
  Terminal t;
  t.stdout_is_tty = ::isatty(STDOUT_FILENO) == 1;
  t.stderr_is_tty = ::isatty(STDERR_FILENO) == 1;
  const char* no_color = std::getenv("NO_COLOR");
  t.no_color = no_color != nullptr && no_color[0] != '\0';
  if (t.stdout_is_tty) {
    winsize ws{};
    if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40) t.width = ws.ws_col;
  }
  return t;
}

int Run(int argc, const char* const* argv, const Terminal& terminal, std::ostream& out,
        std::ostream& err) {
  CLI::App app{"Explains why an AWS ECS Fargate task stays PENDING, from AWS CLI JSON snapshots.",
               "fargate-doctor"};
  app.set_version_flag("--version", VersionText(), "Print the version, the commit and the build, and exit");
  app.require_subcommand(0, 1);
  app.footer(std::string(kExitCodesFooter));

  DiagnoseFlags d;
  CLI::App* diagnose = app.add_subcommand(
      "diagnose", "Diagnose services, tasks or a task definition from snapshot files");
  diagnose->add_option("PATH", d.paths, "Files or folders of AWS CLI JSON output")->type_name("");
  diagnose->add_option("--cluster", d.cluster, "Cluster name or ARN")->type_name("NAME");
  AddList(diagnose, "--service", d.services, "Only these services (names or ARNs; repeatable)");
  AddList(diagnose, "--task", d.tasks, "Only these tasks (IDs or ARNs; repeatable)");
  diagnose
      ->add_option(
          "--task-definition", d.task_definition,
          "A task definition to run: a JSON file, or an ARN / family:revision in the input")
      ->type_name("FILE_OR_ARN");
  AddList(diagnose, "--subnets", d.subnets, "Subnets of the task to run (ID,ID,...)");
  AddList(diagnose, "--security-groups", d.security_groups, "Security groups of the task to run");
  diagnose->add_option("--assign-public-ip", d.assign_public_ip, "ENABLED or DISABLED")
      ->type_name("ENABLED|DISABLED");
  diagnose->add_option("--platform-version", d.platform_version, "Fargate platform version (1.4.0)")
      ->type_name("VERSION");
  AddOutputFlags(diagnose, d.output);
  diagnose->add_flag("--live", d.live,
                     "Read the account with your own `aws` command (read-only calls only)");
  diagnose->add_option("--profile", d.profile, "AWS profile for --live")->type_name("PROFILE");
  diagnose->add_option("--region", d.region, "AWS Region for --live")->type_name("REGION");
  diagnose->add_option("--endpoint-url", d.endpoint_url, "AWS endpoint URL for --live")
      ->type_name("URL");
  diagnose->add_option("--save-snapshot", d.save_snapshot, "With --live, also save what was read")
      ->type_name("DIR");
  diagnose->add_option("--aws-cli", d.aws_cli, "With --live, the aws program to run (default: PATH)")
      ->type_name("PATH");
  diagnose->add_flag("--stats", d.stats,
                     "Print where the time and memory went (ingest, model, diagnosis, report) to stderr");
  diagnose->footer(std::string(kExitCodesFooter));

  CollectFlags c;
  CLI::App* collect = app.add_subcommand(
      "collect", "Save the AWS CLI JSON a diagnosis needs into a folder, with your own `aws`");
  collect->add_option("--cluster", c.cluster, "Cluster name or ARN")->type_name("NAME");
  AddList(collect, "--service", c.services, "Services to collect (repeatable)");
  AddList(collect, "--task", c.tasks, "Tasks to collect (repeatable)");
  collect->add_option("--out", c.out_dir, "Folder to write the snapshot to")->type_name("DIR");
  collect->add_flag("--print-commands", c.print_commands,
                    "Also print the commands run, ready to paste (each writes its file)");
  collect->add_option("--profile", c.profile, "AWS profile")->type_name("PROFILE");
  collect->add_option("--region", c.region, "AWS Region")->type_name("REGION");
  collect->add_option("--endpoint-url", c.endpoint_url, "AWS endpoint URL")->type_name("URL");
  collect->add_option("--aws-cli", c.aws_cli, "The aws program to run (default: aws on PATH)")
      ->type_name("PATH");

  std::string checks_format = "text";
  CLI::App* checks_cmd =
      app.add_subcommand("checks", "List every check: code, slug, severity, group, title");
  checks_cmd->add_option("--format", checks_format, "text (default) or json")->type_name("text|json");

  std::string explain_code;
  CLI::App* explain = app.add_subcommand(
      "explain", "Explain one check: rationale, evidence used, remediation, references");
  explain->add_option("CODE", explain_code, "Check code (NET001) or slug")
      ->required()
      ->type_name("CODE");

  OutputFlags demo_flags;
  CLI::App* demo =
      app.add_subcommand("demo", "Diagnose the bundled example snapshot, no AWS needed");
  AddOutputFlags(demo, demo_flags);
  demo->footer(std::string(kExitCodesFooter));

  std::string docs_write, docs_check;
  bool docs_man = false;
  CLI::App* docs = app.add_subcommand(
      "docs", "Generate the check reference (docs/checks) or the man page from the registry");
  docs->add_option("--write", docs_write, "Write <CODE>.md for every check and README.md to DIR")
      ->type_name("DIR");
  docs->add_option("--check", docs_check,
                   "Exit 1 when the pages in DIR differ from what --write would write")
      ->type_name("DIR");
  docs->add_flag("--man", docs_man, "Print the fargate-doctor(1) man page (roff) to stdout");

  SimulateFlags simulate_flags;
  CLI::App* simulate = AddPolicyCommand(app, simulate_flags);

  std::string shell;
  CLI::App* completion = app.add_subcommand(
      "completion", "Print the shell completion script for bash, zsh or fish (see the README)");
  completion->add_option("SHELL", shell, "bash, zsh or fish")
      ->required()
      ->type_name(std::string(kCompletionShells));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success))
      return app.exit(e, out, err);
    return Fail(err, e.what());
  }

  if (diagnose->parsed()) return RunDiagnose(d, terminal, out, err);
  if (collect->parsed()) return RunCollect(c, terminal, out, err);
  if (checks_cmd->parsed()) return RunChecks(checks_format, out, err);
  if (explain->parsed()) return RunExplain(explain_code, terminal, out, err);
  if (demo->parsed()) return RunDemo(demo_flags, terminal, out, err);
  if (simulate->parsed()) return RunPolicySimulate(simulate_flags, out, err);
  if (docs->parsed()) return RunDocs(docs_write, docs_check, docs_man, app, out, err);
  if (completion->parsed()) {
    const std::string script = CompletionScript(app, Lower(shell));
    if (script.empty())
      return Fail(err, fmt::format("completion: SHELL must be bash, zsh or fish, not '{}'", shell));
    out << script;
    return kExitOk;
  }
  return Fail(err,
              "no command given: use diagnose, collect, checks, explain, demo, docs, policy or completion (see --help)");
}

}  // namespace fd::cli
