// NET001: the subnet's default route goes to an attached internet gateway but the task ENI
// gets no public IP, so replies from the internet cannot reach it.
#include "checks/check.h"

namespace fd::checks {
namespace {

constexpr CheckInfo kInfo{
    .code = "NET001",
    .slug = "net-public-subnet-no-public-ip",
    .title = "IGW route but no public IP on the task ENI",
    .severity = report::Severity::kBlocker,
    .group = Group::kNetwork,
    .rationale = "placeholder",
    .evidence = "placeholder",
    .remediation = "placeholder",
    .references = "",
};

void Run(const CheckContext&, FindingSink&) {}

}  // namespace

const CheckDef kNet001{kInfo, &Run};

}  // namespace fd::checks
