#include "predeploy/aws_managed_policies.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <string_view>
#include <unordered_map>

namespace fd::predeploy {
namespace {

struct Bundled {
  model::IamManagedPolicy policy;  // with the ARN of partition aws
  std::string file;
};

// By path and name ("/service-role/AmazonECSTaskExecutionRolePolicy"), parsed once. The files
// are ours and tested (AwsManagedPoliciesTest): one that does not parse is a build defect, and
// is skipped rather than trusted.
const std::unordered_map<std::string, Bundled>& Index() {
  static const auto* const kIndex = [] {
    auto* index = new std::unordered_map<std::string, Bundled>();
    for (const EmbeddedFile& f : BundledPolicyFiles()) {
      const nlohmann::json doc = nlohmann::json::parse(f.content, nullptr, false);
      if (!doc.is_object() || !doc.contains("Policy") || !doc.contains("PolicyVersion")) continue;
      const nlohmann::json& meta = doc["Policy"];
      const nlohmann::json& version = doc["PolicyVersion"];
      Bundled b;
      b.policy.arn = meta.value("Arn", "");
      b.policy.name = meta.value("PolicyName", "");
      b.policy.path = meta.value("Path", "/");
      b.policy.policy_id = meta.value("PolicyId", "");
      b.policy.default_version_id = meta.value("DefaultVersionId", "");
      b.policy.create_date = meta.value("CreateDate", "");
      b.policy.update_date = meta.value("UpdateDate", "");
      b.policy.aws_managed = true;
      if (version.contains("Document")) b.policy.document = version["Document"].dump();
      b.file = f.name;
      index->emplace(b.policy.path + b.policy.name, std::move(b));
    }
    return index;
  }();
  return *kIndex;
}

// "arn:aws-cn:iam::aws:policy/service-role/X" -> {"aws-cn", "/service-role/X"}; nullopt for an
// ARN that is not of an AWS managed policy.
std::optional<std::pair<std::string, std::string>> SplitAwsManaged(std::string_view arn) {
  constexpr std::string_view kArn = "arn:";
  constexpr std::string_view kRest = ":iam::aws:policy/";
  if (!arn.starts_with(kArn)) return std::nullopt;
  const std::size_t rest = arn.find(kRest, kArn.size());
  if (rest == std::string_view::npos) return std::nullopt;
  return std::pair{std::string(arn.substr(kArn.size(), rest - kArn.size())),
                   std::string(arn.substr(rest + kRest.size() - 1))};
}

}  // namespace

std::vector<std::string> AddBundledPolicies(const std::vector<std::string>& arns, model::ModelBuilder& builder) {
  std::vector<std::string> missing;
  for (const std::string& arn : arns) {
    const auto split = SplitAwsManaged(arn);
    if (!split) continue;  // a customer managed policy: the templates declare it, or nothing does
    const auto found = Index().find(split->second);
    if (found == Index().end()) {
      missing.push_back(arn);
      continue;
    }
    model::IamManagedPolicy p = found->second.policy;
    p.arn = arn;  // its own partition
    p.source = SourceRef{"(bundled) data/aws-managed-policies/" + found->second.file, "/PolicyVersion/Document"};
    builder.AddIamPolicy(std::move(p));
  }
  return missing;
}

void AddRolesAndBundledPolicies(std::map<std::string, model::IamRole>& roles, model::ModelBuilder& builder) {
  std::vector<std::string> attached;
  for (auto& [arn, role] : roles) {
    auto& arns = role.attached_policy_arns;
    std::sort(arns.begin(), arns.end());
    arns.erase(std::unique(arns.begin(), arns.end()), arns.end());
    attached.insert(attached.end(), arns.begin(), arns.end());
    if (!role.permissions_boundary_arn.empty()) attached.push_back(role.permissions_boundary_arn);
    builder.AddIamRole(std::move(role));
  }
  AddBundledPolicies(attached, builder);
}

}  // namespace fd::predeploy
