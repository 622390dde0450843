#pragma once
/// Runtime evidence: what AWS already wrote down about failed starts (docs/design/causes.md §1.2, §1.3).
/// Stopped tasks (stopCode, stoppedReason, containers[].reason) and service events carry
/// messages whose wording names a cause; the pattern table below turns a message into the
/// check codes it points at. The raw text is always kept, because AWS has changed the wording
/// over time and the user must be able to read what AWS actually said.

#include <functional>
#include <unordered_map>
#include <string>
#include <string_view>
#include <vector>

#include "model/fwd.h"
#include "report/codes.h"

namespace fd::analysis {

struct Target;

/// What kind of failure a message records: the report names it, and says what the snapshot
/// cannot show about that kind when no finding explains the message.
enum class FailureKind {
  kNetwork, kImage, kPlatform, kRegistryAuth, kSecrets, kLogs, kEfs, kRole, kPermission,
  kCapacity, kAddresses, kConfiguration, kSymptom, kApplication,
  kNotAFailure,   ///< a task stopped by a user, a deployment or AWS (stopCode), no row matched
  kUnrecognised,  ///< no row of the table knows the wording; still reported, never dropped
};
struct FailureKindText {
  std::string_view label;        ///< "network timeout", "unrecognised", …
  std::string_view cannot_show;  ///< what outside the snapshot could explain such a failure
};
const FailureKindText& Describe(FailureKind kind);

/// One row of the pattern table that a message matched.
struct PatternMatch {
  std::string_view id;       ///< stable row name, e.g. "pull-network", "vcpu-quota"
  FailureKind kind = FailureKind::kUnrecognised;
  std::string_view meaning;  ///< what the row says the message means
  std::vector<Code> codes;  ///< candidate check codes (NET002, CAP003, …), in code order
};

/// Tells whether an IPv4 address is in the S3 prefix list (for "dial tcp <IP>:443" messages).
using S3AddressTest = std::function<bool(std::string_view ip)>;

/// Every row of the pattern table that `message` matches (case-insensitive substrings, tolerant
/// of the older terse and the newer sentence wordings). Empty when nothing matches.
/// `is_s3_ip` decides whether an address named in the message belongs to S3; when null, the
/// ranges quoted in docs/design/causes.md (52.216.*, 52.219.*, 3.5.*, …) are used as a heuristic.
std::vector<PatternMatch> MatchMessage(std::string_view message, const S3AddressTest& is_s3_ip = nullptr);

enum class EvidenceSource { kStoppedReason, kContainerReason, kServiceEvent };
std::string_view ToString(EvidenceSource s);  ///< "stoppedReason" | "containers[].reason" | "service event"

/// One message AWS wrote about a stop or a failed start of one target, matched or not.
struct RuntimeEvidence {
  EvidenceSource source = EvidenceSource::kStoppedReason;
  std::string resource;  ///< the task ARN, or "service event"
  std::string message;   ///< raw, as AWS wrote it
  std::string time;      ///< stoppedAt / createdAt as written ("" when absent); newest first
  std::string stop_code;   ///< the task's stopCode ("" for service events)
  std::string container;   ///< containers[].name for container reasons
  bool start_failure = false;  ///< the task stopped with TaskFailedToStart (proves a start failure)
  /// A failed start the service has not recovered from since: a TaskFailedToStart task or a
  /// failure event, newer than the service's last "steady state" event. Such a message keeps
  /// the target's verdict from "ok" even when no finding explains it.
  bool recent_failure = false;
  FailureKind kind = FailureKind::kUnrecognised;  ///< the first matched row's kind
  std::vector<Code> codes;            ///< union of the matched rows' candidate codes, sorted
  std::vector<std::string> meanings;  ///< the matched rows' meanings, in table order

  bool Names(Code code) const;
};

/// The model's tasks by cluster ARN + "\x1f" + group: the index CollectEvidence needs, built
/// once per run.
using TasksByGroup = std::unordered_map<std::string, std::vector<const model::EcsTask*>>;
TasksByGroup IndexTasksByGroup(const model::Model& model);

/// Whether a service event only reports routine progress (steady state, tasks started or
/// stopped, targets registered, a deployment completed). Every other event is kept as evidence.
bool IsRoutineEvent(std::string_view message);

/// The messages of `target`, one item per distinct message, newest first: a task target's own
/// task; a service target's non-routine events and the tasks of the service (group
/// "service:<name>" in the same cluster). Every stoppedReason and containers[].reason is kept,
/// whether the table knows it or not (kind kUnrecognised), so that none is dropped.
std::vector<RuntimeEvidence> CollectEvidence(const model::Model& model, const Target& target,
                                             const TasksByGroup& tasks_by_group);

}  // namespace fd::analysis
