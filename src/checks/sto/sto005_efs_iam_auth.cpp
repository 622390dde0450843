// STO005: an EFS volume with authorizationConfig.iam ENABLED needs transit encryption and a
// task role, and the task role must be allowed elasticfilesystem:ClientMount (and ClientWrite
// unless the volume is only read) on the file system ARN. The file system policy is not read
// yet: only the identity layer of the task role's requests is judged (guardrails are IAM009's).

#include "analysis/iam/wording.h"
#include "checks/check_util.h"
#include "checks/memo.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kSto005,
    .slug = "efs-iam-auth",
    .title = "IAM authorization / file system policy problems",
    .severity = report::Severity::kBlocker,
    .group = Group::kResources,
    .rationale = "With EFS IAM authorization the mount is made as the task role over TLS: ECS "
                 "refuses the task definition without a task role or transit encryption, and the "
                 "server refuses the mount (\"access denied by server\") when the role may not "
                 "mount or write the file system.",
    .evidence = "task definition volumes[].efsVolumeConfiguration authorizationConfig.iam, "
                "transitEncryption, taskRoleArn; the task role's policies evaluated for "
                "elasticfilesystem:ClientMount and ClientWrite on the file system ARN",
    .remediation = "Enable transit encryption, set a task role, and allow it "
                   "elasticfilesystem:ClientMount (and ClientWrite) on the file system.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/efs-volumes.html "
                  "https://docs.aws.amazon.com/efs/latest/ug/iam-access-control-nfs-efs.html",
};

void Run(const CheckContext& ctx, FindingSink& sink) {
  for (const auto& ta : ctx.targets) {
    const analysis::Target& t = ta.target;
    const model::TaskDefinition* td = t.task_definition;
    if (!td) continue;
    std::string task_role = td->task_role_arn;
    if (t.task && !t.task->task_role_override.empty()) task_role = t.task->task_role_override;
    bool any = false;
    for (const auto& v : td->efs_volumes) {
      if (!v.iam_authorization) continue;
      any = true;
      const std::string vol = "EFS volume " + v.name + " (" + v.file_system_id + ")";
      std::vector<std::string> claims, changes;
      if (v.transit_encryption != "ENABLED") {
        claims.push_back("transitEncryption " + (v.transit_encryption.empty()
                                                     ? std::string("unset") : v.transit_encryption));
        changes.push_back("set transitEncryption to ENABLED on the volume");
      }
      if (task_role.empty()) {
        claims.push_back("taskRoleArn absent");
        changes.push_back("set taskRoleArn to a role allowed elasticfilesystem:ClientMount");
      }
      if (claims.empty()) continue;
      auto& f = sink.Report(kInfo, t, v.file_system_id,
                            vol + " uses IAM authorization without " +
                                (v.transit_encryption != "ENABLED"
                                     ? std::string(task_role.empty() ? "transit encryption and a task role"
                                                                     : "transit encryption")
                                     : std::string("a task role")));
      for (const auto& c : claims)
        f.evidence.push_back({v.file_system_id, "authorizationConfig.iam ENABLED, " + c});
      f.fix = report::Fix::Of(JoinList(changes) + ", and register a new revision of " + td->family, {});
    }
    if (!any || task_role.empty()) continue;
    for (const auto& e : IamOf(ctx, ta).evals) {
      const analysis::IamRequest& r = *e.request;
      if (r.principal_kind != analysis::IamPrincipalKind::kTaskRole ||
          r.action.rfind("elasticfilesystem:Client", 0) != 0)
        continue;
      // The task role's identity layer of the request's evaluation (see the header comment).
      const analysis::LayerVerdict v = analysis::LayerOf(e, iam::PolicyType::kIdentity);
      if (v.decision == iam::LayerDecision::kAllow) continue;
      const std::string fs = r.resource.substr(r.resource.rfind('/') + 1);
      if (!e.evaluated || (v.decision == iam::LayerDecision::kUnknown && v.keys.empty())) {
        sink.Unchecked(kInfo, "the policies of task role " + task_role + " are not all in the "
                              "snapshot: " + r.action + " on " + r.resource + " cannot be decided");
        continue;
      }
      const bool write = r.action == "elasticfilesystem:ClientWrite";
      auto& f = sink.Report(kInfo, t, fs,
                            "task role " + task_role + " may not mount file system " + fs +
                                " with IAM authorization");
      // ClientWrite is only needed for read-write mounts: its denial alone is a warning, but it
      // must not soften the blocker of a ClientMount denial already in this finding.
      if (!write) f.severity = report::Severity::kBlocker;
      else if (f.evidence.empty()) f.severity = report::Severity::kWarning;
      f.evidence.push_back({task_role, r.action + " on " + r.resource + ": " +
                                           analysis::RefusalText(v, "no policy of the task role allows it")});
      f.fix = report::Fix::Of(
          "allow the EFS client actions on the file system to the task role",
          {fix::InlinePolicy{false, task_role.substr(task_role.rfind('/') + 1), "efs-client",
                             "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":["
                             "\"elasticfilesystem:ClientMount\",\"elasticfilesystem:ClientWrite\"],\"Resource\":\"" +
                                 r.resource + "\"}]}"}});
    }
  }
}

}  // namespace

const CheckDef kSto005{kInfo, &Run};

}  // namespace fd::checks
