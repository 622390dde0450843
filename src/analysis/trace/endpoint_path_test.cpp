// The way through an interface endpoint (endpoint_path.cpp): the endpoint subnets' network
// ACLs, the endpoint's security groups, and the task subnet's NACL only across a subnet boundary.
#include "testing/trace_fixture.h"

namespace fd::analysis::trace_testing {
namespace {

TEST_F(TracerTest, EndpointDesignFullyHealthy) {
  EndpointDesign();
  Base();
  for (const Need* n : {&kApi, &kDkr, &kLogs}) {
    SCOPED_TRACE(n->service);
    PathResult p = Trace(*n, "subnet-iso");
    ExpectReached(p, "vpce-" + n->service);
    EXPECT_TRUE(p.faults.empty()) << Dump(p);
    ASSERT_FALSE(p.trace.empty());
    EXPECT_EQ(p.trace[0].action, StepAction::kForwarded) << Dump(p);  // private DNS answers
  }
  PathResult s3 = Trace(kS3, "subnet-iso");
  ExpectReached(s3, "vpce-s3");
  EXPECT_TRUE(s3.faults.empty()) << Dump(s3);
}

TEST_F(TracerTest, EndpointInTheTaskSubnetIsNotFilteredByItsNacl) {
  // NACLs apply only where traffic crosses a subnet boundary: task and endpoint ENIs share
  // subnet-iso, whose NACL denies everything.
  f_.Nacl("acl-iso", "vpc-1", {"subnet-iso"},
          {E(32767, true, -1, std::nullopt, "0.0.0.0/0", false),
           E(32767, false, -1, std::nullopt, "0.0.0.0/0", false)});
  f_.InterfaceEndpoint("vpce-ecr.dkr", "vpc-1", "ecr.dkr", {"subnet-iso"}, {"sg-vpce"});
  EndpointDesign();
  Base();
  ExpectReached(Trace(kDkr, "subnet-iso"), "vpce-ecr.dkr");
  // The endpoint in subnet-vpce is across the boundary: the same NACL stops it.
  ExpectBlocked(Trace(kApi, "subnet-iso"), "FW006", "acl-iso");
}

TEST_F(TracerTest, EndpointSgAdmittingPartOfTheTaskSubnetIsAnFw003Warning) {
  // Only 10.0.2.0/25 of subnet-iso (10.0.2.0/24) is admitted: a task whose ENI gets an address
  // in the other half times out, and which address it gets is not known in advance.
  f_.Sg("sg-vpce", "vpc-1", {}, {Tcp443({"10.0.2.0/25"})});
  EndpointDesign();
  Base();
  PathResult p = Trace(kDkr, "subnet-iso");
  const Fault* f = FaultOf(p, "FW003");
  ASSERT_NE(f, nullptr) << Dump(p);
  EXPECT_EQ(f->severity, Severity::kWarning);
  EXPECT_EQ(f->resource, "sg-vpce");
  EXPECT_EQ(FirstBlocker(p), nullptr) << Dump(p);
  // Intermittent, not blocked: the warning makes the target at-risk (docs/design/report.md).
  EXPECT_NE(p.reachable, std::optional<bool>(false)) << Dump(p);
}

TEST_F(TracerTest, EndpointSgNotAdmittingTheTaskIsFw003) {
  f_.Sg("sg-vpce", "vpc-1", {}, {Tcp443({"192.168.0.0/16"})});
  EndpointDesign();
  Base();
  PathResult p = Trace(kDkr, "subnet-iso");
  ExpectBlocked(p, "FW003", "sg-vpce");
}

TEST_F(TracerTest, EndpointSgAdmittingTheVpcCidrIsEnough) {
  f_.Sg("sg-vpce", "vpc-1", {}, {Tcp443({"10.0.0.0/16"})});
  EndpointDesign();
  Base();
  ExpectReached(Trace(kDkr, "subnet-iso"), "vpce-ecr.dkr");
}

TEST_F(TracerTest, EndpointSubnetNaclBlockingIsFw008) {
  f_.Nacl("acl-vpce", "vpc-1", {"subnet-vpce"},
          {E(100, true, -1, std::nullopt, "0.0.0.0/0", true),
           E(32767, true, -1, std::nullopt, "0.0.0.0/0", false),
           E(100, false, kTcp, PortRange{22, 22}, "0.0.0.0/0", true),
           E(32767, false, -1, std::nullopt, "0.0.0.0/0", false)});
  EndpointDesign();
  Base();
  ExpectBlocked(Trace(kDkr, "subnet-iso"), "FW008", "acl-vpce");
}

}  // namespace
}  // namespace fd::analysis::trace_testing
