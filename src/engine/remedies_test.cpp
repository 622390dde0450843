// The planner over in-memory models: each alternative lists every change it takes (found by
// tracing again under the changes so far), infeasible strategies say why, and the cheapest
// alternative is marked.
#include "engine/remedies.h"

#include <gtest/gtest.h>

#include "engine/diagnose.h"
#include "testing/model_fixture.h"

namespace fd::engine {
namespace {

using testing::AllOut;
using testing::Fixture;
using testing::OpenEntries;
using testing::R;
using testing::Tcp443;

const std::string kEcrImage = "111122223333.dkr.ecr.eu-west-3.amazonaws.com/api:1";

void AddService(Fixture& f, const std::string& image, const std::string& subnet) {
  model::TaskDefinition td;
  td.arn = "arn:aws:ecs:eu-west-3:111122223333:task-definition/api:1";
  td.family = "api";
  td.revision = 1;
  td.status = "ACTIVE";
  td.network_mode = "awsvpc";
  td.cpu = "256";
  td.memory = "512";
  model::ContainerDefinition c;
  c.name = "app";
  c.image = image;
  td.containers.push_back(c);
  f.builder().AddTaskDefinition(td);
  model::EcsService s;
  s.name = "api";
  s.arn = "arn:aws:ecs:eu-west-3:111122223333:service/prod/api";
  s.cluster_arn = "arn:aws:ecs:eu-west-3:111122223333:cluster/prod";
  s.launch_type = "FARGATE";
  s.task_definition = "api:1";
  s.network.subnets = {subnet};
  s.network.security_groups = {"sg-task"};
  s.network.assign_public_ip_raw = "DISABLED";
  s.network.present = true;
  f.builder().AddService(s);
}

// A public subnet with an IGW; an isolated subnet whose table has only the local route; a task
// group that allows tcp 443 to the VPC only.
void IsolatedVpc(Fixture& f) {
  f.Vpc("vpc-1", "10.0.0.0/16");
  f.Subnet("subnet-pub", "vpc-1", "10.0.1.0/24");
  f.Subnet("subnet-iso", "vpc-1", "10.0.2.0/24");
  f.Igw("igw-1", "vpc-1");
  f.RouteTable("rtb-pub", "vpc-1", {"subnet-pub"}, {R("0.0.0.0/0", "igw-1")});
  f.RouteTable("rtb-iso", "vpc-1", {"subnet-iso"}, {});
  f.Nacl("acl-1", "vpc-1", {}, OpenEntries(), /*is_default=*/true);
  f.Sg("sg-task", "vpc-1", {Tcp443({"10.0.0.0/16"})});
  f.PrefixList("pl-s3", "com.amazonaws.eu-west-3.s3", {"52.95.128.0/21"});
}

std::vector<report::Remedy> Plan(Fixture& f, model::Model& m) {
  (void)f;
  auto r = Diagnose(m, {});
  EXPECT_TRUE(r);
  if (!r || r->targets.size() != 1) return {};
  return r->targets[0].remedies;
}

const report::Remedy* Named(const std::vector<report::Remedy>& v, std::string_view prefix) {
  for (const auto& r : v)
    if (r.name.rfind(prefix, 0) == 0) return &r;
  return nullptr;
}

bool HasCommand(const report::Remedy& r, std::string_view part) {
  for (const auto& c : r.changes)
    for (const auto& cmd : c.commands)
      if (cmd.find(part) != std::string::npos) return true;
  return false;
}

TEST(RemediesTest, IsolatedSubnetWithRestrictiveGroupListsEveryChangeOfEachAlternative) {
  Fixture f;
  IsolatedVpc(f);
  AddService(f, kEcrImage, "subnet-iso");
  model::Model m = f.Build();
  auto plans = Plan(f, m);
  const auto* nat = Named(plans, "internet through a new NAT");
  ASSERT_NE(nat, nullptr);
  ASSERT_TRUE(nat->feasible) << nat->reason;
  // The NAT, the route, and the task group egress the route uncovers.
  ASSERT_EQ(nat->changes.size(), 3u);
  EXPECT_TRUE(HasCommand(*nat, "create-nat-gateway --subnet-id subnet-pub"));
  EXPECT_TRUE(HasCommand(*nat, "create-route --route-table-id rtb-iso --destination-cidr-block 0.0.0.0/0"));
  EXPECT_TRUE(HasCommand(*nat, "authorize-security-group-egress --group-id sg-task"));
  EXPECT_TRUE(HasCommand(*nat, "CidrIp=0.0.0.0/0"));
  EXPECT_TRUE(nat->fewest);

  const auto* ep = Named(plans, "VPC endpoints");
  ASSERT_NE(ep, nullptr);
  ASSERT_TRUE(ep->feasible) << ep->reason;
  // A group for the endpoints, ecr.api, ecr.dkr, the S3 gateway, and egress to the S3 list
  // (the task group already allows tcp 443 to the VPC, so the endpoints need no egress rule).
  EXPECT_EQ(ep->changes.size(), 5u);
  EXPECT_TRUE(HasCommand(*ep, "create-security-group --vpc-id vpc-1"));
  EXPECT_TRUE(HasCommand(*ep, "--service-name com.amazonaws.eu-west-3.ecr.api --subnet-ids subnet-iso"));
  EXPECT_TRUE(HasCommand(*ep, "--service-name com.amazonaws.eu-west-3.ecr.dkr"));
  EXPECT_TRUE(HasCommand(*ep, "--vpc-endpoint-type Gateway --service-name com.amazonaws.eu-west-3.s3 --route-table-ids rtb-iso"));
  EXPECT_TRUE(HasCommand(*ep, "PrefixListId=pl-s3"));
  EXPECT_FALSE(ep->fewest);
}

TEST(RemediesTest, PublicRegistryImageMakesTheEndpointAlternativeInfeasible) {
  Fixture f;
  IsolatedVpc(f);
  AddService(f, "nginx:1.25", "subnet-iso");
  model::Model m = f.Build();
  auto plans = Plan(f, m);
  const auto* ep = Named(plans, "VPC endpoints");
  ASSERT_NE(ep, nullptr);
  EXPECT_FALSE(ep->feasible);
  EXPECT_NE(ep->reason.find("registry"), std::string::npos) << ep->reason;
  const auto* nat = Named(plans, "internet through a new NAT");
  ASSERT_NE(nat, nullptr);
  EXPECT_TRUE(nat->feasible);
  EXPECT_TRUE(nat->fewest);
}

TEST(RemediesTest, BlackholeRouteAloneIsOneChangeToTheUsableNat) {
  Fixture f;
  f.Vpc("vpc-1", "10.0.0.0/16");
  f.Subnet("subnet-pub", "vpc-1", "10.0.1.0/24");
  f.Subnet("subnet-priv", "vpc-1", "10.0.2.0/24");
  f.Igw("igw-1", "vpc-1");
  f.RouteTable("rtb-pub", "vpc-1", {"subnet-pub"}, {R("0.0.0.0/0", "igw-1")});
  f.Nat("nat-1", "vpc-1", "subnet-pub", "available");
  f.RouteTable("rtb-priv", "vpc-1", {"subnet-priv"}, {R("0.0.0.0/0", "nat-gone", /*blackhole=*/true)});
  f.Nacl("acl-1", "vpc-1", {}, OpenEntries(), /*is_default=*/true);
  f.Sg("sg-task", "vpc-1", {AllOut()});
  AddService(f, "nginx:1.25", "subnet-priv");
  model::Model m = f.Build();
  auto plans = Plan(f, m);
  const auto* nat = Named(plans, "internet through nat-1");
  ASSERT_NE(nat, nullptr);
  ASSERT_EQ(nat->changes.size(), 1u);
  EXPECT_EQ(nat->changes[0].commands.at(0),
            "aws ec2 replace-route --route-table-id rtb-priv --destination-cidr-block 0.0.0.0/0 "
            "--nat-gateway-id nat-1");
  EXPECT_TRUE(nat->fewest);
}

TEST(RemediesTest, GroupEgressAloneIsOneChange) {
  Fixture f;
  IsolatedVpc(f);
  f.Nat("nat-1", "vpc-1", "subnet-pub", "available");
  f.Subnet("subnet-priv", "vpc-1", "10.0.3.0/24");
  f.RouteTable("rtb-priv", "vpc-1", {"subnet-priv"}, {R("0.0.0.0/0", "nat-1")});
  f.Sg("sg-open", "vpc-1", {AllOut()});
  AddService(f, "nginx:1.25", "subnet-priv");
  model::Model m = f.Build();
  auto r = Diagnose(m, {});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->targets.size(), 1u);
  // sg-task allows only the VPC: blocked, and the one change is the egress rule; no strategy
  // needed a change of its own, so there is one alternative, the design fixed in place.
  const auto& plans = r->targets[0].remedies;
  ASSERT_EQ(plans.size(), 1u);
  const auto* nat = Named(plans, "the current design");
  ASSERT_NE(nat, nullptr);
  ASSERT_EQ(nat->changes.size(), 1u);
  EXPECT_TRUE(HasCommand(*nat, "authorize-security-group-egress --group-id sg-task"));
}

}  // namespace
}  // namespace fd::engine
