// Least-privilege grants and the managed execution policy, as fix steps.

#include "checks/iam/iam_fixes.h"

#include <algorithm>

#include "analysis/iam/roles.h"
#include "model/model.h"

namespace fd::checks {
namespace {

std::string JsonEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

std::string LeastPrivilegeDocument(const std::map<std::string, std::vector<std::string>>& grants) {
  // Group actions that share the same resource list into one statement.
  std::map<std::vector<std::string>, std::vector<std::string>> by_resources;
  for (const auto& [action, resources] : grants) {
    std::vector<std::string> rs = resources;
    std::sort(rs.begin(), rs.end());
    rs.erase(std::unique(rs.begin(), rs.end()), rs.end());
    by_resources[rs].push_back(action);
  }
  auto list = [](const std::vector<std::string>& v) {
    if (v.size() == 1) return "\"" + JsonEscape(v[0]) + "\"";
    std::string out = "[";
    for (size_t i = 0; i < v.size(); ++i) out += (i ? "," : "") + ("\"" + JsonEscape(v[i]) + "\"");
    return out + "]";
  };
  std::string doc = "{\"Version\":\"2012-10-17\",\"Statement\":[";
  bool first = true;
  for (const auto& [resources, actions] : by_resources) {
    doc += (first ? "" : ",");
    first = false;
    doc += "{\"Effect\":\"Allow\",\"Action\":" + list(actions) + ",\"Resource\":" + list(resources) + "}";
  }
  return doc + "]}";
}

fix::Step AttachExecutionPolicy(const std::string& role_arn) {
  std::string name = analysis::RoleNameOfArn(role_arn);
  if (name.empty()) name = role_arn;
  return fix::ManagedPolicyAttachment{name, "arn:" + model::PartitionOfArn(role_arn) +
                                                ":iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"};
}

}  // namespace fd::checks
