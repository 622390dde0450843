#pragma once
/// SARIF 2.1.0 as GitHub code scanning reads it (`--format sarif`): one run whose tool.driver
/// lists a rule for every registered check (from checks::AllChecks(), so new checks appear
/// without edits here) and one result per finding. A finding of a template or plan points at
/// the file, line and column that declare its resource (and names the declaration as a logical
/// location), so code scanning annotates that line. A snapshot has no source file per finding
/// (findings are about AWS resources, not lines), and GitHub drops results without a physical
/// location, so those point at the pseudo artifact kSarifArtifactUri, line 1; the real
/// places are the logical locations (resource and target), evidence is relatedLocations, the
/// broken dependency's trace is codeFlows, and the fix commands are result.properties.fix.
/// Deterministic: the same report gives byte-identical output.

#include <string>
#include <string_view>

#include "report/report.h"

namespace fd::writers {

/// The artifact every result's physicalLocation names (GitHub requires one per result).
inline constexpr std::string_view kSarifArtifactUri = "fargate-doctor-report";

/// The report as a SARIF 2.1.0 log; ends with a newline. Canonicalizes a copy first.
std::string RenderSarif(report::Report report);

/// The stable fingerprint of a finding, partialFingerprints["fargateDoctor/v1"]: 16 hex digits
/// of FNV-1a 64 over code, target and resource (so it survives message and evidence edits).
std::string SarifFingerprint(const report::Finding& finding);

}  // namespace fd::writers
