// NET008: the target's subnets differ in how they reach the internet (public, NAT, isolated,
// opaque) and some placements fail while others work: tasks start or hang depending on the AZ.
#include <set>

#include "checks/check_util.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kNet008,
    .slug = "net-mixed-subnets",
    .title = "service subnet list mixes public and private subnets",
    .severity = report::Severity::kWarning,
    .group = Group::kNetwork,
    .rationale = "ECS may place a task in any subnet of the list, and one assignPublicIp value "
                 "applies to all of them. When the subnets route differently, some tasks start "
                 "and others stay PENDING, depending on the subnet picked.",
    .evidence = "the effective route table of each awsvpcConfiguration subnet, assignPublicIp, "
                "the per-subnet results of the path evaluation",
    .remediation = "Use a homogeneous subnet set: all private with a NAT gateway or endpoints, or "
                   "all public with a public IP.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-task-networking.html",
};

// How a subnet's default route leaves the VPC.
std::string EgressClass(const model::Model& m, const std::string& subnet) {
  const model::RouteTable* rt = m.RouteTableForSubnet(subnet);
  if (!rt) return "";
  for (const auto& r : rt->routes) {
    if (!r.destination || r.destination->len != 0) continue;
    if (r.blackhole) return "blackhole";
    switch (r.target) {
      case model::RouteTarget::kInternetGateway: return "public (internet gateway)";
      case model::RouteTarget::kNatGateway: return "private (NAT gateway)";
      default: return "opaque (" + r.target_id + ")";
    }
  }
  return "isolated (no default route)";
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  for (const auto& ta : ctx.targets) {
    std::set<std::string> failing, working;
    // The ways out of the VPC only: NFS to a mount target does not leave it, and a zone without
    // a mount target is STO002's, whatever the subnets' routes.
    for (const auto& p : ta.paths)
      if (!p.need || p.need->kind != analysis::NeedKind::kEfs)
        (p.reachable == false ? failing : working).insert(p.subnet_id);
    for (const auto& s : failing) working.erase(s);
    if (failing.empty() || working.empty()) continue;
    std::map<std::string, std::vector<std::string>> classes;
    for (const auto& s : ta.target.subnets) classes[EgressClass(ctx.model, s)].push_back(s);
    if (classes.size() < 2) continue;
    std::vector<std::string> bad(failing.begin(), failing.end());
    auto& f = sink.Report(kInfo, ta.target, ta.target.Key(),
                          ta.target.name + " mixes subnets that route differently: tasks placed in " +
                              JoinList(bad) + " fail to start, the others start");
    for (const auto& [cls, subnets] : classes)
      f.evidence.push_back({JoinList(subnets), JoinList(subnets) + ": " + cls});
    std::vector<std::string> good(working.begin(), working.end());
    f.fix = report::Fix::Of("keep only subnets that route the same, working way",
                            {NetworkUpdate(ta.target, good, {}, "")});
  }
}

}  // namespace

const CheckDef kNet008{kInfo, &Run};

}  // namespace fd::checks
