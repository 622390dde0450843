// SVC012: a message AWS wrote about a stop or failed start that no finding of this run explains.
// Reported by the engine (engine/evidence.cpp) after every other check has run, since it needs them all;
// this file holds its metadata and registers it, so `checks`, `explain`, --select and the docs
// know it. A new code: the next free one of the SVC area (docs/design/checks.md: "New checks take the next
// free code of their area").
#include "checks/svc/svc012_evidence_unexplained.h"

#include "checks/check_list.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kSvc012,
    .slug = "svc-evidence-unexplained",
    .title = "AWS recorded a failed start (or a stop) that no finding explains",
    .severity = report::Severity::kWarning,
    .group = Group::kResources,
    .rationale = "AWS wrote down why a task stopped or failed to start, but no finding of this run "
                 "explains it: the snapshot may have been taken after the fault was fixed, the cause "
                 "lies outside what was collected (a DNS firewall or appliance, another account, a "
                 "transient outage), or fargate-doctor does not know the wording. The message is "
                 "quoted with the kind of failure it records and what the snapshot cannot show. A "
                 "warning while the failure is recent (the service has not reached a steady state "
                 "since); info for a recovered failure or a deliberate stop.",
    .evidence = "describe-tasks stoppedReason and containers[].reason, and describe-services events "
                "other than routine progress, matched against the pattern table, and the findings of "
                "every other check",
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
