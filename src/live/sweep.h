#pragma once
/// A live sweep: every service (and every task stuck right now) of whole clusters, Regions and
/// accounts, collected into one snapshot folder laid out as
///
///     OUT/accounts/<account>/<region>/        one complete collection (collector.h)
///     OUT/accounts/<account>/<region>.incomplete/   one that was interrupted
///
/// so ingest takes each entity's account and Region from the folder names when its own ARN does
/// not say them, and never reads an interrupted collection as if it were the whole of it
/// (ingest::kIncompleteSuffix). A collection is written into its .incomplete folder and renamed
/// when its last call is saved, so the folder is complete or plainly marked, never half-written
/// under its real name. `resume` keeps the complete ones and redoes the rest.
///
/// The work list is accounts × Regions, in a fixed order, computed from the flags and the
/// caller's own credentials only (organizations list-accounts, ec2 describe-regions), so every
/// shard computes the same list and takes items I, I+N, I+2N, … of it (`shard`). Another
/// account is read through a role assumed there (`sts assume-role` through the same allowlisted
/// runner; the credentials stay in this process's memory and reach each `aws` in its
/// environment), or through a named profile. An account whose role cannot be assumed, a Region
/// that is not enabled, or a collection that fails is a gap: reported, and the sweep goes on.

#include <iosfwd>
#include <string>
#include <vector>

#include "live/aws_cli.h"
#include "util/error.h"

namespace fd::live {

/// Which accounts a sweep reads; all empty = the caller's own.
struct AccountScope {
  std::vector<std::string> accounts;  ///< 12-digit IDs (--accounts)
  bool from_organization = false;     ///< every ACTIVE account of the organization
  /// The role to assume in each account (required with `accounts` and `from_organization`; the
  /// CLI checks, cli::CheckLive): a name (arn:<partition>:iam::<account>:role/<name>) or an ARN
  /// pattern in which {account} stands for the account ID.
  std::string assume_role;
  std::vector<std::string> profiles;  ///< named profiles, one account each (SSO)
};

struct SweepOptions {
  std::vector<std::string> clusters;  ///< names or ARNs; with all_clusters, added to those listed
  bool all_clusters = false;
  std::vector<std::string> regions;  ///< empty = the aws CLI's own Region
  bool all_regions = false;          ///< the Regions enabled for the caller's account
  AccountScope accounts;
  int shard_index = 0, shard_count = 1;
  std::string out_dir;
  bool resume = false;       ///< keep complete collections already in out_dir
  bool progress_bar = false; ///< stderr is a terminal: one redrawn line; else a line per item
  int parallel = 8;          ///< concurrent aws processes per stage of a collection
  /// Account-Regions collected side by side: most Regions of an organization hold no cluster
  /// and cost one call, so their round trips overlap rather than add up.
  int items_at_once = 4;
};

/// One account × Region of the work list.
struct WorkItem {
  std::string account;   ///< ID; "" = the caller's own (or the profile's), learnt when run
  std::string profile;   ///< from --profiles
  std::string role_arn;  ///< assumed for this account; "" = none
  std::string region;
};

enum class ItemStatus { kCollected, kAlreadyComplete, kFailed };

/// What became of one item of this shard.
struct ItemOutcome {
  WorkItem item;
  ItemStatus status = ItemStatus::kFailed;
  std::string folder;   ///< relative to out_dir: accounts/<account>/<region>
  std::string error;    ///< why it failed: one line
  size_t calls = 0, clusters = 0, services = 0, tasks = 0;
  double seconds = 0;
};

struct SweepReport {
  size_t work_items = 0;             ///< of the whole list, every shard's
  std::vector<ItemOutcome> items;    ///< this shard's, in work-list order
  size_t calls = 0;                  ///< every call this run made, discovery included
  double seconds = 0;
  size_t Failed() const;
  size_t Found() const;  ///< services and tasks described
};

/// How progress, the summary and the report name an item: its account ID (or its profile, before
/// the ID is known), and its Region ("(the aws CLI's)" when the CLI's own configuration picks it).
std::string AccountLabel(const WorkItem& item);
std::string RegionLabel(const WorkItem& item);

/// The folder of one account and Region under a sweep's OUT.
std::string ItemFolder(const std::string& account, const std::string& region);

/// The role ARN to assume in `account`: `role` when it is an ARN pattern ({account} replaced),
/// else a role of that name in the Region's partition.
std::string RoleArnFor(const std::string& role, const std::string& account, const std::string& region);

/// Items index, index + count, … of `items`: this shard's share.
std::vector<WorkItem> ShardOf(const std::vector<WorkItem>& items, int index, int count);

/// An error only when the sweep cannot start (no aws, no credentials, the account or Region
/// list cannot be read) or when every item failed; a failed item otherwise is an outcome.
/// `run` runs each `aws` process (tests script it); empty = RunProcess.
Expected<SweepReport> Sweep(const AwsOptions& aws, const SweepOptions& options,
                            std::ostream& progress, const ProcessFn& run = nullptr);

/// The run summary: one line per failed item (account, Region, why) after a count line.
std::string SweepSummary(const SweepReport& report);

}  // namespace fd::live
