// TD011: ephemeralStorage.sizeInGiB of the task definition outside 21–200 (docs/design/causes.md §1.5).
// Only the task definition's value is read: a task object's 20 is the effective default.
#include "checks/check_util.h"
#include "checks/td/td_rules.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = Code::kTd011,
    .slug = "td-ephemeral-size",
    .title = "ephemeralStorage.sizeInGiB outside 21–200 -> registration error (see 1.5)",
    .severity = report::Severity::kBlocker,
    .group = Group::kResources,
    .rationale = "Fargate gives every task 20 GiB of ephemeral storage; a task definition may ask "
                 "for 21 to 200 GiB, and ECS rejects any other sizeInGiB "
                 "('EphemeralStorage size should be at least 21').",
    .evidence = "task definition ephemeralStorage.sizeInGiB",
    .remediation = "Remove ephemeralStorage to keep the 20 GiB default, or ask for 21–200 GiB.",
    .references = "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_EphemeralStorage.html",
};

void Run(const CheckContext& ctx, FindingSink& sink) {
  for (const auto& ta : ctx.targets) {
    const auto& t = ta.target;
    const model::TaskDefinition* td = t.task_definition;
    if (!td || !td->ephemeral_storage_gib) continue;
    const int size = *td->ephemeral_storage_gib;
    if (size >= 21 && size <= 200) continue;
    const std::string resource = td::TaskDefinitionResource(*td);
    auto& f = sink.Report(kInfo, t, resource,
                          td->DisplayName() + " asks for " + std::to_string(size) +
                              " GiB of ephemeral storage, outside 21–200");
    f.evidence.push_back({resource, "ephemeralStorage.sizeInGiB is " + std::to_string(size)});
    f.fix = report::Fix::Of("ask for 21–200 GiB, or drop ephemeralStorage for the 20 GiB default",
             {td::NewRevision(t, size < 21 ? "remove \"ephemeralStorage\" (20 GiB default) or set "
                                                    "\"sizeInGiB\": 21"
                                                  : "set \"ephemeralStorage\": {\"sizeInGiB\": 200}")});
  }
}

}  // namespace

const CheckDef kTd011{kInfo, &Run};

}  // namespace fd::checks
