#pragma once
/// A check is data plus one function (clang-tidy, Ruff): its CheckInfo is the single source for
/// `checks`, `explain`, the generated docs and SARIF rules; its Run reads the model and the
/// analysis (targets, dependencies, traces) and reports findings through a sink. Checks never
/// see JSON and cannot fail: missing data is reported as `unchecked`, never silently passed.

#include <span>
#include <string>
#include <unordered_map>
#include <string_view>
#include <vector>

#include "analysis/analysis.h"
#include "model/model.h"
#include "report/codes.h"
#include "report/report.h"

namespace fd::checks {

enum class Group { kNetwork, kIam, kResources };
std::string_view ToString(Group g);

struct CheckInfo {
  Code code;               ///< NET001 — stable, never reused (docs/design/checks.md)
  std::string_view slug;   ///< net-public-subnet-no-public-ip — names the problem
  std::string_view title;  ///< one line, no trailing period
  report::Severity severity;
  Group group;
  std::string_view rationale;    ///< why this keeps a task from starting
  std::string_view evidence;     ///< which API fields it reads
  std::string_view remediation;  ///< what to change, in words
  std::string_view references;   ///< AWS documentation, space-separated URLs
};

class FindingSink;
class Memo;  // checks/memo.h

/// What a check reads: the model, and the analysed targets of this run of the checks (the
/// engine runs them over slices of all targets, engine/diagnose.cpp). `memo` holds results
/// several checks derive from the same target (the IAM evaluation of its start), computed once
/// per diagnosis; the engine owns it.
struct CheckContext {
  const model::Model& model;
  std::span<const analysis::TargetAnalysis> targets;
  Memo& memo;
};

using RunFn = void (*)(const CheckContext&, FindingSink&);

struct CheckDef {
  CheckInfo info;
  RunFn run;
};

/// Collects findings and coverage gaps. Findings with the same (target, code, resource) are
/// merged: their evidence is concatenated, so one root cause is one finding.
class FindingSink {
 public:
  /// Adds (or extends) the finding for this target, check and resource. The message of the
  /// first report wins; `severity` defaults to the check's.
  report::Finding& Report(const CheckInfo& info, const analysis::Target& target,
                          const std::string& resource, std::string message);
  void Unchecked(const CheckInfo& info, std::string reason);

  std::vector<report::Finding> TakeFindings();
  std::vector<report::Unchecked> TakeUnchecked();

 private:
  std::vector<report::Finding> findings_;
  std::unordered_map<std::string, size_t> index_;  ///< target \x1f code \x1f resource
  std::vector<report::Unchecked> unchecked_;
};

/// Every registered check, sorted by code.
std::span<const CheckDef* const> AllChecks();
/// By code ("NET002", case-insensitive) or slug; nullptr when unknown.
const CheckDef* FindCheck(std::string_view code_or_slug);
/// True when `code` is selected by --select/--ignore lists of code prefixes or slugs
/// (Ruff semantics: empty select = all; ignore wins over a less specific select).
bool IsSelected(const CheckInfo& info, const std::vector<std::string>& select,
                const std::vector<std::string>& ignore);

}  // namespace fd::checks
