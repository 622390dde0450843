// The filters over any flow (filters.h), here tcp 2049 from a task to an EFS mount target as
// STO003 evaluates it: each direction is one trace step, and a denial names the rule that
// would admit it.
#include "analysis/trace/filters.h"

#include <gtest/gtest.h>

#include "testing/model_fixture.h"

namespace fd::analysis::trace {
namespace {

using net::Tri;
using report::StepAction;
using testing::E;
using testing::Rule;

/// subnet-a 10.0.1.0/24 (the task, sg-a) and subnet-b 10.0.9.0/24 (fsmt-1 at 10.0.9.10, sg-b).
class FiltersTest : public ::testing::Test {
 protected:
  void Build() {
    f_.Vpc("vpc-1", "10.0.0.0/16");
    f_.Subnet("subnet-a", "vpc-1", "10.0.1.0/24");
    f_.Subnet("subnet-b", "vpc-1", "10.0.9.0/24");
    f_.Sg("sg-a", "vpc-1", {Rule({kTcp, 2049, 2049, {}, {}, {"sg-b"}})});
    f_.Sg("sg-b", "vpc-1", {}, {Rule({kTcp, 2049, 2049, {}, {}, {"sg-a"}})});
    m_ = f_.Build();
    task_.subnet = m_.subnets().Find("subnet-a");
    task_.groups = {m_.security_groups().Find("sg-a")};
    task_.name = "task";
    task_.eni_hop = "eni (task)";
    mt_.subnet = m_.subnets().Find("subnet-b");
    mt_.groups = {m_.security_groups().Find("sg-b")};
    mt_.name = "fsmt-1";
    mt_.eni_hop = "fsmt-1";
    nfs_ = Flow{kTcp, 2049, net::Peer::Cidrs({testing::C("10.0.9.10/32")}, "fsmt-1 10.0.9.10")};
    nfs_.to.group_ids = {"sg-b"};
  }
  const model::NetworkAcl& Acl(const std::string& id) { return *m_.network_acls().Find(id); }

  testing::Fixture f_;
  model::Model m_;
  Placement task_, mt_;
  Flow nfs_;
};

TEST_F(FiltersTest, SecurityGroupsAdmitTheFlowByGroupReference) {
  Build();
  Verdict out = SgEgress(task_, nfs_, m_);
  EXPECT_EQ(out.allowed, Tri::kYes) << out.detail();
  EXPECT_EQ(out.step.hop, "eni (task)");
  EXPECT_EQ(out.step.resource, "sg-a");
  EXPECT_EQ(out.step.step, "security-group egress");
  EXPECT_EQ(out.step.action, StepAction::kPermitted);
  Verdict in = SgIngress(mt_, nfs_, task_, m_);
  EXPECT_EQ(in.allowed, Tri::kYes) << in.detail();
  EXPECT_EQ(in.step.hop, "fsmt-1");
  EXPECT_EQ(in.step.resource, "sg-b");
  EXPECT_EQ(in.step.step, "security-group ingress");
}

TEST_F(FiltersTest, DeniedSecurityGroupsNameTheRuleThatAdmitsThePort) {
  f_.Sg("sg-a", "vpc-1", {testing::Tcp443({"0.0.0.0/0"})});
  f_.Sg("sg-b", "vpc-1", {}, {testing::Tcp443({}, {}, {"sg-a"})});
  Build();
  Verdict out = SgEgress(task_, nfs_, m_);
  EXPECT_EQ(out.allowed, Tri::kNo);
  EXPECT_EQ(out.step.action, StepAction::kDenied);
  EXPECT_NE(out.detail().find("2049"), std::string::npos) << out.detail();
  EXPECT_TRUE(out.opening.egress);
  EXPECT_EQ(out.opening.ports, (PortRange{2049, 2049}));
  EXPECT_EQ(out.opening.group, "sg-b");  // the far end as it is named: its group
  Verdict in = SgIngress(mt_, nfs_, task_, m_);
  EXPECT_EQ(in.allowed, Tri::kNo);
  EXPECT_EQ(in.step.action, StepAction::kDenied);
  EXPECT_FALSE(in.opening.egress);
  EXPECT_EQ(in.opening.ports, (PortRange{2049, 2049}));
  EXPECT_EQ(in.opening.group, "sg-a");
}

TEST_F(FiltersTest, IngressAdmittingPartOfTheSourceSubnetIsUndecidedButDenied) {
  f_.Sg("sg-b", "vpc-1", {}, {Rule({kTcp, 2049, 2049, {"10.0.1.0/25"}, {}, {}})});
  Build();
  Verdict in = SgIngress(mt_, nfs_, task_, m_);
  EXPECT_EQ(in.allowed, Tri::kMaybe) << in.detail();
  EXPECT_EQ(in.step.action, StepAction::kDenied);  // a task on the other half times out
}

TEST_F(FiltersTest, NaclAtTheSourceChecksTheRequestAndItsRepliesOnEphemeralPorts) {
  f_.Nacl("acl-a", "vpc-1", {"subnet-a"},
          {E(90, true, kTcp, PortRange{2049, 2049}, "10.0.9.0/24", false), E(100, true, -1, std::nullopt, "0.0.0.0/0", true),
           E(32767, true, -1, std::nullopt, "0.0.0.0/0", false), E(100, false, -1, std::nullopt, "0.0.0.0/0", true),
           E(32767, false, -1, std::nullopt, "0.0.0.0/0", false)});
  Build();
  auto [out, in] = NaclAtSource(Acl("acl-a"), task_, nfs_);
  EXPECT_EQ(out.allowed, Tri::kNo) << out.detail();
  EXPECT_EQ(out.step.hop, "subnet subnet-a (task)");
  EXPECT_EQ(out.step.resource, "acl-a");
  EXPECT_EQ(out.step.step, "network-acl egress");
  EXPECT_EQ(out.opening.deny_rule, 90);
  EXPECT_TRUE(out.opening.egress);
  EXPECT_EQ(out.opening.ports, (PortRange{2049, 2049}));
  EXPECT_EQ(out.opening.cidr, "10.0.9.10/32");  // the mount target's own address
  EXPECT_EQ(in.allowed, Tri::kYes) << in.detail();
  EXPECT_EQ(in.step.step, "network-acl ingress (replies)");
}

TEST_F(FiltersTest, RepliesOnTheLinuxPortsOnlyArePermittedButMarked) {
  f_.Nacl("acl-a", "vpc-1", {"subnet-a"},
          {E(100, true, -1, std::nullopt, "0.0.0.0/0", true), E(32767, true, -1, std::nullopt, "0.0.0.0/0", false),
           E(100, false, kTcp, PortRange{32768, 60999}, "0.0.0.0/0", true),
           E(32767, false, -1, std::nullopt, "0.0.0.0/0", false)});
  Build();
  auto [out, in] = NaclAtSource(Acl("acl-a"), task_, nfs_);
  EXPECT_EQ(out.allowed, Tri::kYes);
  EXPECT_EQ(in.allowed, Tri::kNo) << in.detail();
  EXPECT_TRUE(in.linux_only);
  EXPECT_EQ(in.step.action, StepAction::kPermitted);
  EXPECT_FALSE(in.opening.egress);
  EXPECT_EQ(in.opening.ports, kEphemeral);
}

TEST_F(FiltersTest, NaclAtTheDestinationChecksTheRequestFromTheSourceSubnet) {
  f_.Nacl("acl-b", "vpc-1", {"subnet-b"},
          {E(100, true, kTcp, PortRange{1024, 65535}, "10.0.1.0/24", true),
           E(32767, true, -1, std::nullopt, "0.0.0.0/0", false),
           E(80, false, kTcp, PortRange{2049, 2049}, "10.0.1.0/24", false),
           E(100, false, -1, std::nullopt, "0.0.0.0/0", true), E(32767, false, -1, std::nullopt, "0.0.0.0/0", false)});
  Build();
  auto [in, out] = NaclAtDestination(Acl("acl-b"), mt_, nfs_, task_);
  EXPECT_EQ(in.allowed, Tri::kNo) << in.detail();
  EXPECT_EQ(in.step.hop, "subnet subnet-b (fsmt-1)");
  EXPECT_EQ(in.step.step, "network-acl ingress");
  EXPECT_EQ(in.opening.deny_rule, 80);
  EXPECT_FALSE(in.opening.egress);
  EXPECT_EQ(in.opening.cidr, "10.0.1.0/24");  // the source subnet
  EXPECT_EQ(out.allowed, Tri::kYes) << out.detail();
  EXPECT_EQ(out.step.step, "network-acl egress (replies)");
  EXPECT_EQ(out.opening.ports, kEphemeral);
}

}  // namespace
}  // namespace fd::analysis::trace
