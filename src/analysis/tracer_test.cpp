// TracePath per design, with the code docs/design/checks.md ("Which code a blocked path reports") says a
// blocked path reports: the first thing on the packet's way that stops it, and the resource a
// user must change. Models are built in memory; each test starts from one VPC and changes the
// part it is about.
#include <gtest/gtest.h>

#include <algorithm>

#include "analysis/analyze.h"
#include "testing/model_fixture.h"

namespace fd::analysis {
namespace {

using report::Severity;
using report::StepAction;
using testing::AllOut;
using testing::E;
using testing::PlRoute;
using testing::R;
using testing::Rule;
using testing::Tcp443;

constexpr int kTcp = 6;

Need MakeNeed(std::string service, NeedKind kind, std::string host) {
  Need n;
  n.service = std::move(service);
  n.kind = kind;
  n.region = "eu-west-3";
  n.host = std::move(host);
  n.reasons = {"image 123456789012.dkr.ecr.eu-west-3.amazonaws.com/web:1 (container web)"};
  return n;
}

const Need kApi = MakeNeed("ecr.api", NeedKind::kInterfaceService, "api.ecr.eu-west-3.amazonaws.com");
const Need kDkr = MakeNeed("ecr.dkr", NeedKind::kInterfaceService,
                           "123456789012.dkr.ecr.eu-west-3.amazonaws.com");
const Need kS3 = MakeNeed("s3", NeedKind::kS3,
                          "prod-eu-west-3-starport-layer-bucket.s3.eu-west-3.amazonaws.com");
const Need kLogs = MakeNeed("logs", NeedKind::kInterfaceService, "logs.eu-west-3.amazonaws.com");
const Need kHub = MakeNeed("registry:registry-1.docker.io", NeedKind::kRegistry,
                           "registry-1.docker.io");

/// One VPC (10.0.0.0/16, eu-west-3) with
///   subnet-pub  10.0.0.0/24  rtb-pub:  0.0.0.0/0 -> igw-1, and nat-1 lives here
///   subnet-priv 10.0.1.0/24  rtb-priv: 0.0.0.0/0 -> nat-1
///   subnet-iso  10.0.2.0/24  rtb-iso:  local only
///   subnet-vpce 10.0.8.0/24  (endpoint ENIs; uses the main table rtb-main: local only)
/// the default NACL (open) on every subnet, sg-task (all out), the VPC default SG (all out)
/// and the S3 prefix list. A test replaces a piece by adding its own version with the same id
/// *before* Base() (the builder keeps the first copy), and adds endpoints as it needs.
class TracerTest : public ::testing::Test {
 protected:
  TracerTest() {
    target_.kind = TargetKind::kService;
    target_.name = "web";
    target_.arn = "arn:aws:ecs:eu-west-3:123456789012:service/prod/web";
    target_.region = "eu-west-3";
    target_.account = "123456789012";
    target_.task_definition = &td_;
    target_.task_definition_ref = "web:1";
    target_.security_groups = {"sg-task"};
    target_.network_configuration_present = true;
    target_.assign_public_ip_raw = "DISABLED";
    target_.launch_type = "FARGATE";
    target_.platform_version = "1.4.0";
    td_.family = "web";
    td_.revision = 1;
  }

  void Base(bool nacls = true, bool s3_prefix_list = true) {
    f_.Vpc("vpc-1", "10.0.0.0/16");
    f_.Subnet("subnet-pub", "vpc-1", "10.0.0.0/24");
    f_.Subnet("subnet-priv", "vpc-1", "10.0.1.0/24");
    f_.Subnet("subnet-iso", "vpc-1", "10.0.2.0/24");
    f_.Subnet("subnet-vpce", "vpc-1", "10.0.8.0/24");
    f_.Igw("igw-1", "vpc-1");
    f_.Nat("nat-1", "vpc-1", "subnet-pub");
    f_.RouteTable("rtb-main", "vpc-1", {}, {}, /*main=*/true);
    f_.RouteTable("rtb-pub", "vpc-1", {"subnet-pub"}, {R("0.0.0.0/0", "igw-1")});
    f_.RouteTable("rtb-priv", "vpc-1", {"subnet-priv"}, {R("0.0.0.0/0", "nat-1")});
    f_.RouteTable("rtb-iso", "vpc-1", {"subnet-iso"}, {});
    if (nacls) f_.Nacl("acl-default", "vpc-1", {}, testing::OpenEntries(), /*is_default=*/true);
    f_.Sg("sg-task", "vpc-1", {AllOut()});
    f_.Sg("sg-default", "vpc-1", {AllOut()}, {Rule({-1, 0, 65535, {}, {}, {"sg-default"}})},
          "default");
    if (s3_prefix_list)
      f_.PrefixList("pl-s3", "com.amazonaws.eu-west-3.s3",
                    {"52.95.128.0/21", "3.5.0.0/19", "52.92.16.0/20"});
  }

  /// The endpoint-only design for subnet-iso: ecr.api, ecr.dkr and logs interface endpoints in
  /// subnet-vpce behind sg-vpce (443 from sg-task-ep), the S3 gateway endpoint on rtb-iso, and
  /// a task SG allowing 443 to sg-vpce and to the S3 prefix list.
  void EndpointDesign(std::initializer_list<const char*> interface_services = {"ecr.api", "ecr.dkr",
                                                                               "logs"},
                      bool s3_gateway = true) {
    if (s3_gateway) {
      f_.RouteTable("rtb-iso", "vpc-1", {"subnet-iso"}, {PlRoute("pl-s3", "vpce-s3")});
      f_.GatewayEndpoint("vpce-s3", "vpc-1", {"rtb-iso"});
    }
    for (const char* s : interface_services)
      f_.InterfaceEndpoint(std::string("vpce-") + s, "vpc-1", s, {"subnet-vpce"}, {"sg-vpce"});
    f_.Sg("sg-vpce", "vpc-1", {}, {Tcp443({}, {}, {"sg-task-ep"})});
    f_.Sg("sg-task-ep", "vpc-1", {Tcp443({}, {"pl-s3"}, {"sg-vpce"})});
    target_.security_groups = {"sg-task-ep"};
  }

  PathResult Trace(const Need& need, const std::string& subnet) {
    if (!built_) {
      model_ = f_.Build();
      built_ = true;
    }
    return TracePath(model_, target_, need, subnet);
  }

  static std::vector<std::string> Codes(const PathResult& p) {
    std::vector<std::string> out;
    for (const auto& f : p.faults) out.emplace_back(ToString(f.code));
    return out;
  }
  static const Fault* FaultOf(const PathResult& p, const std::string& code) {
    for (const auto& f : p.faults)
      if (ToString(f.code) == code) return &f;
    return nullptr;
  }
  /// The first blocker: the primary cause docs/design/checks.md says the path reports.
  static const Fault* FirstBlocker(const PathResult& p) {
    for (const auto& f : p.faults)
      if (f.severity == Severity::kBlocker) return &f;
    return nullptr;
  }
  static bool Unchecked(const PathResult& p, const std::string& code) {
    return std::any_of(p.unchecked.begin(), p.unchecked.end(),
                       [&](const Gap& u) { return ToString(u.code) == code; });
  }
  static std::string Dump(const PathResult& p) {
    std::string s = "reachable=" +
                    std::string(!p.reachable ? "null" : *p.reachable ? "true" : "false") +
                    " via=" + p.via + "\n";
    for (const auto& f : p.faults)
      s += "  fault " + std::string(ToString(f.code)) + " [" + std::string(report::ToString(f.severity)) + "] " +
           f.resource + ": " + f.claim + "\n";
    for (const auto& t : p.trace)
      s += "  step " + t.hop + " | " + t.step + " | " + std::string(report::ToString(t.action)) +
           " | " + t.detail + "\n";
    for (const auto& u : p.unchecked) s += "  unchecked " + std::string(ToString(u.code)) + ": " + u.reason + "\n";
    return s;
  }

  /// Expects the path blocked with `code` as its primary cause, on `resource`.
  void ExpectBlocked(const PathResult& p, const std::string& code, const std::string& resource) {
    EXPECT_EQ(p.reachable, std::optional<bool>(false)) << Dump(p);
    const Fault* f = FirstBlocker(p);
    ASSERT_NE(f, nullptr) << Dump(p);
    EXPECT_EQ(ToString(f->code), code) << Dump(p);
    EXPECT_EQ(f->resource, resource) << Dump(p);
  }
  void ExpectReached(const PathResult& p, const std::string& via) {
    EXPECT_EQ(p.reachable, std::optional<bool>(true)) << Dump(p);
    EXPECT_EQ(p.via, via) << Dump(p);
    EXPECT_EQ(FirstBlocker(p), nullptr) << Dump(p);
  }

  testing::Fixture f_;
  model::TaskDefinition td_;
  Target target_;
  model::Model model_;
  bool built_ = false;
};

// ---- internet designs (A) ---------------------------------------------------------------------

TEST_F(TracerTest, PublicSubnetWithPublicIpReachesThroughTheIgw) {
  Base();
  target_.assign_public_ip = true;
  target_.assign_public_ip_raw = "ENABLED";
  for (const Need* n : {&kApi, &kDkr, &kS3, &kLogs, &kHub}) {
    SCOPED_TRACE(n->service);
    ExpectReached(Trace(*n, "subnet-pub"), "igw-1");
  }
}

TEST_F(TracerTest, PublicSubnetWithoutPublicIpIsNet001) {
  Base();
  PathResult p = Trace(kDkr, "subnet-pub");
  ExpectBlocked(p, "NET001", target_.Key());
}

TEST_F(TracerTest, PrivateSubnetReachesThroughNatInAPublicSubnet) {
  Base();
  for (const Need* n : {&kApi, &kDkr, &kS3, &kLogs, &kHub}) {
    SCOPED_TRACE(n->service);
    PathResult p = Trace(*n, "subnet-priv");
    ExpectReached(p, "nat-1");
    EXPECT_TRUE(p.faults.empty()) << Dump(p);
  }
}

TEST_F(TracerTest, TraceStepsComeInPacketOrder) {
  Base();
  PathResult p = Trace(kDkr, "subnet-priv");
  std::vector<std::string> steps;
  for (const auto& t : p.trace) steps.push_back(t.step);
  ASSERT_GE(steps.size(), 6u) << Dump(p);
  EXPECT_EQ(p.trace[0].hop, "dns") << Dump(p);
  EXPECT_EQ(std::vector<std::string>(steps.begin() + 1, steps.begin() + 5),
            (std::vector<std::string>{"security-group egress", "network-acl egress",
                                      "network-acl ingress (replies)", "route lookup"}))
      << Dump(p);
  EXPECT_EQ(p.trace[4].resource, "rtb-priv");
  EXPECT_EQ(p.trace[4].action, StepAction::kForwarded);
  // Then the next hop: the NAT gateway, and at last the internet gateway behind it.
  EXPECT_EQ(p.trace[5].resource, "nat-1") << Dump(p);
  EXPECT_EQ(p.trace.back().resource, "igw-1") << Dump(p);
  EXPECT_EQ(p.trace[1].resource, "sg-task");
  EXPECT_EQ(p.trace[2].resource, "acl-default");
  for (const auto& t : p.trace) EXPECT_NE(t.action, StepAction::kDenied) << Dump(p);
}

TEST_F(TracerTest, NatInAPrivateSubnetIsNet005) {
  // nat-2 sits in subnet-iso, whose table has no route to an internet gateway.
  f_.Nat("nat-2", "vpc-1", "subnet-iso");
  f_.RouteTable("rtb-priv", "vpc-1", {"subnet-priv"}, {R("0.0.0.0/0", "nat-2")});
  Base();
  ExpectBlocked(Trace(kDkr, "subnet-priv"), "NET005", "nat-2");
}

TEST_F(TracerTest, NatWhoseSubnetRoutesBackToItselfIsNet005) {
  f_.Nat("nat-2", "vpc-1", "subnet-priv");
  f_.RouteTable("rtb-priv", "vpc-1", {"subnet-priv"}, {R("0.0.0.0/0", "nat-2")});
  Base();
  ExpectBlocked(Trace(kDkr, "subnet-priv"), "NET005", "nat-2");
}

TEST_F(TracerTest, BlackholeRouteInTheNatsSubnetIsNet003OnThatTable) {
  // The NAT gateway sits in a public subnet whose internet gateway was deleted: its table's
  // 0.0.0.0/0 -> igw-gone is a blackhole. The first thing that stops the packet is that
  // blackhole route, and the fix is to replace it (NET003), not to move the NAT (NET005).
  f_.RouteTable("rtb-pub", "vpc-1", {"subnet-pub"}, {R("0.0.0.0/0", "igw-gone", /*blackhole=*/true)});
  Base();
  PathResult p = Trace(kDkr, "subnet-priv");
  ExpectBlocked(p, "NET003", "rtb-pub");
}

TEST_F(TracerTest, FailedNatIsNet006) {
  f_.Nat("nat-1", "vpc-1", "subnet-pub", "failed");
  Base();
  ExpectBlocked(Trace(kDkr, "subnet-priv"), "NET006", "nat-1");
}

TEST_F(TracerTest, PrivateNatOrNatWithoutElasticIpIsNet006) {
  f_.Nat("nat-p", "vpc-1", "subnet-pub", "available", "", "private");
  f_.Nat("nat-noip", "vpc-1", "subnet-pub", "available", "");
  f_.RouteTable("rtb-priv", "vpc-1", {"subnet-priv"}, {R("0.0.0.0/0", "nat-p")});
  f_.RouteTable("rtb-iso", "vpc-1", {"subnet-iso"}, {R("0.0.0.0/0", "nat-noip")});
  Base();
  ExpectBlocked(Trace(kDkr, "subnet-priv"), "NET006", "nat-p");
  ExpectBlocked(Trace(kDkr, "subnet-iso"), "NET006", "nat-noip");
}

TEST_F(TracerTest, BlackholeDefaultRouteIsNet003) {
  f_.RouteTable("rtb-priv", "vpc-1", {"subnet-priv"},
                {R("0.0.0.0/0", "nat-deleted", /*blackhole=*/true)});
  Base();
  PathResult p = Trace(kDkr, "subnet-priv");
  ExpectBlocked(p, "NET003", "rtb-priv");
}

TEST_F(TracerTest, DetachedIgwIsNet004) {
  f_.Igw("igw-1", "");  // exists, attached to nothing
  Base();
  target_.assign_public_ip = true;
  target_.assign_public_ip_raw = "ENABLED";
  ExpectBlocked(Trace(kDkr, "subnet-pub"), "NET004", "igw-1");
  // The NAT gateway's way out goes through the same detached gateway.
  ExpectBlocked(Trace(kDkr, "subnet-priv"), "NET004", "igw-1");
}

TEST_F(TracerTest, IgwAttachedToAnotherVpcIsNet004) {
  f_.Igw("igw-1", "vpc-other");
  Base();
  target_.assign_public_ip = true;
  ExpectBlocked(Trace(kDkr, "subnet-pub"), "NET004", "igw-1");
}

TEST_F(TracerTest, IsolatedSubnetWithoutEndpointsIsNet002OnTheRouteTable) {
  Base();
  for (const Need* n : {&kApi, &kDkr, &kS3, &kLogs}) {
    SCOPED_TRACE(n->service);
    ExpectBlocked(Trace(*n, "subnet-iso"), "NET002", "rtb-iso");
  }
}

TEST_F(TracerTest, SubnetOnTheMainTableUsesItsRoutes) {
  // subnet-vpce has no explicit association: the main table (local only) applies.
  Base();
  PathResult p = Trace(kDkr, "subnet-vpce");
  ExpectBlocked(p, "NET002", "rtb-main");
}

TEST_F(TracerTest, TransitGatewayDefaultRouteIsAnUnverifiableWarning) {
  f_.RouteTable("rtb-priv", "vpc-1", {"subnet-priv"}, {R("0.0.0.0/0", "tgw-1")});
  Base();
  PathResult p = Trace(kDkr, "subnet-priv");
  EXPECT_EQ(p.reachable, std::nullopt) << Dump(p);
  const Fault* f = FaultOf(p, "NET009");
  ASSERT_NE(f, nullptr) << Dump(p);
  EXPECT_EQ(f->severity, Severity::kWarning);
  EXPECT_EQ(f->resource, "rtb-priv");
  EXPECT_EQ(FirstBlocker(p), nullptr) << Dump(p);
}

TEST_F(TracerTest, VpnGatewayDefaultRouteIsAnUnverifiableWarning) {
  f_.RouteTable("rtb-priv", "vpc-1", {"subnet-priv"},
                {R("0.0.0.0/0", "vgw-1", false, "EnableVgwRoutePropagation")});
  Base();
  PathResult p = Trace(kDkr, "subnet-priv");
  EXPECT_EQ(p.reachable, std::nullopt) << Dump(p);
  ASSERT_NE(FaultOf(p, "NET009"), nullptr) << Dump(p);
  EXPECT_EQ(FaultOf(p, "NET009")->severity, Severity::kWarning);
}

TEST_F(TracerTest, PeeringDefaultRouteIsANet009Blocker) {
  // Peering never carries traffic on to the peer's NAT or internet gateway.
  f_.RouteTable("rtb-priv", "vpc-1", {"subnet-priv"}, {R("0.0.0.0/0", "pcx-1")});
  Base();
  PathResult p = Trace(kDkr, "subnet-priv");
  ExpectBlocked(p, "NET009", "rtb-priv");
}

TEST_F(TracerTest, EgressOnlyGatewayAloneIsNet010) {
  f_.RouteTable("rtb-iso", "vpc-1", {"subnet-iso"}, {testing::R6("::/0", "eigw-1")});
  Base();
  PathResult p = Trace(kDkr, "subnet-iso");
  EXPECT_EQ(p.reachable, std::optional<bool>(false)) << Dump(p);
  EXPECT_NE(FaultOf(p, "NET010"), nullptr) << Dump(p);
}

// ---- endpoint designs (C) ---------------------------------------------------------------------

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

TEST_F(TracerTest, EndpointDesignWithoutPrefixListDataStillReachesS3) {
  // No describe-prefix-lists in the snapshot: the S3 list is known only by the id that the
  // gateway endpoint's route and the task SG rule name.
  EndpointDesign();
  Base(/*nacls=*/true, /*s3_prefix_list=*/false);
  ExpectReached(Trace(kS3, "subnet-iso"), "vpce-s3");
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

TEST_F(TracerTest, BrokenEndpointInANatDesignIsFw003WithVpce015) {
  // A NAT path exists, but the ecr.dkr endpoint's private DNS takes the name and its SG does
  // not admit the task: the endpoint broke a working design.
  f_.InterfaceEndpoint("vpce-ecr.dkr", "vpc-1", "ecr.dkr", {"subnet-vpce"}, {"sg-vpce"});
  f_.Sg("sg-vpce", "vpc-1", {}, {Tcp443({"192.168.0.0/16"})});
  Base();
  PathResult p = Trace(kDkr, "subnet-priv");
  ExpectBlocked(p, "FW003", "sg-vpce");
  const Fault* info = FaultOf(p, "VPCE015");
  ASSERT_NE(info, nullptr) << Dump(p);
  EXPECT_EQ(info->severity, Severity::kInfo);
  EXPECT_EQ(info->resource, "vpce-ecr.dkr");
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

TEST_F(TracerTest, CrossRegionNeedWithoutInternetIsVpce012) {
  // awslogs-region us-east-1 from an endpoint-only VPC in eu-west-3: the local logs endpoint
  // serves eu-west-3 only, and CloudWatch Logs has no cross-Region endpoints.
  EndpointDesign();
  Base();
  Need logs = MakeNeed("logs", NeedKind::kInterfaceService, "logs.us-east-1.amazonaws.com");
  logs.region = "us-east-1";
  logs.cross_region = true;
  PathResult p = Trace(logs, "subnet-iso");
  EXPECT_EQ(p.reachable, std::optional<bool>(false)) << Dump(p);
  ASSERT_NE(FirstBlocker(p), nullptr) << Dump(p);
  EXPECT_EQ(FirstBlocker(p)->code, Code::kVpce012) << Dump(p);
  // With internet (and a task SG that allows it) it is fine.
  target_.security_groups = {"sg-task"};
  ExpectReached(Trace(logs, "subnet-priv"), "nat-1");
}

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

TEST_F(TracerTest, MissingEcrApiEndpointIsVpce001) {
  EndpointDesign({"ecr.dkr", "logs"});
  Base();
  PathResult p = Trace(kApi, "subnet-iso");
  ExpectBlocked(p, "VPCE001", "vpc-1");
  // The missing endpoint is the cause; the task SG (which allows only the endpoints) is not.
  EXPECT_EQ(FaultOf(p, "FW001"), nullptr) << Dump(p);
  ExpectReached(Trace(kDkr, "subnet-iso"), "vpce-ecr.dkr");
}

TEST_F(TracerTest, MissingLogsEndpointIsVpce004AndRegistryIsVpce013) {
  EndpointDesign({"ecr.api", "ecr.dkr"});
  Base();
  ExpectBlocked(Trace(kLogs, "subnet-iso"), "VPCE004", "vpc-1");
  PathResult hub = Trace(kHub, "subnet-iso");
  EXPECT_EQ(hub.reachable, std::optional<bool>(false)) << Dump(hub);
  ASSERT_NE(FirstBlocker(hub), nullptr) << Dump(hub);
  EXPECT_EQ(FirstBlocker(hub)->code, Code::kVpce013) << Dump(hub);
}

TEST_F(TracerTest, MissingS3GatewayIsVpce002) {
  EndpointDesign({"ecr.api", "ecr.dkr", "logs"}, /*s3_gateway=*/false);
  Base();
  PathResult p = Trace(kS3, "subnet-iso");
  ExpectBlocked(p, "VPCE002", "vpc-1");
}

TEST_F(TracerTest, S3GatewayOnAnotherRouteTableIsVpce003) {
  f_.RouteTable("rtb-iso", "vpc-1", {"subnet-iso"}, {});
  f_.RouteTable("rtb-other", "vpc-1", {}, {PlRoute("pl-s3", "vpce-s3")});
  f_.GatewayEndpoint("vpce-s3", "vpc-1", {"rtb-other"});
  EndpointDesign();
  Base();
  PathResult p = Trace(kS3, "subnet-iso");
  ExpectBlocked(p, "VPCE003", "vpce-s3");
}

TEST_F(TracerTest, S3GatewayNotOnTheImplicitMainTableIsVpce003) {
  // subnet-vpce uses the main table, which the gateway endpoint was not associated with.
  EndpointDesign();
  Base();
  target_.security_groups = {"sg-task-ep"};
  PathResult p = Trace(kS3, "subnet-vpce");
  ExpectBlocked(p, "VPCE003", "vpce-s3");
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

// ---- filters (B) ------------------------------------------------------------------------------

TEST_F(TracerTest, TaskSgWithout443IsFw001) {
  f_.Sg("sg-task", "vpc-1", {Rule({kTcp, 80, 80, {"0.0.0.0/0"}, {}, {}})});
  Base();
  PathResult p = Trace(kDkr, "subnet-priv");
  ExpectBlocked(p, "FW001", "sg-task");
}

TEST_F(TracerTest, NoSgAndAHardenedDefaultSgIsFw004) {
  f_.Sg("sg-default", "vpc-1", {}, {}, "default");
  Base();
  target_.security_groups.clear();
  PathResult p = Trace(kDkr, "subnet-priv");
  ExpectBlocked(p, "FW004", "sg-default");
}

TEST_F(TracerTest, NoSgUsesTheVpcDefaultSg) {
  Base();
  target_.security_groups.clear();
  PathResult p = Trace(kDkr, "subnet-priv");
  ExpectReached(p, "nat-1");
  ASSERT_GE(p.trace.size(), 2u);
  EXPECT_EQ(p.trace[1].resource, "sg-default") << Dump(p);
}

TEST_F(TracerTest, EndpointDesignWithoutS3PrefixListIsFw002) {
  f_.Sg("sg-task-ep", "vpc-1", {Tcp443({"10.0.0.0/16"}, {}, {"sg-vpce"})});
  EndpointDesign();
  Base();
  PathResult p = Trace(kS3, "subnet-iso");
  ExpectBlocked(p, "FW002", "sg-task-ep");
  // The ECR endpoints themselves are fine.
  ExpectReached(Trace(kDkr, "subnet-iso"), "vpce-ecr.dkr");
}

TEST_F(TracerTest, NaclDenying443OutIsFw006) {
  f_.Nacl("acl-priv", "vpc-1", {"subnet-priv"},
          {E(90, true, kTcp, PortRange{443, 443}, "0.0.0.0/0", false),
           E(100, true, -1, std::nullopt, "0.0.0.0/0", true),
           E(32767, true, -1, std::nullopt, "0.0.0.0/0", false),
           E(100, false, -1, std::nullopt, "0.0.0.0/0", true),
           E(32767, false, -1, std::nullopt, "0.0.0.0/0", false)});
  Base();
  PathResult p = Trace(kDkr, "subnet-priv");
  ExpectBlocked(p, "FW006", "acl-priv");
}

TEST_F(TracerTest, NaclWithoutEphemeralInboundIsAFw007Blocker) {
  // The literal ECS-page reading: inbound only TCP 443, so no reply port is open.
  f_.Nacl("acl-priv", "vpc-1", {"subnet-priv"},
          {E(100, true, -1, std::nullopt, "0.0.0.0/0", true),
           E(32767, true, -1, std::nullopt, "0.0.0.0/0", false),
           E(100, false, kTcp, PortRange{443, 443}, "0.0.0.0/0", true),
           E(32767, false, -1, std::nullopt, "0.0.0.0/0", false)});
  Base();
  PathResult p = Trace(kDkr, "subnet-priv");
  ExpectBlocked(p, "FW007", "acl-priv");
}

TEST_F(TracerTest, NaclOpeningOnlyTheLinuxEphemeralRangeIsAFw007Warning) {
  f_.Nacl("acl-priv", "vpc-1", {"subnet-priv"},
          {E(100, true, -1, std::nullopt, "0.0.0.0/0", true),
           E(32767, true, -1, std::nullopt, "0.0.0.0/0", false),
           E(100, false, kTcp, PortRange{32768, 60999}, "0.0.0.0/0", true),
           E(32767, false, -1, std::nullopt, "0.0.0.0/0", false)});
  Base();
  PathResult p = Trace(kDkr, "subnet-priv");
  const Fault* f = FaultOf(p, "FW007");
  ASSERT_NE(f, nullptr) << Dump(p);
  EXPECT_EQ(f->severity, Severity::kWarning) << Dump(p);
  EXPECT_EQ(f->resource, "acl-priv");
  EXPECT_EQ(FirstBlocker(p), nullptr) << Dump(p);
  // Works for Linux clients: the path is not blocked.
  EXPECT_NE(p.reachable, std::optional<bool>(false)) << Dump(p);
}

TEST_F(TracerTest, NatSubnetNaclBlockingIsFw008) {
  // The NAT's subnet refuses 443 from the task subnet.
  f_.Nacl("acl-pub", "vpc-1", {"subnet-pub"},
          {E(100, true, -1, std::nullopt, "0.0.0.0/0", true),
           E(32767, true, -1, std::nullopt, "0.0.0.0/0", false),
           E(90, false, kTcp, PortRange{443, 443}, "10.0.1.0/24", false),
           E(100, false, -1, std::nullopt, "0.0.0.0/0", true),
           E(32767, false, -1, std::nullopt, "0.0.0.0/0", false)});
  Base();
  PathResult p = Trace(kDkr, "subnet-priv");
  ExpectBlocked(p, "FW008", "acl-pub");
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

// ---- missing data -----------------------------------------------------------------------------

TEST_F(TracerTest, MissingNaclDataLeavesAWorkingRouteUndecided) {
  Base(/*nacls=*/false);
  PathResult p = Trace(kDkr, "subnet-priv");
  EXPECT_EQ(p.reachable, std::nullopt) << Dump(p);
  EXPECT_EQ(FirstBlocker(p), nullptr) << Dump(p);
  EXPECT_TRUE(Unchecked(p, "FW006")) << Dump(p);
  EXPECT_TRUE(Unchecked(p, "FW007")) << Dump(p);
}

TEST_F(TracerTest, MissingNaclDataDoesNotHideARoutingBlocker) {
  Base(/*nacls=*/false);
  PathResult p = Trace(kDkr, "subnet-iso");
  ExpectBlocked(p, "NET002", "rtb-iso");
  EXPECT_TRUE(Unchecked(p, "FW006")) << Dump(p);
  EXPECT_TRUE(Unchecked(p, "FW007")) << Dump(p);
}

TEST_F(TracerTest, Ipv6OnlySubnetWithoutDns64IsNet011) {
  Base();
  model::Subnet s;
  s.id = "subnet-v6";
  s.vpc_id = "vpc-1";
  s.region = "eu-west-3";
  s.ipv6_native = true;
  s.ipv6_cidrs = {*Cidr6::Parse("2600:1f14:abc:de01::/64")};
  f_.builder().AddSubnet(s);
  ExpectBlocked(Trace(kDkr, "subnet-v6"), "NET011", "subnet-v6");
}

TEST_F(TracerTest, UnknownSubnetIsUndecided) {
  Base();
  PathResult p = Trace(kDkr, "subnet-missing");
  EXPECT_EQ(p.reachable, std::nullopt) << Dump(p);
  EXPECT_TRUE(p.faults.empty()) << Dump(p);
  EXPECT_FALSE(p.unchecked.empty()) << Dump(p);
}

TEST_F(TracerTest, SecurityGroupMissingFromTheSnapshotIsUndecided) {
  Base();
  target_.security_groups = {"sg-not-saved"};
  PathResult p = Trace(kDkr, "subnet-priv");
  EXPECT_EQ(p.reachable, std::nullopt) << Dump(p);
  EXPECT_TRUE(Unchecked(p, "FW001")) << Dump(p);
}

TEST_F(TracerTest, SgRuleThatMayCoverTheServiceIsUndecided) {
  f_.Sg("sg-task", "vpc-1", {Tcp443({"52.0.0.0/8"})});
  Base();
  PathResult p = Trace(kDkr, "subnet-priv");
  EXPECT_EQ(p.reachable, std::nullopt) << Dump(p);
  EXPECT_EQ(FirstBlocker(p), nullptr) << Dump(p);
  EXPECT_TRUE(Unchecked(p, "FW001")) << Dump(p);
}

}  // namespace
}  // namespace fd::analysis
