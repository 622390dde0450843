// Security-group, NACL and route evaluation (docs/design/causes.md §1.9), written from the AWS semantics:
// SGs are stateful allow-lists whose several groups form a union; NACL entries are evaluated
// in ascending rule-number order and the first match decides, with `*` (32767) denying; a
// route lookup takes the longest prefix, a static route beats a prefix-list route beats a
// propagated one on a tie, and a blackhole route still matches.
#include "net/match.h"

#include <gtest/gtest.h>

#include "testing/model_fixture.h"

namespace fd::net {
namespace {

using testing::AllOut;
using testing::C;
using testing::E;
using testing::Fixture;
using testing::PlRoute;
using testing::R;
using testing::Rule;
using testing::Tcp443;

constexpr int kTcp = 6;
constexpr int kUdp = 17;

const char* const kS3Cidrs[] = {"52.95.128.0/21", "3.5.0.0/19", "52.92.16.0/20"};

// An S3 peer as the tracer builds it: the prefix list's CIDRs, named by the list's id.
Peer S3Peer(bool with_cidrs = true) {
  std::vector<Cidr4> cidrs;
  if (with_cidrs)
    for (const char* c : kS3Cidrs) cidrs.push_back(C(c));
  Peer p = Peer::Cidrs(cidrs, "S3 (pl-s3)");
  p.prefix_list_id = "pl-s3";
  return p;
}

Peer Ecr() { return Peer::PublicService("the public address of api.ecr.eu-west-3.amazonaws.com"); }

// One model holding every SG and NACL a test wants, looked up by id.
class MatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    f_.Vpc("vpc-1", "10.0.0.0/16");
    f_.PrefixList("pl-s3", "com.amazonaws.eu-west-3.s3",
                  {kS3Cidrs[0], kS3Cidrs[1], kS3Cidrs[2]});
    f_.PrefixList("pl-ddb", "com.amazonaws.eu-west-3.dynamodb", {"52.94.0.0/22"});
  }
  const model::Model& Build() {
    model_ = f_.Build();
    return model_;
  }
  std::vector<const model::SecurityGroup*> Groups(std::initializer_list<const char*> ids) {
    std::vector<const model::SecurityGroup*> out;
    for (const char* id : ids) {
      const auto* g = model_.security_groups().Find(id);
      EXPECT_NE(g, nullptr) << id;
      if (g) out.push_back(g);
    }
    return out;
  }
  Tri Egress(const char* sg, int protocol, int port, const Peer& peer) {
    return EvaluateSgEgress(Groups({sg}), protocol, port, peer, model_).allowed;
  }
  const model::NetworkAcl& Acl(const char* id) {
    const auto* a = model_.network_acls().Find(id);
    EXPECT_NE(a, nullptr) << id;
    return *a;
  }

  Fixture f_;
  model::Model model_;
};

// ---- CidrCovers -------------------------------------------------------------------------------

TEST(CidrCoversTest, PublicServiceIsOnlySurelyInsideTheWholeSpace) {
  EXPECT_EQ(CidrCovers(C("0.0.0.0/0"), Ecr()), Tri::kYes);
  EXPECT_EQ(CidrCovers(C("10.0.0.0/8"), Ecr()), Tri::kNo);
  EXPECT_EQ(CidrCovers(C("192.168.0.0/16"), Ecr()), Tri::kNo);
  EXPECT_EQ(CidrCovers(C("52.0.0.0/8"), Ecr()), Tri::kMaybe);
  EXPECT_EQ(CidrCovers(C("0.0.0.0/1"), Ecr()), Tri::kMaybe);
}

TEST(CidrCoversTest, KnownCidrs) {
  Peer p = Peer::Cidrs({C("10.0.1.0/24"), C("10.0.2.0/24")}, "endpoint subnets");
  EXPECT_EQ(CidrCovers(C("10.0.0.0/16"), p), Tri::kYes);
  EXPECT_EQ(CidrCovers(C("10.0.1.0/24"), p), Tri::kMaybe);  // one of two
  EXPECT_EQ(CidrCovers(C("10.0.1.0/25"), p), Tri::kMaybe);  // part of one
  EXPECT_EQ(CidrCovers(C("10.1.0.0/16"), p), Tri::kNo);
}

// ---- SG egress --------------------------------------------------------------------------------

TEST_F(MatchTest, SgEgressAllTrafficRuleMatchesTcp443) {
  f_.Sg("sg-all", "vpc-1", {AllOut()});
  Build();
  Decision d = EvaluateSgEgress(Groups({"sg-all"}), kTcp, 443, Ecr(), model_);
  EXPECT_EQ(d.allowed, Tri::kYes);
  EXPECT_EQ(d.rule.file, "SecurityGroups.json");
  EXPECT_NE(d.detail.find("sg-all"), std::string::npos) << d.detail;
}

TEST_F(MatchTest, SgEgressTcpRuleNeedsThePortInItsRange) {
  f_.Sg("sg-443", "vpc-1", {Tcp443({"0.0.0.0/0"})});
  f_.Sg("sg-80", "vpc-1", {Rule({kTcp, 80, 80, {"0.0.0.0/0"}, {}, {}})});
  f_.Sg("sg-range", "vpc-1", {Rule({kTcp, 400, 500, {"0.0.0.0/0"}, {}, {}})});
  f_.Sg("sg-alltcp", "vpc-1", {Rule({kTcp, 0, 65535, {"0.0.0.0/0"}, {}, {}})});
  f_.Sg("sg-444", "vpc-1", {Rule({kTcp, 444, 1000, {"0.0.0.0/0"}, {}, {}})});
  f_.Sg("sg-udp", "vpc-1", {Rule({kUdp, 443, 443, {"0.0.0.0/0"}, {}, {}})});
  Build();
  EXPECT_EQ(Egress("sg-443", kTcp, 443, Ecr()), Tri::kYes);
  EXPECT_EQ(Egress("sg-80", kTcp, 443, Ecr()), Tri::kNo);
  EXPECT_EQ(Egress("sg-range", kTcp, 443, Ecr()), Tri::kYes);
  EXPECT_EQ(Egress("sg-alltcp", kTcp, 443, Ecr()), Tri::kYes);
  EXPECT_EQ(Egress("sg-444", kTcp, 443, Ecr()), Tri::kNo);
  EXPECT_EQ(Egress("sg-udp", kTcp, 443, Ecr()), Tri::kNo);
  EXPECT_EQ(Egress("sg-udp", kUdp, 443, Ecr()), Tri::kYes);
}

TEST_F(MatchTest, SgEgressDestinationCidrAgainstAPublicService) {
  f_.Sg("sg-any", "vpc-1", {Tcp443({"0.0.0.0/0"})});
  f_.Sg("sg-private", "vpc-1", {Tcp443({"10.0.0.0/16"})});
  f_.Sg("sg-52", "vpc-1", {Tcp443({"52.0.0.0/8"})});
  f_.Sg("sg-none", "vpc-1", {});
  Build();
  EXPECT_EQ(Egress("sg-any", kTcp, 443, Ecr()), Tri::kYes);
  // Private space never holds an AWS service's public address.
  EXPECT_EQ(Egress("sg-private", kTcp, 443, Ecr()), Tri::kNo);
  // 52/8 may or may not hold it: the snapshot has no service addresses.
  Decision maybe = EvaluateSgEgress(Groups({"sg-52"}), kTcp, 443, Ecr(), model_);
  EXPECT_EQ(maybe.allowed, Tri::kMaybe);
  EXPECT_FALSE(maybe.rule.empty());
  Decision none = EvaluateSgEgress(Groups({"sg-none"}), kTcp, 443, Ecr(), model_);
  EXPECT_EQ(none.allowed, Tri::kNo);
  EXPECT_TRUE(none.rule.empty());
  EXPECT_NE(none.detail.find("sg-none"), std::string::npos) << none.detail;
}

TEST_F(MatchTest, SgEgressPrefixListRuleMatchesTheS3Peer) {
  f_.Sg("sg-pl", "vpc-1", {Tcp443({}, {"pl-s3"})});
  f_.Sg("sg-ddb", "vpc-1", {Tcp443({}, {"pl-ddb"})});
  f_.Sg("sg-vpc", "vpc-1", {Tcp443({"10.0.0.0/16"})});
  f_.Sg("sg-any", "vpc-1", {Tcp443({"0.0.0.0/0"})});
  Build();
  EXPECT_EQ(Egress("sg-pl", kTcp, 443, S3Peer()), Tri::kYes);
  // The tracer may know the S3 list only by id (from a gateway-endpoint route).
  EXPECT_EQ(Egress("sg-pl", kTcp, 443, S3Peer(false)), Tri::kYes);
  EXPECT_EQ(Egress("sg-ddb", kTcp, 443, S3Peer()), Tri::kNo);
  // An endpoint design allowing only the VPC CIDR does not cover S3 (FW002).
  EXPECT_EQ(Egress("sg-vpc", kTcp, 443, S3Peer()), Tri::kNo);
  EXPECT_EQ(Egress("sg-any", kTcp, 443, S3Peer()), Tri::kYes);
  // The S3 prefix list never holds another service's endpoint such as api.ecr.
  EXPECT_EQ(Egress("sg-pl", kTcp, 443, Ecr()), Tri::kNo);
}

TEST_F(MatchTest, SgEgressGroupReferenceMatchesTheEndpointsGroup) {
  f_.Sg("sg-task", "vpc-1", {Tcp443({}, {}, {"sg-vpce"})});
  Build();
  Peer ep = Peer::Cidrs({C("10.0.8.0/24")}, "vpce-1 network interfaces");
  ep.group_ids = {"sg-vpce"};
  EXPECT_EQ(Egress("sg-task", kTcp, 443, ep), Tri::kYes);
  Peer other = Peer::Cidrs({C("10.0.8.0/24")}, "vpce-2 network interfaces");
  other.group_ids = {"sg-other"};
  EXPECT_EQ(Egress("sg-task", kTcp, 443, other), Tri::kNo);
  // A group reference does not reach a public service (its ENIs carry no SG of ours).
  EXPECT_EQ(Egress("sg-task", kTcp, 443, Ecr()), Tri::kNo);
}

TEST_F(MatchTest, SgEgressIsAUnionAcrossGroups) {
  f_.Sg("sg-a", "vpc-1", {Rule({kTcp, 80, 80, {"0.0.0.0/0"}, {}, {}})});
  f_.Sg("sg-b", "vpc-1", {Tcp443({"0.0.0.0/0"})});
  f_.Sg("sg-maybe", "vpc-1", {Tcp443({"52.0.0.0/8"})});
  f_.Sg("sg-empty", "vpc-1", {});
  Build();
  Decision d = EvaluateSgEgress(Groups({"sg-a", "sg-b"}), kTcp, 443, Ecr(), model_);
  EXPECT_EQ(d.allowed, Tri::kYes);
  EXPECT_NE(d.detail.find("sg-b"), std::string::npos) << d.detail;
  // A sure allow in any group beats a maybe in another, in either order.
  EXPECT_EQ(EvaluateSgEgress(Groups({"sg-maybe", "sg-b"}), kTcp, 443, Ecr(), model_).allowed,
            Tri::kYes);
  EXPECT_EQ(EvaluateSgEgress(Groups({"sg-b", "sg-maybe"}), kTcp, 443, Ecr(), model_).allowed,
            Tri::kYes);
  EXPECT_EQ(EvaluateSgEgress(Groups({"sg-empty", "sg-maybe"}), kTcp, 443, Ecr(), model_).allowed,
            Tri::kMaybe);
  EXPECT_EQ(EvaluateSgEgress(Groups({"sg-empty", "sg-a"}), kTcp, 443, Ecr(), model_).allowed,
            Tri::kNo);
}

// ---- SG ingress -------------------------------------------------------------------------------

TEST_F(MatchTest, SgIngressFromSubnetCidrGroupReferenceAndPartialOverlap) {
  f_.Sg("sg-vpc", "vpc-1", {}, {Tcp443({"10.0.0.0/16"})});
  f_.Sg("sg-ref", "vpc-1", {}, {Tcp443({}, {}, {"sg-task"})});
  f_.Sg("sg-half", "vpc-1", {}, {Tcp443({"10.0.1.0/25"})});
  f_.Sg("sg-other", "vpc-1", {}, {Tcp443({"192.168.0.0/16"})});
  f_.Sg("sg-port", "vpc-1", {}, {Rule({kTcp, 80, 80, {"10.0.0.0/16"}, {}, {}})});
  f_.Sg("sg-all", "vpc-1", {}, {Rule({-1, 0, 65535, {"10.0.0.0/16"}, {}, {}})});
  Build();
  const Cidr4 task = C("10.0.1.0/24");
  auto in = [&](const char* sg, std::vector<std::string> groups = {}) {
    return EvaluateSgIngress(Groups({sg}), kTcp, 443, task, groups, model_).allowed;
  };
  EXPECT_EQ(in("sg-vpc"), Tri::kYes);
  EXPECT_EQ(in("sg-ref", {"sg-task"}), Tri::kYes);
  EXPECT_EQ(in("sg-ref", {"sg-else"}), Tri::kNo);
  EXPECT_EQ(in("sg-ref"), Tri::kNo);
  // Only half of the task subnet is admitted: tasks on the other half time out.
  EXPECT_EQ(in("sg-half"), Tri::kMaybe);
  EXPECT_EQ(in("sg-other"), Tri::kNo);
  EXPECT_EQ(in("sg-port"), Tri::kNo);
  EXPECT_EQ(in("sg-all"), Tri::kYes);
  EXPECT_EQ(EvaluateSgIngress(Groups({"sg-half", "sg-vpc"}), kTcp, 443, task, {}, model_).allowed,
            Tri::kYes);
}

// ---- NACL -------------------------------------------------------------------------------------

TEST_F(MatchTest, NaclLowerRuleNumberWinsWhateverTheListingOrder) {
  // Listed in the "wrong" order on purpose: AWS evaluates by rule number.
  f_.Nacl("acl-allow-first", "vpc-1", {},
          {E(200, true, kTcp, PortRange{443, 443}, "0.0.0.0/0", false),
           E(100, true, kTcp, PortRange{443, 443}, "0.0.0.0/0", true),
           E(32767, true, -1, std::nullopt, "0.0.0.0/0", false)});
  f_.Nacl("acl-deny-first", "vpc-1", {},
          {E(200, true, -1, std::nullopt, "0.0.0.0/0", true),
           E(90, true, kTcp, PortRange{443, 443}, "0.0.0.0/0", false),
           E(32767, true, -1, std::nullopt, "0.0.0.0/0", false)});
  Build();
  NaclDecision a = EvaluateNacl(Acl("acl-allow-first"), true, kTcp, {443, 443}, Ecr());
  EXPECT_EQ(a.allowed, Tri::kYes);
  EXPECT_NE(a.detail.find("rule 100"), std::string::npos) << a.detail;
  NaclDecision d = EvaluateNacl(Acl("acl-deny-first"), true, kTcp, {443, 443}, Ecr());
  EXPECT_EQ(d.allowed, Tri::kNo);
  EXPECT_FALSE(d.partly);
  EXPECT_EQ(d.rule.pointer, "/rule/90/out");
  EXPECT_NE(d.detail.find("rule 90"), std::string::npos) << d.detail;
}

TEST_F(MatchTest, NaclCatchAllDenies) {
  f_.Nacl("acl-star", "vpc-1", {},
          {E(32767, true, -1, std::nullopt, "0.0.0.0/0", false),
           E(32767, false, -1, std::nullopt, "0.0.0.0/0", false)});
  f_.Nacl("acl-empty", "vpc-1", {}, {});
  Build();
  NaclDecision d = EvaluateNacl(Acl("acl-star"), true, kTcp, {443, 443}, Ecr());
  EXPECT_EQ(d.allowed, Tri::kNo);
  EXPECT_EQ(d.rule.pointer, "/rule/32767/out");
  EXPECT_NE(d.detail.find("rule *"), std::string::npos) << d.detail;
  // Even without the listed `*` entry nothing is allowed.
  EXPECT_EQ(EvaluateNacl(Acl("acl-empty"), true, kTcp, {443, 443}, Ecr()).allowed, Tri::kNo);
}

TEST_F(MatchTest, NaclEntryForAnotherProtocolIsSkipped) {
  f_.Nacl("acl-udp-allow", "vpc-1", {},
          {E(100, true, kUdp, PortRange{0, 65535}, "0.0.0.0/0", true),
           E(32767, true, -1, std::nullopt, "0.0.0.0/0", false)});
  f_.Nacl("acl-udp-deny", "vpc-1", {},
          {E(90, true, kUdp, PortRange{443, 443}, "0.0.0.0/0", false),
           E(100, true, -1, std::nullopt, "0.0.0.0/0", true),
           E(32767, true, -1, std::nullopt, "0.0.0.0/0", false)});
  f_.Nacl("acl-icmp", "vpc-1", {},
          {E(100, false, 1, std::nullopt, "0.0.0.0/0", true),
           E(200, false, kTcp, PortRange{1024, 65535}, "0.0.0.0/0", true),
           E(32767, false, -1, std::nullopt, "0.0.0.0/0", false)});
  Build();
  EXPECT_EQ(EvaluateNacl(Acl("acl-udp-allow"), true, kTcp, {443, 443}, Ecr()).allowed, Tri::kNo);
  EXPECT_EQ(EvaluateNacl(Acl("acl-udp-deny"), true, kTcp, {443, 443}, Ecr()).allowed, Tri::kYes);
  EXPECT_EQ(EvaluateNacl(Acl("acl-icmp"), false, kTcp, {1024, 65535}, Ecr()).allowed, Tri::kYes);
}

TEST_F(MatchTest, NaclIpv6EntriesDoNotApplyToIpv4) {
  model::NaclEntry v6;
  v6.rule_number = 100;
  v6.egress = true;
  v6.protocol = -1;
  v6.ipv6_cidr = Cidr6::Parse("::/0");
  v6.allow = true;
  f_.Nacl("acl-v6", "vpc-1", {}, {v6, E(32767, true, -1, std::nullopt, "0.0.0.0/0", false)});
  Build();
  EXPECT_EQ(EvaluateNacl(Acl("acl-v6"), true, kTcp, {443, 443}, Ecr()).allowed, Tri::kNo);
}

TEST_F(MatchTest, NaclDirectionsAreSeparate) {
  f_.Nacl("acl-out-only", "vpc-1", {},
          {E(100, true, -1, std::nullopt, "0.0.0.0/0", true),
           E(32767, true, -1, std::nullopt, "0.0.0.0/0", false),
           E(32767, false, -1, std::nullopt, "0.0.0.0/0", false)});
  Build();
  EXPECT_EQ(EvaluateNacl(Acl("acl-out-only"), true, kTcp, {443, 443}, Ecr()).allowed, Tri::kYes);
  EXPECT_EQ(EvaluateNacl(Acl("acl-out-only"), false, kTcp, {1024, 65535}, Ecr()).allowed, Tri::kNo);
}

TEST_F(MatchTest, NaclEphemeralRangeFullyPartlyAndLinuxOnly) {
  f_.Nacl("acl-open", "vpc-1", {}, testing::OpenEntries());
  f_.Nacl("acl-linux", "vpc-1", {},
          {E(100, false, kTcp, PortRange{32768, 60999}, "0.0.0.0/0", true),
           E(32767, false, -1, std::nullopt, "0.0.0.0/0", false)});
  f_.Nacl("acl-hole", "vpc-1", {},
          {E(100, false, kTcp, PortRange{2000, 2000}, "0.0.0.0/0", false),
           E(200, false, kTcp, PortRange{1024, 65535}, "0.0.0.0/0", true),
           E(32767, false, -1, std::nullopt, "0.0.0.0/0", false)});
  f_.Nacl("acl-443-in", "vpc-1", {},
          {E(100, false, kTcp, PortRange{443, 443}, "0.0.0.0/0", true),
           E(32767, false, -1, std::nullopt, "0.0.0.0/0", false)});
  Build();
  const PortRange eph{1024, 65535};
  NaclDecision open = EvaluateNacl(Acl("acl-open"), false, kTcp, eph, Ecr());
  EXPECT_EQ(open.allowed, Tri::kYes);
  EXPECT_FALSE(open.partly);

  NaclDecision linux_only = EvaluateNacl(Acl("acl-linux"), false, kTcp, eph, Ecr());
  EXPECT_EQ(linux_only.allowed, Tri::kNo);
  EXPECT_TRUE(linux_only.partly);
  EXPECT_NE(linux_only.detail.find("32768-60999"), std::string::npos) << linux_only.detail;
  // The Linux client range itself is open.
  NaclDecision linux_range = EvaluateNacl(Acl("acl-linux"), false, kTcp, {32768, 60999}, Ecr());
  EXPECT_EQ(linux_range.allowed, Tri::kYes);
  EXPECT_FALSE(linux_range.partly);

  NaclDecision hole = EvaluateNacl(Acl("acl-hole"), false, kTcp, eph, Ecr());
  EXPECT_EQ(hole.allowed, Tri::kNo);
  EXPECT_TRUE(hole.partly);
  EXPECT_EQ(hole.rule.pointer, "/rule/100/in");

  // "Inbound TCP 443" (the literal reading of the ECS page) opens no reply port.
  NaclDecision literal = EvaluateNacl(Acl("acl-443-in"), false, kTcp, eph, Ecr());
  EXPECT_EQ(literal.allowed, Tri::kNo);
  EXPECT_FALSE(literal.partly);
}

TEST_F(MatchTest, NaclCidrAgainstPeers) {
  f_.Nacl("acl-vpc", "vpc-1", {},
          {E(100, true, kTcp, PortRange{443, 443}, "10.0.0.0/16", true),
           E(32767, true, -1, std::nullopt, "0.0.0.0/0", false)});
  f_.Nacl("acl-52", "vpc-1", {},
          {E(100, true, kTcp, PortRange{443, 443}, "52.0.0.0/8", true),
           E(32767, true, -1, std::nullopt, "0.0.0.0/0", false)});
  f_.Nacl("acl-52-deny", "vpc-1", {},
          {E(100, true, kTcp, PortRange{443, 443}, "52.0.0.0/8", false),
           E(200, true, -1, std::nullopt, "0.0.0.0/0", true),
           E(32767, true, -1, std::nullopt, "0.0.0.0/0", false)});
  Build();
  EXPECT_EQ(EvaluateNacl(Acl("acl-vpc"), true, kTcp, {443, 443},
                         Peer::Cidrs({C("10.0.8.0/24")}, "endpoint subnet"))
                .allowed,
            Tri::kYes);
  EXPECT_EQ(EvaluateNacl(Acl("acl-vpc"), true, kTcp, {443, 443}, Ecr()).allowed, Tri::kNo);
  EXPECT_EQ(EvaluateNacl(Acl("acl-52"), true, kTcp, {443, 443}, Ecr()).allowed, Tri::kMaybe);
  EXPECT_EQ(EvaluateNacl(Acl("acl-52-deny"), true, kTcp, {443, 443}, Ecr()).allowed, Tri::kMaybe);
  // S3 with known CIDRs, only some inside 52/8 (3.5.0.0/19 is not): some S3 addresses are
  // allowed and others denied, so the answer is not a sure yes.
  EXPECT_EQ(EvaluateNacl(Acl("acl-52"), true, kTcp, {443, 443}, S3Peer()).allowed, Tri::kMaybe);
  EXPECT_EQ(EvaluateNacl(Acl("acl-vpc"), true, kTcp, {443, 443}, S3Peer()).allowed, Tri::kNo);
}

// ---- route lookup -----------------------------------------------------------------------------

class RouteTest : public MatchTest {
 protected:
  const model::RouteTable& Table(const char* id) {
    const auto* t = model_.route_tables().Find(id);
    EXPECT_NE(t, nullptr) << id;
    return *t;
  }
  std::string TargetFor(const char* table, const Peer& peer) {
    RouteDecision d = LookupRoute(Table(table), peer, model_);
    return d.route ? d.route->target_id : "(none)";
  }
};

TEST_F(RouteTest, LongestPrefixWins) {
  f_.RouteTable("rtb-1", "vpc-1", {},
                {R("0.0.0.0/0", "nat-1"), R("10.0.5.0/24", "pcx-1"), R("10.0.5.128/25", "tgw-1")});
  Build();
  EXPECT_EQ(TargetFor("rtb-1", Peer::Cidrs({C("10.0.1.10")}, "x")), "local");
  EXPECT_EQ(TargetFor("rtb-1", Peer::Cidrs({C("10.0.5.10")}, "x")), "pcx-1");
  EXPECT_EQ(TargetFor("rtb-1", Peer::Cidrs({C("10.0.5.200")}, "x")), "tgw-1");
  EXPECT_EQ(TargetFor("rtb-1", Peer::Cidrs({C("172.16.0.1")}, "x")), "nat-1");
}

TEST_F(RouteTest, DefaultRouteServesAPublicService) {
  f_.RouteTable("rtb-1", "vpc-1", {}, {R("0.0.0.0/0", "igw-1")});
  Build();
  RouteDecision d = LookupRoute(Table("rtb-1"), Ecr(), model_);
  ASSERT_NE(d.route, nullptr);
  EXPECT_EQ(d.route->target_id, "igw-1");
  EXPECT_EQ(d.certain, Tri::kYes);
}

TEST_F(RouteTest, AMoreSpecificPublicRouteMakesTheAnswerUncertain) {
  // 52/8 may hold the service's address, so the igw answer is not certain.
  f_.RouteTable("rtb-1", "vpc-1", {}, {R("0.0.0.0/0", "igw-1"), R("52.0.0.0/8", "tgw-1")});
  Build();
  RouteDecision d = LookupRoute(Table("rtb-1"), Ecr(), model_);
  EXPECT_EQ(d.certain, Tri::kMaybe);
}

TEST_F(RouteTest, S3PrefixListRouteBeatsTheDefaultRoute) {
  f_.RouteTable("rtb-1", "vpc-1", {}, {R("0.0.0.0/0", "igw-1"), PlRoute("pl-s3", "vpce-s3")});
  f_.RouteTable("rtb-2", "vpc-1", {}, {PlRoute("pl-s3", "vpce-s3"), R("0.0.0.0/0", "nat-1")});
  Build();
  EXPECT_EQ(TargetFor("rtb-1", S3Peer()), "vpce-s3");
  EXPECT_EQ(TargetFor("rtb-2", S3Peer()), "vpce-s3");
  // Known only by id (no describe-prefix-lists in the snapshot): still the endpoint.
  EXPECT_EQ(TargetFor("rtb-1", S3Peer(false)), "vpce-s3");
  // The S3 list does not draw other services' traffic.
  EXPECT_EQ(TargetFor("rtb-1", Ecr()), "igw-1");
  RouteDecision d = LookupRoute(Table("rtb-1"), S3Peer(), model_);
  ASSERT_NE(d.route, nullptr);
  EXPECT_EQ(d.route->target, model::RouteTarget::kGatewayEndpoint);
}

TEST_F(RouteTest, WithoutTheS3RouteS3FollowsTheDefaultRoute) {
  f_.RouteTable("rtb-1", "vpc-1", {}, {R("0.0.0.0/0", "nat-1")});
  f_.RouteTable("rtb-local", "vpc-1", {}, {});
  Build();
  EXPECT_EQ(TargetFor("rtb-1", S3Peer()), "nat-1");
  EXPECT_EQ(TargetFor("rtb-local", S3Peer()), "(none)");
}

TEST_F(RouteTest, StaticCidrRouteBeatsPrefixListRouteOfTheSameLength) {
  // VPC route priority: on equal length a static CIDR route wins over a prefix-list route.
  Fixture f;
  f.Vpc("vpc-1", "10.0.0.0/16");
  f.PrefixList("pl-s3", "com.amazonaws.eu-west-3.s3", {"52.95.128.0/21"});
  f.RouteTable("rtb-1", "vpc-1", {}, {PlRoute("pl-s3", "vpce-s3"), R("52.95.128.0/21", "tgw-1")});
  model::Model m = f.Build();
  Peer s3 = Peer::Cidrs({C("52.95.128.0/21")}, "S3 (pl-s3)");
  s3.prefix_list_id = "pl-s3";
  RouteDecision d = LookupRoute(*m.route_tables().Find("rtb-1"), s3, m);
  ASSERT_NE(d.route, nullptr);
  EXPECT_EQ(d.route->target_id, "tgw-1");
  // ... but a longer prefix-list entry beats a shorter static route.
  Fixture g;
  g.Vpc("vpc-1", "10.0.0.0/16");
  g.PrefixList("pl-s3", "com.amazonaws.eu-west-3.s3", {"52.95.128.0/21"});
  g.RouteTable("rtb-1", "vpc-1", {}, {R("52.0.0.0/8", "tgw-1"), PlRoute("pl-s3", "vpce-s3")});
  model::Model m2 = g.Build();
  RouteDecision d2 = LookupRoute(*m2.route_tables().Find("rtb-1"), s3, m2);
  ASSERT_NE(d2.route, nullptr);
  EXPECT_EQ(d2.route->target_id, "vpce-s3");
}

TEST_F(RouteTest, BlackholeStillMatchesAndIsNotSkipped) {
  f_.RouteTable("rtb-1", "vpc-1", {},
                {R("0.0.0.0/0", "nat-gone", /*blackhole=*/true)});
  f_.RouteTable("rtb-2", "vpc-1", {},
                {R("172.16.0.0/12", "tgw-1"), R("172.16.5.0/24", "eni-gone", /*blackhole=*/true)});
  Build();
  RouteDecision d = LookupRoute(Table("rtb-1"), Ecr(), model_);
  ASSERT_NE(d.route, nullptr);
  EXPECT_EQ(d.route->target_id, "nat-gone");
  EXPECT_TRUE(d.route->blackhole);
  EXPECT_NE(d.detail.find("blackhole"), std::string::npos) << d.detail;
  // The more specific blackhole wins over the active less specific route: no fallback.
  RouteDecision d2 = LookupRoute(Table("rtb-2"), Peer::Cidrs({C("172.16.5.9")}, "x"), model_);
  ASSERT_NE(d2.route, nullptr);
  EXPECT_EQ(d2.route->target_id, "eni-gone");
  EXPECT_TRUE(d2.route->blackhole);
}

TEST_F(RouteTest, StaticBeatsPropagatedOnATieInEitherOrder) {
  f_.RouteTable("rtb-1", "vpc-1", {},
                {R("0.0.0.0/0", "vgw-1", false, "EnableVgwRoutePropagation"),
                 R("0.0.0.0/0", "nat-1")});
  f_.RouteTable("rtb-2", "vpc-1", {},
                {R("0.0.0.0/0", "nat-1"),
                 R("0.0.0.0/0", "vgw-1", false, "EnableVgwRoutePropagation")});
  f_.RouteTable("rtb-3", "vpc-1", {},
                {R("0.0.0.0/0", "nat-1"),
                 R("52.0.0.0/8", "vgw-1", false, "EnableVgwRoutePropagation")});
  Build();
  EXPECT_EQ(TargetFor("rtb-1", Ecr()), "nat-1");
  EXPECT_EQ(TargetFor("rtb-2", Ecr()), "nat-1");
  // A longer propagated prefix still wins over a shorter static one.
  EXPECT_EQ(TargetFor("rtb-3", Peer::Cidrs({C("52.1.2.3")}, "x")), "vgw-1");
}

TEST_F(RouteTest, NoRoute) {
  f_.RouteTable("rtb-1", "vpc-1", {}, {});
  Build();
  RouteDecision d = LookupRoute(Table("rtb-1"), Ecr(), model_);
  EXPECT_EQ(d.route, nullptr);
  EXPECT_EQ(d.certain, Tri::kYes);
  EXPECT_NE(d.detail.find("rtb-1"), std::string::npos) << d.detail;
  // The local route does not carry traffic for another private network.
  EXPECT_EQ(TargetFor("rtb-1", Peer::Cidrs({C("192.168.1.1")}, "x")), "(none)");
}

TEST(DescribeTest, ProtocolsAndRouteTargets) {
  EXPECT_EQ(DescribeProtocol(-1, {}), "all traffic");
  EXPECT_EQ(DescribeProtocol(6, {443, 443}), "tcp 443");
  EXPECT_EQ(DescribeProtocol(6, {1024, 65535}), "tcp 1024-65535");
  EXPECT_EQ(DescribeProtocol(17, {53, 53}), "udp 53");
  EXPECT_EQ(DescribeRouteTarget(R("0.0.0.0/0", "nat-1", true)), "0.0.0.0/0 -> nat-1 (blackhole)");
  EXPECT_EQ(DescribeRouteTarget(PlRoute("pl-s3", "vpce-1")), "pl-s3 -> vpce-1");
}

}  // namespace
}  // namespace fd::net
