// SVC002: the service's load balancer cannot reach or register its tasks: a Classic Load
// Balancer (no awsvpc support), a target group in another VPC, without a load balancer, of the
// wrong IP family, or a load balancer not enabled in a task subnet's zone; or, in a template, a
// service created side by side with the listeners of its group (docs/design/causes.md#svc002).
#include <algorithm>
#include <string>

#include "checks/check_util.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kSvc002,
    .slug = "svc-lb-network",
    .title = "target group/LB not compatible with task networking",
    .severity = report::Severity::kBlocker,
    .group = Group::kResources,
    .rationale = "ECS registers each task's own IP address with the service's target group. The "
                 "group must live in the tasks' VPC, belong to a load balancer and use the tasks' "
                 "IP family; Classic Load Balancers cannot take awsvpc tasks at all. A load "
                 "balancer not enabled in a task's Availability Zone never sends it traffic, so "
                 "those tasks never pass health checks.",
    .evidence = "describe-services loadBalancers[]; elbv2 describe-target-groups VpcId, "
                "IpAddressType, LoadBalancerArns; elbv2 describe-load-balancers "
                "AvailabilityZones[]; describe-subnets VpcId, AvailabilityZone, Ipv6CidrBlockAssociationSet",
    .remediation = "Use an Application or Network Load Balancer with an ip target group in the "
                   "tasks' VPC and IP family, attached to a listener, and enable the load balancer "
                   "in every Availability Zone the service places tasks in.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/troubleshoot-service-load-balancers.html "
                  "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-load-balancing.html",
};

void CheckZones(const CheckContext& ctx, FindingSink& sink, const analysis::Target& t,
                const model::TargetGroup& g) {
  const model::Model& m = ctx.model;
  for (const auto& lb_arn : g.load_balancer_arns) {
    if (!m.Has("LoadBalancers")) {
      sink.Unchecked(kInfo, "load balancer " + lb_arn + " of " + t.name +
                                ": the snapshot has no elbv2 describe-load-balancers");
      continue;
    }
    const model::LoadBalancer* lb = m.load_balancers().Find(lb_arn);
    if (!lb) {
      sink.Unchecked(kInfo, "load balancer " + lb_arn + " of " + t.name +
                                " is not in the snapshot's elbv2 describe-load-balancers");
      continue;
    }
    const std::vector<std::string>& zones = lb->zone_names;
    if (zones.empty() && !lb->subnet_ids.empty()) {  // declared in subnets of unknown zones
      sink.Unchecked(kInfo, "Availability Zones of load balancer " + lb->name + " of " + t.name +
                                ": the zone of one of its subnets is not known");
      continue;
    }
    if (zones.empty()) continue;
    std::vector<std::string> missing;  // task subnets in zones the balancer does not serve
    for (const auto& sid : t.subnets) {
      const model::Subnet* s = m.subnets().Find(sid);
      if (!s || s->availability_zone.empty()) continue;
      if (std::find(zones.begin(), zones.end(), s->availability_zone) == zones.end())
        missing.push_back(sid);
    }
    if (missing.empty()) continue;
    auto& f = sink.Report(kInfo, t, lb->arn,
                          "load balancer " + lb->name + " of " + t.name +
                              " is not enabled in the Availability Zone of some task subnets");
    f.severity = report::Severity::kWarning;
    for (const auto& sid : missing) {
      const model::Subnet* s = m.subnets().Find(sid);
      f.evidence.push_back({sid, "subnet " + sid + " is in " + s->availability_zone + "; " + lb->name +
                                     " is enabled only in " + JoinList(zones)});
      f.subnets.push_back(sid);
    }
    if (f.fix.summary.empty()) {
      // An internal balancer can use the task subnets themselves; an internet-facing one needs
      // subnets that route to an internet gateway, which only the user can pick.
      std::vector<fix::Step> steps;
      if (lb->scheme == "internal" && (lb->type == "application" || lb->type == "network")) {
        fix::LoadBalancerSubnets set{lb->arn, {}};
        for (const auto& x : lb->subnet_ids)
          if (!x.empty()) set.subnets.push_back(x);
        set.subnets.insert(set.subnets.end(), missing.begin(), missing.end());
        steps.push_back(std::move(set));
      }
      f.fix = report::Fix::Of("enable the load balancer in those zones (add a subnet of each, public for an "
                              "internet-facing balancer), or place the service only in the zones it serves",
                              std::move(steps));
    }
  }
}

// A template creates the service and the listeners forwarding to its group side by side: the
// service may meet a group no balancer forwards to yet, which ECS refuses.
void Unordered(FindingSink& sink, const analysis::Target& t, const model::ServiceLoadBalancer& lb) {
  const std::string listeners = JoinList(lb.listeners_not_awaited);
  auto& f = sink.Report(kInfo, t, t.service->arn,
                        "service " + t.name + " may be created before a listener forwards to target group " +
                            lb.target_group_arn);
  f.severity = report::Severity::kWarning;
  f.evidence.push_back({t.service->arn, "nothing makes the service wait for " + listeners +
                                            " (no DependsOn, no reference): CloudFormation creates them side by "
                                            "side, and ECS refuses a target group that \"does not have an "
                                            "associated load balancer\""});
  if (f.fix.summary.empty())
    f.fix.summary = "make the service wait for the listener: DependsOn: " + lb.listeners_not_awaited.front();
}

void Run(const CheckContext& ctx, FindingSink& sink) {
  const model::Model& m = ctx.model;
  for (const auto& ta : ctx.targets) {
    const auto& t = ta.target;
    if (!t.service) continue;
    for (const auto& lb : t.service->load_balancers) {
      if (lb.target_group_arn.empty() && !lb.load_balancer_name.empty()) {
        auto& f = sink.Report(kInfo, t, lb.load_balancer_name,
                              "Classic Load Balancer " + lb.load_balancer_name + " of " + t.name +
                                  " cannot register awsvpc (Fargate) tasks");
        f.evidence.push_back({t.service->arn, "loadBalancers[] names loadBalancerName " +
                                                  lb.load_balancer_name + " and no target group"});
        if (f.fix.summary.empty())
          f.fix.summary = "move the service to an Application or Network Load Balancer with an ip "
                          "target group (a new service: Classic Load Balancers take no awsvpc tasks)";
        continue;
      }
      if (lb.target_group_arn.empty()) continue;
      if (!lb.listeners_not_awaited.empty()) Unordered(sink, t, lb);
      if (!m.Has("TargetGroups")) {
        sink.Unchecked(kInfo, "target group " + lb.target_group_arn + " of " + t.name +
                                  ": the snapshot has no elbv2 describe-target-groups");
        continue;
      }
      const model::TargetGroup* g = m.target_groups().Find(lb.target_group_arn);
      if (!g) {
        sink.Unchecked(kInfo, "target group " + lb.target_group_arn + " of " + t.name +
                                  " is not in the snapshot's elbv2 describe-target-groups");
        continue;
      }
      if (g->load_balancer_arns.empty()) {
        auto& f = sink.Report(kInfo, t, g->arn,
                              "target group " + g->name + " of " + t.name + " is not attached to a load balancer");
        f.evidence.push_back({g->arn, "LoadBalancerArns is empty: ECS cannot use a target group that "
                                      "no listener or rule forwards to"});
        if (f.fix.summary.empty())
          f.fix.summary = "forward a listener (or listener rule) of the load balancer to " + g->name;
      }
      for (const auto& sid : t.subnets) {
        const model::Subnet* s = m.subnets().Find(sid);
        if (!s) continue;
        if (!g->vpc_id.empty() && !s->vpc_id.empty() && g->vpc_id != s->vpc_id) {
          auto& f = sink.Report(kInfo, t, g->arn,
                                "target group " + g->name + " of " + t.name + " is in " + g->vpc_id +
                                    ", not in the tasks' VPC");
          f.evidence.push_back({sid, "subnet " + sid + " is in " + s->vpc_id + "; target group " +
                                         g->name + " is in " + g->vpc_id});
          f.subnets.push_back(sid);
          if (f.fix.summary.empty() && g->port && !g->protocol.empty()) {
            std::string name = g->name.size() > 28 ? g->name.substr(0, 28) : g->name;
            f.fix = report::Fix::Of("create an ip target group in " + s->vpc_id +
                                        " behind a load balancer of that VPC, and point the service at it",
                                    {fix::TargetGroup{name + "-vpc", g->protocol, *g->port, s->vpc_id}});
          }
        }
        if (g->ip_address_type == "ipv6" && s->ipv6_cidrs.empty()) {
          auto& f = sink.Report(kInfo, t, g->arn,
                                "target group " + g->name + " of " + t.name +
                                    " takes IPv6 targets, but the task subnets have no IPv6 range");
          f.evidence.push_back({sid, "IpAddressType of " + g->name + " is ipv6; subnet " + sid +
                                         " has no IPv6 CIDR, so its tasks get no IPv6 address"});
          f.subnets.push_back(sid);
          if (f.fix.summary.empty())
            f.fix.summary = "use an ipv4 target group, or dual-stack subnets for the service";
        }
      }
      CheckZones(ctx, sink, t, *g);
    }
  }
}

}  // namespace

const CheckDef kSvc002{kInfo, &Run};

}  // namespace fd::checks
