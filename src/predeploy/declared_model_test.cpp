// Locate: a finding points at the declaration of its resource, else of its target; a finding
// about something no template or plan declared (a snapshot object) gets no location.
#include "predeploy/declared_model.h"

#include <gtest/gtest.h>

namespace fd::predeploy {
namespace {

report::Finding FindingOn(std::string resource, std::string target) {
  report::Finding f;
  f.code = "NET002";
  f.resource = std::move(resource);
  f.target = std::move(target);
  return f;
}

TEST(LocateTest, AFindingPointsAtItsResourceElseItsTarget) {
  std::unordered_map<std::string, Origin> origins;
  origins["PrivateRouteTable"] = {{"vpc.yaml", 40, 3}, "PrivateRouteTable", "network"};
  origins["api"] = {{"service.yaml", 12, 3}, "Service", "app"};
  report::Report r;
  r.findings = {FindingOn("PrivateRouteTable", "api"), FindingOn("role-from-snapshot", "api"),
                FindingOn("sg-0123", "arn:aws:ecs:eu-west-3:111122223333:service/prod/other")};
  Locate(r, origins);
  ASSERT_TRUE(r.findings[0].location);
  EXPECT_EQ(r.findings[0].location->file, "vpc.yaml");
  EXPECT_EQ(r.findings[0].location->line, 40);
  EXPECT_EQ(r.findings[0].location->declared_id, "PrivateRouteTable");
  EXPECT_EQ(r.findings[0].location->source, "network");
  ASSERT_TRUE(r.findings[1].location);
  EXPECT_EQ(r.findings[1].location->declared_id, "Service");
  EXPECT_FALSE(r.findings[2].location);
}

}  // namespace
}  // namespace fd::predeploy
