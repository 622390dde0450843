#pragma once
/// The model's EFS entities: file systems, mount targets and access points.

#include <string>
#include <vector>

#include "util/source_ref.h"

namespace fd::model {

/// efs describe-file-systems. Keyed by FileSystemId.
struct EfsFileSystem {
  std::string id;
  std::string arn;
  std::string region;
  std::string life_cycle_state;
  std::string availability_zone_name;  ///< One Zone file systems only
  SourceRef source;
};

/// efs describe-mount-targets (+ describe-mount-target-security-groups). Keyed by id.
struct EfsMountTarget {
  std::string id;
  std::string file_system_id;
  std::string subnet_id;
  std::string vpc_id;
  std::string region;
  std::string availability_zone_id;
  std::string availability_zone_name;
  std::string ip_address;
  std::string ipv6_address;  ///< Ipv6Address of a dual-stack mount target
  std::string network_interface_id;
  std::string life_cycle_state;
  std::vector<std::string> security_groups;
  bool security_groups_known = false;
  SourceRef source;
};

/// efs describe-access-points. Keyed by AccessPointId.
struct EfsAccessPoint {
  std::string id;
  std::string arn;
  std::string file_system_id;
  std::string region;
  std::string life_cycle_state;
  std::string root_path;  ///< RootDirectory.Path ("" = "/")
  bool creation_info = false;  ///< RootDirectory.CreationInfo present
  SourceRef source;
};

}  // namespace fd::model
