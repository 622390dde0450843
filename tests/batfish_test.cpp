// The Batfish AWS snapshots (../shared/corpus/aws-json/batfish/; skipped without it) read with
// the real ingest, with a hypothetical Fargate task placed in each subnet: an ECR image in the snapshot's region and
// the awslogs driver, so every start needs ecr.api, ecr.dkr, S3 (layers) and logs. The
// expected verdicts are derived by hand from each snapshot's route tables, NAT and internet
// gateways, endpoints, NACLs and SGs; the comment above each case says why.
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <optional>

#include "analysis/analyze.h"
#include "ingest/snapshot.h"
#include "testing/shared_corpus.h"

namespace fd {
namespace {

using analysis::PathResult;
using report::Severity;

const std::string kCorpus = fd::testing::CorpusPath("aws-json/batfish/");

/// Every case reads a Batfish snapshot: without the corpus the whole suite skips.
class BatfishTest : public ::testing::Test {
 protected:
  void SetUp() override { FD_SKIP_WITHOUT_CORPUS("aws-json/batfish", "the path evaluation of the Batfish snapshots"); }
};

const model::Model& Snapshot(const std::string& name) {
  static std::map<std::string, std::unique_ptr<model::Model>> cache;
  auto it = cache.find(name);
  if (it == cache.end()) {
    auto loaded = ingest::LoadPaths({kCorpus + name});
    if (!loaded) ADD_FAILURE() << name << ": " << loaded.error().message;
    auto m = std::make_unique<model::Model>(loaded ? std::move(*loaded) : model::Model{});
    it = cache.emplace(name, std::move(m)).first;
  }
  return *it->second;
}

model::TaskDefinition ProbeTaskDefinition(const std::string& region) {
  model::TaskDefinition td;
  td.family = "probe";
  td.revision = 1;
  td.region = region;
  td.account = "123456789012";
  td.requires_compatibilities = {"FARGATE"};
  td.network_mode = "awsvpc";
  td.cpu = "256";
  td.memory = "512";
  td.execution_role_arn = "arn:aws:iam::123456789012:role/ecsTaskExecutionRole";
  model::ContainerDefinition c;
  c.name = "web";
  c.image = "123456789012.dkr.ecr." + region + ".amazonaws.com/web:1";
  model::LogConfiguration logs;
  logs.log_driver = "awslogs";
  logs.options = {{"awslogs-group", "/ecs/probe"},
                  {"awslogs-region", region},
                  {"awslogs-stream-prefix", "web"}};
  c.log_configuration = logs;
  td.containers.push_back(c);
  return td;
}

/// One expectation: the path of `service` from `subnet`, for a task with `sgs` (empty: the VPC
/// default SG) and a public IP or not.
struct Case {
  std::string snapshot;
  std::string region;
  std::string subnet;
  std::vector<std::string> sgs;
  bool public_ip = false;
  std::vector<std::string> services;  ///< the needs this expectation covers
  std::optional<bool> reachable;
  std::string via;       ///< when reachable
  std::string code;      ///< the primary cause (first blocker), or a warning code when undecided
  std::string resource;  ///< of that fault; "target" = the target's key
};

std::string Dump(const PathResult& p) {
  std::string s = "reachable=" + std::string(!p.reachable ? "null" : *p.reachable ? "true" : "false") +
                  " via=" + p.via + "\n";
  for (const auto& f : p.faults)
    s += "  fault " + std::string(ToString(f.code)) + " [" + std::string(report::ToString(f.severity)) + "] " + f.resource +
         ": " + f.claim + "\n";
  for (const auto& t : p.trace)
    s += "  step " + t.hop + " | " + t.step + " | " + std::string(report::ToString(t.action)) +
         " | " + t.detail + "\n";
  for (const auto& u : p.unchecked) s += "  unchecked " + std::string(ToString(u.code)) + ": " + u.reason + "\n";
  return s;
}

void ExpectPath(const Case& c) {
  const model::Model& m = Snapshot(c.snapshot);
  const model::TaskDefinition td = ProbeTaskDefinition(c.region);
  analysis::TargetQuery q;
  q.task_definition = &td;
  q.subnets = {c.subnet};
  q.security_groups = c.sgs;
  q.assign_public_ip = c.public_ip;
  std::vector<InputNote> notes;
  auto targets = analysis::ResolveTargets(m, q, &notes);
  ASSERT_TRUE(targets.has_value()) << targets.error().message;
  ASSERT_EQ(targets->size(), 1u);
  EXPECT_EQ((*targets)[0].region, c.region);
  analysis::Analysis a = analysis::Analyze(m, std::move(*targets));
  ASSERT_EQ(a.targets.size(), 1u);
  const analysis::TargetAnalysis& ta = a.targets[0];
  // ECR image on PV 1.4.0 (LATEST) plus awslogs: exactly these four needs, all in-region.
  std::vector<std::string> needs;
  for (const auto& n : ta.needs) {
    needs.push_back(n.service);
    EXPECT_EQ(n.region, c.region);
  }
  std::sort(needs.begin(), needs.end());
  EXPECT_EQ(needs, (std::vector<std::string>{"ecr.api", "ecr.dkr", "logs", "s3"}));

  for (const std::string& service : c.services) {
    SCOPED_TRACE(c.snapshot + " " + c.subnet + " " + service +
                 (c.public_ip ? " (public IP)" : " (no public IP)"));
    const PathResult* p = nullptr;
    for (const auto& path : ta.paths)
      if (path.subnet_id == c.subnet && path.need->service == service) p = &path;
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->reachable, c.reachable) << Dump(*p);
    if (c.reachable == true) {
      EXPECT_EQ(p->via, c.via) << Dump(*p);
      for (const auto& f : p->faults) EXPECT_NE(f.severity, Severity::kBlocker) << Dump(*p);
    }
    if (!c.code.empty()) {
      const analysis::Fault* f = nullptr;
      if (c.reachable == false) {
        for (const auto& x : p->faults)
          if (x.severity == Severity::kBlocker) {
            f = &x;
            break;
          }
      } else {
        for (const auto& x : p->faults)
          if (ToString(x.code) == c.code) f = &x;
      }
      ASSERT_NE(f, nullptr) << Dump(*p);
      EXPECT_EQ(ToString(f->code), c.code) << Dump(*p);
      EXPECT_EQ(f->resource, c.resource == "target" ? ta.target.Key() : c.resource) << Dump(*p);
    }
  }
}

const std::vector<std::string> kAll = {"ecr.api", "ecr.dkr", "s3", "logs"};

// ---- test-nat-gateway (us-east-2, vpc-0008a7b45e3ddf1dd 10.1.0.0/16) --------------------------
// rtb-0ddf14681733ed0b7 (subnet-0428892a357fa1f94 "Public Subnet"): 0.0.0.0/0 -> igw-0717…, attached
// rtb-02fe228b42de92a7c (subnet-06f469bcee42e408e "Subnet 1"):      0.0.0.0/0 -> nat-07ab…,
//   an available NAT gateway with an Elastic IP in the public subnet
// rtb-0e169c4a1e0b27b55 (main, so subnet-02ff259e663e9613e "Subnet 20"): local only
// No VPC endpoints. NACLs allow all TCP both ways (the public subnet's ICMP-only rule 100 is
// skipped for TCP; its rule 200 allows everything). The default SG allows all egress.

TEST_F(BatfishTest, NatGatewayPrivateSubnetReachesEverythingViaTheNat) {
  ExpectPath({"test-nat-gateway", "us-east-2", "subnet-06f469bcee42e408e", {}, false, kAll, true,
       "nat-07ab4846da51f4612", "", ""});
}

TEST_F(BatfishTest, NatGatewayPublicSubnetWithPublicIpUsesTheIgw) {
  ExpectPath({"test-nat-gateway", "us-east-2", "subnet-0428892a357fa1f94", {}, true, kAll, true,
       "igw-071753b9c23d8a9b2", "", ""});
}

TEST_F(BatfishTest, NatGatewayPublicSubnetWithoutPublicIpIsNet001) {
  // MapPublicIpOnLaunch is true on this subnet, but Fargate only honours assignPublicIp.
  ExpectPath({"test-nat-gateway", "us-east-2", "subnet-0428892a357fa1f94", {}, false, kAll, false, "",
       "NET001", "target"});
}

TEST_F(BatfishTest, NatGatewaySubnetOnTheMainTableIsIsolated) {
  ExpectPath({"test-nat-gateway", "us-east-2", "subnet-02ff259e663e9613e", {}, false, kAll, false, "",
       "NET002", "rtb-0e169c4a1e0b27b55"});
}

// ---- test-public-private-subnet (us-east-2, vpc-0b966fdeb36d5e43f) ----------------------------
// rtb-0d20fcae075afe460 (subnet-0cf7a93fbd779f3a3 "Public subnet"): 0.0.0.0/0 -> igw-0eac…, attached
// rtb-002f0eabf583bf991 (main, so subnet-0f263105946ad1a1d "Private subnet"):
//   0.0.0.0/0 -> vgw-070087240d6fa2989, a VPN gateway: the way on cannot be verified (NET009).

TEST_F(BatfishTest, PublicPrivatePrivateSubnetDefaultRouteToAVgwIsUndecided) {
  ExpectPath({"test-public-private-subnet", "us-east-2", "subnet-0f263105946ad1a1d", {}, false, kAll,
       std::nullopt, "", "NET009", "rtb-002f0eabf583bf991"});
}

TEST_F(BatfishTest, PublicPrivatePublicSubnet) {
  ExpectPath({"test-public-private-subnet", "us-east-2", "subnet-0cf7a93fbd779f3a3",
       {"sg-063f2bb51713c3236"}, true, kAll, true, "igw-0eac198308206c358", "", ""});
  ExpectPath({"test-public-private-subnet", "us-east-2", "subnet-0cf7a93fbd779f3a3",
       {"sg-063f2bb51713c3236"}, false, kAll, false, "", "NET001", "target"});
}

// ---- hybrid-cloud-aws (us-west-2) -------------------------------------------------------------
// vpc-925131f4: rtb-7b73bf02 (subnet-62f14104 "Public subnet"): 0.0.0.0/0 -> igw-fac5839d;
//   rtb-f28e418b (main, so subnet-8d0cbdeb "Private subnet"): 0.0.0.0/0 -> nat-055c00735cace0ec4
//   in state blackhole (the NAT gateway was deleted) -> NET003 on that table.
// vpc-b390fad5: rtb-9fa476e6 (subnet-1641fa70 and the border subnets): 0.0.0.0/0 -> igw-9b93ddfc.
// vpc-f8fad69d (default VPC): main rtb-e3d7e486 0.0.0.0/0 -> igw-068fee63, but its default NACL
//   acl-4db39c28 admits inbound only TCP 3306 from 162.243.144.192/32: the replies to the task's
//   ephemeral ports are dropped -> FW007 (blocker) on that NACL, even with a public IP.

TEST_F(BatfishTest, HybridBlackholeNatRouteIsNet003) {
  ExpectPath({"hybrid-cloud-aws", "us-west-2", "subnet-8d0cbdeb", {"sg-83b348fe"}, false, kAll, false, "",
       "NET003", "rtb-f28e418b"});
  // A public IP does not help: the route never reaches an internet gateway.
  ExpectPath({"hybrid-cloud-aws", "us-west-2", "subnet-8d0cbdeb", {"sg-83b348fe"}, true, kAll, false, "",
       "NET003", "rtb-f28e418b"});
}

TEST_F(BatfishTest, HybridPublicSubnet) {
  ExpectPath({"hybrid-cloud-aws", "us-west-2", "subnet-62f14104", {"sg-94df21e9"}, true, kAll, true,
       "igw-fac5839d", "", ""});
  ExpectPath({"hybrid-cloud-aws", "us-west-2", "subnet-62f14104", {"sg-94df21e9"}, false, kAll, false, "",
       "NET001", "target"});
}

TEST_F(BatfishTest, HybridManagementSubnet) {
  ExpectPath({"hybrid-cloud-aws", "us-west-2", "subnet-1641fa70", {"sg-331ad04e"}, true, kAll, true,
       "igw-9b93ddfc", "", ""});
}

TEST_F(BatfishTest, HybridDefaultVpcNaclDropsReplies) {
  for (const char* subnet : {"subnet-1f315846", "subnet-9c8adceb", "subnet-d9cafabc"})
    ExpectPath({"hybrid-cloud-aws", "us-west-2", subnet, {"sg-6c4d1408"}, true, kAll, false, "", "FW007",
         "acl-4db39c28"});
}

// ---- test-vpc-endpoint-gateway (us-east-1, vpc-05d56c7295fca139b) -----------------------------
// vpce-0b7357542bb7b83ec: S3 gateway endpoint (com.amazonaws.us-east-1.s3) on rtb-04f71fc2caa8d94cf
//   and rtb-0efde4139784b75b0, each with the route pl-63a5400a -> vpce-0b73….
// rtb-04f71fc2caa8d94cf (subnet-01e5f0945f6d6f47c): local + the S3 route only. S3 is reached
//   through the gateway endpoint; ecr.api, ecr.dkr and logs have no route and the VPC has no
//   interface endpoints at all -> NET002 on the table.
// rtb-0efde4139784b75b0 (subnet-04391f04b912d0a73): 0.0.0.0/0 -> igw-0c8a… plus the S3 route,
//   which is more specific than 0.0.0.0/0: S3 goes to the endpoint with or without a public
//   IP; the other services need the public IP (NET001 without it).
// The NACL acl-086ba598bbf8e5d89 allows everything (rule 1000); the default SG allows all egress.

TEST_F(BatfishTest, GatewayEndpointIsolatedSubnetReachesOnlyS3) {
  ExpectPath({"test-vpc-endpoint-gateway", "us-east-1", "subnet-01e5f0945f6d6f47c", {}, false, {"s3"},
       true, "vpce-0b7357542bb7b83ec", "", ""});
  ExpectPath({"test-vpc-endpoint-gateway", "us-east-1", "subnet-01e5f0945f6d6f47c", {}, false,
       {"ecr.api", "ecr.dkr", "logs"}, false, "", "NET002", "rtb-04f71fc2caa8d94cf"});
}

TEST_F(BatfishTest, GatewayEndpointPublicSubnetPrefersTheEndpointForS3) {
  ExpectPath({"test-vpc-endpoint-gateway", "us-east-1", "subnet-04391f04b912d0a73", {}, true, {"s3"}, true,
       "vpce-0b7357542bb7b83ec", "", ""});
  ExpectPath({"test-vpc-endpoint-gateway", "us-east-1", "subnet-04391f04b912d0a73", {}, true,
       {"ecr.api", "ecr.dkr", "logs"}, true, "igw-0c8afe4471084ccba", "", ""});
  ExpectPath({"test-vpc-endpoint-gateway", "us-east-1", "subnet-04391f04b912d0a73", {}, false, {"s3"},
       true, "vpce-0b7357542bb7b83ec", "", ""});
  ExpectPath({"test-vpc-endpoint-gateway", "us-east-1", "subnet-04391f04b912d0a73", {}, false,
       {"ecr.api", "ecr.dkr", "logs"}, false, "", "NET001", "target"});
}

// ---- test-vpc-endpoint-interface (us-east-1, vpc-072d45b801aeffef2) ---------------------------
// Both subnets use rtb-07e4f0e11d543c220: 0.0.0.0/0 -> igw-051ef323d8b6da33a (attached). The one
// interface endpoint is for CloudTrail, which no start needs: it must not change any path.

TEST_F(BatfishTest, InterfaceEndpointSnapshotUsesTheIgw) {
  for (const char* subnet : {"subnet-0611b848137c513d1", "subnet-0bb8615d8368ece31"}) {
    ExpectPath({"test-vpc-endpoint-interface", "us-east-1", subnet, {"sg-0973207c61f3466e1"}, true, kAll,
         true, "igw-051ef323d8b6da33a", "", ""});
    ExpectPath({"test-vpc-endpoint-interface", "us-east-1", subnet, {"sg-0973207c61f3466e1"}, false, kAll,
         false, "", "NET001", "target"});
  }
}

}  // namespace
}  // namespace fd
