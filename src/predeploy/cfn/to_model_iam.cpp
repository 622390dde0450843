// Roles and their policies, managed policies, log groups, EFS (file systems, mount targets,
// access points), ECR, Secrets Manager and SSM as the model's entities. A role a stack creates
// has exactly the policies the stacks give it (Policies, ManagedPolicyArns, and AWS::IAM::Policy
// / ManagedPolicy naming it in Roles, as CDK's `…DefaultPolicy`), so its lists are known. A name CloudFormation generates (a log group,
// repository or parameter declared without one) is unknown: the object is left out with a note,
// and no coverage is marked, so the checks that look for it are unchecked, never "missing".
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "predeploy/aws_managed_policies.h"
#include "predeploy/cfn/to_model_context.h"

namespace fd::predeploy::cfn {

namespace {

class IamMapper {
 public:
  explicit IamMapper(MapContext& cx) : cx_(cx) {}

  void Run() {
    for (const Item& it : cx_.OfType("AWS::IAM::Role")) Role(it);
    for (const Item& it : cx_.OfType("AWS::IAM::Policy")) InlinePolicy(it);
    for (const Item& it : cx_.OfType("AWS::IAM::ManagedPolicy")) ManagedPolicy(it);
    AddRolesAndBundledPolicies(roles_, cx_.builder());
    LogGroups();
    Efs();
    Ecr();
    SecretsAndParameters();
  }

 private:
  void Role(const Item& it) {
    model::IamRole role;
    role.arn = cx_.ArnOf(it);
    role.name = cx_.RoleName(it);
    role.path = cx_.Text(it, "Path").value_or("");
    if (role.path.empty()) role.path = "/";
    role.account = cx_.Account(it);
    role.source = cx_.Source(it);
    role.trust_policy = Document(it, cx_.Prop(it, "AssumeRolePolicyDocument"), "AssumeRolePolicyDocument");
    role.inline_policies_known = true;
    role.attached_policies_known = true;
    role.boundary_known = true;
    if (auto boundary = cx_.Text(it, "PermissionsBoundary")) role.permissions_boundary_arn = *boundary;
    else role.boundary_known = false;
    for (const Value* p : cx_.Maps(cx_.Prop(it, "Policies"))) {
      model::IamInlinePolicy policy;
      policy.name = cx_.Text(p->Find("PolicyName")).value_or("");
      policy.document = Document(it, p->Find("PolicyDocument"), "policy " + policy.name);
      policy.source = cx_.Source(it);
      role.inline_policies.push_back(std::move(policy));
    }
    const Value* managed = cx_.Prop(it, "ManagedPolicyArns");
    if (auto arns = cx_.Texts(managed)) {
      role.attached_policy_arns = *arns;
    } else {
      role.attached_policies_known = false;
      cx_.Note(it, fmt::format("ManagedPolicyArns of {} is {}: the permissions of its attached "
                               "policies are unchecked", it.id(), cx_.WhyUnknown(managed)));
    }
    by_name_[role.name] = role.arn;
    cx_.Origin(role.arn, it);
    if (role.arn != role.name) cx_.Origin(role.name, it);
    roles_[role.arn] = std::move(role);
  }

  // A policy document as JSON text; nullopt (with a note) when a part of it is unknown.
  std::optional<std::string> Document(const Item& it, const Value* v, const std::string& what) {
    if (v != nullptr)
      if (auto text = cx_.PolicyJson(*v, what + " of " + it.id())) return *text;
    cx_.Note(it, fmt::format("{} of {} is {}: the permissions it grants are unchecked", what,
                             it.id(), v ? "known only after deployment" : "absent"));
    return std::nullopt;
  }

  // The declared roles a policy's Roles list names; notes for the others.
  std::vector<model::IamRole*> RolesOf(const Item& it) {
    std::vector<model::IamRole*> out;
    const Value* roles = cx_.Prop(it, "Roles");
    std::optional<std::vector<std::string>> names = cx_.Texts(roles);
    if (!names) {
      cx_.Note(it, fmt::format("Roles of {} is {}: not applied", it.id(), cx_.WhyUnknown(roles)));
      return out;
    }
    for (const std::string& name : *names) {
      auto found = by_name_.find(name);
      if (found != by_name_.end()) out.push_back(&roles_[found->second]);
      else cx_.Note(it, fmt::format("{}: role {} is not one the templates declare: not applied",
                                    it.id(), name));
    }
    return out;
  }

  void InlinePolicy(const Item& it) {
    model::IamInlinePolicy p;
    p.name = cx_.Text(it, "PolicyName").value_or("");
    if (p.name.empty()) p.name = it.id();
    p.document = Document(it, cx_.Prop(it, "PolicyDocument"), "PolicyDocument");
    p.source = cx_.Source(it);
    for (model::IamRole* role : RolesOf(it)) role->inline_policies.push_back(p);
  }

  void ManagedPolicy(const Item& it) {
    model::IamManagedPolicy p;
    p.arn = cx_.ArnOf(it);
    p.name = cx_.Text(it, "ManagedPolicyName").value_or("");
    if (p.name.empty()) p.name = cx_.IdOf(it);
    p.path = cx_.Text(it, "Path").value_or("");
    if (p.path.empty()) p.path = "/";
    p.document = Document(it, cx_.Prop(it, "PolicyDocument"), "PolicyDocument");
    p.source = cx_.Source(it);
    for (model::IamRole* role : RolesOf(it)) role->attached_policy_arns.push_back(p.arn);
    cx_.Origin(p.arn, it);
    cx_.builder().AddIamPolicy(std::move(p));
  }

  // The name a resource's `key` gives; nullopt (with a note) when CloudFormation generates it.
  std::optional<std::string> Name(const Item& it, std::string_view key, std::string_view what) {
    const Value* v = cx_.Prop(it, key);
    std::optional<std::string> name = cx_.Text(v);
    if (name && !name->empty()) return name;
    cx_.Note(it, fmt::format("{} of {} is {}: the {} is left out, and the checks that look for it "
                             "are unchecked", key, it.id(),
                             v ? cx_.WhyUnknown(v) : "generated by CloudFormation", what));
    return std::nullopt;
  }

  void LogGroups() {
    for (const Item& it : cx_.OfType("AWS::Logs::LogGroup")) {
      std::optional<std::string> name = Name(it, "LogGroupName", "log group");
      if (!name) continue;
      model::LogGroup g;
      g.name = *name;
      g.region = cx_.Region(it);
      g.kms_key_id = cx_.Text(it, "KmsKeyId").value_or("");
      g.source = cx_.Source(it);
      cx_.Origin(g.name, it);
      cx_.builder().AddLogGroup(std::move(g));
    }
  }

  void Efs() {
    for (const Item& it : cx_.OfType("AWS::EFS::FileSystem")) {
      model::EfsFileSystem fs;
      fs.id = cx_.IdOf(it);
      fs.region = cx_.Region(it);
      fs.life_cycle_state = "available";
      fs.availability_zone_name = cx_.Text(it, "AvailabilityZoneName").value_or("");
      fs.source = cx_.Source(it);
      cx_.Origin(fs.id, it);
      // Every mount target of a file system the stacks create is one they declare.
      cx_.builder().MarkCoverage("efs-mount-targets " + fs.id);
      cx_.builder().AddEfsFileSystem(std::move(fs));
    }
    for (const Item& it : cx_.OfType("AWS::EFS::MountTarget")) {
      model::EfsMountTarget mt;
      mt.id = cx_.IdOf(it);
      mt.file_system_id = cx_.Text(it, "FileSystemId").value_or("");
      mt.subnet_id = cx_.Text(it, "SubnetId").value_or("");
      mt.vpc_id = cx_.subnet_vpc.count(mt.subnet_id) ? cx_.subnet_vpc[mt.subnet_id] : "";
      mt.region = cx_.Region(it);
      mt.ip_address = cx_.Text(it, "IpAddress").value_or("");
      mt.life_cycle_state = "available";
      if (auto groups = cx_.Texts(cx_.Prop(it, "SecurityGroups"))) {
        mt.security_groups = *groups;
        mt.security_groups_known = true;
      } else {
        cx_.Note(it, fmt::format("SecurityGroups of {} is {}", it.id(),
                                 cx_.WhyUnknown(cx_.Prop(it, "SecurityGroups"))));
      }
      mt.source = cx_.Source(it);
      cx_.Origin(mt.id, it);
      cx_.builder().AddEfsMountTarget(std::move(mt));
    }
    for (const Item& it : cx_.OfType("AWS::EFS::AccessPoint")) AccessPoint(it);
    if (!cx_.OfType("AWS::EFS::AccessPoint").empty()) cx_.builder().MarkDataset("AccessPoints");
  }

  // RootDirectory.Path defaults to "/"; CreationInfo makes EFS create the path on first use.
  void AccessPoint(const Item& it) {
    model::EfsAccessPoint ap;
    ap.id = cx_.IdOf(it);
    ap.arn = ap.id;
    ap.file_system_id = cx_.Text(it, "FileSystemId").value_or("");
    ap.region = cx_.Region(it);
    ap.life_cycle_state = "available";
    if (const Value* root = cx_.Prop(it, "RootDirectory")) {
      std::optional<std::string> path = cx_.Text(root->Find("Path"));
      if (!path)
        cx_.Note(it, fmt::format("RootDirectory.Path of {} is {}: read as /", it.id(),
                                 cx_.WhyUnknown(root->Find("Path"))));
      ap.root_path = path.value_or("");
      ap.creation_info = root->Find("CreationInfo") != nullptr;
    }
    ap.source = cx_.Source(it);
    cx_.Origin(ap.id, it);
    cx_.builder().AddEfsAccessPoint(std::move(ap));
  }

  void Ecr() {
    for (const Item& it : cx_.OfType("AWS::ECR::Repository")) {
      std::optional<std::string> name = Name(it, "RepositoryName", "repository");
      if (!name) continue;
      model::EcrRepository repo;
      repo.name = *name;
      repo.region = cx_.Region(it);
      repo.registry_id = cx_.Account(it);
      repo.arn = cx_.ArnOf(it);
      repo.source = cx_.Source(it);
      cx_.Origin(repo.arn, it);
      cx_.builder().AddEcrRepository(std::move(repo));
    }
  }

  // Never a secret's value: SecretString and GenerateSecretString are not read.
  void SecretsAndParameters() {
    for (const Item& it : cx_.OfType("AWS::SecretsManager::Secret")) {
      model::Secret s;
      s.arn = cx_.ArnOf(it);
      s.name = cx_.Text(it, "Name").value_or("");
      s.region = cx_.Region(it);
      s.account = cx_.Account(it);
      s.kms_key_id = cx_.Text(it, "KmsKeyId").value_or("");
      s.source = cx_.Source(it);
      cx_.Origin(s.arn, it);
      cx_.builder().AddSecret(std::move(s));
    }
    for (const Item& it : cx_.OfType("AWS::SSM::Parameter")) {
      std::optional<std::string> name = Name(it, "Name", "parameter");
      if (!name) continue;
      model::SsmParameter p;
      p.name = *name;
      p.region = cx_.Region(it);
      p.account = cx_.Account(it);
      p.type = cx_.Text(it, "Type").value_or("");
      p.tier = cx_.Text(it, "Tier").value_or("");
      p.source = cx_.Source(it);
      cx_.Origin(p.name, it);
      cx_.builder().AddSsmParameter(std::move(p));
    }
  }

  MapContext& cx_;
  std::map<std::string, model::IamRole> roles_;  // by ARN
  std::map<std::string, std::string> by_name_;   // role name → ARN
};

}  // namespace

void MapIamLogsStorage(MapContext& cx) { IamMapper(cx).Run(); }

}  // namespace fd::predeploy::cfn
