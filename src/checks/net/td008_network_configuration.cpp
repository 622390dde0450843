// TD008: the awsvpc network configuration itself is invalid: missing, too many subnets or SGs,
// subnets in several VPCs, SGs of another VPC, a subnet not available, a bad assignPublicIp.
#include <set>

#include "checks/check_util.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kTd008,
    .slug = "req-network-config",
    .title = "networkConfiguration invalid",
    .severity = report::Severity::kBlocker,
    .group = Group::kNetwork,
    .rationale = "ECS rejects or cannot place a Fargate task whose awsvpcConfiguration has no "
                 "subnets, more than 16 subnets or 5 security groups, subnets in different VPCs, "
                 "security groups of another VPC, unavailable subnets, or an invalid "
                 "assignPublicIp.",
    .evidence = "networkConfiguration.awsvpcConfiguration of the service (or run-task flags), "
                "describe-subnets VpcId and State, describe-security-groups VpcId",
    .remediation = "Fix the network configuration so all subnets and security groups exist, "
                   "are available and belong to one VPC.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_AwsVpcConfiguration.html",
};

void Run(const CheckContext& ctx, FindingSink& sink) {
  const model::Model& m = ctx.model;
  for (const auto& ta : ctx.targets) {
    const auto& t = ta.target;
    std::vector<report::Evidence> problems;
    if (t.subnets.empty())
      problems.push_back({t.Key(), t.kind == analysis::TargetKind::kTask
                                       ? "the task has no ENI attachment naming its subnet"
                                       : "awsvpcConfiguration names no subnet"});
    if (t.subnets.size() > 16)
      problems.push_back({t.Key(), std::to_string(t.subnets.size()) + " subnets (at most 16)"});
    if (t.security_groups.size() > 5)
      problems.push_back({t.Key(), std::to_string(t.security_groups.size()) + " security groups (at most 5)"});
    if (!t.assign_public_ip_raw.empty() && t.assign_public_ip_raw != "ENABLED" &&
        t.assign_public_ip_raw != "DISABLED")
      problems.push_back({t.Key(), "assignPublicIp is '" + t.assign_public_ip_raw + "' (ENABLED or DISABLED)"});
    std::set<std::string> vpcs;
    for (const auto& sid : t.subnets) {
      const model::Subnet* s = m.subnets().Find(sid);
      if (!s) continue;
      vpcs.insert(s->vpc_id);
      if (!s->state.empty() && s->state != "available")
        problems.push_back({sid, sid + " is " + s->state});
    }
    if (vpcs.size() > 1) {
      std::vector<std::string> v(vpcs.begin(), vpcs.end());
      problems.push_back({t.Key(), "subnets belong to different VPCs: " + JoinList(v)});
    }
    for (const auto& gid : t.security_groups) {
      const model::SecurityGroup* g = m.security_groups().Find(gid);
      if (g && !g->vpc_id.empty() && vpcs.size() == 1 && !vpcs.count(g->vpc_id))
        problems.push_back({gid, gid + " belongs to " + g->vpc_id + ", not to the subnets' " + *vpcs.begin()});
    }
    if (problems.empty()) continue;
    auto& f = sink.Report(kInfo, t, t.Key(),
                          "the network configuration of " + t.name + " is invalid: " + problems.front().claim);
    for (auto& p : problems) f.evidence.push_back(p);
    f.fix = report::Fix::Of("name 1-16 available subnets and at most 5 security groups, all of one VPC", {});
  }
}

}  // namespace

const CheckDef kTd008{kInfo, &Run};

}  // namespace fd::checks
