// Roles and their policies, managed policies, log groups, EFS (file systems, mount targets,
// access points) and ECR as the model's entities.
// A role the plans create has exactly the policies they give it (inline_policy blocks and
// aws_iam_role_policy; managed_policy_arns and aws_iam_role_policy_attachment), so its lists are
// known; a role read through a data source names only itself, so its policies stay unknown.
#include <fmt/format.h>

#include <map>

#include "predeploy/aws_managed_policies.h"
#include "predeploy/tf/to_model_context.h"

namespace fd::predeploy::tf {

namespace {

class IamMapper {
 public:
  explicit IamMapper(MapContext& cx) : cx_(cx) {}

  void Run() {
    for (const char* type : {"aws_iam_role", "data.aws_iam_role"})
      for (const Resource* r : cx_.OfType(type)) Role(*r);
    for (const char* type : {"aws_iam_policy", "data.aws_iam_policy"})
      for (const Resource* r : cx_.OfType(type)) Policy(*r);
    for (const Resource* r : cx_.OfType("aws_iam_role_policy")) RolePolicy(*r);
    for (const Resource* r : cx_.OfType("aws_iam_role_policy_attachment")) Attachment(*r);
    AddRolesAndBundledPolicies(roles_, cx_.builder());
    LogGroups();
    Efs();
    Ecr();
  }

 private:
  void Role(const Resource& r) {
    model::IamRole role;
    role.arn = cx_.ArnOf(r);
    role.name = cx_.Text(r, "name").value_or("");
    if (role.name.empty()) role.name = r.id;  // name_prefix: the name exists only after apply
    role.path = cx_.Text(r, "path").value_or("");
    if (role.path.empty()) role.path = "/";
    role.account = cx_.account();
    role.source = cx_.Source(r);
    if (r.existing) {  // data.aws_iam_role: the role, not its policies
      if (auto trust = cx_.Text(r, "assume_role_policy"); trust && !trust->empty())
        role.trust_policy = *trust;
    } else {
      Managed(r, role);
    }
    by_name_[role.name] = role.arn;
    by_name_[cx_.IdOf(r)] = role.arn;
    by_name_[r.id] = role.arn;
    cx_.Origin(role.arn, r);
    roles_[role.arn] = std::move(role);
  }

  void Managed(const Resource& r, model::IamRole& role) {
    const Value* trust = cx_.Attr(r, "assume_role_policy");
    if (auto text = cx_.Text(trust); text && !text->empty())
      role.trust_policy = *text;
    else
      cx_.Note(r, fmt::format("assume_role_policy of {} is {}", r.id, cx_.WhyUnknown(trust)));
    role.inline_policies_known = true;
    role.attached_policies_known = true;
    role.boundary_known = true;
    role.permissions_boundary_arn = cx_.Text(r, "permissions_boundary").value_or("");
    for (const Value* block : cx_.Blocks(cx_.Attr(r, "inline_policy"))) {
      model::IamInlinePolicy p;
      p.name = cx_.Text(block->Find("name")).value_or("");
      if (p.name.empty()) continue;  // the provider's empty block: no inline policies
      p.document = Document(r, block->Find("policy"), "inline policy " + p.name);
      p.source = cx_.Source(r);
      role.inline_policies.push_back(std::move(p));
    }
    const Value* managed = cx_.Attr(r, "managed_policy_arns");
    if (auto arns = cx_.Texts(managed))
      role.attached_policy_arns = *arns;
    else if (!MapContext::IsNotConfigured(managed)) {
      role.attached_policies_known = false;
      cx_.Note(r, fmt::format("managed_policy_arns of {} is {}", r.id, cx_.WhyUnknown(managed)));
    }
  }

  // A policy document: known text, or nullopt (with a note) when only apply will know it.
  std::optional<std::string> Document(const Resource& r, const Value* v, const std::string& what) {
    if (auto text = cx_.Text(v); text && !text->empty()) return *text;
    cx_.Note(r,
             fmt::format("the document of {} of {} is {}: the permissions it grants are unchecked",
                         what, r.id, cx_.WhyUnknown(v)));
    return std::nullopt;
  }

  void Policy(const Resource& r) {
    model::IamManagedPolicy p;
    p.arn = cx_.ArnOf(r);
    p.name = cx_.Text(r, "name").value_or("");
    p.path = cx_.Text(r, "path").value_or("/");
    p.document = Document(r, cx_.Attr(r, "policy"), "policy");
    p.aws_managed = p.arn.find(":iam::aws:policy/") != std::string::npos;
    p.source = cx_.Source(r);
    cx_.Origin(p.arn, r);
    cx_.builder().AddIamPolicy(std::move(p));
  }

  // The role a policy or attachment names (`role = aws_iam_role.x.name` or `.id`, or a name).
  model::IamRole* RoleOf(const Resource& r) {
    const std::optional<std::string> name = cx_.Text(r, "role");
    if (name) {
      auto it = by_name_.find(*name);
      if (it != by_name_.end()) return &roles_[it->second];
    }
    cx_.Note(r, fmt::format("{}: role {} is not one the plans declare: not applied", r.id,
                            name ? *name : cx_.WhyUnknown(cx_.Attr(r, "role"))));
    return nullptr;
  }

  void RolePolicy(const Resource& r) {
    model::IamRole* role = RoleOf(r);
    if (role == nullptr) return;
    model::IamInlinePolicy p;
    p.name = cx_.Text(r, "name").value_or(r.id);
    p.document = Document(r, cx_.Attr(r, "policy"), "policy");
    p.source = cx_.Source(r);
    role->inline_policies.push_back(std::move(p));
  }

  void Attachment(const Resource& r) {
    model::IamRole* role = RoleOf(r);
    if (role == nullptr) return;
    const Value* arn = cx_.Attr(r, "policy_arn");
    if (auto text = cx_.Text(arn); text && !text->empty()) {
      role->attached_policy_arns.push_back(*text);
    } else {
      role->attached_policies_known = false;
      cx_.Note(r, fmt::format("policy_arn of {} is {}: the role's attached policies are unchecked",
                              r.id, cx_.WhyUnknown(arn)));
    }
  }

  void LogGroups() {
    for (const Resource* r : cx_.OfType("aws_cloudwatch_log_group")) {
      model::LogGroup g;
      g.name = cx_.Text(*r, "name").value_or("");
      if (g.name.empty()) {
        cx_.Note(*r, fmt::format("name of {} is {}: the log group is left out", r->id,
                                 cx_.WhyUnknown(cx_.Attr(*r, "name"))));
        continue;
      }
      g.arn = cx_.Text(*r, "arn").value_or("");
      g.region = cx_.region();
      g.kms_key_id = cx_.Text(*r, "kms_key_id").value_or("");
      g.source = cx_.Source(*r);
      cx_.Origin(g.name, *r);
      cx_.builder().AddLogGroup(std::move(g));
    }
  }

  void Efs() {
    for (const Resource* r : cx_.OfType("aws_efs_file_system")) {
      model::EfsFileSystem fs;
      fs.id = cx_.IdOf(*r);
      fs.arn = cx_.ArnOf(*r);
      fs.region = cx_.region();
      fs.life_cycle_state = "available";
      fs.availability_zone_name = cx_.Text(*r, "availability_zone_name").value_or("");
      fs.source = cx_.Source(*r);
      cx_.Origin(fs.id, *r);
      // Every mount target of a file system the plans create is one they declare.
      if (!r->existing) cx_.builder().MarkCoverage("efs-mount-targets " + fs.id);
      cx_.builder().AddEfsFileSystem(std::move(fs));
    }
    for (const Resource* r : cx_.OfType("aws_efs_mount_target")) {
      model::EfsMountTarget mt;
      mt.id = cx_.IdOf(*r);
      mt.file_system_id = cx_.Text(*r, "file_system_id").value_or("");
      mt.subnet_id = cx_.Text(*r, "subnet_id").value_or("");
      mt.vpc_id = cx_.subnet_vpc.count(mt.subnet_id) ? cx_.subnet_vpc[mt.subnet_id] : "";
      mt.region = cx_.region();
      mt.ip_address = cx_.Text(*r, "ip_address").value_or("");
      mt.life_cycle_state = "available";
      const Value* groups = cx_.Attr(*r, "security_groups");
      if (auto ids = cx_.Texts(groups)) {
        mt.security_groups = *ids;
        mt.security_groups_known = true;
      }
      mt.source = cx_.Source(*r);
      cx_.Origin(mt.id, *r);
      cx_.builder().AddEfsMountTarget(std::move(mt));
    }
    for (const Resource* r : cx_.OfType("aws_efs_access_point")) AccessPoint(*r);
    if (!cx_.OfType("aws_efs_access_point").empty()) cx_.builder().MarkDataset("AccessPoints");
  }

  // root_directory.path defaults to "/"; creation_info makes EFS create the path on first use.
  void AccessPoint(const Resource& r) {
    model::EfsAccessPoint ap;
    ap.id = cx_.IdOf(r);
    ap.arn = cx_.ArnOf(r);
    ap.file_system_id = cx_.Text(r, "file_system_id").value_or("");
    ap.region = cx_.region();
    ap.life_cycle_state = "available";
    if (const Value* root = cx_.Block(cx_.Attr(r, "root_directory"))) {
      const Value* path = root->Find("path");
      std::optional<std::string> text = cx_.Text(path);
      if (!text && !MapContext::IsNotConfigured(path))
        cx_.Note(r, fmt::format("root_directory.path of {} is {}: read as /", r.id, cx_.WhyUnknown(path)));
      ap.root_path = text.value_or("");
      ap.creation_info = !cx_.Blocks(root->Find("creation_info")).empty();
    }
    ap.source = cx_.Source(r);
    cx_.Origin(ap.id, r);
    cx_.builder().AddEfsAccessPoint(std::move(ap));
  }

  void Ecr() {
    for (const Resource* r : cx_.OfType("aws_ecr_repository")) {
      model::EcrRepository repo;
      repo.name = cx_.Text(*r, "name").value_or("");
      repo.arn = cx_.ArnOf(*r);
      repo.uri = cx_.Text(*r, "repository_url").value_or("");
      repo.registry_id = cx_.Text(*r, "registry_id").value_or("");
      if (repo.registry_id.empty()) repo.registry_id = cx_.account();
      repo.region = cx_.region();
      repo.source = cx_.Source(*r);
      cx_.Origin(repo.arn, *r);
      cx_.builder().AddEcrRepository(std::move(repo));
    }
  }

  MapContext& cx_;
  std::map<std::string, model::IamRole> roles_;  // by ARN
  std::map<std::string, std::string> by_name_;   // name, Terraform id or address → ARN
};

}  // namespace

void MapIamLogsStorage(MapContext& cx) { IamMapper(cx).Run(); }

}  // namespace fd::predeploy::tf
