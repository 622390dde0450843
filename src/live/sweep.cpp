#include "live/sweep.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <ostream>
#include <set>
#include <sstream>
#include <thread>

#include "ingest/references.h"
#include "ingest/snapshot.h"
#include "live/collector.h"
#include "model/arn.h"

namespace fd::live {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

/// The record a complete collection leaves beside its answers (ingest ignores its shape).
constexpr const char* kRecordFile = "collection.json";
/// The folder name of a collection in the aws CLI's own Region, until its answers say which.
constexpr const char* kCliRegion = "cli-region";

double Since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

std::string Elapsed(double seconds) {
  const int s = static_cast<int>(seconds);
  return s < 60 ? fmt::format("{}s", s) : fmt::format("{}m{:02}s", s / 60, s % 60);
}

/// Why a call failed, in one line: "Code: message", or the message alone when there is no code.
std::string Reason(const AwsResult& r) { return r.code.empty() ? r.message : r.code + ": " + r.message; }

/// One call with the caller's own credentials, counted; the answer's references, or an error
/// naming the call.
Expected<ingest::AnswerRefs> Ask(const AwsCli& aws, const AwsCall& call, size_t& calls) {
  ++calls;
  AwsResult r = aws.Execute(call);
  if (r.outcome != CallOutcome::kOk) {
    return MakeError(r.outcome == CallOutcome::kFatal ? ErrorCode::kUsage : ErrorCode::kUnknownTarget,
                     fmt::format("aws {} {}: {}", call.args[0], call.args[1], Reason(r)));
  }
  return ingest::ReferencesOf(call.args[0], call.args[1], r.output);
}

/// The sorted, unique, non-empty items of `v`.
std::vector<std::string> Sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  v.erase(std::remove(v.begin(), v.end(), std::string()), v.end());
  return v;
}

/// The account × Region list, the same in every shard.
Expected<std::vector<WorkItem>> WorkList(const AwsCli& aws, const SweepOptions& o, const ProcessFn& run,
                                         size_t& calls) {
  std::vector<std::string> regions = o.regions;
  if (o.all_regions) {
    // With --profiles there may be no default credentials: the first profile's account asks.
    AwsOptions asker = aws.options();
    if (!o.accounts.profiles.empty()) asker.profile = o.accounts.profiles.front();
    auto listed = Ask(AwsCli(asker, run), {{"ec2", "describe-regions"}, o.regions.empty() ? "" : o.regions[0]}, calls);
    if (!listed) return tl::unexpected(listed.error());
    regions = Sorted(listed->regions);
  }
  if (regions.empty()) regions = {""};  // the CLI's own
  const AccountScope& a = o.accounts;
  std::vector<WorkItem> bases;
  if (!a.profiles.empty()) {
    for (const std::string& p : a.profiles) bases.push_back({"", p, "", ""});
  } else if (a.from_organization || !a.accounts.empty()) {
    std::vector<std::string> ids = a.accounts;
    if (a.from_organization) {
      auto listed = Ask(aws, {{"organizations", "list-accounts"}, ""}, calls);
      if (!listed) return tl::unexpected(listed.error());
      ids.insert(ids.end(), listed->accounts.begin(), listed->accounts.end());
    }
    for (const std::string& id : Sorted(ids))
      bases.push_back({id, "", RoleArnFor(a.assume_role, id, regions.front()), ""});
  } else {
    bases.push_back({});
  }
  std::vector<WorkItem> items;
  for (const WorkItem& base : bases)
    for (const std::string& region : regions) {
      items.push_back(base);
      items.back().region = region;
    }
  return items;
}

/// How one account is reached: the runner options its calls use, and its ID.
struct AccountAccess {
  AwsOptions options;
  std::string account;
  std::string error;  ///< why the account cannot be reached; its items fail with it
};

AccountAccess Reach(const AwsCli& caller, const WorkItem& item, const ProcessFn& run, size_t& calls) {
  // Asked in the caller's own Region, not the item's: the account is reached once for all its
  // Regions, and the first of them may be one this account has not enabled.
  AccountAccess access{caller.options(), item.account, ""};
  if (!item.role_arn.empty()) {
    ++calls;
    AwsResult r = caller.Execute({{"sts", "assume-role", "--role-arn", item.role_arn,
                                   "--role-session-name", "fargate-doctor"},
                                  access.options.region});
    std::optional<ingest::AssumedCredentials> c =
        r.outcome == CallOutcome::kOk ? ingest::CredentialsOf(r.output) : std::nullopt;
    r.output.assign(r.output.size(), '\0');  // the answer's text is not kept past here
    if (!c) {
      access.error = fmt::format("cannot assume {}: {}", item.role_arn,
                                 r.outcome == CallOutcome::kOk ? "the answer holds no credentials" : Reason(r));
      return access;
    }
    access.options.credentials = Credentials{c->access_key_id, c->secret_access_key, c->session_token};
    return access;
  }
  if (!item.profile.empty()) access.options.profile = item.profile;
  auto who = Ask(AwsCli(access.options, run), {{"sts", "get-caller-identity"}, ""}, calls);
  if (!who || who->accounts.empty() || who->accounts[0].empty()) {
    access.error = who ? "sts get-caller-identity named no account" : who.error().message;
    if (!item.profile.empty()) access.error = "profile " + item.profile + ": " + access.error;
  } else {
    access.account = who->accounts[0];
  }
  return access;
}

/// Writes the record of a complete collection and moves it to its real name.
Expected<std::string> Finish(const fs::path& out, const fs::path& partial, const WorkItem& item,
                             const std::string& account, const CollectReport& c) {
  const std::string region = item.region.empty() ? c.region : item.region;
  const std::string folder = ItemFolder(account, region.empty() ? kCliRegion : region);
  // One top-level key, so ingest never reads the counts as ECS answers ("services", …).
  json record = {{"fargateDoctorCollection",
                  {{"version", 1}, {"account", account}, {"region", region}, {"calls", c.calls.size()},
                   {"clusters", c.clusters}, {"services", c.services}, {"tasks", c.tasks}}}};
  std::ofstream f(partial / kRecordFile, std::ios::trunc);
  f << record.dump(2) << "\n";
  f.flush();
  std::error_code ec;
  fs::remove_all(out / folder, ec);
  if (f) fs::rename(partial, out / folder, ec);
  if (!f || ec)
    return MakeError(ErrorCode::kIo, fmt::format("cannot finish {}: {}", (out / folder).string(),
                                                 ec ? ec.message() : "write failed"));
  return folder;
}

/// A collection an earlier run completed, read back (its counts), or nullopt.
std::optional<ItemOutcome> AlreadyComplete(const fs::path& out, const WorkItem& item,
                                           const std::string& account) {
  if (item.region.empty()) return std::nullopt;  // its folder is named after the answers
  ItemOutcome o{item, ItemStatus::kAlreadyComplete, ItemFolder(account, item.region)};
  std::ifstream f(out / o.folder / kRecordFile);
  const json file = json::parse(f, nullptr, false);
  if (!file.is_object() || !file.contains("fargateDoctorCollection")) return std::nullopt;
  const json& record = file["fargateDoctorCollection"];
  if (!record.is_object()) return std::nullopt;
  o.calls = record.value("calls", size_t{0});
  o.clusters = record.value("clusters", size_t{0});
  o.services = record.value("services", size_t{0});
  o.tasks = record.value("tasks", size_t{0});
  return o;
}

/// The key of an item's account in the access cache.
std::string AccountKey(const WorkItem& item) {
  return item.account.empty() ? "profile:" + item.profile : item.account;
}

class Sweeper {
 public:
  Sweeper(const AwsOptions& aws, const SweepOptions& o, std::ostream& progress, const ProcessFn& run)
      : run_(run), caller_(aws, run), o_(o), progress_(progress), start_(Clock::now()) {}

  Expected<SweepReport> Run();

 private:
  ItemOutcome RunItem(const WorkItem& item);
  Expected<CollectReport> CollectItem(const AccountAccess& access, const fs::path& partial);
  void Draw();  ///< with mu_ held
  void Done(const ItemOutcome& outcome);

  ProcessFn run_;
  AwsCli caller_;
  const SweepOptions& o_;
  std::ostream& progress_;
  Clock::time_point start_;
  SweepReport report_;
  std::map<std::string, AccountAccess> access_;  // by AccountKey; filled before any collection
  std::mutex mu_;                                // progress_, done_ and the drawn line
  std::atomic<size_t> calls_{0};
  size_t done_ = 0, mine_ = 0;
};

void Sweeper::Draw() {
  progress_ << fmt::format("\r\033[Kfargate-doctor: sweeping, {}/{} account-Regions done, {} calls, {}", done_,
                           mine_, calls_.load(), Elapsed(Since(start_)))
            << std::flush;
}

void Sweeper::Done(const ItemOutcome& x) {
  std::lock_guard<std::mutex> lock(mu_);
  ++done_;
  if (o_.progress_bar) {
    Draw();
    if (done_ == mine_) progress_ << "\r\033[K" << std::flush;
    return;
  }
  const std::string what =
      x.status == ItemStatus::kFailed
          ? "not collected: " + x.error
          : fmt::format("{} calls, {} services, {} tasks{}", x.calls, x.services, x.tasks,
                        x.status == ItemStatus::kAlreadyComplete ? " (complete from an earlier run)" : "");
  progress_ << fmt::format("fargate-doctor: [{}/{}] {} {}: {} ({:.1f} s)\n", done_, mine_,
                           AccountLabel(x.item), RegionLabel(x.item), what, x.seconds)
            << std::flush;
}

Expected<CollectReport> Sweeper::CollectItem(const AccountAccess& access, const fs::path& partial) {
  CollectOptions c;
  for (const std::string& cluster : o_.clusters) c.targets.push_back({cluster, {}, {}});
  c.sweep = true;
  c.all_clusters = o_.all_clusters;
  c.out_dir = partial.string();
  c.parallel = o_.parallel;
  c.on_call = [&] {
    ++calls_;
    if (!o_.progress_bar) return;
    std::lock_guard<std::mutex> lock(mu_);
    Draw();
  };
  std::ostringstream quiet;  // the sweep draws its own progress
  return Collect(AwsCli(access.options, run_), c, quiet);
}

ItemOutcome Sweeper::RunItem(const WorkItem& item) {
  const Clock::time_point t0 = Clock::now();
  ItemOutcome x{item};
  AccountAccess access = access_.at(AccountKey(item));
  access.options.region = item.region.empty() ? caller_.options().region : item.region;
  if (!access.error.empty()) {
    x.error = access.error;
    return x;
  }
  x.item.account = access.account;
  const fs::path out(o_.out_dir);
  if (o_.resume)
    if (auto complete = AlreadyComplete(out, item, access.account)) {
      complete->item.account = access.account;
      return *complete;
    }
  const fs::path partial =
      out / (ItemFolder(access.account, item.region.empty() ? kCliRegion : item.region) +
             std::string(ingest::kIncompleteSuffix));
  std::error_code ec;
  fs::remove_all(partial, ec);
  Expected<CollectReport> collected = CollectItem(access, partial);
  if (collected) {
    x.calls = collected->calls.size();
    x.clusters = collected->clusters;
    x.services = collected->services;
    x.tasks = collected->tasks;
    Expected<std::string> folder = Finish(out, partial, item, access.account, *collected);
    if (folder) {
      x.folder = *folder;
      x.status = ItemStatus::kCollected;
    } else {
      x.error = folder.error().message;
    }
  } else {
    x.error = collected.error().message;
  }
  // A failed collection is a gap the summary names, not a folder to finish later.
  if (x.status == ItemStatus::kFailed) fs::remove_all(partial, ec);
  x.seconds = Since(t0);
  return x;
}

Expected<SweepReport> Sweeper::Run() {
  size_t calls = 0;
  auto all = WorkList(caller_, o_, run_, calls);
  if (!all) return tl::unexpected(all.error());
  report_.work_items = all->size();
  const std::vector<WorkItem> mine = ShardOf(*all, o_.shard_index, o_.shard_count);
  mine_ = mine.size();
  std::error_code ec;
  fs::create_directories(o_.out_dir, ec);
  if (ec) return MakeError(ErrorCode::kIo, fmt::format("cannot create {}: {}", o_.out_dir, ec.message()));
  // Each account is reached once (its role assumed, or its ID read) before any collection, so
  // the collections running side by side only read the map.
  for (const WorkItem& item : mine)
    if (!access_.contains(AccountKey(item))) access_.emplace(AccountKey(item), Reach(caller_, item, run_, calls));
  calls_ += calls;
  report_.items.resize(mine.size());
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i = next++; i < mine.size(); i = next++) {
      report_.items[i] = RunItem(mine[i]);
      Done(report_.items[i]);
    }
  };
  std::vector<std::thread> threads;
  for (size_t t = 1; t < std::min(mine.size(), static_cast<size_t>(std::max(1, o_.items_at_once))); ++t)
    threads.emplace_back(worker);
  worker();
  for (auto& t : threads) t.join();
  report_.calls = calls_;
  report_.seconds = Since(start_);
  // A cluster named with --cluster that no swept account-Region has is a mistake, not a gap.
  if (!o_.clusters.empty() && o_.shard_count == 1 && report_.Failed() == 0 &&
      std::all_of(report_.items.begin(), report_.items.end(), [](const ItemOutcome& x) { return x.clusters == 0; }))
    return MakeError(ErrorCode::kUnknownTarget,
                     fmt::format("unknown cluster '{}' in the swept account-Regions (ecs list-services found none)",
                                 o_.clusters.front()));
  // Unsharded, nothing collected at all is the set-up's fault (credentials, the role name); a
  // shard whose share is all gaps still reports them, to be merged with the others.
  if (o_.shard_count == 1 && !report_.items.empty() && report_.Failed() == report_.items.size())
    return MakeError(ErrorCode::kUsage, "nothing could be collected: " + report_.items.front().error);
  return std::move(report_);
}

}  // namespace

size_t SweepReport::Failed() const {
  return static_cast<size_t>(std::count_if(items.begin(), items.end(), [](const ItemOutcome& x) {
    return x.status == ItemStatus::kFailed;
  }));
}

size_t SweepReport::Found() const {
  size_t n = 0;
  for (const ItemOutcome& x : items) n += x.services + x.tasks;
  return n;
}

std::string AccountLabel(const WorkItem& item) {
  return !item.account.empty() ? item.account : !item.profile.empty() ? item.profile : "(the caller's)";
}

std::string RegionLabel(const WorkItem& item) { return item.region.empty() ? "(the aws CLI's)" : item.region; }

std::string ItemFolder(const std::string& account, const std::string& region) {
  return "accounts/" + (account.empty() ? std::string("unknown") : account) + "/" + region;
}

std::string RoleArnFor(const std::string& role, const std::string& account, const std::string& region) {
  if (role.rfind("arn:", 0) == 0) {
    std::string arn = role;
    for (size_t at = arn.find("{account}"); at != std::string::npos; at = arn.find("{account}", at))
      arn.replace(at, 9, account);
    return arn;
  }
  return "arn:" + model::PartitionOfRegion(region) + ":iam::" + account + ":role/" + role;
}

std::vector<WorkItem> ShardOf(const std::vector<WorkItem>& items, int index, int count) {
  std::vector<WorkItem> out;
  for (size_t i = static_cast<size_t>(std::max(0, index)); i < items.size();
       i += static_cast<size_t>(std::max(1, count)))
    out.push_back(items[i]);
  return out;
}

Expected<SweepReport> Sweep(const AwsOptions& aws, const SweepOptions& options, std::ostream& progress,
                            const ProcessFn& run) {
  Sweeper s(aws, options, progress, run);
  return s.Run();
}

std::string SweepSummary(const SweepReport& r) {
  std::string out = fmt::format(
      "fargate-doctor: swept {} of {} account-Regions in {:.1f} s: {} calls, {} services and tasks{}\n",
      r.items.size() - r.Failed(), r.items.size(), r.seconds, r.calls, r.Found(),
      r.items.size() < r.work_items ? fmt::format(" (this shard's share of {})", r.work_items) : "");
  for (const ItemOutcome& x : r.items)
    if (x.status == ItemStatus::kFailed)
      out += fmt::format("fargate-doctor: not collected: account {} Region {}: {}\n",
                         AccountLabel(x.item), RegionLabel(x.item), x.error);
  return out;
}

}  // namespace fd::live
