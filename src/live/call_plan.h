#pragma once
/// Live-internal: the calls the collector's plan builds from what it has learnt (the VPCs'
/// network calls, and what the task definitions reference: roles, ECR repositories and images,
/// log groups, secrets, parameters, file systems), and the ARN helpers it needs for them.

#include <set>
#include <string>
#include <vector>

#include "ingest/references.h"
#include "live/aws_cli.h"
#include "util/strings.h"

namespace fd::live {

/// The n-th ':'-separated field of an ARN ("" when it has fewer).
std::string ArnField(const std::string& arn, int n);

using util::LastPart;  // util/strings.h

/// One call whose last flag takes every item of `items`.
AwsCall ListCall(std::vector<std::string> args, const std::set<std::string>& items,
                 const std::string& region);

/// Calls whose last flag takes `items`, at most `batch` per call (the API's own limit:
/// describe-services takes 10 services, describe-tasks and describe-clusters 100).
void AddBatched(std::vector<AwsCall>& calls, const std::vector<std::string>& args,
                const std::vector<std::string>& items, size_t batch, const std::string& region);

/// The same for a set (kept sorted, so plans are deterministic).
void AddBatched(std::vector<AwsCall>& calls, const std::vector<std::string>& args,
                const std::set<std::string>& items, size_t batch, const std::string& region);

/// The calls of a sweep's discovery for `cluster`: its services, its tasks that are running or
/// about to (PENDING ones among them: a task stuck right now), and its recently stopped tasks
/// (ECS keeps them about an hour: the start failures).
void AddClusterListCalls(const std::string& cluster, const std::string& region,
                         std::vector<AwsCall>& calls);

/// The calls of stage 3 for the VPCs: attributes, route tables, ACLs, endpoints, gateways.
void AddVpcCalls(const std::set<std::string>& vpcs, const std::string& region,
                 std::vector<AwsCall>& calls);

/// The calls of stage 3 for what the task definitions (describe-task-definition answers)
/// reference, in the task's `region` unless a reference names its own.
void AddTaskDefinitionCalls(const std::vector<ingest::AnswerRefs>& tds, const std::string& region,
                            std::vector<AwsCall>& calls);

}  // namespace fd::live
