#pragma once
/// The trust-policy checks (IAM003 for the execution role, IAM007 for the task role): evaluate
/// the role's trust policy for ecs-tasks.amazonaws.com with the context a start presents
/// (aws:SourceAccount = the task's account, aws:SourceArn = the task ARN) and name the deciding
/// statement or the usual mistakes (ecs.amazonaws.com, ecs-tasks.amazonaws.com.cn, a specific
/// cluster ARN in aws:SourceArn).

#include <string>

#include "checks/check.h"

namespace fd::checks {

/// Reports, for every target, the role named by `feature` ("executionRoleArn" / "taskRoleArn")
/// when ECS tasks cannot assume it.
void ReportTrust(const CheckContext& ctx, FindingSink& sink, const CheckInfo& info,
                 const std::string& feature);

}  // namespace fd::checks
