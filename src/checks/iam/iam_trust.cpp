// Trust-policy evaluation shared by IAM003 and IAM007.

#include "checks/iam/iam_trust.h"

#include <cctype>

#include "analysis/iam/policies.h"
#include "analysis/iam/roles.h"
#include "analysis/iam/target_iam.h"
#include "analysis/iam/wording.h"
#include "checks/check_util.h"
#include "checks/memo.h"
#include "util/strings.h"

namespace fd::checks {
namespace {

/// Known mistakes in a trust policy, as evidence lines.
std::vector<std::string> Hints(const iam::Policy& p, const std::string& region) {
  std::vector<std::string> out;
  for (const auto& s : p.statements) {
    if (s.effect != iam::Effect::kAllow) continue;
    for (const auto& svc : s.principal.service) {
      if (svc == "ecs.amazonaws.com" || svc == "ec2.amazonaws.com")
        out.push_back("statement " + s.Label() + " trusts " + svc +
                      ", not ecs-tasks.amazonaws.com (the principal that assumes task roles)");
      if (svc == "ecs-tasks.amazonaws.com.cn")
        out.push_back("statement " + s.Label() + " trusts ecs-tasks.amazonaws.com.cn, which does "
                      "not exist: the principal is ecs-tasks.amazonaws.com in every partition");
    }
    for (const auto& c : s.conditions) {
      std::string key = c.key;
      for (char& ch : key) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      if (key != "aws:sourcearn") continue;
      for (const auto& v : c.values) {
        if (v.find(":cluster/") != std::string::npos)
          out.push_back("statement " + s.Label() + " requires aws:SourceArn " + v + ": a specific "
                        "cluster ARN is not supported there; use arn:<partition>:ecs:<region>:<account>:*");
        else if (!region.empty() && v.find(":ecs:") != std::string::npos &&
                 model::RegionOfArn(v) != region && v.find(":ecs:*:") == std::string::npos)
          out.push_back("statement " + s.Label() + " requires aws:SourceArn " + v +
                        " in another region than the task's (" + region + ")");
      }
    }
  }
  return out;
}

}  // namespace

void ReportTrust(const CheckContext& ctx, FindingSink& sink, const CheckInfo& info,
                 const std::string& feature) {
  if (!analysis::HasIamData(ctx.model)) return;  // IAM002 reports the gap
  for (const auto& ta : ctx.targets) {
    if (!ta.target.task_definition) continue;
    const analysis::TargetIam& ti = IamOf(ctx, ta);
    for (const auto& e : ti.evals) {
      const auto& r = *e.request;
      if (r.action != "sts:AssumeRole" || r.feature != feature) continue;
      if (!e.evaluated) continue;  // IAM002: the role does not resolve, or is not in the snapshot
      const char* kind = feature == "executionRoleArn" ? "execution role" : "task role";
      const model::IamRole* role = analysis::LookUpRole(ctx.model, r.role_assumed, ta.target.account).role;
      if (!role) continue;
      if (e.result.decision == iam::Decision::kAllowed) continue;
      if (e.result.decision == iam::Decision::kUnknown && e.data_gap) {
        sink.Unchecked(info, ta.target.Key() + ": trust policy of " + r.role_assumed + ": " + analysis::DescribeEval(e));
        continue;
      }
      const bool blocked = e.result.decision != iam::Decision::kUnknown;
      auto& f = sink.Report(info, ta.target, role->arn,
                            std::string(kind) + " " + role->name +
                                (blocked ? " cannot be assumed by ECS tasks: its trust policy "
                                         : " may not be assumable by ECS tasks: its trust policy ") +
                                (e.result.decision == iam::Decision::kExplicitDeny
                                     ? "denies ecs-tasks.amazonaws.com"
                                     : blocked ? "does not admit ecs-tasks.amazonaws.com"
                                               : "depends on a context key the snapshot cannot tell"));
      if (!blocked) f.severity = report::Severity::kWarning;
      const auto* account = r.Context("aws:SourceAccount");
      const auto* source = r.Context("aws:SourceArn");
      f.evidence.push_back({role->arn, "sts:AssumeRole by ecs-tasks.amazonaws.com with "
                                       "aws:SourceAccount=" + (account ? account->front() : "") +
                                       ", aws:SourceArn=" + (source ? source->front() : "") + ": " +
                                       std::string(iam::DecisionName(e.result.decision)) + ", " +
                                       (e.result.decision == iam::Decision::kImplicitDeny
                                            ? "no statement of the trust policy allows it"
                                            : analysis::WhyNotAllowed(e.result))});
      for (const auto& u : e.unknowns) f.evidence.push_back({role->arn, u});
      if (role->trust_policy)
        if (auto p = analysis::ParseCached(*role->trust_policy).policy)
          for (const auto& h : Hints(*p, ta.target.region)) f.evidence.push_back({role->arn, h});
      const std::string trust =
          "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
          "\"ecs-tasks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":"
          "{\"aws:SourceAccount\":\"" + ta.target.account + "\"}}}]}";
      f.fix = report::Fix::Of("trust ecs-tasks.amazonaws.com with an aws:SourceAccount condition (keep any "
                              "other statements the role needs)",
                              {fix::TrustPolicy{role->name, trust}});
    }
  }
}

}  // namespace fd::checks
