// The engine end to end over in-memory models: traces shared between targets placed the same
// way must still name each target's own resources, and partial placements are warnings.
#include "engine/diagnose.h"

#include <gtest/gtest.h>

#include "testing/model_fixture.h"

namespace fd::engine {
namespace {

using testing::AllOut;
using testing::Fixture;
using testing::OpenEntries;
using testing::R;

model::TaskDefinition Td(const std::string& family, const std::string& image) {
  model::TaskDefinition td;
  td.arn = "arn:aws:ecs:eu-west-3:111122223333:task-definition/" + family + ":1";
  td.family = family;
  td.revision = 1;
  td.status = "ACTIVE";
  td.network_mode = "awsvpc";  // a valid Fargate task definition: TD001/TD003 stay silent
  td.cpu = "256";
  td.memory = "512";
  model::ContainerDefinition c;
  c.name = "app";
  c.image = image;
  td.containers.push_back(c);
  return td;
}

model::EcsService Service(const std::string& name, const std::string& td,
                          std::vector<std::string> subnets, bool public_ip) {
  model::EcsService s;
  s.name = name;
  s.arn = "arn:aws:ecs:eu-west-3:111122223333:service/prod/" + name;
  s.cluster_arn = "arn:aws:ecs:eu-west-3:111122223333:cluster/prod";
  s.launch_type = "FARGATE";
  s.task_definition = td;
  s.network.subnets = std::move(subnets);
  s.network.security_groups = {"sg-task"};
  s.network.assign_public_ip = public_ip;
  s.network.assign_public_ip_raw = public_ip ? "ENABLED" : "DISABLED";
  s.network.present = true;
  return s;
}

// Two public subnets (IGW); a third that routes to a NAT in a public subnet.
void PublicVpc(Fixture& f) {
  f.Vpc("vpc-1", "10.0.0.0/16");
  f.Subnet("subnet-pub-a", "vpc-1", "10.0.1.0/24");
  f.Subnet("subnet-pub-b", "vpc-1", "10.0.2.0/24");
  f.Subnet("subnet-priv", "vpc-1", "10.0.3.0/24");
  f.Igw("igw-1", "vpc-1");
  f.RouteTable("rtb-pub", "vpc-1", {"subnet-pub-a", "subnet-pub-b"}, {R("0.0.0.0/0", "igw-1")});
  f.Nat("nat-1", "vpc-1", "subnet-pub-a", "available");
  f.RouteTable("rtb-priv", "vpc-1", {"subnet-priv"}, {R("0.0.0.0/0", "nat-1")});
  f.Nacl("acl-1", "vpc-1", {}, OpenEntries(), /*is_default=*/true);
  f.Sg("sg-task", "vpc-1", {AllOut()});
}

const report::Finding* FindingOf(const report::Report& r, const std::string& code,
                                 const std::string& target_suffix) {
  for (const auto& f : r.findings)
    if (f.code == code && f.target.ends_with(target_suffix)) return &f;
  return nullptr;
}

TEST(DiagnoseTest, SharedTracesNameEachTargetsOwnResource) {
  Fixture f;
  PublicVpc(f);
  f.builder().AddTaskDefinition(Td("a", "nginx:1.25"));
  f.builder().AddTaskDefinition(Td("b", "nginx:1.25"));
  // Same placement, same image: one shared trace, two targets, two NET001 findings.
  f.builder().AddService(Service("alpha", "a:1", {"subnet-pub-a"}, false));
  f.builder().AddService(Service("beta", "b:1", {"subnet-pub-a"}, false));
  model::Model m = f.Build();
  auto r = Diagnose(m, {});
  ASSERT_TRUE(r) << r.error().message;
  const auto* a = FindingOf(*r, "NET001", "/alpha");
  const auto* b = FindingOf(*r, "NET001", "/beta");
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(a->resource, "arn:aws:ecs:eu-west-3:111122223333:service/prod/alpha");
  EXPECT_EQ(b->resource, "arn:aws:ecs:eu-west-3:111122223333:service/prod/beta");
  EXPECT_EQ(a->severity, report::Severity::kBlocker);
}

TEST(DiagnoseTest, PublicIpSettingIsPartOfTheSharedTrace) {
  Fixture f;
  PublicVpc(f);
  f.builder().AddTaskDefinition(Td("a", "nginx:1.25"));
  f.builder().AddService(Service("off", "a:1", {"subnet-pub-a"}, false));
  f.builder().AddService(Service("on", "a:1", {"subnet-pub-a"}, true));
  model::Model m = f.Build();
  auto r = Diagnose(m, {});
  ASSERT_TRUE(r);
  EXPECT_NE(FindingOf(*r, "NET001", "/off"), nullptr);
  EXPECT_EQ(FindingOf(*r, "NET001", "/on"), nullptr);
}

// A template whose image only deployment knows: the pull is unchecked and the verdict cannot be
// ok; a known image in the same design is not.
TEST(DiagnoseTest, AContainerWithoutAnImageLeavesItsPullUncheckedNotFine) {
  Fixture f;
  PublicVpc(f);
  f.builder().AddTaskDefinition(Td("unknown", ""));
  f.builder().AddTaskDefinition(Td("known", "nginx:1.25"));
  f.builder().AddService(Service("a", "unknown:1", {"subnet-pub-a"}, true));
  f.builder().AddService(Service("b", "known:1", {"subnet-pub-a"}, true));
  model::Model m = f.Build();
  auto r = Diagnose(m, {});
  ASSERT_TRUE(r);
  auto gap = [&](const std::string& who) {
    return std::any_of(r->unchecked.begin(), r->unchecked.end(), [&](const report::Unchecked& u) {
      return u.check == "IMG001" && u.reason.find("container app of " + who + " ") != std::string::npos;
    });
  };
  EXPECT_TRUE(gap("a"));
  EXPECT_FALSE(gap("b"));
  ASSERT_EQ(r->targets.size(), 2u);
  for (const auto& t : r->targets) {
    if (t.name == "a") {
      EXPECT_NE(t.verdict, report::Verdict::kOk);
    }
  }
}

TEST(DiagnoseTest, BlockerInSomeSubnetsIsAWarningNamingTheShare) {
  Fixture f;
  PublicVpc(f);
  f.builder().AddTaskDefinition(Td("a", "nginx:1.25"));
  f.builder().AddService(Service("mixed", "a:1", {"subnet-pub-a", "subnet-priv"}, false));
  model::Model m = f.Build();
  auto r = Diagnose(m, {});
  ASSERT_TRUE(r);
  const auto* net001 = FindingOf(*r, "NET001", "/mixed");
  ASSERT_NE(net001, nullptr);
  EXPECT_EQ(net001->severity, report::Severity::kWarning);
  EXPECT_NE(net001->message.find("1 of 2 subnets"), std::string::npos) << net001->message;
  ASSERT_EQ(r->targets.size(), 1u);
  EXPECT_EQ(r->targets[0].verdict, report::Verdict::kAtRisk);
}

// An account's targets are diagnosed in chunks of at least 256 on several threads: every
// target must come out exactly as when it is diagnosed alone, whichever chunk and thread had it.
TEST(DiagnoseTest, ManyTargetsInChunksComeOutAsEachAlone) {
  Fixture f;
  PublicVpc(f);
  f.builder().AddTaskDefinition(Td("a", "nginx:1.25"));
  constexpr int kServices = 1300;  // five chunks
  auto name = [](int i) { return "s" + std::to_string(10000 + i); };
  for (int i = 0; i < kServices; ++i) {
    switch (i % 3) {
      case 0:  // public subnet without a public IP: NET001
        f.builder().AddService(Service(name(i), "a:1", {"subnet-pub-a"}, false));
        break;
      case 1:  // healthy
        f.builder().AddService(Service(name(i), "a:1", {"subnet-pub-b"}, true));
        break;
      default:  // one subnet of two broken: a warning
        f.builder().AddService(Service(name(i), "a:1", {"subnet-pub-a", "subnet-priv"}, false));
    }
  }
  model::Model m = f.Build();
  auto all = Diagnose(m, {});
  ASSERT_TRUE(all) << all.error().message;
  ASSERT_EQ(all->targets.size(), static_cast<size_t>(kServices));

  auto summary = [](const report::Report& r, const std::string& arn) {
    std::string out;
    for (const auto& t : r.targets)
      if (t.arn == arn) {
        out += std::to_string(static_cast<int>(t.verdict)) + " deps " + std::to_string(t.dependencies.size());
        for (const auto& d : t.dependencies)
          out += " " + std::string(d.service) + "@" + std::string(d.subnet) + "=" +
                 (d.reachable ? (*d.reachable ? "y" : "n") : "?") + "/" + std::to_string(d.trace.size());
      }
    for (const auto& fd : r.findings)
      if (fd.target == arn)
        out += " | " + fd.code + " " + std::to_string(static_cast<int>(fd.severity)) + " " + fd.message;
    return out;
  };
  int blocked = 0, at_risk = 0, ok = 0;
  for (const auto& t : all->targets) {
    blocked += t.verdict == report::Verdict::kBlocked;
    at_risk += t.verdict == report::Verdict::kAtRisk;
    ok += t.verdict == report::Verdict::kOk;
  }
  EXPECT_EQ(blocked, (kServices + 2) / 3);
  EXPECT_EQ(ok, (kServices + 1) / 3);
  EXPECT_EQ(at_risk, kServices / 3);
  for (int i = 0; i < kServices; i += 97) {
    DiagnoseOptions one;
    one.services = {name(i)};
    auto alone = Diagnose(m, one);
    ASSERT_TRUE(alone) << alone.error().message;
    const std::string arn = "arn:aws:ecs:eu-west-3:111122223333:service/prod/" + name(i);
    EXPECT_EQ(summary(*all, arn), summary(*alone, arn)) << name(i);
    EXPECT_FALSE(summary(*alone, arn).empty());
  }
}

TEST(DiagnoseTest, SelectAndIgnoreFilterFindingsAndUnknownSelectorsAreErrors) {
  Fixture f;
  PublicVpc(f);
  f.builder().AddTaskDefinition(Td("a", "nginx:1.25"));
  f.builder().AddService(Service("off", "a:1", {"subnet-pub-a"}, false));
  model::Model m = f.Build();
  DiagnoseOptions o;
  o.ignore = {"NET001"};
  auto r = Diagnose(m, o);
  ASSERT_TRUE(r);
  EXPECT_EQ(FindingOf(*r, "NET001", "/off"), nullptr);
  o.ignore = {"NOPE999"};
  EXPECT_FALSE(Diagnose(m, o));
}

TEST(DiagnoseTest, UnknownServiceIsAnError) {
  Fixture f;
  PublicVpc(f);
  model::Model m = f.Build();
  DiagnoseOptions o;
  o.services = {"ghost"};
  auto r = Diagnose(m, o);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kUnknownTarget);
  EXPECT_NE(r.error().message.find("ghost"), std::string::npos);
}

}  // namespace
}  // namespace fd::engine

namespace fd::engine {
namespace {

TEST(DiagnoseTest, StoppedTaskWithoutItsEniLeavesSecurityGroupsAndPublicIpUnknown) {
  Fixture f;
  PublicVpc(f);
  f.builder().AddTaskDefinition(Td("a", "nginx:1.25"));
  model::EcsTask task;
  task.arn = "arn:aws:ecs:eu-west-3:111122223333:task/prod/0123456789abcdef";
  task.cluster_arn = "arn:aws:ecs:eu-west-3:111122223333:cluster/prod";
  task.task_definition_arn = "a:1";
  task.launch_type = "FARGATE";
  task.platform_version = "1.4.0";
  task.enis.push_back({"eni-gone", "subnet-pub-a", "", "DELETED"});
  f.builder().AddTask(task);
  model::Model m = f.Build();
  auto r = Diagnose(m, {});
  ASSERT_TRUE(r) << r.error().message;
  // In a public subnet, an unknown public IP must not become a NET001 guess.
  EXPECT_EQ(FindingOf(*r, "NET001", "0123456789abcdef"), nullptr);
  ASSERT_EQ(r->targets.size(), 1u);
  EXPECT_EQ(r->targets[0].verdict, report::Verdict::kInconclusive);
  bool fw001 = false;
  for (const auto& u : r->unchecked) fw001 = fw001 || u.check == "FW001";
  EXPECT_TRUE(fw001);
}

}  // namespace
}  // namespace fd::engine
