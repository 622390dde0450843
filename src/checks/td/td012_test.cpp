// TD012 td-tag-authorization: only AWS's AccessDenied text shows that the caller may not tag the
// tasks it creates (the caller's policy and the account setting are not in the snapshot). From
// base-private-nat, whose events are all routine.
#include <gtest/gtest.h>

#include "testing/check_harness_ecs.h"

namespace fd::testing {
namespace {

using report::Severity;

// The failed launch as the service event reports it, for an action of the deploy role.
std::string DeniedLaunch(const std::string& action, const std::string& resource) {
  return "(service api) failed to launch a task with (error AccessDeniedException: User: "
         "arn:aws:sts::111122223333:assumed-role/github-actions-deploy/GitHubActions is not "
         "authorized to perform: " +
         action + " on resource: " + resource + " because no identity-based policy allows the " +
         action + " action).";
}

TEST(TD012, FiresWhenALaunchIsDeniedEcsTagResource) {
  auto s = Snapshot::Base("base-private-nat");
  const std::string message =
      DeniedLaunch("ecs:TagResource", "arn:aws:ecs:eu-west-3:111122223333:task/prod/*");
  AddEvent(Service(s), message);
  auto run = RunCheck(Def(Code::kTd012), s.Load());
  ASSERT_TRUE(FiresOn(
      run, kApiService, Severity::kBlocker,
      {"aws denied ecs:tagresource while creating tasks of api", "tags the caller may not set"}));
  const auto* f = run.On(kApiService);
  EXPECT_EQ(f->evidence, EventEvidence(message));
  EXPECT_EQ(f->fix.commands.at(0),
            "aws ecs update-service --cluster arn:aws:ecs:eu-west-3:111122223333:cluster/prod "
            "--service api --propagate-tags NONE --region eu-west-3");
}

TEST(TD012, SilentWhenTheLaunchIsDeniedAnotherAction) {
  auto s = Snapshot::Base("base-private-nat");
  AddEvent(Service(s),
           DeniedLaunch("iam:PassRole", "arn:aws:iam::111122223333:role/api-task-execution"));
  EXPECT_TRUE(Silent(RunCheck(Def(Code::kTd012), s.Load())));
}

}  // namespace
}  // namespace fd::testing
