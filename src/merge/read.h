#pragma once
/// Reads back what fargate-doctor wrote, for `fargate-doctor merge`: a JSON report
/// (docs/design/report.md, schema fargate-doctor/report/v1) into the report::Report the JSON
/// writer rendered, or a SARIF log of ours, kept as a document. Anything else is an error naming
/// the file and where: the byte offset of a syntax error (a truncated file ends early), the JSON
/// pointer of a value of the wrong shape.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "report/report.h"
#include "util/error.h"

namespace fd::merge {

/// One input of a merge, as read.
struct Loaded {
  enum class Kind { kReport, kSarif };
  std::string file;  ///< as named on the command line
  Kind kind = Kind::kReport;
  report::Report report;  ///< kReport: the report, in the order of the file (canonical)
  nlohmann::json sarif;   ///< kSarif: the whole log, checked to be one of ours
};

/// Reads `text` (the contents of `file`). Linear in its size.
Expected<Loaded> ReadReport(std::string_view text, const std::string& file);

/// Reads the report of a JSON report document already parsed; `file` names it in errors.
Expected<report::Report> ReportFromJson(const nlohmann::json& doc, const std::string& file);

}  // namespace fd::merge
