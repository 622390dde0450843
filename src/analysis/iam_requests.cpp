// The IAM requests a task start makes (docs/design/causes.md §1.6): one row per (principal, action,
// resource), with the request context a real start carries. Endpoint context keys come from
// the traced paths: a call carries aws:SourceVpc / aws:SourceVpce only when it goes through an
// endpoint in every subnet of the target, and ecr:GetAuthorizationToken never carries them.

#include "analysis/iam_requests.h"
#include "analysis/pull_through_cache.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "analysis/analyze.h"
#include "model/image_ref.h"
#include "util/strings.h"

namespace fd::analysis {
namespace {

constexpr const char* kTaskId = "<task-id>";

/// Splits "arn:p:service:region:account:rest" into its six fields (rest keeps its colons).
std::vector<std::string> ArnFields(const std::string& arn) {
  std::vector<std::string> f;
  size_t start = 0;
  for (int i = 0; i < 5; ++i) {
    size_t pos = arn.find(':', start);
    if (pos == std::string::npos) return {};
    f.push_back(arn.substr(start, pos - start));
    start = pos + 1;
  }
  f.push_back(arn.substr(start));
  return f;
}

/// How one kind of call leaves the target: through one endpoint everywhere, or none anywhere.
struct Via {
  bool known = false;
  std::string endpoint;  ///< vpce-…
  std::string vpc;
};

class Builder {
 public:
  Builder(const model::Model& m, const Target& t, const std::vector<PathResult>* paths)
      : m_(m), t_(t), paths_(paths), partition_(model::PartitionOfRegion(t.region)) {
    const model::TaskDefinition& td = *t.task_definition;
    exec_role_ = td.execution_role_arn;
    task_role_ = td.task_role_arn;
    if (t.task && !t.task->execution_role_override.empty())
      exec_role_ = t.task->execution_role_override;
    if (t.task && !t.task->task_role_override.empty()) task_role_ = t.task->task_role_override;
    v14_ = t.windows || VersionAtLeast(t.platform_version, "1.4.0");
    if (t.kind == TargetKind::kTask && !t.arn.empty()) {
      task_arn_ = t.arn;
      task_id_ = util::LastPart(t.arn);
    } else {
      std::string cluster = t.cluster_arn.empty() ? "<cluster>" : util::LastPart(t.cluster_arn);
      task_arn_ = "arn:" + partition_ + ":ecs:" + t.region + ":" + t.account + ":task/" + cluster +
                  "/" + kTaskId;
      task_id_ = kTaskId;
    }
  }

  std::vector<IamRequest> Run() {
    Trust(exec_role_, "executionRoleArn");
    Trust(task_role_, "taskRoleArn");
    for (const auto& c : t_.task_definition->containers) Container(c);
    for (const auto& v : t_.task_definition->efs_volumes) Efs(v);
    return std::move(out_);
  }

 private:
  Via ViaFor(const std::string& service, const std::string& region) const {
    Via via;
    if (!paths_) return via;
    bool any = false, all_endpoint = true, none_endpoint = true;
    std::string endpoint;
    for (const auto& p : *paths_) {
      if (!p.need || p.need->service != service || p.need->region != region) continue;
      any = true;
      if (!p.reachable.has_value()) return via;  // a path not decided: unknown
      const bool ep = m_.vpc_endpoints().Find(p.via) != nullptr;
      if (ep) {
        none_endpoint = false;
        if (!endpoint.empty() && endpoint != p.via) return via;  // different endpoints
        endpoint = p.via;
      } else {
        all_endpoint = false;
      }
    }
    if (!any || (!all_endpoint && !none_endpoint)) return via;
    via.known = true;
    if (all_endpoint) {
      via.endpoint = endpoint;
      if (const auto* e = m_.vpc_endpoints().Find(endpoint)) via.vpc = e->vpc_id;
    }
    return via;
  }

  static void Set(IamRequest& r, std::string key, std::vector<std::string> values) {
    r.context.push_back({std::move(key), std::move(values)});
  }

  /// A call made by a role directly (not through another service).
  IamRequest RoleCall(IamPrincipalKind kind, const std::string& role, std::string action,
                      std::string resource, std::string resource_region,
                      std::string resource_account) {
    IamRequest r;
    r.principal_kind = kind;
    r.principal = role;
    r.principal_account = model::AccountOfArn(role);
    r.action = std::move(action);
    r.resource = std::move(resource);
    r.resource_region = std::move(resource_region);
    r.resource_account = std::move(resource_account);
    if (!role.empty()) {
      Set(r, "aws:PrincipalArn", {role});
      Set(r, "aws:PrincipalAccount", {r.principal_account});
      Set(r, "aws:PrincipalType", {"AssumedRole"});
    }
    Set(r, "aws:PrincipalIsAWSService", {"false"});
    Set(r, "aws:SecureTransport", {"true"});
    Set(r, "aws:ViaAWSService", {"false"});
    if (!r.resource_region.empty()) Set(r, "aws:RequestedRegion", {r.resource_region});
    if (!r.resource_account.empty()) Set(r, "aws:ResourceAccount", {r.resource_account});
    else if (r.resource != "*") r.unknown_keys.push_back("aws:ResourceAccount");
    r.unknown_keys.push_back("aws:PrincipalOrgID");
    r.unknown_keys.push_back("aws:PrincipalTag");
    return r;
  }

  /// Adds the endpoint context of a direct call made over `service` in `region`.
  void Network(IamRequest& r, const std::string& service, const std::string& region,
               bool task_network) {
    if (!task_network) {  // platform 1.3.0: the Fargate-owned ENI, never an endpoint of yours
      r.via_known = true;
      r.unknown_keys.push_back("aws:SourceIp");
      return;
    }
    Via via = ViaFor(service, region);
    r.via_known = via.known;
    r.via_endpoint = via.endpoint;
    if (!via.known) {
      r.unknown_keys.push_back("aws:SourceVpc");
      r.unknown_keys.push_back("aws:SourceVpce");
      r.unknown_keys.push_back("aws:SourceIp");
      return;
    }
    if (via.endpoint.empty()) {
      r.unknown_keys.push_back("aws:SourceIp");  // a NAT or public address
      return;
    }
    Set(r, "aws:SourceVpce", {via.endpoint});
    if (!via.vpc.empty()) Set(r, "aws:SourceVpc", {via.vpc});
    else r.unknown_keys.push_back("aws:SourceVpc");
    r.unknown_keys.push_back("aws:VpcSourceIp");
  }

  void Add(IamRequest r, const std::string& container, std::string feature) {
    r.container = container;
    r.feature = std::move(feature);
    r.Normalise();
    auto key = std::make_tuple(r.principal, r.action, r.resource, r.role_assumed);
    if (!seen_.insert(key).second) return;
    out_.push_back(std::move(r));
  }

  void Trust(const std::string& role, const char* feature) {
    if (role.empty()) return;
    IamRequest r;
    r.principal_kind = IamPrincipalKind::kService;
    r.principal = "ecs-tasks.amazonaws.com";  // the same in every partition (docs/design/causes.md §1.6)
    r.action = "sts:AssumeRole";
    r.resource = role;
    r.resource_account = model::AccountOfArn(role);
    r.role_assumed = role;
    r.via_known = true;
    Set(r, "aws:PrincipalIsAWSService", {"true"});
    Set(r, "aws:PrincipalServiceName", {"ecs-tasks.amazonaws.com"});
    Set(r, "aws:SourceAccount", {t_.account});
    Set(r, "aws:SourceArn", {task_arn_});
    Set(r, "aws:SecureTransport", {"true"});
    Add(std::move(r), "", feature);
  }

  void Ecr(const model::ContainerDefinition& c) {
    model::ImageRef ref = model::ParseImageRef(c.image);
    if (ref.kind != model::RegistryKind::kEcrPrivate) return;
    const std::string part = model::PartitionOfRegion(ref.region);
    {
      // The auth token is account-level (resource "*") and AWS documents that VPC and endpoint
      // condition keys never apply to it for Fargate (docs/design/causes.md#iam010).
      IamRequest r = RoleCall(IamPrincipalKind::kExecutionRole, exec_role_,
                              "ecr:GetAuthorizationToken", "*", ref.region, "");
      r.via_known = true;
      Add(std::move(r), c.name, "image " + c.image);
    }
    const std::string repo =
        "arn:" + part + ":ecr:" + ref.region + ":" + ref.account + ":repository/" + ref.repository;
    // The pull's own calls. ecr:BatchCheckLayerAvailability is a push-side call a pull never
    // makes (AWS's AmazonEC2ContainerRegistryPullOnly policy omits it): not a request of a start.
    for (const char* action : {"ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"}) {
      IamRequest r = RoleCall(IamPrincipalKind::kExecutionRole, exec_role_, action, repo,
                              ref.region, ref.account);
      Network(r, "ecr.dkr", ref.region, true);
      Add(std::move(r), c.name, "image " + c.image);
    }
    // A pull-through cache image: the pull imports from the upstream with the caller's
    // permissions, and creates the cache repository when it does not exist yet (docs/design/causes.md §1.6;
    // the registry policy may grant either).
    if (auto ptc = PullThroughCacheOf(m_, ref)) {
      std::vector<const char*> actions = {"ecr:BatchImportUpstreamImage"};
      if (ptc->repository == CacheState::kAbsent) actions.push_back("ecr:CreateRepository");
      for (const char* action : actions) {
        IamRequest r = RoleCall(IamPrincipalKind::kExecutionRole, exec_role_, action, repo,
                                ref.region, ref.account);
        Network(r, "ecr.dkr", ref.region, true);
        Add(std::move(r), c.name,
            "pull-through cache rule " + ptc->rule->prefix + " (image " + c.image + ")");
      }
    }
  }

  void Logs(const model::ContainerDefinition& c) {
    if (!c.log_configuration || c.log_configuration->log_driver != "awslogs") return;
    const auto& opts = c.log_configuration->options;
    auto opt = [&](const char* k) {
      auto it = opts.find(k);
      return it == opts.end() ? std::string() : it->second;
    };
    std::string group = opt("awslogs-group");
    if (group.empty()) return;  // TD checks report a missing group
    std::string region = opt("awslogs-region");
    if (region.empty()) region = t_.region;
    const std::string part = model::PartitionOfRegion(region);
    const std::string group_base =
        "arn:" + part + ":logs:" + region + ":" + t_.account + ":log-group:" + group;
    std::string prefix = opt("awslogs-stream-prefix");
    std::string stream = prefix.empty() ? std::string(task_id_)
                                        : prefix + "/" + c.name + "/" + task_id_;
    // CloudWatch Logs authorizes the stream calls on the log-stream ARN (AccessDenied messages
    // name "…:log-group:<group>:log-stream:<stream>"), and CreateLogGroup on
    // "…:log-group:<group>:log-stream:" (an empty stream), so a policy on "log-group:<g>:*"
    // covers all three.
    if (opt("awslogs-create-group") == "true") {
      IamRequest r = RoleCall(IamPrincipalKind::kExecutionRole, exec_role_, "logs:CreateLogGroup",
                              group_base + ":log-stream:", region, t_.account);
      Network(r, "logs", region, true);
      Add(std::move(r), c.name, "awslogs-create-group");
    }
    for (const char* action : {"logs:CreateLogStream", "logs:PutLogEvents"}) {
      IamRequest r = RoleCall(IamPrincipalKind::kExecutionRole, exec_role_, action,
                              group_base + ":log-stream:" + stream, region, t_.account);
      Network(r, "logs", region, true);
      Add(std::move(r), c.name, "awslogs group " + group);
    }
    // A log group encrypted with a KMS key: CloudWatch Logs itself uses the key, so the key
    // policy must admit the logs service principal for this group (not the execution role).
    const model::LogGroup* lg = m_.log_groups().Find(region + " " + group);
    if (lg && !lg->kms_key_id.empty()) {
      IamRequest r;
      r.principal_kind = IamPrincipalKind::kService;
      r.principal = "logs." + region + "." + model::DnsSuffixOfRegion(region);
      r.action = "kms:GenerateDataKey";
      r.resource = lg->kms_key_id;
      r.resource_region = model::RegionOfArn(lg->kms_key_id);
      r.resource_account = model::AccountOfArn(lg->kms_key_id);
      r.via_known = true;
      Set(r, "aws:PrincipalIsAWSService", {"true"});
      Set(r, "aws:PrincipalServiceName", {r.principal});
      Set(r, "kms:EncryptionContext:aws:logs:arn", {group_base});
      Set(r, "kms:EncryptionContextKeys", {"aws:logs:arn"});
      Add(std::move(r), c.name, "awslogs group " + group + " key");
    }
  }

  /// kms:Decrypt by the execution role through `service` for a key named `key_ref`.
  void Decrypt(const std::string& key_ref, const std::string& region, const std::string& account,
               const std::string& service, const std::vector<IamContextEntry>& extra,
               const std::string& container, const std::string& feature) {
    if (key_ref.empty() || key_ref.rfind("alias/aws/", 0) == 0 ||
        key_ref.find(":alias/aws/") != std::string::npos)
      return;  // the AWS managed key: nothing to grant
    const model::KmsKey* key = m_.FindKmsKey(region, account, key_ref);
    if (key && key->key_manager == "AWS") return;
    std::string resource, note;
    if (key) {
      resource = key->arn;
      if (!key->described) note = "key manager unknown (no kms describe-key): taken as customer managed";
    } else if (key_ref.rfind("arn:", 0) == 0) {
      resource = key_ref;
      note = "key not described (kms describe-key): taken as customer managed";
    } else if (key_ref.rfind("alias/", 0) == 0) {
      resource = "arn:" + model::PartitionOfRegion(region) + ":kms:" + region + ":" + account +
                 ":" + key_ref;
      note = "alias not resolved to a key (kms list-aliases): the key ARN is unknown";
    } else {
      resource = "arn:" + model::PartitionOfRegion(region) + ":kms:" + region + ":" + account +
                 ":key/" + key_ref;
      note = "key not described (kms describe-key): taken as customer managed";
    }
    IamRequest r;
    r.principal_kind = IamPrincipalKind::kExecutionRole;
    r.principal = exec_role_;
    r.principal_account = model::AccountOfArn(exec_role_);
    r.action = "kms:Decrypt";
    r.resource = resource;
    r.resource_region = model::RegionOfArn(resource);
    r.resource_account = model::AccountOfArn(resource);
    r.via_known = true;  // the service calls KMS: no endpoint of the task is involved
    r.note = note;
    if (!exec_role_.empty()) {
      Set(r, "aws:PrincipalArn", {exec_role_});
      Set(r, "aws:PrincipalAccount", {r.principal_account});
      Set(r, "kms:CallerAccount", {r.principal_account});
    }
    Set(r, "aws:ViaAWSService", {"true"});
    Set(r, "aws:CalledVia", {service});
    Set(r, "kms:ViaService", {service});
    Set(r, "aws:RequestedRegion", {r.resource_region});
    if (!r.resource_account.empty()) Set(r, "aws:ResourceAccount", {r.resource_account});
    for (const auto& e : extra) r.context.push_back(e);
    r.unknown_keys.push_back("aws:PrincipalOrgID");
    Add(std::move(r), container, feature);
  }

  void SecretRef(const std::string& value_from, bool secrets_manager_if_bare,
                 const std::string& container, const std::string& feature) {
    SecretResource s = SecretResourceOf(value_from, t_.region, t_.account, secrets_manager_if_bare);
    if (s.arn.empty()) return;
    const std::string dns = model::DnsSuffixOfRegion(s.region);
    if (!s.ssm) {
      std::string arn = s.arn;
      std::string note;
      const model::Secret* secret = m_.secrets().Find(arn);
      if (!secret && !s.suffix_known) {
        secret = m_.SecretByName(s.region, s.account, s.name);
        if (secret) arn = secret->arn;
        else note = "secret named without its 6-character suffix and not in the snapshot: the "
                    "real ARN ends in -XXXXXX, which a policy naming the bare name does not match";
      }
      IamRequest r = RoleCall(IamPrincipalKind::kExecutionRole, exec_role_,
                              "secretsmanager:GetSecretValue", arn, s.region, s.account);
      r.note = note;
      Network(r, "secretsmanager", s.region, v14_);
      const bool suffix_unknown = !secret && !s.suffix_known;
      if (suffix_unknown) r.resource += "-<suffix>", r.placeholder = true;
      Add(std::move(r), container, feature);
      if (secret)
        Decrypt(secret->kms_key_id, s.region, s.account, "secretsmanager." + s.region + "." + dns,
                {{"kms:EncryptionContext:SecretARN", {secret->arn}},
                 {"kms:EncryptionContextKeys", {"SecretARN", "SecretVersionId"}}},
                container, feature + " key");
      return;
    }
    IamRequest r = RoleCall(IamPrincipalKind::kExecutionRole, exec_role_, "ssm:GetParameters",
                            s.arn, s.region, s.account);
    Network(r, "ssm", s.region, v14_);
    Add(std::move(r), container, feature);
    const std::string ref_prefix = "aws/reference/secretsmanager/";
    if (s.name.rfind(ref_prefix, 0) == 0) {  // a parameter that fetches a Secrets Manager secret
      std::string secret_name = s.name.substr(ref_prefix.size());
      IamRequest sr = RoleCall(
          IamPrincipalKind::kExecutionRole, exec_role_, "secretsmanager:GetSecretValue",
          "arn:" + model::PartitionOfRegion(s.region) + ":secretsmanager:" + s.region + ":" +
              s.account + ":secret:" + secret_name + "-<suffix>",
          s.region, s.account);
      sr.placeholder = true;
      sr.via_known = true;  // Parameter Store fetches it
      Set(sr, "aws:ViaAWSService", {"true"});
      Add(std::move(sr), container, feature + " (Secrets Manager reference)");
      return;
    }
    const model::SsmParameter* p = m_.ssm_parameters().Find(s.region + " /" + s.name);
    if (!p) p = m_.ssm_parameters().Find(s.region + " " + s.name);
    if (p && p->type == "SecureString")
      Decrypt(p->key_id.empty() ? "alias/aws/ssm" : p->key_id, s.region, s.account,
              "ssm." + s.region + "." + dns,
              {{"kms:EncryptionContext:PARAMETER_ARN", {s.arn}},
               {"kms:EncryptionContextKeys", {"PARAMETER_ARN"}}},
              container, feature + " key");
  }

  void EnvFiles(const model::ContainerDefinition& c) {
    for (const auto& f : c.environment_files) {
      if (f.value.rfind("arn:", 0) != 0 || f.value.find(":s3:::") == std::string::npos) continue;
      std::string object = f.value;
      std::string path = object.substr(object.find(":::") + 3);
      std::string bucket = "arn:" + model::PartitionOfArn(object) + ":s3:::" +
                           path.substr(0, path.find('/'));
      for (auto [action, resource] : {std::pair<const char*, std::string>{"s3:GetObject", object},
                                      {"s3:GetBucketLocation", bucket}}) {
        IamRequest r = RoleCall(IamPrincipalKind::kExecutionRole, exec_role_, action, resource,
                                t_.region, "");
        r.note = "the bucket's region and account are not in the ARN";
        Network(r, "s3", t_.region, v14_);
        Add(std::move(r), c.name, "environment file " + f.value);
      }
    }
  }

  void Container(const model::ContainerDefinition& c) {
    Ecr(c);
    // Registry credentials come only from Secrets Manager: a Parameter Store reference there is
    // a definition error (IMG008), not a call the execution role makes.
    if (!c.repository_credentials.empty() &&
        !SecretResourceOf(c.repository_credentials, t_.region, t_.account, true).ssm)
      SecretRef(c.repository_credentials, true, c.name, "repositoryCredentials");
    for (const auto& s : c.secrets) SecretRef(s.value_from, false, c.name, "secret " + s.name);
    Logs(c);
    if (c.log_configuration)
      for (const auto& s : c.log_configuration->secret_options)
        SecretRef(s.value_from, false, c.name, "log secretOption " + s.name);
    EnvFiles(c);
  }

  void Efs(const model::EfsVolume& v) {
    if (!v.iam_authorization || v.file_system_id.empty()) return;
    const std::string base =
        "arn:" + partition_ + ":elasticfilesystem:" + t_.region + ":" + t_.account;
    for (const char* action : {"elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"}) {
      IamRequest r = RoleCall(IamPrincipalKind::kTaskRole, task_role_, action,
                              base + ":file-system/" + v.file_system_id, t_.region, t_.account);
      r.via_known = true;  // NFS to a mount target, not an API endpoint
      if (!v.access_point_id.empty())
        Set(r, "elasticfilesystem:AccessPointArn", {base + ":access-point/" + v.access_point_id});
      if (task_role_.empty()) r.note = "EFS IAM authorization without a task role";
      else if (std::string(action) == "elasticfilesystem:ClientWrite")
        r.note = "needed unless the volume is mounted read-only";
      Add(std::move(r), "", "efs volume " + v.name);
    }
  }

  const model::Model& m_;
  const Target& t_;
  const std::vector<PathResult>* paths_;
  std::string partition_;
  std::string exec_role_, task_role_;
  std::string task_arn_, task_id_;
  bool v14_ = true;
  std::vector<IamRequest> out_;
  std::set<std::tuple<std::string, std::string, std::string, std::string>> seen_;
};

}  // namespace

void IamRequest::Normalise() {
  std::sort(context.begin(), context.end(),
            [](const IamContextEntry& a, const IamContextEntry& b) { return a.key < b.key; });
  std::sort(unknown_keys.begin(), unknown_keys.end());
  unknown_keys.erase(std::unique(unknown_keys.begin(), unknown_keys.end()), unknown_keys.end());
  if (resource.find(kTaskId) != std::string::npos) placeholder = true;
  for (const auto& e : context)
    for (const auto& v : e.values)
      if (v.find(kTaskId) != std::string::npos) placeholder = true;
}

const std::vector<std::string>* IamRequest::Context(const std::string& key) const {
  for (const auto& e : context)
    if (e.key == key) return &e.values;
  return nullptr;
}

bool IsPullThroughCacheAction(const std::string& action) {
  return action == "ecr:BatchImportUpstreamImage" || action == "ecr:CreateRepository";
}

SecretResource SecretResourceOf(const std::string& value_from, const std::string& region,
                                const std::string& account, bool secrets_manager_if_bare) {
  SecretResource s;
  std::vector<std::string> f = value_from.rfind("arn:", 0) == 0 ? ArnFields(value_from)
                                                                 : std::vector<std::string>{};
  if (!f.empty() && f[2] == "secretsmanager") {
    s.region = f[3];
    s.account = f[4];
    // rest = "secret:<name>[:json-key[:version-stage[:version-id]]]"
    std::string rest = f[5];
    if (rest.rfind("secret:", 0) != 0) return s;
    std::string name = rest.substr(7);
    name = name.substr(0, name.find(':'));
    s.name = name;
    s.arn = "arn:" + f[1] + ":secretsmanager:" + s.region + ":" + s.account + ":secret:" + name;
    // A full ARN ends in "-" and six characters AWS chose; a partial ARN names only the secret.
    s.suffix_known = name.size() > 7 && name[name.size() - 7] == '-';
    return s;
  }
  if (!f.empty() && f[2] == "ssm") {
    s.ssm = true;
    s.region = f[3];
    s.account = f[4];
    if (f[5].rfind("parameter", 0) != 0) return s;
    s.name = f[5].substr(9);
    if (!s.name.empty() && s.name[0] == '/') s.name.erase(0, 1);
    s.arn = value_from;
    return s;
  }
  if (!f.empty()) return s;  // some other ARN: not a secret reference
  s.region = region;
  s.account = account;
  const std::string part = model::PartitionOfRegion(region);
  if (secrets_manager_if_bare) {
    s.name = value_from;
    s.arn = "arn:" + part + ":secretsmanager:" + region + ":" + account + ":secret:" + value_from;
    s.suffix_known = false;
    return s;
  }
  s.ssm = true;
  s.name = value_from;
  if (!s.name.empty() && s.name[0] == '/') s.name.erase(0, 1);
  s.arn = "arn:" + part + ":ssm:" + region + ":" + account + ":parameter/" + s.name;
  return s;
}

std::vector<IamRequest> DeriveIamRequests(const model::Model& model, const Target& t,
                                          const std::vector<PathResult>* paths) {
  std::vector<IamRequest> out;
  if (t.task_definition) out = Builder(model, t, paths).Run();
  for (auto& r : EphemeralKeyRequests(model, t)) out.push_back(std::move(r));
  return out;
}

}  // namespace fd::analysis
