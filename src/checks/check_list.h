#pragma once
/// The explicit registry (ninja kTools[], Ruff codes.rs): a check definition per entry of the
/// one code list, FD_CHECK_LIST in report/codes.h (which also makes each entry a typed `Code`).
/// No static self-registration: an unregistered check shows in review and in `checks`.

#include "checks/check.h"
#include "report/codes.h"

namespace fd::checks {
#define FD_DECLARE(var) extern const CheckDef var;
FD_CHECK_LIST(FD_DECLARE)
#undef FD_DECLARE
}  // namespace fd::checks
