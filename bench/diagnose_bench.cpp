// Benchmarks of the network half, on synthetic accounts built in memory: the inner loops
// (route lookup, SG and NACL matching) and a whole diagnosis of N services over M subnets.
// Build with `make bench`; run build-bench/diagnose_bench. Never part of the tests.
#include <benchmark/benchmark.h>

#include "analysis/evidence.h"
#include "engine/diagnose.h"
#include "model/model.h"
#include "net/match.h"

namespace {

using fd::Cidr4;
using fd::model::ModelBuilder;

Cidr4 C(const std::string& s) { return *Cidr4::Parse(s); }

fd::model::Route Route(const std::string& dest, fd::model::RouteTarget target, const std::string& id) {
  fd::model::Route r;
  r.destination = C(dest);
  r.target = target;
  r.target_id = id;
  r.origin = "CreateRoute";
  return r;
}

// One VPC per 40 subnets; every other subnet shares a route table with 20 routes to a NAT in
// the VPC's public subnet; every service runs in 3 subnets with an ECR image, awslogs and a
// secret (5 needs).
fd::model::Model Account(int subnets, int services, bool own_security_groups = false) {
  ModelBuilder b;
  const std::string region = "eu-west-3";
  const int vpcs = std::max(1, subnets / 40);
  for (int v = 0; v < vpcs; ++v) {
    const std::string vpc = "vpc-" + std::to_string(v);
    fd::model::Vpc x;
    x.id = vpc;
    x.region = region;
    x.cidrs = {C("10." + std::to_string(v % 250) + ".0.0/16")};
    x.enable_dns_support = x.enable_dns_hostnames = true;
    b.AddVpc(x);
    fd::model::InternetGateway igw;
    igw.id = "igw-" + std::to_string(v);
    igw.attachments = {{vpc, "available"}};
    b.AddInternetGateway(igw);
    fd::model::Subnet pub;
    pub.id = "subnet-pub-" + std::to_string(v);
    pub.vpc_id = vpc;
    pub.region = region;
    pub.cidr = C("10." + std::to_string(v % 250) + ".255.0/24");
    pub.availability_zone_id = "euw3-az1";
    b.AddSubnet(pub);
    fd::model::RouteTable prt;
    prt.id = "rtb-pub-" + std::to_string(v);
    prt.vpc_id = vpc;
    prt.subnet_ids = {pub.id};
    prt.routes = {Route("10.0.0.0/8", fd::model::RouteTarget::kLocal, "local"),
                  Route("0.0.0.0/0", fd::model::RouteTarget::kInternetGateway, igw.id)};
    b.AddRouteTable(prt);
    fd::model::NatGateway nat;
    nat.id = "nat-" + std::to_string(v);
    nat.vpc_id = vpc;
    nat.subnet_id = pub.id;
    nat.state = "available";
    nat.addresses = {{"3.3.3.3", "", ""}};
    b.AddNatGateway(nat);
    fd::model::NetworkAcl acl;
    acl.id = "acl-" + std::to_string(v);
    acl.vpc_id = vpc;
    acl.is_default = true;
    for (bool egress : {true, false}) {
      fd::model::NaclEntry e;
      e.rule_number = 100;
      e.egress = egress;
      e.cidr = C("0.0.0.0/0");
      e.allow = true;
      acl.entries.push_back(e);
      e.rule_number = 32767;
      e.allow = false;
      acl.entries.push_back(e);
    }
    b.AddNetworkAcl(acl);
    fd::model::SecurityGroup sg;
    sg.id = "sg-" + std::to_string(v);
    sg.vpc_id = vpc;
    fd::model::SgRule all;
    all.cidrs = {C("0.0.0.0/0")};
    sg.egress = {all};
    b.AddSecurityGroup(sg);
  }
  for (int i = 0; i < subnets; ++i) {
    const int v = i % vpcs;
    fd::model::Subnet s;
    s.id = "subnet-" + std::to_string(i);
    s.vpc_id = "vpc-" + std::to_string(v);
    s.region = region;
    s.cidr = C("10." + std::to_string(v % 250) + "." + std::to_string((i / vpcs) % 250) + ".0/24");
    s.availability_zone_id = "euw3-az" + std::to_string(i % 3 + 1);
    s.available_ip_address_count = 100;
    b.AddSubnet(s);
    if (i % 2 == 0) {
      fd::model::RouteTable rt;
      rt.id = "rtb-" + std::to_string(i);
      rt.vpc_id = s.vpc_id;
      rt.subnet_ids = {s.id, "subnet-" + std::to_string(i + 1)};
      rt.routes = {Route("10.0.0.0/8", fd::model::RouteTarget::kLocal, "local")};
      for (int k = 0; k < 18; ++k)
        rt.routes.push_back(Route("192.168." + std::to_string(k) + ".0/24",
                                  fd::model::RouteTarget::kTransitGateway, "tgw-1"));
      rt.routes.push_back(Route("0.0.0.0/0", fd::model::RouteTarget::kNatGateway, "nat-" + std::to_string(v)));
      b.AddRouteTable(rt);
    }
  }
  for (int k = 0; k < services; ++k) {
    fd::model::TaskDefinition td;
    td.family = "t" + std::to_string(k);
    td.revision = 1;
    td.arn = "arn:aws:ecs:" + region + ":111122223333:task-definition/" + td.family + ":1";
    fd::model::ContainerDefinition c;
    c.name = "app";
    c.image = "111122223333.dkr.ecr." + region + ".amazonaws.com/app:1";
    fd::model::LogConfiguration lc;
    lc.log_driver = "awslogs";
    lc.options = {{"awslogs-region", region}, {"awslogs-group", "/ecs/" + td.family}};
    c.log_configuration = lc;
    c.secrets = {{"X", "arn:aws:secretsmanager:" + region + ":111122223333:secret:s-abcdef"}};
    td.containers = {c};
    b.AddTaskDefinition(td);
    fd::model::EcsService s;
    s.name = "s" + std::to_string(k);
    s.arn = "arn:aws:ecs:" + region + ":111122223333:service/prod/" + s.name;
    s.cluster_arn = "arn:aws:ecs:" + region + ":111122223333:cluster/prod";
    s.launch_type = "FARGATE";
    s.task_definition = td.arn;
    const int v = k % vpcs;
    for (int j = 0; j < 3; ++j) s.network.subnets.push_back("subnet-" + std::to_string((v + vpcs * (k + j)) % subnets));
    s.network.security_groups = {"sg-" + std::to_string(v)};
    if (own_security_groups) {
      // Every service with a security group of its own, as real accounts have: no two
      // services share a trace.
      fd::model::SecurityGroup sg;
      sg.id = "sg-svc-" + std::to_string(k);
      sg.vpc_id = "vpc-" + std::to_string(v);
      for (int r = 0; r < 10; ++r) {
        fd::model::SgRule rule;
        rule.protocol = 6;
        rule.ports = {5000 + r, 5000 + r};
        rule.cidrs = {C("10." + std::to_string(v % 250) + "." + std::to_string(r) + ".0/24")};
        sg.egress.push_back(rule);
      }
      fd::model::SgRule https;
      https.protocol = 6;
      https.ports = {443, 443};
      https.cidrs = {C("0.0.0.0/0")};
      sg.egress.push_back(https);
      b.AddSecurityGroup(sg);
      s.network.security_groups = {sg.id};
    }
    s.network.present = true;
    b.AddService(s);
  }
  return std::move(b).Build();
}

void BM_Diagnose(benchmark::State& state) {
  const fd::model::Model m = Account(static_cast<int>(state.range(0)), static_cast<int>(state.range(1)),
                                     state.range(2) != 0);
  for (auto _ : state) {
    auto r = fd::engine::Diagnose(m, {});
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations() * state.range(1));
}
// Args: subnets, services, whether every service has its own security group. Wall time: the
// engine diagnoses chunks of targets on every core.
BENCHMARK(BM_Diagnose)
    ->Args({200, 500, 0})
    ->Args({2000, 5000, 0})
    ->Args({200, 500, 1})
    ->Args({2000, 5000, 1})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

void BM_RouteLookup(benchmark::State& state) {
  const fd::model::Model m = Account(40, 1);
  const fd::model::RouteTable* rt = m.route_tables().Find("rtb-0");
  const auto peer = fd::net::Peer::PublicService("api.ecr");
  for (auto _ : state) benchmark::DoNotOptimize(fd::net::LookupRoute(*rt, peer, m));
}
BENCHMARK(BM_RouteLookup);

void BM_NaclEphemeral(benchmark::State& state) {
  const fd::model::Model m = Account(40, 1);
  const fd::model::NetworkAcl* acl = m.network_acls().Find("acl-0");
  const auto peer = fd::net::Peer::PublicService("api.ecr");
  for (auto _ : state)
    benchmark::DoNotOptimize(fd::net::EvaluateNacl(*acl, false, 6, {1024, 65535}, peer));
}
BENCHMARK(BM_NaclEphemeral);

void BM_SgEgress(benchmark::State& state) {
  const fd::model::Model m = Account(40, 1);
  std::vector<const fd::model::SecurityGroup*> groups = {m.security_groups().Find("sg-0")};
  const auto peer = fd::net::Peer::PublicService("api.ecr");
  for (auto _ : state) benchmark::DoNotOptimize(fd::net::EvaluateSgEgress(groups, 6, 443, peer, m));
}
BENCHMARK(BM_SgEgress);

}  // namespace

// Matching a stopped task's reason against the pattern table of docs/design/causes.md §1.3: a message that
// names a cause, and one that names none (every pattern is tried).
void BM_MatchStoppedReason(benchmark::State& state) {
  const std::string message =
      state.range(0) != 0
          ? "ResourceInitializationError: unable to pull secrets or registry auth: execution resource "
            "retrieval failed: unable to retrieve secret from asm: service call has been retried 5 "
            "time(s): failed to fetch secret arn:aws:secretsmanager:eu-west-3:111122223333:secret:db-AbCdEf "
            "from secrets manager: RequestCanceled: request context canceled caused by: context deadline "
            "exceeded"
          : "Essential container in task exited";
  for (auto _ : state) benchmark::DoNotOptimize(fd::analysis::MatchMessage(message));
}
BENCHMARK(BM_MatchStoppedReason)->Arg(1)->Arg(0);
