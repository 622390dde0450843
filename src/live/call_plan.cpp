#include "live/call_plan.h"

#include <algorithm>
#include <map>
#include <utility>

#include "model/image_ref.h"
#include "util/strings.h"

namespace fd::live {
namespace {

using ingest::AnswerRefs;
using util::Join;

/// An ECR repository the task definitions pull from, with the images they name.
struct Repo {
  std::string account, region, name;
  std::set<std::string> image_ids;
};

/// What the task definitions reference, grouped as the calls of stage 3 take it.
struct TaskDefinitionRefs {
  std::set<std::string> roles = {"AWSServiceRoleForECS"};
  std::map<std::string, std::set<std::string>> log_groups;  // region → groups
  std::map<std::string, std::set<std::string>> parameters;  // region → names
  std::set<std::string> secrets, file_systems;
  std::map<std::string, Repo> repos;  // "account region name" → repository
};

/// A secret's valueFrom: a Secrets Manager ARN (with an optional JSON key, stage and version),
/// an SSM parameter ARN, or a bare parameter name in the task's Region.
void AddSecretRef(TaskDefinitionRefs& out, const std::string& ref, const std::string& region) {
  if (ref.empty()) return;
  if (ArnField(ref, 2) == "secretsmanager") {
    // arn:aws:secretsmanager:region:account:secret:name[:json-key:stage:version]
    size_t pos = 0;
    for (int i = 0; i < 7 && pos != std::string::npos; ++i) pos = ref.find(':', pos + 1);
    out.secrets.insert(pos == std::string::npos ? ref : ref.substr(0, pos));
  } else if (ArnField(ref, 2) == "ssm") {
    std::string resource = ref.substr(ref.find(":parameter") + std::string_view(":parameter").size());
    // parameter/prod/db names "/prod/db"; parameter/db names "db".
    std::string name = resource.size() > 1 ? resource.substr(1) : resource;
    if (name.find('/') != std::string::npos) name = "/" + name;
    out.parameters[ArnField(ref, 3)].insert(name);
  } else {
    out.parameters[region].insert(ref);
  }
}

TaskDefinitionRefs GatherTaskDefinitionRefs(const std::vector<AnswerRefs>& tds,
                                            const std::string& region) {
  TaskDefinitionRefs out;
  for (const AnswerRefs& td : tds) {
    for (const auto& arn : td.role_arns) out.roles.insert(LastPart(arn));
    for (const auto& text : td.images) {
      model::ImageRef image = model::ParseImageRef(text);
      if (image.kind != model::RegistryKind::kEcrPrivate) continue;
      Repo& r = out.repos[image.account + " " + image.region + " " + image.repository];
      r.account = image.account;
      r.region = image.region;
      r.name = image.repository;
      r.image_ids.insert(image.digest.empty() ? "imageTag=" + image.tag
                                              : "imageDigest=" + image.digest);
    }
    for (const auto& lg : td.log_groups)
      out.log_groups[lg.region.empty() ? region : lg.region].insert(lg.group);
    for (const auto& ref : td.secret_refs) AddSecretRef(out, ref, region);
    for (const auto& id : td.file_systems) out.file_systems.insert(id);
  }
  return out;
}

/// The ECR calls: each repository, its images and manifests and policy; then pull-through
/// cache rules and the registry policy once per registry and Region the images use
/// (get-registry-policy answers only for the caller's own registry).
void AddEcrCalls(const std::map<std::string, Repo>& repos, std::vector<AwsCall>& calls) {
  for (const auto& [key, r] : repos) {
    calls.push_back({{"ecr", "describe-repositories", "--registry-id", r.account,
                      "--repository-names", r.name},
                     r.region});
    calls.push_back(ListCall({"ecr", "describe-images", "--registry-id", r.account,
                              "--repository-name", r.name, "--image-ids"},
                             r.image_ids, r.region));
    AwsCall manifests = ListCall({"ecr", "batch-get-image", "--registry-id", r.account,
                                  "--repository-name", r.name, "--image-ids"},
                                 r.image_ids, r.region);
    manifests.args.insert(manifests.args.end(),
                          {"--accepted-media-types",
                           "application/vnd.docker.distribution.manifest.v2+json",
                           "application/vnd.docker.distribution.manifest.list.v2+json",
                           "application/vnd.oci.image.manifest.v1+json",
                           "application/vnd.oci.image.index.v1+json"});
    calls.push_back(std::move(manifests));
    calls.push_back({{"ecr", "get-repository-policy", "--registry-id", r.account,
                      "--repository-name", r.name},
                     r.region});
  }
  std::set<std::pair<std::string, std::string>> registries;
  std::set<std::string> registry_regions;
  for (const auto& [key, r] : repos) {
    registries.insert({r.account, r.region});
    registry_regions.insert(r.region);
  }
  for (const auto& [account, reg_region] : registries)
    calls.push_back({{"ecr", "describe-pull-through-cache-rules", "--registry-id", account}, reg_region});
  for (const auto& reg_region : registry_regions)
    calls.push_back({{"ecr", "get-registry-policy"}, reg_region});
}

void AddCalls(const TaskDefinitionRefs& refs, const std::string& region,
              std::vector<AwsCall>& calls) {
  for (const auto& role : refs.roles) calls.push_back({{"iam", "get-role", "--role-name", role}, region});
  AddEcrCalls(refs.repos, calls);
  for (const auto& [group_region, groups] : refs.log_groups)
    for (const auto& g : groups)
      calls.push_back({{"logs", "describe-log-groups", "--log-group-name-prefix", g}, group_region});
  for (const auto& arn : refs.secrets) {
    calls.push_back({{"secretsmanager", "describe-secret", "--secret-id", arn}, ArnField(arn, 3)});
    calls.push_back({{"secretsmanager", "get-resource-policy", "--secret-id", arn}, ArnField(arn, 3)});
  }
  for (const auto& [param_region, names] : refs.parameters) {
    calls.push_back({{"ssm", "describe-parameters", "--parameter-filters",
                      "Key=Name,Option=Equals,Values=" + Join(names, ",")},
                     param_region});
  }
  for (const auto& id : refs.file_systems) {
    calls.push_back({{"efs", "describe-file-systems", "--file-system-id", id}, region});
    calls.push_back({{"efs", "describe-mount-targets", "--file-system-id", id}, region});
  }
}

}  // namespace

/// The n-th ':'-separated field of an ARN ("" when it has fewer).
std::string ArnField(const std::string& arn, int n) {
  if (arn.rfind("arn:", 0) != 0) return "";
  size_t pos = 0;
  for (int i = 0; i < n; ++i) {
    pos = arn.find(':', pos);
    if (pos == std::string::npos) return "";
    ++pos;
  }
  size_t end = arn.find(':', pos);
  return arn.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
}


/// One call whose last flag takes every item of `items`.
AwsCall ListCall(std::vector<std::string> args, const std::set<std::string>& items,
                 const std::string& region) {
  AwsCall c{std::move(args), region};
  c.args.insert(c.args.end(), items.begin(), items.end());
  return c;
}

void AddBatched(std::vector<AwsCall>& calls, const std::vector<std::string>& args,
                const std::vector<std::string>& items, size_t batch, const std::string& region) {
  for (size_t i = 0; i < items.size(); i += batch) {
    AwsCall c{args, region};
    const size_t end = std::min(items.size(), i + batch);
    c.args.insert(c.args.end(), items.begin() + static_cast<std::ptrdiff_t>(i),
                  items.begin() + static_cast<std::ptrdiff_t>(end));
    calls.push_back(std::move(c));
  }
}

void AddBatched(std::vector<AwsCall>& calls, const std::vector<std::string>& args,
                const std::set<std::string>& items, size_t batch, const std::string& region) {
  AddBatched(calls, args, std::vector<std::string>(items.begin(), items.end()), batch, region);
}

void AddClusterListCalls(const std::string& cluster, const std::string& region,
                         std::vector<AwsCall>& calls) {
  calls.push_back({{"ecs", "list-services", "--cluster", cluster}, region});
  calls.push_back({{"ecs", "list-tasks", "--cluster", cluster, "--desired-status", "RUNNING"}, region});
  calls.push_back({{"ecs", "list-tasks", "--cluster", cluster, "--desired-status", "STOPPED"}, region});
}

void AddTaskDefinitionCalls(const std::vector<AnswerRefs>& tds, const std::string& region,
                            std::vector<AwsCall>& calls) {
  AddCalls(GatherTaskDefinitionRefs(tds, region), region, calls);
}

/// The calls of stage 3 for the VPCs: attributes, route tables, ACLs, endpoints, gateways.
void AddVpcCalls(const std::set<std::string>& vpcs, const std::string& region,
                 std::vector<AwsCall>& calls) {
  if (vpcs.empty()) return;
  const std::string vpc_list = Join(vpcs, ",");
  calls.push_back(ListCall({"ec2", "describe-vpcs", "--vpc-ids"}, vpcs, region));
  for (const auto& vpc : vpcs) {
    for (const char* attribute : {"enableDnsSupport", "enableDnsHostnames"})
      calls.push_back({{"ec2", "describe-vpc-attribute", "--vpc-id", vpc, "--attribute", attribute},
                       region});
  }
  const std::string filter = "Name=vpc-id,Values=" + vpc_list;
  calls.push_back({{"ec2", "describe-route-tables", "--filters", filter}, region});
  calls.push_back({{"ec2", "describe-network-acls", "--filters", filter}, region});
  calls.push_back({{"ec2", "describe-vpc-endpoints", "--filters", filter}, region});
  calls.push_back({{"ec2", "describe-nat-gateways", "--filter", filter}, region});
  calls.push_back({{"ec2", "describe-internet-gateways", "--filters",
                    "Name=attachment.vpc-id,Values=" + vpc_list},
                   region});
  // No VPC filter exists for egress-only gateways; a Region holds few of them.
  calls.push_back({{"ec2", "describe-egress-only-internet-gateways"}, region});
}

}  // namespace fd::live
