#pragma once
/// The model's Elastic Load Balancing v2 entities: target groups and load balancers.

#include <optional>
#include <string>
#include <vector>

#include "util/source_ref.h"

namespace fd::model {

/// elbv2 describe-target-groups. Keyed by ARN.
struct TargetGroup {
  std::string arn;
  std::string name;
  std::string region;
  std::string target_type;  ///< instance | ip | lambda | alb
  std::string vpc_id;
  std::string protocol;
  std::optional<int> port;
  std::string ip_address_type;  ///< ipv4 | ipv6
  std::vector<std::string> load_balancer_arns;
  SourceRef source;
};

/// elbv2 describe-load-balancers. Keyed by ARN.
struct LoadBalancer {
  std::string arn;
  std::string name;
  std::string region;
  std::string type;  ///< application | network | gateway
  std::string scheme;
  std::string vpc_id;
  std::string state;  ///< State.Code
  std::string ip_address_type;  ///< ipv4 | dualstack | dualstack-without-public-ipv4
  std::vector<std::string> zone_names;  ///< AvailabilityZones[].ZoneName
  std::vector<std::string> subnet_ids;  ///< AvailabilityZones[].SubnetId
  SourceRef source;
};

}  // namespace fd::model
