// aws_lb / aws_alb, their target groups and the listeners (and listener rules) that join them,
// as the elbv2 reader's entities: what SVC001 and SVC002 read. The provider's defaults are
// AWS's (predeploy/elb_join.h): a target group planned without target_type registers
// instances, which an awsvpc service cannot use.
#include <fmt/format.h>

#include <algorithm>

#include "predeploy/elb_join.h"
#include "predeploy/tf/to_model_context.h"

namespace fd::predeploy::tf {

namespace {

class ElbMapper {
 public:
  explicit ElbMapper(MapContext& cx) : cx_(cx) {}

  void Run() {
    for (const char* type : {"aws_lb_listener", "aws_alb_listener"})
      for (const Resource* r : cx_.OfType(type))
        join_.AddListener(cx_.IdOf(*r), Named(*r, "load_balancer_arn"), Forwarded(cx_.Attr(*r, "default_action")));
    for (const char* type : {"aws_lb_listener_rule", "aws_alb_listener_rule"})
      for (const Resource* r : cx_.OfType(type))
        join_.AddRule(Named(*r, "listener_arn"), Forwarded(cx_.Attr(*r, "action")));
    bool balancers = false, groups = false;
    for (const char* type : {"aws_lb", "aws_alb"})
      for (const Resource* r : cx_.OfType(type)) {
        LoadBalancer(*r);
        balancers = true;
      }
    for (const char* type : {"aws_lb_target_group", "aws_alb_target_group"})
      for (const Resource* r : cx_.OfType(type)) {
        TargetGroup(*r);
        groups = true;
      }
    if (balancers) cx_.builder().MarkDataset("LoadBalancers");
    if (groups) cx_.builder().MarkDataset("TargetGroups");
  }

 private:
  // The ARN an attribute names, else a placeholder saying why it is unknown.
  std::string Named(const Resource& r, std::string_view key) {
    const Value* v = cx_.Attr(r, key);
    if (auto text = cx_.Text(v); text && !text->empty()) return *text;
    return fmt::format("(unknown: {})", cx_.WhyUnknown(v));
  }

  // The target groups of forward actions: target_group_arn, or the weighted forward block's.
  std::vector<std::string> Forwarded(const Value* actions) {
    std::vector<std::string> out;
    auto add = [&](const Value* arn) {
      if (auto text = cx_.Text(arn); text && !text->empty()) out.push_back(*text);
    };
    for (const Value* action : cx_.Blocks(actions)) {
      add(action->Find("target_group_arn"));
      for (const Value* forward : cx_.Blocks(action->Find("forward")))
        for (const Value* group : cx_.Blocks(forward->Find("target_group"))) add(group->Find("arn"));
    }
    return out;
  }

  // A value the provider defaults when the configuration leaves it out; "" (with a note) when
  // only apply will know it, so the checks that compare it skip it.
  std::string Defaulted(const Resource& r, std::string_view key, std::string_view aws_default) {
    const Value* v = cx_.Attr(r, key);
    if (MapContext::IsNotConfigured(v)) return std::string(aws_default);
    std::optional<std::string> text = cx_.Text(v);
    if (!text) {
      cx_.Note(r, fmt::format("{} of {} is {}: the checks that read it skip it", key, r.id, cx_.WhyUnknown(v)));
      return "";
    }
    return text->empty() ? std::string(aws_default) : *text;
  }

  void LoadBalancer(const Resource& r) {
    model::LoadBalancer lb;
    lb.arn = cx_.ArnOf(r);
    lb.name = cx_.Text(r, "name").value_or("");
    if (lb.name.empty()) lb.name = r.id;
    lb.region = cx_.region();
    lb.type = Defaulted(r, "load_balancer_type", kDefaultLoadBalancerType);
    const std::optional<bool> internal = cx_.Bool(cx_.Attr(r, "internal"));
    lb.scheme = internal.value_or(false) ? "internal" : std::string(kDefaultScheme);
    lb.ip_address_type = Defaulted(r, "ip_address_type", kDefaultIpAddressType);
    lb.state = "active";
    // A subnet only apply will know is a placeholder no subnet has: the zones are then unknown.
    const Value* listed = cx_.Attr(r, "subnets");
    std::vector<std::string> subnets;
    if (auto ids = cx_.Texts(listed)) subnets = *ids;
    else if (!MapContext::IsNotConfigured(listed)) subnets.push_back("(unknown: " + cx_.WhyUnknown(listed) + ")");
    for (const Value* mapping : cx_.Blocks(cx_.Attr(r, "subnet_mapping"))) {
      std::optional<std::string> id = cx_.Text(mapping->Find("subnet_id"));
      subnets.push_back(id ? *id : "(unknown: " + cx_.WhyUnknown(mapping->Find("subnet_id")) + ")");
    }
    for (const std::string& s : subnets)  // the model derives VPC and zones from them
      if (std::find(lb.subnet_ids.begin(), lb.subnet_ids.end(), s) == lb.subnet_ids.end()) lb.subnet_ids.push_back(s);
    lb.source = cx_.Source(r);
    cx_.Origin(lb.arn, r);
    cx_.builder().AddLoadBalancer(std::move(lb));
  }

  void TargetGroup(const Resource& r) {
    model::TargetGroup g;
    g.arn = cx_.ArnOf(r);
    g.name = cx_.Text(r, "name").value_or("");
    if (g.name.empty()) g.name = r.id;
    g.region = cx_.region();
    g.target_type = Defaulted(r, "target_type", kDefaultTargetType);
    g.vpc_id = cx_.Text(r, "vpc_id").value_or("");
    g.protocol = cx_.Text(r, "protocol").value_or("");
    if (auto port = cx_.Int(cx_.Attr(r, "port"))) g.port = static_cast<int>(*port);
    g.ip_address_type = Defaulted(r, "ip_address_type", kDefaultIpAddressType);
    g.load_balancer_arns = join_.LoadBalancersOf(g.arn);
    g.source = cx_.Source(r);
    cx_.Origin(g.arn, r);
    cx_.builder().AddTargetGroup(std::move(g));
  }

  MapContext& cx_;
  ListenerJoin join_;
};

}  // namespace

void MapLoadBalancers(MapContext& cx) { ElbMapper(cx).Run(); }

}  // namespace fd::predeploy::tf
