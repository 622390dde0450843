#include "cli/flags.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
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
  diagnose->add_option("--profile", d.profile, "AWS profile for --live")->type_name("PROFILE");
  diagnose->add_option("--region", d.region, "AWS Region for --live, or of the templates and plans")
      ->type_name("REGION");
  diagnose->add_option("--account", d.account, "Templates and plans: the AWS account they deploy to")
      ->type_name("ID");
  AddList(diagnose, "--parameter", d.parameters, "Templates: a parameter value, [STACK.]KEY=VALUE (repeatable)")
      ->type_name("KEY=VALUE");
  AddList(diagnose, "--parameters", d.parameter_files,
                       "Templates: a parameter file (create-stack --parameters or CodePipeline shape), [STACK=]FILE")
      ->type_name("FILE");
  diagnose->add_option("--endpoint-url", d.endpoint_url, "AWS endpoint URL for --live")
      ->type_name("URL");
  diagnose->add_option("--save-snapshot", d.save_snapshot, "With --live, also save what was read")
      ->type_name("DIR");
  diagnose->add_option("--aws-cli", d.aws_cli, "With --live, the aws program to run (default: PATH)")
      ->type_name("PATH");
  diagnose->add_option("--shard", d.shard_text,
                       "With --live, take shard I of N (0 <= I < N) of the live scopes; join the N "
                       "reports with `merge`")
      ->type_name("I/N");
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
  collect->add_option("--profile", c.profile, "AWS profile")->type_name("PROFILE");
  collect->add_option("--region", c.region, "AWS Region")->type_name("REGION");
  collect->add_option("--endpoint-url", c.endpoint_url, "AWS endpoint URL")->type_name("URL");
  collect->add_option("--aws-cli", c.aws_cli, "The aws program to run (default: aws on PATH)")
      ->type_name("PATH");
  return collect;
}

}  // namespace fd::cli
