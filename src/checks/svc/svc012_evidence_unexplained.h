#pragma once
/// SVC012 svc-evidence-unexplained: its metadata, for the engine that reports it after every
/// other check (engine/evidence.h). Registered in FD_CHECK_LIST with a Run that does nothing.

#include "checks/check.h"

namespace fd::checks {

/// Code, slug, title, severity (info), group (resources) and texts of SVC012.
const CheckInfo& Svc012Info();

}  // namespace fd::checks
