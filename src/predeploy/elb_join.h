// Load balancers before deployment, whichever tool declares them (predeploy/cfn, predeploy/tf):
// a target group belongs to the load balancers whose listeners, or listener rules, forward to
// it, which is what elbv2 describe-target-groups answers as LoadBalancerArns and what ECS needs
// before it can register a task. The mappers read their own property names into these calls;
// the join and AWS's defaults are written once, here.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace fd::predeploy {

// What AWS chooses when a definition leaves it out (CloudFormation and the Terraform provider
// agree): a target group registers instances, so an awsvpc service cannot use it; a load
// balancer is an internet-facing Application Load Balancer; both are IPv4.
inline constexpr std::string_view kDefaultTargetType = "instance";
inline constexpr std::string_view kDefaultLoadBalancerType = "application";
inline constexpr std::string_view kDefaultScheme = "internet-facing";
inline constexpr std::string_view kDefaultIpAddressType = "ipv4";

// The load balancer a listener ARN names: `arn:…:listener/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2`
// belongs to `arn:…:loadbalancer/app/web/50dc6c495c0c9188`. "" for anything else.
std::string LoadBalancerOfListener(std::string_view listener_arn);

class ListenerJoin {
 public:
  // A listener of `load_balancer` forwarding (default actions) to `target_groups`.
  void AddListener(const std::string& listener, const std::string& load_balancer,
                   const std::vector<std::string>& target_groups);
  // A rule of `listener` forwarding to `target_groups`; the listener may be declared later, or
  // not at all (an existing one named by its ARN).
  void AddRule(const std::string& listener, const std::vector<std::string>& target_groups);
  // The load balancers forwarding to `target_group`, sorted. A rule of a listener neither
  // declared nor named by an ARN gives `(load balancer of listener <listener>)`: a balancer
  // exists, which one is unknown, so what needs it is unchecked, never "not attached".
  std::vector<std::string> LoadBalancersOf(const std::string& target_group) const;

 private:
  std::map<std::string, std::string> listener_lb_;
  std::map<std::string, std::set<std::string>> tg_lbs_;
  std::map<std::string, std::set<std::string>> tg_listeners_;  // through rules
};

}  // namespace fd::predeploy
