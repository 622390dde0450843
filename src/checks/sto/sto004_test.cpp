// STO004: the EFS name cannot resolve in the task's VPC: DNS support or DNS hostnames off, or
// DHCP options with custom DNS servers. efs-mount-targets-healthy has both attributes on and
// AmazonProvidedDNS.
#include "testing/check_harness.h"
#include "testing/snapshot_edits.h"

namespace fd::testing {
namespace {

using report::Severity;

constexpr const char* kBase = "efs-mount-targets-healthy";

CheckRun Check(const Snapshot& s) { return RunCheck(Def("STO004"), s); }

TEST(STO004, FiresWhenDnsHostnamesAreOff) {
  auto s = Snapshot::Base(kBase);
  s.Doc("ec2-describe-vpc-attribute-enableDnsHostnames.json")["EnableDnsHostnames"]["Value"] = false;
  auto run = Check(s);
  const std::string vpc = s.Id("Vpcs", "shop-prod");
  ASSERT_TRUE(FiresOn(run, vpc, Severity::kBlocker, {"fs-0b7d31c9e2a4f6058", "cannot be resolved in " + vpc}));
  EXPECT_TRUE(EvidenceOn(run, vpc, {"enableDnsHostnames is false"}));
  EXPECT_EQ(run.On(vpc)->subnets.size(), 3u);
}

TEST(STO004, FiresWhenDnsSupportIsOff) {
  auto s = Snapshot::Base(kBase);
  s.Doc("ec2-describe-vpc-attribute-enableDnsSupport.json")["EnableDnsSupport"]["Value"] = false;
  auto run = Check(s);
  const std::string vpc = s.Id("Vpcs", "shop-prod");
  ASSERT_TRUE(FiresOn(run, vpc, Severity::kBlocker, {"cannot be resolved"}));
  EXPECT_TRUE(EvidenceOn(run, vpc, {"enableDnsSupport is false"}));
}

TEST(STO004, FiresAsAWarningWithCustomDnsServers) {
  auto s = Snapshot::Base(kBase);
  const std::string dopt = SetDnsServers(s, "shop-prod", {"10.20.0.2", "10.20.0.3"});
  auto run = Check(s);
  ASSERT_TRUE(FiresOn(run, dopt, Severity::kWarning, {"cannot be resolved"}));
  EXPECT_TRUE(EvidenceOn(run, dopt, {"name DNS servers 10.20.0.2, 10.20.0.3"}));
}

TEST(STO004, SilentWithDnsOnAndTheAmazonResolver) { EXPECT_TRUE(Silent(Check(Snapshot::Base(kBase)))); }

// The Amazon resolver named by address is the Amazon resolver.
TEST(STO004, SilentWithTheAmazonResolverByAddress) {
  auto s = Snapshot::Base(kBase);
  SetDnsServers(s, "shop-prod", {"169.254.169.253"});
  EXPECT_TRUE(Silent(Check(s)));
}

TEST(STO004, UncheckedWithoutTheDnsHostnamesAttribute) {
  auto s = Snapshot::Base(kBase);
  s.Drop("ec2-describe-vpc-attribute-enableDnsHostnames.json");
  EXPECT_TRUE(UncheckedBecause(Check(s), {"enableDnsHostnames of " + s.Id("Vpcs", "shop-prod"),
                                          "no ec2 describe-vpc-attribute"}));
}

TEST(STO004, UncheckedWithoutTheDhcpOptions) {
  auto s = Snapshot::Base(kBase);
  s.Drop("ec2-describe-dhcp-options.json");
  EXPECT_TRUE(UncheckedBecause(Check(s), {"DHCP options", "are not in the snapshot"}));
}

}  // namespace
}  // namespace fd::testing
