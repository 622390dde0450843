#include "cli/flags.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <span>

#include "checks/check.h"
#include "cli/usage.h"
#include "util/strings.h"

namespace fd::cli {
namespace {

using util::Lower;

/// The values an option accepts, in one place: the option's type name in --help, the man page
/// and the shell completions (a type name "a|b|c" is a list of choices, cli/completion.h), and
/// the list its value is checked against.
constexpr std::array<std::string_view, 5> kReportFormats = {"text", "json", "sarif", "markdown", "html"};
/// `merge` reads JSON reports and SARIF logs, which hold no VPC map for the HTML page.
constexpr std::array<std::string_view, 4> kMergeFormats = {"json", "sarif", "text", "markdown"};
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

void AddOutputFileAndFailOn(CLI::App* app, OutputFlags& f) {
  app->add_option("--output,-o", f.output, "Write the report to FILE instead of stdout (no colour)")
      ->type_name("FILE");
  app->add_option("--fail-on", f.fail_on,
                  "Lowest severity that makes the exit code 1: blocker (default), warning, never")
      ->type_name(Choices(kFailOnLevels));
}

}  // namespace

Expected<Shard> ParseShard(std::string_view text) {
  auto bad = [&](std::string_view why) {
    return MakeError(ErrorCode::kUsage, fmt::format("--shard {}: {}", text, why));
  };
  const size_t slash = text.find('/');
  if (slash == std::string_view::npos) return bad("must be I/N, e.g. 0/4");
  auto number = [](std::string_view s) -> std::optional<int> {
    if (s.empty() || s.size() > 6) return std::nullopt;  // a million shards is no real run
    int n = 0;
    for (char c : s) {
      if (c < '0' || c > '9') return std::nullopt;
      n = n * 10 + (c - '0');
    }
    return n;
  };
  const std::optional<int> index = number(text.substr(0, slash));
  const std::optional<int> count = number(text.substr(slash + 1));
  if (!index || !count) return bad("I and N must be whole numbers, e.g. 0/4");
  if (*count < 1) return bad("N must be at least 1");
  if (*index >= *count) return bad("I must be below N (shards are numbered from 0)");
  return Shard{*index, *count};
}

namespace {

/// `prefix` starts each help text ("With --live, " for diagnose), capitalising what follows.
std::string Help(std::string_view prefix, std::string_view text) {
  if (prefix.empty()) {
    std::string out(text);
    out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
    return out;
  }
  return std::string(prefix) + std::string(text);
}

void AddLiveFlags(CLI::App* app, LiveFlags& f, std::string_view with) {
  app->add_option("--profile", f.profile, Help(with, "the AWS profile to use"))->type_name("PROFILE");
  AddList(app, "--region", f.regions,
          Help(with, with.empty() ? "the AWS Region (repeatable: a sweep of each)"
                                  : "the AWS Region (repeatable: a sweep of each); for templates and plans, theirs"))
      ->type_name("REGION");
  app->add_option("--endpoint-url", f.endpoint_url, Help(with, "the AWS endpoint URL"))->type_name("URL");
  app->add_option("--aws-cli", f.aws_cli, Help(with, "the aws program to run (default: aws on PATH)"))
      ->type_name("PATH");
  app->add_flag("--all-clusters", f.all_clusters, Help(with, "sweep every cluster of each Region"));
  app->add_flag("--all-regions", f.all_regions, Help(with, "sweep every Region enabled for the account"));
  AddList(app, "--accounts", f.accounts, Help(with, "sweep these accounts (ID,...), through --assume-role-name"))
      ->type_name("IDS");
  app->add_flag("--accounts-from-organization", f.accounts_from_organization,
                Help(with, "sweep every active account of the organization (organizations list-accounts)"));
  app->add_option("--assume-role-name", f.assume_role,
                  Help(with, "the role to assume in each swept account: a name, or an ARN with {account}"))
      ->type_name("NAME");
  AddList(app, "--profiles", f.profiles, Help(with, "sweep the account of each of these profiles (P,...)"))
      ->type_name("PROFILES");
  app->add_option("--shard", f.shard_text,
                  Help(with, "take shard I of N (0 <= I < N) of the sweep's account-Regions; join the N "
                             "reports with `merge`"))
      ->type_name("I/N");
}

}  // namespace

bool LiveFlags::Sweeps(bool named_targets) const {
  return !named_targets || all_clusters || all_regions || regions.size() > 1 || !accounts.empty() ||
         accounts_from_organization || !profiles.empty();
}

std::string LiveFlags::FirstLiveOnly() const {
  const std::pair<bool, const char*> flags[] = {
      {!profile.empty(), "--profile"},        {!endpoint_url.empty(), "--endpoint-url"},
      {!aws_cli.empty(), "--aws-cli"},        {all_clusters, "--all-clusters"},
      {all_regions, "--all-regions"},         {!accounts.empty(), "--accounts"},
      {accounts_from_organization, "--accounts-from-organization"},
      {!assume_role.empty(), "--assume-role-name"}, {!profiles.empty(), "--profiles"},
      {!shard_text.empty(), "--shard"}};
  for (const auto& [set, name] : flags)
    if (set) return name;
  return "";
}

std::string CheckLive(LiveFlags& f, const std::string& cluster, bool named_targets) {
  f.regions = Items(f.regions);
  f.accounts = Items(f.accounts);
  f.profiles = Items(f.profiles);
  if (!f.shard_text.empty()) {
    Expected<Shard> shard = ParseShard(f.shard_text);
    if (!shard) return shard.error().message;
    f.shard = *shard;
  }
  const bool sweep = f.Sweeps(named_targets);
  if (!sweep && !f.shard_text.empty())
    return "--shard splits a sweep's account-Regions; a run of named services or tasks has one";
  if (sweep && named_targets)
    return "--service and --task name one cluster's services; a sweep (--all-clusters, --all-regions, "
           "several --region, --accounts, --profiles) reads whole clusters";
  if (sweep && cluster.empty() && !f.all_clusters)
    return "a live run needs --cluster NAME (with --service or --task, or alone for every service "
           "in it) or --all-clusters";
  if (f.all_regions && f.regions.size() > 1)
    return "--all-regions reads the enabled Regions itself: give at most one --region (where to ask)";
  if (!f.profiles.empty() && (!f.accounts.empty() || f.accounts_from_organization))
    return "--profiles names the accounts itself: drop --accounts / --accounts-from-organization";
  if ((!f.accounts.empty() || f.accounts_from_organization) && f.assume_role.empty())
    return "--accounts and --accounts-from-organization need --assume-role-name NAME (or a role ARN "
           "with {account})";
  if (!f.assume_role.empty() && f.accounts.empty() && !f.accounts_from_organization)
    return "--assume-role-name goes with --accounts or --accounts-from-organization";
  if (!f.profiles.empty() && !f.profile.empty())
    return "--profile and --profiles: give one";
  for (const std::string& id : f.accounts)
    if (id.size() != 12 || !std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return fmt::format("--accounts {}: an account ID is 12 digits", id);
  return "";
}

CLI::Option* AddList(CLI::App* app, const std::string& name, std::vector<std::string>& into,
                     const std::string& help) {
  return app->add_option(name, into, help)->allow_extra_args(false)->type_name("LIST");
}

void AddOutputFlags(CLI::App* app, OutputFlags& f) {
  app->add_option("--format", f.format, "Report format: text (default), json, sarif, markdown, html")
      ->type_name(Choices(kReportFormats));
  AddOutputFileAndFailOn(app, f);
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

CLI::App* AddDiagnoseCommand(CLI::App& app, DiagnoseFlags& d) {
  CLI::App* diagnose = app.add_subcommand(
      "diagnose", "Diagnose services, tasks or a task definition from snapshot files, templates or plans");
  diagnose->add_option("PATH", d.paths,
                       "Files or folders of AWS CLI JSON output; CloudFormation templates ([STACK=]FILE), CDK "
                       "cloud assemblies (cdk.out) or Terraform plans (terraform show -json), told by content")
      ->type_name("");
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
  AddLiveFlags(diagnose, d.aws, "With --live, ");
  diagnose->add_option("--account", d.account, "Templates and plans: the AWS account they deploy to")
      ->type_name("ID");
  AddList(diagnose, "--parameter", d.parameters, "Templates: a parameter value, [STACK.]KEY=VALUE (repeatable)")
      ->type_name("KEY=VALUE");
  AddList(diagnose, "--parameters", d.parameter_files,
                       "Templates: a parameter file (create-stack --parameters or CodePipeline shape), [STACK=]FILE")
      ->type_name("FILE");
  diagnose->add_option("--save-snapshot", d.save_snapshot, "With --live, also save what was read")
      ->type_name("DIR");
  diagnose->add_flag("--stats", d.stats,
                     "Print where the time and memory went (ingest, model, diagnosis, report) to stderr");
  diagnose->footer(std::string(kExitCodesFooter));
  return diagnose;
}

CLI::App* AddMergeCommand(CLI::App& app, MergeFlags& m) {
  CLI::App* merge = app.add_subcommand(
      "merge", "Join the JSON reports (or SARIF logs) of several runs into one, as one run over all their targets");
  merge->add_option("REPORT", m.paths, "JSON reports or SARIF logs written by diagnose; the later wins a "
                                       "target that several hold")
      ->required()
      ->type_name("");
  m.output.format.clear();
  merge->add_option("--format", m.output.format,
                    "Report format: that of the inputs (default: sarif when all are SARIF, else json), text, "
                    "markdown")
      ->type_name(Choices(kMergeFormats));
  AddOutputFileAndFailOn(merge, m.output);
  merge->footer(std::string(kExitCodesFooter));
  return merge;
}

std::string ValidateMerge(MergeFlags& m) {
  m.output.format = Lower(m.output.format);
  if (!m.output.format.empty())
    if (std::string e = CheckChoice("--format", kMergeFormats, m.output.format); !e.empty()) return e;
  m.output.fail_on = Lower(m.output.fail_on);
  return CheckChoice("--fail-on", kFailOnLevels, m.output.fail_on);
}

CLI::App* AddCollectCommand(CLI::App& app, CollectFlags& c) {
  CLI::App* collect = app.add_subcommand(
      "collect", "Save the AWS CLI JSON a diagnosis needs into a folder, with your own `aws`");
  collect->add_option("--cluster", c.cluster, "Cluster name or ARN")->type_name("NAME");
  AddList(collect, "--service", c.services, "Services to collect (repeatable)");
  AddList(collect, "--task", c.tasks, "Tasks to collect (repeatable)");
  collect->add_option("--out", c.out_dir, "Folder to write the snapshot to")->type_name("DIR");
  collect->add_flag("--print-commands", c.print_commands,
                    "Also print the commands run, ready to paste (each writes its file)");
  AddLiveFlags(collect, c.aws, "");
  collect->add_flag("--resume", c.aws.resume,
                    "A sweep into --out: keep the account-Regions an earlier run completed, redo the rest");
  return collect;
}

}  // namespace fd::cli
