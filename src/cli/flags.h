#pragma once
/// The options of each command (docs/design/report.md), bound to plain structs, and their
/// checks: one place for what `diagnose`, `collect` and `demo` accept.

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.h"

namespace fd::cli {

inline constexpr std::string_view kExitCodesFooter =
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

/// `--shard I/N`: this process is shard I of N (0 <= I < N) of a run split over N processes, each
/// taking its share of the live scopes; the N reports are joined with `fargate-doctor merge`.
struct Shard {
  int index = 0;
  int count = 1;
  friend bool operator==(const Shard&, const Shard&) = default;
};

/// "I/N" as a Shard, or the error message naming what is wrong with it.
Expected<Shard> ParseShard(std::string_view text);

/// How a live run reaches AWS and how far it reads: one named service or task, or a sweep of
/// whole clusters, Regions and accounts (live/sweep.h). Shared by `diagnose --live` and `collect`.
struct LiveFlags {
  std::string profile;
  std::vector<std::string> regions;  ///< --region, repeatable; templates and plans take one
  std::string endpoint_url;
  std::string aws_cli;
  bool all_clusters = false;
  bool all_regions = false;
  std::vector<std::string> accounts;  ///< --accounts ID,...
  bool accounts_from_organization = false;
  std::string assume_role;            ///< --assume-role-name NAME, or a role ARN with {account}
  std::vector<std::string> profiles;  ///< --profiles P,...: one account each
  std::string shard_text;             ///< --shard as given
  std::optional<Shard> shard;         ///< parsed by CheckLive
  bool resume = false;                ///< collect --resume

  /// The one Region given ("" for none).
  std::string Region() const { return regions.empty() ? "" : regions.front(); }
  /// Whether a live run sweeps (clusters, Regions or accounts read whole) rather than reads the
  /// services and tasks it is given.
  bool Sweeps(bool named_targets) const;
  /// The first flag given that only a live run takes ("" when none), for "needs --live".
  std::string FirstLiveOnly() const;
};

/// Expands the lists, parses --shard and checks that the flags go together; an error message or
/// "". `cluster` and `named_targets` are the run's --cluster and whether it names services or tasks.
std::string CheckLive(LiveFlags& f, const std::string& cluster, bool named_targets);

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
  LiveFlags aws;
  std::string account;                   ///< templates and plans: AWS::AccountId
  std::vector<std::string> parameters;   ///< templates: --parameter [STACK.]KEY=VALUE
  std::vector<std::string> parameter_files;  ///< templates: --parameters [STACK=]FILE
  std::string save_snapshot;
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
  LiveFlags aws;
};

/// `merge`: reports of several runs joined into one (merge/merge.h).
struct MergeFlags {
  std::vector<std::string> paths;
  OutputFlags output;  ///< format ("" = that of the inputs), output and fail_on only
};

/// A repeatable option that takes one value per occurrence (so it never swallows PATHs) and
/// may hold a comma-separated list.
CLI::Option* AddList(CLI::App* app, const std::string& name, std::vector<std::string>& into,
                     const std::string& help);
void AddOutputFlags(CLI::App* app, OutputFlags& f);
/// Checks the output flags and expands --select/--ignore; returns an error message or "".
std::string ValidateOutput(OutputFlags& f);
/// `diagnose`: its options, bound to `d`.
CLI::App* AddDiagnoseCommand(CLI::App& app, DiagnoseFlags& d);
/// `merge`: its options, bound to `m`.
CLI::App* AddMergeCommand(CLI::App& app, MergeFlags& m);
/// Checks merge's flags; an error message or "". Leaves an unset format "".
std::string ValidateMerge(MergeFlags& m);
/// `collect`: its options, bound to `c`.
CLI::App* AddCollectCommand(CLI::App& app, CollectFlags& c);

}  // namespace fd::cli
