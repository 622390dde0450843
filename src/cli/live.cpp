#include "cli/live.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <stdlib.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <ostream>

#include "cli/usage.h"
#include "live/aws_cli.h"
#include "live/collector.h"
#include "live/process.h"
#include "live/sweep.h"
#include "report/cli_requirements.h"

namespace fd::cli {
namespace {

/// A fresh private folder under $TMPDIR (or /tmp) for a live run's snapshot; "" on failure.
std::string MakeTempDir() {
  const char* tmp = std::getenv("TMPDIR");
  std::string templ = std::string(tmp && tmp[0] ? tmp : "/tmp") + "/fargate-doctor-XXXXXX";
  std::vector<char> buf(templ.begin(), templ.end());
  buf.push_back('\0');
  if (::mkdtemp(buf.data()) == nullptr) return "";
  return std::string(buf.data());
}

/// The folder a run writes to: `dir`, or a temporary one removed when this goes out of scope.
struct SnapshotDir {
  std::string path;
  bool temporary = false;
  ~SnapshotDir() {
    std::error_code ec;
    if (temporary) std::filesystem::remove_all(path, ec);
  }
};

Expected<void> Prepare(SnapshotDir& dir, const std::string& given) {
  dir.path = given;
  if (!given.empty()) return {};
  dir.path = MakeTempDir();
  dir.temporary = !dir.path.empty();
  if (dir.path.empty()) return MakeError(ErrorCode::kIo, "cannot create a temporary folder for the snapshot");
  return {};
}

/// The runner options of the flags; an error when no aws program is found.
Expected<live::AwsOptions> AwsOptionsOf(const LiveFlags& f) {
  live::AwsOptions aws;
  aws.aws_path = live::FindAwsCli(f.aws_cli);
  if (aws.aws_path.empty()) {
    return MakeError(ErrorCode::kUsage,
                     f.aws_cli.empty() ? std::string("cannot find the `aws` command on PATH; install "
                                                     "the AWS CLI (v1 or v2) or give --aws-cli PATH")
                                       : fmt::format("--aws-cli {}: not an executable file", f.aws_cli));
  }
  aws.profile = f.profile;
  aws.region = f.Region();
  aws.endpoint_url = f.endpoint_url;
  return aws;
}

/// Checks the target flags of a live run of named services or tasks; an error message or "".
std::string CheckNamed(const std::string& cluster, const std::vector<std::string>& services,
                       const std::vector<std::string>& tasks, std::string_view command) {
  if (cluster.empty())
    return fmt::format("{} needs --cluster NAME (with --service NAME or --task ID, or alone for every "
                       "service in it) or --all-clusters",
                       command);
  if (!services.empty() && !tasks.empty())
    return fmt::format("{} takes --service or --task, not both", command);
  return "";
}

/// Runs the plan of named services or tasks into `dir`; notes denied and failed calls on `err`.
Expected<live::CollectReport> CollectNamed(const live::AwsOptions& aws, live::CollectTarget t,
                                           const std::string& dir, const Terminal& terminal,
                                           std::ostream& err) {
  live::CollectOptions o;
  o.targets = {std::move(t)};
  o.out_dir = dir;
  o.progress = terminal.stderr_is_tty;
  Expected<live::CollectReport> report = live::Collect(live::AwsCli(aws), o, err);
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

/// Sweeps the flags' clusters, Regions and accounts into `dir`; prints the run summary on `err`.
Expected<live::SweepReport> SweepInto(const live::AwsOptions& aws, const LiveFlags& f,
                                      const std::string& cluster, const std::string& dir,
                                      const Terminal& terminal, std::ostream& err) {
  live::SweepOptions o;
  if (!cluster.empty()) o.clusters = {cluster};
  o.all_clusters = f.all_clusters;
  o.regions = f.regions;
  o.all_regions = f.all_regions;
  o.accounts = {f.accounts, f.accounts_from_organization, f.assume_role, f.profiles};
  if (f.shard) {
    o.shard_index = f.shard->index;
    o.shard_count = f.shard->count;
  }
  o.out_dir = dir;
  o.resume = f.resume;
  o.progress_bar = terminal.stderr_is_tty;
  Expected<live::SweepReport> report = live::Sweep(aws, o, err);
  if (report) err << live::SweepSummary(*report);
  return report;
}

/// A sweep's gaps in the report: a note per account and Region not collected, and the verdict
/// no better than inconclusive (exit 3 unless a finding already gives 1).
void AddGaps(report::Report& r, const live::SweepReport& sweep) {
  for (const live::ItemOutcome& x : sweep.items) {
    if (x.status != live::ItemStatus::kFailed) continue;
    r.input_notes.push_back({"", "", fmt::format("account {}, Region {}: not collected: {}",
                                                 live::AccountLabel(x.item), live::RegionLabel(x.item), x.error)});
  }
  if (sweep.Failed() > 0 && r.verdict == report::Verdict::kOk) r.verdict = report::Verdict::kInconclusive;
}

int RunSweep(DiagnoseFlags& d, engine::DiagnoseOptions options, const live::AwsOptions& aws,
             const Terminal& terminal, std::ostream& err, const DiagnoseSnapshot& diagnose) {
  SnapshotDir dir;
  if (auto made = Prepare(dir, d.save_snapshot); !made) return Fail(err, made.error().message);
  Expected<live::SweepReport> sweep = SweepInto(aws, d.aws, d.cluster, dir.path, terminal, err);
  if (!sweep) return Fail(err, sweep.error().message);
  auto amend = [&](report::Report& r) { AddGaps(r, *sweep); };
  if (sweep->Found() == 0) {
    // Still a report (no target, the gaps as notes): a shard's is merged with the others'.
    err << "fargate-doctor: no ECS service or task in the swept clusters: nothing to diagnose\n";
    return diagnose({}, std::move(options), amend);
  }
  // Every cluster the sweep read is a target's: --cluster picked them already.
  options.cluster.clear();
  return diagnose({dir.path}, std::move(options), amend);
}

}  // namespace

int RunLive(DiagnoseFlags& d, engine::DiagnoseOptions options, const Terminal& terminal,
            std::ostream& err, const DiagnoseSnapshot& diagnose) {
  if (!d.paths.empty())
    return Fail(err, "--live reads the account, not files: drop the PATH arguments or --live");
  if (!d.task_definition.empty() || !options.subnets.empty() || !options.security_groups.empty())
    return Fail(err, "--live diagnoses an existing service or task: use --service or --task");
  const bool named = !options.services.empty() || !options.tasks.empty();
  if (std::string e = CheckLive(d.aws, d.cluster, named); !e.empty()) return Fail(err, e);
  Expected<live::AwsOptions> aws = AwsOptionsOf(d.aws);
  if (!aws) return Fail(err, aws.error().message);
  // Fix commands this CLI is too old to run say so; the version is no AWS call.
  const live::ProcessResult version = live::RunProcess({aws->aws_path, "--version"});
  options.aws_cli = report::ParseAwsCliVersion(version.out + version.err);
  if (d.aws.Sweeps(named)) return RunSweep(d, std::move(options), *aws, terminal, err, diagnose);
  if (std::string e = CheckNamed(d.cluster, options.services, options.tasks, "diagnose --live"); !e.empty())
    return Fail(err, e);
  SnapshotDir dir;
  if (auto made = Prepare(dir, d.save_snapshot); !made) return Fail(err, made.error().message);
  Expected<live::CollectReport> collected =
      CollectNamed(*aws, {d.cluster, options.services, options.tasks}, dir.path, terminal, err);
  if (!collected) return Fail(err, collected.error().message);
  // The same offline diagnosis as `diagnose DIR`, so the two reports are identical but for
  // those notes.
  return diagnose({dir.path}, std::move(options), {});
}

int RunCollect(CollectFlags& c, const Terminal& terminal, std::ostream& out, std::ostream& err) {
  const std::vector<std::string> services = Items(c.services), tasks = Items(c.tasks);
  const bool named = !services.empty() || !tasks.empty();
  if (std::string e = CheckLive(c.aws, c.cluster, named); !e.empty()) return Fail(err, e);
  const bool sweep = c.aws.Sweeps(named);
  if (c.out_dir.empty() && (sweep || !c.print_commands))
    return Fail(err, sweep ? "a sweep needs --out DIR" : "collect needs --out DIR (or --print-commands)");
  if (sweep && c.print_commands)
    return Fail(err, "--print-commands prints one collection's commands; collect a sweep with --out DIR");
  if (!sweep && c.aws.resume) return Fail(err, "--resume continues a sweep (--all-clusters, --region ..., --accounts ...)");
  Expected<live::AwsOptions> aws = AwsOptionsOf(c.aws);
  if (!aws) return Fail(err, aws.error().message);
  if (sweep) {
    Expected<live::SweepReport> swept = SweepInto(*aws, c.aws, c.cluster, c.out_dir, terminal, err);
    if (!swept) return Fail(err, swept.error().message);
    err << fmt::format("fargate-doctor: diagnose the sweep with `fargate-doctor diagnose {}`\n", c.out_dir);
    return swept->Failed() > 0 ? kExitInconclusive : kExitOk;
  }
  if (std::string e = CheckNamed(c.cluster, services, tasks, "collect"); !e.empty()) return Fail(err, e);
  SnapshotDir dir;
  if (auto made = Prepare(dir, c.out_dir); !made) return Fail(err, made.error().message);
  Expected<live::CollectReport> collected = CollectNamed(*aws, {c.cluster, services, tasks}, dir.path, terminal, err);
  if (!collected) return Fail(err, collected.error().message);
  if (c.print_commands) {
    live::AwsOptions shown;
    shown.profile = c.aws.profile;
    shown.region = c.aws.Region();
    shown.endpoint_url = c.aws.endpoint_url;
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

}  // namespace fd::cli
