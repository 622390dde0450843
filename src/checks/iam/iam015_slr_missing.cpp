// IAM015: the ECS service-linked role AWSServiceRoleForECS is provably absent from the task's
// account: a role listing that covers the account (get-account-authorization-details) does not
// hold it, or iam get-role answered NoSuchEntity. Without it ECS cannot create task ENIs.
#include "checks/check_util.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kIam015,
    .slug = "iam-slr-missing",
    .title = "`AWSServiceRoleForECS` missing",
    .severity = report::Severity::kWarning,
    .group = Group::kIam,
    .rationale = "ECS creates and attaches the task's network interface and registers load "
                 "balancer targets with its service-linked role. ECS normally creates the role "
                 "on first use; when it was deleted, or an SCP forbids creating it, tasks cannot "
                 "get a network interface.",
    .evidence = "iam get-account-authorization-details RoleDetailList (complete for the account) "
                "or iam get-role --role-name AWSServiceRoleForECS (NoSuchEntity)",
    .remediation = "Create the service-linked role.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using-service-linked-roles.html",
};

constexpr const char* kRole = "AWSServiceRoleForECS";

void Run(const CheckContext& ctx, FindingSink& sink) {
  const model::Model& m = ctx.model;
  for (const auto& ta : ctx.targets) {
    const analysis::Target& t = ta.target;
    if (t.account.empty() || m.RoleByName(t.account, kRole)) continue;
    if (!m.RoleProvenAbsent(t.account, kRole)) continue;  // not collected: nothing to say
    const std::string arn = "arn:" + model::PartitionOfRegion(t.region) + ":iam::" + t.account +
                            ":role/aws-service-role/ecs.amazonaws.com/" + kRole;
    auto& f = sink.Report(kInfo, t, arn,
                          std::string("the ECS service-linked role ") + kRole +
                              " does not exist in account " + t.account);
    const model::ApiError* e = m.FailedCall("iam get-role", kRole);
    f.evidence.push_back({arn, e ? "iam get-role: " + e->code
                                 : "not in the account's full role listing (get-account-authorization-details)"});
    f.fix = report::Fix::Of("create the service-linked role (an SCP denying iam:CreateServiceLinkedRole must "
                            "exempt it)",
                            {fix::ServiceLinkedRole{"ecs.amazonaws.com"}});
  }
}

}  // namespace

const CheckDef kIam015{kInfo, &Run};

}  // namespace fd::checks
