#pragma once
/// The explicit registry (ninja kTools[], Ruff codes.rs): one line per check, sorted by code.
/// No static self-registration: an unregistered check shows in review and in `checks`.

#include "checks/check.h"

// clang-format off
#define FD_CHECK_LIST(X) \
  X(kNet001)

namespace fd::checks {
#define FD_DECLARE(var) extern const CheckDef var;
FD_CHECK_LIST(FD_DECLARE)
#undef FD_DECLARE
}  // namespace fd::checks
// clang-format on
