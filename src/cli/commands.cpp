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
#include "cli/catalogue.h"
#include "cli/completion.h"
#include "cli/demo_snapshot.h"
#include "cli/docs.h"
#include "cli/flags.h"
#include "cli/live.h"
#include "cli/merge.h"
#include "cli/policy_simulate.h"
#include "cli/stats.h"
#include "cli/usage.h"
#include "util/build_info.h"
#include "engine/diagnose.h"
#include "ingest/snapshot.h"
#include "predeploy/edits.h"
#include "predeploy/load.h"
#include "predeploy/variants.h"
#include "util/cpus.h"
#include "writers/html_writer.h"
#include "writers/json_writer.h"
#include "writers/markdown_writer.h"
#include "writers/sarif_writer.h"
#include "writers/text_writer.h"
#include "util/strings.h"

namespace fd::cli {
namespace {

using util::Lower;
using util::Upper;

// --- output ----------------------------------------------------------------------------

bool UseColor(const OutputFlags& f, const Terminal& t) {
  return t.stdout_is_tty && !t.no_color && !f.no_color && f.output.empty();
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

int DiagnoseAndPrint(Expected<model::Model> model, engine::DiagnoseOptions options,
                     const OutputFlags& f, const Terminal& terminal, std::ostream& out,
                     std::ostream& err, const ingest::LoadStats* stats = nullptr,
                     const std::function<void(report::Report&)>& amend = {}) {
  if (!model) return Fail(err, model.error().message);
  options.select = f.select;
  options.ignore = f.ignore;
  PhaseTimes times;
  const auto diagnose_start = std::chrono::steady_clock::now();
  const double diagnose_cpu_start = ingest::ProcessCpuSeconds();
  Expected<report::Report> report = engine::Diagnose(*model, options);
  if (!report) return Fail(err, report.error().message);
  if (amend) amend(*report);
  times.diagnose = Since(diagnose_start);
  times.diagnose_cpu = ingest::ProcessCpuSeconds() - diagnose_cpu_start;
  const size_t targets = report->targets.size();
  const auto render_start = std::chrono::steady_clock::now();
  const double render_cpu_start = ingest::ProcessCpuSeconds();

  size_t bytes = 0;
  const int rc = PrintReport(std::move(*report), f, terminal, out, err, &bytes);
  if (rc == kExitUsage) return rc;  // the report could not be written (ExitCodeFor never gives 2)
  times.render = Since(render_start);
  times.render_cpu = ingest::ProcessCpuSeconds() - render_cpu_start;
  if (stats) PrintStats(err, *stats, targets, times, f.format, bytes);
  KeepUntilExit(std::move(*model));
  return rc;
}

/// Loads the snapshot at `paths` and diagnoses it (`diagnose PATH…` and `diagnose --live`).
int LoadDiagnoseAndPrint(const std::vector<std::string>& paths, engine::DiagnoseOptions options,
                         const DiagnoseFlags& d, const Terminal& terminal, std::ostream& out,
                         std::ostream& err, const std::function<void(report::Report&)>& amend = {}) {
  ingest::LoadStats load;
  Expected<model::Model> model = ingest::LoadPaths(paths, &load);
  load.peak_rss_after = PeakRss();
  return DiagnoseAndPrint(std::move(model), std::move(options), d.output, terminal, out, err,
                          d.stats ? &load : nullptr, amend);
}

// --- commands --------------------------------------------------------------------------

/// Templates, CDK assemblies and Terraform plans: the model they declare, diagnosed, each
/// finding located at its declaration.
int DiagnoseDeclared(const DiagnoseFlags& d, const std::vector<predeploy::InputKind>& kinds,
                     engine::DiagnoseOptions options, const Terminal& terminal, std::ostream& out, std::ostream& err) {
  predeploy::LoadOptions o{d.aws.Region(), d.account, d.parameters, d.parameter_files};
  Expected<predeploy::DeclaredModel> declared = predeploy::Load(d.paths, kinds, o);
  if (!declared) return Fail(err, declared.error().message);
  const model::Model& m = declared->model;
  if (m.services().all().empty() && m.tasks().all().empty() && !options.task_definition &&
      options.task_definition_ref.empty())
    return Fail(err, "the templates and plans given declare no ECS service to diagnose; to check a task "
                     "definition they declare, pass --task-definition FAMILY:REVISION --subnets ID,...");
  const fix::Declarations declarations = predeploy::DeclarationsOf(*declared);
  // Templates and plans are never mixed in one run (Load refuses it): the first says which
  // language the fixes are written in; a snapshot's IDs beside them stay literal.
  const auto kind = std::find_if(kinds.begin(), kinds.end(),
                                 [](predeploy::InputKind k) { return k != predeploy::InputKind::kSnapshot; });
  const auto origins = std::move(declared->origins);
  // With a snapshot beside them, the declared services are the targets: the account's own are
  // the world they join (diagnose the snapshot alone for those).
  const bool with_snapshot = std::find(kinds.begin(), kinds.end(), predeploy::InputKind::kSnapshot) != kinds.end();
  if (with_snapshot && options.services.empty() && options.tasks.empty())
    for (const auto& s : m.services())
      if (origins.contains(s.arn)) options.services.push_back(s.arn);
  const std::vector<predeploy::Variant> variants = predeploy::Variants(declared->undecided);
  engine::DiagnoseOptions variant_options = options;
  variant_options.select = d.output.select;
  variant_options.ignore = d.output.ignore;
  auto amend = [&](report::Report& report) {
    predeploy::Locate(report, origins);  // a template's findings point at their lines
    for (const predeploy::Variant& v : variants) {
      predeploy::LoadOptions vo = o;
      vo.parameters.insert(vo.parameters.end(), v.parameters.begin(), v.parameters.end());
      Expected<predeploy::DeclaredModel> dv = predeploy::Load(d.paths, kinds, vo);
      Expected<report::Report> rv = dv ? engine::Diagnose(dv->model, variant_options) : MakeError(dv.error().code, dv.error().message);
      if (!rv) {
        report.input_notes.push_back({"", "", "evaluated with " + v.label + ": " + rv.error().message});
        continue;
      }
      predeploy::Locate(*rv, dv->origins);
      predeploy::AddVariant(report, *rv, v.label);
    }
    // Last, so the findings only one way has get their edits too.
    if (kind != kinds.end()) predeploy::AddEdits(report, *kind, declarations);
  };
  return DiagnoseAndPrint(std::move(declared->model), options, d.output, terminal, out, err, nullptr, amend);
}

int RunDiagnose(DiagnoseFlags& d, const Terminal& terminal, std::ostream& out, std::ostream& err) {
  std::vector<predeploy::InputKind> kinds;
  if (!d.live)
    for (const auto& p : d.paths) kinds.push_back(predeploy::Classify(p));
  const bool declared = std::any_of(kinds.begin(), kinds.end(),
                                    [](predeploy::InputKind k) { return k != predeploy::InputKind::kSnapshot; });
  if (!d.live) {
    // Offline there is nothing to share out or sweep (a silently whole report per shard would be
    // merged N times); templates and plans take one Region.
    std::string live_only = d.aws.FirstLiveOnly();
    if (live_only.empty() && !d.save_snapshot.empty()) live_only = "--save-snapshot";
    if (live_only.empty() && !declared && !d.aws.regions.empty()) live_only = "--region";
    if (!live_only.empty())
      return Fail(err, live_only + " needs --live (--region also goes with templates and plans)");
    d.aws.regions = Items(d.aws.regions);
    if (d.aws.regions.size() > 1) return Fail(err, "templates and plans take one --region");
  }
  if (!declared && (!d.account.empty() || !d.parameters.empty() || !d.parameter_files.empty()))
    return Fail(err, "--account, --parameter and --parameters go with templates and plans");
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
  if (d.live) {
    auto diagnose = [&](const std::vector<std::string>& paths, engine::DiagnoseOptions o,
                        const std::function<void(report::Report&)>& amend) {
      if (!paths.empty()) return LoadDiagnoseAndPrint(paths, std::move(o), d, terminal, out, err, amend);
      report::Report nothing;
      amend(nothing);
      return PrintReport(std::move(nothing), d.output, terminal, out, err);
    };
    return RunLive(d, std::move(options), terminal, err, diagnose);
  }
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
  if (declared) return DiagnoseDeclared(d, kinds, std::move(options), terminal, out, err);
  return LoadDiagnoseAndPrint(d.paths, std::move(options), d, terminal, out, err);
}

int RunDemo(OutputFlags& f, const Terminal& terminal, std::ostream& out, std::ostream& err) {
  if (std::string e = ValidateOutput(f); !e.empty()) return Fail(err, e);
  err << "fargate-doctor: diagnosing the bundled example (examples/demo); no AWS access is used\n";
  std::vector<ingest::InputFile> files;
  for (const EmbeddedFile& file : DemoSnapshot()) files.push_back({file.name, file.content});
  return DiagnoseAndPrint(ingest::LoadFiles(files), engine::DiagnoseOptions{}, f, terminal, out,
                          err);
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

int PrintReport(report::Report report, const OutputFlags& f, const Terminal& terminal, std::ostream& out,
                std::ostream& err, size_t* bytes) {
  const int rc = ExitCodeFor(report, f.fail_on);
  size_t written = 0;
  auto write = [&](std::ostream& os) { return WriteReport(std::move(report), f, terminal, os); };
  if (int e = Emit(f, out, err, write, written); e != kExitOk) return e;
  if (bytes) *bytes = written;
  return rc;
}

size_t WriteReport(report::Report report, const OutputFlags& f, const Terminal& terminal,
                   std::ostream& os) {
  // JSON is streamed as it is written: a whole account's JSON report (every trace) is
  // hundreds of megabytes, and holding it whole would double the run's memory.
  if (f.format == "json") return writers::WriteJson(std::move(report), os);
  std::string text;
  if (f.format == "sarif") {
    text = writers::RenderSarif(std::move(report));
  } else if (f.format == "markdown") {
    text = writers::RenderMarkdown(std::move(report));
  } else if (f.format == "html") {
    text = writers::RenderHtml(std::move(report));
  } else {
    writers::TextOptions o;
    o.color = UseColor(f, terminal);
    o.width = f.output.empty() && terminal.stdout_is_tty ? terminal.width : 100;
    o.detail = f.quiet     ? writers::TextOptions::Detail::kQuiet
               : f.verbose ? writers::TextOptions::Detail::kVerbose
                           : writers::TextOptions::Detail::kNormal;
    text = writers::RenderText(std::move(report), o);
  }
  os << text;
  return text.size();
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
  CLI::App* diagnose = AddDiagnoseCommand(app, d);
  CollectFlags c;
  CLI::App* collect = AddCollectCommand(app, c);
  MergeFlags merge_flags;
  CLI::App* merge = AddMergeCommand(app, merge_flags);

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
  if (merge->parsed()) return RunMerge(merge_flags, terminal, out, err);
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
              "no command given: use diagnose, collect, merge, checks, explain, demo, docs, policy or completion (see --help)");
}

}  // namespace fd::cli
