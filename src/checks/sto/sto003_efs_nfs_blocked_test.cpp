// STO003 over in-memory models: NFS (tcp 2049) from the task's placement to the EFS mount
// target's goes through the tracer's filters (analysis/trace/filters.h), so the mount target's
// subnet NACL and security group are judged, and their fixes written, as on every other path.
#include <gtest/gtest.h>

#include <algorithm>

#include "engine/diagnose.h"
#include "testing/model_fixture.h"

namespace fd::checks {
namespace {

using testing::AllOut;
using testing::E;
using testing::OpenEntries;
using testing::R;
using testing::Rule;

constexpr int kTcp = 6;

/// Service api in subnet-task (10.0.1.0/24, behind sg-task: all out) mounts fs-1, whose mount
/// target fsmt-1 (10.0.9.10) sits in subnet-efs (10.0.9.0/24) of the same zone behind sg-efs,
/// which admits tcp 2049 from sg-task; the default network ACL is open. A test replaces a
/// piece by adding its own version with the same id before Base().
class Sto003Test : public ::testing::Test {
 protected:
  void Base() {
    f_.Vpc("vpc-1", "10.0.0.0/16");
    f_.Subnet("subnet-pub", "vpc-1", "10.0.0.0/24");
    f_.Subnet("subnet-task", "vpc-1", "10.0.1.0/24");
    f_.Subnet("subnet-efs", "vpc-1", "10.0.9.0/24");
    f_.Igw("igw-1", "vpc-1");
    f_.Nat("nat-1", "vpc-1", "subnet-pub");
    f_.RouteTable("rtb-pub", "vpc-1", {"subnet-pub"}, {R("0.0.0.0/0", "igw-1")});
    f_.RouteTable("rtb-task", "vpc-1", {"subnet-task", "subnet-efs"}, {R("0.0.0.0/0", "nat-1")});
    f_.Nacl("acl-default", "vpc-1", {}, OpenEntries(), /*is_default=*/true);
    f_.Sg("sg-task", "vpc-1", {AllOut()});
    f_.Sg("sg-efs", "vpc-1", {}, {Rule({kTcp, 2049, 2049, {}, {}, {"sg-task"}})});
    AddService();
    model::EfsMountTarget mt;
    mt.id = "fsmt-1";
    mt.file_system_id = "fs-1";
    mt.subnet_id = "subnet-efs";
    mt.vpc_id = "vpc-1";
    mt.region = "eu-west-3";
    mt.availability_zone_id = "euw3-az1";
    mt.availability_zone_name = "eu-west-3a";
    mt.ip_address = "10.0.9.10";
    mt.life_cycle_state = "available";
    mt.security_groups = {"sg-efs"};
    mt.security_groups_known = true;
    f_.builder().AddEfsMountTarget(mt);
    f_.builder().MarkCoverage("efs-mount-targets fs-1");
  }

  void AddService() {
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
    c.image = "111122223333.dkr.ecr.eu-west-3.amazonaws.com/api:1";
    td.containers.push_back(c);
    model::EfsVolume v;
    v.name = "data";
    v.file_system_id = "fs-1";
    td.efs_volumes.push_back(v);
    f_.builder().AddTaskDefinition(td);
    model::EcsService s;
    s.name = "api";
    s.arn = "arn:aws:ecs:eu-west-3:111122223333:service/prod/api";
    s.cluster_arn = "arn:aws:ecs:eu-west-3:111122223333:cluster/prod";
    s.launch_type = "FARGATE";
    s.platform_version = "1.4.0";
    s.task_definition = "api:1";
    s.network.subnets = {"subnet-task"};
    s.network.security_groups = {"sg-task"};
    s.network.assign_public_ip_raw = "DISABLED";
    s.network.present = true;
    f_.builder().AddService(s);
  }

  /// Diagnoses with STO002 and STO003 alone: the report.
  report::Report Diagnose() {
    model_ = f_.Build();
    engine::DiagnoseOptions o;
    o.select = {"STO002", "STO003"};
    auto r = engine::Diagnose(model_, o);
    EXPECT_TRUE(r);
    return r ? *r : report::Report{};
  }

  /// The NFS path of the service from subnet-task, or nullptr.
  static const report::Dependency* NfsPath(const report::Report& r) {
    if (r.targets.empty()) return nullptr;
    for (const auto& d : r.targets.front().dependencies)
      if (d.service.str() == "efs:fs-1" && d.subnet.str() == "subnet-task") return &d;
    return nullptr;
  }

  /// Diagnoses with STO003 alone; its findings, and whether it said it could not decide.
  std::vector<report::Finding> Run() {
    auto r = std::optional<report::Report>(Diagnose());
    unchecked_.clear();
    for (const auto& u : r->unchecked)
      if (u.check == "STO003") unchecked_.push_back(u.reason);
    std::vector<report::Finding> out;
    for (const auto& f : r->findings)
      if (f.code == "STO003") out.push_back(f);
    return out;
  }

  static std::string Dump(const std::vector<report::Finding>& fs) {
    std::string s;
    for (const auto& f : fs) {
      s += std::string(report::ToString(f.severity)) + " " + f.resource + ": " + f.message + "\n";
      for (const auto& e : f.evidence) s += "  " + e.resource + " " + e.claim + "\n";
      for (const auto& c : f.fix.commands) s += "  $ " + c + "\n";
    }
    return s;
  }

  testing::Fixture f_;
  model::Model model_;
  std::vector<std::string> unchecked_;
};

TEST_F(Sto003Test, HealthyTwinHasNoFindingAndNoGap) {
  Base();
  auto fs = Run();
  EXPECT_TRUE(fs.empty()) << Dump(fs);
  EXPECT_TRUE(unchecked_.empty()) << unchecked_.front();
}

TEST_F(Sto003Test, NaclDenyOnTheMountTargetSubnetIsABlockerOnThatAcl) {
  // acl-efs drops tcp 2049 from the task subnet before its allow-all entry.
  f_.Nacl("acl-efs", "vpc-1", {"subnet-efs"},
          {E(100, true, -1, std::nullopt, "0.0.0.0/0", true), E(32767, true, -1, std::nullopt, "0.0.0.0/0", false),
           E(90, false, kTcp, PortRange{2049, 2049}, "10.0.1.0/24", false),
           E(100, false, -1, std::nullopt, "0.0.0.0/0", true), E(32767, false, -1, std::nullopt, "0.0.0.0/0", false)});
  Base();
  auto fs = Run();
  ASSERT_EQ(fs.size(), 1u) << Dump(fs);
  const report::Finding& f = fs.front();
  EXPECT_EQ(f.resource, "acl-efs");
  EXPECT_EQ(f.severity, report::Severity::kBlocker);
  EXPECT_EQ(f.message, "network ACL acl-efs blocks NFS between api and its EFS mount target");
  EXPECT_EQ(f.subnets, std::vector<std::string>{"subnet-task"});
  ASSERT_EQ(f.evidence.size(), 1u) << Dump(fs);
  EXPECT_TRUE(f.evidence[0].claim.starts_with("subnet subnet-efs: inbound tcp 2049 from subnet-task denied ("))
      << Dump(fs);
  EXPECT_NE(f.evidence[0].claim.find("rule 90"), std::string::npos) << Dump(fs);
  // An allow entry for the task subnet, numbered below the deny that decided.
  ASSERT_EQ(f.fix.commands.size(), 1u) << Dump(fs);
  EXPECT_EQ(f.fix.commands[0],
            "aws ec2 create-network-acl-entry --network-acl-id acl-efs --ingress --rule-number 80 --protocol 6 "
            "--port-range From=2049,To=2049 --cidr-block 10.0.1.0/24 --rule-action allow");
}

TEST_F(Sto003Test, MountTargetGroupWithout2049FromTheTaskGroupIsABlockerOnIt) {
  f_.Sg("sg-efs", "vpc-1", {}, {testing::Tcp443({}, {}, {"sg-task"})});
  Base();
  auto fs = Run();
  ASSERT_EQ(fs.size(), 1u) << Dump(fs);
  const report::Finding& f = fs.front();
  EXPECT_EQ(f.resource, "sg-efs");
  EXPECT_EQ(f.severity, report::Severity::kBlocker);
  EXPECT_EQ(f.message, "security group sg-efs of the EFS mount targets does not admit NFS (tcp 2049) from api");
  ASSERT_EQ(f.evidence.size(), 1u) << Dump(fs);
  EXPECT_TRUE(f.evidence[0].claim.starts_with("fsmt-1 (euw3-az1) from subnet-task 10.0.1.0/24: ")) << Dump(fs);
  EXPECT_EQ(f.fix.commands,
            std::vector<std::string>{"aws ec2 authorize-security-group-ingress --group-id sg-efs --ip-permissions "
                                     "'IpProtocol=tcp,FromPort=2049,ToPort=2049,UserIdGroupPairs=[{GroupId=sg-task}]'"});
}

TEST_F(Sto003Test, TaskNaclDenyingNfsOutNamesTheMountTargetAddress) {
  f_.Nacl("acl-task", "vpc-1", {"subnet-task"},
          {E(100, true, kTcp, PortRange{443, 443}, "0.0.0.0/0", true),
           E(32767, true, -1, std::nullopt, "0.0.0.0/0", false), E(100, false, -1, std::nullopt, "0.0.0.0/0", true),
           E(32767, false, -1, std::nullopt, "0.0.0.0/0", false)});
  Base();
  auto fs = Run();
  ASSERT_EQ(fs.size(), 1u) << Dump(fs);
  EXPECT_EQ(fs[0].resource, "acl-task");
  EXPECT_EQ(fs[0].severity, report::Severity::kBlocker);
  EXPECT_TRUE(fs[0].evidence.at(0).claim.starts_with("subnet subnet-task: outbound tcp 2049 to fsmt-1 denied ("))
      << Dump(fs);
  EXPECT_EQ(fs[0].fix.commands.at(0),
            "aws ec2 create-network-acl-entry --network-acl-id acl-task --egress --rule-number 90 --protocol 6 "
            "--port-range From=2049,To=2049 --cidr-block 10.0.9.10/32 --rule-action allow");
}

TEST_F(Sto003Test, RepliesOnTheLinuxPortsOnlyAreAWarningAsForEveryOtherFlow) {
  // As FW007 judges the replies of tcp 443: the task's NFS client picks its port from
  // 32768-60999, so the mount works, but not as AWS advises.
  f_.Nacl("acl-task", "vpc-1", {"subnet-task"},
          {E(100, true, -1, std::nullopt, "0.0.0.0/0", true), E(32767, true, -1, std::nullopt, "0.0.0.0/0", false),
           E(100, false, kTcp, PortRange{32768, 60999}, "0.0.0.0/0", true),
           E(32767, false, -1, std::nullopt, "0.0.0.0/0", false)});
  Base();
  auto fs = Run();
  ASSERT_EQ(fs.size(), 1u) << Dump(fs);
  EXPECT_EQ(fs[0].resource, "acl-task");
  EXPECT_EQ(fs[0].severity, report::Severity::kWarning) << Dump(fs);
  EXPECT_EQ(fs[0].message,
            "network ACL acl-task lets in NFS replies to api only on the Linux ephemeral ports 32768-60999");
  EXPECT_NE(fs[0].evidence.at(0).claim.find("only the Linux range 32768-60999 is open"), std::string::npos)
      << Dump(fs);
}

// ---- the NFS path as a dependency, and its remedies ------------------------------------

TEST_F(Sto003Test, TheNfsPathIsADependencyReachedAtTheMountTarget) {
  Base();
  report::Report r = Diagnose();
  const report::Dependency* d = NfsPath(r);
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->reachable, std::optional<bool>(true));
  EXPECT_EQ(d->via.str(), "fsmt-1");
  EXPECT_EQ(d->needed_because.str(), "EFS volume data");
  EXPECT_TRUE(r.targets.front().remedies.empty());
}

TEST_F(Sto003Test, ABlockedNfsPathGetsTheRuleFor2049AsItsRemedy) {
  f_.Sg("sg-efs", "vpc-1", {}, {testing::Tcp443({}, {}, {"sg-task"})});
  Base();
  report::Report r = Diagnose();
  const report::Dependency* d = NfsPath(r);
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->reachable, std::optional<bool>(false));
  ASSERT_FALSE(d->trace.empty());
  EXPECT_EQ(d->trace.back().resource.str(), "sg-efs");
  EXPECT_EQ(d->trace.back().action, report::StepAction::kDenied);
  const auto& remedies = r.targets.front().remedies;
  ASSERT_FALSE(remedies.empty());
  EXPECT_TRUE(remedies.front().feasible) << remedies.front().reason;
  ASSERT_EQ(remedies.front().changes.size(), 1u);
  EXPECT_EQ(remedies.front().changes[0].commands,
            std::vector<std::string>{"aws ec2 authorize-security-group-ingress --group-id sg-efs --ip-permissions "
                                     "'IpProtocol=tcp,FromPort=2049,ToPort=2049,UserIdGroupPairs=[{GroupId=sg-task}]'"});
}

TEST_F(Sto003Test, BothNetworkAclsDenyingAreBothPlannedWithTheirNfsPorts) {
  // The task subnet's ACL lets only 443 out, and the mount target subnet's drops 2049 in.
  f_.Nacl("acl-task", "vpc-1", {"subnet-task"},
          {E(100, true, kTcp, PortRange{443, 443}, "0.0.0.0/0", true),
           E(32767, true, -1, std::nullopt, "0.0.0.0/0", false), E(100, false, -1, std::nullopt, "0.0.0.0/0", true),
           E(32767, false, -1, std::nullopt, "0.0.0.0/0", false)});
  f_.Nacl("acl-efs", "vpc-1", {"subnet-efs"},
          {E(100, true, -1, std::nullopt, "0.0.0.0/0", true), E(32767, true, -1, std::nullopt, "0.0.0.0/0", false),
           E(90, false, kTcp, PortRange{2049, 2049}, "10.0.1.0/24", false),
           E(100, false, -1, std::nullopt, "0.0.0.0/0", true), E(32767, false, -1, std::nullopt, "0.0.0.0/0", false)});
  Base();
  report::Report r = Diagnose();
  const auto& remedies = r.targets.front().remedies;
  ASSERT_FALSE(remedies.empty());
  std::vector<std::string> commands;
  for (const auto& c : remedies.front().changes) commands.insert(commands.end(), c.commands.begin(), c.commands.end());
  EXPECT_TRUE(remedies.front().feasible) << remedies.front().reason;
  auto has = [&](const std::string& part) {
    return std::any_of(commands.begin(), commands.end(), [&](const std::string& c) { return c.find(part) != std::string::npos; });
  };
  EXPECT_TRUE(has("--network-acl-id acl-task --egress")) << ::testing::PrintToString(commands);
  EXPECT_TRUE(has("--network-acl-id acl-efs --ingress")) << ::testing::PrintToString(commands);
  EXPECT_TRUE(has("--port-range From=2049,To=2049 --cidr-block 10.0.9.10/32")) << ::testing::PrintToString(commands);
  EXPECT_FALSE(has("From=443")) << ::testing::PrintToString(commands);
}

TEST_F(Sto003Test, AZoneWithoutAMountTargetIsPlannedAsANewOneWithTheFileSystemsGroups) {
  f_.Subnet("subnet-task", "vpc-1", "10.0.1.0/24", "euw3-az2");  // the mount target is in az1
  Base();
  report::Report r = Diagnose();
  const report::Dependency* d = NfsPath(r);
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->reachable, std::optional<bool>(false));
  const auto& remedies = r.targets.front().remedies;
  ASSERT_FALSE(remedies.empty());
  EXPECT_TRUE(remedies.front().feasible) << remedies.front().reason;
  ASSERT_EQ(remedies.front().changes.size(), 1u);
  EXPECT_EQ(remedies.front().changes[0].commands,
            std::vector<std::string>{"aws efs create-mount-target --file-system-id fs-1 --subnet-id subnet-task "
                                     "--security-groups sg-efs"});
}

TEST_F(Sto003Test, AOneZoneFileSystemIsNotGivenAMountTargetInAnotherZone) {
  f_.Subnet("subnet-task", "vpc-1", "10.0.1.0/24", "euw3-az2");
  model::EfsFileSystem fs;
  fs.id = "fs-1";
  fs.availability_zone_name = "eu-west-3a";
  f_.builder().AddEfsFileSystem(fs);
  Base();
  report::Report r = Diagnose();
  const auto& remedies = r.targets.front().remedies;
  ASSERT_FALSE(remedies.empty());
  EXPECT_FALSE(remedies.front().feasible);
  EXPECT_NE(remedies.front().reason.find("One Zone file system fs-1"), std::string::npos) << remedies.front().reason;
}

}  // namespace
}  // namespace fd::checks
