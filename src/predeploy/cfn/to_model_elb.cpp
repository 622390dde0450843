// Application and Network Load Balancers, their target groups and the listeners that join them,
// as the elbv2 reader's entities: what SVC001 and SVC002 read. AWS's defaults apply
// (predeploy/elb_join.h): a target group written without TargetType registers instances, which
// an awsvpc service cannot use. A target group belongs to the balancers whose listeners or
// listener rules the stacks declare forwarding to it.
#include <fmt/format.h>

#include "predeploy/cfn/to_model_context.h"
#include "predeploy/elb_join.h"

namespace fd::predeploy::cfn {

namespace {

constexpr std::string_view kPrefix = "AWS::ElasticLoadBalancingV2::";

class ElbMapper {
 public:
  explicit ElbMapper(MapContext& cx) : cx_(cx) {}

  void Run() {
    for (const Item& it : cx_.OfType(Type("Listener")))
      join_.AddListener(cx_.IdOf(it), Named(it, "LoadBalancerArn"), Forwarded(cx_.Prop(it, "DefaultActions")));
    for (const Item& it : cx_.OfType(Type("ListenerRule")))
      join_.AddRule(Named(it, "ListenerArn"), Forwarded(cx_.Prop(it, "Actions")));
    for (const Item& it : cx_.OfType(Type("LoadBalancer"))) LoadBalancer(it);
    for (const Item& it : cx_.OfType(Type("TargetGroup"))) TargetGroup(it);
    if (!cx_.OfType(Type("LoadBalancer")).empty()) cx_.builder().MarkDataset("LoadBalancers");
    if (!cx_.OfType(Type("TargetGroup")).empty()) cx_.builder().MarkDataset("TargetGroups");
  }

 private:
  static std::string Type(std::string_view kind) { return std::string(kPrefix) + std::string(kind); }

  // The ARN a property names, else a placeholder saying why it is unknown.
  std::string Named(const Item& it, std::string_view key) {
    const Value* v = cx_.Prop(it, key);
    if (auto text = cx_.Text(v); text && !text->empty()) return *text;
    return fmt::format("(unknown: {})", cx_.WhyUnknown(v));
  }

  // The target groups of forward actions: TargetGroupArn, or ForwardConfig's weighted list. A
  // group only deployment will name is no declared group: nothing to join.
  std::vector<std::string> Forwarded(const Value* actions) {
    std::vector<std::string> out;
    auto add = [&](const Value* arn) {
      if (auto text = cx_.Text(arn); text && !text->empty()) out.push_back(*text);
    };
    for (const Value* action : cx_.Maps(actions)) {
      add(action->Find("TargetGroupArn"));
      if (const Value* forward = action->Find("ForwardConfig"))
        for (const Value* group : cx_.Maps(forward->Find("TargetGroups"))) add(group->Find("TargetGroupArn"));
    }
    return out;
  }

  // A value AWS defaults when it is absent; "" (with a note) when it is unknown, so the checks
  // that compare it skip it rather than judge a guess.
  std::string Defaulted(const Item& it, std::string_view key, std::string_view aws_default) {
    std::optional<std::string> text = cx_.Text(it, key);
    if (!text) {
      cx_.Note(it, fmt::format("{} of {} is {}: the checks that read it skip it", key, it.id(),
                               cx_.WhyUnknown(cx_.Prop(it, key))));
      return "";
    }
    return text->empty() ? std::string(aws_default) : *text;
  }

  void LoadBalancer(const Item& it) {
    model::LoadBalancer lb;
    lb.arn = cx_.IdOf(it);
    lb.name = cx_.Text(it, "Name").value_or("");
    if (lb.name.empty()) lb.name = lb.arn;
    lb.region = cx_.Region(it);
    lb.type = Defaulted(it, "Type", kDefaultLoadBalancerType);
    lb.scheme = Defaulted(it, "Scheme", kDefaultScheme);
    lb.ip_address_type = Defaulted(it, "IpAddressType", kDefaultIpAddressType);
    lb.state = "active";
    lb.subnet_ids = cx_.Ids(it, cx_.Prop(it, "Subnets"), "Subnets");  // the model derives VPC and zones
    for (const Value* mapping : cx_.Maps(cx_.Prop(it, "SubnetMappings")))
      if (auto id = cx_.Text(mapping->Find("SubnetId")); id && !id->empty()) lb.subnet_ids.push_back(*id);
    lb.source = cx_.Source(it);
    cx_.Origin(lb.arn, it);
    cx_.builder().AddLoadBalancer(std::move(lb));
  }

  void TargetGroup(const Item& it) {
    model::TargetGroup g;
    g.arn = cx_.IdOf(it);
    g.name = cx_.Text(it, "Name").value_or("");
    if (g.name.empty()) g.name = g.arn;
    g.region = cx_.Region(it);
    g.target_type = Defaulted(it, "TargetType", kDefaultTargetType);
    g.vpc_id = cx_.Text(it, "VpcId").value_or("");
    g.protocol = cx_.Text(it, "Protocol").value_or("");
    if (auto port = cx_.Int(cx_.Prop(it, "Port"))) g.port = static_cast<int>(*port);
    g.ip_address_type = Defaulted(it, "IpAddressType", kDefaultIpAddressType);
    g.load_balancer_arns = join_.LoadBalancersOf(g.arn);
    g.source = cx_.Source(it);
    cx_.Origin(g.arn, it);
    cx_.builder().AddTargetGroup(std::move(g));
  }

  MapContext& cx_;
  ListenerJoin join_;
};

}  // namespace

void MapLoadBalancers(MapContext& cx) { ElbMapper(cx).Run(); }

}  // namespace fd::predeploy::cfn
