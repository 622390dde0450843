// Which targets a snapshot holds when none is named: every Fargate service, and beside them each
// standalone task (run-task, a schedule) stuck starting now or stopped because it could not
// start, once per cluster and group. A sweep's snapshot holds all of these (live/sweep.h).

#include <gtest/gtest.h>

#include "analysis/analyze.h"
#include "testing/check_harness.h"
#include "testing/snapshot_edits.h"

namespace fd::analysis {
namespace {

using testing::Json;
using testing::Snapshot;

/// A Fargate task of the snapshot's task definition in cluster prod.
Json Task(Snapshot& s, const std::string& id, const std::string& group, const std::string& last,
          const std::string& desired, const std::string& stop_code = "") {
  Json t = {{"taskArn", "arn:aws:ecs:eu-west-3:111122223333:task/prod/" + id},
            {"clusterArn", "arn:aws:ecs:eu-west-3:111122223333:cluster/prod"},
            {"taskDefinitionArn", s.TaskDefinition()["taskDefinitionArn"]},
            {"group", group},
            {"launchType", "FARGATE"},
            {"platformVersion", "1.4.0"},
            {"lastStatus", last},
            {"desiredStatus", desired},
            {"containers", Json::array()}};
  if (!stop_code.empty()) t["stopCode"] = stop_code;
  return t;
}

std::vector<std::string> TargetArns(const Snapshot& s) {
  const model::Model m = s.Load();
  std::vector<InputNote> notes;
  auto targets = ResolveTargets(m, {}, &notes);
  EXPECT_TRUE(targets.has_value());
  std::vector<std::string> out;
  if (targets)
    for (const Target& t : *targets) out.push_back(t.arn);
  return out;
}

TEST(AllTargets, StandaloneTasksThatCannotStartStandBesideTheServices) {
  auto s = Snapshot::Base("base-private-nat");
  const std::vector<std::string> services = TargetArns(s);
  ASSERT_EQ(services.size(), 1u);
  // Stuck now, and a schedule that failed twice: two targets, the stuck one of its group first.
  s.Add("ecs-describe-tasks.json", "tasks", Task(s, "stuck", "family:nightly", "PROVISIONING", "RUNNING"));
  s.Add("ecs-describe-tasks.json", "tasks", Task(s, "failed1", "family:report", "STOPPED", "STOPPED", "TaskFailedToStart"));
  s.Add("ecs-describe-tasks.json", "tasks", Task(s, "failed2", "family:report", "STOPPED", "STOPPED", "TaskFailedToStart"));
  s.Add("ecs-describe-tasks.json", "tasks", Task(s, "failed3", "family:nightly", "STOPPED", "STOPPED", "TaskFailedToStart"));
  // Silent: a service's own task (its service speaks for it), a standalone task that ran and
  // ended, and one running fine.
  s.Add("ecs-describe-tasks.json", "tasks", Task(s, "svc", "service:api", "PENDING", "RUNNING"));
  s.Add("ecs-describe-tasks.json", "tasks", Task(s, "done", "family:report", "STOPPED", "STOPPED", "EssentialContainerExited"));
  s.Add("ecs-describe-tasks.json", "tasks", Task(s, "fine", "family:web", "RUNNING", "RUNNING"));
  const std::vector<std::string> all = TargetArns(s);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0], services[0]);
  EXPECT_EQ(all[1], "arn:aws:ecs:eu-west-3:111122223333:task/prod/stuck");
  EXPECT_EQ(all[2], "arn:aws:ecs:eu-west-3:111122223333:task/prod/failed1");
}

}  // namespace
}  // namespace fd::analysis
