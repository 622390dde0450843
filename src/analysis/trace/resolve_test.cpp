// Name resolution and the choice of an interface endpoint (resolve.cpp): when an endpoint
// takes the need's name, and which code says why it does not.
#include "testing/trace_fixture.h"

namespace fd::analysis::trace_testing {
namespace {

TEST_F(TracerTest, CustomDnsServersMakeAnEndpointDesignUndecided) {
  // The endpoint's private DNS is answered only by the Amazon resolver; custom servers may
  // or may not forward to it (VPCE008, a warning).
  f_.Vpc("vpc-1", "10.0.0.0/16", true, true, "dopt-custom");
  f_.Dhcp("dopt-custom", {"10.0.0.53"});
  EndpointDesign();
  Base();
  PathResult p = Trace(kDkr, "subnet-iso");
  EXPECT_EQ(p.reachable, std::nullopt) << Dump(p);
  const Fault* f = FaultOf(p, "VPCE008");
  ASSERT_NE(f, nullptr) << Dump(p);
  EXPECT_EQ(f->severity, Severity::kWarning);
  EXPECT_EQ(FirstBlocker(p), nullptr) << Dump(p);
}

TEST_F(TracerTest, PrivateDnsOffIsVpce006) {
  f_.InterfaceEndpoint("vpce-ecr.api", "vpc-1", "ecr.api", {"subnet-vpce"}, {"sg-vpce"},
                       "available", /*private_dns=*/false);
  EndpointDesign();
  Base();
  PathResult p = Trace(kApi, "subnet-iso");
  ExpectBlocked(p, "VPCE006", "vpce-ecr.api");
}

TEST_F(TracerTest, UnusableEndpointIsHarmlessWhenThePublicWayWorks) {
  // An endpoint that does not take the name (private DNS off, or not available) leaves the
  // name public; with a NAT path that is no failure (docs/design/causes.md#vpce: "treated as absent").
  f_.InterfaceEndpoint("vpce-ecr.api", "vpc-1", "ecr.api", {"subnet-vpce"}, {"sg-vpce"},
                       "available", /*private_dns=*/false);
  f_.InterfaceEndpoint("vpce-ecr.dkr", "vpc-1", "ecr.dkr", {"subnet-vpce"}, {"sg-vpce"},
                       "pendingAcceptance");
  f_.Sg("sg-vpce", "vpc-1", {}, {Tcp443({"10.0.0.0/16"})});
  Base();
  for (const Need* n : {&kApi, &kDkr}) {
    SCOPED_TRACE(n->service);
    PathResult p = Trace(*n, "subnet-priv");
    ExpectReached(p, "nat-1");
    EXPECT_TRUE(p.faults.empty()) << Dump(p);
  }
}

TEST_F(TracerTest, DnsSupportOffIsVpce007EvenWithANat) {
  f_.Vpc("vpc-1", "10.0.0.0/16", /*dns_support=*/false, /*dns_hostnames=*/false);
  Base();
  ExpectBlocked(Trace(kDkr, "subnet-priv"), "VPCE007", "vpc-1");
}

TEST_F(TracerTest, DnsHostnamesOffDefeatsPrivateDnsVpce007) {
  f_.Vpc("vpc-1", "10.0.0.0/16", /*dns_support=*/true, /*dns_hostnames=*/false);
  EndpointDesign();
  Base();
  ExpectBlocked(Trace(kDkr, "subnet-iso"), "VPCE007", "vpc-1");
}

TEST_F(TracerTest, EndpointPendingAcceptanceIsVpce010) {
  f_.InterfaceEndpoint("vpce-ecr.dkr", "vpc-1", "ecr.dkr", {"subnet-vpce"}, {"sg-vpce"},
                       "pendingAcceptance");
  EndpointDesign();
  Base();
  ExpectBlocked(Trace(kDkr, "subnet-iso"), "VPCE010", "vpce-ecr.dkr");
}

}  // namespace
}  // namespace fd::analysis::trace_testing
