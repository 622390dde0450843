// Route, SG and NACL decisions over the set of addresses a peer may have (issue 18): rules
// that together cover the set and agree decide; only rules that disagree within it leave the
// answer unknown.
#include <gtest/gtest.h>

#include "net/match.h"
#include "testing/model_fixture.h"

namespace fd::net {
namespace {

using testing::C;
using testing::E;
using testing::Fixture;
using testing::R;
using testing::Tcp443;

constexpr int kTcp = 6;

Peer Ecr() { return Peer::PublicService("the public address of api.ecr.eu-west-3.amazonaws.com"); }

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Each helper builds a model of its own, so one test may ask several questions.
class SetsTest : public ::testing::Test {
 protected:
  static Fixture Base() {
    Fixture f;
    f.Vpc("vpc-1", "10.0.0.0/16");
    return f;
  }
  RouteDecision Lookup(std::vector<model::Route> routes, const Peer& peer) {
    Fixture f = Base();
    f.RouteTable("rtb-1", "vpc-1", {}, std::move(routes));
    model_ = f.Build();
    return LookupRoute(*model_.route_tables().Find("rtb-1"), peer, model_);
  }
  Decision Egress(std::vector<model::SgRule> rules, const Peer& peer) {
    Fixture f = Base();
    f.Sg("sg-1", "vpc-1", std::move(rules));
    model_ = f.Build();
    return EvaluateSgEgress({model_.security_groups().Find("sg-1")}, kTcp, 443, peer, model_);
  }
  NaclDecision Nacl(std::vector<model::NaclEntry> entries, const Peer& peer) {
    Fixture f = Base();
    f.Nacl("acl-1", "vpc-1", {}, std::move(entries));
    model_ = f.Build();
    return EvaluateNacl(*model_.network_acls().Find("acl-1"), true, kTcp, {443, 443}, peer);
  }
  model::Model model_;
};

TEST_F(SetsTest, HalvesToOneNatShadowADeadDefaultRoute) {
  RouteDecision d = Lookup({R("0.0.0.0/0", "nat-dead", true), R("0.0.0.0/1", "nat-b"),
                            R("128.0.0.0/1", "nat-b")},
                           Ecr());
  EXPECT_EQ(d.certain, Tri::kYes);
  ASSERT_NE(d.route, nullptr);
  EXPECT_EQ(d.route->target_id, "nat-b");
  EXPECT_FALSE(d.route->blackhole);
  EXPECT_EQ(d.parts.size(), 2u);
  EXPECT_TRUE(Has(d.detail, "0.0.0.0/1 -> nat-b, 128.0.0.0/1 -> nat-b")) << d.detail;
}

TEST_F(SetsTest, HalvesThatDisagreeLeaveItUnknownNamingThem) {
  RouteDecision d = Lookup({R("0.0.0.0/0", "nat-dead", true), R("0.0.0.0/1", "nat-b"),
                            R("128.0.0.0/1", "nat-dead", true)},
                           Ecr());
  EXPECT_EQ(d.certain, Tri::kMaybe);
  EXPECT_TRUE(Has(d.detail, "0.0.0.0/1 -> nat-b; 128.0.0.0/1 -> nat-dead (blackhole)")) << d.detail;
  EXPECT_FALSE(Has(d.detail, "0.0.0.0/0")) << d.detail;  // shadowed: no address takes it
}

TEST_F(SetsTest, HalvesToADeadTargetDecideABlackhole) {
  // Before address sets a working 0.0.0.0/0 made this "may apply"; every address takes a /1.
  RouteDecision d = Lookup({R("0.0.0.0/0", "nat-b"), R("0.0.0.0/1", "nat-dead", true),
                            R("128.0.0.0/1", "nat-dead", true)},
                           Ecr());
  EXPECT_EQ(d.certain, Tri::kYes);
  ASSERT_NE(d.route, nullptr);
  EXPECT_TRUE(d.route->blackhole);
}

TEST_F(SetsTest, HalvesDecideForKnownAddressesToo) {
  RouteDecision d = Lookup({R("0.0.0.0/1", "nat-b"), R("128.0.0.0/1", "igw-1")},
                           Peer::Cidrs({C("52.95.128.0/21"), C("3.5.0.0/19")}, "S3"));
  EXPECT_EQ(d.certain, Tri::kYes);
  ASSERT_NE(d.route, nullptr);
  EXPECT_EQ(d.route->target_id, "nat-b");  // every S3 range here is in 0.0.0.0/1
  RouteDecision split = Lookup({R("0.0.0.0/1", "nat-b"), R("128.0.0.0/1", "igw-1")},
                               Peer::Cidrs({C("52.95.128.0/21"), C("130.176.0.0/16")}, "x"));
  EXPECT_EQ(split.certain, Tri::kMaybe);
  EXPECT_TRUE(Has(split.detail, "it may use any of its addresses")) << split.detail;
}

TEST_F(SetsTest, PartialRoutesWithAnUnroutedRestStayUnknown) {
  RouteDecision d = Lookup({R("0.0.0.0/1", "nat-b")}, Ecr());
  EXPECT_EQ(d.certain, Tri::kMaybe);
  EXPECT_TRUE(Has(d.detail, "no route in rtb-1 matches")) << d.detail;
  ASSERT_FALSE(d.parts.empty());
  EXPECT_EQ(d.parts.back().route, nullptr);
  EXPECT_EQ(d.parts.back().addresses.ranges().front().lo, 0x80000000u);
}

TEST_F(SetsTest, SgRulesThatTogetherCoverEveryAddressAllow) {
  Decision d = Egress({Tcp443({"0.0.0.0/1"}), Tcp443({"128.0.0.0/1"})}, Ecr());
  EXPECT_EQ(d.allowed, Tri::kYes);
  EXPECT_TRUE(Has(d.detail, "together cover every address of the public address")) << d.detail;
  EXPECT_EQ(Egress({Tcp443({"0.0.0.0/1"})}, Ecr()).allowed, Tri::kMaybe);
  // A public service's address is never private, so leaving out private space loses nothing.
  Decision pub = Egress({Tcp443({"0.0.0.0/5", "8.0.0.0/7", "11.0.0.0/8", "12.0.0.0/6",
                                 "16.0.0.0/4", "32.0.0.0/3", "64.0.0.0/2", "128.0.0.0/1"})},
                        Ecr());
  EXPECT_EQ(pub.allowed, Tri::kYes);  // all but 10.0.0.0/8: every public address
}

TEST_F(SetsTest, SgIngressRulesThatTogetherCoverTheSourceAllow) {
  Fixture f = Base();
  f.Sg("sg-1", "vpc-1", {}, {Tcp443({"10.0.1.0/25"}), Tcp443({"10.0.1.128/25"})});
  f.Sg("sg-2", "vpc-1", {}, {Tcp443({"10.0.1.0/25"})});
  model_ = f.Build();
  auto in = [&](const char* sg) {
    return EvaluateSgIngress({model_.security_groups().Find(sg)}, kTcp, 443, C("10.0.1.0/24"),
                             {}, model_)
        .allowed;
  };
  EXPECT_EQ(in("sg-1"), Tri::kYes);
  EXPECT_EQ(in("sg-2"), Tri::kMaybe);
}

TEST_F(SetsTest, NaclEntriesDecideTogetherInRuleOrder) {
  NaclDecision allow = Nacl({E(100, true, kTcp, PortRange{443, 443}, "0.0.0.0/1", true),
                             E(110, true, kTcp, PortRange{443, 443}, "128.0.0.0/1", true)},
                            Ecr());
  EXPECT_EQ(allow.allowed, Tri::kYes);
  EXPECT_TRUE(Has(allow.detail, "rule 100 allow") && Has(allow.detail, "rule 110 allow"))
      << allow.detail;

  NaclDecision deny = Nacl({E(100, true, kTcp, PortRange{443, 443}, "0.0.0.0/1", false),
                            E(110, true, kTcp, PortRange{443, 443}, "128.0.0.0/1", false),
                            E(200, true, -1, std::nullopt, "0.0.0.0/0", true)},
                           Ecr());
  EXPECT_EQ(deny.allowed, Tri::kNo);  // 200 never sees an address: the two denies took them all
  EXPECT_FALSE(deny.partly);

  NaclDecision split = Nacl({E(100, true, kTcp, PortRange{443, 443}, "0.0.0.0/1", true),
                             E(110, true, kTcp, PortRange{443, 443}, "128.0.0.0/1", false)},
                            Ecr());
  EXPECT_EQ(split.allowed, Tri::kMaybe);
  EXPECT_TRUE(Has(split.detail, "rule 100")) << split.detail;

  // Rule order, not CIDR order: a later allow of the same half changes nothing.
  NaclDecision order = Nacl({E(100, true, kTcp, PortRange{443, 443}, "128.0.0.0/1", false),
                             E(200, true, kTcp, PortRange{443, 443}, "0.0.0.0/0", true)},
                            Ecr());
  EXPECT_EQ(order.allowed, Tri::kMaybe);
}

TEST_F(SetsTest, NaclOldSingleEntryWordingIsKept) {
  NaclDecision d = Nacl({E(100, true, kTcp, PortRange{443, 443}, "52.0.0.0/8", true),
                         E(200, true, kTcp, PortRange{443, 443}, "0.0.0.0/0", true)},
                        Ecr());
  EXPECT_EQ(d.allowed, Tri::kYes);
  EXPECT_TRUE(Has(d.detail, "allowed: acl-1 rule 200 allow")) << d.detail;
  EXPECT_FALSE(Has(d.detail, "together")) << d.detail;
}

}  // namespace
}  // namespace fd::net
