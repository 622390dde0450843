#pragma once
/// A report of many accounts and Regions (a merge of shards, a scan of an organization): its
/// targets grouped by account, then Region, with the counts the text and Markdown reports put
/// first. A report of one account and one Region has one scope, and the writers then render
/// it exactly as they always did.

#include <array>
#include <map>
#include <string>
#include <vector>

#include "report/report.h"

namespace fd::writers {

/// The account and Region of a target, from its ARN (arn:PARTITION:ecs:REGION:ACCOUNT:...);
/// "" for a target without one (a task definition file not yet registered).
std::string AccountOf(const report::Target& t);
std::string RegionOf(const report::Target& t);

/// Counts of targets by verdict (indexed by report::Verdict) and of their findings by
/// severity (indexed by report::Severity).
struct Counts {
  std::array<size_t, 4> verdicts{};
  std::array<size_t, 3> severities{};
  size_t targets = 0;
};

/// The targets of one account and Region ("" where unknown), in the report's order.
struct Scope {
  std::string account;
  std::string region;
  std::vector<const report::Target*> targets;
  std::vector<const report::Finding*> findings;  ///< of these targets
  Counts counts;
};

struct Scopes {
  std::vector<Scope> scopes;  ///< by account, then Region
  Counts total;
  std::map<std::string, size_t> findings_by_code;  ///< every finding, by check code
  std::vector<const report::Finding*> orphans;    ///< findings of no target in the report
  size_t accounts = 0;
  size_t regions = 0;  ///< distinct Regions over all accounts
};

/// True when the targets span more than one account or Region.
bool ManyScopes(const report::Report& r);

/// The report's targets by scope, with their counts. Linear in targets and findings.
Scopes GroupByScope(const report::Report& r);

/// The part of a report about one scope: its targets and their findings (coverage, notes and
/// VPC maps are the whole report's, rendered once after the scopes).
report::Report ScopeReport(const Scope& s);

/// "2 blocked, 1 at-risk, 3 ok": the verdicts that occur, worst first.
std::string VerdictCounts(const Counts& c);
/// "2 blockers, 0 warnings, 1 info".
std::string SeverityCounts(const Counts& c);
/// "IAM006 1, NET002 2", or "none".
std::string CodeCounts(const Scopes& s);

/// "account 111122223333, Region eu-west-3" ("unknown account", "unknown Region" when "").
std::string ScopeName(const Scope& s);

}  // namespace fd::writers
