// Readers for `aws elbv2 describe-target-groups` and `describe-load-balancers`: what a service's
// loadBalancers[] point at (target type, VPC, protocol, IP address type, the balancer's zones).

#include <string>
#include <utility>

#include "ingest/readers.h"

namespace fd::ingest {

void ReadTargetGroups(const Node& list) {
  const FileContext& ctx = list.ctx();
  list.Items([&](const Node& item) {
    if (!item.value().IsObject()) return item.Note("TargetGroups item is not an object, skipped");
    model::TargetGroup g;
    g.arn = item.Str("TargetGroupArn");
    g.name = item.Str("TargetGroupName");
    g.region = ctx.Region(g.arn);
    g.target_type = item.Str("TargetType");
    g.vpc_id = item.Str("VpcId");
    g.protocol = item.Str("Protocol");
    g.port = item.Int("Port");
    g.ip_address_type = item.Str("IpAddressType");
    g.load_balancer_arns = item.Strings("LoadBalancerArns");
    if (g.arn.empty()) return item.Note("target group without TargetGroupArn, skipped");
    g.source = item.Source();
    list.builder().AddTargetGroup(std::move(g));
  });
}

void ReadLoadBalancers(const Node& list) {
  const FileContext& ctx = list.ctx();
  list.Items([&](const Node& item) {
    if (!item.value().IsObject()) return item.Note("LoadBalancers item is not an object, skipped");
    model::LoadBalancer l;
    l.arn = item.Str("LoadBalancerArn");
    l.name = item.Str("LoadBalancerName");
    l.region = ctx.Region(l.arn);
    l.type = item.Str("Type");
    l.scheme = item.Str("Scheme");
    l.vpc_id = item.Str("VpcId");
    if (auto state = item.Object("State")) l.state = state->Str("Code");
    l.ip_address_type = item.Str("IpAddressType");
    item.Each("AvailabilityZones", [&](const Node& z) {
      if (!z.value().IsObject()) return;
      l.zone_names.push_back(z.Str("ZoneName"));
      l.subnet_ids.push_back(z.Str("SubnetId"));
    });
    // describe-load-balancers of a Classic Load Balancer has LoadBalancerDescriptions instead.
    if (l.arn.empty()) return item.Note("load balancer without LoadBalancerArn, skipped");
    l.source = item.Source();
    list.builder().AddLoadBalancer(std::move(l));
  });
}

}  // namespace fd::ingest
