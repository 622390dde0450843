#include "ingest/dispatch.h"

#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "ingest/readers.h"

namespace fd::ingest {
namespace {

using ReadFn = void (*)(const Node&);

void NoteNeedsEnvelope(const Node& member) {
  member.Note(fmt::format(
      "`{}` does not say which role it describes: save it in an envelope naming --role-name "
      "(docs/design/inputs.md §1)",
      member.Pointer().substr(1)));
}

void ReadBarePolicyVersion(const Node& version) { ReadPolicyVersion(version, ""); }

void ReadTaskDefinitionMember(const Node& td) {
  if (!td.value().IsObject()) return td.Note("taskDefinition is not an object, skipped");
  td.builder().AddTaskDefinition(ReadTaskDefinition(td));
}

/// A top-level key that identifies an AWS CLI output, and its reader. A null reader means the
/// output is recognised (so it is neither noted nor mistaken for something else) but its
/// content is read by a later layer of work; the data set is still recorded.
struct Shape {
  std::string_view key;
  ReadFn read;
};

constexpr Shape kShapes[] = {
    // ec2
    {"AvailabilityZones", &ReadAvailabilityZones},
    {"DhcpOptions", &ReadDhcpOptions},
    {"EgressOnlyInternetGateways", &ReadEgressOnlyInternetGateways},
    {"InternetGateways", &ReadInternetGateways},
    {"NatGateways", &ReadNatGateways},
    {"NetworkAcls", &ReadNetworkAcls},
    {"NetworkInterfaces", &ReadNetworkInterfaces},
    {"PrefixLists", &ReadPrefixLists},
    {"RouteTables", &ReadRouteTables},
    {"SecurityGroupRules", &ReadSecurityGroupRules},
    {"SecurityGroups", &ReadSecurityGroups},
    {"ServiceDetails", &ReadServiceDetails},
    {"ServiceNames", &ReadServiceNames},
    {"Subnets", &ReadSubnets},
    {"VpcEndpoints", &ReadVpcEndpoints},
    {"Vpcs", &ReadVpcs},
    // get-managed-prefix-list-entries without an envelope does not say which list it is.
    {"Entries", nullptr},
    // ecs
    {"clusters", &ReadClusters},
    {"service", &ReadService},
    {"services", &ReadServices},
    {"taskDefinition", &ReadTaskDefinitionMember},
    {"tasks", &ReadTasks},
    {"capacityProviders", nullptr},
    {"clusterArns", nullptr},
    {"serviceArns", nullptr},
    {"taskArns", nullptr},
    // fargate-doctor's own record of a collection (live/sweep.h): what was collected, not AWS data
    {"fargateDoctorCollection", nullptr},
    // iam
    // (list-attached-role-policies, list-role-policies and get-policy-version do not say which
    // role or policy they describe: read only from an envelope, noted when bare.)
    {"AttachedPolicies", &NoteNeedsEnvelope},
    {"EvaluationResults", nullptr},
    {"Policies", &ReadIamPolicies},
    {"Policy", &ReadPolicyMember},
    {"PolicyNames", &NoteNeedsEnvelope},
    {"PolicyVersion", &ReadBarePolicyVersion},
    {"Role", &ReadRole},
    {"RoleDetailList", nullptr},  // read as a compound shape
    {"Roles", nullptr},
    // ecr, logs, secretsmanager, ssm, efs, kms
    {"imageDetails", &ReadEcrImageDetails},
    {"images", &ReadEcrImages},
    {"policyText", nullptr},
    {"repositories", &ReadEcrRepositories},
    {"logGroups", &ReadLogGroups},
    {"SecretList", &ReadSecretList},
    {"Parameters", &ReadSsmParameters},
    {"AccessPoints", &ReadEfsAccessPoints},
    {"FileSystems", &ReadEfsFileSystems},
    {"MountTargets", &ReadEfsMountTargets},
    {"KeyMetadata", &ReadKmsKeyMetadata},
    {"Aliases", &ReadKmsAliases},
    // elbv2
    {"LoadBalancers", &ReadLoadBalancers},
    {"TargetGroups", &ReadTargetGroups},
    // cloudformation list-exports and describe-stacks: what a template beside the snapshot
    // imports and keeps (ingest::ReadDeployedStacks); nothing a deployed service needs
    {"Exports", nullptr},
    {"Stacks", nullptr},
};

/// Outputs that say nothing about what they describe; only their envelope names them
/// (docs/design/inputs.md §1). Recorded under the command words, read by a later layer.
constexpr std::string_view kEnvelopeOnlyCommands[] = {
    "efs describe-mount-target-security-groups",
};

const Shape* FindShape(std::string_view key) {
  for (const Shape& s : kShapes)
    if (s.key == key) return &s;
  return nullptr;
}

bool Has(JsonValue obj, std::string_view key) {
  auto member = obj.Find(key);
  return member && !member->IsNull();
}

/// The first top-level keys in document order, for a note.
std::string KeyList(JsonValue obj) {
  constexpr size_t kMaxKeys = 5;
  std::string out;
  size_t n = 0;
  obj.ForEachChild([&](JsonValue member) {
    if (n++ > kMaxKeys) return;
    if (n == kMaxKeys + 1) {
      out += ", ...";
      return;
    }
    if (n > 1) out += ", ";
    std::string_view key = member.Key();
    out += key.size() > 40 ? std::string(key.substr(0, 40)) + "..." : std::string(key);
  });
  return out.empty() ? "none" : out;
}

/// Compound shapes, recognised by several keys together. Returns true when one matched.
bool DispatchCompound(const Node& root) {
  JsonValue doc = root.value();
  model::ModelSink& b = root.builder();
  if (Has(doc, "VpcId")) {
    for (std::string_view attribute : {"EnableDnsSupport", "EnableDnsHostnames"}) {
      if (!Has(doc, attribute)) continue;
      b.MarkDataset(std::string(attribute));
      ReadVpcAttribute(root, attribute);
      return true;
    }
  }
  if (Has(doc, "Account") && Has(doc, "Arn") && Has(doc, "UserId")) {
    b.MarkDataset("Account");
    ReadCallerIdentity(root);
    return true;
  }
  if (IsBareTaskDefinition(doc)) {
    b.MarkDataset("containerDefinitions");
    b.AddTaskDefinition(ReadTaskDefinition(root));
    return true;
  }
  if (Has(doc, "ARN") && Has(doc, "Name") && doc.Find("ResourcePolicy")) {
    b.MarkDataset("ResourcePolicy");  // secretsmanager get-resource-policy
    ReadSecretResourcePolicy(root);
    return true;
  }
  if (Has(doc, "ARN") && Has(doc, "Name")) {  // secretsmanager describe-secret
    b.MarkDataset("ARN");
    ReadDescribeSecret(root);
    return true;
  }
  if (Has(doc, "images") && Has(doc, "failures")) {  // ecr batch-get-image
    b.MarkDataset("images");
    if (auto images = root.Get("images")) ReadEcrImages(*images);
    if (auto failures = root.Get("failures")) ReadEcrImageFailures(*failures);
    return true;
  }
  if (Has(doc, "RoleName") && Has(doc, "PolicyDocument")) {  // iam get-role-policy
    b.MarkDataset("PolicyDocument");
    ReadRolePolicy(root);
    return true;
  }
  if (Has(doc, "RoleDetailList") || Has(doc, "UserDetailList") || Has(doc, "GroupDetailList")) {
    for (std::string_view key : {"RoleDetailList", "Policies"})  // get-account-authorization-details
      if (doc.Find(key)) b.MarkDataset(std::string(key));
    ReadAuthorizationDetails(root);
    return true;
  }
  if (Has(doc, "policyText") && Has(doc, "repositoryName")) {  // ecr get-repository-policy
    b.MarkDataset("policyText");
    ReadRepositoryPolicy(root);
    return true;
  }
  if (Has(doc, "policyText") && Has(doc, "registryId")) {  // ecr get-registry-policy
    b.MarkDataset("registryPolicy");
    ReadRegistryPolicy(root);
    return true;
  }
  if (doc.Find("pullThroughCacheRules")) {  // ecr describe-pull-through-cache-rules
    b.MarkDataset("pullThroughCacheRules");
    ReadPullThroughCacheRules(root, !Has(doc, "nextToken"), "");
    return true;
  }
  return false;
}

/// Returns false when nothing in `root` was recognised.
bool Dispatch(const Node& root) {
  if (DispatchCompound(root)) return true;
  bool recognised = false;
  root.value().ForEachChild([&](JsonValue member) {
    const Shape* shape = FindShape(member.Key());
    if (!shape) return;
    recognised = true;
    root.builder().MarkDataset(std::string(member.Key()));
    if (shape->read && !member.IsNull()) shape->read(Node(member, root, member.Key()));
  });
  return recognised;
}

/// The value after `--flag` in `words` (also `--flag=value`); "" when absent.
std::string ArgValue(const std::vector<std::string>& words, std::string_view flag) {
  for (size_t i = 0; i < words.size(); ++i) {
    std::string_view w = words[i];
    if (w == flag && i + 1 < words.size()) return words[i + 1];
    if (w.size() > flag.size() && w.substr(0, flag.size()) == flag && w[flag.size()] == '=')
      return std::string(w.substr(flag.size() + 1));
  }
  return "";
}

// {"fargateDoctorEnvelope": 1, "command": [...], "region": "...", "output": {...}} (docs/design/inputs.md §1).
void IngestEnvelope(const Node& root) {
  auto version = root.Int("fargateDoctorEnvelope");
  if (version != 1)
    return root.NoteAt("fargateDoctorEnvelope", "unsupported fargateDoctorEnvelope version");
  std::vector<std::string> words = root.Strings("command");
  if (!words.empty() && words.front() == "aws") words.erase(words.begin());
  if (words.size() < 2) return root.NoteAt("command", "envelope without an AWS CLI command");
  const std::string command = words[0] + " " + words[1];

  // The envelope's region outranks a region-named folder.
  FileContext ctx = root.ctx();
  if (std::string region = root.Str("region"); !region.empty()) ctx.region_hint = region;
  if (std::string account = root.Str("account"); !account.empty()) ctx.account_hint = account;
  ctx.Named(ctx.region_hint);
  Node env(root.value(), ctx);
  if (env.Get("error")) return ReadErrorEnvelope(env, command, words);  // iam_envelope.cpp
  auto output = env.Get("output");
  if (!output || !output->value().IsObject())
    return env.NoteAt("output", "envelope output is missing or not an object");

  if (command == "ec2 get-managed-prefix-list-entries") {
    std::string id = ArgValue(words, "--prefix-list-id");
    if (id.empty())
      return env.NoteAt("command", "get-managed-prefix-list-entries without --prefix-list-id");
    env.builder().MarkDataset("Entries");
    if (auto entries = output->Get("Entries")) ReadPrefixListEntries(*entries, id);
    return;
  }
  if (command == "efs describe-mount-target-security-groups") {
    std::string id = ArgValue(words, "--mount-target-id");
    if (id.empty())
      return env.NoteAt("command", "describe-mount-target-security-groups without --mount-target-id");
    env.builder().MarkDataset(command);
    ReadMountTargetSecurityGroups(*output, id);
    return;
  }
  if (command == "ecr describe-pull-through-cache-rules") {
    env.builder().MarkDataset("pullThroughCacheRules");
    const bool filtered = !ArgValue(words, "--ecr-repository-prefixes").empty();
    ReadPullThroughCacheRules(*output, !filtered && !Has(output->value(), "nextToken"),
                              ArgValue(words, "--registry-id"));
    return;
  }
  if (command == "ecr batch-get-image") {
    // Its failures (KmsError, ImageNotFound, ...) name only the image id: the repository and
    // registry are the command's.
    env.builder().MarkDataset("images");
    if (auto images = output->Get("images")) ReadEcrImages(*images);
    if (auto failures = output->Get("failures"))
      ReadEcrImageFailures(*failures, ArgValue(words, "--repository-name"),
                           ArgValue(words, "--registry-id"));
    return;
  }
  if (ReadIamEnvelope(env, *output, command, words)) return;
  for (std::string_view known : kEnvelopeOnlyCommands) {
    if (command == known) return env.builder().MarkDataset(command);
  }
  if (!Dispatch(*output))
    output->Note(
        fmt::format("envelope command `{}` is not one fargate-doctor reads (top-level keys: {})",
                    command, KeyList(output->value())));
}

}  // namespace

bool IsBareTaskDefinition(JsonValue obj) {
  return obj.IsObject() && Has(obj, "family") && Has(obj, "containerDefinitions");
}

void IngestDocument(const Node& root) {
  if (Has(root.value(), "fargateDoctorEnvelope")) return IngestEnvelope(root);
  if (!Dispatch(root))
    root.Note(fmt::format("not an AWS CLI output fargate-doctor reads (top-level keys: {})",
                          KeyList(root.value())));
}

}  // namespace fd::ingest
