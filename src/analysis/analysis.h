#pragma once
/// What the checks reason about, computed once per run: the targets (a service, a task, or a
/// task definition about to be run), what each start needs to reach (needs.h, docs/design/causes.md §1.7),
/// and for every (subnet, need) the path a packet takes with the first things that stop it
/// (analysis/trace/trace.h, docs/design/causes.md §1.9). Checks only filter and word these results, so two checks can
/// never disagree about a path.

#include <optional>
#include <string>
#include <vector>

#include "analysis/evidence.h"
#include "model/model.h"
#include "report/codes.h"
#include "report/report.h"

namespace fd::analysis {

enum class TargetKind { kService, kTask, kTaskDefinition };
std::string_view ToString(TargetKind k);  ///< "service" | "task" | "task-definition"

/// A thing that should start: its task definition, where it is placed, and how.
struct Target {
  TargetKind kind = TargetKind::kService;
  std::string name;  ///< service name, task id, or task definition family:revision
  std::string arn;   ///< "" for a task definition file not yet registered
  std::string region;
  std::string account;
  std::string cluster_arn;
  const model::EcsService* service = nullptr;
  const model::EcsTask* task = nullptr;
  const model::TaskDefinition* task_definition = nullptr;  ///< nullptr when not in the input
  std::string task_definition_ref;  ///< what the service or task names

  std::vector<std::string> subnets;
  std::vector<std::string> security_groups;  ///< as configured; empty = VPC default SG
  bool assign_public_ip = false;
  std::string assign_public_ip_raw;  ///< ENABLED | DISABLED | "" (absent) | anything else
  bool network_configuration_present = false;
  /// A stopped task whose ENI is gone (and no service names it) leaves its security groups and
  /// public IP unknown: describe-tasks does not return RunTask's network configuration.
  bool security_groups_known = true;
  bool public_ip_known = true;
  std::string launch_type;  ///< FARGATE, EC2, or "" (capacity provider strategy)
  std::vector<model::CapacityProviderItem> capacity_provider_strategy;
  std::string platform_version;             ///< resolved: "1.4.0", "1.3.0", "1.0.0" (Windows)
  std::string platform_version_configured;  ///< as written: LATEST, 1.4.0, ""
  bool windows = false;

  /// The ARN when there is one, else the name: what findings name as their target.
  const std::string& Key() const { return arn.empty() ? name : arn; }
  bool IsFargate() const;
};

enum class NeedKind {
  kInterfaceService,  ///< an AWS API reachable by an interface endpoint (ecr.api, logs, …)
  kS3,                ///< S3 through a gateway endpoint or the internet (layers, env files)
  kRegistry,          ///< a registry no endpoint serves: internet only
  kEfs,               ///< NFS (tcp 2049) to the EFS mount target of the task's zone
};

/// One destination a start must reach.
struct Need {
  std::string service;  ///< ecr.api | ecr.dkr | s3 | logs | secretsmanager | ssm | registry:<host> | efs:<fs-id>
  NeedKind kind = NeedKind::kInterfaceService;
  std::string region;   ///< the region of the resource (may differ from the task's: VPCE012)
  std::string host;     ///< api.ecr.eu-west-3.amazonaws.com, …
  std::vector<std::string> reasons;  ///< "image … (container web)", …: why it is needed
  bool cross_region = false;
  /// A registry need that exists only because a pull-through cache rule must fetch the image
  /// from its upstream on the first pull (kRegistry; the image itself is private ECR).
  bool first_pull = false;

  std::string NeededBecause() const;  ///< reasons joined with "; "
  /// kEfs: the file system whose mount target is reached ("fs-…"); "" for other kinds.
  std::string FileSystemId() const;
  /// The service name of the NFS need of file system `fs_id`.
  static std::string EfsService(const std::string& fs_id);
};

/// Placeholders a Fault's resource may hold while a path is traced, so that one trace can be
/// shared by every target placed the same way; Analyze() replaces them with the target's own
/// key and task definition before any check sees them.
inline constexpr std::string_view kThisTarget = "\x01target";
inline constexpr std::string_view kThisTaskDefinition = "\x01task-definition";

/// A root cause found on a path: the code of the check that reports it, the resource the user
/// must change, and the claim that proves it.
struct Fault {
  Code code;
  report::Severity severity = report::Severity::kBlocker;
  std::string resource;
  std::string claim;
  /// For a filter fault (security group, network ACL): the flow a rule on `resource` must
  /// admit to clear it, so a planner can assume that rule and trace again.
  struct Opening {
    bool egress = true;
    PortRange ports{443, 443};
    std::string cidr;         ///< "0.0.0.0/0", a subnet's CIDR; "" when by reference
    std::string prefix_list;  ///< pl-… (security groups only)
    std::string group;        ///< a referenced sg-… (security groups only)
    /// Network ACLs: the number of the entry that denies; a new entry must be numbered below
    /// it to take effect (0: no entry denied, the ACL's implicit deny did).
    int deny_rule = 0;
  };
  std::optional<Opening> opening;
};

/// Data a check needed and the input lacks: the check's code and what to collect. The report
/// words it as an `unchecked` entry (report::Unchecked).
struct Gap {
  Code code;
  std::string reason;
};

/// One (subnet, need) evaluation.
struct PathResult {
  const Need* need = nullptr;
  std::string subnet_id;
  std::optional<bool> reachable;
  std::string via;  ///< nat-… | igw-… | vpce-… | local | ""
  report::Trace trace;
  std::vector<Fault> faults;  ///< in the order met; the first blocker is the primary cause
  std::vector<Gap> unchecked;
};

struct TargetAnalysis {
  Target target;
  std::vector<Need> needs;
  std::vector<PathResult> paths;  ///< needs × subnets, need-major
  std::vector<Gap> unchecked;  ///< target-level gaps (no task definition, …)
  /// Every distinct message AWS wrote about stops and failed starts of this target (stopped
  /// tasks, non-routine service events), matched against the pattern table (evidence.h), newest
  /// first.
  std::vector<RuntimeEvidence> evidence;
};

struct Analysis {
  std::vector<TargetAnalysis> targets;
};

}  // namespace fd::analysis
