// STO003: NFS (TCP 2049) between a task and its zone's EFS mount target, through the task's
// security group egress, the mount target's group ingress and, when the mount target sits in
// another subnet, the network ACLs of both subnets both ways.
//
// efs-mount-targets-healthy: tasks in shop-prod-private-a/b/c, one mount target in each (so no
// NACL is crossed), group efs-uploads admitting 2049 from api-tasks. The NACL cases first move
// the zone-a mount target into shop-prod-public-a, the other subnet of that zone.
#include "testing/check_harness.h"
#include "testing/snapshot_edits.h"

namespace fd::testing {
namespace {

using report::Severity;

constexpr const char* kBase = "efs-mount-targets-healthy";
constexpr const char* kMountTargetA = "fsmt-0d1d34a5b156e3ffb";  // euw3-az1
constexpr const char* kAcl = "acl-0000000000000a003";

CheckRun Check(const Snapshot& s) { return RunCheck(Def(Code::kSto003), s); }

/// The zone-a mount target in the public subnet of its zone (10.20.0.0/24), away from the
/// task subnet shop-prod-private-a (10.20.16.0/20): NFS then crosses both subnets' NACLs.
Snapshot MountTargetAcrossSubnets() {
  auto s = Snapshot::Base(kBase);
  Json& mt = s.Item("MountTargets", kMountTargetA);
  mt["SubnetId"] = s.Id("Subnets", "shop-prod-public-a");
  mt["IpAddress"] = "10.20.0.40";
  return s;
}

/// An open NACL with `entry` before its allow rules.
std::vector<Json> OpenBut(Json entry) {
  std::vector<Json> entries = OpenNaclEntries();
  entries.insert(entries.begin(), std::move(entry));
  return entries;
}

// ---- the network ACLs ---------------------------------------------------------------------

TEST(STO003, FiresWhenTheMountTargetSubnetsNaclDropsNfsFromTheTasks) {
  auto s = MountTargetAcrossSubnets();
  OwnNacl(s, "shop-prod-public-a", kAcl, OpenBut(NaclEntry(90, false, "6", {{2049, 2049}}, "10.20.16.0/20", false)));
  auto run = Check(s);
  ASSERT_TRUE(FiresOn(run, kAcl, Severity::kBlocker, {"blocks NFS", "api", "mount target"}));
  const auto* f = run.On(kAcl);
  ASSERT_EQ(f->evidence.size(), 1u);
  EXPECT_TRUE(EvidenceOn(run, kAcl, {"inbound tcp 2049 from " + s.Id("Subnets", "shop-prod-private-a")}));
  EXPECT_EQ(f->subnets, std::vector<std::string>{s.Id("Subnets", "shop-prod-private-a")});
  EXPECT_EQ(run.findings.size(), 1u) << run.Dump();
}

TEST(STO003, FiresWhenTheMountTargetSubnetsNaclDropsTheReplies) {
  auto s = MountTargetAcrossSubnets();
  OwnNacl(s, "shop-prod-public-a", kAcl, OpenBut(NaclEntry(90, true, "6", {{1024, 65535}}, "10.20.16.0/20", false)));
  auto run = Check(s);
  ASSERT_TRUE(FiresOn(run, kAcl, Severity::kBlocker, {"blocks NFS"}));
  EXPECT_TRUE(EvidenceOn(run, kAcl, {"outbound replies"}));
}

TEST(STO003, FiresWhenTheTaskSubnetsNaclDropsNfsOut) {
  auto s = MountTargetAcrossSubnets();
  OwnNacl(s, "shop-prod-private-a", kAcl, OpenBut(NaclEntry(90, true, "6", {{2049, 2049}}, "10.20.0.0/24", false)));
  auto run = Check(s);
  ASSERT_TRUE(FiresOn(run, kAcl, Severity::kBlocker, {"blocks NFS"}));
  EXPECT_TRUE(EvidenceOn(run, kAcl, {"outbound tcp 2049 to " + std::string(kMountTargetA)}));
  // The fix opens exactly the flow that was denied, at a free multiple of ten below the deny.
  ASSERT_EQ(run.On(kAcl)->fix.commands.size(), 1u);
  EXPECT_NE(run.On(kAcl)->fix.commands[0].find("--egress --rule-number 80 --protocol 6 --port-range "
                                                "From=2049,To=2049 --cidr-block 10.20.0.40/32"),
            std::string::npos) << run.On(kAcl)->fix.commands[0];
}

TEST(STO003, FiresWhenTheTaskSubnetsNaclDropsTheReplies) {
  auto s = MountTargetAcrossSubnets();
  OwnNacl(s, "shop-prod-private-a", kAcl, OpenBut(NaclEntry(90, false, "6", {{1024, 65535}}, "10.20.0.0/24", false)));
  auto run = Check(s);
  ASSERT_TRUE(FiresOn(run, kAcl, Severity::kBlocker, {"blocks NFS"}));
  EXPECT_TRUE(EvidenceOn(run, kAcl, {"inbound replies (tcp 1024-65535) from " + std::string(kMountTargetA)}));
}

// The twin of the NACL cases: the same own NACL, its rule 90 allowing instead of denying.
TEST(STO003, SilentWhenTheMountTargetSubnetsOwnNaclAdmitsNfs) {
  auto s = MountTargetAcrossSubnets();
  OwnNacl(s, "shop-prod-public-a", kAcl, OpenBut(NaclEntry(90, false, "6", {{2049, 2049}}, "10.20.16.0/20", true)));
  EXPECT_TRUE(Silent(Check(s)));
}

TEST(STO003, SilentWhenTheMountTargetIsInAnotherSubnetBehindTheOpenDefaultNacl) {
  EXPECT_TRUE(Silent(Check(MountTargetAcrossSubnets())));
}

// A NACL admitting part of the task subnet: tasks on some addresses mount, others do not.
TEST(STO003, UncheckedWhenTheMountTargetSubnetsNaclAdmitsPartOfTheTaskSubnet) {
  auto s = MountTargetAcrossSubnets();
  std::vector<Json> entries = {NaclEntry(90, false, "6", {{2049, 2049}}, "10.20.16.0/21", true),
                               NaclEntry(100, true, "-1", std::nullopt, "0.0.0.0/0", true)};
  OwnNacl(s, "shop-prod-public-a", kAcl, entries);
  EXPECT_TRUE(UncheckedBecause(Check(s), {"network ACL " + std::string(kAcl), "may or may not cover"}));
}

TEST(STO003, UncheckedWhenTheNetworkAclsAreNotInTheSnapshot) {
  auto s = MountTargetAcrossSubnets();
  s.Drop("ec2-describe-network-acls.json");
  EXPECT_TRUE(UncheckedBecause(Check(s), {"no network ACL data for subnet " + s.Id("Subnets", "shop-prod-private-a")}));
}

TEST(STO003, UncheckedWhenTheMountTargetsSubnetIsNotInTheSnapshot) {
  auto s = MountTargetAcrossSubnets();
  s.Item("MountTargets", kMountTargetA)["SubnetId"] = "subnet-00000000000000e1f";
  EXPECT_TRUE(UncheckedBecause(Check(s), {"subnet subnet-00000000000000e1f of mount target", "not in the snapshot"}));
}

// ---- the security groups ------------------------------------------------------------------

TEST(STO003, FiresWhenTheMountTargetGroupAdmitsAnotherGroup) {
  auto s = Snapshot::Base(kBase);
  s.Item("SecurityGroups", "efs-uploads")["IpPermissions"] =
      Json::array({SgPermission("tcp", 2049, 2049, {}, {s.Id("SecurityGroups", "default")})});
  auto run = Check(s);
  const std::string sg = s.Id("SecurityGroups", "efs-uploads");
  EXPECT_TRUE(FiresOn(run, sg, Severity::kBlocker, {"does not admit NFS (tcp 2049) from api"}));
  EXPECT_EQ(run.On(sg)->subnets.size(), 3u) << run.Dump();
  EXPECT_EQ(run.findings.size(), 1u) << run.Dump();
}

TEST(STO003, FiresAsAWarningWhenTheMountTargetGroupAdmitsPartOfOneTaskSubnet) {
  auto s = Snapshot::Base(kBase);
  // All of private-b and private-c, half of private-a (10.20.16.0/20).
  s.Item("SecurityGroups", "efs-uploads")["IpPermissions"] = Json::array(
      {SgPermission("tcp", 2049, 2049, {"10.20.16.0/21", "10.20.32.0/20", "10.20.48.0/20"})});
  auto run = Check(s);
  EXPECT_TRUE(FiresOn(run, s.Id("SecurityGroups", "efs-uploads"), Severity::kWarning, {"does not admit NFS"}));
}

TEST(STO003, FiresWhenTheTaskGroupAllowsOnlyHttpsOut) {
  auto s = Snapshot::Base(kBase);
  s.Item("SecurityGroups", "api-tasks")["IpPermissionsEgress"] =
      Json::array({SgPermission("tcp", 443, 443, {"0.0.0.0/0"})});
  auto run = Check(s);
  EXPECT_TRUE(FiresOn(run, s.Id("SecurityGroups", "api-tasks"), Severity::kBlocker,
                      {"does not allow NFS (tcp 2049) out"}));
}

// The twin of the group cases: 2049 admitted by CIDR instead of by group reference.
TEST(STO003, SilentWhenTheMountTargetGroupAdmitsTheWholeVpc) {
  auto s = Snapshot::Base(kBase);
  s.Item("SecurityGroups", "efs-uploads")["IpPermissions"] =
      Json::array({SgPermission("tcp", 2049, 2049, {"10.20.0.0/16"})});
  EXPECT_TRUE(Silent(Check(s)));
}

TEST(STO003, SilentInTheHealthyDesign) { EXPECT_TRUE(Silent(Check(Snapshot::Base(kBase)))); }

TEST(STO003, UncheckedWhenTheMountTargetsGroupsAreNotInTheSnapshot) {
  auto s = Snapshot::Base(kBase);
  s.Drop("efs-describe-mount-target-security-groups-a.json");
  EXPECT_TRUE(UncheckedBecause(Check(s), {"the security groups of mount target " + std::string(kMountTargetA),
                                        "describe-mount-target-security-groups"}));
}

TEST(STO003, UncheckedWhenTheTasksGroupIsNotInTheSnapshot) {
  auto s = Snapshot::Base(kBase);
  const std::string sg = s.Id("SecurityGroups", "api-tasks");
  EraseIf(s.Doc("ec2-describe-security-groups.json")["SecurityGroups"],
          [&](const Json& g) { return g["GroupId"] == sg; });
  EXPECT_TRUE(UncheckedBecause(Check(s), {"security group " + sg + " is not in the snapshot"}));
}

// A mount target described without its address is somewhere in its subnet: NFS is judged
// against the subnet's CIDR, which the healthy groups (by group reference) admit.
TEST(STO003, SilentWhenTheMountTargetHasNoAddressButItsSubnetIsAdmitted) {
  auto s = Snapshot::Base(kBase);
  s.Item("MountTargets", kMountTargetA).erase("IpAddress");
  EXPECT_TRUE(Silent(Check(s)));
}

TEST(STO003, UncheckedWhenTheMountTargetHasNoAddressAndItsSubnetIsUnknown) {
  auto s = Snapshot::Base(kBase);
  Json& mt = s.Item("MountTargets", kMountTargetA);
  mt.erase("IpAddress");
  mt["SubnetId"] = "subnet-00000000000000e1f";
  EXPECT_TRUE(UncheckedBecause(Check(s), {"mount target " + std::string(kMountTargetA), "no IPv4 address"}));
}

}  // namespace
}  // namespace fd::testing
