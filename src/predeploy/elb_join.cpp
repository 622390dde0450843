#include "predeploy/elb_join.h"

namespace fd::predeploy {

std::string LoadBalancerOfListener(std::string_view arn) {
  constexpr std::string_view kListener = ":listener/";
  const std::size_t at = arn.find(kListener);
  const std::size_t last = arn.rfind('/');
  if (arn.substr(0, 4) != "arn:" || at == std::string_view::npos || last <= at + kListener.size())
    return "";
  return std::string(arn.substr(0, at)) + ":loadbalancer/" +
         std::string(arn.substr(at + kListener.size(), last - at - kListener.size()));
}

void ListenerJoin::AddListener(const std::string& listener, const std::string& load_balancer,
                               const std::vector<std::string>& target_groups) {
  listener_lb_[listener] = load_balancer;
  for (const std::string& tg : target_groups) tg_lbs_[tg].insert(load_balancer);
}

void ListenerJoin::AddRule(const std::string& listener, const std::vector<std::string>& target_groups) {
  for (const std::string& tg : target_groups) tg_listeners_[tg].insert(listener);
}

std::vector<std::string> ListenerJoin::LoadBalancersOf(const std::string& target_group) const {
  std::set<std::string> out;
  if (auto it = tg_lbs_.find(target_group); it != tg_lbs_.end()) out = it->second;
  if (auto it = tg_listeners_.find(target_group); it != tg_listeners_.end())
    for (const std::string& listener : it->second) {
      if (auto lb = listener_lb_.find(listener); lb != listener_lb_.end()) out.insert(lb->second);
      else if (std::string named = LoadBalancerOfListener(listener); !named.empty()) out.insert(named);
      else out.insert("(load balancer of listener " + listener + ")");
    }
  return {out.begin(), out.end()};
}

}  // namespace fd::predeploy
