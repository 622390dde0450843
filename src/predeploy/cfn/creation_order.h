// The order CloudFormation creates a stack's resources in: a resource waits for those its
// DependsOn names and those its properties reference (Ref, GetAtt, Sub), transitively; any two
// resources with no such path between them are created side by side. What the mapper needs of
// it: whether an ECS service waits for a listener that forwards to its target group, since ECS
// refuses a target group no load balancer forwards to yet.
#pragma once

#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "predeploy/cfn/stacks.h"

namespace fd::predeploy::cfn {

class CreationOrder {
 public:
  explicit CreationOrder(const Stack& stack);
  // Whether `resource` is created after `earlier` (both logical IDs of the stack).
  bool After(const std::string& resource, const std::string& earlier) const;

 private:
  std::unordered_map<std::string, std::vector<std::string>> waits_for_;  // logical ID → IDs
};

// The logical IDs of `stack` that `v` references.
void ReferencesOf(const Value& v, const std::string& stack, std::set<std::string>& out);

}  // namespace fd::predeploy::cfn
