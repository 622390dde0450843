#pragma once
/// The verdict as the Markdown and HTML reports headline it ("AT RISK", with a space: these are
/// read, not parsed; the text report keeps the JSON value's spelling, "AT-RISK").

#include <string_view>

#include "report/report.h"

namespace fd::writers {

inline std::string_view VerdictWord(report::Verdict v) {
  switch (v) {
    case report::Verdict::kBlocked: return "BLOCKED";
    case report::Verdict::kAtRisk: return "AT RISK";
    case report::Verdict::kInconclusive: return "INCONCLUSIVE";
    case report::Verdict::kOk: return "OK";
  }
  return "?";
}

}  // namespace fd::writers
