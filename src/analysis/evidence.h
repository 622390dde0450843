#pragma once
/// Runtime evidence: what AWS already wrote down about failed starts (causes.md §1.2, §1.3).
/// Stopped tasks (stopCode, stoppedReason, containers[].reason) and service events carry
/// messages whose wording names a cause; the pattern table below turns a message into the
/// check codes it points at. The raw text is always kept, because AWS has changed the wording
/// over time and the user must be able to read what AWS actually said.

#include <functional>
#include <unordered_map>
#include <string>
#include <string_view>
#include <vector>

#include "model/model.h"

namespace fd::analysis {

struct Target;

/// One row of the pattern table that a message matched.
struct PatternMatch {
  std::string_view id;       ///< stable row name, e.g. "pull-network", "vcpu-quota"
  std::string_view meaning;  ///< what the row says the message means
  std::vector<std::string> codes;  ///< candidate check codes (NET002, CAP003, …)
};

/// Tells whether an IPv4 address is in the S3 prefix list (for "dial tcp <IP>:443" messages).
using S3AddressTest = std::function<bool(std::string_view ip)>;

/// Every row of the pattern table that `message` matches (case-insensitive substrings, tolerant
/// of the older terse and the newer sentence wordings). Empty when nothing matches.
/// `is_s3_ip` decides whether an address named in the message belongs to S3; when null, the
/// ranges quoted in causes.md (52.216.*, 52.219.*, 3.5.*, …) are used as a heuristic.
std::vector<PatternMatch> MatchMessage(std::string_view message, const S3AddressTest& is_s3_ip = nullptr);

enum class EvidenceSource { kStoppedReason, kContainerReason, kServiceEvent };
std::string_view ToString(EvidenceSource s);  ///< "stoppedReason" | "containers[].reason" | "service event"

/// One message that matched the pattern table, for one target.
struct RuntimeEvidence {
  EvidenceSource source = EvidenceSource::kStoppedReason;
  std::string resource;  ///< the task ARN, or "service event"
  std::string message;   ///< raw, as AWS wrote it
  std::string time;      ///< stoppedAt / createdAt as written ("" when absent); newest first
  std::string stop_code;   ///< the task's stopCode ("" for service events)
  std::string container;   ///< containers[].name for container reasons
  bool start_failure = false;  ///< the task stopped with TaskFailedToStart (proves a start failure)
  std::vector<std::string> codes;     ///< union of the matched rows' candidate codes, sorted
  std::vector<std::string> meanings;  ///< the matched rows' meanings, in table order

  bool Names(std::string_view code) const;
};

/// The model's tasks by cluster ARN + "\x1f" + group: the index CollectEvidence needs, built
/// once per run.
using TasksByGroup = std::unordered_map<std::string, std::vector<const model::EcsTask*>>;
TasksByGroup IndexTasksByGroup(const model::Model& model);

/// At most this many evidence items are kept per target (newest first).
inline constexpr size_t kMaxEvidencePerTarget = 20;

/// The messages of `target` that match the table: a task target's own task; a service target's
/// events and the stopped tasks of the service (group "service:<name>" in the same cluster).
std::vector<RuntimeEvidence> CollectEvidence(const model::Model& model, const Target& target,
                                             const TasksByGroup& tasks_by_group);

}  // namespace fd::analysis
