#include "ingest/references.h"

#include <algorithm>
#include <iterator>
#include <map>

#include "ingest/json_doc.h"
#include "ingest/json_node.h"
#include "model/recording.h"

namespace fd::ingest {
namespace {

void Append(std::vector<std::string>& to, std::vector<std::string> from) {
  to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

/// The string `field` of each item of the array `key`, "" for items without one.
void EachStr(const Node& owner, std::string_view key, std::string_view field,
             std::vector<std::string>& out) {
  owner.Each(key, [&](const Node& item) { out.push_back(item.Str(field)); });
}

void AddUnique(std::vector<std::string>& v, const std::string& s) {
  if (!s.empty() && std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
}

// networkConfiguration.awsvpcConfiguration of a service or deployment.
void Network(const Node& holder, AnswerRefs& r) {
  auto net = holder.Object("networkConfiguration");
  auto vpc = net ? net->Object("awsvpcConfiguration") : std::nullopt;
  if (!vpc) return;
  Append(r.subnets, vpc->Strings("subnets"));
  Append(r.security_groups, vpc->Strings("securityGroups"));
}

void Clusters(const Node& root, AnswerRefs& r) {
  root.Each("clusters", [&](const Node& c) {
    ++r.clusters;
    r.arns.push_back(c.Str("clusterArn"));
  });
}

void Failures(const Node& root, AnswerRefs& r) {
  root.Each("failures", [&](const Node& f) { r.failures.push_back({f.Str("arn"), f.Str("reason")}); });
}

void Services(const Node& root, AnswerRefs& r) {
  Failures(root, r);
  root.Each("services", [&](const Node& s) {
    r.arns.push_back(s.Str("serviceArn"));
    AddUnique(r.task_definitions, s.Str("taskDefinition"));
    s.Each("deployments", [&](const Node& d) {
      AddUnique(r.task_definitions, d.Str("taskDefinition"));
      Network(d, r);
    });
    Network(s, r);
    r.service_names.push_back(s.Str("serviceName"));
  });
}

void Tasks(const Node& root, AnswerRefs& r) {
  Failures(root, r);
  root.Each("tasks", [&](const Node& task) {
    r.arns.push_back(task.Str("taskArn"));
    AddUnique(r.task_definitions, task.Str("taskDefinitionArn"));
    task.Each("attachments", [&](const Node& att) {
      att.Each("details", [&](const Node& d) {
        const std::string name = d.Str("name");
        if (name == "subnetId") r.subnets.push_back(d.Str("value"));
        if (name == "networkInterfaceId") r.network_interfaces.push_back(d.Str("value"));
      });
    });
  });
}

void SecretRefs(const Node& owner, std::string_view key, AnswerRefs& r) {
  owner.Each(key, [&](const Node& s) { r.secret_refs.push_back(s.Str("valueFrom")); });
}

void Container(const Node& c, AnswerRefs& r) {
  r.images.push_back(c.Str("image"));
  auto log = c.Object("logConfiguration");
  if (log && log->Str("logDriver") == "awslogs") {
    if (auto opts = log->Object("options")) {
      if (std::string group = opts->Str("awslogs-group"); !group.empty())
        r.log_groups.push_back({std::move(group), opts->Str("awslogs-region")});
    }
  }
  SecretRefs(c, "secrets", r);
  if (log) SecretRefs(*log, "secretOptions", r);
  if (auto creds = c.Object("repositoryCredentials"))
    r.secret_refs.push_back(creds->Str("credentialsParameter"));
}

void TaskDefinition(const Node& root, AnswerRefs& r) {
  auto td = root.Object("taskDefinition");
  if (!td) return;
  for (const char* key : {"executionRoleArn", "taskRoleArn"})
    if (std::string arn = td->Str(key); !arn.empty()) r.role_arns.push_back(std::move(arn));
  td->Each("containerDefinitions", [&](const Node& c) { Container(c, r); });
  td->Each("volumes", [&](const Node& v) {
    if (auto efs = v.Object("efsVolumeConfiguration"))
      if (std::string id = efs->Str("fileSystemId"); !id.empty()) r.file_systems.push_back(std::move(id));
  });
}

void Subnets(const Node& root, AnswerRefs& r) { EachStr(root, "Subnets", "VpcId", r.vpcs); }

void NetworkInterfaces(const Node& root, AnswerRefs& r) {
  root.Each("NetworkInterfaces", [&](const Node& eni) {
    r.vpcs.push_back(eni.Str("VpcId"));
    EachStr(eni, "Groups", "GroupId", r.security_groups);
  });
}

void ListTasks(const Node& root, AnswerRefs& r) { Append(r.task_arns, root.Strings("taskArns")); }

void ListClusters(const Node& root, AnswerRefs& r) { Append(r.listed_arns, root.Strings("clusterArns")); }
void ListServices(const Node& root, AnswerRefs& r) { Append(r.listed_arns, root.Strings("serviceArns")); }

void Regions(const Node& root, AnswerRefs& r) {
  root.Each("Regions", [&](const Node& region) {
    // Without --all-regions the answer holds the enabled Regions only; a listed Region that
    // says it is not opted in is left out all the same.
    if (region.Str("OptInStatus") != "not-opted-in") r.regions.push_back(region.Str("RegionName"));
  });
}

void Accounts(const Node& root, AnswerRefs& r) {
  root.Each("Accounts", [&](const Node& a) {
    const std::string status = a.Str("Status").empty() ? a.Str("State") : a.Str("Status");
    if (status.empty() || status == "ACTIVE") r.accounts.push_back(a.Str("Id"));
  });
}

void CallerIdentity(const Node& root, AnswerRefs& r) { r.accounts.push_back(root.Str("Account")); }

void Vpcs(const Node& root, AnswerRefs& r) { EachStr(root, "Vpcs", "DhcpOptionsId", r.dhcp_options); }

void RouteTables(const Node& root, AnswerRefs& r) {
  root.Each("RouteTables", [&](const Node& rt) {
    EachStr(rt, "Routes", "DestinationPrefixListId", r.prefix_lists);
  });
}

void VpcEndpoints(const Node& root, AnswerRefs& r) {
  root.Each("VpcEndpoints", [&](const Node& e) {
    EachStr(e, "Groups", "GroupId", r.security_groups);
    Append(r.subnets, e.Strings("SubnetIds"));
  });
}

void NatGateways(const Node& root, AnswerRefs& r) {
  EachStr(root, "NatGateways", "SubnetId", r.subnets);
}

void GetRole(const Node& root, AnswerRefs& r) {
  if (auto role = root.Get("Role")) r.role_names.push_back(role->Str("RoleName"));
}

void DescribeSecret(const Node& root, AnswerRefs& r) { r.kms_key_refs.push_back(root.Str("KmsKeyId")); }

void LogGroups(const Node& root, AnswerRefs& r) {
  EachStr(root, "logGroups", "kmsKeyId", r.kms_key_refs);
}

void Parameters(const Node& root, AnswerRefs& r) { EachStr(root, "Parameters", "KeyId", r.kms_key_refs); }

void MountTargets(const Node& root, AnswerRefs& r) {
  EachStr(root, "MountTargets", "MountTargetId", r.mount_targets);
}

void AttachedPolicies(const Node& root, AnswerRefs& r) {
  EachStr(root, "AttachedPolicies", "PolicyArn", r.policy_arns);
}

void RolePolicyNames(const Node& root, AnswerRefs& r) {
  Append(r.policy_names, root.Strings("PolicyNames"));
}

void DescribeKey(const Node& root, AnswerRefs& r) {
  auto meta = root.Get("KeyMetadata");
  if (meta && meta->Str("KeyManager") == "CUSTOMER") r.customer_key_arns.push_back(meta->Str("Arn"));
}

void MountTargetSecurityGroups(const Node& root, AnswerRefs& r) {
  Append(r.security_groups, root.Strings("SecurityGroups"));
}

void GetPolicy(const Node& root, AnswerRefs& r) {
  auto policy = root.Get("Policy");
  if (!policy) return;
  if (std::string version = policy->Str("DefaultVersionId"); !version.empty())
    r.policy_versions.push_back({policy->Str("Arn"), std::move(version)});
}

void SecurityGroups(const Node& root, AnswerRefs& r) {
  root.Each("SecurityGroups", [&](const Node& g) {
    for (const char* direction : {"IpPermissions", "IpPermissionsEgress"}) {
      g.Each(direction, [&](const Node& perm) {
        EachStr(perm, "PrefixListIds", "PrefixListId", r.prefix_lists);
      });
    }
  });
}

using Reader = void (*)(const Node&, AnswerRefs&);

const std::map<std::pair<std::string_view, std::string_view>, Reader>& Readers() {
  static const std::map<std::pair<std::string_view, std::string_view>, Reader> kReaders = {
      {{"ecs", "describe-clusters"}, Clusters},
      {{"ecs", "describe-services"}, Services},
      {{"ecs", "describe-tasks"}, Tasks},
      {{"ecs", "describe-task-definition"}, TaskDefinition},
      {{"ecs", "list-tasks"}, ListTasks},
      {{"ecs", "list-clusters"}, ListClusters},
      {{"ecs", "list-services"}, ListServices},
      {{"ec2", "describe-regions"}, Regions},
      {{"organizations", "list-accounts"}, Accounts},
      {{"sts", "get-caller-identity"}, CallerIdentity},
      {{"ec2", "describe-subnets"}, Subnets},
      {{"ec2", "describe-network-interfaces"}, NetworkInterfaces},
      {{"ec2", "describe-vpcs"}, Vpcs},
      {{"ec2", "describe-route-tables"}, RouteTables},
      {{"ec2", "describe-vpc-endpoints"}, VpcEndpoints},
      {{"ec2", "describe-nat-gateways"}, NatGateways},
      {{"ec2", "describe-security-groups"}, SecurityGroups},
      {{"iam", "get-role"}, GetRole},
      {{"iam", "list-attached-role-policies"}, AttachedPolicies},
      {{"iam", "list-role-policies"}, RolePolicyNames},
      {{"iam", "get-policy"}, GetPolicy},
      {{"secretsmanager", "describe-secret"}, DescribeSecret},
      {{"logs", "describe-log-groups"}, LogGroups},
      {{"ssm", "describe-parameters"}, Parameters},
      {{"kms", "describe-key"}, DescribeKey},
      {{"efs", "describe-mount-targets"}, MountTargets},
      {{"efs", "describe-mount-target-security-groups"}, MountTargetSecurityGroups},
  };
  return kReaders;
}

/// Calls `read` with the root of `answer` when it is a JSON object. Notes about malformed
/// members are the snapshot ingest's to make: these are dropped.
template <typename Read>
void ReadAnswer(std::string_view answer, Read&& read) {
  auto doc = JsonDoc::Parse(answer, "answer");
  if (!doc || !doc->root().IsObject()) return;
  model::ModelRecording dropped_notes;
  FileContext ctx;
  ctx.builder = &dropped_notes;
  read(Node(doc->root(), ctx));
}

}  // namespace

AnswerRefs ReferencesOf(std::string_view service, std::string_view operation,
                        std::string_view answer) {
  AnswerRefs refs;
  auto reader = Readers().find({service, operation});
  if (reader != Readers().end()) ReadAnswer(answer, [&](const Node& root) { reader->second(root, refs); });
  return refs;
}

std::optional<AssumedCredentials> CredentialsOf(std::string_view answer) {
  std::optional<AssumedCredentials> out;
  ReadAnswer(answer, [&](const Node& root) {
    if (auto c = root.Object("Credentials"))
      out = AssumedCredentials{c->Str("AccessKeyId"), c->Str("SecretAccessKey"), c->Str("SessionToken")};
  });
  if (!out || out->access_key_id.empty() || out->secret_access_key.empty() || out->session_token.empty())
    return std::nullopt;
  return out;
}

}  // namespace fd::ingest
