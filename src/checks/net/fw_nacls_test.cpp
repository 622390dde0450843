// Network ACLs on the way: FW006 (the task subnet's NACL denies outbound 443), FW007 (it drops
// the replies), FW008 (the NACL of a NAT gateway's or an endpoint's subnet blocks the flow).
// base-private-nat: one open default NACL on every subnet; the NAT gateway sits in
// shop-prod-public-a. base-endpoints-dedicated-subnets: the endpoints sit in
// payments-endpoints-a/b/c, away from the task subnets.
#include "testing/check_harness.h"
#include "testing/snapshot_edits.h"

namespace fd::testing {
namespace {

using report::Severity;

constexpr const char* kAcl = "acl-0000000000000f006";
const std::vector<std::string_view> kPrivate = {"shop-prod-private-a", "shop-prod-private-b", "shop-prod-private-c"};
const std::vector<std::string_view> kPublic = {"shop-prod-public-a", "shop-prod-public-b", "shop-prod-public-c"};

Json AllOut() { return NaclEntry(100, true, "-1", std::nullopt, "0.0.0.0/0", true); }
Json AllIn() { return NaclEntry(100, false, "-1", std::nullopt, "0.0.0.0/0", true); }

// ---- FW006 --------------------------------------------------------------------------------

/// Private subnets whose NACL lets out tcp 80 and the ephemeral ports, and `extra`.
Snapshot PrivateNaclOut(std::vector<Json> extra) {
  auto s = Snapshot::Base("base-private-nat");
  std::vector<Json> entries = {NaclEntry(100, true, "6", {{80, 80}}, "0.0.0.0/0", true),
                               NaclEntry(110, true, "6", {{1024, 65535}}, "0.0.0.0/0", true), AllIn()};
  entries.insert(entries.end(), extra.begin(), extra.end());
  OwnNacl(s, kPrivate, kAcl, entries);
  return s;
}

TEST(FW006, FiresWhenOutbound443FallsToTheImplicitDeny) {
  auto run = RunCheck(Def("FW006"), PrivateNaclOut({}));
  ASSERT_TRUE(FiresOn(run, kAcl, Severity::kBlocker, {"network ACL " + std::string(kAcl), "denies outbound tcp 443 to",
                                                      "ecr.dkr"}));
  EXPECT_EQ(run.On(kAcl)->subnets.size(), 3u) << run.Dump();  // each once, as the report shows them
}

// The twin: the same NACL with 443 allowed out.
TEST(FW006, SilentWhenTheNaclAllows443Out) {
  EXPECT_TRUE(Silent(RunCheck(Def("FW006"), PrivateNaclOut({NaclEntry(120, true, "6", {{443, 443}}, "0.0.0.0/0", true)}))));
}

TEST(FW006, UncheckedWhenTheNetworkAclsAreNotInTheSnapshot) {
  auto s = Snapshot::Base("base-private-nat");
  s.Drop("ec2-describe-network-acls.json");
  EXPECT_TRUE(UncheckedBecause(RunCheck(Def("FW006"), s),
                               {"no network ACL data for " + s.Id("Subnets", "shop-prod-private-a")}));
}

// ---- FW007 --------------------------------------------------------------------------------

/// Private subnets whose NACL lets everything out and in only `inbound`.
Snapshot PrivateNaclIn(std::vector<Json> inbound) {
  auto s = Snapshot::Base("base-private-nat");
  inbound.push_back(AllOut());
  OwnNacl(s, kPrivate, kAcl, inbound);
  return s;
}

TEST(FW007, FiresWhenOnlyTheAppPortIsAdmitted) {
  auto run = RunCheck(Def("FW007"), PrivateNaclIn({NaclEntry(100, false, "6", {{8080, 8080}}, "10.20.0.0/16", true)}));
  EXPECT_TRUE(FiresOn(run, kAcl, Severity::kBlocker, {"network ACL " + std::string(kAcl), "drops the replies from"}));
}

// 32768-60999 (Linux's own range) works for most clients but is not guaranteed.
TEST(FW007, FiresAsAWarningOnTheLinuxEphemeralRangeOnly) {
  auto run = RunCheck(Def("FW007"), PrivateNaclIn({NaclEntry(100, false, "6", {{32768, 60999}}, "0.0.0.0/0", true)}));
  EXPECT_TRUE(FiresOn(run, kAcl, Severity::kWarning, {"opens only part of the ephemeral range 1024-65535"}));
}

TEST(FW007, SilentWhenTheWholeEphemeralRangeIsAdmitted) {
  EXPECT_TRUE(Silent(RunCheck(Def("FW007"), PrivateNaclIn({NaclEntry(100, false, "6", {{1024, 65535}}, "0.0.0.0/0", true)}))));
}

TEST(FW007, UncheckedWhenTheNetworkAclsAreNotInTheSnapshot) {
  auto s = Snapshot::Base("base-private-nat");
  s.Drop("ec2-describe-network-acls.json");
  EXPECT_TRUE(UncheckedBecause(RunCheck(Def("FW007"), s), {"no network ACL data for"}));
}

// ---- FW008 --------------------------------------------------------------------------------

/// The NAT gateway's public subnets on a NACL of their own, admitting `inbound` only.
Snapshot NatSubnetNaclIn(std::vector<Json> inbound) {
  auto s = Snapshot::Base("base-private-nat");
  inbound.push_back(AllOut());
  OwnNacl(s, kPublic, kAcl, inbound);
  return s;
}

TEST(FW008, FiresWhenTheNatSubnetAdmitsOnlyReturnTraffic) {
  auto run = RunCheck(Def("FW008"), NatSubnetNaclIn({NaclEntry(100, false, "6", {{1024, 65535}}, "0.0.0.0/0", true)}));
  ASSERT_TRUE(FiresOn(run, kAcl, Severity::kBlocker, {"network ACL " + std::string(kAcl), "of a NAT or endpoint subnet blocks"}));
  EXPECT_TRUE(EvidenceOn(run, kAcl, {"denies inbound tcp 443 from the tasks"}));
}

TEST(FW008, FiresWhenTheEndpointSubnetsAdmitOnlyOnPremises) {
  auto s = Snapshot::Base("base-endpoints-dedicated-subnets");
  OwnNacl(s, {"payments-endpoints-a", "payments-endpoints-b", "payments-endpoints-c"}, kAcl,
          {NaclEntry(100, false, "6", {{443, 443}}, "192.168.0.0/16", true),
           NaclEntry(110, false, "6", {{1024, 65535}}, "0.0.0.0/0", true), AllOut()});
  auto run = RunCheck(Def("FW008"), s);
  EXPECT_TRUE(FiresOn(run, kAcl, Severity::kBlocker, {"blocks the traffic of", "ecr.api"}));
}

// The twin of the NAT case: the same NACL also admitting 443 from the VPC.
TEST(FW008, SilentWhenTheNatSubnetAdmitsTheTasks) {
  auto run = RunCheck(Def("FW008"), NatSubnetNaclIn({NaclEntry(90, false, "6", {{443, 443}}, "10.20.0.0/16", true),
                                                     NaclEntry(100, false, "6", {{1024, 65535}}, "0.0.0.0/0", true)}));
  EXPECT_TRUE(Silent(run));
}

// The NAT gateway's subnet in no NACL the snapshot holds: the task subnets keep theirs.
TEST(FW008, UncheckedWhenTheNatSubnetHasNoNacl) {
  auto s = Snapshot::Base("base-private-nat");
  EraseIf(s.Doc("ec2-describe-network-acls.json")["NetworkAcls"], [](const Json&) { return true; });
  OwnNacl(s, kPrivate, kAcl, OpenNaclEntries());
  EXPECT_TRUE(UncheckedBecause(RunCheck(Def("FW008"), s),
                               {"no network ACL data for " + s.Id("Subnets", "shop-prod-public-a"),
                                "subnet of " + s.Id("NatGateways", "shop-prod-nat-a")}));
}

}  // namespace
}  // namespace fd::testing
