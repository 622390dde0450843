// The sweep against a scripted `aws` (live/fake_aws_test.h): the work list of an organization's
// accounts × enabled Regions, roles assumed with the credentials only in each call's
// environment, an account whose role cannot be assumed reported while the rest is collected,
// folders complete or absent (never half-written under their real name), shards that split the
// list, and --resume keeping what an earlier run finished.

#include "live/sweep.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "ingest/snapshot.h"
#include "live/fake_aws_test.h"

namespace fd::live {
namespace {

namespace fs = std::filesystem;
using namespace fake;

struct SweepRun {
  Expected<SweepReport> report;
  std::string progress;
};

SweepRun RunSweep(FakeAws& aws, SweepOptions o) {
  std::ostringstream progress;
  Expected<SweepReport> r = Sweep(AwsOptions{"/fake/aws"}, o, progress,
                                  [&](const auto& argv, const Environment& env) { return aws(argv, env); });
  return {std::move(r), progress.str()};
}

fs::path Out(const std::string& name) {
  fs::path p = fs::temp_directory_path() / ("fd-sweep-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(p);
  return p;
}

SweepOptions Organization(const fs::path& out) {
  SweepOptions o;
  o.all_clusters = o.all_regions = true;
  o.accounts = {{}, true, "audit", {}};
  o.out_dir = out.string();
  return o;
}

/// The value of NAME= in an environment ("" when absent or inherited).
std::string EnvValue(const Environment& env, const std::string& name) {
  if (!env) return "";
  for (const std::string& e : *env)
    if (e.starts_with(name + "=")) return e.substr(name.size() + 1);
  return "";
}

TEST(Sweep, OrganizationTimesEnabledRegionsWithAnUnassumableAccountReported) {
  FakeAws aws;
  aws.deny_assume = "777788889999";
  const fs::path out = Out("org");
  SweepRun run = RunSweep(aws, Organization(out));
  ASSERT_TRUE(run.report) << run.report.error().message;
  const SweepReport& r = *run.report;
  // ACTIVE accounts (not the suspended one) × enabled Regions (not the one never opted in).
  ASSERT_EQ(r.work_items, 4u);
  ASSERT_EQ(r.items.size(), 4u);
  EXPECT_EQ(r.Failed(), 2u);
  for (const ItemOutcome& x : r.items) {
    if (x.item.account == "777788889999") {
      EXPECT_EQ(x.status, ItemStatus::kFailed);
      EXPECT_NE(x.error.find("cannot assume arn:aws:iam::777788889999:role/audit: AccessDenied"),
                std::string::npos) << x.error;
      continue;
    }
    EXPECT_EQ(x.status, ItemStatus::kCollected) << x.error;
    EXPECT_EQ(x.folder, "accounts/111122223333/" + x.item.region);
    EXPECT_TRUE(fs::exists(out / x.folder / "collection.json"));
    EXPECT_EQ(x.services, 1u);  // prod's api; the empty cluster has nothing to describe
    EXPECT_GE(x.tasks, 1u);
  }
  EXPECT_FALSE(fs::exists(out / "accounts/777788889999"));
  for (const auto& e : fs::recursive_directory_iterator(out))
    EXPECT_NE(e.path().extension().string(), std::string(ingest::kIncompleteSuffix)) << e.path();
  // The role is assumed once per account, and its credentials reach the calls only through
  // their environment: never an argument, never a saved file.
  int assumed = 0;
  for (size_t i = 0; i < aws.argvs.size(); ++i) {
    const auto& argv = aws.argvs[i];
    if (argv[2] == "assume-role") ++assumed;
    for (const std::string& w : argv) EXPECT_EQ(w.find("s3cr3t"), std::string::npos);
    const bool member_call = argv[1] == "ecs" || argv[1] == "ec2" || argv[1] == "iam";
    if (member_call && argv[2] != "describe-regions") {
      EXPECT_EQ(EnvValue(aws.envs[i], "AWS_SECRET_ACCESS_KEY"), "s3cr3t") << argv[1] << " " << argv[2];
    }
  }
  EXPECT_EQ(assumed, 2);
  for (const auto& e : fs::recursive_directory_iterator(out)) {
    if (!e.is_regular_file()) continue;
    std::ifstream in(e.path());
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(text.find("s3cr3t"), std::string::npos) << e.path();
  }
  const std::string summary = SweepSummary(r);
  EXPECT_NE(summary.find("swept 2 of 4 account-Regions"), std::string::npos) << summary;
  EXPECT_NE(summary.find("not collected: account 777788889999 Region eu-west-3: cannot assume"),
            std::string::npos) << summary;
  // Not a terminal: a plain line per account-Region.
  EXPECT_EQ(std::count(run.progress.begin(), run.progress.end(), '\n'), 4) << run.progress;
  EXPECT_EQ(run.progress.find('\r'), std::string::npos);
  fs::remove_all(out);
}

// On a terminal: one line, redrawn in place (account-Regions done, calls, elapsed), cleared at
// the end so the summary starts on a clean line; no line per account-Region.
TEST(Sweep, OnATerminalProgressIsOneRedrawnLine) {
  FakeAws aws;
  const fs::path out = Out("bar");
  SweepOptions o = Organization(out);
  o.progress_bar = true;
  SweepRun run = RunSweep(aws, o);
  ASSERT_TRUE(run.report);
  EXPECT_EQ(run.progress.find('\n'), std::string::npos) << run.progress;
  EXPECT_NE(run.progress.find("\r\033[Kfargate-doctor: sweeping, 4/4 account-Regions done, "), std::string::npos);
  EXPECT_TRUE(run.progress.ends_with("\r\033[K")) << run.progress.substr(run.progress.size() - 40);
  fs::remove_all(out);
}

TEST(Sweep, ShardsSplitTheWorkListAndTogetherCoverIt) {
  std::vector<std::string> folders;
  for (int i = 0; i < 3; ++i) {
    FakeAws aws;
    const fs::path out = Out("shard" + std::to_string(i));
    SweepOptions o = Organization(out);
    o.shard_index = i;
    o.shard_count = 3;
    SweepRun run = RunSweep(aws, o);
    ASSERT_TRUE(run.report) << run.report.error().message;
    EXPECT_EQ(run.report->work_items, 4u);
    for (const ItemOutcome& x : run.report->items) folders.push_back(x.folder);
    fs::remove_all(out);
  }
  std::sort(folders.begin(), folders.end());
  EXPECT_EQ(folders, (std::vector<std::string>{"accounts/111122223333/eu-west-3", "accounts/111122223333/us-east-1",
                                               "accounts/777788889999/eu-west-3", "accounts/777788889999/us-east-1"}));
  const std::vector<WorkItem> items = {{"a"}, {"b"}, {"c"}, {"d"}, {"e"}};
  EXPECT_EQ(ShardOf(items, 1, 2).size(), 2u);
  EXPECT_EQ(ShardOf(items, 1, 2)[1].account, "d");
  EXPECT_EQ(ShardOf(items, 0, 1).size(), 5u);
}

TEST(Sweep, ResumeKeepsCompleteCollectionsAndRedoesInterruptedOnes) {
  const fs::path out = Out("resume");
  SweepOptions o;
  o.clusters = {"prod"};
  o.regions = {kRegion, "us-east-1"};
  o.out_dir = out.string();
  {
    FakeAws aws;
    ASSERT_TRUE(RunSweep(aws, o).report);
  }
  // An interrupted run left us-east-1 half-written: only its .incomplete folder.
  const fs::path done = out / ItemFolder(kAcct, "us-east-1");
  fs::rename(done, fs::path(done.string() + std::string(ingest::kIncompleteSuffix)));
  o.resume = true;
  FakeAws aws;
  SweepRun run = RunSweep(aws, o);
  ASSERT_TRUE(run.report);
  ASSERT_EQ(run.report->items.size(), 2u);
  EXPECT_EQ(run.report->items[0].status, ItemStatus::kAlreadyComplete);
  EXPECT_EQ(run.report->items[0].services, 1u);  // read back from its record
  EXPECT_EQ(run.report->items[1].status, ItemStatus::kCollected);
  EXPECT_TRUE(fs::exists(done / "collection.json"));
  EXPECT_FALSE(fs::exists(done.string() + std::string(ingest::kIncompleteSuffix)));
  int ecs_in_kept_region = 0;
  for (const auto& argv : aws.argvs)
    if (argv[1] == "ecs" && std::find(argv.begin(), argv.end(), kRegion) != argv.end()) ++ecs_in_kept_region;
  EXPECT_EQ(ecs_in_kept_region, 0);
  fs::remove_all(out);
}

TEST(Sweep, AClusterNoSweptRegionHasIsAnError) {
  FakeAws aws;
  SweepOptions o;
  o.clusters = {"nope"};
  o.regions = {kRegion, "us-east-1"};
  o.out_dir = Out("nope").string();
  SweepRun run = RunSweep(aws, o);
  ASSERT_FALSE(run.report);
  EXPECT_EQ(run.report.error().message,
            "unknown cluster 'nope' in the swept account-Regions (ecs list-services found none)");
  fs::remove_all(o.out_dir);
}

TEST(Sweep, ProfilesAreOneAccountEachAndEveryCallUsesItsProfile) {
  FakeAws aws;
  SweepOptions o;
  o.clusters = {"prod"};
  o.all_regions = true;  // asked as the first profile: there may be no default credentials
  o.accounts.profiles = {"sso-prod", "other"};
  o.out_dir = Out("profiles").string();
  SweepRun run = RunSweep(aws, o);
  ASSERT_TRUE(run.report) << run.report.error().message;
  ASSERT_EQ(run.report->items.size(), 4u);  // two profiles × two enabled Regions
  EXPECT_EQ(run.report->items[0].folder, "accounts/111122223333/eu-west-3");
  EXPECT_EQ(run.report->items[2].folder, "accounts/444455556666/eu-west-3");
  for (const auto& argv : aws.argvs) {
    const auto profile = std::find(argv.begin(), argv.end(), "--profile");
    ASSERT_NE(profile, argv.end()) << argv[1] << " " << argv[2];
    EXPECT_TRUE(profile[1] == "sso-prod" || profile[1] == "other");
  }
  fs::remove_all(o.out_dir);
}

TEST(Sweep, RoleArnsFollowThePartitionOrThePattern) {
  EXPECT_EQ(RoleArnFor("audit", "111122223333", "eu-west-3"), "arn:aws:iam::111122223333:role/audit");
  EXPECT_EQ(RoleArnFor("audit", "111122223333", "cn-north-1"), "arn:aws-cn:iam::111122223333:role/audit");
  EXPECT_EQ(RoleArnFor("arn:aws:iam::{account}:role/ops/{account}-ro", "111122223333", ""),
            "arn:aws:iam::111122223333:role/ops/111122223333-ro");
}

TEST(Sweep, EveryItemFailingIsAnErrorNotAnEmptyReport) {
  FakeAws aws;
  aws.deny_assume = "role/";
  SweepRun run = RunSweep(aws, Organization(Out("denied")));
  ASSERT_FALSE(run.report);
  EXPECT_NE(run.report.error().message.find("nothing could be collected: cannot assume"), std::string::npos)
      << run.report.error().message;
  fs::remove_all(Out("denied"));
}

}  // namespace
}  // namespace fd::live
