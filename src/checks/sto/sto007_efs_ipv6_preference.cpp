// STO007: dual-stack EFS mount targets and dual-stack task subnets, but the security groups open
// TCP 2049 only over IPv4; the mount may prefer IPv6 and time out (docs/design/causes.md#sto007, a warning from
// community reports). NACLs are left to STO003's path evaluation.
#include <set>
#include <string>

#include "checks/check_util.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kSto007,
    .slug = "efs-ipv6-preference",
    .title = "dual-stack mount targets chosen but rules are IPv4-only",
    .severity = report::Severity::kWarning,
    .group = Group::kResources,
    .rationale = "When both the mount target and the task have IPv6 addresses, the mount may be "
                 "attempted over IPv6; security groups that admit NFS (TCP 2049) only from IPv4 "
                 "ranges then let it time out although the IPv4 path is open.",
    .evidence = "efs describe-mount-targets Ipv6Address; describe-subnets IPv6 CIDRs of the task "
                "subnets; the mount targets' security groups (ingress 2049) and the task's "
                "security groups (egress 2049)",
    .remediation = "Allow TCP 2049 over IPv6 too (an ::/0 or VPC IPv6 range, or a security group "
                   "reference, which covers both families).",
    .references = "https://docs.aws.amazon.com/efs/latest/ug/network-access.html",
};

enum class Family { kNone, kIpv4Only, kIpv6 };

/// Whether the rules admit TCP 2049 at all, and whether over IPv6 (a group reference or a
/// prefix list counts as both families).
Family Nfs(const std::vector<model::SgRule>& rules) {
  Family out = Family::kNone;
  for (const auto& r : rules) {
    if (r.protocol != -1 && r.protocol != 6) continue;
    if (r.protocol == 6 && !r.ports.Contains(2049)) continue;
    if (!r.ipv6_cidrs.empty() || !r.group_ids.empty() || !r.prefix_list_ids.empty()) return Family::kIpv6;
    if (!r.cidrs.empty()) out = Family::kIpv4Only;
  }
  return out;
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  const model::Model& m = ctx.model;
  for (const auto& ta : ctx.targets) {
    const auto& t = ta.target;
    const model::TaskDefinition* td = t.task_definition;
    if (!td || td->efs_volumes.empty() || t.windows) continue;
    std::set<std::string> fs;
    for (const auto& v : td->efs_volumes)
      if (!v.file_system_id.empty()) fs.insert(v.file_system_id);
    for (const auto& sid : t.subnets) {
      const model::Subnet* s = m.subnets().Find(sid);
      if (!s || s->ipv6_cidrs.empty()) continue;  // the task gets no IPv6 address
      for (const auto& fs_id : fs)
        for (const auto* mt : m.MountTargetsOf(fs_id)) {
          if (mt->ipv6_address.empty() || mt->vpc_id != s->vpc_id) continue;
          if (!mt->availability_zone_id.empty() && !s->availability_zone_id.empty() &&
              mt->availability_zone_id != s->availability_zone_id)
            continue;  // the DNS name answers with the mount target of the task's zone
          std::vector<std::string> claims;
          if (!mt->security_groups_known) {
            sink.Unchecked(kInfo, "security groups of mount target " + mt->id + " (" + t.name +
                                      "): the snapshot has no describe-mount-target-security-groups");
          } else {
            std::vector<model::SgRule> rules;
            bool known = true;
            for (const auto& g : mt->security_groups) {
              const auto* sg = m.security_groups().Find(g);
              if (!sg || !sg->rules_known) known = false;
              else rules.insert(rules.end(), sg->ingress.begin(), sg->ingress.end());
            }
            if (known && Nfs(rules) == Family::kIpv4Only)
              claims.push_back("security groups " + JoinList(mt->security_groups) + " of " + mt->id +
                               " (IPv6 " + mt->ipv6_address + ") admit TCP 2049 only from IPv4 ranges");
          }
          if (t.security_groups_known) {
            std::vector<model::SgRule> rules;
            bool known = true;
            std::vector<std::string> groups = t.security_groups;
            if (groups.empty())
              if (const auto* d = m.DefaultSecurityGroup(s->vpc_id)) groups.push_back(d->id);
            for (const auto& g : groups) {
              const auto* sg = m.security_groups().Find(g);
              if (!sg || !sg->rules_known) known = false;
              else rules.insert(rules.end(), sg->egress.begin(), sg->egress.end());
            }
            if (known && !groups.empty() && Nfs(rules) == Family::kIpv4Only)
              claims.push_back("task security groups " + JoinList(groups) +
                               " allow outbound TCP 2049 only to IPv4 ranges");
          }
          if (claims.empty()) continue;
          auto& f = sink.Report(kInfo, t, mt->id,
                                "EFS mount target " + mt->id + " is dual-stack but NFS is open only over IPv4 for " +
                                    t.name);
          for (auto& c : claims) f.evidence.push_back({sid, "subnet " + sid + " is dual-stack; " + c});
          f.subnets.push_back(sid);
          if (f.fix.summary.empty()) {
            std::vector<fix::Step> steps;
            if (mt->security_groups_known && !mt->security_groups.empty())
              steps.push_back(fix::SecurityGroupRule{mt->security_groups.front(), /*egress=*/false, "tcp",
                                                     {2049, 2049}, fix::SecurityGroupRule::Peer::kCidr6,
                                                     s->ipv6_cidrs.front().ToString()});
            f.fix = report::Fix::Of("allow TCP 2049 over IPv6 between the tasks and the mount target",
                                    std::move(steps));
          }
        }
    }
  }
}

}  // namespace

const CheckDef kSto007{kInfo, &Run};

}  // namespace fd::checks
