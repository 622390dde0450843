// SVC012: a stopped task's message names a cause that no finding of this run explains. Reported
// by the engine (engine/evidence.cpp) after every other check has run, since it needs them all;
// this file holds its metadata and registers it, so `checks`, `explain`, --select and the docs
// know it. A new code: the next free one of the SVC area (checks.md: "New checks take the next
// free code of their area").
#include "checks/svc/svc012_evidence_unexplained.h"

#include "checks/check_list.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = "SVC012",
    .slug = "svc-evidence-unexplained",
    .title = "a stopped task names a cause the configuration does not show",
    .severity = report::Severity::kInfo,
    .group = Group::kResources,
    .rationale = "AWS wrote down why a task failed to start, but the configuration in the snapshot "
                 "shows no fault of that kind: the snapshot may have been taken after the fault was "
                 "fixed, or the cause lies outside what was collected (another account, a firewall "
                 "appliance, a resolver, a policy).",
    .evidence = "describe-tasks stoppedReason and containers[].reason matched against the pattern "
                "table, and the findings of every other check",
    .remediation = "Collect a fresh snapshot right after a failed start, including the data sets the "
                   "message points at, and diagnose again.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/stopped-task-errors.html",
};

// Nothing to do in the checks pass: the engine reports SVC012 once all findings exist.
void Run(const CheckContext&, FindingSink&) {}

}  // namespace

const CheckInfo& Svc012Info() { return kInfo; }
const CheckDef kSvc012{kInfo, &Run};

}  // namespace fd::checks
